#!/usr/bin/env bash
# Installs the Debian packages that ferry's real-peer tests use. Needs root (apt-get).
#   cs / python3-cs   Debian's CloudStack client: an independent implementation of request signing,
#                     run against the lab by test/cloudstack-cs.test.ts.
set -euo pipefail
packages=(cs python3-cs)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: all present (${packages[*]})"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test dependencies missing: ${missing[*]}; run as root: sudo bash scripts/install-test-deps.sh" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
echo "test dependencies: installed ${missing[*]}"
