"""Scaling benchmark: the site at ×1, ×10 and ×100 today's content, beside
plain Material on the same pages as plain Markdown, with its budgets.

    python scripts/bench.py [--scales 1 10 100] [--pdf-max-scale 10]
                            [--serve-scales 1] [--json build/bench/results.json]

For each scale, ``snia.synth`` writes synthetic content (the real content's
shapes, ``scale`` times), then:

* the real pipeline builds both languages (``mkdocs build --strict``, the
  French build builds the Arabic one): time, time per page, peak memory
  (max resident set of the build process);
* the baseline (scripts/bench_baseline.py: the same pages as plain
  Markdown, same navigation and theme features, no macros, hooks, templates,
  CSS or fonts) builds both languages the same way;
* up to ``--repeat-max-scale`` (×1), each is built ``--repeat`` times (3),
  site and baseline in turns, and the median build is the one reported, with
  every run's time; then the site once more with nothing compiled kept from
  the installation or an earlier build (``SNIA_BUILD_CACHE=""``, see
  snia.jinjacache): what a build costs with nothing kept, as outside a
  virtual environment (``make venv`` compiles them at installation);
* page weight: HTML per page (median, 95th percentile) of every page and of
  the entity pages (programmes, partners, projects), the search index of each
  language (raw and gzip);
* what a reader downloads (the site served gzip-compressed with cache
  headers, scripts/serve_gzip.py, read by Chromium at 375 px): the first visit
  to the home page of each language (every byte the server sent until the
  network is idle: HTML, CSS, JS, fonts, images, search index), then the next
  page (programme 9) in the same browser;
* ``make pdf``'s time (both PDFs), their sizes and pages, up to ``--pdf-max-scale``;
* ``make serve``: from a one-line YAML edit (a partner's name) to the new
  name shown by the open browser tab (live reload), at ``--serve-scales``.

Then the budgets, each printed PASS or FAIL (a missing measure: n/a). The
results are written after each scale (``--json``), so a long ×100 run that
is stopped keeps what finished. Timings need a quiet machine.
"""

from __future__ import annotations

import argparse
import gzip
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_baseline import write_baseline  # noqa: E402
from serve_gzip import Handler, serve  # noqa: E402

from snia import i18n, jinjacache  # noqa: E402
from snia.kinds import KINDS  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
KB = 1000
BUDGETS = {"first_fr": 200 * KB, "first_ar": 250 * KB, "next": 40 * KB, "reload": 2.0,
           "vs_baseline": 1.25, "per_page_growth": 1.2, "entity_html_growth": 1.1}
ENTITY_DIRS = {k.section(lang) for k in KINDS.values() for lang in i18n.LANGS}


