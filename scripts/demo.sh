#!/usr/bin/env bash
# `npm run demo`: from a fresh clone to a running Canbo with the demo data set.
# Installs dependencies, finds or starts PostgreSQL and Redis, migrates, loads the demo data
# (once), then runs the API and the worker until Ctrl-C. Their logs go to .data/logs/, so the
# terminal shows the steps and then one banner, once the API and the worker are ready.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node.sh

bash scripts/ensure-deps.sh

if [[ ! -f .env ]] || ! grep -q '^JWT_SECRET=' .env; then
  echo "JWT_SECRET=$(node -e 'console.log(require("crypto").randomBytes(48).toString("base64url"))')" >> .env
  echo "demo: generated JWT_SECRET in .env"
fi
set -a; source .env; set +a

node scripts/services.mjs up
bash scripts/ensure-build.sh
echo "demo: building the portal into apps/portal/dist (cached by Nx)"
mkdir -p .data/logs
NX_DAEMON=false NX_NO_CLOUD=true npx nx run portal:build --outputStyle=static >.data/logs/portal-build.log 2>&1 || {
  echo "demo: the portal's build failed; the end of .data/logs/portal-build.log:" >&2
  tail -n 20 .data/logs/portal-build.log >&2
  exit 1
}
node dist/scripts/migrate.js up
node dist/scripts/seed-demo.js

logs=.data/logs
mkdir -p "$logs"
pids=()
declare -A name_of
cleanup() { trap - INT TERM EXIT; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait; }
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap cleanup EXIT

# Starts a process in the background with its output appended to .data/logs/<name>.log.
run() {
  local name="$1"; shift
  printf '\n--- %s: demo started %s\n' "$(date -Iseconds)" "$*" >>"$logs/$name.log"
  "$@" >>"$logs/$name.log" 2>&1 & pids+=($!)
  name_of[$!]="$name"
}

# Notification e-mail goes to a local capture (readable in the browser) unless SMTP_URL says otherwise.
mail_viewer=""
if [[ -z "${SMTP_URL:-}" ]]; then
  export SMTP_URL="smtp://127.0.0.1:${MAIL_CAPTURE_PORT:-1025}"
  run mail node dist/scripts/mail/mail-viewer.js
  mail_viewer="http://localhost:${MAIL_VIEWER_PORT:-1080}"
fi
run api node dist/apps/api/src/main.js
run worker node dist/apps/worker/src/main.js
run portal node dist/scripts/portal/serve.js

port="${PORT:-3000}"
worker_port="${WORKER_HEALTH_PORT:-3001}"
portal_port="${PORTAL_PORT:-4200}"
ready() { curl -fs -o /dev/null --max-time 2 "$1"; }
echo "demo: starting the API, the worker and the portal (logs in $logs/)"
for ((waited = 0; ; waited++)); do
  ready "http://127.0.0.1:${port}/health/ready" && ready "http://127.0.0.1:${worker_port}/health/ready" && ready "http://127.0.0.1:${portal_port}/" && break
  for p in "${pids[@]}"; do
    if ! kill -0 "$p" 2>/dev/null; then
      echo "demo: the ${name_of[$p]} process stopped before Canbo was ready; the end of $logs/${name_of[$p]}.log:" >&2
      tail -n 5 "$logs/${name_of[$p]}.log" >&2
      exit 1
    fi
  done
  if ((waited == 240)); then
    echo "demo: the API, the worker or the portal is not ready after 2 minutes; see $logs/api.log, $logs/worker.log and $logs/portal.log" >&2
    exit 1
  fi
  sleep 0.5
done

# The services `node scripts/services.mjs up` started (rather than found) outlive the demo: say so.
ours=()
while IFS= read -r line; do
  case "$line" in
    postgres:*"started by this script"*) ours+=(PostgreSQL) ;;
    redis:*"started by this script"*) ours+=(Redis) ;;
  esac
done < <(node scripts/services.mjs status 2>/dev/null || true)
cat <<MSG

  Canbo is running.
    Portal     http://localhost:${portal_port}   (sign in as admin.th / ${DEMO_PASSWORD:-demo-Passw0rd!})
    API        http://localhost:${port}/api/v1
    API docs   http://localhost:${port}/api/docs
    Health     http://localhost:${port}/health/ready   (worker: http://localhost:${worker_port}/health/ready)
    Sign in    POST /api/v1/auth/login {"username":"admin.th","password":"${DEMO_PASSWORD:-demo-Passw0rd!}"}
    Inbox      GET /api/v1/notifications (admin.th, admin.ns: reminders and an escalation within a minute)
    E-mail     ${mail_viewer:-sent through ${SMTP_URL}}
    Logs       ${logs}/api.log, ${logs}/worker.log (tail -f them to follow requests and jobs)
  Ctrl-C stops the API, the worker, the portal and the mail capture.
MSG
if ((${#ours[@]})); then
  names="${ours[*]}"
  echo "  ${names/ / and } (started for the demo) keep running after that; stop with: node scripts/services.mjs down"
fi
echo
status=0
wait -n "${pids[@]}" || status=$?
echo "demo: a process stopped (exit $status); see $logs/ for why" >&2
exit "$status"
