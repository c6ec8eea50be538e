#!/usr/bin/env bash
# A real OpenStack Manila for ferry's real-peer tests, from Debian's packages (installed by
# scripts/install-test-deps.sh): manila-api, manila-scheduler and manila-share with the dummy driver and
# two back ends that handle share servers (manila-peer@dummy1, manila-peer@dummy2), share networks from
# the standalone network plugin, RabbitMQ for messaging and MariaDB on a unix socket. The API runs with
# noauth: send `X-Auth-Token: admin:<project id>`.
#
#   manila-peer.sh check            exit 0 when every program it needs is installed
#   manila-peer.sh start STATE_DIR  configure, start and wait until the API, the scheduler and both share
#                                   back ends are up; prints `endpoint=…` and `token=…` lines. With
#                                   MANILA_PEER_OWNER=<pid>, everything is stopped when that process ends
#                                   (a test run interrupted before its own cleanup)
#   manila-peer.sh stop STATE_DIR   stop the processes that `start` started (by the PIDs it recorded)
#
# Everything listens on 127.0.0.1 or a unix socket inside STATE_DIR. Ports can be moved with
# MANILA_PEER_API_PORT, MANILA_PEER_AMQP_PORT, MANILA_PEER_DIST_PORT, MANILA_PEER_EPMD_PORT.
# Debian's Python is called as /usr/bin/python3 on purpose: another python3 first on PATH (a pyenv
# shim, a virtualenv) cannot import the manila package.
set -euo pipefail

API_PORT="${MANILA_PEER_API_PORT:-18786}"
AMQP_PORT="${MANILA_PEER_AMQP_PORT:-18672}"
DIST_PORT="${MANILA_PEER_DIST_PORT:-18673}"
EPMD_PORT="${MANILA_PEER_EPMD_PORT:-18674}"
PROJECT="${MANILA_PEER_PROJECT:-5a7e6b1c0d2f4e3a9b8c7d6e5f4a3b2c}"
PY=/usr/bin/python3
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
DBPASS=manila-peer

programs=(
  /usr/bin/manila-api /usr/bin/manila-scheduler /usr/bin/manila-share /usr/bin/manila-manage
  /usr/sbin/mariadbd /usr/bin/mariadb-install-db /usr/bin/mariadb
  /usr/lib/rabbitmq/bin/rabbitmq-server /usr/lib/rabbitmq/bin/rabbitmqctl
)

check() {
  local p
  for p in "${programs[@]}"; do
    [ -x "$p" ] || { echo "missing: $p" >&2; return 1; }
  done
  [ -f /etc/manila/api-paste.ini ] || { echo "missing: /etc/manila/api-paste.ini" >&2; return 1; }
  "$PY" -c 'import manila.tests.share.drivers.dummy, pymysql' 2>/dev/null ||
    { echo "missing: python3-manila (dummy driver) or python3-pymysql" >&2; return 1; }
}

log() { echo "manila-peer: $*" >&2; }

# Starts a daemon in its own session (so it and every process it forks share one process group that
# `stop` can end), stdin from /dev/null, output to a log file, and records its PID.
daemon() {
  local name="$1"
  shift
  setsid "$@" </dev/null >"$STATE/log/$name.log" 2>&1 &
  echo $! >"$STATE/pids/$name"
}

alive() { [ -f "$STATE/pids/$1" ] && kill -0 "$(cat "$STATE/pids/$1")" 2>/dev/null; }