def env_for(content: Path | None) -> dict:
    """A build's environment: ``content`` as the content tree (None: the
    repository's own), no public address, fixed hash seed."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    env.pop("SNIA_SITE_URL", None)
    env.pop("SNIA_CONTENT", None)
    if content is not None:
        env["SNIA_CONTENT"] = str(content)
    return env


#: CPU seconds (user + system) of the last :func:`timed` command: on a shared
#: machine the wall time of a build depends on the other load, its CPU time
#: much less, so the table shows both (the budgets judge the wall time).
last_cpu = {"seconds": 0.0}


def _cpu(usage) -> float:
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path, env: dict, log: Path,
          timeout: float | None = None) -> tuple[float, int, bool]:
    """Run ``cmd``: its wall time (s), peak resident memory (bytes), and
    whether it finished (False: stopped after ``timeout`` seconds); its CPU
    time in :data:`last_cpu`."""
    with open(log, "ab") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=out, start_new_session=True)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                _pid, status, usage = os.wait4(proc.pid, 0)
                last_cpu["seconds"] = _cpu(usage)
                return time.perf_counter() - start, usage.ru_maxrss * 1024, False
            time.sleep(0.05)
        seconds = time.perf_counter() - start
    last_cpu["seconds"] = _cpu(usage)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}), see {log}")
    return seconds, usage.ru_maxrss * 1024, True


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def html_pages(site: Path, lang: str) -> list[Path]:
    root = site if lang == "fr" else site / "ar"
    return [p for p in root.rglob("*.html")
            if lang == "ar" or p.relative_to(site).parts[0] != "ar"]


def is_entity(page: Path, root: Path) -> bool:
    parts = page.relative_to(root).parts
    return len(parts) == 3 and parts[0] in ENTITY_DIRS and parts[2] == "index.html"


def weights(site: Path) -> dict:
    out = {}
    for lang in ("fr", "ar"):
        root = site if lang == "fr" else site / "ar"
        pages = html_pages(site, lang)
        sizes = [p.stat().st_size for p in pages]
        entity = [p.stat().st_size for p in pages if is_entity(p, root)]
        index = root / "search" / "search_index.json"
        data = index.read_bytes() if index.is_file() else b""
        out[lang] = {
            "pages": len(pages),
            "html_median": statistics.median(sizes), "html_p95": pct(sizes, 0.95),
            "entity_pages": len(entity),
            "entity_html_median": statistics.median(entity) if entity else None,
            "entity_html_p95": pct(entity, 0.95) if entity else None,
            "search_index": len(data), "search_index_gzip": gz(data),
        }
    return out


def visits(site: Path) -> dict:
    """Bytes the server sends: first visit to each home page, then programme 9."""
    from playwright.sync_api import sync_playwright

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            for lang, prefix in (("fr", ""), ("ar", "ar/")):
                context = browser.new_context(viewport={"width": 375, "height": 812})
                page = context.new_page()
                Handler.sent.clear()
                page.goto(base + prefix, wait_until="networkidle")
                first = sum(n for _p, n in Handler.sent)
                first_files = len(Handler.sent)
                Handler.sent.clear()
                page.goto(base + prefix + "programmes/09/", wait_until="networkidle")
                nxt = sum(n for _p, n in Handler.sent)
                out[lang] = {"first_visit_home": first, "first_visit_requests": first_files,
                             "next_page": nxt, "next_page_requests": len(Handler.sent)}
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def pdf_numbers(content: Path, log: Path) -> dict:
    """``make pdf``'s typesetting (both languages) into a temporary folder:
    its time, and each PDF's size and page count."""
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        code = ("import sys; from pathlib import Path; from snia import pdf; "
                "from snia.pages import content_for; R=Path(sys.argv[1]); "
                "pdf.build(R, Path(sys.argv[2]), content_for(R), log=lambda *a: None)")
        seconds, _mem, _done = timed([sys.executable, "-c", code, str(ROOT), tmp], ROOT,
                                     env_for(content), log)
        made = {p.name: {"bytes": p.stat().st_size, "pages": len(PdfReader(str(p)).pages)}
                for p in sorted(Path(tmp).rglob("*.pdf"))}
    return {"pdf_seconds": round(seconds, 2), "pdf": made}


def serve_reload(content: Path, work: Path, log: Path) -> float:
    """``make serve`` on a copy of ``content``: seconds from a one-line YAML
    edit to the new text in the open page."""
    from playwright.sync_api import sync_playwright

    tree = work / "serve-content"
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(content, tree)
    partner = tree / "partners" / "oim.yml"
    port = 8700 + os.getpid() % 200
    env = env_for(tree)
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr",
                                 f"127.0.0.1:{port}", "-w", str(tree)],
                                cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True)
    url = f"http://127.0.0.1:{port}/partenaires/oim/"
    try:
        deadline = time.monotonic() + 900
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"bench: mkdocs serve did not start, see {log}")
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(url, wait_until="load")
            time.sleep(2)  # let the live-reload client connect (not a test: a benchmark)
            lines = partner.read_text(encoding="utf-8").splitlines(keepends=True)
            i = next(n for n, line in enumerate(lines) if line.startswith("  fr: "))
            lines[i] = "  fr: Marque de rechargement 4711\n"
            start = time.perf_counter()
            partner.write_text("".join(lines), encoding="utf-8")
            page.wait_for_function(
                "() => (document.querySelector('h1') || {}).textContent?.includes('4711')",
                timeout=600_000, polling=50)
            seconds = time.perf_counter() - start
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return seconds


