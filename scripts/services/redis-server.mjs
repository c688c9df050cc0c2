// A local redis-server for REDIS_URL's port, started by these scripts (daemonized, no persistence,
// pid file and log in <repo>/.data), installed with apt-get first when it is missing and allowed.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError, indent } from './messages.mjs';
import { DATA_ROOT, ensureDataRoot, tail } from './state.mjs';
import { isRoot, pidAlive, procCmdline, sleep, which } from './system.mjs';

export function redisPaths(port) {
  return {
    pidFile: path.join(DATA_ROOT, `redis-${port}.pid`),
    logFile: path.join(DATA_ROOT, `redis-${port}.log`),
  };
}

/** The pid of the redis-server these scripts started on this port, if it runs. */
export function redisOurPid(port) {
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

const REDIS_EXTRA_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin'];

/** True when redis-server was installed (as root, with apt-get, unless CANBO_NO_APT forbids it). */
export function installRedis(config, log) {
  const aptGet = which('apt-get', REDIS_EXTRA_DIRS);
  if (!isRoot() || !aptGet || config.noApt) return false;
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

export const findRedisServer = () => which('redis-server', REDIS_EXTRA_DIRS);

/** Starts `bin` daemonized on cfg's address; returns once it has forked (it may not answer yet). */
export function startRedisServer(bin, cfg) {
  const { pidFile, logFile } = redisPaths(cfg.port);
  ensureDataRoot();
  const bind = cfg.host === 'localhost' ? ['127.0.0.1', '-::1'] : [cfg.host];
  const args = [
    '--daemonize',
    'yes',
    '--bind',
    ...bind,
    '--port',
    String(cfg.port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--maxmemory-policy',
    'noeviction',
    '--dir',
    DATA_ROOT,
    '--logfile',
    logFile,
    '--pidfile',
    pidFile,
  ];
  if (cfg.password) args.push('--requirepass', cfg.password);
  const r = spawnSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new ServiceError(
      `${bin} failed to start (exit ${r.status ?? r.error?.message}):\n${indent(`${r.stdout || ''}${r.stderr || ''}`.trim() || tail(logFile))}`,
    );
  }
}

/** Stops the redis-server these scripts started on this port, if it runs; false when it would not stop. */
export async function stopRedisServer(port, password, log) {
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
