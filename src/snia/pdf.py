"""``make pdf``: the typeset report, one PDF per language, from the same
content and templates as the site's full-report page.

Engine: headless Chromium through Playwright (Debian's /usr/bin/chromium,
already used by the browser tests), chosen by measurement:

* Arabic: Chromium shapes and joins the text with HarfBuzz and writes a text
  layer in logical order (``pdftotext`` gives back «الاستراتيجية الوطنية
  للهجرة واللجوء», give or take spaces it inserts between glyph runs).
  WeasyPrint 70.0, measured here with the same woff2 font and a two-line
  Arabic page (3.5 s): the text layer has wrong letters («الاستراتيجية»
  extracts as «الاس ة را ة ي ج ي ة», «ضمان» as «ف ما»), so no reader could
  search or copy it; on this report's print document it stopped with an
  ``AssertionError`` in its page layout (``make_page``) after 17 s. Correct
  Arabic is not negotiable, so WeasyPrint is out.
  One measured quirk, of the extraction not of the PDF: Noto Naskh draws a
  final noon as a body plus a separate dot glyph (its ``ccmp`` feature), and
  ``pdftotext`` puts that glyph on a line of its own («المهاجري» … «ن»).
  Turning ``ccmp`` off fixed the extraction but visibly spoiled the joining
  (pages compared at 120 dpi), so the rendering keeps it and the tests
  compare Arabic text without the noon;
* accessibility: ``page.pdf(tagged=True)`` writes a tagged PDF (structure
  tree, ``/MarkInfo``, ``/Lang`` from ``<html lang>``);
* paged media: Chromium 131+ draws CSS ``@page`` margin boxes (running
  header, ``counter(page)``) and named pages (``page: sN``), which give each
  part its own running header; ``thead`` repeats on each page;
* every internal link becomes a named destination (the element's id), so
  the page of each heading is read back exactly (no text matching): the
  report is rendered twice, the second time with the table of contents'
  page numbers; the outline (bookmarks) keeps where Chromium's
  ``outline=True`` points (one per heading) but pypdf rewrites it with titles
  from the headings' text in logical order, nested by level (Chromium's own
  titles came out in visual order for mixed Arabic-Latin headings, e.g.
  «SNIA 2018قسم أ»);
* pypdf then sets what Chromium does not: the viewer preference
  ``/Direction /R2L`` for Arabic, the title and author, and fixed dates
  (``SOURCE_DATE_EPOCH``), so the same content gives the same bytes.

Measured on this project's content, 2 cores shared with other jobs: both
PDFs in 17 to 33 s (two passes each), ``make pdf`` with the site build 63 s
at a load average of 17; 43 pages, 1.16 MB (French) and 47 pages, 1.69 MB
(Arabic). ``scripts/bench.py`` reports them.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import json
import os
import sys
import time
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from . import i18n, opendata
from .model import Content
from .render import Renderer
from .fullreport import headings, render_report

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PLACEHOLDER = "000"  # as wide as any page number of the report: the TOC keeps its length
TOC_LEVELS = 3  # h2 (parts) and h3 (their sections) in the table of contents
OUTLINE_LEVELS = 4  # bookmarks down to h4


def css_string(text: str) -> str:
    """A CSS string literal for any text: every character but ASCII letters
    and digits written as a hex escape (content never closes it)."""
    # Spaces too: CSS takes a space right after a hex escape as the escape's end
    # (Arabic headers lost every space between words before this).
    return '"' + "".join(ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):06x}"
                         for ch in text) + '"'


def _plain(content: Content, text, lang: str) -> str:
    return (text.get(lang) or text.fr) if text is not None else ""


def running_headers(content: Content, lang: str, parts: list[tuple[str, str]]) -> str:
    """``@page`` rules: each part (section id, title) on its named page, the
    report's title on the outer side of the header, the part's on the other."""
    title = _plain(content, content.edition.title, lang)
    near, far = ("left", "right") if lang == "fr" else ("right", "left")
    # Arabic first for Arabic: with Noto Sans first, Chromium dropped the spaces
    # between Arabic words in margin boxes (seen in the rendered pages).
    faces = "'Noto Sans', 'Noto Naskh Arabic'" if lang == "fr" else "'Noto Naskh Arabic', 'Noto Sans'"
    box = (f"font: {'7.5pt' if lang == 'fr' else '8.5pt'} {faces}, sans-serif; color: #444; "
           f"direction: {i18n.DIRECTION[lang]}; vertical-align: bottom; padding-bottom: 3mm;")
    # Fixed widths: two long titles share the line instead of overlapping.
    rules = [f"@page {{ @top-{near} {{ content: {css_string(title)}; {box} text-align: {near}; "
             f"width: 52%; }} @top-{far} {{ width: 44%; }} }}",
             f"@page cover {{ @top-{near} {{ content: none; }} @top-{far} {{ content: none; }} }}",
             f"@page toc {{ @top-{far} {{ content: {css_string(i18n.ui('contents', lang))}; {box} "
             f"text-align: {far}; font-weight: 700; }} }}"]
    for n, (sid, name) in enumerate(parts):
        rules.append(f"#{sid} {{ page: s{n}; }}")
        rules.append(f"@page s{n} {{ @top-{far} {{ content: {css_string(name)}; {box} "
                     f"text-align: {far}; font-weight: 700; }} }}")
    return "\n".join(rules)


def print_html(content: Content, lang: str, page_numbers: dict[str, int], fonts_url: str,
               charts_css: str = "") -> tuple[str, list]:
    """The document Chromium prints, and its headings."""
    rep = render_report(content, lang, top=2, print_version=True)
    toc = [h for h in rep.headings if h[0] <= TOC_LEVELS]
    # Each part's running header; the edition part's own heading is the report's
    # title, already on the other side (seen doubled on the rendered page 3).
    edition_part = f"{i18n.ui('edition', lang)} {content.edition.year}"
    parts = [(f"{hid}-section", edition_part if hid == "edition" else text)
             for lvl, hid, text in rep.headings if lvl == 2]
    css = resources.files("snia").joinpath("templates/report_print.css").read_text(encoding="utf-8")
    latin = Path(str(resources.files("snia").joinpath("fonts"))).resolve().as_uri()
    if charts_css:
        css += "\n/* The site's chart styles (overrides/assets/snia-charts.css) */\n" + charts_css
    css = css.replace("FONTS", fonts_url).replace("LATIN", latin) + "\n" + running_headers(content, lang, parts)
    ed = content.edition
    renderer = Renderer(content, lang)
    html = renderer.render(
        "report_print.html",
        css=Markup(css),
        body=rep.body,
        toc=toc,
        page_numbers={k: str(v) for k, v in page_numbers.items()},
        placeholder=PLACEHOLDER,
        doc_title=_plain(content, ed.title, lang),
        doc_subject=_plain(content, ed.strategy, lang),
        doc_author=_plain(content, ed.publisher, lang) if ed.publisher else None,
    )
    return str(html), rep.headings


def _destinations(pdf: bytes) -> dict[str, tuple[int, float]]:
    """Named destinations (element ids) -> (page index, top)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    out = {}
    for name, dest in reader.named_destinations.items():
        out[name.lstrip("/")] = (reader.get_destination_page_number(dest), float(dest.get("/Top") or 0))
    return out


