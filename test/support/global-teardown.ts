import { dropDatabase } from './databases';

export default async function globalTeardown(): Promise<void> {
  if (process.env.CANBO_TEST_TEMPLATE) await dropDatabase(process.env.CANBO_TEST_TEMPLATE);
}
