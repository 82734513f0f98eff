#!/usr/bin/env bash
# Installs the offline VS Code test host (recipe A, see ../shared/notes/vscode-host.md):
#   - Debian packages: chromium (renders the workbench), ripgrep (stands in for @vscode/ripgrep's GitHub
#     download), libkrb5-dev + build-essential + python3 (code-server's native modules are built locally);
#   - code-server@4.100.3 (= VS Code 1.100.3 server on the system Node 20) in the git-ignored .vscode-test/.
# Idempotent and cached: every step is skipped when its result is already present.
#   bash scripts/setup-test-host.sh [host-dir]     (default: .vscode-test/code-server-4.100.3)
set -euo pipefail
cd "$(dirname "$0")/.."
CS_VERSION=4.100.3
HOST_DIR="${1:-.vscode-test/code-server-$CS_VERSION}"
ENTRY="$HOST_DIR/node_modules/code-server/out/node/entry.js"
STAMP="$HOST_DIR/.installed-$CS_VERSION"

log() { echo "[setup-test-host] $*"; }

# 1. system packages, only the missing ones
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
{ command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1; } || need+=(build-essential)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ "${#need[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  log "system packages present"
fi

# 2. the VS Code host
if [ -f "$STAMP" ] && [ -f "$ENTRY" ]; then
  log "code-server $CS_VERSION already installed in $HOST_DIR"
  exit 0
fi
mkdir -p "$HOST_DIR"
(
  cd "$HOST_DIR"
  cat > package.json <<JSON
{ "name": "vscode-test-host", "private": true,
  "dependencies": { "code-server": "$CS_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true } }
JSON
  # @vscode/ripgrep@1.15.11 (a dependency of VS Code 1.100) downloads rg from GitHub in its postinstall.
  # Seed its download cache with Debian's ripgrep 13 (same upstream version) so nothing goes online.
  RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$RG_CACHE"
  tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  log "npm install code-server@$CS_VERSION (native builds, ~1 min)"
  # unsafe_perm: code-server's postinstall refuses to run as root without it.
  # yes: node-pty's postinstall runs `npx node-gyp ...`, which otherwise aborts.
  npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error
)
node "$ENTRY" --version
touch "$STAMP"
log "done"
