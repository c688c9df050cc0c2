/**
 * Every queue and job the API and the worker share. Producers name jobs only through this catalogue;
 * the worker checks at start-up that each job has exactly one handler.
 */
export const QueueName = {
  /** Housekeeping: the heartbeat, the daily audit checkpoint, and checks operators ask for. */
  Maintenance: 'maintenance',
  /** The daily deadline scan and the reminder steps it fans out, one job per committee. */
  Deadlines: 'deadlines',
  /** Delivery of notifications on channels other than the in-app inbox (e-mail). */
  Notifications: 'notifications',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** A job: its queue, its name, and the version of its payload (a handler refuses versions it does not know). */
export interface JobDefinition<Payload> {
  queue: QueueName;
  name: string;
  version: number;
  /** Only for typing: the payload this job carries. */
  readonly payload?: Payload;
  /** Attempts before the job is dead-lettered (its final failure is written to PostgreSQL). */
  attempts: number;
}

const define = <Payload>(queue: QueueName, name: string, version: number, attempts = 5): JobDefinition<Payload> => ({
  queue,
  name,
  version,
  attempts,
});

export const Jobs = {
  heartbeat: define<Record<string, never>>(QueueName.Maintenance, 'heartbeat', 1, 1),
  verifyAuditChains: define<{ verificationId: string }>(QueueName.Maintenance, 'verify-audit-chains', 1),
  /** The day's checkpoint of every audit chain head (one per Vietnamese day; a re-run adds nothing). */
  auditCheckpoint: define<Record<string, never>>(QueueName.Maintenance, 'audit-checkpoint', 1, 3),
  /** Finds the reminder steps that have come (as of today in Vietnam) and fans them out. */
  scanDeadlines: define<Record<string, never>>(QueueName.Deadlines, 'scan-deadlines', 1, 3),
  /**
   * Reminder steps of one committee's deadlines: `offset` is days from the due date (-7 a week before,
   * 3 three days late). One job per committee, so a committee that fails never holds up the others.
   */
  deadlineSteps: define<{ committeeId: string; steps: { deadlineId: string; offset: number }[] }>(QueueName.Deadlines, 'deadline-steps', 1),
  /** Appointments whose effective date has come (as of today in Vietnam) take effect: the cadre's post changes. Idempotent. */
  takeEffectAppointments: define<Record<string, never>>(QueueName.Deadlines, 'take-effect-appointments', 1, 3),
  /** Confidence-vote sessions whose closing time has come, or whose every voter has voted, close and are tallied. Idempotent. */
  closeVoteSessions: define<Record<string, never>>(QueueName.Deadlines, 'close-vote-sessions', 1, 3),
  /** Nominees of approved planning cycles over the age for the term or barred by a discipline get a removal proposal. Idempotent. */
  proposePlanningRemovals: define<Record<string, never>>(QueueName.Deadlines, 'propose-planning-removals', 1, 3),
  /**
   * Approved rotations whose start date has come (as of today in Vietnam) start: the cadre moves to the destination;
   * then concluded rotations whose decision's date has come are placed (back to the origin, or a new post). Idempotent.
   */
  startRotations: define<Record<string, never>>(QueueName.Deadlines, 'start-rotations', 1, 3),
  /**
   * What a vote counted on paper sets off (follow-up deadlines in the managing committees, notices to their
   * admins): system work, written by the count's transaction through the outbox. Idempotent.
   */
  voteFollowUp: define<{ sessionId: string }>(QueueName.Deadlines, 'vote-follow-up', 1, 3),
  sendEmail: define<{ notificationId: string }>(QueueName.Notifications, 'send-email', 1, 6),
} as const;

export type JobName = (typeof Jobs)[keyof typeof Jobs]['name'];

/** What travels in BullMQ: the payload with its version. */
export interface Envelope<Payload> {
  v: number;
  payload: Payload;
}

/** BullMQ reserves ':' in custom job ids; ours are `<job name>.<key>`. */
export const jobIdOf = (job: JobDefinition<unknown>, key: string) => `${job.name}.${key.replace(/:/g, '_')}`;

/** Options every catalogue job is added with, by the outbox relay and by the worker's own fan-outs. */
export const jobOptions = (jobId: string, attempts: number) => ({
  jobId,
  attempts,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 10_000 },
  removeOnFail: { count: 10_000 },
});
