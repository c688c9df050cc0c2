import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appointments and reappointments (bổ nhiệm / bổ nhiệm lại, domain.md §7.2): proposed by a committee,
 * decided by the committee above (its secretary), taking effect on the effective date.
 *
 * Tenant-owned, under row-level security like planning_cycle (migration 1764900000000): a row when its
 * proposing committee is in the scope; the deciding committee is an ancestor, so its subtree holds it.
 * The deadline kind for an extension-to-retirement proposal joins the policies (domain.md §7.5).
 */
const SCOPE = `(SELECT canbo_scope())`;

export class Appointments1765100000000 implements MigrationInterface {
  name = 'Appointments1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE appointment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        committee_id uuid NOT NULL REFERENCES committee(id),
        decider_committee_id uuid NOT NULL REFERENCES committee(id),
        cadre_id uuid NOT NULL REFERENCES cadre(id),
        kind text NOT NULL CHECK (kind IN ('appointment', 'reappointment')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        organisation text NOT NULL CHECK (length(organisation) BETWEEN 1 AND 300),
        dossier_received_on date NOT NULL,
        effective_from date NOT NULL,
        term_ends_on date NOT NULL CHECK (term_ends_on > effective_from),
        decision_number text,
        decision_date date,
        state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'decided', 'in_effect', 'cancelled')),
        proposed_by uuid REFERENCES app_user(id),
        decided_by uuid REFERENCES app_user(id),
        applied_at timestamptz,
        cancel_reason text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'in_effect') = (applied_at IS NOT NULL)),
        CHECK (state NOT IN ('decided', 'in_effect') OR (decision_number IS NOT NULL AND decision_date IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX appointment_committee_idx ON appointment (committee_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX appointment_cadre_idx ON appointment (cadre_id)`);
    // The worker's daily read: decided appointments whose effective date has come.
    await q.query(`CREATE INDEX appointment_due_idx ON appointment (effective_from) WHERE state = 'decided'`);
    await q.query(`
      CREATE POLICY appointment_scope ON appointment FOR ALL USING (
        ${SCOPE} = '{(,)}'::int8multirange OR EXISTS (SELECT 1 FROM committee c WHERE c.id = appointment.committee_id AND c.pre <@ ${SCOPE}))`);
    await q.query(`ALTER TABLE appointment ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE appointment FORCE ROW LEVEL SECURITY`);
    await q.query(
      `INSERT INTO deadline_policy (kind, name, remind_days, escalate_after_days) VALUES ('extension-to-retirement', 'Đề xuất kéo dài thời gian giữ chức vụ đến tuổi nghỉ hưu', '{30,7,1,0}', 3)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadline WHERE kind = 'extension-to-retirement'`);
    await q.query(`DELETE FROM deadline_policy WHERE kind = 'extension-to-retirement'`);
    await q.query(`DROP TABLE appointment`);
  }
}
