#!/usr/bin/env python3
"""Lighthouse (npm `lighthouse`, pinned in package.json) on the built site.

Serves dist/ on loopback the way a host should (COOP/COEP headers, unknown
paths answered with index.html), runs Lighthouse 11 in headless Chromium on
a chapter page with its default mobile throttling, and prints each
category's score and the page-load metrics. Lighthouse 11 is the last
version with the PWA category, whose installability audit this checks.

With --check it exits 1 unless accessibility and best practices score at
least 95 and the page is installable (issue 21's bar); performance and its
timings are printed, never judged here: they depend on the machine.

Usage: scripts/lighthouse.py [--dist DIR] [--page PATH] [--check] [--json FILE]
"""
import argparse
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["performance", "accessibility", "best-practices", "pwa"]


def serve(root: Path) -> http.server.ThreadingHTTPServer:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(root), **k)

        def end_headers(self):
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
            super().end_headers()

        def send_head(self):
            # The app routes on the client: any path that is not a file is index.html.
            path = self.translate_path(self.path)
            if not os.path.isfile(path):
                self.path = "/index.html"
            return super().send_head()

        def log_message(self, *a):
            pass

    Handler.extensions_map[".wasm"] = "application/wasm"
    Handler.extensions_map[".webmanifest"] = "application/manifest+json"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dist", default=str(ROOT / "dist"))
    ap.add_argument("--page", default="/en/scheduler")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--json", help="also write Lighthouse's full report here")
    args = ap.parse_args()
    dist = Path(args.dist)
    if not (dist / "index.html").is_file():
        print(f"lighthouse: {dist} has no index.html: build the site first (scripts/build)")
        return 2
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.exists():
        print("lighthouse: not installed (scripts/setup.sh installs it with npm ci)")
        return 2
    server = serve(dist)
    url = f"http://127.0.0.1:{server.server_address[1]}{args.page}"
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(args.json) if args.json else Path(tmp) / "report.json"
        cmd = [
            str(lighthouse), url,
            "--output=json", f"--output-path={report}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--quiet",
        ]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        server.shutdown()
        if done.returncode != 0 or not report.exists():
            print(f"lighthouse failed ({done.returncode}):\n{done.stderr[-2000:]}")
            return 1
        data = json.loads(report.read_text())
    scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    audits = data["audits"]
    installable = audits.get("installable-manifest", {}).get("score") == 1
    print(f"Lighthouse {data['lighthouseVersion']} on {args.page} (mobile, simulated throttling)")
    for c in CATEGORIES:
        print(f"  {c:15} {scores[c]:3d}")
    print(f"  installable     {'yes' if installable else 'no'}")
    for a in ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
              "cumulative-layout-shift", "interactive"]:
        if a in audits:
            print(f"  {audits[a]['title']:25} {audits[a].get('displayValue', '')}")
    failing = [
        f"{a['id']}: {a['title']}" for a in audits.values()
        if a.get("score") is not None and a["score"] < 1
        and a.get("scoreDisplayMode") == "binary"
        and any(ref["id"] == a["id"] for c in ("accessibility", "best-practices")
                for ref in data["categories"][c]["auditRefs"] if ref.get("weight", 0) > 0)
    ]
    for f in failing:
        print(f"  failing audit: {f}")
    if not installable:
        for item in audits.get("installable-manifest", {}).get("details", {}).get("items", []):
            print(f"  not installable: {item.get('reason', item)}")
    if args.check:
        bad = [c for c in ("accessibility", "best-practices") if scores[c] < 95]
        if bad or not installable:
            print(f"lighthouse: below the bar: {', '.join(bad) or 'not installable'}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
