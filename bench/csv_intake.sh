#!/usr/bin/env bash
# CSV intake side by side in one run: this tree's load test (bench/Portal.LoadTest "submissions") against a base
# commit and against this tree, on the same machine, one after the other.
# Usage: bash bench/csv_intake.sh [BASE=ee7db98] [COUNT=1000] [CONCURRENCY=8]
# Each run first sends SubmissionLoad.DefaultWarmUp (200) submissions the same way, not counted: steady state, not JIT warm-up.
# ee7db98 is the last commit before CSVs were scored in their upload request (issue 10).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-ee7db98}
count=${2:-1000}
concurrency=${3:-8}
scratch=$(mktemp -d)
trap 'git worktree remove --force "$scratch/base" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
git worktree add -q --detach "$scratch/base" "$base"
# The same submission load in both trees, so both are measured the same way.
cp bench/Portal.LoadTest/SubmissionLoad.cs "$scratch/base/bench/Portal.LoadTest/"
for tree in "$scratch/base" "$PWD"; do
  rev=$(git -C "$tree" rev-parse --short HEAD)
  echo "== $rev"
  dotnet run -c Release --project "$tree/bench/Portal.LoadTest" -- submissions "$count" "$concurrency"
done
