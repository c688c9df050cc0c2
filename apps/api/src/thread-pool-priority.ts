import { readdirSync, stat } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Imported first by main.ts, before anything can start libuv's thread pool (bullmq does, when it is
 * loaded): the pool's first job starts all its threads synchronously, so the threads that appear
 * across that call are the pool's, and their CPU priority is lowered.
 *
 * Why: argon2 runs on that pool, and the threads it starts for its lanes inherit the priority. One
 * argon2id check keeps 4 threads busy for ~0.2 s; at normal priority a burst of logins takes the
 * cores from the event loop and PostgreSQL (bench `login-storm`); niced, hashing gets what request
 * handling leaves. The pool's other jobs (file reads, DNS lookups, zlib) are niced too: an API
 * process has few of them, none on a hot path. Linux only (per-thread niceness); elsewhere, or if
 * the pool had already started, nothing changes.
 */
export const THREAD_POOL_NICENESS = 10;

function threads(): Set<string> | undefined {
  try {
    return new Set(readdirSync('/proc/self/task'));
  } catch {
    return undefined;
  }
}

function lowerThreadPoolPriority(): number {
  const before = threads();
  if (!before) return 0;
  stat('/', () => undefined);
  let lowered = 0;
  for (const tid of threads() ?? []) {
    if (before.has(tid)) continue;
    try {
      setPriority(Number(tid), THREAD_POOL_NICENESS);
      lowered++;
    } catch {
      // not allowed to change it: the priority stays as it was
    }
  }
  return lowered;
}

export const loweredThreads = lowerThreadPoolPriority();
