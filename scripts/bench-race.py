#!/usr/bin/env python3
"""The race detector's cost: ours (`lab run -race`) next to Go's (`go build -race`).

For each benchmark program (default: cpu, pingpong, mutex from
benches/programs/), measures the median CPU time (user + system, from
os.wait4, so other load on a shared machine matters less than for wall
time) of N runs (default 3) of:
  - the Go 1.19 binary built plainly and built with -race,
  - target/release/lab run, plainly and with -race (seed 1).
Prints the times and both slowdowns. It prints, never asserts. Build the
release binary first: cargo build --release -p golab-cli

Usage: scripts/bench-race.py [--runs N] [--go /usr/bin/go] [NAME ...]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "benches" / "programs"
LAB = ROOT / "target" / "release" / "lab"


def cpu_seconds(cmd):
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(map(str, cmd))}: exit {code}\n{err}")
    return usage.ru_utime + usage.ru_stime


def median(cmd, runs):
    return statistics.median(cpu_seconds(cmd) for _ in range(runs))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--go", default="/usr/bin/go")
    ap.add_argument("names", nargs="*", default=["cpu", "pingpong", "mutex"])
    args = ap.parse_args()
    if not LAB.exists():
        sys.exit(f"{LAB} is missing: cargo build --release -p golab-cli")
    print(f"{'program':10} {'go':>8} {'go -race':>9} {'x':>6}   {'lab':>8} {'lab -race':>9} {'x':>6}")
    with tempfile.TemporaryDirectory(prefix="golab-bench-race-") as tmp:
        env = dict(os.environ, GO111MODULE="off", GOFLAGS="", CGO_ENABLED="1",
                   GOCACHE=os.path.join(tmp, "cache"), GOPATH=os.path.join(tmp, "gopath"))
        for name in args.names:
            src = PROGRAMS / f"{name}.go"
            plain, race = os.path.join(tmp, name), os.path.join(tmp, name + ".race")
            subprocess.run([args.go, "build", "-o", plain, str(src)], env=env, check=True)
            subprocess.run([args.go, "build", "-race", "-o", race, str(src)], env=env, check=True)
            g0 = median([plain], args.runs)
            g1 = median([race], args.runs)
            l0 = median([str(LAB), "run", "--seed", "1", str(src)], args.runs)
            l1 = median([str(LAB), "run", "-race", "--seed", "1", str(src)], args.runs)
            print(f"{name:10} {g0:7.2f}s {g1:8.2f}s {g1 / max(g0, 1e-3):5.1f}x   "
                  f"{l0:7.2f}s {l1:8.2f}s {l1 / max(l0, 1e-3):5.1f}x")


if __name__ == "__main__":
    main()
