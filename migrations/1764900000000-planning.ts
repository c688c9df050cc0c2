import { MigrationInterface, QueryRunner } from 'typeorm';
import { TITLES_SEED } from '@canbo/planning';

/**
 * Planning (quy hoạch, domain.md §3): the titles catalogue (national reference data, no committee, no
 * row-level security), the planning cycles of each committee for a pair of terms, and their nominations
 * with each conference's vote.
 *
 * Tenant-owned, under row-level security like deadline (migration 1764600000000): a cycle when its
 * committee is in the scope, a nomination when its cycle is. The competent level that approves a cycle
 * is the committee above, whose subtree holds it, so its board sees the rows it decides on.
 */
const SCOPE = `(SELECT canbo_scope())`;

export class Planning1764900000000 implements MigrationInterface {
  name = 'Planning1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE planning_title (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]*\\.[a-z][a-z0-9-]*$'),
        level_code text NOT NULL REFERENCES committee_level(code),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        rank int NOT NULL CHECK (rank > 0),
        managed_by_level text NOT NULL REFERENCES committee_level(code),
        UNIQUE (level_code, name)
      )`);
    const titles = TITLES_SEED.map((t) => [t.code, t.levelCode, t.name, t.rank, t.managedByLevel]);
    await q.query(
      `INSERT INTO planning_title (code, level_code, name, rank, managed_by_level)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[])`,
      Array.from({ length: 5 }, (_, i) => titles.map((row) => row[i])),
    );

    await q.query(`
      CREATE TABLE planning_cycle (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        committee_id uuid NOT NULL REFERENCES committee(id),
        approver_committee_id uuid NOT NULL REFERENCES committee(id),
        party_term_from int NOT NULL CHECK (party_term_from BETWEEN 2000 AND 2100),
        state_term_from int NOT NULL CHECK (state_term_from BETWEEN 2000 AND 2100),
        reference_date date NOT NULL,
        state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'under_appraisal', 'approved', 'returned')),
        submission_due_on date NOT NULL,
        submitted_by uuid REFERENCES app_user(id),
        submitted_at timestamptz,
        approved_by uuid REFERENCES app_user(id),
        approved_at timestamptz,
        decision_ref text,
        return_reason text,
        created_by uuid REFERENCES app_user(id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'approved') = (approved_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX planning_cycle_committee_idx ON planning_cycle (committee_id, party_term_from DESC, id)`);
    await q.query(
      `CREATE INDEX planning_cycle_approver_idx ON planning_cycle (approver_committee_id) WHERE state IN ('submitted', 'under_appraisal')`,
    );

    await q.query(`
      CREATE TABLE planning_nomination (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cycle_id uuid NOT NULL REFERENCES planning_cycle(id),
        cadre_id uuid NOT NULL REFERENCES cadre(id),
        title_id uuid NOT NULL REFERENCES planning_title(id),
        source text NOT NULL CHECK (source IN ('local', 'elsewhere')),
        votes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(votes) = 'array'),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
        added_reason text,
        added_by uuid REFERENCES app_user(id),
        removed_reason text,
        removed_by uuid REFERENCES app_user(id),
        removed_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'removed') = (removed_at IS NOT NULL AND removed_reason IS NOT NULL))
      )`);
    // A cadre is planned once per title in a cycle; a removed nomination stays as history.
    await q.query(
      `CREATE UNIQUE INDEX planning_nomination_live_key ON planning_nomination (cycle_id, cadre_id, title_id) WHERE status = 'active'`,
    );
    await q.query(`CREATE INDEX planning_nomination_cycle_idx ON planning_nomination (cycle_id, created_at, id)`);

    await q.query(`
      CREATE POLICY planning_cycle_scope ON planning_cycle FOR ALL USING (
        ${SCOPE} = '{(,)}'::int8multirange OR EXISTS (SELECT 1 FROM committee c WHERE c.id = planning_cycle.committee_id AND c.pre <@ ${SCOPE}))`);
    await q.query(`
      CREATE POLICY planning_nomination_scope ON planning_nomination FOR ALL USING (
        EXISTS (SELECT 1 FROM planning_cycle y WHERE y.id = planning_nomination.cycle_id))`);
    for (const table of ['planning_cycle', 'planning_nomination']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE planning_nomination`);
    await q.query(`DROP TABLE planning_cycle`);
    await q.query(`DROP TABLE planning_title`);
  }
}