def _median(runs: list[tuple]) -> tuple:
    """The run of median wall time (its first field), whole."""
    ordered = sorted(runs, key=lambda r: r[0])
    return ordered[(len(ordered) - 1) // 2]


def build_baseline(configs: dict, bsite: Path, args, log: Path) -> tuple[float, float, int, bool]:
    """Plain Material builds both languages, one after the other: (wall
    seconds, CPU seconds, peak memory, finished). Its navigation grows with
    the square of the pages: past --baseline-timeout seconds it is stopped
    and reported as "more than"."""
    total, peak, finished, cpu = 0.0, 0, True, 0.0
    for lang, cfg in configs.items():
        dest = bsite if lang == "fr" else bsite / "ar"
        left = None if args.baseline_timeout is None else max(1.0, args.baseline_timeout - total)
        s, m, done = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(dest)],
                           cfg.parent, env_for(None), log, timeout=left)
        total, peak, cpu = total + s, max(peak, m), cpu + last_cpu["seconds"]
        if not done:
            finished = False
            break
    return total, cpu, peak, finished


def bench_scale(scale: int, work: Path, args) -> dict:
    from snia.loader import load_content
    from snia.synth import generate

    log = work / f"x{scale}.log"
    content = generate(ROOT / "content", work / f"content-x{scale}", scale)
    result: dict = {"scale": scale}
    # the real pipeline and the baseline, in turns: at small scales each is
    # built --repeat times (one build of 2 s moves by a tenth with the
    # machine's load) and the median build is reported, with every run
    site = work / f"site-x{scale}"
    base = work / f"baseline-x{scale}"
    shutil.rmtree(base, ignore_errors=True)
    configs = write_baseline(load_content(content), base)
    bsite = work / f"baseline-site-x{scale}"
    runs = args.repeat if scale <= args.repeat_max_scale else 1
    site_runs, base_runs = [], []
    for _ in range(runs):
        seconds, memory, _done = timed(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
            ROOT, env_for(content), log)
        site_runs.append((seconds, last_cpu["seconds"], memory, round(os.getloadavg()[0], 2)))
        base_runs.append(build_baseline(configs, bsite, args, log))
        if not base_runs[-1][3]:
            break  # the baseline ran out of time: no second try
    seconds, cpu, memory, load = _median(site_runs)
    w = weights(site)
    pages = w["fr"]["pages"] + w["ar"]["pages"]
    result["site"] = {"build_seconds": round(seconds, 2), "build_cpu_seconds": round(cpu, 2),
                      "load_average": load, "pages": pages, "runs": [round(r[0], 2) for r in site_runs],
                      "seconds_per_page": seconds / pages, "peak_memory": memory, **w}
    print(f"bench ×{scale}: site {seconds:.1f} s (median of {len(site_runs)}), {pages} pages", file=sys.stderr)
    if scale <= args.repeat_max_scale:
        # the same build with nothing compiled kept from an earlier build or
        # the installation (snia.jinjacache), as outside a virtual environment
        cold_env = dict(env_for(content), **{jinjacache.ENV_VAR: ""})
        cold, _m, _d = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                             ROOT, cold_env, log)
        result["site"]["cold_build_seconds"] = round(cold, 2)
    if not args.no_browser:
        result["site"]["visits"] = visits(site)
    total, cpu, peak, finished = _median([(r[0], r[1], r[2], r[3]) for r in base_runs])
    if finished:
        bw = weights(bsite)
        bpages = bw["fr"]["pages"] + bw["ar"]["pages"]
    else:
        bw, bpages = {}, result["site"]["pages"]
    result["baseline"] = {"build_seconds": round(total, 2), "build_cpu_seconds": round(cpu, 2),
                          "finished": finished, "pages": bpages, "runs": [round(r[0], 2) for r in base_runs],
                          "seconds_per_page": total / bpages, "peak_memory": peak, **bw}
    print(f"bench ×{scale}: baseline {'' if finished else 'stopped after '}{total:.1f} s, "
          f"{bpages} pages", file=sys.stderr)
    if scale <= args.pdf_max_scale:
        result.update(pdf_numbers(content, log))
    if scale in args.serve_scales:
        result["serve_reload_seconds"] = round(serve_reload(content, work, log), 2)
        result["serve_load_average"] = round(os.getloadavg()[0], 2)
    if not args.keep:
        for folder in (site, bsite, base):
            shutil.rmtree(folder, ignore_errors=True)
    return result


# --------------------------------------------------------------------------
# Report


