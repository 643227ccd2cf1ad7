#!/usr/bin/env python3
"""Checks the book's claims with the real Go toolchain.

Readers copy the examples into `go run` on their own machines, where no
seed fixes the schedule. So every ```go run block and every ```exercise
solution of every chapter is built with `go` (Go 1.19 on the build
machines) and run at GOMAXPROCS 1, 2 and 4, several times at each, and
this fails if, in any run,

- the exit status is not the block's `exit=` (0 for a solution; `race=true`
  blocks are built with -race and checked the same way);
- a stated `// Output:` / `// Unordered output:` (a solution's `# output` /
  `# unordered output` section) is not what the run printed;

and if a block ending in `// Output varies between runs.` printed the same
thing every time (its whole point is that it varies).

Usage:
  check-go.py [FILE.md ...]        every chapter when no file is given
  check-go.py --report FILE.md:LINE [--runs N]
                                    the distinct outputs of the block whose
                                    fence is on LINE, with counts, at each
                                    GOMAXPROCS (for quoting frequencies)

The rules for authors are in chapters/README.md ("Claims that hold under
`go run`"). Exit status 0 when every claim held.
"""

import argparse
import collections
import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROCS = (1, 2, 4)
RUNS_EACH = 3  # per GOMAXPROCS, for blocks that state an output or nothing
VARIES_RUNS_EACH = 7  # per GOMAXPROCS, for `// Output varies between runs.`
TIMEOUT_S = 30
VARIES = "// Output varies between runs."


class Block:
    """One program to check: a go run block or an exercise's solution."""

    def __init__(self, path, line, kind, code, options, expected, unordered):
        self.path, self.line, self.kind = path, line, kind
        self.code, self.options = code, options
        self.expected, self.unordered = expected, unordered
        self.varies = any(l.strip() == VARIES for l in code.splitlines()[-3:])

    @property
    def name(self):
        return f"{os.path.relpath(self.path, ROOT)}:{self.line}"

    @property
    def exit(self):
        return int(self.options.get("exit", "0"))

    @property
    def race(self):
        return self.options.get("race") == "true"


def expected_output(code):
    """The trailing `// Output:` comment, as directive.rs reads it."""
    lines = code.rstrip().splitlines()
    for i in range(len(lines) - 1, -1, -1):
        t = lines[i].strip()
        if t in ("// Output:", "// Unordered output:"):
            tail = lines[i + 1:]
            if not all(l.lstrip().startswith("//") for l in tail):
                return None, False
            out = []
            for l in tail:
                t2 = l.lstrip()[2:]
                out.append(t2[1:] if t2.startswith(" ") else t2)
            return out, t == "// Unordered output:"
    return None, False


def exercise_sections(body):
    sections, name = {}, None
    for raw in body.splitlines():
        m = re.fullmatch(r"# ([a-z ]+)", raw.rstrip())
        if m:
            name = m.group(1)
            sections.setdefault(name, [])
            continue
        if name is not None:
            sections[name].append(raw)
    return {k: "\n".join(v).strip("\n") + "\n" for k, v in sections.items()}


