import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An appointment may name its post from the titles catalogue (planning_title.code, GET /titles): then
 * the "in planning for the title" condition (domain.md §7.2) is checked against the approved planning.
 * Optional: a post outside the catalogue keeps only its free-text title.
 */
export class AppointmentTitleCode1765400000000 implements MigrationInterface {
  name = 'AppointmentTitleCode1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE appointment ADD COLUMN title_code text REFERENCES planning_title(code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE appointment DROP COLUMN title_code`);
  }
}
