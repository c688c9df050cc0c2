import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: business code writes the job it wants run in its own transaction; the
 * worker's relay moves rows to BullMQ and marks them sent. A Redis outage delays jobs, loses none.
 * `job_id` is deterministic (job name + the producer's key), so a row relayed twice is one job.
 *
 * `audit_verification`: operator-requested runs of the audit chain check, done by the worker.
 */
export class Outbox1764200000000 implements MigrationInterface {
  name = 'Outbox1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        name text NOT NULL,
        version int NOT NULL,
        job_id text NOT NULL UNIQUE,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE sent_at IS NULL`);
    await q.query(`
      CREATE TABLE audit_verification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_by uuid NOT NULL REFERENCES app_user(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        committees int,
        events int,
        broken jsonb
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_verification`);
    await q.query(`DROP TABLE outbox`);
  }
}