# wait_for SECONDS WHAT COMMAND...: runs COMMAND once a second until it succeeds; fails after SECONDS,
# or at once when one of the daemons started so far has died (its log tail is shown).
wait_for() {
  local limit="$1" what="$2" i name
  shift 2
  for ((i = 0; i < limit; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    for name in "$STATE"/pids/*; do
      name="$(basename "$name")"
      if ! alive "$name"; then
        log "$name exited while waiting for $what; the end of its log:"
        tail -n 30 "$STATE/log/$name.log" >&2 || true
        return 1
      fi
    done
    sleep 1
  done
  log "timed out after ${limit}s waiting for $what"
  return 1
}

api() {
  curl -sf -H "X-Auth-Token: admin:$PROJECT" -H "X-OpenStack-Manila-API-Version: 2.57" \
    "http://127.0.0.1:$API_PORT/v2/$PROJECT/$1"
}

services_up() {
  api services | "$PY" -c '
import json, sys
s = json.load(sys.stdin)["services"]
up = {x["host"] for x in s if x["state"] == "up" and x["status"] == "enabled"}
sys.exit(0 if {"manila-peer", "manila-peer@dummy1", "manila-peer@dummy2"} <= up else 1)'
}

pools_reported() {
  api scheduler-stats/pools | "$PY" -c '
import json, sys
sys.exit(0 if len(json.load(sys.stdin)["pools"]) >= 2 else 1)'
}

# One back end of the dummy driver that handles share servers, its share networks from the standalone
# plugin on the /24 given (the dummy driver also asks for an admin-network allocation per server).
backend_section() {
  cat <<EOF
[$1]
share_driver = manila.tests.share.drivers.dummy.DummyDriver
share_backend_name = $2
driver_handles_share_servers = True
network_api_class = manila.network.standalone_network_plugin.StandaloneNetworkPlugin
standalone_network_plugin_gateway = $3.1
standalone_network_plugin_mask = 24
standalone_network_plugin_allowed_ip_ranges = $3.10-$3.200
admin_network_config_group = dummy_admin_net
EOF
}

write_config() {
  cat >"$STATE/manila.conf" <<EOF
[DEFAULT]
host = manila-peer
my_ip = 127.0.0.1
auth_strategy = noauth
api_paste_config = /etc/manila/api-paste.ini
osapi_share_listen = 127.0.0.1
osapi_share_listen_port = $API_PORT
osapi_share_workers = 1
state_path = $STATE/state
enabled_share_backends = dummy1,dummy2
enabled_share_protocols = NFS,CIFS
default_share_type = dhss_true
transport_url = rabbit://guest:guest@127.0.0.1:$AMQP_PORT/
# Manila's defaults are 60 s and 900 s: phase 1 of a migration would take 15-30 minutes, because the
# dummy driver needs two "continue" calls, each made by a periodic task.
periodic_interval = 5
server_migration_driver_continue_update_interval = 5
use_stderr = true
debug = false

[database]
connection = mysql+pymysql://manila:$DBPASS@localhost/manila?unix_socket=$STATE/mysql.sock

[oslo_concurrency]
lock_path = $STATE/lock

[oslo_messaging_rabbit]
heartbeat_timeout_threshold = 0

$(backend_section dummy1 DUMMY1 10.254.0)

$(backend_section dummy2 DUMMY2 10.254.1)

[dummy_admin_net]
network_api_class = manila.network.standalone_network_plugin.StandaloneNetworkPlugin
standalone_network_plugin_gateway = 10.254.9.1
standalone_network_plugin_mask = 24
standalone_network_plugin_allowed_ip_ranges = 10.254.9.10-10.254.9.200
EOF
}

start_mariadb() {
  mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$STATE/mysql-data" \
    --auth-root-authentication-method=socket --skip-test-db >"$STATE/log/mariadb-install.log" 2>&1
  daemon mariadb /usr/sbin/mariadbd --no-defaults --user="$(id -un)" --datadir="$STATE/mysql-data" \
    --socket="$STATE/mysql.sock" --pid-file="$STATE/mysql.pid" --skip-networking \
    --log-error="$STATE/log/mariadb-error.log" --innodb-buffer-pool-size=64M \
    --character-set-server=utf8mb3 --collation-server=utf8mb3_general_ci
  wait_for 60 "MariaDB" mariadb --no-defaults --socket="$STATE/mysql.sock" -uroot -e 'select 1'
  # Manila's migrations convert tables to utf8 (utf8mb3); MariaDB's default utf8mb4 makes that fail on
  # tables with foreign keys.
  mariadb --no-defaults --socket="$STATE/mysql.sock" -uroot <<EOF
CREATE DATABASE manila CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci;
CREATE USER 'manila'@'localhost' IDENTIFIED BY '$DBPASS';
GRANT ALL PRIVILEGES ON manila.* TO 'manila'@'localhost';
EOF
}

start_rabbitmq() {
  mkdir -p "$STATE/rabbitmq/home"
  # Our own epmd on our own port, started by us so that `stop` ends it too.
  daemon epmd env ERL_EPMD_ADDRESS=127.0.0.1 epmd -port "$EPMD_PORT"
  cat >"$STATE/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
loopback_users.guest = true
EOF
  echo "[]." >"$STATE/rabbitmq/advanced.config"
  : >"$STATE/rabbitmq/enabled_plugins"
  daemon rabbitmq env HOME="$STATE/rabbitmq/home" ERL_EPMD_PORT="$EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_NODENAME=manilapeer@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$AMQP_PORT" RABBITMQ_DIST_PORT="$DIST_PORT" \
    RABBITMQ_CONFIG_FILE="$STATE/rabbitmq/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$STATE/rabbitmq/advanced.config" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$STATE/rabbitmq/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$STATE/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$STATE/rabbitmq/log" \
    RABBITMQ_PID_FILE="$STATE/rabbitmq/rabbit.pid" RABBITMQ_LOGS=- \
    /usr/lib/rabbitmq/bin/rabbitmq-server
  wait_for 90 "RabbitMQ" env HOME="$STATE/rabbitmq/home" ERL_EPMD_PORT="$EPMD_PORT" \
    /usr/lib/rabbitmq/bin/rabbitmqctl -n manilapeer@localhost await_startup
}

start() {
  check || { log "not installed; install with: sudo bash scripts/install-test-deps.sh"; exit 3; }
  mkdir -p "$STATE"/{pids,log,state,lock}
  STATE="$(cd "$STATE" && pwd)"
  if [ -n "$(ls -A "$STATE/pids")" ]; then
    log "$STATE already has started processes; stop them first: $0 stop $STATE"
    exit 1
  fi
  trap 'log "start failed; stopping what was started"; stop_all' ERR
  local t0=$SECONDS
  write_config
  start_mariadb
  log "MariaDB up ($((SECONDS - t0)) s)"
  start_rabbitmq
  log "RabbitMQ up ($((SECONDS - t0)) s)"
  "$PY" /usr/bin/manila-manage --config-file "$STATE/manila.conf" db sync >"$STATE/log/db-sync.log" 2>&1
  log "database migrated ($((SECONDS - t0)) s)"
  local s
  for s in api scheduler share; do
    daemon "manila-$s" "$PY" "/usr/bin/manila-$s" --config-file "$STATE/manila.conf"
  done
  wait_for 120 "the Manila API and services" services_up
  wait_for 60 "both back ends to report their pools" pools_reported
  trap - ERR
  if [ -n "${MANILA_PEER_OWNER:-}" ]; then
    daemon watchdog bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; exec bash "$2" stop "$3"' \
      watchdog "$MANILA_PEER_OWNER" "$SELF" "$STATE"
  fi
  log "Manila up ($((SECONDS - t0)) s)"
  echo "endpoint=http://127.0.0.1:$API_PORT/v2/$PROJECT"
  echo "token=admin:$PROJECT"
  echo "project_id=$PROJECT"
}

# Ends each process group `start` created (SIGTERM, then SIGKILL after 10 s), newest first.
stop_all() {
  local order=(watchdog manila-share manila-scheduler manila-api rabbitmq epmd mariadb) name pid i
  # Run by the watchdog itself: leave it be (it ends when this does).
  if [ -f "$STATE/pids/watchdog" ] && [ "$(cat "$STATE/pids/watchdog")" = "$$" ]; then
    order=("${order[@]:1}")
    rm -f "$STATE/pids/watchdog"
  fi
  for name in "${order[@]}"; do
    [ -f "$STATE/pids/$name" ] || continue
    pid="$(cat "$STATE/pids/$name")"
    kill -TERM -- "-$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$STATE/pids/$name"
  done
}

cmd="${1:-}"
case "$cmd" in
check) check ;;
start | stop)
  STATE="${2:?usage: $0 $cmd STATE_DIR}"
  if [ "$cmd" = start ]; then start; else [ -d "$STATE/pids" ] && stop_all; fi
  ;;
*)
  echo "usage: $0 check | start STATE_DIR | stop STATE_DIR" >&2
  exit 2
  ;;
esac
