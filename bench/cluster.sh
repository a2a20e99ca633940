#!/usr/bin/env bash
# Issue 11's targets in one run on this machine, with bench/Portal.LoadTest as the load generator:
#   1. CSV intake (the `submissions` load: COUNT different 12,600-row CSVs, CONCURRENCY at a time, 20 teams) against one
#      web instance on SQLite (the baseline; the cluster's published app as a process of its own), then through the
#      cluster's balancer (nginx, two web instances, PostgreSQL); each checked for none lost and none counted twice;
#   2. the time from a score written by a worker to the update of a board page open on a web instance (p95);
#   3. model runs per minute with one and with two workers on the same queue.
# The cluster is tools/cluster.sh's, in a temporary folder on ports of its own (PORTAL_CLUSTER_* as there), stopped
# at the end. Usage: bash bench/cluster.sh [COUNT=1000] [CONCURRENCY=8] [SAMPLES=30] [JOBS=8]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
concurrency=${2:-8}
samples=${3:-30}
jobs=${4:-8}

scratch=$(mktemp -d /tmp/portal-bench-cluster.XXXXXX)
chmod 755 "$scratch" # PostgreSQL runs as its own user under it
export PORTAL_CLUSTER_DIR="$scratch/cluster"
export PORTAL_CLUSTER_BALANCER_PORT=${PORTAL_CLUSTER_BALANCER_PORT:-18280}
export PORTAL_CLUSTER_WEB1_PORT=${PORTAL_CLUSTER_WEB1_PORT:-18281}
export PORTAL_CLUSTER_WEB2_PORT=${PORTAL_CLUSTER_WEB2_PORT:-18282}
export PORTAL_CLUSTER_PG_PORT=${PORTAL_CLUSTER_PG_PORT:-55582}
export PORTAL_CLUSTER_REDIS_PORT=${PORTAL_CLUSTER_REDIS_PORT:-56529}
export PORTAL_CLUSTER_SEED_DEMO=false
# Every process of the cluster and the single instance: no rate limit in the way, models on the CPU, workers that look
# for work every half second (a job queued on a web instance reaches a worker of another process by its poll).
export Api__SubmissionPermits=1000000 Inference__Provider=Cpu Jobs__PollInterval=00:00:00.500
single_port=${PORTAL_BENCH_SINGLE_PORT:-18283}
single_pid=""

finish() {
  [ -n "$single_pid" ] && kill "$single_pid" 2>/dev/null || true
  bash tools/cluster.sh down || true
  rm -rf "$scratch"
}
trap finish EXIT

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
loadtest() { dotnet run -c Release --no-build --project bench/Portal.LoadTest -- "$@"; }

dotnet build -c Release bench/Portal.LoadTest -nologo -v quiet >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(load_average)"

bash tools/cluster.sh up >"$scratch/endpoints"
endpoint() { awk -v name="$1" '$1 == name { $1 = ""; sub(/^ /, ""); print }' "$scratch/endpoints"; }
balancer=$(endpoint balancer)
web1=$(endpoint web1)
web2=$(endpoint web2)
cluster_settings=(--setting Database:Provider=Postgres --setting "Database:ConnectionString=$(endpoint postgres)"
  --setting "Portal:FilesDirectory=$PORTAL_CLUSTER_DIR/files" --setting "Events:Redis=$(endpoint redis)")

echo
echo "## 1a. CSV intake, one web instance on SQLite (load average $(load_average))"
bash tools/cluster.sh stop web1 web2 worker1 worker2
single="$scratch/single"
mkdir -p "$single"
Portal__DataDirectory="$single" Portal__SeedDemo=false Portal__AdminPassword=Bench-Host-1 \
  ASPNETCORE_URLS="http://127.0.0.1:$single_port" ASPNETCORE_ENVIRONMENT=Production \
  setsid dotnet "$PORTAL_CLUSTER_DIR/app/web/Portal.Web.dll" >"$scratch/single.log" 2>&1 </dev/null &
single_pid=$!
for _ in $(seq 1 300); do
  curl -fs -o /dev/null "http://127.0.0.1:$single_port/healthz" && break
  sleep 0.2
done
loadtest remote-submissions --url "http://127.0.0.1:$single_port/" --setting "Portal:DataDirectory=$single" \
  --count "$count" --concurrency "$concurrency"
kill "$single_pid"
wait "$single_pid" 2>/dev/null || true
single_pid=""
rm -rf "$single" # 1,000 stored CSVs: room for the cluster's

echo
echo "## 1b. CSV intake through the balancer: two web instances on PostgreSQL (load average $(load_average))"
PORTAL_CLUSTER_BUILD=0 bash tools/cluster.sh up >/dev/null
loadtest remote-submissions --url "$balancer" "${cluster_settings[@]}" --count "$count" --concurrency "$concurrency"
echo "requests per web instance (nginx's access log): $(awk '/submissions HTTP/ { for (i = 1; i <= NF; i++) if ($i ~ /^upstream=/) print $i }' \
  "$PORTAL_CLUSTER_DIR/nginx/access.log" | sort | uniq -c | tr '\n' ' ')"

echo
echo "## 2. Score written by a worker to the page on a web instance (load average $(load_average))"
loadtest page-latency --submit-url "$web1" --page-url "$web2" "${cluster_settings[@]}" --samples "$samples"

echo
echo "## 3. Model runs with one and two workers (load average $(load_average))"
loadtest worker-throughput --url "$balancer" "${cluster_settings[@]}" --jobs "$jobs"
echo
echo "load average at the end: $(load_average)"
