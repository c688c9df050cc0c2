import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { asSystem } from '@canbo/platform';
import { ApiModule } from '../apps/api/src/api.module';
import { seedDemo } from './demo/demo-data';

/** `npm run seed:demo`: loads the demo data set into an empty, migrated database. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ApiModule.register(), { logger: ['error', 'warn'] });
  try {
    // As the system: under any narrower scope (or none) the committees would be hidden, and counted as none.
    const [{ n }] = await asSystem(() => app.get(DataSource).query(`SELECT count(*)::int AS n FROM committee`));
    if (n > 0) {
      console.log('demo data: the database already has committees; nothing loaded');
      return;
    }
    await seedDemo(app);
    console.log('demo data loaded');
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
