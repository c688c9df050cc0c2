// What the machine offers: programs on PATH, processes, system users, and the npm packages the
// services scripts load lazily (so that `status` and error messages work before `npm ci`).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from './messages.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Probes a service until it answers (`{ client }`), a failure is not worth waiting out (`retry(last)`
 * is false), or `timeoutMs` has passed; then throws the last error.
 */
export async function waitReady(probe, { timeoutMs, intervalMs, retry }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last.client) return last.client;
    if (!retry(last)) break;
    await sleep(intervalMs);
  }
  throw last?.error ?? new Error('timed out');
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export async function loadDep(name) {
  try {
    const mod = await import(name);
    return mod.default ?? mod;
  } catch (err) {
    throw new ServiceError(
      `cannot load the npm package "${name}" (${err.message.split('\n')[0]}); run scripts/ensure-deps.sh (npm ci) first`,
    );
  }
}

export function which(cmd, extraDirs = []) {
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

export function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

export function procCmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return null; // no /proc (macOS) or process gone
  }
}

const id = (args) => execFileSync('id', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

export function lookupUser(name) {
  try {
    const uid = Number(id(['-u', name]));
    const gid = Number(id(['-g', name]));
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : null;
  } catch {
    return null;
  }
}

export function userName(uid) {
  try {
    return id(['-nu', String(uid)]);
  } catch {
    return `uid ${uid}`;
  }
}
