# Stand-ins for the parts of a Debian server that a temporary root cannot have, for FirstInstallGuideTest. The
# guide's commands run as written (their absolute paths moved under $CG_ROOT); only these commands are replaced.
# CG_ROOT (the temporary root), CG_PG_PORT (the test's PostgreSQL, trust authentication) and CG_DOCS_DB (a database
# and role name of this run, standing for the guide's "campusguard") come from the test.
set -eo pipefail

# There is no user campusguard in the temporary root: owners and groups are left as they are.
useradd() { :; }
chown() { :; }
install() {
  local args=()
  while (($#)); do
    case $1 in
      -o|-g) shift 2 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  command install "${args[@]}"
}

# PostgreSQL: the test's server, as its superuser; the guide's role and database "campusguard" get this run's name,
# and --pwprompt is dropped (trust authentication: nothing to type).
runuser() {
  [ "$1" = -u ] && shift 2
  [ "$1" = -- ] && shift
  PGHOST=127.0.0.1 PGPORT=$CG_PG_PORT PGUSER=postgres "$@"
}
_cg_pg() {
  local tool=$1 args=()
  shift
  for a in "$@"; do
    case $a in
      --pwprompt) ;;
      campusguard) args+=("$CG_DOCS_DB") ;;
      *) args+=("$a") ;;
    esac
  done
  if [ -x "/usr/lib/postgresql/15/bin/$tool" ]; then "/usr/lib/postgresql/15/bin/$tool" "${args[@]}"; else command "$tool" "${args[@]}"; fi
}
createuser() { _cg_pg createuser "$@"; }
createdb() { _cg_pg createdb "$@"; }

# InfluxDB is optional and the test's hub keeps its time series in PostgreSQL (influx.url deleted, as the guide says).
influx() { :; }

# systemd: a unit is started from its own file (ExecStart, Environment, EnvironmentFile, WorkingDirectory), its
# output kept as its journal; "journalctl -f" waits, as the operator watching it does, until the start is done.
_cg_rooted() { sed -E "s#(^|[ =])/(etc|opt|var|root|tmp)/#\1$CG_ROOT/\2/#g" <<< "$1"; }
_cg_start() {
  local unit="$CG_ROOT/etc/systemd/system/$1"
  [ -f "$unit" ] || { echo "systemctl: unit $1 not installed" >&2; return 1; }
  local exec envfile workdir
  exec=$(_cg_rooted "$(sed -n 's/^ExecStart=//p' "$unit")")
  envfile=$(_cg_rooted "$(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$unit")")
  workdir=$(_cg_rooted "$(sed -n 's/^WorkingDirectory=//p' "$unit")")
  mkdir -p "$CG_ROOT/var/log/journal" "$CG_ROOT/run"
  (
    cd "$workdir"
    while IFS= read -r setting; do export "${setting#Environment=}"; done < <(grep '^Environment=' "$unit")
    if [ -f "$envfile" ]; then set -a; . "$envfile"; set +a; fi
    # shellcheck disable=SC2086
    exec $exec
  ) >> "$CG_ROOT/var/log/journal/$1.log" 2>&1 < /dev/null &
  echo $! > "$CG_ROOT/run/$1.pid"
}
_cg_stop() {
  local pid
  pid=$(cat "$CG_ROOT/run/$1.pid" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
}
systemctl() {
  case $1 in
    daemon-reload) ;;
    enable) shift; [ "$1" = --now ] && shift; _cg_start "$1" ;;
    restart) _cg_stop "$2"; _cg_start "$2" ;;
    stop) _cg_stop "$2" ;;
    *) echo "systemctl $*: not stood in for by guide-shims.sh" >&2; return 1 ;;
  esac
}
journalctl() {
  local unit="" follow=""
  while (($#)); do
    case $1 in
      -u) unit=$2; shift 2 ;;
      -f) follow=1; shift ;;
      *) shift ;;
    esac
  done
  local log="$CG_ROOT/var/log/journal/$unit.log" pid
  if [ -n "$follow" ]; then
    pid=$(cat "$CG_ROOT/run/$unit.pid")
    # Until the start is done (the hub serving, the gateway ready) or the process has ended, at most 3 minutes.
    for _ in $(seq 1 900); do
      grep -q -e '^.*hub serving on ' -e 'gateway .* ready http=' "$log" 2>/dev/null && break
      kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "$unit ended" >&2; return 1; }
      sleep 0.2
    done
    grep -q -e '^.*hub serving on ' -e 'gateway .* ready http=' "$log" || { cat "$log"; echo "$unit not started in 3 minutes" >&2; return 1; }
  fi
  cat "$log"
}
