#!/usr/bin/env bash
# The main job on the embedded default: install, build the gazetteer, then run the extraction
# over the bundled example reports and print the events.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
.venv/bin/observatory gazetteer build --if-missing
.venv/bin/observatory demo "$@"
