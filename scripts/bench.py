#!/usr/bin/env python3
"""Benchmarks: our runtime (`lab run`, release build) against native Go 1.19.

Each program in benches/programs/ is built with `go build` and run as a Go
binary, and run with `lab run` in the default deterministic mode (no trace),
median of N runs each (default 5), on this machine, in this run. Prints one
line per benchmark with both times, the ratio, and peak RSS, and writes the
same table to BENCHMARKS.md with the machine description. It prints ratios,
not verdicts: targets are listed beside them for the reader to compare.

Usage: scripts/bench.py [--runs N] [--only NAME[,NAME]] [--no-write]
"""
import argparse
import os
import platform
import selectors
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "benches" / "programs"
OUT = ROOT / "target" / "bench"

# name, program, what the issue asks of it (shown, never asserted)
# name, program, GOMAXPROCS (None: the program's own), what issue 9 asks of it.
# GOMAXPROCS reaches Go through its environment variable and lab through
# --gomaxprocs, so one program serves both settings.
BENCHES = [
    ("cpu", "cpu.go", None, "<= 25x Go"),
    ("pingpong", "pingpong.go", None, "<= 1.5x Go"),
    ("spawn", "spawn.go", None, "<= 3x Go time, <= 1 KB per goroutine"),
    ("mutex/1", "mutex.go", 1, ""),
    ("mutex/2", "mutex.go", 2, ""),
    ("parallel/1", "parallel.go", 1, ""),
    ("parallel/2", "parallel.go", 2, "speed-up >= 1.8x (parallel mode)"),
]


TIME = shutil.which("time") and Path("/usr/bin/time")


def measure(cmd, timeout):
    """Runs cmd; returns (seconds or None on timeout, the child's own peak RSS
    in KiB, exit status, stdout, stderr).

    The peak RSS comes from /usr/bin/time (GNU time) when it exists: a child
    forked from this Python process inherits its RSS high-water mark across
    exec, so os.wait4's ru_maxrss never reads below Python's ~15 MB. GNU time
    is small, so its child's mark is the program's own. The time it adds is
    one fork+exec, the same for Go and for lab."""
    rss_file = OUT / "rss.txt"
    if TIME and TIME.exists():
        cmd = [str(TIME), "-f", "%M", "-o", str(rss_file), *cmd]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read output while the child runs so a full pipe never stalls it.
    out_chunks, err_chunks = [], []
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ, out_chunks)
    sel.register(proc.stderr, selectors.EVENT_READ, err_chunks)
    open_pipes = 2
    deadline = start + timeout
    while open_pipes:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            proc.kill()
            break
        for key, _ in sel.select(timeout=min(remaining, 1.0)):
            data = os.read(key.fileobj.fileno(), 65536)
            if data:
                key.data.append(data)
            else:
                sel.unregister(key.fileobj)
                open_pipes -= 1
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    timed_out = time.perf_counter() > deadline
    rss = usage.ru_maxrss
    if TIME and TIME.exists():
        try:
            rss = int(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    return (None if timed_out else elapsed), rss, ("timeout" if timed_out else code), b"".join(out_chunks), b"".join(err_chunks)


def series(cmd, runs, timeout):
    times, rss, first = [], [], None
    for _ in range(runs):
        t, kib, code, out, err = measure(cmd, timeout)
        if first is None:
            first = (code, out, err)
        if t is None or code != 0:
            return None, None, (code, out, err)
        times.append(t)
        rss.append(kib)
    return statistics.median(times), max(rss), first


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) // 1024 // 1024} GiB"
    except OSError:
        pass
    go = subprocess.run(["go", "version"], capture_output=True, text=True).stdout.strip()
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}), {mem}; {go}"


