"""Mutation run: plausible regressions, each shown to fail the tests.

Each mutation is a small textual patch of one source file (the exact text it
replaces must be found there, once). The repository is copied once into a
temporary folder (the files git knows, committed or not); for each mutation
the patch is applied to the copy, the test files named for it run there
(``pytest -x``, the copy's ``src/`` first on the path), and the file is put
back. A mutation is *killed* when its tests fail. The table says which test
failed first; the run exits 1 if any mutation survived or no longer applies
(STALE: the code it patches moved; update the mutation), 2 if the tests fail
unmutated.

    make mutations                   # every mutation
    .venv/bin/python scripts/mutations.py autoescape-off x-default-dropped
    .venv/bin/python scripts/mutations.py --list

Run it once when the tests or the code they guard change; it takes a few
minutes (several mutations build the site).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]
    why: str
    count: int = 1  # how many times ``old`` occurs (all are replaced)


M = Mutation
MUTATIONS = [
    # -- the regressions issue 11 found undetected -------------------------
    M("autoescape-off", "src/snia/render.py",
      "autoescape=select_autoescape(default=True, default_for_string=True),", "autoescape=False,",
      ("tests/test_hostile_fields.py",),
      "Jinja autoescape turned off: a <script> in a glossary term or an acronym reaches the page"),
    M("arabic-loses-a-recommendation", "src/snia/templates/_macros.html",
      "{% for r in rs.items %}", "{% for r in (rs.items if lang == 'fr' else rs.items[:-1]) %}",
      ("tests/test_parity.py",),
      "the Arabic site silently loses the last recommendation of each set"),
    M("arabic-figures-french-locale", "src/snia/render.py",
      "            value = i18n.number(fig.value, self.lang)",
      "            value = i18n.number(fig.value, \"fr\")",
      ("tests/test_snapshots.py",), "Arabic figures formatted with the French locale"),
    M("percent-without-sign", "src/snia/i18n.py",
      "    return format_percent(value / 100, locale=LOCALES[lang]",
      "    return format_decimal(value, locale=LOCALES[lang]",
      ("tests/test_snapshots.py",), "percentages shown without « % »"),
    M("percent-rounded", "src/snia/i18n.py", ", decimal_quantization=False)", ")",
      ("tests/test_snapshots.py",), "i18n: 42.5 % shown « 42 % », a figure the report does not give"),
    M("data-20410-to-20401", "content/programmes/09.yml", "20410", "20401",
      ("tests/test_seed.py",),
      "every 20410 of the data changed to 20401 (a YAML comment still says « 20 410 »)", count=3),
    M("unknown-partner-in-activity", "src/snia/loader.py",
      '                need("partner", partners, p, ("activities", i, "partners", j), ref)',
      "                pass",
      ("tests/test_cross_checks.py", "tests/test_commands.py"),
      "an unknown partner in an activity passes the check"),
    M("unknown-partner-in-event", "src/snia/loader.py",
      '                need("partner", partners, p, ("events", i, "partners", j), ref)',
      "                pass",
      ("tests/test_cross_checks.py", "tests/test_commands.py"),
      "an unknown partner in an event passes the check"),
    M("unknown-partner-in-glossary", "src/snia/loader.py",
      '            need("partner", partners, gpath, ("entries", i, "partner"), entry.partner)',
      "            pass",
      ("tests/test_cross_checks.py", "tests/test_commands.py"),
      "an unknown partner in the glossary passes the check"),
    M("translations-check-exit-0", "src/snia/cli.py",
      "    return 1 if problems or style else 0", "    return 1 if style else 0",
      ("tests/test_commands.py",),
      "`snia translations check` exits 0 on problems (numbers, glossary terms)"),
    M("stale-page-not-detected", "src/snia/translation.py",
      '        if self.meta.get("fr_hash") != text_hash(self.fr_text):',
      '        if self.meta.get("fr_hash") is None:',
      ("tests/test_commands.py",), "a narrative page whose French changed is not seen as stale"),
    M("x-default-dropped", "overrides/main.html",
      '  <link rel="alternate" hreflang="x-default" href="{{ fr_root }}/{{ here }}">\n', "",
      ("tests/test_reading_site.py",), "the x-default hreflang alternate dropped"),
    # -- others: model, loader, i18n, render, templates, hooks, search ------
    M("negative-figures-accepted", "src/snia/model.py",
      'value: int | float = Field(ge=0, description="Le nombre, en chiffres',
      'value: int | float = Field(description="Le nombre, en chiffres',
      ("tests/test_loader.py",), "model: a negative figure is accepted"),
    M("impossible-date-accepted", "src/snia/model.py", "        if day > last:", "        if False:",
      ("tests/test_loader.py",), "model: 2018-02-30 accepted as a date"),
    M("duplicate-key-last-wins", "src/snia/yamlsafe.py",
      "            if key in out:\n                first =", "            if False:\n                first =",
      ("tests/test_loader.py",), "YAML reader: a duplicate key silently replaces the first"),
    M("bidi-controls-accepted", "src/snia/textcheck.py",
      "    for ch in sorted({c for c in value if c in BIDI}):",
      "    for ch in sorted({c for c in value if c in BIDI and False}):",
      ("tests/test_loader.py",), "text check: invisible bidi controls (U+202E) accepted"),
    M("total-smaller-than-value", "src/snia/loader.py",
      "if fig.of is not None and fig.of < fig.value:", "if fig.of is not None and fig.of < 0:",
      ("tests/test_cross_checks.py",), "loader: a figure larger than its total passes"),
    M("project-parent-unchecked", "src/snia/loader.py",
      '            need("project", projects, p, ("parent",), d.parent)', "            pass",
      ("tests/test_cross_checks.py",), "loader: a project's unknown parent passes the check"),
    M("arabic-locale-egypt", "src/snia/i18n.py",
      'LOCALES = {"fr": "fr_MA", "ar": "ar_MA"}', 'LOCALES = {"fr": "fr_MA", "ar": "ar_EG"}',
      ("tests/test_snapshots.py",), "i18n: Arabic in Egypt's conventions (Arabic-Indic digits, months)"),
    M("date-range-repeats-month", "src/snia/i18n.py",
      "    if sd is not None and ed is not None and (sy, sm) == (ey, em):",
      "    if False:", ("tests/test_snapshots.py",),
      "i18n: « 16–18 avril 2018 » written « 16 avril 2018 – 18 avril 2018 »"),
    M("arabic-article-sorted", "src/snia/i18n.py",
      '    if lang == "ar" and folded.startswith("ال") and len(folded) > 3:',
      "    if False:", ("tests/test_snapshots.py", "tests/test_i18n.py"),
      "i18n: Arabic terms sorted under their article ال"),
    M("latin-runs-not-isolated", "src/snia/render.py",
      "        return isolate(s) if self.lang == \"ar\" else escape(s)",
      "        return escape(s)", ("tests/test_snapshots.py",),
      "render: numbers and codes inside Arabic text not isolated (<bdi>): punctuation jumps"),
    M("fallback-not-marked-french", "src/snia/templates/_inline.html",
      '<span lang="fr" dir="ltr" class="snia-fallback">', "<span>",
      ("tests/test_snapshots.py",), "render: untranslated French on an Arabic page not marked lang=fr"),
    M("draft-not-noticed", "src/snia/render.py",
      '        if value.ar_status != "reviewed":\n            self.state.drafts += 1',
      '        if value.ar_status != "reviewed":\n            pass',
      ("tests/test_snapshots.py",), "render: a draft translation shown without the draft notice"),
    M("objective-anchor-dropped", "src/snia/templates/programme.html",
      '<li id="{{ objective_slug(o.code) }}">', "<li>",
      ("tests/test_snapshots.py", "tests/test_parity.py"),
      "template: objectives lose their anchors (links to #osp-17 break)"),
    M("unknown-currency-unsaid", "src/snia/render.py",
      "        if amount.currency is None:", "        if False:", ("tests/test_snapshots.py",),
      "render: an amount whose currency the report does not give shown as if complete"),
    M("hook-title-unescaped", "hooks/snia_site.py",
      '        page.meta["title"] = str(escape(entity.title[_lang(config)]))',
      '        page.meta["title"] = entity.title[_lang(config)]',
      ("tests/test_hostile_fields.py",),
      "hook: an entity's title reaches <title> and the navigation unescaped"),
    M("hook-no-rtl-on-html", "hooks/snia_site.py",
      '    direction = "rtl" if lang == "ar" else "ltr"', '    direction = "ltr"',
      ("tests/test_site.py",), "hook: the Arabic pages lose dir=\"rtl\" on <html>"),
    M("search-ta-marbuta-python", "src/snia/textnorm.py",
      '.replace("ة", "ه")', "", ("tests/test_fold_table.py",),
      "search: the Python twin stops folding ة (checks and search disagree)"),
    M("search-alef-wasla-js", "overrides/assets/javascripts/lunr/min/snia.js",
      ".replace(/[\\u0623\\u0625\\u0671]/g, \"\\u0627\")", ".replace(/[\\u0623\\u0625]/g, \"\\u0627\")",
      ("tests/test_fold_table.py",), "search: the JavaScript twin stops folding ٱ"),
    M("check-exit-0-on-errors", "src/snia/cli.py",
      "    if errors:\n        print(f\"{len(errors)} problème(s) ; rien n'a été construit.\", file=sys.stderr)\n        return 1",
      "    if errors:\n        print(f\"{len(errors)} problème(s) ; rien n'a été construit.\", file=sys.stderr)\n        return 0",
      ("tests/test_commands.py",), "`snia check` exits 0 on problems"),
    M("glossary-french-term-unescaped", "src/snia/templates/glossary.html",
      "{{ e.term.fr }}", "{{ e.term.fr | safe }}", ("tests/test_hostile_fields.py",),
      "template: a glossary term's French written unescaped on the Arabic glossary"),
    M("arabic-page-loses-a-list-entry", "docs/ar/index.md",
      "- [الشركاء حسب الفئة](partenaires/index.md)\n", "", ("tests/test_parity.py",),
      "narrative page: the Arabic home loses one entry of its list"),
    M("hook-no-arabic-partner-pages", "hooks/snia_site.py",
      "generated = pages.entity_pages(content, _lang(config))",
      "generated = [p for p in pages.entity_pages(content, _lang(config)) "
      "if _lang(config) == 'fr' or p.kind != 'partner']", ("tests/test_parity.py",),
      "hook: the Arabic site is built without its partner pages"),
    M("text-get-french-only", "src/snia/model.py",
      '        return self.fr if lang == "fr" else self.ar', "        return self.fr",
      ("tests/test_snapshots.py",), "model: a text's Arabic never asked for (Arabic titles in French)"),
    M("content-read-in-reverse", "src/snia/loader.py",
      'for path in sorted(folder.glob("*")) if folder.is_dir() else []:',
      'for path in sorted(folder.glob("*"), reverse=True) if folder.is_dir() else []:',
      ("tests/test_snapshots.py",),
      "loader: files read in another order (lists that relied on it, such as the partners index, reorder)"),
    M("events-in-id-order", "src/snia/i18n.py",
      "key=lambda x: sort_key(event(x).date)", "key=lambda x: event(x).id",
      ("tests/test_snapshots.py",), "i18n: events listed by id, not in date order"),
    M("status-strict-exit-0", "src/snia/cli.py",
      "    if args.strict and st.failing:", "    if False:", ("tests/test_commands.py",),
      "`snia translations status --strict` exits 0 on missing or stale Arabic"),
    # -- found while integrating issues 11 and 15 -----------------------------
    M("draft-mark-before-title", "hooks/snia_site.py",
      'markdown = markdown + "\\n\\n" + pagemeta.mark(missing=False, draft=True) + "\\n"',
      'markdown = pagemeta.mark(missing=False, draft=True) + "\\n\\n" + markdown',
      ("tests/test_reading_site.py",),
      "hook: the draft mark before an Arabic page's # title (MkDocs then titles it \"Index\")"),
    M("scripts-block-the-page", "overrides/main.html",
      "{{ super() | replace('<script src=', '<script defer src=') }}", "{{ super() }}",
      ("tests/test_reading_site.py",),
      "theme: Material's bundle no longer deferred (a long page's first layout waits in a script's task)"),
    M("full-report-latin-acronym", "src/snia/templates/full_report.html",
      '<th scope="row">{{ partner_title(pid) }}</th>',
      '<th scope="row">{{ p.data.name | t }}{% if p.data.acronym %} ({{ p.data.acronym | bidi }}){% endif %}</th>',
      ("tests/test_fullreport.py",),
      "template: the full report names partners by their Latin acronym in Arabic (STYLE.ar.md rule 1)"),
    # -- issue 15, session 3: work kept between builds and languages -----------
    M("kept-template-for-any-source", "src/snia/jinjacache.py",
      "code = self._code.get((bucket.key, bucket.checksum))",
      "code = next((c for (k, _s), c in self._code.items() if k == bucket.key), None)",
      ("tests/test_build_reuse.py",),
      "compiled templates: the code kept for a template serves it after it was edited"),
    M("footer-kept-whatever-its-links", "src/snia/pages.py",
      "                and all(getattr(links, how)(*args) == answer for how, args, answer in asked)):",
      "                ):",
      ("tests/test_build_reuse.py",),
      "footer: the first page's footer reused on every page, its relative links wrong elsewhere"),
    M("collation-part-never-completed", "src/snia/collation.py",
      "        if not self._whole and not all(in_scripts(cp) for cp in new):",
      "        if False:",
      ("tests/test_build_reuse.py",),
      "collation: a character outside Latin and Arabic sorted by implicit weights (the kept part lacks it)"),
    M("theme-listing-kept-across-builds", "hooks/snia_site.py",
      '    if not _state.pop("same_build", False):\n        jinjacache.forget_listings()',
      '    _state.pop("same_build", False)',
      ("tests/test_build_reuse.py",),
      "hook: the theme's listing kept from one build to the next (make serve misses a new theme file)"),
    M("hidden-paths-dropped-for-any-filter", "hooks/snia_site.py",
      'lambda f: getattr(f, "__qualname__", "") == THEME_FILES_FILTER)',
      "lambda f: True)",
      ("tests/test_build_reuse.py",),
      "hook: hidden theme paths left out before any filter, not only MkDocs' which refuses them"),
    M("text-check-misses-bidi", "src/snia/textcheck.py",
      'sorted(BIDI | MARKS | ZERO_WIDTH | {ZWNJ})',
      'sorted(MARKS | ZERO_WIDTH | {ZWNJ})',
      ("tests/test_build_reuse.py",),
      "text checks: a bidirectional control in an otherwise clean text passes the quick test unread"),
    M("narrative-page-checked-once-ever", "src/snia/narrative.py",
      "        if kept is None or kept[0] != stamp:",
      "        if kept is None:",
      ("tests/test_narrative.py",),
      "narrative pages: an edited page keeps the verdict of its first check"),
    M("outline-reads-heading-in-raw-text", "src/snia/pagemeta.py",
      '_UNSURE = re.compile(r"<(script|style|textarea|title|xmp|iframe|noembed|noframes)\\b[^>]*>"',
      '_UNSURE = re.compile(r"<(xmp|iframe|noembed|noframes)\\b[^>]*>"',
      ("tests/test_build_reuse.py",),
      "outline: a heading tag in a script or style counted as a heading of the page"),
]


def copy_repository(dest: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    for name in ("node_modules",):  # Node test tools, as installed (make node)
        if (ROOT / name).is_dir():
            (dest / name).symlink_to(ROOT / name)


def run_tests(copy: Path, tests: tuple[str, ...], timeout: int) -> tuple[int, str]:
    env = dict(os.environ, PYTHONPATH=str(copy / "src"), PYTHONHASHSEED="0", NO_MKDOCS_2_WARNING="1")
    env.pop("SNIA_CONTENT", None)
    env.pop("SNIA_SITE_URL", None)
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--tb=no", "-rf",
           "-m", "not browser", *tests]
    try:
        proc = subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return -1, "timeout"
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", proc.stdout, re.M)
    return proc.returncode, failed[0] if failed else proc.stdout.strip().splitlines()[-1:][0] if proc.stdout.strip() else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="only these mutations")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per mutation")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.names or m.name in args.names]
    if args.list:
        for m in chosen:
            print(f"{m.name:34} {m.file:48} {m.why}")
        return 0
    unknown = set(args.names) - {m.name for m in MUTATIONS}
    if unknown:
        print(f"unknown mutations: {sorted(unknown)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="snia-mutations-") as tmp:
        copy = Path(tmp) / "repo"
        copy.mkdir()
        copy_repository(copy)
        # the patches apply (one that no longer does is reported, not run)
        stale: dict[str, str] = {}
        for m in chosen:
            found = (copy / m.file).read_text(encoding="utf-8").count(m.old) if (copy / m.file).is_file() else 0
            if found != m.count:
                stale[m.name] = (f"{m.file} holds the text to replace {found} time(s), not "
                                 f"{m.count}: the code moved, update the mutation")
            missing = [t for t in m.tests if not (copy / t.split("::")[0]).is_file()]
            if missing:
                stale[m.name] = f"no test file {missing}"
        for name, why in stale.items():
            print(f"{name:34} {'STALE':9} {why}", file=sys.stderr)
        chosen_run = [m for m in chosen if m.name not in stale]
        every = tuple(sorted({t for m in chosen_run for t in m.tests}))
        start = time.monotonic()
        code, first = run_tests(copy, every, args.timeout * 2) if every else (0, "")
        print(f"unmutated: {len(every)} test files, {'pass' if code == 0 else 'FAIL ' + first} "
              f"({time.monotonic() - start:.0f} s)", flush=True)
        if code != 0:
            return 2
        rows = [(m, "STALE", stale[m.name], 0.0) for m in chosen if m.name in stale]
        for m in chosen_run:
            path = copy / m.file
            original = path.read_text(encoding="utf-8")
            path.write_text(original.replace(m.old, m.new), encoding="utf-8")
            start = time.monotonic()
            try:
                code, first = run_tests(copy, m.tests, args.timeout)
            finally:
                path.write_text(original, encoding="utf-8")
            # pytest: 1 tests failed, 2 interrupted (a collection error: also a failure
            # the mutation caused), 0 passed: survived; 4/5: a usage error, not a kill
            outcome = ("killed" if code in (1, 2) else "SURVIVED" if code == 0
                       else "timeout" if code == -1 else f"error (pytest {code})")
            rows.append((m, outcome, first, time.monotonic() - start))
            print(f"{m.name:34} {outcome:9} {first}  ({rows[-1][3]:.0f} s)", flush=True)
    print()
    print("| mutation | file | regression | outcome | killed by |")
    print("| --- | --- | --- | --- | --- |")
    for m, outcome, first, _ in rows:
        print(f"| {m.name} | {m.file} | {m.why} | {outcome} | {first if outcome in ('killed', 'STALE') else ''} |")
    survived = [m.name for m, outcome, _, _ in rows if outcome != "killed"]
    print(f"\n{len(rows) - len(survived)} of {len(rows)} mutations killed"
          + (f"; not killed: {', '.join(survived)}" if survived else ""))
    return 1 if survived else 0  # a stale patch counts: the regression it stands for is untested


if __name__ == "__main__":
    sys.exit(main())
