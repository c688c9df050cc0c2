import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@canbo/platform';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { redisUrl } from '../support/databases';
import { TEST_JWT_SECRET } from '../support/global-setup';
import { workerSettled } from '../support/worker-settled';
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

/** The world's worker has nothing left to do (test/support/worker-settled.ts). */
export const settled = (world: PortalWorld, worker: INestApplicationContext): Promise<void> => workerSettled(world.api.db, worker);
