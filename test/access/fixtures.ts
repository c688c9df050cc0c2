import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { SessionKeys, sessionKeys } from '@canbo/votes';
import type { Code, Role } from './model';

/**
 * Fresh records for one cell of the access matrix, written straight into the suite's own database
 * (as the superuser), so each request starts from the same state whatever the cells before it did.
 * Nothing here goes through the API: the records must exist whatever the API allows.
 */
export class Fixtures {
  constructor(
    private readonly db: Pool,
    /** Committee ids by code (the demo set and the suite's extra committees). */
    readonly ids: Record<Code, string>,
  ) {}

  private tag = () => randomBytes(5).toString('hex');

  /** A serving cadre working in `working`, managed by `managing`, with restricted groups filled in and one open position. */
  async cadre(working: Code, managing: Code): Promise<{ id: string; version: number; positionId: string }> {
    const { rows } = await this.db.query(
      `INSERT INTO cadre (committee_id, committee_pre, managing_committee_id, managing_pre, full_name, gender, date_of_birth, ethnicity,
                          discipline, political_notes, family)
       SELECT w.id, w.pre, m.id, m.pre, $3, 'female', '1980-05-06', 'Kinh',
              '[{"year": 2020, "form": "khiển trách"}]', 'ghi chú bảo vệ chính trị', '[{"relation": "mẹ", "name": "Lê Thị A"}]'
         FROM committee w, committee m WHERE w.id = $1 AND m.id = $2
       RETURNING id, version`,
      [this.ids[working], this.ids[managing], `Ma Trận ${this.tag()}`],
    );
    const position = await this.db.query(
      `INSERT INTO cadre_position (cadre_id, committee_id, title, organisation, started_on) VALUES ($1, $2, 'Chuyên viên', 'Ban Tổ chức', '2020-01-01') RETURNING id`,
      [rows[0].id, this.ids[working]],
    );
    return { id: rows[0].id, version: rows[0].version, positionId: position.rows[0].id };
  }

  /** An open deadline of committee `c`, set by c itself. */
  async deadline(c: Code): Promise<{ id: string; version: number }> {
    const { rows } = await this.db.query(
      `INSERT INTO deadline (committee_id, kind, title, due_on, set_by_committee_id) VALUES ($1, 'report-submission', $2, current_date + 30, $1)
       RETURNING id, version`,
      [this.ids[c], `Ma trận ${this.tag()}`],
    );
    return rows[0];
  }

  /** A planning cycle of `c` in `state`, approved by `approver` (the committee above), with no nomination. */
  async cycle(c: Code, approver: Code, state = 'draft'): Promise<{ id: string; version: number }> {
    const { rows } = await this.db.query(
      `INSERT INTO planning_cycle (committee_id, approver_committee_id, party_term_from, state_term_from, reference_date, submission_due_on, state, approved_at)
       VALUES ($1, $2, 2025, 2026, '2025-11-01', '2031-01-31', $3, CASE WHEN $3 = 'approved' THEN now() END) RETURNING id, version`,
      [this.ids[c], this.ids[approver], state],
    );
    return rows[0];
  }

  /** A title of the catalogue at the level of committee `c`. */
  async titleFor(c: Code): Promise<string> {
    const { rows } = await this.db.query(
      `SELECT t.id FROM planning_title t JOIN committee k ON k.level_code = t.level_code WHERE k.id = $1 ORDER BY t.rank DESC LIMIT 1`,
      [this.ids[c]],
    );
    return rows[0].id;
  }

  /** A draft cycle of `c` with one nomination of a cadre of `c`. */
  async nomination(c: Code, approver: Code): Promise<{ cycleId: string; id: string }> {
    const cycle = await this.cycle(c, approver);
    const cadre = await this.cadre(c, c);
    const { rows } = await this.db.query(
      `INSERT INTO planning_nomination (cycle_id, cadre_id, title_id, source) VALUES ($1, $2, $3, 'local') RETURNING id`,
      [cycle.id, cadre.id, await this.titleFor(c)],
    );
    return { cycleId: cycle.id, id: rows[0].id };
  }

