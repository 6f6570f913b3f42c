"""The typeset report (issue 14), read back from the PDFs: the content's key
figures and recommendations in each language, Arabic words in logical order,
page count, A4, outline entries for every programme and section, the table of
contents' page numbers, embedded fonts, document language, tags, right-to-left
viewer preference, and no text outside the margins."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import CHROMIUM, ROOT, require_tool
from snia import i18n, opendata
from snia.loader import load_content

pytestmark = pytest.mark.browser

A4 = (595.0, 842.0)
MM = 72 / 25.4
MARGIN_X = 20 * MM  # report_print.css: @page margin, left and right
EDGE_Y = 8 * MM  # the running header and page number sit in the top and bottom margins


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content", relative_to=ROOT)


@pytest.fixture(scope="module")
def pdfs(content, tmp_path_factory):
    require_tool(shutil.which(CHROMIUM) is not None or __import__("pathlib").Path(CHROMIUM).is_file(),
                 "Chromium")
    require_tool(shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None,
                 "poppler-utils (pdftotext, pdffonts)")
    out = tmp_path_factory.mktemp("pdf")
    # In a process of its own, as `make pdf` runs it: the browser tests' session
    # keeps Playwright's sync API running in this one, and a second one cannot start.
    proc = subprocess.run([sys.executable, "-m", "snia.pdf", "--root", str(ROOT), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return {lang: out / opendata.pdf_name(content, lang) for lang in i18n.LANGS}


def text(path, *args) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def flat(s: str) -> str:
    """Whitespace folded (pdftotext breaks lines; numbers hold narrow spaces)."""
    return " ".join(s.split())


def arabic_letters(s: str) -> str:
    """The Arabic letters of a text, in order, without the noon: pdftotext
    inserts spaces inside Arabic words and puts the separate dot glyph of
    Noto Naskh's final noon on a line of its own (see snia.pdf)."""
    return "".join(ch for ch in s if "\u0621" <= ch <= "\u064a" and ch != "ن")


def test_french_pdf_has_the_key_figures_and_recommendations(pdfs, content):
    body = flat(text(pdfs["fr"]))
    figures = [f for _, f in content.figures()]
    assert figures
    for fig in figures:
        value = flat(i18n.number(fig.value, "fr"))
        assert re.search(rf"(?<![\d,]){re.escape(value)}(?![\d,])", body), (fig.id, value)
        assert flat(fig.label.fr) in body, fig.id
    recs = [r for p in content.programmes.values() for rs in p.data.recommendations for r in rs.items]
    assert recs
    for rec in recs:
        assert flat(rec.text.fr) in body, rec.id
    for jid, proj in content.projects.items():
        if proj.data.amount:
            assert flat(i18n.amount(proj.data.amount.value, proj.data.amount.currency, "fr")) in body, jid


def test_arabic_pdf_text_is_in_logical_order_with_the_same_figures(pdfs, content):
    raw = text(pdfs["ar"])
    squeezed = "".join(raw.split())
    # the strategy's name, in logical order (spaces that pdftotext inserts removed)
    assert "الاستراتيجيةالوطنيةللهجرةواللجوء" in squeezed
    assert "".join(content.edition.strategy.ar.split()) in squeezed
    letters = arabic_letters(raw)
    recs = [r for p in content.programmes.values() for rs in p.data.recommendations for r in rs.items]
    for rec in recs:
        assert arabic_letters(rec.text.ar) in letters, rec.id
    for _, fig in content.figures():
        value = "".join(i18n.number(fig.value, "ar").split())
        assert re.search(rf"(?<![\d.]){re.escape(value)}(?![\d.])", squeezed), (fig.id, value)
    # Latin acronyms kept whole inside Arabic lines
    for acronym in ("SNIA", "GLO.ACT", "OSP 17"):
        assert acronym in raw, acronym


def _reader(path):
    from pypdf import PdfReader

    return PdfReader(str(path))


def _outline_titles(reader) -> list[tuple[int, str, int]]:
    out = []

    def walk(items, depth):
        for it in items:
            if isinstance(it, list):
                walk(it, depth + 1)
            else:
                out.append((depth, it.title, reader.get_destination_page_number(it)))

    walk(reader.outline, 0)
    return out


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_document_structure(pdfs, content, lang):
    from pypdf.generic import NameObject

    reader = _reader(pdfs[lang])
    root = reader.trailer["/Root"]
    n = len(reader.pages)
    assert 10 <= n <= 200, n
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4[0]) < 2 and abs(float(box.height) - A4[1]) < 2
    assert root["/Lang"] == lang
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    prefs = root.get("/ViewerPreferences", {})
    if lang == "ar":
        assert prefs.get("/Direction") == NameObject("/R2L")
    else:
        assert prefs.get("/Direction") in (None, NameObject("/L2R"))
    assert reader.metadata.title == (content.edition.title.get(lang) or content.edition.title.fr)
    # bookmarks: every programme, and the parts of the report, with sections under them
    outline = _outline_titles(reader)
    titles = [t for _, t, _ in outline]
    for prog in content.programmes.values():
        head = i18n.ui("programme_n", lang, n=prog.data.number)
        assert any(t.startswith(head) for d, t, _ in outline if d == 0), head
    for key in ("projects_caption", "partners", "glossary", "contents"):
        assert i18n.ui(key, lang) in titles, key
    assert sum(1 for d, _, _ in outline if d >= 1) >= 10
    assert all(0 <= p < n for _, _, p in outline)


