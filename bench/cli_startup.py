"""Wall time of `portal score` as a whole process (start-up included) on the 12,600-row files.

Usage (from the repository root, after bench/make_bench_data.py):

    dotnet publish src/Portal.Cli -c Release -o artifacts/portal-cli
    /usr/bin/python3 bench/cli_startup.py artifacts/portal-cli/portal

Runs the command 3 times to warm the file cache, then 15 timed runs; prints best, median and p90
in milliseconds and writes bench/data/cli_startup.json.
"""

import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(ROOT, "data")


def main():
    exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "artifacts", "portal-cli", "portal")
    cmd = [exe, "score", "--truth", os.path.join(DATA, "truth_12600.csv"),
           "--submission", os.path.join(DATA, "labels_12600.csv")]
    for _ in range(3):
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times = []
    for _ in range(15):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    result = {"best_ms": times[0], "median_ms": statistics.median(times), "p90_ms": times[int(len(times) * 0.9) - 1]}
    print(f"portal score, 12,600 rows, whole process: best {result['best_ms']:.0f} ms, "
          f"median {result['median_ms']:.0f} ms, p90 {result['p90_ms']:.0f} ms")
    with open(os.path.join(DATA, "cli_startup.json"), "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
