import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rotation figures (GET /reports/rotations) count rotations by the destination committee's level. The
 * rotation keeps that level itself, from the moment it is proposed: a caller reads a rotation proposed in
 * its subtree whose destination lies elsewhere (another district under the same province), and row-level
 * security hides that committee's row from it, so a join could not tell the level. Levels are national
 * reference data (committee_level), so copying one onto the row shows nothing the caller could not know.
 *
 * The figures of a period read rotation_period_idx alone (index-only): the start dates, the two committees
 * the scope and the filter test, and the four dimensions. On the scale set (13,503 rotations) a national year
 * otherwise read the whole table; a province's figures go through rotation_committee_idx as before.
 */
export class RotationReport1765900000000 implements MigrationInterface {
  name = 'RotationReport1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rotation ADD COLUMN destination_level text REFERENCES committee_level(code)`);
    await q.query(`UPDATE rotation r SET destination_level = c.level_code FROM committee c WHERE c.id = r.destination_committee_id`);
    await q.query(`ALTER TABLE rotation ALTER COLUMN destination_level SET NOT NULL`);
    await q.query(
      `CREATE INDEX rotation_period_idx ON rotation (starts_on) INCLUDE (committee_id, destination_committee_id, direction, type, destination_level, state)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rotation_period_idx`);
    await q.query(`ALTER TABLE rotation DROP COLUMN destination_level`);
  }
}