def test_table_of_contents_gives_the_right_pages(pdfs, content):
    """Each programme's TOC line ends with the page its bookmark points to."""
    reader = _reader(pdfs["fr"])
    outline = {t: p for d, t, p in _outline_titles(reader) if d == 0}
    toc_pages = [i for i, page in enumerate(reader.pages[:6])
                 if i18n.ui("contents", "fr") in (page.extract_text() or "")]
    assert toc_pages
    toc = "\n".join(text(pdfs["fr"], "-layout", "-f", str(i + 1), "-l", str(i + 1)) for i in toc_pages)
    for prog in content.programmes.values():
        title = next(t for t in outline if t.startswith(i18n.ui("programme_n", "fr", n=prog.data.number)))
        line = next(ln for ln in toc.splitlines() if flat(ln).startswith(flat(title)[:30]))
        assert line.split()[-1] == str(outline[title] + 1), (title, line)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_fonts_are_embedded(pdfs, lang):
    out = subprocess.run(["pdffonts", str(pdfs[lang])], check=True, capture_output=True, text=True).stdout
    rows = [ln.split() for ln in out.splitlines()[2:] if ln.strip()]
    assert rows
    for row in rows:
        # name type... emb sub uni object ID: emb is the 5th field from the end
        assert row[-5] == "yes", row
        assert "Type 3" not in " ".join(row), row
    names = " ".join(r[0] for r in rows)
    assert "NotoSans" in names
    if lang == "ar":
        assert "NotoNaskhArabic" in names


class _Words(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.pages: list[tuple[float, float, list]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "page":
            self.pages.append((float(a["width"]), float(a["height"]), []))
        elif tag == "word":
            self.pages[-1][2].append(tuple(float(a[k]) for k in ("xmin", "ymin", "xmax", "ymax")))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_text_outside_the_margins(pdfs, lang):
    pages = _Words(text(pdfs[lang], "-bbox")).pages
    assert pages and all(words for _, _, words in pages[1:])
    for number, (width, height, words) in enumerate(pages, 1):
        for x0, y0, x1, y1 in words:
            assert MARGIN_X - 1 <= x0 and x1 <= width - MARGIN_X + 1, (lang, number, x0, x1)
            assert EDGE_Y <= y0 and y1 <= height - EDGE_Y, (lang, number, y0, y1)


def test_pdfs_are_named_for_the_site(pdfs, content):
    for lang, path in pdfs.items():
        assert path.name == opendata.pdf_name(content, lang) == f"rapport-snia-{content.edition.year}-{lang}.pdf"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_long_tables_repeat_their_header_row(pdfs, lang):
    """The partners' table runs over several pages; each starts with its header row."""
    reader = _reader(pdfs[lang])
    top = {t: p for d, t, p in _outline_titles(reader) if d == 0}
    first, after = top[i18n.ui("partners", lang)], top[i18n.ui("glossary", lang)]
    assert after - first >= 2, "the partners' table should span pages for this test to mean something"
    for index in range(first, after):
        words = "".join(text(pdfs[lang], "-f", str(index + 1), "-l", str(index + 1)).split())
        for label in ("name", "kind", "description"):
            assert "".join(i18n.ui(label, lang).split()) in words, (lang, index + 1, label)


def test_the_site_publishes_the_pdfs_made_for_its_content(pdfs, content, tmp_path, monkeypatch):
    """make pdf then the build: the PDFs in pdf/, linked from the Downloads
    page and the full-report page of each language; PDFs made from other
    content are not published."""
    from conftest import build_site
    from snia import pdf

    folder = next(iter(pdfs.values())).parent
    pdf.write_stamp(folder, content)
    monkeypatch.setenv("SNIA_PDF_DIR", str(folder))
    site = build_site(tmp_path / "site")
    for lang, path in pdfs.items():
        assert (site / opendata.PDF_FOLDER / path.name).read_bytes() == path.read_bytes()
    for prefix in ("", "ar/"):
        up = "../" if prefix else ""
        page = (site / prefix / "telechargements" / "index.html").read_text(encoding="utf-8")
        for path in pdfs.values():
            assert f'href="{up}../{opendata.PDF_FOLDER}/{path.name}"' in page
        report = (site / prefix / "rapport-complet" / "index.html").read_text(encoding="utf-8")
        lang = "ar" if prefix else "fr"
        assert f'href="{up}../{opendata.PDF_FOLDER}/{pdfs[lang].name}"' in report
    # a stamp of other content: not published
    (folder / "stamp.json").write_text('{"content": "other"}\n', encoding="utf-8")
    from snia import downloads

    assert downloads.built_pdfs(ROOT, content) == {}
