// What to connect to: DATABASE_URL and REDIS_URL (and the switches below), from the environment or
// from <repo>/.env, the environment winning (an empty variable counts as unset).

import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { parse as parsePgConnectionString } from 'pg-connection-string';
import { ServiceError } from './messages.mjs';
import { REPO_ROOT } from './state.mjs';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/canbo';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The variables of <repo>/.env, without putting them into process.env. */
function dotEnv() {
  try {
    return parseEnv(fs.readFileSync(path.join(REPO_ROOT, '.env'), 'utf8'));
  } catch (err) {
    if (err.code === 'ENOENT') return {};
    throw new ServiceError(`cannot read .env: ${err.message}`);
  }
}

export function loadConfig(env = process.env) {
  const fileEnv = dotEnv();
  const get = (key) => (env[key] !== undefined && env[key] !== '' ? env[key] : fileEnv[key]);
  return {
    databaseUrl: get('DATABASE_URL') || DEFAULT_DATABASE_URL,
    redisUrl: get('REDIS_URL') || DEFAULT_REDIS_URL,
    // Forbids `apt-get install redis-server`.
    noApt: Boolean(get('CANBO_NO_APT')),
    // The system user that runs the embedded PostgreSQL when we are root.
    pgOsUser: get('CANBO_PG_OS_USER') || undefined,
  };
}

export function parsePostgresUrl(url) {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) throw new ServiceError(`DATABASE_URL is not a valid URL: ${url}`);
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new ServiceError(`DATABASE_URL must start with postgres:// or postgresql:// (got ${scheme}:)`);
  }
  let c;
  try {
    c = parsePgConnectionString(url);
  } catch (err) {
    throw new ServiceError(`DATABASE_URL is not a valid URL: ${url} (${err.message})`);
  }
  return {
    host: c.host || '127.0.0.1',
    port: Number(c.port || 5432),
    user: c.user || 'postgres',
    password: c.password || undefined,
    database: c.database || 'postgres',
  };
}

export function parseRedisUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new ServiceError(`REDIS_URL is not a valid URL: ${url}`);
  }
  if (!/^rediss?:$/.test(u.protocol)) {
    throw new ServiceError(`REDIS_URL must start with redis:// or rediss:// (got ${u.protocol})`);
  }
  const host = u.hostname.startsWith('[') && u.hostname.endsWith(']') ? u.hostname.slice(1, -1) : u.hostname;
  return {
    url,
    tls: u.protocol === 'rediss:',
    host: host || '127.0.0.1',
    port: Number(u.port || 6379),
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
}
