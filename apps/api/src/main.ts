// First: it must run before any module starts libuv's thread pool (see the file).
import './thread-pool-priority';
import 'reflect-metadata';
import { AppConfig, InvalidConfigError } from '@canbo/platform';
import { createApiApp } from './app';

async function main(): Promise<void> {
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
