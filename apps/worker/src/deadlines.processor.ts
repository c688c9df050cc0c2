import { createHash } from 'node:crypto';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { DeadlinesService, DueStep, DueStepsKey } from '@canbo/deadlines';
import { Jobs, QueueName, chunk, groupBy, jobIdOf, jobOptions } from '@canbo/platform';
import { JobFailureRepository } from '@canbo/audit';
import { CatalogueProcessor, workerOptions } from './catalogue-processor';

/** Steps read per page of the scan: big enough for addBulk's throughput, small enough to keep memory flat. */
const SCAN_PAGE = 10_000;
/** At most this many steps in one job (one transaction). */
const STEPS_PER_JOB = 500;
/** Steps gathered before their jobs are queued. */
const FANOUT_FLUSH = 100_000;

/**
 * The reminder engine. The scan fans out one job per committee (anchors.md: per tenant, so a slow or
 * failing committee never holds up the others) whose id is derived from its steps, so a scan run twice
 * enqueues nothing new while the first is queued; each job sends its steps once (DeadlinesService.applySteps).
 */
@Processor(QueueName.Deadlines, workerOptions())
export class DeadlinesProcessor extends CatalogueProcessor {
  static readonly handles = [Jobs.scanDeadlines.name, Jobs.deadlineSteps.name];

  constructor(
    failures: JobFailureRepository,
    private readonly deadlines: DeadlinesService,
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
  ) {
    super(failures);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case Jobs.scanDeadlines.name:
        this.payloadOf(job, Jobs.scanDeadlines);
        return this.inContext(() => this.scan());
      case Jobs.deadlineSteps.name: {
        const { steps } = this.payloadOf(job, Jobs.deadlineSteps);
        return this.inContext(() => this.deadlines.applySteps(steps));
      }
      default:
        throw new UnrecoverableError(`Unknown deadlines job "${job.name}"`);
    }
  }

  /**
   * Reads the due steps page by page and gathers them per committee, so each committee's steps go out
   * as one job (one chain-head lock, a handful of statements) rather than one per page; every
   * FANOUT_FLUSH steps the gathered jobs are queued, which keeps memory flat on any scale.
   */
  private async scan(): Promise<{ steps: number; jobs: number }> {
    let steps = 0;
    let jobs = 0;
    let gathered: DueStep[] = [];
    const flush = async () => {
      const batch = [...groupBy(gathered, (s) => s.committeeId)].flatMap(([committeeId, all]) =>
        chunk(all, STEPS_PER_JOB).map((part) => {
          const payload = { committeeId, steps: part.map((s) => ({ deadlineId: s.deadlineId, offset: s.offset })) };
          const key = `${committeeId}.${createHash('sha1').update(JSON.stringify(payload.steps)).digest('hex').slice(0, 20)}`;
          return { name: Jobs.deadlineSteps.name, data: { v: Jobs.deadlineSteps.version, payload }, opts: jobOptions(jobIdOf(Jobs.deadlineSteps, key), Jobs.deadlineSteps.attempts) };
        }),
      );
      for (const part of chunk(batch, 1_000)) await this.queue.addBulk(part);
      jobs += batch.length;
      gathered = [];
    };
    let after: DueStepsKey | undefined;
    do {
      const page = await this.deadlines.dueSteps(after, SCAN_PAGE);
      gathered.push(...page.steps);
      steps += page.steps.length;
      after = page.last;
      if (gathered.length >= FANOUT_FLUSH || !after) await flush();
    } while (after);
    this.logger.log(`deadline scan: ${steps} step(s) in ${jobs} job(s)`);
    return { steps, jobs };
  }
}
