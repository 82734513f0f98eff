#!/usr/bin/env bash
# Installs the toolchains of the SDK execution harness (scripts/sdk-harness.mjs) from Debian, idempotently:
# python3-boto3, golang-go + golang-github-aws-aws-sdk-go-v2-dev and the v1 SDK (GOPATH build, no module proxy),
# ruby + ruby-aws-sdk-core + ruby-aws-sdk-s3. The JS SDK comes from the npm devDependencies.
# Also the parsers the golden remediation tests use where no SDK runs here: php-cli (php -l), mono-mcs (C# parse).
set -uo pipefail
log() { echo "[setup-sdk-harness] $*"; }
pkgs=(python3-boto3 golang-go golang-github-aws-aws-sdk-go-v2-dev golang-github-aws-aws-sdk-go-dev ruby ruby-aws-sdk-core ruby-aws-sdk-s3 php-cli mono-mcs)
need=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ "${#need[@]}" -eq 0 ]; then log "packages present"; exit 0; fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
log "apt-get install ${need[*]}"
$SUDO apt-get update -qq -o DPkg::Lock::Timeout=600 || true
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${need[@]}" >/dev/null; then
  # not fatal: the harness and the parse checks report what they skip, by name
  log "could not install ${need[*]}: the SDK harness and parse checks skip the missing toolchains"
fi
exit 0
