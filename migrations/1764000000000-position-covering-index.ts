import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lists show each cadre's current positions: with the columns they need in the index, those come
 * from index-only scans instead of one heap visit per listed cadre (bench.md `list-district`).
 */
export class PositionCoveringIndex1764000000000 implements MigrationInterface {
  name = 'PositionCoveringIndex1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cadre_position_cadre_idx`);
    await q.query(
      `CREATE INDEX cadre_position_cadre_idx ON cadre_position (cadre_id, started_on) INCLUDE (ended_on, concurrent, title, organisation)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cadre_position_cadre_idx`);
    await q.query(`CREATE INDEX cadre_position_cadre_idx ON cadre_position (cadre_id, started_on)`);
  }
}
