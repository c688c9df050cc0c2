import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { AuditCheckpoints, AuditVerifications, JobFailures } from '@canbo/audit';
import { Jobs, QueueName } from '@canbo/platform';
import { CatalogueProcessor, workerOptions } from './catalogue-processor';

/** The worker's own jobs: its heartbeat, the daily audit checkpoint, and the audit chain checks users ask for. */
@Processor(QueueName.Maintenance, { ...workerOptions(), concurrency: 1 })
export class MaintenanceProcessor extends CatalogueProcessor {
  /** The jobs this processor handles; the worker checks the catalogue against every processor's list at start. */
  static readonly handles = [Jobs.heartbeat.name, Jobs.verifyAuditChains.name, Jobs.auditCheckpoint.name];

  lastHeartbeatAt: Date | undefined;

  constructor(
    failures: JobFailures,
    private readonly checkpoints: AuditCheckpoints,
    private readonly verifications: AuditVerifications,
  ) {
    super(failures);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case Jobs.heartbeat.name:
        this.lastHeartbeatAt = new Date();
        return { at: this.lastHeartbeatAt.toISOString() };
      case Jobs.verifyAuditChains.name: {
        const { verificationId } = this.payloadOf(job, Jobs.verifyAuditChains);
        return this.inContext(() => this.verifications.carryOut(verificationId));
      }
      case Jobs.auditCheckpoint.name: {
        this.payloadOf(job, Jobs.auditCheckpoint);
        // Like the deadline scan: a context with no signed-in actor; the event says actor null (the system).
        const checkpoint = await this.inContext(() => this.checkpoints.take());
        // Also in the log, which lives outside the database: a checkpoint rewritten there would not match it.
        this.logger.log(
          `audit checkpoint ${checkpoint.takenOn}: ${checkpoint.events} events in ${checkpoint.committees} chains${checkpoint.created ? '' : ' (already taken)'}`,
        );
        return checkpoint;
      }
      default:
        throw new UnrecoverableError(`Unknown maintenance job "${job.name}"`);
    }
  }
}
