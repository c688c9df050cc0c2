import { MigrationInterface, QueryRunner } from 'typeorm';

const SCOPE = `(SELECT canbo_scope())`;
/** The states in which an appraisal is still open work: a dissolution hands it to the successor. */
const OPEN = `('requested', 'in_review', 'concluded')`;

/**
 * Appraisal (thẩm định, domain.md §4; libs/appraisal): a request of one committee (the requesting board,
 * `committee_id`) to the competent committee above it, about one cadre; opinions asked of coordinating
 * bodies, each with its own deadline (libs/deadlines); a conclusion and the decision.
 *
 * Tenant-owned: the row copies its requesting committee's pre-order number (`committee_pre`, kept in step
 * on renumbering like cadre's), and row-level security shows it where that number is in the scope (the
 * competent committee is an ancestor, so its scope covers it); an opinion is visible with its appraisal.
 *
 * Statistics (bench `appraisal-stats`: 60,000 appraisals, ≤ 20 ms national, ≤ 5 ms provincial) count the
 * appraisals concluded in a period. Two partial covering indexes serve them index-only: one led by the
 * conclusion date, so a national year reads that year's entries and nothing else, and one led by
 * `committee_pre`, so a province reads its own interval (about 1/60 of the rows) whatever the period.
 * The planner picks by the predicates' selectivity; both carry what the aggregate reads (kind, outcome,
 * decision date). A tally table was not needed: at this volume a year's index-only range is a few thousand
 * entries, and a tally would have to be kept per committee and day to answer any subtree and period.
 */
export class Appraisal1765000000000 implements MigrationInterface {
  name = 'Appraisal1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE appraisal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        committee_id uuid NOT NULL REFERENCES committee(id),
        committee_pre bigint NOT NULL,
        competent_committee_id uuid NOT NULL REFERENCES committee(id),
        kind text NOT NULL CHECK (kind IN ('planning', 'appointment', 'election-nomination', 'reappointment', 'rotation', 'armed-forces-rank', 'sensitive-body')),
        cadre_id uuid NOT NULL REFERENCES cadre(id),
        cadre_name text NOT NULL,
        purpose text CHECK (length(purpose) BETWEEN 1 AND 500),
        due_on date NOT NULL,
        state text NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'in_review', 'concluded', 'decided', 'withdrawn')),
        requested_on date NOT NULL DEFAULT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
        outcome text CHECK (outcome IN ('qualified', 'not_to_be_considered')),
        reasons text CHECK (length(reasons) BETWEEN 1 AND 4000),
        concluded_on date,
        decision_number text CHECK (length(decision_number) BETWEEN 1 AND 100),
        decided_on date,
        decision_body text CHECK (length(decision_body) BETWEEN 1 AND 300),
        withdrawn_at timestamptz,
        withdraw_reason text,
        created_by uuid REFERENCES app_user(id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (committee_id <> competent_committee_id),
        CHECK ((outcome IS NULL) = (concluded_on IS NULL)),
        CHECK (outcome IS DISTINCT FROM 'not_to_be_considered' OR reasons IS NOT NULL),
        CHECK ((state IN ('concluded', 'decided')) = (outcome IS NOT NULL)),
        CHECK ((state = 'decided') = (decided_on IS NOT NULL)),
        CHECK ((decided_on IS NULL) = (decision_number IS NULL) AND (decided_on IS NULL) = (decision_body IS NULL)),
        CHECK ((state = 'withdrawn') = (withdrawn_at IS NOT NULL))
      )`);
    // Lists: by due date within the caller's scope; the boards' open work, for dissolution hand-overs.
    await q.query(`CREATE INDEX appraisal_scope_idx ON appraisal (committee_pre, due_on, id)`);
    await q.query(`CREATE INDEX appraisal_due_idx ON appraisal (due_on, id)`);
    await q.query(`CREATE INDEX appraisal_open_requesting_idx ON appraisal (committee_id) WHERE state IN ${OPEN}`);
    await q.query(`CREATE INDEX appraisal_open_competent_idx ON appraisal (competent_committee_id) WHERE state IN ${OPEN}`);
    await q.query(`CREATE INDEX appraisal_cadre_idx ON appraisal (cadre_id)`);
    // Statistics, index-only (see above).
    await q.query(
      `CREATE INDEX appraisal_stats_period_idx ON appraisal (concluded_on, committee_pre) INCLUDE (kind, outcome, decided_on) WHERE concluded_on IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX appraisal_stats_subtree_idx ON appraisal (committee_pre, concluded_on) INCLUDE (kind, outcome, decided_on) WHERE concluded_on IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE appraisal_opinion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        appraisal_id uuid NOT NULL REFERENCES appraisal(id) ON DELETE CASCADE,
        body_kind text NOT NULL CHECK (body_kind IN ('inspection-commission', 'police', 'inspectorate', 'internal-political-protection', 'health', 'asset-verification', 'other')),
        body_name text NOT NULL CHECK (length(body_name) BETWEEN 1 AND 300),
        due_on date NOT NULL,
        deadline_id uuid REFERENCES deadline(id),
        text text CHECK (length(text) BETWEEN 1 AND 4000),
        given_on date,
        recorded_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((text IS NULL) = (given_on IS NULL))
      )`);
    await q.query(`CREATE INDEX appraisal_opinion_appraisal_idx ON appraisal_opinion (appraisal_id, created_at)`);

    // Each opinion asked of a coordinating body is dated; the request itself uses the existing 'appraisal' kind.
    await q.query(
      `INSERT INTO deadline_policy (kind, name, remind_days, escalate_after_days) VALUES ('appraisal-opinion', 'Ý kiến của cơ quan phối hợp thẩm định', '{7,1,0}', 3)`,
    );

    await q.query(`CREATE POLICY appraisal_scope ON appraisal FOR ALL USING (committee_pre <@ ${SCOPE})`);
    await q.query(
      `CREATE POLICY appraisal_opinion_scope ON appraisal_opinion FOR ALL USING (EXISTS (SELECT 1 FROM appraisal a WHERE a.id = appraisal_opinion.appraisal_id))`,
    );
    for (const table of ['appraisal', 'appraisal_opinion']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appraisal_opinion`);
    await q.query(`DROP TABLE appraisal`);
    await q.query(`DELETE FROM deadline WHERE kind = 'appraisal-opinion'`);
    await q.query(`DELETE FROM deadline_policy WHERE kind = 'appraisal-opinion'`);
  }
}
