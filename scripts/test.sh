#!/usr/bin/env bash
# Installs storydiff (and, where it can, Debian's Chromium for the browser tests), then runs the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
      || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium chromium-driver >/dev/null 2>&1)) \
      || echo "note: Chromium could not be installed; the browser tests will be skipped"
  else
    echo "note: not root or no apt-get; the browser tests will be skipped unless /usr/bin/chromium exists"
  fi
fi
. .venv/bin/activate
python -m pytest -q "$@"
