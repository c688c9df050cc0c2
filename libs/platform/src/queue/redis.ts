/** The subset of ioredis options Canbo sets; accepted both by ioredis and by BullMQ's `connection`. */
export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: Record<string, never>;
  maxRetriesPerRequest: number | null;
  enableAutoPipelining: boolean;
}

/**
 * Connection options for BullMQ from `REDIS_URL`. Workers need `maxRetriesPerRequest: null`
 * (BullMQ blocks on Redis); auto-pipelining stays off (it slows BullMQ's workers down).
 */
export function redisConnection(url: string): RedisConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableAutoPipelining: false,
  };
}

/**
 * For producers that must not wait on an absent Redis (the outbox relay, the queue dashboard): a
 * command fails at once instead of queueing until Redis returns, so the caller can retry or answer.
 */
export function producerConnection(url: string): RedisConnectionOptions & { enableOfflineQueue: false } {
  return { ...redisConnection(url), maxRetriesPerRequest: 1, enableOfflineQueue: false };
}