def budgets(results: dict[int, dict]) -> list[tuple[str, str, str]]:
    """(budget, measured, verdict) lines."""
    out = []

    def verdict(ok):
        return "n/a" if ok is None else ("PASS" if ok else "FAIL")

    for scale, r in sorted(results.items()):
        ratio = r["site"]["build_seconds"] / r["baseline"]["build_seconds"]
        more = "" if r["baseline"].get("finished", True) else "> "
        # a stopped baseline took at least its time: the ratio is at most this
        cpu = ""
        if r["site"].get("build_cpu_seconds") and r["baseline"].get("build_cpu_seconds") and not more:
            cpu = (f" (CPU {r['site']['build_cpu_seconds']:.2f} s / {r['baseline']['build_cpu_seconds']:.2f} s "
                   f"= {r['site']['build_cpu_seconds'] / r['baseline']['build_cpu_seconds']:.2f})")
        out.append((f"×{scale} build ≤ {BUDGETS['vs_baseline']} × baseline",
                    f"{r['site']['build_seconds']:.2f} s / {more}{r['baseline']['build_seconds']:.2f} s "
                    f"= {'< ' if more else ''}{ratio:.2f}{cpu}", verdict(ratio <= BUDGETS["vs_baseline"])))
    if 10 in results and 100 in results:
        a, b = results[10]["site"]["seconds_per_page"], results[100]["site"]["seconds_per_page"]
        out.append(("time/page ×100 ≤ 1.2 × ×10", f"{b * 1000:.1f} ms / {a * 1000:.1f} ms = {b / a:.2f}",
                    verdict(b / a <= BUDGETS["per_page_growth"])))
    else:
        out.append(("time/page ×100 ≤ 1.2 × ×10", "needs ×10 and ×100", "n/a"))
    if 1 in results and 100 in results:
        for lang in ("fr", "ar"):
            a = results[1]["site"][lang]["entity_html_median"]
            b = results[100]["site"][lang]["entity_html_median"]
            out.append((f"entity-page HTML median ×100 ≤ 1.1 × ×1 ({lang})",
                        f"{b / KB:.1f} KB / {a / KB:.1f} KB = {b / a:.2f}",
                        verdict(b / a <= BUDGETS["entity_html_growth"])))
    else:
        out.append(("entity-page HTML median ×100 ≤ 1.1 × ×1", "needs ×1 and ×100", "n/a"))
    for scale, r in sorted(results.items()):
        v = r["site"].get("visits")
        if not v:
            continue
        for lang in ("fr", "ar"):
            limit = BUDGETS[f"first_{lang}"]
            out.append((f"×{scale} first visit home {lang} ≤ {limit // KB} KB gz",
                        f"{v[lang]['first_visit_home'] / KB:.1f} KB",
                        verdict(v[lang]["first_visit_home"] <= limit)))
            out.append((f"×{scale} next page {lang} ≤ 40 KB gz", f"{v[lang]['next_page'] / KB:.1f} KB",
                        verdict(v[lang]["next_page"] <= BUDGETS["next"])))
    if 1 in results and "serve_reload_seconds" in results[1]:
        s = results[1]["serve_reload_seconds"]
        out.append(("make serve reload ≤ 2 s at ×1", f"{s:.2f} s", verdict(s <= BUDGETS["reload"])))
    else:
        out.append(("make serve reload ≤ 2 s at ×1", "not measured", "n/a"))
    return out


