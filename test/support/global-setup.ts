import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../../apps/api/src/api.module';
import { migrate } from '../../scripts/migrate';
import { seedDemo } from '../../scripts/demo/demo-data';
import { migrations } from '../../migrations';
import { admin, createDatabase, dropDatabase, uniqueName, urlFor } from './databases';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/**
 * Once per run: a template database, migrated up, all the way down and up again (so every
 * migration's `down` is exercised), then loaded with the demo data set. Each suite copies it.
 */
/** Databases left by runs that died (named `<prefix>_<pid>_<hex>`, their process gone) are dropped. */
async function dropLeftovers(): Promise<void> {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const names = await admin(
    async (c) =>
      (await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^canbo_(tpl|t|cli)_[0-9]+_[0-9a-f]+$'`)).rows,
  );
  for (const { datname } of names) if (!alive(Number(datname.split('_')[2]))) await dropDatabase(datname);
}

export default async function globalSetup(): Promise<void> {
  // Every suite's apps connect as the app role to the suite's own database, the URL derived from its
  // DATABASE_URL: an APP_DATABASE_URL from the environment (.env) would point them at another database.
  delete process.env.APP_DATABASE_URL;
  await dropLeftovers();
  const template = uniqueName('canbo_tpl');
  await createDatabase(template);
  process.env.CANBO_TEST_TEMPLATE = template;
  const url = urlFor(template);
  const quiet = () => undefined;
  await migrate(url, 'up', 1, quiet);
  await migrate(url, 'down', migrations.length, quiet);
  await migrate(url, 'up', 1, quiet);
  const app = await NestFactory.createApplicationContext(
    ApiModule.register({ DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' }),
    { logger: ['error'] },
  );
  try {
    await seedDemo(app);
  } finally {
    await app.close();
  }
}
