#!/usr/bin/env bash
# Installs the Debian packages that ferry's real-peer tests use. Needs root (apt-get). Idempotent:
# it does nothing when every package is already installed.
#   cs / python3-cs   Debian's CloudStack client: an independent implementation of request signing,
#                     run against the lab by test/cloudstack-cs.test.ts.
#   Go toolchain, protoc and Go libraries
#                     test/terraform-core: a terraform-core stand-in built from the same libraries
#                     terraform uses (go-plugin client, gRPC, go-cty msgpack, hcl/v2). It launches the
#                     provider as terraform does and enforces terraform's plan/apply contracts.
#                     golang-github-golang-protobuf-1-5-dev is named on purpose: the grpc package
#                     depends on "protobuf-1-3 OR 1-5" and apt would otherwise pick the old 1.3.
#   manila-api, manila-scheduler, manila-share, rabbitmq-server, mariadb-server, python3-pymysql
#                     a real OpenStack Manila for test/manila-peer, started and stopped by
#                     scripts/manila-peer.sh under its own state folder. The packages' own services are
#                     kept from starting at install time (policy-rc.d); nothing runs as a system service.
set -euo pipefail
packages=(
  cs python3-cs
  golang-go protobuf-compiler protoc-gen-go protoc-gen-go-grpc
  golang-github-hashicorp-go-plugin-dev golang-github-zclconf-go-cty-dev
  golang-github-hashicorp-hcl-v2-dev golang-github-hashicorp-terraform-json-dev
  golang-google-grpc-dev golang-google-protobuf-dev golang-github-golang-protobuf-1-5-dev
  manila-api manila-scheduler manila-share rabbitmq-server mariadb-server python3-pymysql
)
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
# Keep the packages' init scripts (MariaDB, RabbitMQ, Manila) from starting system services: the tests
# start their own, on loopback. A policy-rc.d that already exists is left as it is.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
echo "test dependencies: installed ${missing[*]}"
