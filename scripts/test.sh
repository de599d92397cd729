#!/usr/bin/env bash
# The project's one test command: ./scripts/test.sh [extra mvn args, e.g. -pl hub -am]
#
# On a Debian 12 machine, as root, it
#   1. installs from Debian packages what is missing (mosquitto, influxdb 1.6, postgresql 15, chromium, nodejs/npm),
#   2. starts Mosquitto, InfluxDB and PostgreSQL on 127.0.0.1, on free ports, with all data in one
#      temporary folder,
#   3. runs `mvn -B verify "$@"` with the variables below exported, and
#   4. always stops every service and deletes the temporary folder, exiting with mvn's exit code.
#
# Variables exported to the tests (read through io.campusguard.testing.TestServices; a test whose
# variable is missing fails, it never skips):
#   CG_TEST_MQTT_URL              tcp://127.0.0.1:PORT of the Mosquitto broker
#   CG_TEST_MQTT_USER             user allowed to read and write every topic (ACL: topic readwrite #)
#   CG_TEST_MQTT_PASSWORD         its password
#   CG_TEST_INFLUX_URL            http://127.0.0.1:PORT of InfluxDB 1.6 (/write, /query, /ping)
#   CG_TEST_INFLUX_DB             campus_test (created empty)
#   CG_TEST_INFLUX_RPC            127.0.0.1:PORT of its backup/restore service (influxd backup/restore -host)
#   CG_TEST_PG_URL                jdbc:postgresql://127.0.0.1:PORT/campusguard_test (created empty)
#   CG_TEST_PG_USER               postgres (trust authentication)
#   CG_TEST_PG_PASSWORD           empty
#   CG_TEST_CHROMIUM              path of the chromium binary
#   CG_TEST_CHROMEDRIVER          path of the chromedriver binary
#   CG_TEST_MOSQUITTO_BIN         path of the mosquitto binary, for tests that start their own broker
#   CG_TEST_MOSQUITTO_PASSWD_BIN  path of mosquitto_passwd, to make password files for such brokers
#   CG_TEST_PROMTOOL              path of promtool (Debian's prometheus), to check the alerting rules
set -euo pipefail

SCRIPT_START_MS=$(( $(date +%s%N) / 1000000 ))
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN=/usr/lib/postgresql/15/bin
WORK=""
MOSQUITTO_PID=""
INFLUXD_PID=""

