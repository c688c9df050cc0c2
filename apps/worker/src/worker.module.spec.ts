import { Jobs } from '@canbo/platform';
import { DeadlinesProcessor } from './deadlines.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { NotificationsProcessor } from './notifications.processor';
import { checkHandlers } from './worker.module';

const ALL_JOBS = Object.values(Jobs).map((job) => job.name);

/** The start-up check: every job of the catalogue has exactly one handler, or the worker refuses to start. */
describe('checkHandlers', () => {
  it('accepts the worker`s processors: the catalogue is covered exactly once', () => {
    expect(() => checkHandlers([MaintenanceProcessor.handles, DeadlinesProcessor.handles, NotificationsProcessor.handles])).not.toThrow();
  });

  it('accepts the catalogue however it is split between processors', () => {
    expect(() => checkHandlers([ALL_JOBS])).not.toThrow();
    expect(() => checkHandlers(ALL_JOBS.map((name) => [name]))).not.toThrow();
    expect(() => checkHandlers([[], ALL_JOBS, []])).not.toThrow();
  });

  it('refuses a catalogue job nobody handles, naming it', () => {
    expect(() => checkHandlers([MaintenanceProcessor.handles, DeadlinesProcessor.handles])).toThrow(
      `Job handlers: none for ${Jobs.sendEmail.name}`,
    );
  });

  it('names every job that lacks a handler', () => {
    expect(() => checkHandlers([NotificationsProcessor.handles])).toThrow(
      `Job handlers: none for ${[...MaintenanceProcessor.handles, ...DeadlinesProcessor.handles].sort((a, b) => ALL_JOBS.indexOf(a) - ALL_JOBS.indexOf(b)).join(', ')}`,
    );
    expect(() => checkHandlers([])).toThrow(`none for ${ALL_JOBS.join(', ')}`);
  });

  it('refuses a job handled twice (two processors would race for it), in another processor or the same', () => {
    expect(() => checkHandlers([ALL_JOBS, [Jobs.heartbeat.name]])).toThrow(`more than one for ${Jobs.heartbeat.name}`);
    expect(() => checkHandlers([[...ALL_JOBS, Jobs.sendEmail.name]])).toThrow(`more than one for ${Jobs.sendEmail.name}`);
  });

  it('reports both at once: a job missing and a job duplicated', () => {
    const withoutEmail = ALL_JOBS.filter((name) => name !== Jobs.sendEmail.name);
    expect(() => checkHandlers([withoutEmail, [Jobs.scanDeadlines.name]])).toThrow(
      `Job handlers: none for ${Jobs.sendEmail.name} more than one for ${Jobs.scanDeadlines.name}`,
    );
  });

  it('does not mind a handler for a job outside the catalogue (a job being retired)', () => {
    expect(() => checkHandlers([ALL_JOBS, ['retired-job']])).not.toThrow();
  });
});

describe('each processor', () => {
  it('handles only jobs of its own queue', () => {
    const queueOf = Object.fromEntries(Object.values(Jobs).map((job) => [job.name, job.queue]));
    expect(new Set(MaintenanceProcessor.handles.map((name) => queueOf[name]))).toEqual(new Set(['maintenance']));
    expect(new Set(DeadlinesProcessor.handles.map((name) => queueOf[name]))).toEqual(new Set(['deadlines']));
    expect(new Set(NotificationsProcessor.handles.map((name) => queueOf[name]))).toEqual(new Set(['notifications']));
  });
});
