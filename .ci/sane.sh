#!/usr/bin/env bash
# SANE's scanimage for the scanning tests (tests/test_files_*.py): installed only when missing. The tests
# enable SANE's virtual `test` scanner through SANE_CONFIG_DIR=tests/sane, so /etc/sane.d is left alone.
set -euo pipefail
if ! command -v scanimage >/dev/null 2>&1; then
  echo "[sane] installing sane-utils" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq sane-utils >&2
fi