def blocks_of(path):
    """Every fenced go run block and exercise solution in a chapter."""
    out = []
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^(`{3,})(.*)$", lines[i])
        if not m:
            i += 1
            continue
        fence, info, start = m.group(1), m.group(2).split(), i + 1
        j = i + 1
        while j < len(lines) and not lines[j].startswith(fence):
            j += 1
        body = "\n".join(lines[i + 1:j]) + "\n"
        options = dict(w.split("=", 1) for w in info if "=" in w)
        if info[:2] == ["go", "run"]:
            exp, unordered = expected_output(body)
            out.append(Block(path, start, "go run", body, options, exp, unordered))
        elif info[:1] == ["exercise"]:
            s = exercise_sections(body)
            exp, unordered = None, False
            if "output" in s:
                exp = s["output"].rstrip("\n").split("\n")
            elif "unordered output" in s:
                exp, unordered = s["unordered output"].rstrip("\n").split("\n"), True
            if "solution" in s:
                out.append(Block(path, start, "exercise solution", s["solution"], {}, exp, unordered))
        i = j + 1
    return out


def matches(block, stdout):
    got = [l.rstrip() for l in stdout.rstrip().split("\n")]
    if got == [""]:
        got = []
    want = [l.rstrip() for l in block.expected]
    if block.unordered:
        got.sort()
        want.sort()
    return got == want


def build(block, work):
    """Builds the block in its own directory; returns (binary, error)."""
    os.makedirs(work, exist_ok=True)
    src = os.path.join(work, "main.go")
    with open(src, "w", encoding="utf-8") as f:
        f.write(block.code)
    # The chapters read data/slow.txt (chapters/README.md): a regular file,
    # or a FIFO for the thread-limit example, whose reads must block in open.
    os.makedirs(os.path.join(work, "data"), exist_ok=True)
    slow = os.path.join(work, "data", "slow.txt")
    if "SetMaxThreads" in block.code:
        os.mkfifo(slow)
    else:
        with open(slow, "w") as f:
            f.write("slow\n")
    cmd = ["go", "build", "-o", "prog"] + (["-race"] if block.race else []) + ["main.go"]
    r = subprocess.run(cmd, cwd=work, capture_output=True, text=True,
                       env=dict(os.environ, GOFLAGS="", GO111MODULE="off"))
    if r.returncode != 0:
        return None, r.stderr.strip()
    return os.path.join(work, "prog"), None


def run(binary, procs):
    env = dict(os.environ, GOMAXPROCS=str(procs))
    try:
        r = subprocess.run([binary], cwd=os.path.dirname(binary), env=env,
                           capture_output=True, text=True, timeout=TIMEOUT_S,
                           errors="replace")
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        return None, "", f"still running after {TIMEOUT_S} s"


def check(block, work):
    """Returns a list of problems (empty: every claim held)."""
    binary, err = build(block, work)
    if binary is None:
        return [f"does not build with {go_version()}:\n{err}"]
    problems, outputs = [], collections.Counter()
    each = VARIES_RUNS_EACH if block.varies else RUNS_EACH
    for procs in PROCS:
        for _ in range(each):
            code, stdout, stderr = run(binary, procs)
            outputs[stdout] += 1
            if code != block.exit:
                first = (stderr.strip().splitlines() or [""])[0]
                problems.append(f"GOMAXPROCS={procs}: exit status {code}, want {block.exit} ({first})")
            if block.expected is not None and not matches(block, stdout):
                problems.append(f"GOMAXPROCS={procs}: printed\n{indent(stdout)}\nwant\n{indent(chr(10).join(block.expected))}")
            if problems:
                return problems
    if block.varies and len(outputs) < 2:
        problems.append(f"says its output varies, but all {sum(outputs.values())} runs printed\n{indent(next(iter(outputs)))}")
    return problems


def indent(s):
    return "\n".join("    " + l for l in s.rstrip("\n").split("\n"))


def go_version():
    r = subprocess.run(["go", "version"], capture_output=True, text=True)
    return r.stdout.strip()


def report(target, runs):
    path, line = target.rsplit(":", 1)
    path = os.path.abspath(path)
    block = next((b for b in blocks_of(path) if b.line == int(line)), None)
    if block is None:
        sys.exit(f"no go run block or exercise opens at {target} (give the fence's line + 1)")
    with tempfile.TemporaryDirectory() as work:
        binary, err = build(block, work)
        if binary is None:
            sys.exit(err)
        print(f"{block.name}, {go_version()}, {runs} runs at each GOMAXPROCS, {os.cpu_count()} CPUs")
        for procs in PROCS:
            c = collections.Counter()
            for _ in range(runs):
                code, stdout, _ = run(binary, procs)
                c[(code, stdout)] += 1
            print(f"GOMAXPROCS={procs}:")
            for (code, stdout), n in c.most_common():
                print(f"  {n:3d}x exit {code}: {stdout.strip()[-200:]!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--report")
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    if shutil.which("go") is None:
        sys.exit("check-go: the go command is missing (scripts/setup.sh installs golang-go)")
    if args.report:
        return report(args.report, args.runs)
    files = args.files or sorted(glob.glob(os.path.join(ROOT, "chapters", "*", "*.md")))
    blocks = [b for f in files for b in blocks_of(os.path.abspath(f))]
    print(f"check-go: {len(blocks)} programs, {go_version()}, GOMAXPROCS {PROCS}")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp, \
            concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        jobs = {pool.submit(check, b, os.path.join(tmp, str(i))): b for i, b in enumerate(blocks)}
        for job in concurrent.futures.as_completed(jobs):
            b, problems = jobs[job], job.result()
            if problems:
                failed += 1
                print(f"FAIL {b.name} ({b.kind}):")
                for p in problems:
                    print(indent(p))
    print(f"check-go: {len(blocks) - failed} of {len(blocks)} programs hold under go run")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