log() { printf '[test.sh] %s\n' "$*"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%02d s' $(( d / 1000 )) $(( (d % 1000) / 10 )); }

# Finds a binary on PATH or at its usual Debian place (root's PATH may lack /usr/sbin).
find_bin() {
  local name=$1 fallback=$2
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"
  elif [[ -x $fallback ]]; then echo "$fallback"
  else return 1
  fi
}

# ---------------------------------------------------------------- 1. packages
install_missing_packages() {
  local missing=()
  find_bin mosquitto /usr/sbin/mosquitto >/dev/null && find_bin mosquitto_passwd /usr/bin/mosquitto_passwd >/dev/null \
    || missing+=(mosquitto mosquitto-clients)
  find_bin influxd /usr/bin/influxd >/dev/null && find_bin influx /usr/bin/influx >/dev/null \
    || missing+=(influxdb influxdb-client)
  [[ -x $PG_BIN/initdb ]] || missing+=(postgresql)
  find_bin chromium /usr/bin/chromium >/dev/null && find_bin chromedriver /usr/bin/chromedriver >/dev/null \
    || missing+=(chromium chromium-driver)
  # Chinese glyphs for the console's browser screenshots (the console speaks Chinese first).
  [[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]] || missing+=(fonts-wqy-zenhei)
  # promtool checks and unit-tests the Prometheus alerting rules we ship (no service is started).
  find_bin promtool /usr/bin/promtool >/dev/null || missing+=(prometheus)
  command -v python3 >/dev/null 2>&1 || missing+=(python3-minimal)
  # Node.js and npm run the independent DC-09 receiver (npm iobroker.sia, installed by the test under gateway/target).
  { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; } || missing+=(nodejs npm)
  # Debian's python3 with pymodbus's TCP server (it imports serial and serial_asyncio) plays the canteen's Modbus devices in the gateway's Modbus tests (PyPI is not reachable).
  /usr/bin/python3 -c 'import pymodbus.server' >/dev/null 2>&1 || missing+=(python3-pymodbus python3-serial python3-serial-asyncio)
  command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
  # The distribution's service units are checked with systemd-analyze verify (it needs no running systemd).
  find_bin systemd-analyze /usr/bin/systemd-analyze >/dev/null || missing+=(systemd)
  if (( ${#missing[@]} == 0 )); then
    log "packages: all present"
    return
  fi
  if [[ $(id -u) -ne 0 ]]; then
    log "ERROR: missing packages (${missing[*]}) and not root: install them, or run as root"
    exit 1
  fi
  local t0; t0=$(now_ms)
  log "packages: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "packages: installed in $(secs_since "$t0")"
}

# ---------------------------------------------------------------- helpers
# Prints N distinct free TCP ports on 127.0.0.1 (all bound at once, so they differ).
free_ports() {
  local n=$1
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$n" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
  else
    # Fallback: random ports below Linux's ephemeral range that nothing accepts connections on.
    local ports=() p
    while (( ${#ports[@]} < n )); do
      p=$(( 20000 + RANDOM % 12000 ))
      [[ " ${ports[*]} " == *" $p "* ]] && continue
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || ports+=("$p")
    done
    echo "${ports[*]}"
  fi
}

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Prints a service's log tail and stops the script.
# Usage: fail_service NAME "LOGFILE [LOGFILE...]" WHY
fail_service() {
  local name=$1 logfiles=$2 why=$3 f
  log "ERROR: $name did not start: $why"
  for f in $logfiles; do
    [[ -s $f ]] || continue
    log "---- last 40 lines of $f ----"
    tail -n 40 "$f" || true
  done
  log "---- end of $name logs ----"
  exit 1
}

# Waits until check_cmd succeeds, the process dies, or the timeout (seconds) passes.
wait_ready() {
  local name=$1 pid=$2 logfile=$3 timeout_s=$4; shift 4
  local deadline=$(( $(now_ms) + timeout_s * 1000 ))
  until "$@"; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      fail_service "$name" "$logfile" "process $pid exited"
    fi
    if (( $(now_ms) > deadline )); then
      fail_service "$name" "$logfile" "not ready after ${timeout_s} s"
    fi
    sleep 0.1
  done
}

stop_pid() {
  local name=$1 pid=$2
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    sleep 0.1
  done
  log "WARNING: $name ($pid) ignored SIGTERM for 10 s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  stop_pid mosquitto "$MOSQUITTO_PID"
  stop_pid influxd "$INFLUXD_PID"
  if [[ -n $WORK && -f $WORK/pg/data/postmaster.pid ]]; then
    local pg_pid; pg_pid=$(head -n 1 "$WORK/pg/data/postmaster.pid")
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || log "WARNING: pg_ctl stop failed"
    # pg_ctl returns once the server is down; give init a moment to reap the postmaster too.
    for _ in $(seq 1 50); do [[ -e /proc/$pg_pid ]] || break; sleep 0.1; done
  fi
  [[ -n $WORK && -d $WORK ]] && rm -rf "$WORK"
  log "services stopped, temporary folder removed; total $(secs_since "$SCRIPT_START_MS"), exit code $rc"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- 2. services
start_mosquitto() {
  local port=$1 t0; t0=$(now_ms)
  local dir=$WORK/mosquitto bin passwd
  bin=$(find_bin mosquitto /usr/sbin/mosquitto)
  passwd=$(find_bin mosquitto_passwd /usr/bin/mosquitto_passwd)
  mkdir -p "$dir/data"
  MQTT_USER=cg-test
  MQTT_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  "$passwd" -b -c "$dir/passwd" "$MQTT_USER" "$MQTT_PASSWORD"
  printf 'user %s\ntopic readwrite #\n' "$MQTT_USER" >"$dir/acl"
  cat >"$dir/mosquitto.conf" <<CONF
# Started as root: stay root, so the temporary folder needs no chown (mosquitto drops to
# the "mosquitto" user otherwise, which cannot enter a mktemp folder).
user root
listener $port 127.0.0.1
allow_anonymous false
password_file $dir/passwd
acl_file $dir/acl
persistence true
persistence_location $dir/data/
autosave_interval 60
# Sized for bursts: the defaults (1000 queued, 20 in flight) silently drop QoS 1 messages.
max_queued_messages 100000
max_queued_bytes 0
max_inflight_messages 1000
pid_file $dir/mosquitto.pid
log_dest file $dir/mosquitto.log
log_type error
log_type warning
log_type notice
log_type information
connection_messages true
CONF
  "$bin" -c "$dir/mosquitto.conf" >>"$dir/mosquitto.out" 2>&1 &
  MOSQUITTO_PID=$!
  wait_ready mosquitto "$MOSQUITTO_PID" "$dir/mosquitto.out $dir/mosquitto.log" 20 port_open "$port"
  CG_TEST_MOSQUITTO_BIN=$bin
  CG_TEST_MOSQUITTO_PASSWD_BIN=$passwd
  log "mosquitto  tcp://127.0.0.1:$port  (pid $MOSQUITTO_PID) started in $(secs_since "$t0")"
}

influx_ping() {
  local status
  status=$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'GET /ping HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -n 1 <&3" 2>/dev/null) || return 1
  [[ $status == *" 204 "* ]]
}

start_influxdb() {
  local http_port=$1 rpc_port=$2 t0; t0=$(now_ms)
  local dir=$WORK/influxdb bin client
  bin=$(find_bin influxd /usr/bin/influxd)
  client=$(find_bin influx /usr/bin/influx)
  mkdir -p "$dir"
  cat >"$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc_port"

[meta]
  dir = "$dir/meta"

[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:$http_port"
  auth-enabled = false
  log-enabled = false

[logging]
  level = "info"
CONF
  "$bin" run -config "$dir/influxdb.conf" -pidfile "$dir/influxd.pid" >>"$dir/influxd.log" 2>&1 &
  INFLUXD_PID=$!
  wait_ready influxdb "$INFLUXD_PID" "$dir/influxd.log" 30 influx_ping "$http_port"
  "$client" -host 127.0.0.1 -port "$http_port" -execute 'CREATE DATABASE campus_test' >>"$dir/influxd.log" 2>&1 \
    || fail_service influxdb "$dir/influxd.log" "CREATE DATABASE campus_test failed"
  log "influxdb   http://127.0.0.1:$http_port  (pid $INFLUXD_PID, db campus_test) started in $(secs_since "$t0")"
}

start_postgres() {
  local port=$1 t0; t0=$(now_ms)
  local dir=$WORK/pg
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  # initdb refuses to run as root.
  runuser -u postgres -- "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || fail_service postgresql "$dir/initdb.log" "initdb failed"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off" start \
    >"$dir/pg_ctl.log" 2>&1 || fail_service postgresql "$dir/pg_ctl.log $dir/postgres.log" "pg_ctl start failed"
  runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres campusguard_test \
    >>"$dir/postgres.log" 2>&1 || fail_service postgresql "$dir/postgres.log" "createdb campusguard_test failed"
  log "postgresql 127.0.0.1:$port  (db campusguard_test) started in $(secs_since "$t0")"
}

# ---------------------------------------------------------------- main
install_missing_packages

WORK=$(mktemp -d -t campusguard-test.XXXXXX)
chmod 755 "$WORK"   # the postgres user must be able to enter it
read -r MQTT_PORT INFLUX_HTTP_PORT INFLUX_RPC_PORT PG_PORT <<<"$(free_ports 4)"

start_mosquitto "$MQTT_PORT"
start_influxdb "$INFLUX_HTTP_PORT" "$INFLUX_RPC_PORT"
start_postgres "$PG_PORT"

export CG_TEST_MQTT_URL="tcp://127.0.0.1:$MQTT_PORT"
export CG_TEST_MQTT_USER="$MQTT_USER"
export CG_TEST_MQTT_PASSWORD="$MQTT_PASSWORD"
export CG_TEST_INFLUX_URL="http://127.0.0.1:$INFLUX_HTTP_PORT"
export CG_TEST_INFLUX_DB=campus_test
export CG_TEST_INFLUX_RPC="127.0.0.1:$INFLUX_RPC_PORT"
export CG_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/campusguard_test"
export CG_TEST_PG_USER=postgres
export CG_TEST_PG_PASSWORD=""
export CG_TEST_CHROMIUM; CG_TEST_CHROMIUM=$(find_bin chromium /usr/bin/chromium)
export CG_TEST_CHROMEDRIVER; CG_TEST_CHROMEDRIVER=$(find_bin chromedriver /usr/bin/chromedriver)
export CG_TEST_MOSQUITTO_BIN CG_TEST_MOSQUITTO_PASSWD_BIN
export CG_TEST_PROMTOOL; CG_TEST_PROMTOOL=$(find_bin promtool /usr/bin/promtool)
log "services ready after $(secs_since "$SCRIPT_START_MS"); running: mvn -B verify $*"

cd "$REPO_ROOT"
set +e
mvn -B verify "$@"
MVN_RC=$?
set -e
exit "$MVN_RC"
