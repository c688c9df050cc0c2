// PostgreSQL at DATABASE_URL: use the one that answers, or start the embedded one when nothing
// answers at a local address; then check what Canbo needs of it (extensions, ICU collation).

import fs from 'node:fs';
import { parsePostgresUrl } from './config.mjs';
import { pgPaths, pgRunningPid, startEmbeddedPostgres } from './embedded-postgres.mjs';
import { ServiceError, hostPort, indent } from './messages.mjs';
import { CONNECT_TIMEOUT_MS, LOCAL_HOSTS, isUnreachable } from './network.mjs';
import { rel, tail } from './state.mjs';
import { loadDep, waitReady } from './system.mjs';

const REQUIRED_EXTENSIONS = ['ltree', 'unaccent', 'pg_trgm', 'btree_gist'];
const ICU_COLLATION = 'vi-VN-x-icu';

async function pgConnect(cfg, database = 'postgres') {
  const pg = await loadDep('pg');
  const client = new pg.Client({
    host: cfg.host,
    port: cfg.port,
    user: cfg.user,
    password: cfg.password,
    database,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
}

/** Connects to the maintenance database: { client } if it answers, { unreachable } or { error } otherwise. */
async function probePg(cfg) {
  for (const db of ['postgres', 'template1']) {
    try {
      return { client: await pgConnect(cfg, db) };
    } catch (err) {
      if (err.code === '3D000' && db === 'postgres') continue; // no "postgres" database: try template1
      if (err.code === '57P03') return { starting: true, error: err }; // starting up / shutting down
      if (isUnreachable(err)) return { unreachable: true, error: err };
      return { error: err };
    }
  }
  return { error: new Error('no maintenance database') };
}

const pgWaitReady = (cfg, timeoutMs) =>
  waitReady(() => probePg(cfg), { timeoutMs, intervalMs: 300, retry: (last) => !last.error || last.unreachable || last.starting });

async function pgDescribe(client) {
  const { rows } = await client.query(
    `SELECT current_setting('server_version') AS version,
            current_setting('server_version_num')::int AS num,
            (SELECT array_agg(name::text) FROM pg_available_extensions) AS available,
            EXISTS (SELECT 1 FROM pg_collation WHERE collname = $1) AS icu`,
    [ICU_COLLATION],
  );
  return { ...rows[0], available: rows[0].available ?? [] };
}

/** CREATE EXTENSION for each required extension in a scratch database, then drop it. */
async function pgCheckExtensions(cfg, admin) {
  const scratch = `canbo_services_check_${process.pid}`;
  const ident = admin.escapeIdentifier(scratch);
  await admin.query(`DROP DATABASE IF EXISTS ${ident}`);
  await admin.query(`CREATE DATABASE ${ident}`);
  const failed = [];
  try {
    const c = await pgConnect(cfg, scratch);
    try {
      for (const ext of REQUIRED_EXTENSIONS) {
        try {
          await c.query(`CREATE EXTENSION IF NOT EXISTS ${c.escapeIdentifier(ext)}`);
        } catch (err) {
          failed.push(`${ext} (${err.message})`);
        }
      }
    } finally {
      await c.end().catch(() => {});
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${ident}`).catch(() => {});
  }
  return failed;
}

async function pgEnsureDatabase(client, name) {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rowCount) return false;
  await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  return true;
}

/** Resolves to a description of the PostgreSQL in use; throws a ServiceError when there is none to use. */
export async function ensurePostgres(config, log) {
  const cfg = parsePostgresUrl(config.databaseUrl);
  const where = hostPort(cfg.host, cfg.port);
  const { dataDir, logFile } = pgPaths(cfg.port);
  const ours = () => (pgRunningPid(dataDir) ? `, embedded, started by this script, data in ${rel(dataDir)}` : '');

  const probe = await probePg(cfg);
  let client = probe.client;
  let started = false;

  if (!client) {
    if (probe.starting) {
      client = await pgWaitReady(cfg, 30_000).catch((err) => {
        throw new ServiceError(`PostgreSQL on ${where} did not become ready: ${err.message}`);
      });
    } else if (!probe.unreachable) {
      const hint =
        probe.error.code === '28P01' || probe.error.code === '28000'
          ? ` Check the user/password in DATABASE_URL${fs.existsSync(dataDir) ? `; if ${rel(dataDir)} was created with other credentials, run "node scripts/services.mjs down" and delete it` : ''}.`
          : '';
      throw new ServiceError(`PostgreSQL on ${where} answers but refuses the connection: ${probe.error.message}.${hint}`);
    } else if (!LOCAL_HOSTS.has(cfg.host)) {
      throw new ServiceError(
        `cannot reach PostgreSQL at ${where} (${probe.error.message}); it is not a local address, so no embedded server is started. Start it, or fix DATABASE_URL.`,
      );
    } else {
      const { fresh, runAs } = await startEmbeddedPostgres(cfg, config.pgOsUser);
      client = await pgWaitReady(cfg, 15_000).catch((err) => {
        throw new ServiceError(
          `embedded PostgreSQL started but ${where} does not accept connections: ${err.message}\n${indent(tail(logFile))}`,
        );
      });
      started = { fresh, runAs };
    }
  }

  try {
    const info = await pgDescribe(client);
    const notes = [];
    if (started) {
      const created = await pgEnsureDatabase(client, cfg.database);
      const failed = await pgCheckExtensions(cfg, client);
      if (failed.length) throw new ServiceError(`embedded PostgreSQL cannot create extensions: ${failed.join('; ')}`);
      log(
        `postgres: started embedded PostgreSQL ${info.version} on ${where} (data in ${rel(dataDir)}${started.fresh ? ', newly initialised' : ''}, log ${rel(logFile)}${started.runAs ? `, running as ${started.runAs.name}` : ''})`,
      );
      notes.push(`extensions ${REQUIRED_EXTENSIONS.join(', ')} can be created`);
      if (created) notes.push(`created database "${cfg.database}"`);
    } else {
      log(`postgres: using ${where} (PostgreSQL ${info.version}${ours()})`);
      const missing = REQUIRED_EXTENSIONS.filter((e) => !info.available.includes(e));
      if (missing.length) {
        throw new ServiceError(
          `PostgreSQL on ${where} lacks the extensions ${missing.join(', ')} (install the contrib package, e.g. postgresql-contrib)`,
        );
      }
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [cfg.database]);
      if (!rowCount) notes.push(`database "${cfg.database}" does not exist yet`);
    }
    if (!info.icu)
      log(`postgres: warning: ICU collation "${ICU_COLLATION}" is not available; Vietnamese sorting will fall back to code point order`);
    for (const n of notes) log(`postgres: note: ${n}`);
    return {
      url: config.databaseUrl,
      host: cfg.host,
      port: cfg.port,
      version: info.version,
      started: Boolean(started),
      embedded: Boolean(started) || Boolean(pgRunningPid(dataDir)),
      dataDir: fs.existsSync(dataDir) ? dataDir : undefined,
      icuCollation: info.icu,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

/** One line on DATABASE_URL's server, starting nothing; false when it does not answer. */
export async function postgresStatus(config, log) {
  const pg = parsePostgresUrl(config.databaseUrl);
  const p = await probePg(pg);
  if (!p.client) {
    log(`postgres: ${hostPort(pg.host, pg.port)} does not answer: ${p.error?.message}`);
    return false;
  }
  const info = await pgDescribe(p.client).finally(() => p.client.end().catch(() => {}));
  log(
    `postgres: ${hostPort(pg.host, pg.port)} answers (PostgreSQL ${info.version}${pgRunningPid(pgPaths(pg.port).dataDir) ? ', embedded, started by this script' : ''})`,
  );
  return true;
}