def _chromium_pdf(page, html_path: Path) -> bytes:
    page.goto(html_path.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => document.fonts.status)")
    return page.pdf(format="A4", prefer_css_page_size=True, print_background=True,
                    tagged=True, outline=True, display_header_footer=False)


def _chromium_outline(reader) -> list[tuple[int, float]]:
    """Chromium's bookmarks, depth first: (page index, top) of every heading."""
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((reader.get_destination_page_number(item), float(item.get("/Top") or 0)))

    walk(reader.outline)
    return out


def _finish(pdf: bytes, content: Content, lang: str, html: str) -> bytes:
    """Outline, viewer preferences, metadata, fixed dates.

    The outline keeps where Chromium's bookmarks point (one per heading, in
    document order) and takes their titles from the headings' own text, in
    logical order, nested by heading level down to ``OUTLINE_LEVELS``."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, Fit, NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(pdf))
    places = _chromium_outline(reader)
    heads = headings(html, all_=True)
    if len(places) != len(heads):
        raise RuntimeError(f"{lang}: {len(heads)} headings but {len(places)} bookmarks from Chromium")
    writer = PdfWriter(clone_from=reader)
    root = writer._root_object
    if "/Outlines" in root:
        del root["/Outlines"]
    parents: dict[int, object] = {}
    for (lvl, _hid, title), (page_index, top) in zip(heads, places):
        if lvl > OUTLINE_LEVELS:
            continue
        lvl = max(lvl, 2)  # the cover's h1 sits beside the parts
        parent = next((parents[k] for k in range(lvl - 1, 1, -1) if k in parents), None)
        item = writer.add_outline_item(title=title, page_number=page_index, parent=parent,
                                       fit=Fit.xyz(top=top))
        parents[lvl] = item
        for deeper in [k for k in parents if k > lvl]:
            del parents[deeper]
    writer.page_mode = "/UseOutlines"
    prefs = writer.create_viewer_preferences()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    if lang == "ar":
        prefs[NameObject("/Direction")] = NameObject("/R2L")
    root[NameObject("/Lang")] = TextStringObject(lang)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    stamp = _dt.datetime.fromtimestamp(epoch, _dt.timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")
    ed = content.edition
    meta = {
        "/Title": _plain(content, ed.title, lang),
        "/Subject": _plain(content, ed.strategy, lang),
        "/Creator": "snia (SNIA report site)",
        "/Producer": "Chromium, pypdf",
        "/CreationDate": stamp,
        "/ModDate": stamp,
    }
    if ed.publisher is not None:
        meta["/Author"] = _plain(content, ed.publisher, lang)
    writer.metadata = None
    writer.add_metadata(meta)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build(project_root: str | Path, out_dir: str | Path, content: Content,
          langs=i18n.LANGS, log=print) -> dict[str, Path]:
    """Both PDFs (or those of ``langs``) into ``out_dir``; their paths by language."""
    from playwright.sync_api import sync_playwright

    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    assets = Path(project_root).resolve() / "overrides" / "assets"
    fonts_url = (assets / "fonts").as_uri()
    charts = assets / "snia-charts.css"
    charts_css = charts.read_text(encoding="utf-8") if charts.is_file() else ""
    made = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.emulate_media(media="print")
            for lang in langs:
                started = time.monotonic()
                html_path = out_dir / f"print-{lang}.html"
                numbers: dict[str, int] = {}
                for attempt in range(3):
                    html, heads = print_html(content, lang, numbers, fonts_url, charts_css)
                    html_path.write_text(html, encoding="utf-8")
                    pdf = _chromium_pdf(page, html_path)
                    dests = _destinations(pdf)
                    found = {hid: dests[hid][0] + 1 for _, hid, _ in heads if hid in dests}
                    if attempt and found == numbers:
                        break
                    numbers = found
                else:
                    raise RuntimeError(f"{lang}: the table of contents' page numbers do not settle")
                html_path.unlink()
                final = _finish(pdf, content, lang, html)
                path = out_dir / opendata.pdf_name(content, lang)
                path.write_bytes(final)
                made[lang] = path
                log(f"{path}: {len(final) / 1000:.0f} kB, {attempt + 1} passes, "
                    f"{time.monotonic() - started:.1f} s")
        finally:
            browser.close()
    return made


def write_stamp(out: Path, content: Content) -> None:
    """Record which content the PDFs in ``out`` were made from: the build
    publishes them only for that content."""
    from .downloads import STAMP, content_stamp

    (Path(out) / STAMP).write_text(json.dumps({"content": content_stamp(content)}) + "\n",
                                   encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from .downloads import PDF_BUILD
    from .pages import content_for

    parser = argparse.ArgumentParser(prog="python -m snia.pdf",
                                     description="Produit le rapport en PDF, une version par langue.")
    parser.add_argument("--root", default=".", help="racine du projet (défaut : .)")
    parser.add_argument("--out", default=None, help=f"dossier de sortie (défaut : {PDF_BUILD})")
    args = parser.parse_args(argv)
    root = Path(args.root)
    out = Path(args.out) if args.out else root / PDF_BUILD
    started = time.monotonic()
    content = content_for(root)
    build(root, out, content)
    write_stamp(out, content)
    print(f"PDF: {time.monotonic() - started:.1f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
