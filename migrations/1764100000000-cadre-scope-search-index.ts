import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Current files in tree order with what a filtered list tests (gender, status, folded name): a name
 * search over a province walks this index alone, without visiting the table, and stops at a page.
 */
export class CadreScopeSearchIndex1764100000000 implements MigrationInterface {
  name = 'CadreScopeSearchIndex1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX cadre_scope_search_idx ON cadre (committee_pre, id) INCLUDE (gender, status, name_search) WHERE archived_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cadre_scope_search_idx`);
  }
}