def loadavg():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))

    if not shutil.which("go"):
        sys.exit("bench: Go is needed for the baseline: apt-get install golang-go")
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "golab-cli"], cwd=ROOT, check=True)
    lab = ROOT / "target" / "release" / "lab"

    rows = []
    times = {}  # name -> (go seconds, lab seconds, go KiB, lab KiB)
    load_start = loadavg()
    print(f"machine: {machine()}; load average {load_start} at the start")
    print(f"{'benchmark':<12} {'go':>9} {'lab':>9} {'ratio':>8} {'go RSS':>9} {'lab RSS':>9}  target")
    for name, prog, procs, target in BENCHES:
        if only and name.split("/")[0] not in only and name not in only:
            continue
        src = PROGRAMS / prog
        binary = OUT / prog.replace(".go", "")
        subprocess.run(["go", "build", "-o", str(binary), str(src)], check=True, env={**os.environ, "GOFLAGS": "-mod=mod", "GO111MODULE": "off"})
        go_cmd = [str(binary)] if procs is None else ["env", f"GOMAXPROCS={procs}", str(binary)]
        lab_cmd = [str(lab), "run", str(src)] if procs is None else [str(lab), "run", "--gomaxprocs", str(procs), str(src)]
        go_t, go_rss, go_first = series(go_cmd, args.runs, args.timeout)
        lab_t, lab_rss, lab_first = series(lab_cmd, args.runs, args.timeout)
        if go_t is None:
            line = f"{name:<12} go failed: {go_first[0]} {go_first[2][:200]!r}"
        elif lab_t is None:
            why = lab_first[2].decode(errors="replace").strip().splitlines()
            line = f"{name:<12} {go_t:>8.3f}s {'—':>9} {'—':>8} {go_rss/1024:>7.1f}MB {'—':>9}  lab failed ({lab_first[0]}): {why[0] if why else ''}"
        else:
            same = "" if lab_first[1] == go_first[1] else "  OUTPUT DIFFERS"
            line = f"{name:<12} {go_t:>8.3f}s {lab_t:>8.3f}s {lab_t/go_t:>7.2f}x {go_rss/1024:>7.1f}MB {lab_rss/1024:>7.1f}MB  {target}{same}"
            times[name] = (go_t, lab_t, go_rss, lab_rss)
        print(line, flush=True)
        rows.append(line)

    # Derived figures: the parallel speed-up and memory per goroutine.
    derived = []
    if "parallel/1" in times and "parallel/2" in times:
        (g1, l1, _, _), (g2, l2, _, _) = times["parallel/1"], times["parallel/2"]
        derived.append(
            f"parallel speed-up, GOMAXPROCS 2 vs 1: go {g1/g2:.2f}x, lab {l1/l2:.2f}x"
            "  (target >= 1.8x natively; lab runs Ps in virtual time in step mode)"
        )
    if "spawn" in times:
        empty = OUT / "empty.go"
        empty.write_text("package main\n\nfunc main() {}\n")
        binary = OUT / "empty"
        subprocess.run(["go", "build", "-o", str(binary), str(empty)], check=True, env={**os.environ, "GO111MODULE": "off"})
        _, go_base, _ = series([str(binary)], 3, args.timeout)
        _, lab_base, _ = series([str(lab), "run", str(empty)], 3, args.timeout)
        _, _, go_rss, lab_rss = times["spawn"]
        if go_base is not None and lab_base is not None:
            derived.append(
                f"spawn, peak RSS above an empty program per goroutine (100,000): "
                f"go {(go_rss - go_base) * 1024 / 100000:.0f} B, lab {(lab_rss - lab_base) * 1024 / 100000:.0f} B"
                "  (target <= 1 KB)"
            )
    derived.append(f"load average: {load_start} at the start, {loadavg()} at the end")
    for line in derived:
        print(line)

    if not args.no_write:
        body = [
            "# Benchmarks",
            "",
            "Written by `scripts/bench.py` (median of "
            f"{args.runs} runs each, same machine, same run). `lab` is our runtime's native",
            "release build in its default deterministic step mode with no trace; `go` is a Go binary",
            "built with `go build`. Ratios, not verdicts: the targets of issue 9 are beside them.",
            "",
            f"Machine: {machine()}",
            "",
            "```text",
            f"{'benchmark':<12} {'go':>9} {'lab':>9} {'ratio':>8} {'go RSS':>9} {'lab RSS':>9}  target",
            *rows,
            "",
            *derived,
            "```",
            "",
        ]
        notes = ROOT / "benches" / "NOTES.md"
        if notes.exists():
            body += [notes.read_text()]
        (ROOT / "BENCHMARKS.md").write_text("\n".join(body))
        print("wrote BENCHMARKS.md")


if __name__ == "__main__":
    main()
