#!/usr/bin/env python3
"""Record golden output for the Go program corpus from the real Go toolchain.

Golden files are produced ONLY by this script; never edit them by hand.

For every tests/programs/**/NAME.go (not the go122/ directory, whose programs use
features newer than Go 1.19 and carry their expected output inside the file),
this script runs `go build -o TMP NAME.go`, then runs TMP with a timeout, and
writes tests/programs/NAME.golden:

    exit: <status>
    stderr: <first line of stderr, without the newline>   (or a bare
                                                             `stderr:` if empty)
    -- stdout --
    <stdout, byte for byte, up to the end of the file>

A program that fails to compile gets instead:

    exit: 1
    -- diagnostics --
    <go build's error lines, `# command-line-arguments` header removed,
     `./` path prefix removed>

Usage: scripts/record-golden.py [--go /usr/bin/go] [NAME.go ...]
With no names, every program in the corpus is recorded. The Go version is
checked (the corpus is recorded with Go 1.19) unless --any-go is given.
"""

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "programs"
TIMEOUT_SECONDS = 20


def go_env(tmp):
    env = dict(os.environ)
    # A private cache keeps the run independent of the user's Go setup, and
    # GOFLAGS/GO111MODULE make `go build file.go` work outside a module.
    env.setdefault("GOCACHE", os.path.join(tmp, "gocache"))
    env["GO111MODULE"] = "off"
    env["GOFLAGS"] = ""
    env["GOPATH"] = os.path.join(tmp, "gopath")
    return env


def record(go, prog, tmp):
    env = go_env(tmp)
    exe = os.path.join(tmp, "prog")
    # Build from the program's own directory with a bare file name, so the
    # diagnostics read `./NAME.go:L:C: msg`, which we turn into `NAME.go:L:C: msg`.
    build = subprocess.run(
        [go, "build", "-o", exe, prog.name],
        cwd=prog.parent,
        env=env,
        capture_output=True,
    )
    if build.returncode != 0:
        lines = []
        for line in build.stderr.decode("utf-8", "replace").splitlines():
            if line.startswith("# "):
                continue
            # Go names the file `./NAME.go`, also in indented follow-up lines
            # such as "other declaration of x"; we name it `NAME.go`.
            if line.startswith("./"):
                line = line[2:]
            line = line.replace("\t./", "\t", 1)
            lines.append(line)
        return "exit: 1\n-- diagnostics --\n" + "".join(l + "\n" for l in lines)
    try:
        # The binary runs with a fixed, small environment so nothing about
        # the recording machine (e.g. GOMAXPROCS, GOTRACEBACK) leaks in.
        run = subprocess.run(
            [exe],
            cwd=tmp,
            env={"PATH": "/usr/bin:/bin"},
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"{prog.name}: timed out after {TIMEOUT_SECONDS}s; programs must terminate")
    status = run.returncode
    if status < 0:
        sys.exit(f"{prog.name}: killed by signal {-status}")
    stderr = run.stderr.decode("utf-8", "replace")
    first = stderr.split("\n", 1)[0]
    # An empty first line is written as a bare `stderr:` (no trailing space).
    stderr_line = f"stderr: {first}" if first else "stderr:"
    out = f"exit: {status}\n{stderr_line}\n-- stdout --\n".encode()
    return out + run.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--go", default="/usr/bin/go")
    ap.add_argument("--any-go", action="store_true")
    ap.add_argument("programs", nargs="*")
    args = ap.parse_args()

    version = subprocess.run([args.go, "version"], capture_output=True, text=True).stdout
    if " go1.19" not in version and not args.any_go:
        sys.exit(f"expected Go 1.19, found: {version.strip()} (use --any-go to override)")

    if args.programs:
        progs = [pathlib.Path(p).resolve() for p in args.programs]
    else:
        # Every program in the corpus and its subdirectories (e.g. a later
        # concurrent/ directory), except go122/ which is skipped below.
        progs = sorted(CORPUS.rglob("*.go"))
    with tempfile.TemporaryDirectory(prefix="golab-golden-") as tmp:
        for prog in progs:
            if prog.parent.name == "go122":
                print(f"skip {prog.name}: go122 programs state their output inside the file")
                continue
            golden = record(args.go, prog, tmp)
            if isinstance(golden, str):
                golden = golden.encode()
            prog.with_suffix(".golden").write_bytes(golden)
            head = golden.split(b"\n", 2)
            print(f"{prog.name}: {head[0].decode()} {head[1].decode()[:70]}")


if __name__ == "__main__":
    main()
