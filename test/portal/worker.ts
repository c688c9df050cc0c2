import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { AppConfig } from '@canbo/platform';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { redisUrl } from '../support/databases';
import { TEST_JWT_SECRET } from '../support/global-setup';
import { eventually } from '../support/wait';
import type { PortalWorld } from './browser';

/**
 * The worker for a journey's world, in this process (as test/deadlines.e2e-spec.ts runs it): the same
 * database and queue prefix as the world's API, and the portal's address for the links in its e-mails.
 * At start it runs the reminder scan, so the demo's deadlines send their reminders through the real path.
 */
export async function startWorldWorker(
  world: PortalWorld,
  env: Partial<Record<keyof AppConfig, string>> = {},
): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(
    WorkerModule.register({
      DATABASE_URL: world.api.databaseUrl,
      REDIS_URL: redisUrl(),
      JWT_SECRET: TEST_JWT_SECRET,
      QUEUE_PREFIX: world.api.app.get(AppConfig).QUEUE_PREFIX,
      WORKER_HEALTH_PORT: '0',
      LOG_LEVEL: 'silent',
      PORTAL_ORIGIN: world.portal.url,
      ...env,
    }),
    { logger: false },
  );
  await worker.init();
  return worker;
}

/**
 * The worker has nothing left to do (every step taken, every e-mail handed over; the next scheduled scan
 * aside), as test/deadlines.e2e-spec.ts waits for it: what users see after this does not change by itself.
 */
export async function workerSettled(world: PortalWorld, worker: INestApplicationContext): Promise<void> {
  const queues = ['deadlines', 'notifications'].map((name) => worker.get<Queue>(`BullQueue_${name}`, { strict: false }));
  await eventually(
    async () => {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
        if (Object.values(counts).some((n) => n > 0)) return undefined;
        if ((await queue.getDelayed()).some((job) => !job.repeatJobKey)) return undefined;
      }
      const pending = (await world.api.db.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n;
      return pending === 0 ? true : undefined;
    },
    30_000,
    'the worker to settle',
  );
}
