#!/usr/bin/env bash
# Installs npm dependencies when they are missing or stale, otherwise does nothing.
# Stale: node_modules/.package-lock.json (written by npm on every install) is missing or
# older than package-lock.json, or older than package.json *and* package.json's dependency
# lists differ from the ones recorded in package-lock.json (editing "scripts" does not
# trigger a reinstall; `npm ci` would refuse a lock file that differs anyway).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

marker=node_modules/.package-lock.json

if [[ ! -f package-lock.json ]]; then
  echo "ensure-deps: no package-lock.json; running npm install"
  exec npm install --no-audit --no-fund
fi

deps_match_lock() {
  node -e '
    const fs = require("fs");
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const root = (JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages || {})[""] || {};
    const keys = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];
    const norm = (o) => JSON.stringify(Object.entries(o || {}).sort(([a], [b]) => (a < b ? -1 : 1)));
    process.exit(keys.every((k) => norm(pkg[k]) === norm(root[k])) ? 0 : 1);
  ' 2>/dev/null
}

reason=""
if [[ ! -f "$marker" ]]; then
  reason="node_modules is missing or incomplete"
elif [[ package-lock.json -nt "$marker" ]]; then
  reason="package-lock.json is newer than node_modules"
elif [[ package.json -nt "$marker" ]] && ! deps_match_lock; then
  reason="package.json is newer than node_modules and its dependencies differ from package-lock.json"
fi

if [[ -z "$reason" ]]; then
  echo "ensure-deps: node_modules is up to date with package-lock.json; nothing to do"
  exit 0
fi

echo "ensure-deps: $reason; running npm ci"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if npm ci --no-audit --no-fund >"$log" 2>&1; then
  cat "$log"
  exit 0
fi

if grep -q 'can only install packages when your package.json and package-lock.json' "$log"; then
  # npm ci refuses a lock file that lacks entries, e.g. optional platform packages that the
  # registry used to create it did not have. `npm install --no-save` installs from the same
  # lock file without rewriting it.
  grep -v -E '^npm error( {2,}|$| \[|Usage:|Options:|Clean install|aliases:|Run "npm help)' "$log" | grep -v '^npm error Missing: ' || true
  echo "npm error ($(grep -c '^npm error Missing: ' "$log") 'Missing: ... from lock file' lines omitted)"
  echo "ensure-deps: npm ci refused package-lock.json (out of sync with package.json); falling back to npm install --no-save (package-lock.json is left unchanged)"
  exec npm install --no-save --no-audit --no-fund
fi

cat "$log"
echo "ensure-deps: npm ci failed" >&2
exit 1
