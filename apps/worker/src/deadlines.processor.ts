import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { AppointmentsService } from '@canbo/appointments';
import { ReminderEngine } from '@canbo/deadlines';
import { VotesService } from '@canbo/votes';
import { RemovalProposalsService } from '@canbo/planning';
import { RotationService } from '@canbo/rotation';
import { Jobs, QueueName } from '@canbo/platform';
import { JobFailures } from '@canbo/audit';
import { CatalogueProcessor, workerOptions } from './catalogue-processor';

/**
 * The reminder engine's jobs (the scan fans out onto this same queue, one job per committee's steps) and
 * the dated work of the modules — appointments taking effect, rotations starting and their decisions taking effect, planning's removal proposals, vote sessions
 * closing (dated obligations of
 * the same kind: one queue, one worker).
 */
@Processor(QueueName.Deadlines, workerOptions())
export class DeadlinesProcessor extends CatalogueProcessor {
  static readonly handles = [
    Jobs.scanDeadlines.name,
    Jobs.deadlineSteps.name,
    Jobs.takeEffectAppointments.name,
    Jobs.closeVoteSessions.name,
    Jobs.voteFollowUp.name,
    Jobs.proposePlanningRemovals.name,
    Jobs.startRotations.name,
  ];

  constructor(
    failures: JobFailures,
    private readonly reminders: ReminderEngine,
    private readonly appointments: AppointmentsService,
    private readonly votes: VotesService,
    private readonly removals: RemovalProposalsService,
    private readonly rotations: RotationService,
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
      case Jobs.takeEffectAppointments.name: {
        this.payloadOf(job, Jobs.takeEffectAppointments);
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
        const applied = await this.inContext(() => this.appointments.takeEffect(today));
        this.logger.log(`appointments taking effect on ${today}: ${applied.length}`);
        return { applied: applied.length };
      }
      case Jobs.closeVoteSessions.name: {
        this.payloadOf(job, Jobs.closeVoteSessions);
        const closed = await this.inContext(() => this.votes.closeDue(new Date()));
        if (closed.length) this.logger.log(`vote sessions closed: ${closed.map((c) => `${c.id} ${c.outcome}`).join(', ')}`);
        return { closed: closed.length };
      }
      case Jobs.voteFollowUp.name: {
        const { sessionId } = this.payloadOf(job, Jobs.voteFollowUp);
        const done = await this.inContext(() => this.votes.followUpClosed(sessionId));
        return { followedUp: done };
      }
      case Jobs.proposePlanningRemovals.name: {
        this.payloadOf(job, Jobs.proposePlanningRemovals);
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
        const outcome = await this.inContext(() => this.removals.scan(today));
        this.logger.log(`planning removal proposals on ${today}: ${outcome.created} in ${outcome.cycles} cycle(s)`);
        return outcome;
      }
      case Jobs.startRotations.name: {
        this.payloadOf(job, Jobs.startRotations);
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
        // Three passes over rotations, each idempotent: the starts, the post-rotation decisions whose date has come
        // (back to the origin, a new post), and the next year's evaluation where the destination met the last one.
        // One pass failing does not hold up the others; the job then fails (and is retried) with every failure.
        const failures: string[] = [];
        const pass = async (what: string, run: () => Promise<string[]>): Promise<number> => {
          try {
            const done = await this.inContext(run);
            this.logger.log(`${what} on ${today}: ${done.length}`);
            return done.length;
          } catch (error) {
            failures.push((error as Error).message);
            return 0;
          }
        };
        const started = await pass('rotations starting', () => this.rotations.start(today));
        const placed = await pass('rotation decisions taking effect', () => this.rotations.placeDue(today));
        const evaluations = await pass('rotation yearly evaluations opened', () => this.rotations.nextEvaluations());
        if (failures.length > 0) throw new Error(failures.join(' | '));
        return { started, placed, evaluations };
      }
      default:
        throw new UnrecoverableError(`Unknown deadlines job "${job.name}"`);
    }
  }
}
