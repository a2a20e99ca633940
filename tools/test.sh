#!/usr/bin/env bash
# Runs every test of Portal on a fresh machine: restores, builds and runs all test projects on SQLite, then the tests
# marked [AlsoOnPostgres] (HTTP API, submissions, jobs, worker, restart, data) again on PostgreSQL, and prints one
# closing line "N passed, N failed, N skipped" over both passes. Usage: bash tools/test.sh
#
# PostgreSQL and Redis come from tools/engines.sh (installed when missing), as this checkout's own processes under
# .engines/test on loopback ports of its own: PORTAL_TEST_PG_PORT and PORTAL_TEST_REDIS_PORT, by default derived from
# the checkout's path so that two checkouts can test at once. They are stopped and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dot.net)." >&2
  exit 1
fi

# The browser tests drive Debian's chromium (no browser download).
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing chromium for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

# shellcheck source=tools/engines.sh
source tools/engines.sh
engines_dir="$PWD/.engines/test"
port_offset=$(( $(printf '%s' "$PWD" | cksum | cut -d' ' -f1) % 4000 ))
pg_port="${PORTAL_TEST_PG_PORT:-$((41000 + port_offset))}"
redis_port="${PORTAL_TEST_REDIS_PORT:-$((45000 + port_offset))}"
logs=()

cleanup() {
  [ ${#logs[@]} -eq 0 ] || rm -f "${logs[@]}"
  engines_stop_redis "$engines_dir"
  engines_stop_postgres "$engines_dir"
  rm -rf "$engines_dir"
}

engines_install postgresql redis-server
# Engines a killed run of this checkout left are stopped too: every run starts from empty ones.
cleanup
trap cleanup EXIT
engines_start_postgres "$engines_dir" "$pg_port"
engines_start_redis "$engines_dir" "$redis_port"
PORTAL_TEST_POSTGRES="$(engines_postgres_connection "$pg_port" postgres)"
PORTAL_TEST_REDIS="$(engines_redis_connection "$redis_port")"
export PORTAL_TEST_POSTGRES PORTAL_TEST_REDIS PORTAL_REQUIRE_ENGINES=1

status=0
# run_pass COMMAND... : runs one `dotnet test`, keeping its output for the closing line.
run_pass() {
  local log
  log=$(mktemp)
  logs+=("$log")
  "$@" 2>&1 | tee "$log" || status=$?
}

run_pass dotnet test Portal.sln -c Release
echo "Again on PostgreSQL: the tests marked [AlsoOnPostgres]..."
run_pass env PORTAL_TEST_PROVIDER=Postgres dotnet test tests/Portal.Web.Tests -c Release --no-build -- \
  --filter-trait "Database=AlsoPostgres"

# Microsoft.Testing.Platform ends each run with "total/failed/succeeded/skipped"; add the passes up in one plain line.
count() {
  local total=0 log n
  for log in "${logs[@]}"; do
    n=$(grep -E "^\s*$1:\s*[0-9]+" "$log" | tail -n 1 | grep -Eo '[0-9]+' || echo 0)
    total=$((total + n))
  done
  echo "$total"
}
echo "$(count succeeded) passed, $(count failed) failed, $(count skipped) skipped"
exit $status
