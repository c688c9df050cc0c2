import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dead letters: a job's final failure is written to PostgreSQL (BullMQ keeps only a bounded
 * window of failed jobs in Redis), where operators list it and nothing expires it.
 */
export class JobFailure1764300000000 implements MigrationInterface {
  name = 'JobFailure1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_failure (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        name text NOT NULL,
        job_id text NOT NULL UNIQUE,
        data jsonb NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_failure`);
  }
}
