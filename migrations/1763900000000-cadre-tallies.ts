import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running tallies of cadre files, kept exact by triggers in the same transaction as each change:
 * list totals and roll-ups over a subtree read a few thousand tally rows instead of counting up to
 * a million files (bench.md: `list-total`, `report-rollup`).
 *
 * - `cadre_tally`: per committee × gender × status (totals behind lists), with the committee's `pre`.
 * - `cadre_age_tally`: per committee × gender × birth year (roll-ups by age band).
 * Archived files count in neither. `rebuild_cadre_tallies()` recomputes both (bulk loads disable
 * the triggers and call it once at the end).
 */
export class CadreTallies1763900000000 implements MigrationInterface {
  name = 'CadreTallies1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cadre_tally (
        committee_id uuid NOT NULL REFERENCES committee(id),
        committee_pre bigint NOT NULL,
        gender text NOT NULL,
        status text NOT NULL,
        n int NOT NULL,
        PRIMARY KEY (committee_id, gender, status)
      )`);
    await q.query(`CREATE INDEX cadre_tally_pre_idx ON cadre_tally (committee_pre) INCLUDE (gender, status, n)`);
    await q.query(`
      CREATE TABLE cadre_age_tally (
        committee_id uuid NOT NULL REFERENCES committee(id),
        gender text NOT NULL,
        birth_year int NOT NULL,
        n int NOT NULL,
        PRIMARY KEY (committee_id, gender, birth_year)
      )`);

    await q.query(`
      CREATE FUNCTION cadre_tally_add(p_committee uuid, p_pre bigint, p_gender text, p_status text, p_birth date, p_delta int)
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO cadre_tally AS t (committee_id, committee_pre, gender, status, n) VALUES (p_committee, p_pre, p_gender, p_status, p_delta)
          ON CONFLICT (committee_id, gender, status) DO UPDATE SET n = t.n + EXCLUDED.n, committee_pre = EXCLUDED.committee_pre;
        INSERT INTO cadre_age_tally AS t (committee_id, gender, birth_year, n) VALUES (p_committee, p_gender, extract(year FROM p_birth)::int, p_delta)
          ON CONFLICT (committee_id, gender, birth_year) DO UPDATE SET n = t.n + EXCLUDED.n;
      END $$`);
    await q.query(`
      CREATE FUNCTION cadre_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.archived_at IS NULL THEN
          PERFORM cadre_tally_add(OLD.committee_id, OLD.committee_pre, OLD.gender, OLD.status, OLD.date_of_birth, -1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.archived_at IS NULL THEN
          PERFORM cadre_tally_add(NEW.committee_id, NEW.committee_pre, NEW.gender, NEW.status, NEW.date_of_birth, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER cadre_tally_ins_del AFTER INSERT OR DELETE ON cadre FOR EACH ROW EXECUTE FUNCTION cadre_tally_trigger()`);
    await q.query(`
      CREATE TRIGGER cadre_tally_upd AFTER UPDATE OF committee_id, committee_pre, gender, status, date_of_birth, archived_at ON cadre
      FOR EACH ROW WHEN (
        (OLD.committee_id, OLD.committee_pre, OLD.gender, OLD.status, OLD.date_of_birth, OLD.archived_at IS NULL)
        IS DISTINCT FROM (NEW.committee_id, NEW.committee_pre, NEW.gender, NEW.status, NEW.date_of_birth, NEW.archived_at IS NULL))
      EXECUTE FUNCTION cadre_tally_trigger()`);
    await q.query(`
      CREATE FUNCTION rebuild_cadre_tallies() RETURNS void LANGUAGE sql AS $$
        DELETE FROM cadre_tally;
        DELETE FROM cadre_age_tally;
        INSERT INTO cadre_tally (committee_id, committee_pre, gender, status, n)
          SELECT committee_id, min(committee_pre), gender, status, count(*) FROM cadre WHERE archived_at IS NULL GROUP BY committee_id, gender, status;
        INSERT INTO cadre_age_tally (committee_id, gender, birth_year, n)
          SELECT committee_id, gender, extract(year FROM date_of_birth)::int, count(*) FROM cadre WHERE archived_at IS NULL
           GROUP BY committee_id, gender, extract(year FROM date_of_birth)::int;
      $$`);
    await q.query(`SELECT rebuild_cadre_tallies()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER cadre_tally_upd ON cadre`);
    await q.query(`DROP TRIGGER cadre_tally_ins_del ON cadre`);
    await q.query(`DROP FUNCTION rebuild_cadre_tallies()`);
    await q.query(`DROP FUNCTION cadre_tally_trigger()`);
    await q.query(`DROP FUNCTION cadre_tally_add(uuid, bigint, text, text, date, int)`);
    await q.query(`DROP TABLE cadre_age_tally`);
    await q.query(`DROP TABLE cadre_tally`);
  }
}
