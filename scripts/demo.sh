#!/usr/bin/env bash
# `npm run demo`: from a fresh clone to a running Canbo with the demo data set.
# Installs dependencies, finds or starts PostgreSQL and Redis, migrates, loads the demo data
# (once), then runs the API and the worker until Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-deps.sh

if [[ ! -f .env ]] || ! grep -q '^JWT_SECRET=' .env; then
  echo "JWT_SECRET=$(node -e 'console.log(require("crypto").randomBytes(48).toString("base64url"))')" >> .env
  echo "demo: generated JWT_SECRET in .env"
fi
set -a; source .env; set +a

node scripts/services.mjs up
bash scripts/ensure-build.sh
node dist/scripts/migrate.js up
node dist/scripts/seed-demo.js

pids=()
cleanup() { trap - INT TERM EXIT; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait; }
trap cleanup INT TERM EXIT

# Notification e-mail goes to a local capture (readable in the browser) unless SMTP_URL says otherwise.
mail_viewer=""
if [[ -z "${SMTP_URL:-}" ]]; then
  export SMTP_URL="smtp://127.0.0.1:${MAIL_CAPTURE_PORT:-1025}"
  node dist/scripts/mail/mail-viewer.js & pids+=($!)
  mail_viewer="http://localhost:${MAIL_VIEWER_PORT:-1080}"
fi

node dist/apps/api/src/main.js & pids+=($!)
node dist/apps/worker/src/main.js & pids+=($!)

port="${PORT:-3000}"
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:${port}/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
cat <<MSG

  Canbo is running.
    API        http://localhost:${port}/api/v1
    API docs   http://localhost:${port}/api/docs
    Health     http://localhost:${port}/health/ready   (worker: http://localhost:${WORKER_HEALTH_PORT:-3001}/health/ready)
    Sign in    POST /api/v1/auth/login {"username":"admin.th","password":"${DEMO_PASSWORD:-demo-Passw0rd!}"}
    Inbox      GET /api/v1/notifications (admin.th, admin.ns: reminders and an escalation within a minute)
    E-mail     ${mail_viewer:-sent through ${SMTP_URL}}
  Ctrl-C stops the API, the worker and the mail capture.

MSG
wait -n "${pids[@]}"
