import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Removal proposals of planning (domain.md §3.5: a nominee over the planning age or disciplined is taken
 * out of an approved list): the worker's daily scan proposes, the committee's board accepts (the
 * nomination is removed) or dismisses with a reason.
 *
 * One open proposal per nomination and reason; and the same grounds (the nominee's birth date for the
 * age, the discipline for a discipline) are never proposed twice, so a dismissed proposal is not raised
 * again every day — a new discipline is new grounds. Under row-level security like planning_nomination:
 * visible when its cycle is.
 */
export class PlanningRemovalProposals1765200000000 implements MigrationInterface {
  name = 'PlanningRemovalProposals1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE planning_removal_proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cycle_id uuid NOT NULL REFERENCES planning_cycle(id),
        nomination_id uuid NOT NULL REFERENCES planning_nomination(id),
        reason text NOT NULL CHECK (reason IN ('age', 'discipline')),
        grounds text NOT NULL CHECK (length(grounds) BETWEEN 1 AND 2000),
        rules_on date NOT NULL,
        findings jsonb NOT NULL CHECK (jsonb_typeof(findings) = 'array' AND jsonb_array_length(findings) > 0),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        decision_reason text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'open') = (decided_at IS NULL)),
        CHECK (status <> 'dismissed' OR decision_reason IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX planning_removal_proposal_open_key ON planning_removal_proposal (nomination_id, reason) WHERE status = 'open'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX planning_removal_proposal_grounds_key ON planning_removal_proposal (nomination_id, reason, grounds)`,
    );
    await q.query(`CREATE INDEX planning_removal_proposal_cycle_idx ON planning_removal_proposal (cycle_id, created_at, id)`);
    await q.query(`
      CREATE POLICY planning_removal_proposal_scope ON planning_removal_proposal FOR ALL USING (
        EXISTS (SELECT 1 FROM planning_cycle y WHERE y.id = planning_removal_proposal.cycle_id))`);
    await q.query(`ALTER TABLE planning_removal_proposal ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE planning_removal_proposal FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE planning_removal_proposal`);
  }
}
