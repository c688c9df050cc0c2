import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { NotificationsService } from '@canbo/notifications';
import { Jobs, QueueName } from '@canbo/platform';
import { JobFailures } from '@canbo/audit';
import { CatalogueProcessor, workerOptions } from './catalogue-processor';

/** Delivery on channels besides the inbox. SMTP servers are slow and few: a handful of sends at a time. */
@Processor(QueueName.Notifications, { ...workerOptions(), concurrency: 5 })
export class NotificationsProcessor extends CatalogueProcessor {
  static readonly handles = [Jobs.sendEmail.name];

  constructor(
    failures: JobFailures,
    private readonly notifications: NotificationsService,
  ) {
    super(failures);
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== Jobs.sendEmail.name) throw new UnrecoverableError(`Unknown notifications job "${job.name}"`);
    const { notificationId } = this.payloadOf(job, Jobs.sendEmail);
    return { outcome: await this.inContext(() => this.notifications.sendEmail(notificationId, this.isFinalAttempt(job))) };
  }
}
