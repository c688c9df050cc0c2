import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { ReminderEngine } from '@canbo/deadlines';
import { Jobs, QueueName } from '@canbo/platform';
import { JobFailures } from '@canbo/audit';
import { CatalogueProcessor, workerOptions } from './catalogue-processor';

/** The reminder engine's jobs: the scan fans out onto this same queue, one job per committee's steps. */
@Processor(QueueName.Deadlines, workerOptions())
export class DeadlinesProcessor extends CatalogueProcessor {
  static readonly handles = [Jobs.scanDeadlines.name, Jobs.deadlineSteps.name];

  constructor(
    failures: JobFailures,
    private readonly reminders: ReminderEngine,
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
  ) {
    super(failures);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case Jobs.scanDeadlines.name: {
        this.payloadOf(job, Jobs.scanDeadlines);
        const outcome = await this.inContext(() => this.reminders.scan(this.queue));
        this.logger.log(`deadline scan: ${outcome.steps} step(s) in ${outcome.jobs} job(s)`);
        return outcome;
      }
      case Jobs.deadlineSteps.name: {
        const { steps } = this.payloadOf(job, Jobs.deadlineSteps);
        return this.inContext(() => this.reminders.applySteps(steps));
      }
      default:
        throw new UnrecoverableError(`Unknown deadlines job "${job.name}"`);
    }
  }
}
