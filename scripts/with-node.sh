#!/usr/bin/env bash
# Runs a command with the pinned Node.js (.nvmrc) first on PATH: `bash scripts/with-node.sh node x.js`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node.sh"
exec "$@"