def table(results: dict[int, dict]) -> str:
    scales = sorted(results)
    head = "| measure | " + " | ".join(f"×{s} site | ×{s} baseline" for s in scales) + " |"
    rows = [head, "|---|" + "---|---|" * len(scales)]

    def row(label, get, fmt):
        cells = []
        for s in scales:
            for side in ("site", "baseline"):
                try:
                    value = get(results[s], side)
                except (KeyError, TypeError):
                    value = None
                cells.append("" if value is None else fmt(value))
        rows.append(f"| {label} | " + " | ".join(cells) + " |")

    row("pages (fr+ar)", lambda r, s: r[s]["pages"], str)
    row("build, both languages (s; median at small scales)",
        lambda r, s: ("" if r[s].get("finished", True) else "> ") + f"{r[s]['build_seconds']:.2f}", str)
    row("build runs, in turns (s)", lambda r, s: " / ".join(f"{v:.2f}" for v in r[s]["runs"])
        if len(r[s].get("runs", [])) > 1 else None, str)
    row("build, nothing compiled kept (s)", lambda r, s: r[s].get("cold_build_seconds"), lambda v: f"{v:.2f}")
    row("build CPU, user + system (s)", lambda r, s: r[s].get("build_cpu_seconds"), lambda v: f"{v:.2f}")
    row("load average at the build", lambda r, s: r[s].get("load_average") if s == "site" else None,
        lambda v: f"{v:.2f}")
    row("time per page (ms)", lambda r, s: r[s]["seconds_per_page"] * 1000, lambda v: f"{v:.1f}")
    row("peak memory (MB)", lambda r, s: r[s]["peak_memory"] / 1e6, lambda v: f"{v:.0f}")
    for lang in ("fr", "ar"):
        row(f"HTML/page median {lang} (KB)", lambda r, s, l=lang: r[s][l]["html_median"] / KB, lambda v: f"{v:.1f}")
        row(f"HTML/page p95 {lang} (KB)", lambda r, s, l=lang: r[s][l]["html_p95"] / KB, lambda v: f"{v:.1f}")
        row(f"entity page median {lang} (KB)", lambda r, s, l=lang: r[s][l]["entity_html_median"] / KB,
            lambda v: f"{v:.1f}")
        row(f"search index {lang} raw (KB)", lambda r, s, l=lang: r[s][l]["search_index"] / KB, lambda v: f"{v:.0f}")
        row(f"search index {lang} gzip (KB)", lambda r, s, l=lang: r[s][l]["search_index_gzip"] / KB,
            lambda v: f"{v:.0f}")
        row(f"first visit home {lang} gz (KB)",
            lambda r, s, l=lang: r[s]["visits"][l]["first_visit_home"] / KB, lambda v: f"{v:.1f}")
        row(f"next page (prog. 9) {lang} gz (KB)",
            lambda r, s, l=lang: r[s]["visits"][l]["next_page"] / KB, lambda v: f"{v:.1f}")
    row("make pdf (s)", lambda r, s: r["pdf_seconds"] if s == "site" else None, lambda v: f"{v:.1f}")
    row("PDF pages (fr + ar)", lambda r, s: sum(p["pages"] for p in r["pdf"].values()) if s == "site" else None,
        str)
    row("PDF size (MB, fr + ar)", lambda r, s: sum(p["bytes"] for p in r["pdf"].values()) / 1e6
        if s == "site" else None, lambda v: f"{v:.1f}")
    row("make serve reload (s)", lambda r, s: r["serve_reload_seconds"] if s == "site" else None,
        lambda v: f"{v:.2f}")
    row("load average at the reload", lambda r, s: r.get("serve_load_average") if s == "site" else None,
        lambda v: f"{v:.2f}")
    return "\n".join(rows)


def report(results: dict[int, dict]) -> str:
    lines = [table(results), "", "| budget | measured | verdict |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in budgets(results)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--pdf-max-scale", type=int, default=10,
                        help="typeset the PDFs up to this scale (0: never)")
    parser.add_argument("--serve-scales", type=int, nargs="*", default=[1],
                        help="scales at which to time make serve's reload")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-visit weights")
    parser.add_argument("--repeat", type=int, default=3,
                        help="builds of the site and of the baseline, in turns, at small scales (median kept)")
    parser.add_argument("--repeat-max-scale", type=int, default=1,
                        help="repeat the builds up to this scale (1)")
    parser.add_argument("--baseline-timeout", type=float, default=600,
                        help="stop the baseline's build after this many seconds, reported as more "
                        "than that (600; plain Material at ×100 takes far longer)")
    parser.add_argument("--json", default="build/bench/results.json")
    parser.add_argument("--report", action="store_true", help="print the table of --json and stop")
    parser.add_argument("--work", help="working folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the built sites in --work")
    args = parser.parse_args(argv)
    path = ROOT / args.json
    results: dict[int, dict] = {}
    if path.is_file():
        results = {int(k): v for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    if args.report:
        print(report(results))
        return 0
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="snia-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for scale in args.scales:
            results[scale] = bench_scale(scale, work, args)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({str(k): v for k, v in sorted(results.items())}, indent=2) + "\n",
                            encoding="utf-8")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    # the table and budgets of every scale in --json (a ×100 run can complete an earlier ×1, ×10 one)
    print(report(results))
    fails = [b for b in budgets(results) if b[2] == "FAIL"]
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
