import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines (every dated obligation of the modules), the reminder policy per kind, and the in-app
 * inbox with its delivery state per channel.
 *
 * Exactly once: a deadline remembers the last step it has reached (`last_offset`, days from the due
 * date), moved forward under a row lock by the job that sends the step; a notification is unique per
 * recipient and `dedupe_key` (`deadline:<id>:<offset>`), so a retried or re-delivered step adds nothing.
 */
export class DeadlinesNotifications1764400000000 implements MigrationInterface {
  name = 'DeadlinesNotifications1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadline_policy (
        kind text PRIMARY KEY CHECK (kind ~ '^[a-z][a-z0-9-]{1,62}$'),
        id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        name text NOT NULL,
        remind_days int[] NOT NULL CHECK (0 <= ALL (remind_days) AND array_length(remind_days, 1) <= 10),
        escalate_after_days int NOT NULL CHECK (escalate_after_days BETWEEN 1 AND 365),
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // domain.md §7.6: the obligations the regulations date; the reminder days are the product's default.
    await q.query(`
      INSERT INTO deadline_policy (kind, name, remind_days, escalate_after_days) VALUES
        ('planning-submission', 'Nộp hồ sơ quy hoạch', '{30,7,1,0}', 3),
        ('planning-review', 'Rà soát quy hoạch hằng năm', '{30,7,1,0}', 3),
        ('appraisal', 'Thẩm định nhân sự', '{30,7,1,0}', 3),
        ('reappointment-notice', 'Thông báo bổ nhiệm lại (trước 90 ngày làm việc)', '{30,7,1,0}', 3),
        ('retirement', 'Nghỉ hưu theo Nghị định 135', '{30,7,1,0}', 3),
        ('rotation-end', 'Kết thúc luân chuyển', '{30,7,1,0}', 3),
        ('discipline-expiry', 'Hết thời hạn chịu kỷ luật', '{30,7,1,0}', 3),
        ('confidence-vote', 'Lấy phiếu tín nhiệm giữa nhiệm kỳ', '{30,7,1,0}', 3),
        ('health-certificate', 'Giấy chứng nhận sức khỏe quá 6 tháng', '{30,7,1,0}', 3),
        ('procedure-timer', 'Thời hạn giải quyết thủ tục', '{30,7,1,0}', 3),
        ('report-submission', 'Nộp báo cáo định kỳ', '{30,7,1,0}', 3),
        ('other', 'Công việc khác', '{30,7,1,0}', 3)`);

    await q.query(`
      CREATE TABLE deadline_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        committee_id uuid NOT NULL REFERENCES committee(id),
        kind text NOT NULL REFERENCES deadline_policy(kind),
        title text NOT NULL,
        due_on date NOT NULL,
        level_code text REFERENCES committee_level(code),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX deadline_batch_committee_idx ON deadline_batch (committee_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE deadline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        committee_id uuid NOT NULL REFERENCES committee(id),
        kind text NOT NULL REFERENCES deadline_policy(kind),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        subject_type text,
        subject_id uuid,
        due_on date NOT NULL,
        owner_role text NOT NULL DEFAULT 'admin' CHECK (owner_role IN ('secretary', 'admin', 'officer')),
        state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'met', 'overdue', 'escalated', 'waived')),
        last_offset int,
        batch_id uuid REFERENCES deadline_batch(id),
        set_by_committee_id uuid NOT NULL REFERENCES committee(id),
        created_by uuid REFERENCES app_user(id),
        met_at timestamptz,
        waived_at timestamptz,
        waive_reason text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((subject_type IS NULL) = (subject_id IS NULL)),
        CHECK ((state = 'met') = (met_at IS NOT NULL)),
        CHECK ((state = 'waived') = (waived_at IS NOT NULL))
      )`);
    // The scan reads only live deadlines by due date; lists go by committee; a batch's progress by batch.
    await q.query(`CREATE INDEX deadline_live_due_idx ON deadline (due_on, id) WHERE state IN ('open', 'overdue')`);
    await q.query(`CREATE INDEX deadline_committee_idx ON deadline (committee_id, due_on, id)`);
    await q.query(`CREATE INDEX deadline_batch_idx ON deadline (batch_id) WHERE batch_id IS NOT NULL`);
    // A module asking twice for the same obligation of the same record gets one live deadline.
    await q.query(
      `CREATE UNIQUE INDEX deadline_subject_live_key ON deadline (committee_id, kind, subject_type, subject_id) WHERE state IN ('open', 'overdue', 'escalated') AND subject_id IS NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX deadline_batch_committee_key ON deadline (batch_id, committee_id) WHERE batch_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL REFERENCES app_user(id),
        committee_id uuid NOT NULL REFERENCES committee(id),
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        entity_type text,
        entity_id uuid,
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX notification_recipient_dedupe_key ON notification (recipient_id, dedupe_key)`);
    await q.query(`CREATE INDEX notification_inbox_idx ON notification (recipient_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notification_unread_idx ON notification (recipient_id) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE notification_delivery (
        notification_id uuid NOT NULL REFERENCES notification(id),
        channel text NOT NULL CHECK (channel IN ('email')),
        address text NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, channel)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_delivery`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE deadline`);
    await q.query(`DROP TABLE deadline_batch`);
    await q.query(`DROP TABLE deadline_policy`);
  }
}
