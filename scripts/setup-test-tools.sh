#!/usr/bin/env bash
# Debian tools the unit suites drive (idempotent; skipped when present): neovim (the LSP suite runs the server in
# a real editor). Run by scripts/run-tests.mjs before the unit tests; safe to run by hand.
set -euo pipefail
need=()
command -v nvim >/dev/null 2>&1 || need+=(neovim)
if [ "${#need[@]}" -eq 0 ]; then
  echo "[setup-test-tools] present"
  exit 0
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "[setup-test-tools] apt-get install ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${need[@]}" >/dev/null
