import { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '@canbo/platform';
import { startWorker } from '../support/worker';
import { workerSettled } from '../support/worker-settled';
import type { PortalWorld } from './browser';

/**
 * The worker for a journey's world, in this process (test/support/worker.ts, as the API's suites run it):
 * the same database and queue prefix as the world's API, and the portal's address for the links in its
 * e-mails. At start it runs the reminder scan, so the demo's deadlines send their reminders through the
 * real path.
 */
export function startWorldWorker(world: PortalWorld, env: Partial<Record<keyof AppConfig, string>> = {}): Promise<INestApplicationContext> {
  return startWorker(world.api, { PORTAL_ORIGIN: world.portal.url, ...env });
}

/** The world's worker has nothing left to do (test/support/worker-settled.ts). */
export const settled = (world: PortalWorld, worker: INestApplicationContext): Promise<void> => workerSettled(world.api.db, worker);
