"""Wall time of `portal score` as a whole process (start-up included), optionally side by side with another
build of it and with pandas + scikit-learn as a whole process on the same files.

Usage (from the repository root, after bench/make_bench_data.py):

    dotnet publish src/Portal.Cli -c Release -o artifacts/portal-cli
    /usr/bin/python3 bench/cli_startup.py artifacts/portal-cli/portal
    /usr/bin/python3 bench/cli_startup.py artifacts/portal-cli/portal --rows 1000000 --runs 7 \\
        --baseline artifacts/portal-cli-before/portal --pandas

--baseline: another `portal` (say the previous commit's publish) timed in the same rounds.
--pandas: `bench/baseline_pandas.py`'s score_full (read truth and submission, validate, align, the five
scikit-learn metrics) as its own /usr/bin/python3 process, imports included.

Each command runs once to warm the file cache, then --runs rounds (default 15) that run every command once each,
interleaved, so a change in the machine's load falls on all of them alike. Prints best, median and p90 per
command in milliseconds and writes bench/data/cli_startup.json (12,600 rows) or cli_process_{rows}.json.
"""

import argparse
import json
import os
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(ROOT, "data")
PANDAS = ("import sys; sys.path.insert(0, {root!r}); import baseline_pandas as b; "
          "m = b.score_full({truth!r}, {sub!r}); print(m['macroF1'])")


def summary(times):
    times = sorted(times)
    return {"best_ms": times[0], "median_ms": statistics.median(times),
            "p90_ms": times[max(0, int(len(times) * 0.9) - 1)], "all_ms": times}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("exe", nargs="?", default=os.path.join(ROOT, "..", "artifacts", "portal-cli", "portal"))
    parser.add_argument("--rows", type=int, default=12600)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline")
    parser.add_argument("--pandas", action="store_true")
    args = parser.parse_args()

    truth = os.path.join(DATA, f"truth_{args.rows}.csv")
    sub = os.path.join(DATA, f"labels_{args.rows}.csv")
    commands = {"portal": [args.exe, "score", "--truth", truth, "--submission", sub]}
    if args.baseline:
        commands["portal (baseline)"] = [args.baseline, "score", "--truth", truth, "--submission", sub]
    if args.pandas:
        commands["pandas + scikit-learn"] = ["/usr/bin/python3", "-c", PANDAS.format(root=ROOT, truth=truth, sub=sub)]

    for cmd in commands.values():
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            times[name].append((time.perf_counter() - t0) * 1000)

    result = {"rows": args.rows, "runs": args.runs, "loadavg": os.getloadavg(),
              "commands": {name: summary(t) for name, t in times.items()}}
    for name, r in result["commands"].items():
        print(f"{name}, {args.rows:,} rows, whole process: best {r['best_ms']:.0f} ms, "
              f"median {r['median_ms']:.0f} ms, p90 {r['p90_ms']:.0f} ms")
    portal = result["commands"]["portal"]["median_ms"]
    for name, r in result["commands"].items():
        if name != "portal":
            print(f"  {name} / portal (medians): {r['median_ms'] / portal:.2f}x")
    out = "cli_startup.json" if args.rows == 12600 and len(commands) == 1 else f"cli_process_{args.rows}.json"
    with open(os.path.join(DATA, out), "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
