import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@canbo/platform';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import type { TestApi } from './api';
import { TEST_JWT_SECRET } from './global-setup';

/**
 * The worker in this process beside a suite's API: its database, Redis and queue prefix (so it takes what
 * the API hands over), quiet and without a health port unless `env` says otherwise. Its start runs the
 * daily jobs once, as a deployed worker's does.
 */
export async function startWorker(api: TestApi, env: Partial<Record<keyof AppConfig, string>> = {}): Promise<INestApplicationContext> {
  const config = api.app.get(AppConfig);
  const worker = await NestFactory.createApplicationContext(
    WorkerModule.register({
      DATABASE_URL: api.databaseUrl,
      REDIS_URL: config.REDIS_URL,
      JWT_SECRET: TEST_JWT_SECRET,
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      WORKER_HEALTH_PORT: '0',
      LOG_LEVEL: 'silent',
      ...env,
    }),
    { logger: false },
  );
  await worker.init().catch(async (error: unknown) => {
    await worker.close();
    throw error;
  });
  return worker;
}
