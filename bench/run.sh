#!/usr/bin/env bash
# Runs every benchmark of Portal in one go, side by side with the Python baseline, on this machine.
# Usage: bash bench/run.sh [BenchmarkDotNet filter, default '*']
# Needs Debian's python3-numpy, python3-pandas and python3-sklearn (installed when missing).
# Results: BenchmarkDotNet.Artifacts/results/*.md, bench/data/*.json; copy the figures into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
filter=${1:-*}

if ! /usr/bin/python3 -c 'import numpy, pandas, sklearn' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy python3-pandas python3-sklearn
fi

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%F)"
[ -f bench/data/truth_1000000.csv ] || /usr/bin/python3 bench/make_bench_data.py

echo "== Python baseline (pandas + scikit-learn + numpy)"
/usr/bin/python3 bench/baseline_pandas.py

echo "== portal score as a whole process"
dotnet publish src/Portal.Cli -c Release -o artifacts/portal-cli >/dev/null
/usr/bin/python3 bench/cli_startup.py artifacts/portal-cli/portal
# 1,000,000 rows against pandas + scikit-learn as a process; add --baseline DIR/portal to time another build alongside.
/usr/bin/python3 bench/cli_startup.py artifacts/portal-cli/portal --rows 1000000 --runs 7 --pandas

echo "== PyTorch eager baseline on the benchmark ResNet-18 (Debian python3-torch)"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch
fi
[ -f bench/data/bench-model-224.onnx ] || /usr/bin/python3 tools/SampleModel/export_bench_model.py
/usr/bin/python3 bench/pytorch_eager.py --model resnet18 --batch 32 --count 256 --warmup 32

echo "== inference one-shots: cold decode of 12,600 384x512 JPEGs into the cache, then peak memory of a run over them"
# Model: PORTAL_BENCH_MODEL, else bench/data/bench-model-224.onnx (tools/SampleModel/export_bench_model.py), else a small built-in conv net.
dotnet build -c Release bench/Portal.Benchmarks >/dev/null
dotnet run -c Release --no-build --project bench/Portal.Benchmarks -- cache-build --count 12600
dotnet run -c Release --no-build --project bench/Portal.Benchmarks -- cache-build --count 12600
dotnet run -c Release --no-build --project bench/Portal.Benchmarks -- peak-memory --count 12600

echo "== BenchmarkDotNet"
dotnet run -c Release --project bench/Portal.Benchmarks -- --filter "$filter" --exporters github
