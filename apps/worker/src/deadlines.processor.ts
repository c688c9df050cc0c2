import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { DeadlinesService } from '@canbo/deadlines';
import { Jobs, QueueName, jobIdOf, jobOptions } from '@canbo/platform';
import { CatalogueProcessor, workerOptions } from './catalogue-processor';

/** Steps enqueued per round trip: big enough for addBulk's throughput, small enough to keep memory flat. */
const SCAN_PAGE = 5_000;

/**
 * The reminder engine. The scan fans out one job per deadline and step with a deterministic id
 * (`deadline-step.<deadline>.<offset>`), so one slow or failing deadline never holds up the others and
 * a scan run twice enqueues nothing new; each step job sends its step once (DeadlinesService.applyStep).
 */
@Processor(QueueName.Deadlines, workerOptions())
export class DeadlinesProcessor extends CatalogueProcessor {
  static readonly handles = [Jobs.scanDeadlines.name, Jobs.deadlineStep.name];

  private readonly logger = new Logger(DeadlinesProcessor.name);

  constructor(
    @InjectDataSource() db: DataSource,
    cls: ClsService,
    private readonly deadlines: DeadlinesService,
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
  ) {
    super(db, cls);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case Jobs.scanDeadlines.name:
        this.payloadOf(job, Jobs.scanDeadlines);
        return this.inContext(() => this.scan());
      case Jobs.deadlineStep.name: {
        const { deadlineId, offset } = this.payloadOf(job, Jobs.deadlineStep);
        return this.inContext(() => this.deadlines.applyStep(deadlineId, offset));
      }
      default:
        throw new UnrecoverableError(`Unknown deadlines job "${job.name}"`);
    }
  }

  private async scan(): Promise<{ steps: number }> {
    let steps = 0;
    let after: { dueOn: string; id: string } | undefined;
    for (;;) {
      const page = await this.deadlines.dueSteps(after, SCAN_PAGE);
      if (page.length === 0) break;
      await this.queue.addBulk(
        page.map((s) => ({
          name: Jobs.deadlineStep.name,
          data: { v: Jobs.deadlineStep.version, payload: { deadlineId: s.deadlineId, offset: s.offset } },
          opts: jobOptions(jobIdOf(Jobs.deadlineStep, `${s.deadlineId}.${s.offset}`), Jobs.deadlineStep.attempts),
        })),
      );
      steps += page.length;
      const last = page[page.length - 1];
      after = { dueOn: last.dueOn, id: last.deadlineId };
    }
    this.logger.log(`deadline scan: ${steps} step(s) enqueued`);
    return { steps };
  }
}
