import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { Queue } from 'bullmq';
import { UNSCOPED_SYSTEM, currentActor, operatorCommitteeId } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { RoleHoldersService } from '@canbo/identity';
import { NotificationsService } from '@canbo/notifications';
import { Jobs, Outbox, chunk, groupBy, jobIdOf, jobOptions } from '@canbo/platform';
import { DeadlineRepository, DueStep, DueStepsKey } from './deadline.repository';
import { canHappen, eventOfStep, stateAfter } from './deadline-transitions';
import { stepKind, stepMessage } from './steps';

/** Steps read per page of the scan: big enough for addBulk's throughput, small enough to keep memory flat. */
const SCAN_PAGE = 10_000;
/** At most this many steps in one job (one transaction). */
const STEPS_PER_JOB = 500;
/** Steps gathered before their jobs are queued. */
const FANOUT_FLUSH = 100_000;

export interface ScanOutcome {
  steps: number;
  jobs: number;
}

export interface StepOutcome {
  applied: number;
  /** Steps already sent, no longer stepping (met, waived, escalated) or not due any more. */
  skipped: number;
  /** New inbox entries. */
  notified: number;
}

/**
 * The reminder engine. The scan (the worker's daily job, or an operator's "scan now") finds the steps
 * that have come and fans out one job per committee (anchors.md: per tenant, so a slow or failing
 * committee never holds up the others) whose id is derived from its steps, so a scan run twice enqueues
 * nothing new while the first is queued; each job sends its steps once (`applySteps`). All of it is
 * system work: no user's reach applies (UNSCOPED_SYSTEM).
 */
@Injectable()
export class ReminderEngine {
  constructor(
    private readonly deadlines: DeadlineRepository,
    private readonly roleHolders: RoleHoldersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  /** An operator's "scan now": the same job the daily scheduler runs, through the outbox. */
  @Transactional()
  async requestScan(): Promise<string> {
    const scanId = randomUUID();
    const jobId = await this.outbox.add(Jobs.scanDeadlines, `manual-${scanId}`, {});
    await this.audit.record({
      committeeId: operatorCommitteeId(currentActor()),
      entityType: 'DeadlineScan',
      entityId: scanId,
      action: 'request',
      changes: { jobId },
    });
    return jobId;
  }

  /**
   * Reads the due steps page by page and gathers them per committee, so each committee's steps go out
   * as one job (one chain-head lock, a handful of statements) rather than one per page; every
   * FANOUT_FLUSH steps the gathered jobs are queued on `queue` (the deadlines queue), which keeps memory
   * flat on any scale.
   */
  async scan(queue: Pick<Queue, 'addBulk'>): Promise<ScanOutcome> {
    let steps = 0;
    let jobs = 0;
    let gathered: DueStep[] = [];
    const flush = async () => {
      const batch = [...groupBy(gathered, (s) => s.committeeId)].flatMap(([committeeId, all]) =>
        chunk(all, STEPS_PER_JOB).map((part) => {
          const payload = { committeeId, steps: part.map((s) => ({ deadlineId: s.deadlineId, offset: s.offset })) };
          const key = `${committeeId}.${createHash('sha1').update(JSON.stringify(payload.steps)).digest('hex').slice(0, 20)}`;
          return {
            name: Jobs.deadlineSteps.name,
            data: { v: Jobs.deadlineSteps.version, payload },
            opts: jobOptions(jobIdOf(Jobs.deadlineSteps, key), Jobs.deadlineSteps.attempts),
          };
        }),
      );
      for (const part of chunk(batch, 1_000)) await queue.addBulk(part);
      jobs += batch.length;
      gathered = [];
    };
    let after: DueStepsKey | undefined;
    do {
      const page = await this.deadlines.dueSteps(UNSCOPED_SYSTEM, after, SCAN_PAGE);
      gathered.push(...page.steps);
      steps += page.steps.length;
      after = page.last;
      if (gathered.length >= FANOUT_FLUSH || !after) await flush();
    } while (after);
    return { steps, jobs };
  }

  /**
   * Sends the given steps (usually one committee's), each once: under the deadlines' row locks a step
   * at or before the last one sent is skipped, so a retried job, a re-run scan or a second worker adds
   * nothing; inbox entries are also unique per recipient and step. Reminders go to the holders of the
   * owner role at the committee; the escalation to those at the board above, and only to them.
   * Set-based (one statement per kind of write), because a national scan sends 100,000 steps.
   */
  @Transactional()
  async applySteps(steps: readonly { deadlineId: string; offset: number }[]): Promise<StepOutcome> {
    const wanted = new Map(steps.map((s) => [s.deadlineId, s.offset]));
    const locked = await this.deadlines.lockForSteps(UNSCOPED_SYSTEM, [...wanted.keys()]);
    const due = locked.flatMap((d) => {
      const offset = wanted.get(d.id) as number;
      const step = stepKind(offset, d.escalateAfterDays);
      const event = eventOfStep(step);
      // Not yet due: the due date moved since the scan.
      if (!canHappen(event, d.state) || (d.lastOffset !== null && d.lastOffset >= offset) || d.todayOffset < offset) return [];
      return [{ d, offset, step, event, state: stateAfter(event, d.state), to: step === 'escalation' ? d.parentId : d.committeeId }];
    });
    if (due.length === 0) return { applied: 0, skipped: steps.length, notified: 0 };

    const holders = await this.roleHolders.holdersAt(UNSCOPED_SYSTEM, [...new Set(due.flatMap((x) => (x.to ? [x.to] : [])))]);
    const notified = await this.notifications.notify(
      due.flatMap(({ d, offset, step, to }) => {
        const message = stepMessage(step, offset, { title: d.title, dueOn: d.dueOn, committeeName: d.committeeName });
        return (to ? holders.of(to, d.ownerRole) : []).map((recipientId) => ({
          recipientId,
          committeeId: d.committeeId,
          ...message,
          entityType: 'Deadline',
          entityId: d.id,
          dedupeKey: `deadline:${d.id}:${offset}`,
        }));
      }),
    );
    await this.deadlines.recordSteps(due.map(({ d, offset, state }) => ({ id: d.id, offset, state })));
    await this.audit.recordMany(
      due.map(({ d, offset, event, state }) => ({
        committeeId: d.committeeId,
        entityType: 'Deadline',
        entityId: d.id,
        action: event,
        changes: { step: offset, ...(state !== d.state ? { before: { state: d.state }, after: { state } } : {}) },
        actorId: null,
      })),
    );
    return { applied: due.length, skipped: steps.length - due.length, notified };
  }
}
