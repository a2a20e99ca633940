"""Start-up time of the portal as a process: first run (migrations + demo seeding) and a restart on the
existing database, measured to the first healthy /healthz and to a full demo leaderboard.

Usage (from the repository root):

    dotnet build -c Release src/Portal.Web
    /usr/bin/python3 bench/startup.py [runs=3]

Each run uses a fresh data folder in /tmp; the server listens on 127.0.0.1:5077 only.
"""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = os.path.join(ROOT, "src", "Portal.Web", "bin", "Release", "net10.0", "Portal.Web.dll")
URL = "http://127.0.0.1:5077"


def get(path):
    try:
        with urllib.request.urlopen(URL + path, timeout=2) as r:
            return r.status, r.read()
    except Exception:
        return None, None


def start(data):
    env = dict(os.environ, Portal__DataDirectory=data, ASPNETCORE_URLS=URL, ASPNETCORE_ENVIRONMENT="Production",
               Logging__LogLevel__Default="Warning")
    return subprocess.Popen(["dotnet", DLL], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait(predicate, limit=120):
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        if predicate():
            return time.perf_counter() - t0
        time.sleep(0.02)
    raise TimeoutError("not ready in time")


def healthy():
    return get("/healthz")[0] == 200


def board_full():
    status, body = get("/api/v1/competitions/mask-demo/leaderboard")
    return status == 200 and len(json.loads(body)["rows"]) >= 4


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(30)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    first_healthy, first_board, restart = [], [], []
    for _ in range(runs):
        data = tempfile.mkdtemp(prefix="portal-startup-")
        try:
            t0 = time.perf_counter()
            p = start(data)
            wait(healthy)
            first_healthy.append(time.perf_counter() - t0)
            wait(board_full)
            first_board.append(time.perf_counter() - t0)
            stop(p)
            t0 = time.perf_counter()
            p = start(data)
            wait(healthy)
            restart.append(time.perf_counter() - t0)
            stop(p)
        finally:
            shutil.rmtree(data, ignore_errors=True)
    fmt = lambda xs: f"median {statistics.median(xs):.2f} s (runs: {', '.join(f'{x:.2f}' for x in xs)})"
    print(f"first run, to healthy (migrations + demo hidden set of 1,260 images): {fmt(first_healthy)}")
    print(f"first run, to a full demo leaderboard (8 submissions scored):        {fmt(first_board)}")
    print(f"restart on the existing database, to healthy:                       {fmt(restart)}")


if __name__ == "__main__":
    main()
