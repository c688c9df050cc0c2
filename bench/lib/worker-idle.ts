import { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { QueueName, redisConnection } from '@canbo/platform';

/**
 * Waits until a worker started for a benchmark has done what it does at start (the boot's daily passes,
 * checkpoint and scans run over the whole scale set) and its outbox is empty: a scenario then times its
 * own job on a quiet worker, as its reference is timed on a quiet database. The scheduled repeats aside.
 */
export async function workerIdle(db: Pool, redisUrl: string, prefix: string, timeoutMs = 600_000): Promise<void> {
  const connection = redisConnection(redisUrl);
  const queues = Object.values(QueueName).map((name) => new Queue(name, { connection, prefix }));
  const busy = async (): Promise<boolean> => {
    for (const queue of queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      if (Object.values(counts).some((n) => n > 0)) return true;
      if ((await queue.getDelayed()).some((job) => !job.repeatJobKey)) return true;
    }
    return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n > 0;
  };
  try {
    const until = Date.now() + timeoutMs;
    while (await busy()) {
      if (Date.now() > until) throw new Error(`the worker was still busy after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}
