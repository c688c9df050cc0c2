import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { eventually } from './wait';

/**
 * The worker has nothing left to do: every step taken, every e-mail handed over, the outbox empty (the
 * next scheduled scan aside). What the suites read after this does not change by itself.
 */
export async function workerSettled(db: Pool, worker: INestApplicationContext, timeoutMs = 30_000): Promise<void> {
  const queues = ['deadlines', 'notifications'].map((name) => worker.get<Queue>(`BullQueue_${name}`, { strict: false }));
  await eventually(
    async () => {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
        if (Object.values(counts).some((n) => n > 0)) return undefined;
        if ((await queue.getDelayed()).some((job) => !job.repeatJobKey)) return undefined;
      }
      const pending = (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n;
      return pending === 0 ? true : undefined;
    },
    timeoutMs,
    'the worker to settle',
  );
}
