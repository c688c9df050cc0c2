#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser journeys (test/portal/):
# installed with apt-get when missing, as root and unless CANBO_NO_APT is set. Never a browser download.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if [[ -n "${CANBO_NO_APT:-}" || "$(id -u)" != 0 ]]; then
  echo "chromium: /usr/bin/chromium is missing; install it with: sudo apt-get install -y --no-install-recommends chromium" >&2
  exit 1
fi
echo "chromium: installing Debian's chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends -qq chromium >/dev/null || {
  apt-get update -qq && apt-get install -y --no-install-recommends -qq chromium >/dev/null
}
/usr/bin/chromium --version
