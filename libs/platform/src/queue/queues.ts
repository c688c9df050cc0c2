/**
 * Every queue and job the API and the worker share. Producers name jobs only through this catalogue;
 * the worker checks at start-up that each job has exactly one handler.
 */
export const QueueName = {
  /** Housekeeping: the heartbeat, and checks operators ask for. */
  Maintenance: 'maintenance',
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

const define = <Payload>(queue: QueueName, name: string, version: number, attempts = 5): JobDefinition<Payload> => ({ queue, name, version, attempts });

export const Jobs = {
  heartbeat: define<Record<string, never>>(QueueName.Maintenance, 'heartbeat', 1, 1),
  verifyAuditChains: define<{ verificationId: string }>(QueueName.Maintenance, 'verify-audit-chains', 1),
} as const;

export type JobName = (typeof Jobs)[keyof typeof Jobs]['name'];

/** What travels in BullMQ: the payload with its version. */
export interface Envelope<Payload> {
  v: number;
  payload: Payload;
}
