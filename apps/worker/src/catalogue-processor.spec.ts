import { Job, UnrecoverableError } from 'bullmq';
import { Jobs, type JobDefinition } from '@canbo/platform';
import { CatalogueProcessor, workerOptions } from './catalogue-processor';

/** The shared checks of every processor, through a processor that only exposes them (no database is touched). */
class Probe extends CatalogueProcessor {
  constructor() {
    super(undefined as never);
  }
  process(): Promise<unknown> {
    return Promise.resolve();
  }
  payload<P>(job: Pick<Job, 'data'>, definition: JobDefinition<P>): P {
    return this.payloadOf(job as Job, definition);
  }
  finalAttempt(attemptsMade: number, attempts: number | undefined): boolean {
    return this.isFinalAttempt({ attemptsMade, opts: { attempts } } as Job);
  }
}

describe('CatalogueProcessor.payloadOf: a handler refuses payload versions it does not know', () => {
  const probe = new Probe();

  it('returns the payload of the version the catalogue defines', () => {
    expect(probe.payload({ data: { v: Jobs.sendEmail.version, payload: { notificationId: 'n1' } } }, Jobs.sendEmail)).toEqual({
      notificationId: 'n1',
    });
  });

  it.each([
    ['a newer version', { v: Jobs.sendEmail.version + 1, payload: { notificationId: 'n1' } }],
    ['an older version', { v: Jobs.sendEmail.version - 1, payload: { notificationId: 'n1' } }],
    ['the version as text', { v: String(Jobs.sendEmail.version), payload: {} }],
    ['no version (a payload sent bare)', { notificationId: 'n1' }],
    ['no data at all', undefined],
  ])('refuses %s unrecoverably: retrying cannot make it readable', (_, data) => {
    expect(() => probe.payload({ data }, Jobs.sendEmail)).toThrow(UnrecoverableError);
    expect(() => probe.payload({ data }, Jobs.sendEmail)).toThrow(`of ${Jobs.sendEmail.name} is not handled`);
  });
});

describe('CatalogueProcessor.isFinalAttempt', () => {
  const probe = new Probe();

  it.each([
    [0, 5, false],
    [3, 5, false],
    [4, 5, true],
    [5, 5, true],
    [0, 1, true],
    [0, undefined, true],
  ])('after %d attempts made of %s, the running attempt is final: %s', (made, attempts, final) => {
    expect(probe.finalAttempt(made, attempts)).toBe(final);
  });
});

describe('workerOptions', () => {
  const saved = { concurrency: process.env.WORKER_CONCURRENCY, lock: process.env.JOB_LOCK_MS };
  afterEach(() => {
    for (const [name, value] of [
      ['WORKER_CONCURRENCY', saved.concurrency],
      ['JOB_LOCK_MS', saved.lock],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  it('defaults to 50 jobs in flight and a 30 s lock, checked for stalls as often as it lasts', () => {
    delete process.env.WORKER_CONCURRENCY;
    delete process.env.JOB_LOCK_MS;
    expect(workerOptions()).toEqual({ concurrency: 50, lockDuration: 30_000, stalledInterval: 30_000 });
  });

  it('reads both from the environment, and ignores a value that is not a number', () => {
    process.env.WORKER_CONCURRENCY = '4';
    process.env.JOB_LOCK_MS = '5000';
    expect(workerOptions()).toEqual({ concurrency: 4, lockDuration: 5_000, stalledInterval: 5_000 });
    process.env.WORKER_CONCURRENCY = 'many';
    expect(workerOptions().concurrency).toBe(50);
  });
});
