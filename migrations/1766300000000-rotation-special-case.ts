import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rotation approved as a special case (QĐ 65 Art. 5 and 8: under 10 years of remaining service, or under
 * 36 months, "decided by the competent level"): the approving level's reason and the checks it decided past,
 * kept on the rotation itself so that every reader of it sees the exception, not only the audit trail.
 */
export class RotationSpecialCase1766300000000 implements MigrationInterface {
  name = 'RotationSpecialCase1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rotation ADD COLUMN special_case jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rotation DROP COLUMN special_case`);
  }
}
