import { Processor } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, UnrecoverableError } from 'bullmq';
import { ClsService } from 'nestjs-cls';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AuditCheckpoints, verifyAuditChains } from '@canbo/audit';
import { Jobs, QueueName } from '@canbo/platform';
import { CatalogueProcessor, workerOptions } from './catalogue-processor';

/** The worker's own jobs: its heartbeat, the daily audit checkpoint, and the audit chain checks users ask for. */
@Processor(QueueName.Maintenance, { ...workerOptions(), concurrency: 1 })
export class MaintenanceProcessor extends CatalogueProcessor {
  /** The jobs this processor handles; the worker checks the catalogue against every processor's list at start. */
  static readonly handles = [Jobs.heartbeat.name, Jobs.verifyAuditChains.name, Jobs.auditCheckpoint.name];

  lastHeartbeatAt: Date | undefined;

  constructor(
    @InjectDataSource() db: DataSource,
    cls: ClsService,
    private readonly checkpoints: AuditCheckpoints,
  ) {
    super(db, cls);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case Jobs.heartbeat.name:
        this.lastHeartbeatAt = new Date();
        return { at: this.lastHeartbeatAt.toISOString() };
      case Jobs.verifyAuditChains.name: {
        const { verificationId } = this.payloadOf(job, Jobs.verifyAuditChains);
        return this.inContext(() => this.verifyAuditChains(verificationId));
      }
      case Jobs.auditCheckpoint.name: {
        this.payloadOf(job, Jobs.auditCheckpoint);
        // Like the deadline scan: a context with no signed-in actor; the event says actor null (the system).
        const checkpoint = await this.inContext(() => this.checkpoints.take());
        // Also in the log, which lives outside the database: a checkpoint rewritten there would not match it.
        this.logger.log(`audit checkpoint ${checkpoint.takenOn}: ${checkpoint.events} events in ${checkpoint.committees} chains${checkpoint.created ? '' : ' (already taken)'}`);
        return checkpoint;
      }
      default:
        throw new UnrecoverableError(`Unknown maintenance job "${job.name}"`);
    }
  }

  /** Idempotent: a retried or re-delivered job finds the verification finished and leaves it as it is. */
  private async verifyAuditChains(verificationId: string) {
    const [pending]: { finished_at: Date | null; committee_id: string | null; subtree: boolean }[] = await this.db.query(
      `SELECT finished_at, committee_id, subtree FROM audit_verification WHERE id = $1`,
      [verificationId],
    );
    if (!pending || pending.finished_at) return { skipped: true };
    const scope = pending.committee_id ? { committeeId: pending.committee_id, subtree: pending.subtree } : undefined;
    const report = await verifyAuditChains((this.db.driver as unknown as { master: Pool }).master, scope);
    await this.db.query(
      `UPDATE audit_verification SET finished_at = now(), committees = $2, events = $3, broken = $4, checkpoint = $5 WHERE id = $1 AND finished_at IS NULL`,
      [verificationId, report.committees, report.events, JSON.stringify(report.broken), report.checkpoint],
    );
    this.logger.log(`audit chains verified: ${report.events} events, ${report.broken.length} broken chains`);
    return { broken: report.broken.length };
  }
}
