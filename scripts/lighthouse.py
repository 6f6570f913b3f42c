"""``make lighthouse``: Lighthouse (npm, pinned 12.2.3) on the built site,
mobile, served gzip-compressed like a real host, at ×1 and ×10.

    python scripts/lighthouse.py [--scales 1 10]

×1 is today's content (``content/``); a larger scale is ``snia.synth``'s
synthetic content. For each scale the site is built (``mkdocs build
--strict``) into a temporary folder and served on 127.0.0.1 by
scripts/serve_gzip.py; Lighthouse drives Debian's Chromium
(``CHROME_PATH``, default /usr/bin/chromium, ``--headless=new --no-sandbox``)
on the home page and programme 9 of each language, with its default mobile
emulation and simulated slow 4G. Each page is audited ``--runs`` times
(3 by default) and judged on the median run chosen by Lighthouse's own
``computeMedianRun`` (lighthouse/core/lib/median-run.js: the run nearest
the median first contentful paint and time to interactive), as
Lighthouse's docs on variability advise: one run's performance score moves
by several points with the machine's load. Prints the four categories of
each page's median run, with the lowest and highest performance of its
runs, and fails when performance is below 95 or another category below
100. Reports (JSON) in build/lighthouse/.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench import env_for  # noqa: E402
from serve_gzip import serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
MEDIAN_RUN = ROOT / "node_modules" / "lighthouse" / "core" / "lib" / "median-run.js"
PAGES = ["", "programmes/09/", "ar/", "ar/programmes/09/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def build(scale: int, work: Path) -> Path:
    content = None  # ×1: today's content
    if scale != 1:
        from snia.synth import generate

        content = generate(ROOT / "content", work / f"content-x{scale}", scale)
    site = work / f"site-x{scale}"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, env=env_for(content), check=True)
    return site


def median_run(reports: list[Path]) -> int:
    """Index of the median run among ``reports``, by Lighthouse's own rule."""
    if len(reports) == 1:
        return 0
    script = ("import {computeMedianRun} from " + json.dumps(MEDIAN_RUN.as_uri()) + ";"
              "import fs from 'node:fs';"
              "const runs = process.argv.slice(1).map(p => JSON.parse(fs.readFileSync(p, 'utf8')));"
              "console.log(runs.indexOf(computeMedianRun(runs)));")
    done = subprocess.run(["node", "--input-type=module", "-e", script, *map(str, reports)],
                          check=True, capture_output=True, text=True)
    return int(done.stdout.strip())


def audit(url: str, out: Path, runs: int = 3) -> dict:
    """Lighthouse ``runs`` times on ``url``: the median run's scores, with the
    lowest and highest performance of all runs."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    reports = []
    for n in range(runs):
        path = out.with_name(f"{out.stem}-run{n + 1}.json")
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={path}",
                        "--only-categories=" + ",".join(CATEGORIES),
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        reports.append(path)
    performance = [round(json.loads(p.read_text(encoding="utf-8"))["categories"]["performance"]["score"] * 100)
                   for p in reports]
    shutil.copyfile(reports[median_run(reports)], out)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    scores["lcp_s"] = round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2)
    scores["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    scores["cls"] = round(audits["cumulative-layout-shift"]["numericValue"], 3)
    scores["kib"] = round(audits["total-byte-weight"]["numericValue"] / 1024)
    failing = [f"{a['id']} ({a.get('score')})" for a in audits.values()
               if a.get("score") is not None and a.get("score") < 1
               and a.get("scoreDisplayMode") in ("binary",) ]
    scores["failing"] = failing[:8]
    scores["range"] = f"{min(performance)}–{max(performance)}"
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--out", default="build/lighthouse")
    parser.add_argument("--runs", type=int, default=3,
                        help="audits of each page; the median run is judged (default 3)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("lighthouse absent : lancez `make node`", file=sys.stderr)
        return 2
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    rows, bad = [], []
    load_start = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="snia-lighthouse-"))
    try:
        for scale in args.scales:
            site = build(scale, work)
            server = serve(site)
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            try:
                for page in PAGES:
                    name = f"x{scale}-" + (page.strip("/").replace("/", "-") or "home") + ".json"
                    s = audit(base + page, out / name, args.runs)
                    rows.append((scale, "/" + page, s))
                    bad += [f"×{scale} /{page} {c} {s[c]} < {BUDGET[c]}" for c in CATEGORIES
                            if s[c] < BUDGET[c]]
                    print(f"×{scale} /{page}: " + ", ".join(f"{c} {s[c]}" for c in CATEGORIES)
                          + f" (performance of the {args.runs} runs: {s['range']})", file=sys.stderr)
            finally:
                server.shutdown()
            shutil.rmtree(site, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"median of {args.runs} runs; load average {load_start:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end")
    print("| scale | page | performance (runs) | accessibility | best practices | SEO | LCP (s) "
          "| TBT (ms) | CLS | weight (KiB) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for scale, page, s in rows:
        print(f"| ×{scale} | {page} | {s['performance']} ({s['range']}) | {s['accessibility']} "
              f"| {s['best-practices']} | {s['seo']} | {s['lcp_s']} | {s['tbt_ms']} | {s['cls']} "
              f"| {s['kib']} |")
    for scale, page, s in rows:
        if s["failing"]:
            print(f"×{scale} {page} audits below 1: {', '.join(s['failing'])}")
    if bad:
        print("budget: FAIL\n  " + "\n  ".join(bad))
        return 1
    print("budget: PASS (performance ≥ 95, accessibility, best practices, SEO 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
