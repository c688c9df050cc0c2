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

step() { printf '\n== %s\n' "$*"; }
step lint;      npm run -s lint
step typecheck; npm run -s typecheck
step build;     npm run -s build && touch dist/.build-stamp
step "unit tests"
npx jest --selectProjects unit --ci
step "end-to-end tests"
npx jest --selectProjects e2e --ci --maxWorkers=2
