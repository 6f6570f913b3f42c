"""Benchmark: build time, page weight and search-index size of both sites.

    python scripts/bench.py [--runs N] [--content DIR] [--json FILE]

Builds the site N times (default 3) with ``mkdocs build --strict`` into a
temporary folder and prints the median build time, the number of pages per
language, the HTML weight per page (median, 95th percentile, max; raw and
gzip), the weight of what a first visit loads (HTML + CSS + JS + fonts of
one page) and the size of each search index. Numbers, not a verdict: page
weight budgets come with the build-scaling issue. Then, unless ``--no-pdf``,
what ``make pdf`` costs: the time to typeset both PDFs (one run) and each
PDF's size and page count.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(dest: Path, content: str | None) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    if content:
        env["SNIA_CONTENT"] = content
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
                   cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def first_visit(site: Path, page: Path) -> dict:
    """Bytes a first visit to ``page`` loads: the HTML and its CSS, JS and fonts."""
    html = page.read_bytes()
    total, total_gz, assets = len(html), gz(html), []
    for ref in re.findall(rb'(?:href|src)="([^"#?]+\.(?:css|js))"', html):
        path = (page.parent / ref.decode()).resolve()
        if path.is_file():
            data = path.read_bytes()
            total += len(data)
            total_gz += gz(data)
            assets.append(path)
            if path.suffix == ".css":
                for font in re.findall(rb'url\("?([^")]+\.woff2)', data):
                    fpath = (path.parent / font.decode()).resolve()
                    if fpath.is_file() and b"dir=\"rtl\"" in html:
                        total += fpath.stat().st_size
                        total_gz += fpath.stat().st_size  # already compressed
    return {"bytes": total, "gzip": total_gz, "assets": len(assets)}


def measure(site: Path) -> dict:
    out = {}
    for lang, root in (("fr", site), ("ar", site / "ar")):
        pages = [p for p in root.rglob("*.html") if lang == "ar" or "ar" not in p.relative_to(site).parts[:1]]
        sizes = [p.stat().st_size for p in pages]
        gzs = [gz(p.read_bytes()) for p in pages]
        index = root / "search" / "search_index.json"
        out[lang] = {
            "pages": len(pages),
            "html_bytes": {"median": statistics.median(sizes), "p95": pct(sizes, 0.95), "max": max(sizes)},
            "html_gzip": {"median": statistics.median(gzs), "p95": pct(gzs, 0.95), "max": max(gzs)},
            "largest_page": str(max(pages, key=lambda p: p.stat().st_size).relative_to(site)),
            "search_index": {"bytes": index.stat().st_size, "gzip": gz(index.read_bytes())},
            "first_visit_home": first_visit(site, root / "index.html"),
        }
    return out


def pdf_numbers(content: str | None) -> dict:
    """Typeset both PDFs once (as make pdf does) into a temporary folder."""
    if content:
        os.environ["SNIA_CONTENT"] = content
    from pypdf import PdfReader

    from snia import pdf
    from snia.pages import content_for

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        made = pdf.build(ROOT, Path(tmp), content_for(ROOT), log=lambda *a: None)
        seconds = time.perf_counter() - start
        return {"pdf_seconds": round(seconds, 2),
                "pdf": {lang: {"bytes": path.stat().st_size, "pages": len(PdfReader(str(path)).pages)}
                        for lang, path in made.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--content", help="content tree to build (default: content/)")
    parser.add_argument("--json", help="also write the numbers to this file")
    parser.add_argument("--no-pdf", action="store_true", help="skip typesetting the PDFs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = [build(site, args.content) for _ in range(args.runs)]
        result = {"build_seconds": {"median": round(statistics.median(times), 2),
                                    "runs": [round(t, 2) for t in times]},
                  **measure(site)}
    if not args.no_pdf:
        result.update(pdf_numbers(args.content))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
