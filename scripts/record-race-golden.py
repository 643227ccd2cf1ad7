#!/usr/bin/env python3
"""Record what Go 1.19's race detector says about the race corpus.

Golden race files are produced ONLY by this script; never edit them by hand.

For every tests/programs/race/NAME.go this script builds the program with
`go build -race`, runs the binary RUNS times (default 5) with a timeout and
writes tests/programs/race/NAME.race:

    # go1.19.8 -race, 5 runs: scripts/record-race-golden.py
    exit: 66
    races: 1
    found: Found 1 data race(s)
    pair: 13 15

- `exit:` the exit status (66 when a race was reported, as Go's detector
  sets it; the program's own status otherwise). Runs must agree.
- `races:` the number of `WARNING: DATA RACE` reports; `races: 1-2` when the
  runs disagree (Go's detector only sees the interleaving that happened, and
  reports each pair of stacks and each address only once).
- `found:` the `Found N data race(s)` line (bare `found:` when there is
  none); with differing counts, the line of the first run.
- `pair: A B` one line per distinct pair of source lines seen in a report
  over all runs: the line of the innermost frame in the program's own file
  for the two accesses, smaller first.

The plain-run golden files (NAME.golden) of these programs come from
scripts/record-golden.py, like the rest of the corpus.

Usage: scripts/record-race-golden.py [--go /usr/bin/go] [--runs N] [NAME.go ...]
"""

import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
RACE_DIR = ROOT / "tests" / "programs" / "race"
TIMEOUT_SECONDS = 30


def go_env(tmp):
    env = dict(os.environ)
    env.setdefault("GOCACHE", os.path.join(tmp, "gocache"))
    env["GO111MODULE"] = "off"
    env["GOFLAGS"] = ""
    env["GOPATH"] = os.path.join(tmp, "gopath")
    env["CGO_ENABLED"] = "1"  # -race needs cgo
    return env


def parse_reports(stderr, file_name):
    """Splits stderr into race reports; returns (count, found line, pairs)."""
    reports = stderr.split("WARNING: DATA RACE\n")[1:]
    pairs = set()
    frame_re = re.compile(r"^\s+\S*/" + re.escape(file_name) + r":(\d+) \+0x")
    for rep in reports:
        body = rep.split("==================")[0]
        # The two access sections come first: "Read at ...", "Previous write at ...".
        sections = re.split(r"\n(?=\S)", body)
        lines = []
        for sec in sections:
            if not re.match(r"^(Previous )?(read|write|Read|Write|Atomic|atomic)", sec):
                continue
            for l in sec.splitlines()[1:]:
                m = frame_re.match(l)
                if m:
                    lines.append(int(m.group(1)))
                    break
        if len(lines) == 2:
            pairs.add(tuple(sorted(lines)))
    found = ""
    for l in stderr.splitlines():
        if l.startswith("Found ") and "data race" in l:
            found = l
    return len(reports), found, pairs


def record(go, prog, tmp, runs):
    env = go_env(tmp)
    exe = os.path.join(tmp, "prog")
    build = subprocess.run(
        [go, "build", "-race", "-o", exe, prog.name],
        cwd=prog.parent,
        env=env,
        capture_output=True,
    )
    if build.returncode != 0:
        sys.exit(f"{prog.name}: does not build with -race:\n{build.stderr.decode()}")
    counts, founds, exits, pairs = [], [], set(), set()
    for _ in range(runs):
        try:
            run = subprocess.run(
                [exe],
                cwd=tmp,
                env={"PATH": "/usr/bin:/bin"},
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            sys.exit(f"{prog.name}: timed out after {TIMEOUT_SECONDS}s")
        if run.returncode < 0:
            sys.exit(f"{prog.name}: killed by signal {-run.returncode}")
        n, found, p = parse_reports(run.stderr.decode("utf-8", "replace"), prog.name)
        counts.append(n)
        founds.append(found)
        exits.add(run.returncode)
        pairs |= p
    if len(exits) != 1:
        sys.exit(f"{prog.name}: exit statuses differ between runs: {sorted(exits)}")
    lo, hi = min(counts), max(counts)
    races = f"{lo}" if lo == hi else f"{lo}-{hi}"
    version = subprocess.run([go, "version"], capture_output=True, text=True).stdout.split()[2]
    text = f"# {version} -race, {runs} runs: scripts/record-race-golden.py\n"
    text += f"exit: {exits.pop()}\n"
    text += f"races: {races}\n"
    text += f"found: {founds[0]}\n" if founds[0] else "found:\n"
    for a, b in sorted(pairs):
        text += f"pair: {a} {b}\n"
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--go", default="/usr/bin/go")
    ap.add_argument("--any-go", action="store_true")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("programs", nargs="*")
    args = ap.parse_args()

    version = subprocess.run([args.go, "version"], capture_output=True, text=True).stdout
    if " go1.19" not in version and not args.any_go:
        sys.exit(f"expected Go 1.19, found: {version.strip()} (use --any-go to override)")
    if args.programs:
        progs = [pathlib.Path(p).resolve() for p in args.programs]
    else:
        progs = sorted(RACE_DIR.glob("*.go"))
    with tempfile.TemporaryDirectory(prefix="golab-race-golden-") as tmp:
        for prog in progs:
            text = record(args.go, prog, tmp, args.runs)
            prog.with_suffix(".race").write_text(text)
            summary = " ".join(l for l in text.splitlines()[1:4])
            print(f"{prog.name}: {summary}")


if __name__ == "__main__":
    main()
