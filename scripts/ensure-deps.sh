#!/usr/bin/env bash
# Installs npm dependencies when they are missing or stale, and rebuilds them when they were
# installed by another Node.js than the pinned one; otherwise does nothing.
# Stale: node_modules/.package-lock.json (written by npm on every install) is missing or older than
# package-lock.json, or older than package.json *and* package.json's dependency lists differ from the
# ones recorded in package-lock.json (editing "scripts" does not trigger a reinstall).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node.sh

installed=node_modules/.package-lock.json
# Which Node.js installed node_modules: native add-ons built for one ABI may not load in another.
built_for=node_modules/.canbo-node-abi
abi="$(node -p 'process.versions.modules')"

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
if [[ ! -f "$installed" ]]; then
  reason="node_modules is missing or incomplete"
elif [[ package-lock.json -nt "$installed" ]]; then
  reason="package-lock.json is newer than node_modules"
elif [[ package.json -nt "$installed" ]] && ! deps_match_lock; then
  reason="package.json is newer than node_modules and its dependencies differ from package-lock.json"
fi

if [[ -n "$reason" ]]; then
  echo "ensure-deps: $reason; running npm ci (Node.js $(node --version))"
  npm ci --no-audit --no-fund
elif [[ "$(cat "$built_for" 2>/dev/null)" != "$abi" ]]; then
  echo "ensure-deps: node_modules was installed by another Node.js (module ABI $(cat "$built_for" 2>/dev/null || echo unknown), now $abi); running npm rebuild"
  npm rebuild
else
  echo "ensure-deps: node_modules is up to date with package-lock.json; nothing to do"
  exit 0
fi
echo "$abi" >"$built_for"
