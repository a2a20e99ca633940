#!/usr/bin/env bash
# The engines Portal scales out on (PostgreSQL, Redis, nginx), from Debian's packages, run as the project's own
# processes on loopback ports under a folder of the project's: no system service is touched.
#
# Sourced by tools/test.sh and tools/cluster.sh; also runnable:
#   bash tools/engines.sh up   [DIR]   installs when missing, starts PostgreSQL and Redis, prints their addresses
#   bash tools/engines.sh down [DIR]   stops what `up` started in DIR
# Ports: PORTAL_PG_PORT (default 55432), PORTAL_REDIS_PORT (default 56379). DIR defaults to .engines/ in the repository.
# The PostgreSQL role is `portal` with password `portal` (loopback only), allowed to create databases.

# engines_install PACKAGE... : installs the Debian packages whose programs are missing (root or sudo).
engines_install() {
  local missing=()
  local package
  for package in "$@"; do
    case "$package" in
      postgresql) engines_pg_bin initdb >/dev/null 2>&1 || missing+=(postgresql) ;;
      redis-server) command -v redis-server >/dev/null 2>&1 || missing+=(redis-server) ;;
      nginx) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx) ;;
      *) command -v "$package" >/dev/null 2>&1 || missing+=("$package") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]}..." >&2
  local sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
}

# engines_pg_bin NAME : the path of a PostgreSQL server program (Debian keeps them off PATH).
engines_pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] || return 1
  echo "$found"
}

# Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root), else as ourselves.
engines_as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# engines_start_postgres DIR PORT : a PostgreSQL cluster in DIR/postgres on 127.0.0.1:PORT (created on first use).
engines_start_postgres() {
  local dir="$1/postgres" port="$2"
  local initdb pg_ctl
  initdb=$(engines_pg_bin initdb) && pg_ctl=$(engines_pg_bin pg_ctl) || { echo "PostgreSQL is not installed" >&2; return 1; }
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir" "$1"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    engines_as_pg "$initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  if ! engines_postgres_running "$1"; then
    # fsync off: a test and demo cluster on loopback, recreated at will; not for real data.
    engines_as_pg "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2; return 1; }
  fi
  engines_as_pg psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtAc \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal') THEN CREATE ROLE portal LOGIN PASSWORD 'portal' CREATEDB; END IF; END \$\$;" >/dev/null
}

# engines_postgres_running DIR : whether the PostgreSQL cluster in DIR/postgres is up.
engines_postgres_running() {
  local pg_ctl
  pg_ctl=$(engines_pg_bin pg_ctl) || return 1
  [ -f "$1/postgres/data/PG_VERSION" ] && engines_as_pg "$pg_ctl" -D "$1/postgres/data" status >/dev/null 2>&1
}

# engines_stop_postgres DIR
engines_stop_postgres() {
  local dir="$1/postgres"
  local pg_ctl
  pg_ctl=$(engines_pg_bin pg_ctl) || return 0
  [ -f "$dir/data/postmaster.pid" ] && engines_as_pg "$pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  return 0
}

# engines_start_redis DIR PORT : a Redis server on 127.0.0.1:PORT, nothing persisted.
engines_start_redis() {
  local dir="$1/redis" port="$2"
  mkdir -p "$dir"
  if engines_redis_running "$1"; then
    return 0
  fi
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" >/dev/null
  local tries
  for tries in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  echo "Redis did not start on port $port: $(tail -n 5 "$dir/redis.log")" >&2
  return 1
}

# engines_redis_running DIR : whether the Redis server started under DIR/redis is up.
engines_redis_running() {
  [ -f "$1/redis/redis.pid" ] && kill -0 "$(cat "$1/redis/redis.pid")" 2>/dev/null
}

# engines_stop_redis DIR
engines_stop_redis() {
  local pidfile="$1/redis/redis.pid"
  if [ -f "$pidfile" ]; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  fi
}

# The connection strings Portal's settings take (Database:ConnectionString, Events:Redis).
engines_postgres_connection() { echo "Host=127.0.0.1;Port=$1;Username=portal;Password=portal;Database=${2:-portal}"; }
engines_redis_connection() { echo "127.0.0.1:$1"; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  root="$(cd "$(dirname "$0")/.." && pwd)"
  dir="${2:-$root/.engines}"
  pg_port="${PORTAL_PG_PORT:-55432}"
  redis_port="${PORTAL_REDIS_PORT:-56379}"
  case "${1:-}" in
    up)
      engines_install postgresql redis-server
      engines_start_postgres "$dir" "$pg_port"
      engines_start_redis "$dir" "$redis_port"
      echo "postgres $(engines_postgres_connection "$pg_port")"
      echo "redis $(engines_redis_connection "$redis_port")"
      ;;
    down)
      engines_stop_redis "$dir"
      engines_stop_postgres "$dir"
      ;;
    *)
      echo "usage: bash tools/engines.sh up|down [DIR]" >&2
      exit 2
      ;;
  esac
fi
