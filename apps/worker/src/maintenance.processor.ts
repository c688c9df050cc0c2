import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, UnrecoverableError } from 'bullmq';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { verifyAuditChains } from '@canbo/audit';
import { Envelope, Jobs, QueueName } from '@canbo/platform';

/** The worker's own jobs: its heartbeat, and the audit chain check operators ask for. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost {
  /** The jobs this processor handles; the worker checks the catalogue against every processor's list at start. */
  static readonly handles = [Jobs.heartbeat.name, Jobs.verifyAuditChains.name];

  private readonly logger = new Logger(MaintenanceProcessor.name);
  lastHeartbeatAt: Date | undefined;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case Jobs.heartbeat.name:
        this.lastHeartbeatAt = new Date();
        return { at: this.lastHeartbeatAt.toISOString() };
      case Jobs.verifyAuditChains.name:
        return this.verifyAuditChains(job as Job<Envelope<{ verificationId: string }>>);
      default:
        throw new UnrecoverableError(`Unknown maintenance job "${job.name}"`);
    }
  }

  /** A job's last failure goes to PostgreSQL: the dead-letter list operators read (GET /job-failures). */
  @OnWorkerEvent('failed')
  async deadLetter(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    await this.db.query(
      `INSERT INTO job_failure (queue, name, job_id, data, error, attempts) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (job_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()`,
      [job.queueName, job.name, job.id ?? `${job.name}.unknown`, JSON.stringify(job.data), error.message, job.attemptsMade],
    );
  }

  /** Idempotent: a retried or re-delivered job finds the verification finished and leaves it as it is. */
  private async verifyAuditChains(job: Job<Envelope<{ verificationId: string }>>) {
    if (job.data.v !== Jobs.verifyAuditChains.version) throw new UnrecoverableError(`Payload version ${job.data.v} is not handled`);
    const { verificationId } = job.data.payload;
    const [pending] = await this.db.query(`SELECT finished_at FROM audit_verification WHERE id = $1`, [verificationId]);
    if (!pending || pending.finished_at) return { skipped: true };
    const report = await verifyAuditChains((this.db.driver as unknown as { master: Pool }).master);
    await this.db.query(
      `UPDATE audit_verification SET finished_at = now(), committees = $2, events = $3, broken = $4 WHERE id = $1 AND finished_at IS NULL`,
      [verificationId, report.committees, report.events, JSON.stringify(report.broken)],
    );
    this.logger.log(`audit chains verified: ${report.events} events, ${report.broken.length} broken chains`);
    return { broken: report.broken.length };
  }
}
