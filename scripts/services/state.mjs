// Where the services scripts keep what they start: <repo>/.data (data directories, logs, pid files).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DATA_ROOT = path.join(REPO_ROOT, '.data');

export function ensureDataRoot() {
  fs.mkdirSync(DATA_ROOT, { recursive: true });
  // .data/ ignores itself, so the repository's .gitignore does not need to know about it.
  const gi = path.join(DATA_ROOT, '.gitignore');
  if (!fs.existsSync(gi)) fs.writeFileSync(gi, '# created by scripts/services.mjs\n*\n');
}

/** A path as the user would type it from the repository root. */
export const rel = (p) => path.relative(REPO_ROOT, p) || '.';

/** The last lines of a log file, for error messages ('' when there is none). */
export function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
