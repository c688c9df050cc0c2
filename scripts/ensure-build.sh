#!/usr/bin/env bash
# Builds dist/ when it is missing or older than any TypeScript source, so `npm run <tool>` always runs current code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node.sh
stamp=dist/.build-stamp
if [[ -f "$stamp" ]] && [[ -z "$(find apps libs migrations scripts bench tsconfig.base.json tsconfig.build.json -newer "$stamp" \( -name '*.ts' -o -name '*.json' \) -print -quit)" ]]; then
  exit 0
fi
echo "build: compiling TypeScript into dist/"
npm run -s build
touch "$stamp"