  /** An approved cycle of `c` with one nomination and the system's open proposal to remove it (over the age for the term). */
  async removalProposal(c: Code, approver: Code): Promise<{ cycleId: string; id: string }> {
    const cycle = await this.cycle(c, approver, 'approved');
    const cadre = await this.cadre(c, c);
    const nomination = await this.db.query(
      `INSERT INTO planning_nomination (cycle_id, cadre_id, title_id, source) VALUES ($1, $2, $3, 'local') RETURNING id`,
      [cycle.id, cadre.id, await this.titleFor(c)],
    );
    const finding = {
      ruleId: 'planning.age-for-term',
      ruleTitle: 'Tuổi quy hoạch',
      outcome: 'fail',
      regulation: 'QĐ 377-QĐ/TW (8/10/2025)',
      article: null,
      unverified: false,
      scope: 'cadre',
      subjectId: cadre.id,
      figures: 'nghỉ hưu 01/06/2028, cần công tác đến 31/12/2029',
      explanation: 'Tuổi quy hoạch (QĐ 377-QĐ/TW (8/10/2025)): không đủ tuổi công tác trọn 1 nhiệm kỳ (ma trận).',
    };
    const { rows } = await this.db.query(
      `INSERT INTO planning_removal_proposal (cycle_id, nomination_id, reason, grounds, rules_on, findings)
       VALUES ($1, $2, 'age', $3, current_date, $4::jsonb) RETURNING id`,
      [cycle.id, nomination.rows[0].id, `female:${this.tag()}`, JSON.stringify([finding])],
    );
    return { cycleId: cycle.id, id: rows[0].id };
  }

  /** A proposed appointment of a fresh cadre of `c` (whose conditions hold), decided by `decider`, proposed by nobody in the matrix. */
  async appointment(c: Code, decider: Code): Promise<{ id: string; version: number }> {
    const cadre = await this.cadre(c, c);
    const { rows } = await this.db.query(
      `INSERT INTO appointment (committee_id, decider_committee_id, cadre_id, kind, title, organisation, dossier_received_on, effective_from, term_ends_on)
       VALUES ($1, $2, $3, 'appointment', 'Phó Trưởng Ban Tổ chức', 'Ma trận', current_date - 3, current_date + 30, current_date + 30 + interval '5 years' - interval '1 day')
       RETURNING id, version`,
      [this.ids[c], this.ids[decider], cadre.id],
    );
    return rows[0];
  }

  /**
   * A proposed rotation of a fresh cadre of `c` (in `c`'s approved planning, so QĐ 65's conditions hold) to
   * `destination`, approved by `decider`, proposed by nobody in the matrix.
   */
  async rotation(c: Code, decider: Code, destination: Code, state = 'proposed'): Promise<{ id: string; version: number }> {
    const cadre = await this.cadre(c, c);
    const cycle = await this.cycle(c, decider, 'approved');
    await this.db.query(`INSERT INTO planning_nomination (cycle_id, cadre_id, title_id, source) VALUES ($1, $2, $3, 'local')`, [
      cycle.id,
      cadre.id,
      await this.titleFor(c),
    ]);
    const { rows } = await this.db.query(
      `INSERT INTO rotation (committee_id, decider_committee_id, cadre_id, direction, type, purpose, origin_committee_id, origin_post,
                             destination_committee_id, destination_post, destination_level, starts_on, planned_end_on, state, decision_number,
                             decision_date, started_at)
       VALUES ($1, $2, $3, 'lower-to-upper', 'training', 'Ma trận', $1, 'Chuyên viên', $4, 'Phó Trưởng ban',
               (SELECT level_code FROM committee WHERE id = $4),
               -- A rotation under way started a year ago; a proposal starts in a month.
               current_date + CASE WHEN $5 = 'in_progress' THEN -365 ELSE 30 END,
               current_date + CASE WHEN $5 = 'in_progress' THEN -365 ELSE 30 END + interval '36 months' - interval '1 day', $5,
               CASE WHEN $5 <> 'proposed' THEN '03-QĐ/MT' END, CASE WHEN $5 <> 'proposed' THEN current_date END,
               CASE WHEN $5 = 'in_progress' THEN now() END)
       RETURNING id, version`,
      [this.ids[c], this.ids[decider], cadre.id, this.ids[destination], state],
    );
    return rows[0];
  }

