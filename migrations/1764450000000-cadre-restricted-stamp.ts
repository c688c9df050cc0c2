import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cadre file's change stamp in two parts. `version` / `updated_at` move with every change a reader
 * of the public fields can see; `restricted_version` / `restricted_updated_at` move when a write
 * changed only the restricted groups (discipline, notes, family). Callers who may not read those
 * groups see the public stamp alone, so a restricted-only change is invisible to them; readers of the
 * restricted groups see the sum, which moves on every change (cadre.mappers.ts, `stampOf`).
 * Both additions are metadata-only in PostgreSQL (a constant default, a nullable column): no rewrite.
 */
export class CadreRestrictedStamp1764450000000 implements MigrationInterface {
  name = 'CadreRestrictedStamp1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cadre ADD COLUMN restricted_version int NOT NULL DEFAULT 0, ADD COLUMN restricted_updated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cadre DROP COLUMN restricted_updated_at, DROP COLUMN restricted_version`);
  }
}
