import { readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { redisUrl } from './databases';

/**
 * The suites' Redis keys (BullMQ queues, login throttle counters) live under `test:` prefixes that
 * name the process that made them: `test:canbo_t_<pid>_<hex>:…` (startApi) or `test:<suite>:<pid>…`
 * (suites that pick their own prefix). The pid tells whose keys they are, so that a run removes its
 * own and those of runs that died, never those of another run still going on the same Redis.
 */
const OWNER = /^test:(?:canbo_t_(\d+)_[0-9a-f]+|[a-z-]+:(\d+))(?::|$)/;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const parentOf = (pid: number): number | undefined => {
  try {
    // /proc/<pid>/stat: "pid (command) state ppid …"; the command may hold spaces, hence the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
};

/** This run's keys (made by this process or by its Jest workers) and those of runs that are gone. */
const ours = (pid: number) => pid === process.pid || !alive(pid) || parentOf(pid) === process.pid;

/** Deletes the test keys this run owns; returns how many. */
export async function dropTestKeys(): Promise<number> {
  const redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  let dropped = 0;
  try {
    await redis.connect();
    const owners = new Map<number, boolean>();
    for await (const keys of redis.scanStream({ match: 'test:*', count: 1000 }) as AsyncIterable<string[]>) {
      const doomed = keys.filter((key) => {
        const match = OWNER.exec(key);
        if (!match) return false;
        const pid = Number(match[1] ?? match[2]);
        if (!owners.has(pid)) owners.set(pid, ours(pid));
        return owners.get(pid);
      });
      if (doomed.length > 0) dropped += await redis.unlink(...doomed);
    }
  } finally {
    redis.disconnect();
  }
  return dropped;
}