  /**
   * A confidence-vote session of `c`'s conference, open now, on one fresh cadre of `c`, with `voterId` (if
   * any) on its list. Electronic sessions share one signing key per suite: a key pair costs a tenth of a second.
   */
  async voteSession(
    c: Code,
    voterId?: string,
    mode: 'electronic' | 'paper' = 'electronic',
  ): Promise<{ id: string; version: number; publicKey: Buffer }> {
    this.voteKeys ??= sessionKeys();
    const keys = await this.voteKeys;
    const cadre = await this.cadre(c, c);
    const { rows } = await this.db.query(
      `INSERT INTO vote_session (committee_id, title, mode, convened, opens_at, closes_at, public_key)
       VALUES ($1, 'Lấy phiếu (ma trận)', $3, 10, now() - interval '1 minute', now() + interval '1 hour', $2) RETURNING id, version`,
      [this.ids[c], mode === 'electronic' ? keys.publicKey : null, mode],
    );
    const id = rows[0].id;
    if (mode === 'electronic')
      await this.db.query(`INSERT INTO vote_session_key (session_id, private_key) VALUES ($1, $2)`, [id, keys.privateKey]);
    await this.db.query(`INSERT INTO vote_subject (session_id, position, cadre_id, post) VALUES ($1, 1, $2, 'Ủy viên (ma trận)')`, [
      id,
      cadre.id,
    ]);
    if (voterId) await this.db.query(`INSERT INTO vote_voter (session_id, user_id) VALUES ($1, $2)`, [id, voterId]);
    return { ...rows[0], publicKey: keys.publicKey };
  }

  private voteKeys?: Promise<SessionKeys>;

  /**
   * An appraisal asked by `requesting` of `competent` (an ancestor), about a fresh cadre of `requesting`,
   * in `state`; `in_review` ones carry one opinion asked and not yet given.
   */
  async appraisal(
    requesting: Code,
    competent: Code,
    state: 'requested' | 'in_review' | 'concluded',
  ): Promise<{ id: string; version: number; opinionId: string | null }> {
    const cadre = await this.cadre(requesting, requesting);
    const { rows } = await this.db.query(
      `INSERT INTO appraisal (committee_id, committee_pre, competent_committee_id, kind, cadre_id, cadre_name, due_on, state, outcome, concluded_on)
       SELECT r.id, r.pre, $2, 'appointment', $3, $4, current_date + 30, $5,
              CASE WHEN $5 = 'concluded' THEN 'qualified' END, CASE WHEN $5 = 'concluded' THEN current_date END
         FROM committee r WHERE r.id = $1
       RETURNING id, version`,
      [this.ids[requesting], this.ids[competent], cadre.id, `Ma Trận ${this.tag()}`, state],
    );
    let opinionId: string | null = null;
    if (state === 'in_review')
      opinionId = (
        await this.db.query(
          `INSERT INTO appraisal_opinion (appraisal_id, body_kind, body_name, due_on) VALUES ($1, 'police', 'Công an (ma trận)', current_date + 7) RETURNING id`,
          [rows[0].id],
        )
      ).rows[0].id;
    return { ...rows[0], opinionId };
  }

  /** A deadline batch set by the board of `c`. */
  async batch(c: Code): Promise<{ id: string }> {
    const { rows } = await this.db.query(
      `INSERT INTO deadline_batch (committee_id, kind, title, due_on) VALUES ($1, 'report-submission', $2, current_date + 30) RETURNING id`,
      [this.ids[c], `Ma trận ${this.tag()}`],
    );
    return rows[0];
  }

