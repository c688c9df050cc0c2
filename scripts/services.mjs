#!/usr/bin/env node
// Makes PostgreSQL and Redis available for `npm run demo` / `npm test`.
//
//   node scripts/services.mjs up            use what is running, otherwise start local services
//   node scripts/services.mjs down          stop what this script started (for the configured ports)
//   node scripts/services.mjs down --all    stop everything this script started in <repo>/.data
//   node scripts/services.mjs status        report, start nothing
//
//   import { ensureServices } from './services.mjs'; await ensureServices();
//
// Configuration: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/canbo) and
// REDIS_URL (default redis://127.0.0.1:6379), from the environment or from <repo>/.env
// (the environment wins). CANBO_NO_APT=1 forbids `apt-get install redis-server`.
// CANBO_PG_OS_USER picks the system user that runs the embedded PostgreSQL when we are root.
//
// One concern per file in scripts/services/: config (the URLs), postgres and embedded-postgres,
// redis and redis-server, and what they share (state: <repo>/.data; system; network; messages).

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig, parsePostgresUrl, parseRedisUrl } from './services/config.mjs';
import { stopEmbeddedPostgres } from './services/embedded-postgres.mjs';
import { ServiceError } from './services/messages.mjs';
import { ensurePostgres, postgresStatus } from './services/postgres.mjs';
import { ensureRedis, redisStatus } from './services/redis.mjs';
import { stopRedisServer } from './services/redis-server.mjs';
import { DATA_ROOT } from './services/state.mjs';

/**
 * Makes sure PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) answer, starting local ones
 * when needed. Resolves to { postgres, redis } descriptions; rejects with an Error whose
 * message gives every reason when either service is unavailable.
 */
export async function ensureServices({ log = console.log, env = process.env } = {}) {
  const config = loadConfig(env);
  const result = {};
  const errors = [];
  for (const [name, fn] of [
    ['postgres', ensurePostgres],
    ['redis', ensureRedis],
  ]) {
    try {
      result[name] = await fn(config, log);
    } catch (err) {
      errors.push(`${name}: ${err instanceof ServiceError ? err.message : err.stack || err.message}`);
    }
  }
  if (errors.length) {
    const err = new Error(errors.join('\n'));
    err.result = result;
    throw err;
  }
  return result;
}

/** Stops what this script started: for the configured ports, or everything in .data with all=true. */
export async function stopServices({ log = console.log, env = process.env, all = false } = {}) {
  const config = loadConfig(env);
  let pgPorts;
  let redisPorts;
  let redisPassword;
  if (all) {
    const names = fs.existsSync(DATA_ROOT) ? fs.readdirSync(DATA_ROOT) : [];
    pgPorts = names
      .map((n) => /^postgres-(\d+)$/.exec(n)?.[1])
      .filter(Boolean)
      .map(Number);
    redisPorts = names
      .map((n) => /^redis-(\d+)\.pid$/.exec(n)?.[1])
      .filter(Boolean)
      .map(Number);
    if (!pgPorts.length) log('postgres: nothing started by this script');
    if (!redisPorts.length) log('redis: nothing started by this script');
  } else {
    pgPorts = [parsePostgresUrl(config.databaseUrl).port];
    const r = parseRedisUrl(config.redisUrl);
    redisPorts = [r.port];
    redisPassword = r.password;
  }
  let ok = true;
  for (const port of pgPorts) ok = (await stopEmbeddedPostgres(port, log)) && ok;
  for (const port of redisPorts) ok = (await stopRedisServer(port, redisPassword, log)) && ok;
  return ok;
}

async function status(log) {
  const config = loadConfig();
  const pg = await postgresStatus(config, log);
  const redis = await redisStatus(config, log);
  return pg && redis;
}

// ---------------------------------------------------------------------------
// CLI

async function main(argv) {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === 'up') {
      await ensureServices();
      return 0;
    }
    if (cmd === 'down') return (await stopServices({ all: rest.includes('--all') })) ? 0 : 1;
    if (cmd === 'status') return (await status(console.log)) ? 0 : 1;
    console.error('usage: node scripts/services.mjs up | down [--all] | status');
    return cmd === undefined || cmd === '-h' || cmd === '--help' ? 0 : 2;
  } catch (err) {
    console.error(err instanceof ServiceError ? err.message : err.message || String(err));
    return 1;
  }
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] && pathToFileURL(fs.realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
