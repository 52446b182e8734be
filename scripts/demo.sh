#!/usr/bin/env bash
# Installs storydiff and analyses the bundled demo corpus into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
storydiff analyze examples/demo --json out/demo.json --html out/demo.html --markdown out/demo.md
echo "open out/demo.html in a browser"
