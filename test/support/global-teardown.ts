import { dropDatabase } from './databases';
import { dropTestKeys } from './redis-keys';

export default async function globalTeardown(): Promise<void> {
  if (process.env.CANBO_TEST_TEMPLATE) await dropDatabase(process.env.CANBO_TEST_TEMPLATE);
  // Queues and throttle counters of every suite: a test run leaves Redis as it found it.
  await dropTestKeys().catch((error: unknown) => console.warn(`global teardown: test keys left in Redis: ${String(error)}`));
}