  /** A new account holding `role` at `c` (it never signs in). */
  async user(role: Role, c: Code): Promise<{ id: string; version: number; assignmentId: string }> {
    const { rows } = await this.db.query(
      `INSERT INTO app_user (username, display_name, email, password_hash) VALUES ($1, 'Tài khoản ma trận', $2, 'not-a-hash') RETURNING id, version`,
      [`matrix.${this.tag()}`, `matrix.${this.tag()}@example.test`],
    );
    const assignment = await this.db.query(`INSERT INTO role_assignment (user_id, committee_id, role) VALUES ($1, $2, $3) RETURNING id`, [
      rows[0].id,
      this.ids[c],
      role,
    ]);
    return { id: rows[0].id, version: rows[0].version, assignmentId: assignment.rows[0].id };
  }

  /** One more role for an existing account. */
  async grant(userId: string, role: Role, c: Code): Promise<void> {
    await this.db.query(`INSERT INTO role_assignment (user_id, committee_id, role) VALUES ($1, $2, $3)`, [userId, this.ids[c], role]);
  }

  /** A notice in `userId`'s inbox. */
  async notification(userId: string, c: Code): Promise<{ id: string }> {
    const { rows } = await this.db.query(
      `INSERT INTO notification (recipient_id, committee_id, kind, title, body, dedupe_key) VALUES ($1, $2, 'matrix', 'Thông báo', 'Nội dung', $3) RETURNING id`,
      [userId, this.ids[c], `matrix:${this.tag()}`],
    );
    return rows[0];
  }

  async userId(username: string): Promise<string> {
    return (await this.db.query(`SELECT id FROM app_user WHERE username = $1`, [username])).rows[0].id;
  }

  /** The caller's own (first, active) assignment. */
  async assignmentOf(username: string): Promise<string> {
    const { rows } = await this.db.query(
      `SELECT ra.id FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id WHERE u.username = $1 AND ra.revoked_at IS NULL ORDER BY ra.granted_at LIMIT 1`,
      [username],
    );
    return rows[0].id;
  }

  async userVersion(id: string): Promise<number> {
    return (await this.db.query(`SELECT version FROM app_user WHERE id = $1`, [id])).rows[0].version;
  }

  async committee(c: Code): Promise<{ version: number; name: string }> {
    return (await this.db.query(`SELECT version, name FROM committee WHERE id = $1`, [this.ids[c]])).rows[0];
  }

  async policyVersion(kind: string): Promise<{ version: number; remindDays: number[]; escalateAfterDays: number }> {
    const { rows } = await this.db.query(`SELECT version, remind_days, escalate_after_days FROM deadline_policy WHERE kind = $1`, [kind]);
    return { version: rows[0].version, remindDays: rows[0].remind_days, escalateAfterDays: rows[0].escalate_after_days };
  }

  /** A request to check the audit chains of `c` (with its subtree or not), or of the whole tree (`null`). */
  async verification(c: Code | null, subtree = true): Promise<{ id: string }> {
    const { rows } = await this.db.query(
      `INSERT INTO audit_verification (requested_by, committee_id, subtree) SELECT id, $1::uuid, $2 FROM app_user WHERE username = 'operator' RETURNING id`,
      [c === null ? null : this.ids[c], subtree],
    );
    return rows[0];
  }

  /** The managing committee of every cadre, to judge restricted fields in bodies (audit events name cadres by id only). */
  async managingOf(cadreIds: string[]): Promise<Map<string, string>> {
    if (cadreIds.length === 0) return new Map();
    const { rows } = await this.db.query(`SELECT id, managing_committee_id FROM cadre WHERE id = ANY($1::uuid[])`, [cadreIds]);
    return new Map(rows.map((r) => [r.id as string, r.managing_committee_id as string]));
  }
}
