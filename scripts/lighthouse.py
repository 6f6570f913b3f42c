"""``make lighthouse``: Lighthouse (npm, pinned 12.2.3) on the built site,
mobile, served gzip-compressed like a real host, at ×1 and ×10.

    python scripts/lighthouse.py [--scales 1 10]

×1 is today's content (``content/``); a larger scale is ``snia.synth``'s
synthetic content. For each scale the site is built (``mkdocs build
--strict``) into a temporary folder and served on 127.0.0.1 by
scripts/serve_gzip.py; Lighthouse drives Debian's Chromium
(``CHROME_PATH``, default /usr/bin/chromium, ``--headless=new --no-sandbox``)
on the home page and programme 9 of each language, with its default mobile
emulation and simulated slow 4G. Prints the four categories of each page
and fails when performance is below 95 or another category below 100.
Reports (JSON) in build/lighthouse/.
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

from serve_gzip import serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "programmes/09/", "ar/", "ar/programmes/09/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def build(scale: int, work: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    env.pop("SNIA_SITE_URL", None)
    if scale != 1:
        from snia.synth import generate

        env["SNIA_CONTENT"] = str(generate(ROOT / "content", work / f"content-x{scale}", scale))
    else:
        env.pop("SNIA_CONTENT", None)
    site = work / f"site-x{scale}"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, env=env, check=True)
    return site


def audit(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    "--only-categories=" + ",".join(CATEGORIES),
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
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
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--out", default="build/lighthouse")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("lighthouse absent : lancez `make node`", file=sys.stderr)
        return 2
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    rows, bad = [], []
    work = Path(tempfile.mkdtemp(prefix="snia-lighthouse-"))
    try:
        for scale in args.scales:
            site = build(scale, work)
            server = serve(site)
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            try:
                for page in PAGES:
                    name = f"x{scale}-" + (page.strip("/").replace("/", "-") or "home") + ".json"
                    s = audit(base + page, out / name)
                    rows.append((scale, "/" + page, s))
                    bad += [f"×{scale} /{page} {c} {s[c]} < {BUDGET[c]}" for c in CATEGORIES
                            if s[c] < BUDGET[c]]
                    print(f"×{scale} /{page}: " + ", ".join(f"{c} {s[c]}" for c in CATEGORIES),
                          file=sys.stderr)
            finally:
                server.shutdown()
            shutil.rmtree(site, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| scale | page | performance | accessibility | best practices | SEO | LCP (s) | TBT (ms) "
          "| CLS | weight (KiB) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for scale, page, s in rows:
        print(f"| ×{scale} | {page} | {s['performance']} | {s['accessibility']} | {s['best-practices']} "
              f"| {s['seo']} | {s['lcp_s']} | {s['tbt_ms']} | {s['cls']} | {s['kib']} |")
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
