// Redis at REDIS_URL: use the one that answers, or start a local redis-server when nothing answers
// at a local address; then make sure it never evicts keys (BullMQ needs that).

import { parseRedisUrl } from './config.mjs';
import { ServiceError, hostPort, indent } from './messages.mjs';
import { CONNECT_TIMEOUT_MS, LOCAL_HOSTS, isUnreachable } from './network.mjs';
import { findRedisServer, installRedis, redisOurPid, redisPaths, startRedisServer } from './redis-server.mjs';
import { rel, tail } from './state.mjs';
import { loadDep, waitReady } from './system.mjs';

async function redisConnect(cfg) {
  const Redis = await loadDep('ioredis');
  const client = new Redis(cfg.url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    reconnectOnError: () => false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== 'PONG') throw new Error(`unexpected PING reply ${pong}`);
    return client;
  } catch (err) {
    client.disconnect();
    throw err;
  }
}

function redisUnreachable(err) {
  return isUnreachable(err) || /Connection is closed|connect E|timed out/i.test(err?.message || '');
}

async function redisProbe(cfg) {
  try {
    return { client: await redisConnect(cfg) };
  } catch (err) {
    return redisUnreachable(err) ? { unreachable: true, error: err } : { error: err };
  }
}

const redisWaitReady = (cfg, timeoutMs) =>
  waitReady(() => redisProbe(cfg), {
    timeoutMs,
    intervalMs: 200,
    retry: (last) => last.unreachable || /LOADING/.test(last.error?.message || ''),
  });

/** Resolves to a description of the Redis in use; throws a ServiceError when there is none to use. */
export async function ensureRedis(config, log) {
  const cfg = parseRedisUrl(config.redisUrl);
  const where = hostPort(cfg.host, cfg.port);
  const { pidFile, logFile } = redisPaths(cfg.port);

  let client;
  let started = false;
  let probe = await redisProbe(cfg);
  if (probe.client) {
    client = probe.client;
    const pid = redisOurPid(cfg.port);
    log(`redis: using ${where}${pid ? ` (redis-server started by this script, pid ${pid})` : ''}`);
  } else if (!probe.unreachable) {
    throw new ServiceError(`Redis on ${where} answers but PING fails: ${probe.error.message} (check the password in REDIS_URL)`);
  } else if (!LOCAL_HOSTS.has(cfg.host) || cfg.tls) {
    throw new ServiceError(
      `cannot reach Redis at ${where} (${probe.error.message}); ${cfg.tls ? 'it uses TLS' : 'it is not a local address'}, so no local redis-server is started. Start it, or fix REDIS_URL.`,
    );
  } else {
    let bin = findRedisServer();
    if (!bin && installRedis(config, log)) {
      bin = findRedisServer();
      // The Debian package may have started its own service; if that is on our port, use it.
      probe = await redisProbe(cfg);
      if (probe.client) {
        client = probe.client;
        log(`redis: installed redis-server; using the service it started on ${where}`);
      }
    }
    if (!client) {
      if (!bin) {
        throw new ServiceError(
          `no Redis at ${where} and no redis-server to start. Install it (as root: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running Redis${config.noApt ? ' (CANBO_NO_APT is set, so it was not installed automatically)' : ''}.`,
        );
      }
      startRedisServer(bin, cfg);
      client = await redisWaitReady(cfg, 10_000).catch((err) => {
        throw new ServiceError(`redis-server was started but ${where} does not answer PING: ${err.message}\n${indent(tail(logFile))}`);
      });
      started = true;
      const version = (await client.info('server').catch(() => '')).match(/redis_version:(\S+)/)?.[1];
      log(
        `redis: started redis-server${version ? ` ${version}` : ''} on ${where} (no persistence, log ${rel(logFile)}, pid file ${rel(pidFile)})`,
      );
    }
  }

  try {
    await ensureNoEviction(client, log);
    return { url: config.redisUrl, host: cfg.host, port: cfg.port, started, pid: redisOurPid(cfg.port) ?? undefined };
  } finally {
    client.disconnect();
  }
}

/** BullMQ needs maxmemory-policy noeviction: set it when it is not (not persisted to redis.conf). */
async function ensureNoEviction(client, log) {
  let policy;
  try {
    policy = (await client.config('GET', 'maxmemory-policy'))?.[1];
  } catch (err) {
    log(`redis: warning: cannot read maxmemory-policy (${err.message}); BullMQ needs it to be "noeviction"`);
  }
  if (policy !== undefined && policy !== 'noeviction') {
    try {
      await client.config('SET', 'maxmemory-policy', 'noeviction');
      log(`redis: note: maxmemory-policy was "${policy}", set it to "noeviction" (BullMQ needs it; not persisted to redis.conf)`);
    } catch (err) {
      log(`redis: warning: maxmemory-policy is "${policy}" and cannot be changed (${err.message}); BullMQ needs "noeviction"`);
    }
  }
}

/** One line on REDIS_URL's server, starting nothing; false when it does not answer. */
export async function redisStatus(config, log) {
  const rc = parseRedisUrl(config.redisUrl);
  const r = await redisProbe(rc);
  if (!r.client) {
    log(`redis: ${hostPort(rc.host, rc.port)} does not answer: ${r.error?.message}`);
    return false;
  }
  r.client.disconnect();
  const pid = redisOurPid(rc.port);
  log(`redis: ${hostPort(rc.host, rc.port)} answers${pid ? ` (started by this script, pid ${pid})` : ''}`);
  return true;
}
