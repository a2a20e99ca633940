#!/usr/bin/env bash
# CSV intake side by side in one run: the load test (bench/Portal.LoadTest) against a base commit and against this
# tree, on the same machine, alternating, REPEATS times each.
# Usage: bash bench/csv_intake.sh [BASE=ee7db98] [COUNT=1000] [CONCURRENCY=8] [WARMUP=200] [REPEATS=1] [MODE=in-process]
#   MODE=in-process: the portal and the load generator in one process ("submissions"), as in earlier figures.
#   MODE=separate:   the portal as its own process (src/Portal.Web's build, SQLite, a loopback port) and the generator
#                    in another ("remote-submissions --server-pid"): the portal's own CPU time per submission is reported
#                    apart from the generator's. Both still share this machine's cores.
# Each run first sends WARMUP submissions the same way, not counted. On 2 busy cores the tiered JIT needs about 2,000
# submissions (~25 s of load) before the hot path is at tier 1 (bench/RESULTS.md): WARMUP=200 measures a server in its
# first seconds, WARMUP=3000 its steady state.
# ee7db98 is the last commit before CSVs were scored in their upload request (issue 10).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-ee7db98}
count=${2:-1000}
concurrency=${3:-8}
warmup=${4:-200}
repeats=${5:-1}
mode=${6:-in-process}
scratch=$(mktemp -d)
server_pid=""
finish() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  git worktree remove --force "$scratch/base" >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap finish EXIT
git worktree add -q --detach "$scratch/base" "$base"
# The same submission load in both trees, so both are measured the same way.
cp bench/Portal.LoadTest/SubmissionLoad.cs bench/Portal.LoadTest/Program.cs bench/Portal.LoadTest/ClusterTarget.cs "$scratch/base/bench/Portal.LoadTest/"
for tree in "$scratch/base" "$PWD"; do
  dotnet build -c Release "$tree/bench/Portal.LoadTest" 2>&1 | grep -E "rror\(s\)| error " | sort -u
done

# run_separate TREE: the tree's portal as its own process on a fresh data folder, loaded by the tree's generator.
run_separate() {
  local tree="$1" data="$scratch/data" port
  rm -rf "$data" && mkdir -p "$data"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  Portal__DataDirectory="$data" Portal__SeedDemo=false Portal__AdminPassword=Bench-Host-1 Api__SubmissionPermits=1000000 \
    Jobs__Concurrency=2 Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$tree/src/Portal.Web/bin/Release/net10.0/Portal.Web.dll" >"$scratch/portal.log" 2>&1 </dev/null &
  server_pid=$!
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break
    sleep 0.2
  done
  dotnet run -c Release --no-build --project "$tree/bench/Portal.LoadTest" -- remote-submissions --url "http://127.0.0.1:$port/" \
    --setting "Portal:DataDirectory=$data" --count "$count" --concurrency "$concurrency" --warmup "$warmup" --server-pid "$server_pid"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

for ((i = 1; i <= repeats; i++)); do
  for tree in "$scratch/base" "$PWD"; do
    rev=$(git -C "$tree" rev-parse --short HEAD)
    echo "== $rev (run $i of $repeats, $mode, load average $(cut -d' ' -f1-3 /proc/loadavg))"
    if [ "$mode" = separate ]; then
      run_separate "$tree"
    else
      dotnet run -c Release --no-build --project "$tree/bench/Portal.LoadTest" -- submissions "$count" "$concurrency" "$warmup"
    fi
  done
done
