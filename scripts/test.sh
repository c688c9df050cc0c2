#!/usr/bin/env bash
# `npm test`: everything CI checks, from a fresh clone: dependencies, services, lint, types, build,
# unit tests, then end-to-end tests against real PostgreSQL and Redis (migrations up, down, up included).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node.sh
export NX_DAEMON=false NX_NO_CLOUD=true
[[ -f .env ]] && { set -a; source .env; set +a; }

bash scripts/ensure-deps.sh
node scripts/services.mjs up

# Nx runs the tasks with its cache (.nx/): a task whose inputs (declared in nx.json and project.json) have not
# changed since it last passed is not run again, and a change to one lib re-runs what depends on it.
step() { printf '\n== %s\n' "$*"; }
step "lock file (npm ci accepts it as a fresh clone would)"
# The registry lacks some optional platform packages (e.g. vite's napi-windows-process-start-time, Windows
# only): `npm install` then drops their lock entries and `npm ci` refuses the file. Their entries are kept
# by hand (version, optional, os); this dry run, a few seconds, catches a lock file that lost one.
npm ci --dry-run --ignore-scripts --no-audit --no-fund >/dev/null
step "formatting (Prettier)"
npx prettier --check . --log-level warn
step "lint, type-check, unit tests (each app and lib)"
npx nx run-many -t lint typecheck test --outputStyle=static
step "build, end-to-end tests (PostgreSQL + Redis; the portal in Chromium)"
bash scripts/ensure-chromium.sh
npx nx run e2e:e2e --outputStyle=static
