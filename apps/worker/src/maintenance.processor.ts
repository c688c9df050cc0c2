import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import type { Pool } from 'pg';
import { verifyAuditChains } from '@canbo/audit';
import { Jobs, QueueName } from '@canbo/platform';
import { CatalogueProcessor, workerOptions } from './catalogue-processor';

/** The worker's own jobs: its heartbeat, and the audit chain check operators ask for. */
@Processor(QueueName.Maintenance, { ...workerOptions(), concurrency: 1 })
export class MaintenanceProcessor extends CatalogueProcessor {
  /** The jobs this processor handles; the worker checks the catalogue against every processor's list at start. */
  static readonly handles = [Jobs.heartbeat.name, Jobs.verifyAuditChains.name];

  lastHeartbeatAt: Date | undefined;

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case Jobs.heartbeat.name:
        this.lastHeartbeatAt = new Date();
        return { at: this.lastHeartbeatAt.toISOString() };
      case Jobs.verifyAuditChains.name: {
        const { verificationId } = this.payloadOf(job, Jobs.verifyAuditChains);
        return this.inContext(() => this.verifyAuditChains(verificationId));
      }
      default:
        throw new UnrecoverableError(`Unknown maintenance job "${job.name}"`);
    }
  }

  /** Idempotent: a retried or re-delivered job finds the verification finished and leaves it as it is. */
  private async verifyAuditChains(verificationId: string) {
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
