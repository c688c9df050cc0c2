import { MigrationInterface, QueryRunner } from 'typeorm';
import { RULEBOOK_SEED } from '@canbo/rulebook';

/**
 * Rotations (luân chuyển cán bộ, domain.md §5, QĐ 65): proposed by a committee's board, approved by the
 * committee above (its secretary), started by the worker on the start date, concluded by the post-rotation
 * decision (return, stay, a new post).
 *
 * Tenant-owned, under row-level security like appointment: a row when its proposing committee is in the
 * scope, or its destination committee (the receiving board manages the rotated cadre, QĐ 65 Art. 6).
 * The post-rotation decision's deadline is of the kind 'rotation-end' the deadlines migration already holds.
 */
const SCOPE = `(SELECT canbo_scope())`;
const IN_SCOPE = (column: string) => `EXISTS (SELECT 1 FROM committee c WHERE c.id = rotation.${column} AND c.pre <@ ${SCOPE})`;
const ROTATION_RULES = [
  'rotation.in-planning',
  'rotation.remaining-service',
  'rotation.duration',
  'rotation.no-new-post',
  'rotation.key-posts',
  'rotation.appraisal',
];

export class Rotation1765700000000 implements MigrationInterface {
  name = 'Rotation1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rotation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        committee_id uuid NOT NULL REFERENCES committee(id),
        decider_committee_id uuid NOT NULL REFERENCES committee(id),
        cadre_id uuid NOT NULL REFERENCES cadre(id),
        direction text NOT NULL CHECK (direction IN ('upper-to-lower', 'lower-to-upper', 'locality-to-locality', 'same-level')),
        type text NOT NULL CHECK (type IN ('training', 'non-local', 'term-limit')),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 1000),
        origin_committee_id uuid NOT NULL REFERENCES committee(id),
        origin_post text NOT NULL CHECK (length(origin_post) BETWEEN 1 AND 300),
        destination_committee_id uuid NOT NULL REFERENCES committee(id),
        destination_post text NOT NULL CHECK (length(destination_post) BETWEEN 1 AND 300),
        key_post text,
        creates_new_post boolean NOT NULL DEFAULT false,
        appraisal_id uuid REFERENCES appraisal(id),
        starts_on date NOT NULL,
        planned_end_on date NOT NULL CHECK (planned_end_on > starts_on),
        decision_number text,
        decision_date date,
        state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'in_progress', 'concluded', 'cancelled')),
        proposed_by uuid REFERENCES app_user(id),
        decided_by uuid REFERENCES app_user(id),
        started_at timestamptz,
        outcome text CHECK (outcome IN ('return', 'stay', 'new-post')),
        outcome_post text,
        concluded_on date,
        cancel_reason text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (origin_committee_id <> destination_committee_id),
        CHECK ((state IN ('in_progress', 'concluded')) = (started_at IS NOT NULL)),
        CHECK ((state = 'concluded') = (outcome IS NOT NULL AND concluded_on IS NOT NULL)),
        CHECK (state IN ('proposed', 'cancelled') OR (decision_number IS NOT NULL AND decision_date IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX rotation_committee_idx ON rotation (committee_id, starts_on, id)`);
    await q.query(`CREATE INDEX rotation_destination_idx ON rotation (destination_committee_id)`);
    await q.query(`CREATE INDEX rotation_cadre_idx ON rotation (cadre_id)`);
    // The worker's daily read: approved rotations whose start date has come.
    await q.query(`CREATE INDEX rotation_due_idx ON rotation (starts_on) WHERE state = 'approved'`);
    await q.query(`
      CREATE POLICY rotation_scope ON rotation FOR ALL USING (
        ${SCOPE} = '{(,)}'::int8multirange OR ${IN_SCOPE('committee_id')} OR ${IN_SCOPE('destination_committee_id')})`);
    await q.query(`ALTER TABLE rotation ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE rotation FORCE ROW LEVEL SECURITY`);

    // The rule table was seeded from the rulebook as it stood; a fresh database already has these rows.
    for (const r of RULEBOOK_SEED.filter((rule) => ROTATION_RULES.includes(rule.id)))
      await q.query(
        `INSERT INTO rule (id, valid_from, valid_to, title, regulation, article, parameters, unverified, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [r.id, r.validFrom, r.validTo, r.title, r.regulation, r.article, JSON.stringify(r.parameters), r.unverified, r.note],
      );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rotation`);
    await q.query(`DELETE FROM rule WHERE id = ANY($1)`, [ROTATION_RULES]);
  }
}
