import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The age tally carries its committee's pre-order number, as `cadre_tally` always has, so row-level
 * security checks it with one range test per row (`committee_pre <@ scope`). The policy of migration
 * 1764600000000 looked the committee up for every row instead: a correlated sub-plan over the
 * ~560,000 tally rows of the whole country, which made the national roll-up 3.7 s (bench.md
 * `report-rollup`: ≤ 1 s). The trigger function keeps the number in step exactly as for `cadre_tally`
 * (a renumbering moves every file's `committee_pre`, and each move re-adds the file under the new number).
 */
const TALLY_ADD = (withPre: boolean) => `
  CREATE OR REPLACE FUNCTION cadre_tally_add(p_committee uuid, p_pre bigint, p_gender text, p_status text, p_birth date, p_delta int)
  RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO cadre_tally AS t (committee_id, committee_pre, gender, status, n) VALUES (p_committee, p_pre, p_gender, p_status, p_delta)
      ON CONFLICT (committee_id, gender, status) DO UPDATE SET n = t.n + EXCLUDED.n, committee_pre = EXCLUDED.committee_pre;
    ${
      withPre
        ? `INSERT INTO cadre_age_tally AS t (committee_id, committee_pre, gender, birth_year, n)
         VALUES (p_committee, p_pre, p_gender, extract(year FROM p_birth)::int, p_delta)
      ON CONFLICT (committee_id, gender, birth_year) DO UPDATE SET n = t.n + EXCLUDED.n, committee_pre = EXCLUDED.committee_pre;`
        : `INSERT INTO cadre_age_tally AS t (committee_id, gender, birth_year, n) VALUES (p_committee, p_gender, extract(year FROM p_birth)::int, p_delta)
      ON CONFLICT (committee_id, gender, birth_year) DO UPDATE SET n = t.n + EXCLUDED.n;`
    }
  END $$`;

const REBUILD = (withPre: boolean) => `
  CREATE OR REPLACE FUNCTION rebuild_cadre_tallies() RETURNS void LANGUAGE sql AS $$
    DELETE FROM cadre_tally;
    DELETE FROM cadre_age_tally;
    INSERT INTO cadre_tally (committee_id, committee_pre, gender, status, n)
      SELECT committee_id, min(committee_pre), gender, status, count(*) FROM cadre WHERE archived_at IS NULL GROUP BY committee_id, gender, status;
    ${
      withPre
        ? `INSERT INTO cadre_age_tally (committee_id, committee_pre, gender, birth_year, n)
      SELECT committee_id, min(committee_pre), gender, extract(year FROM date_of_birth)::int, count(*) FROM cadre WHERE archived_at IS NULL
       GROUP BY committee_id, gender, extract(year FROM date_of_birth)::int;`
        : `INSERT INTO cadre_age_tally (committee_id, gender, birth_year, n)
      SELECT committee_id, gender, extract(year FROM date_of_birth)::int, count(*) FROM cadre WHERE archived_at IS NULL
       GROUP BY committee_id, gender, extract(year FROM date_of_birth)::int;`
    }
  $$`;

export class CadreAgeTallyPre1764700000000 implements MigrationInterface {
  name = 'CadreAgeTallyPre1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cadre_age_tally ADD COLUMN committee_pre bigint`);
    await q.query(`UPDATE cadre_age_tally t SET committee_pre = c.pre FROM committee c WHERE c.id = t.committee_id`);
    await q.query(`ALTER TABLE cadre_age_tally ALTER COLUMN committee_pre SET NOT NULL`);
    await q.query(`CREATE INDEX cadre_age_tally_pre_idx ON cadre_age_tally (committee_pre) INCLUDE (gender, birth_year, n)`);
    await q.query(TALLY_ADD(true));
    await q.query(REBUILD(true));
    await q.query(`ALTER POLICY cadre_age_tally_scope ON cadre_age_tally USING (committee_pre <@ (SELECT canbo_scope()))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER POLICY cadre_age_tally_scope ON cadre_age_tally USING (
        (SELECT canbo_scope()) = '{(,)}'::int8multirange
        OR EXISTS (SELECT 1 FROM committee c WHERE c.id = cadre_age_tally.committee_id AND c.pre <@ (SELECT canbo_scope())))`);
    await q.query(REBUILD(false));
    await q.query(TALLY_ADD(false));
    await q.query(`DROP INDEX cadre_age_tally_pre_idx`);
    await q.query(`ALTER TABLE cadre_age_tally DROP COLUMN committee_pre`);
  }
}
