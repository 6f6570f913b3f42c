"""Charts (src/snia/charts.py, templates/charts/): drawn from the content,
numbers equal to the content's, title, description and data table on every
chart, Arabic charts mirrored with Arabic labels, hostile text inert, and
figure groups that do not fit refused by ``snia check`` with file:line:col."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from snia import charts, i18n, pages
from snia.loader import ContentError, load_content
from snia.render import Renderer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
ARABIC = re.compile(r"[\u0600-\u06FF]")


# --------------------------------------------------------------------------
# A small DOM of rendered HTML (stdlib only)


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children: list[Node] = []
        self.parts: list[str] = []

    @property
    def raw(self) -> str:
        return "".join(p if isinstance(p, str) else p.raw for p in self.parts)

    @property
    def text(self) -> str:
        """The text without the isolate marks (LRI, PDI) around Latin runs and numbers."""
        return self.raw.replace(charts.LRI, "").replace(charts.PDI, "")

    def iter(self, tag=None, cls=None):
        for c in self.children:
            if (tag is None or c.tag == tag) and (cls is None or cls in c.attrs.get("class", "").split()):
                yield c
            yield from c.iter(tag, cls)

    def find(self, tag=None, cls=None):
        return next(self.iter(tag, cls), None)


class _Builder(HTMLParser):
    VOID = {"br", "img", "hr", "meta", "link", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        self.cur.parts.append(node)
        if tag not in self.VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        self.cur.parts.append(node)

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"</{tag}> closes nothing"
        self.cur = node.parent

    def handle_data(self, data):
        self.cur.parts.append(data)


def dom(html: str) -> Node:
    b = _Builder()
    b.feed(str(html))
    b.close()
    assert b.cur is b.root, f"unclosed <{b.cur.tag}>"
    return b.root


def ids(root: Node) -> dict[str, Node]:
    out = {}
    for n in root.iter():
        if "id" in n.attrs:
            assert n.attrs["id"] not in out, f"duplicate id {n.attrs['id']}"
            out[n.attrs["id"]] = n
    return out


# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content", relative_to=ROOT)


@pytest.fixture(scope="module")
def hostile():
    return load_content(FIXTURES / "hostile", relative_to=ROOT)


def programme_page(content, pid, lang):
    return dom(pages.render_entity("programme", pid, content, lang, f"programmes/{pid}/"))


def figures_of(content):
    return {f.id: f for _, f in content.figures()}


def test_the_seed_declares_the_charts_the_issue_asks_for(content):
    kinds = {ch.id: ch.kind for _, ch in content.charts()}
    assert kinds["p9-etudiants-etrangers"] == "part-of-total"
    assert kinds["p9-enfants-migrants"] == "shares"
    assert kinds["p9-montants-programmes"] == "comparison"
    assert kinds["p9-evenements"] == "timeline"
    assert 2 <= sum(ch.key for _, ch in content.charts()) <= 3  # the home page's


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_chart_has_title_description_table_and_csv(content, lang):
    for prog, ch in content.charts():
        root = programme_page(content, prog.id, lang)
        table = ids(root)
        fig = table[f"graphique-{ch.id}"]
        svg = fig.find("svg", "snia-chart-svg")
        assert svg.attrs["role"] == "img"
        title, desc = table[svg.attrs["aria-labelledby"]], table[svg.attrs["aria-describedby"]]
        assert title.text.strip() == (ch.title.get(lang) or ch.title.fr)
        assert len(desc.text.strip()) > 30 and desc.text.strip().endswith(".")
        assert svg.find("title").text == title.text.strip()
        assert svg.find("desc").text == desc.text.strip()
        data = fig.find("details", "snia-chart-data")
        assert data.find("summary").text == i18n.ui("chart_data", lang)
        rows = list(data.find("tbody").iter("tr"))
        n = len(ch.figures) + len(ch.amounts) if ch.kind != "timeline" else len(
            [e for e in prog.data.events if not ch.events or e.id in ch.events])
        assert len(rows) == n
        link = fig.find("p", "snia-chart-csv").find("a")
        assert link.attrs["href"].endswith(f"donnees/graphiques/{ch.id}.csv")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_bars_draw_the_contents_numbers(content, lang):
    figs = figures_of(content)
    inner = charts.WIDTH - 2 * charts.PAD
    for prog, ch in content.charts():
        if ch.kind == "timeline":
            continue
        fig = ids(programme_page(content, prog.id, lang))[f"graphique-{ch.id}"]
        bars = {r.attrs["data-item"]: r for r in fig.find("svg", "snia-chart-svg").iter("rect", "snia-chart-bar")}
        values = [t.text for t in fig.iter("text", "snia-chart-value")]
        if ch.kind == "comparison":
            amounts = {ref: content.projects[ref].data.amount for ref in ch.amounts}
            drawn = {ref: a for ref, a in amounts.items() if a.currency is not None}
            assert set(bars) == set(drawn)  # the unknown currency is not drawn
            top = charts._nice_max(max(a.value for a in drawn.values()))[0]
            for ref, a in drawn.items():
                assert float(bars[ref].attrs["data-value"]) == a.value
                assert float(bars[ref].attrs["width"]) == pytest.approx(a.value / top * inner, abs=0.01)
                assert i18n.amount(a.value, a.currency, lang) in values
            continue
        total = figs[ch.total].value if ch.total else None
        assert set(bars) == set(ch.figures)
        for fid in ch.figures:
            f = figs[fid]
            whole = 100 if ch.kind == "shares" else (total or f.of)
            assert float(bars[fid].attrs["data-value"]) == f.value
            assert float(bars[fid].attrs["width"]) == pytest.approx(f.value / whole * inner, abs=0.01)
            shown = i18n.percent(f.value, lang) if f.unit == "percent" else i18n.number(f.value, lang)
            assert any(shown in v for v in values), (shown, values)
            if ch.kind == "part-of-total":
                assert any(i18n.number(whole, lang) in v for v in values)


def test_seed_numbers_in_the_svg(content):
    """The issue's figures, as a reader reads them in the SVG."""
    text = {lang: " ".join(t.text for t in programme_page(content, "09", lang).iter("text"))
            for lang in ("fr", "ar")}
    for needle in ("8\u202f225 sur 20\u202f410", "1\u202f614 sur 20\u202f410", "10\u00a0%",
                   "35\u00a0%", "35\u202f000\u202f000 euros", "11\u202f000\u202f000 euros"):
        assert needle.replace("\u202f", " ") in text["fr"].replace("\u202f", " "), needle
    for needle in ("8.225 من أصل 20.410", "10%", "35%", "35.000.000 يورو"):
        assert needle in text["ar"], needle
    # the complement of 7 millions has no currency: never drawn, never guessed
    assert "7 000 000" not in text["fr"].replace("\u202f", " ")
    fig = ids(programme_page(content, "09", "fr"))["graphique-p9-montants-programmes"]
    note = fig.find("p", "snia-chart-note").text.replace("\u202f", " ")
    assert "7 000 000" in note and "devise non précisée" in note
    assert "euro" not in note


def _bar_charts(content):
    return [(p, ch) for p, ch in content.charts() if ch.kind != "timeline"]


def test_arabic_charts_are_mirrored(content):
    right = charts.WIDTH - charts.PAD
    for prog, ch in _bar_charts(content):
        for lang in ("fr", "ar"):
            fig = ids(programme_page(content, prog.id, lang))[f"graphique-{ch.id}"]
            svg = fig.find("svg")
            base = fig.find("line", "snia-chart-baseline")
            bars = list(fig.find("svg", "snia-chart-svg").iter("rect", "snia-chart-bar"))
            ticks = [t for t in fig.iter("text", "snia-chart-tick-label")]
            zero = ticks[0]
            if lang == "fr":
                assert svg.attrs["direction"] == "ltr"
                assert float(base.attrs["x1"]) == charts.PAD
                for r in bars:  # bars grow from the left
                    assert float(r.attrs["x"]) == charts.PAD
                assert float(zero.attrs["x"]) == charts.PAD
            else:
                assert svg.attrs["direction"] == "rtl"
                assert float(base.attrs["x1"]) == right  # value axis' zero on the right
                for r in bars:  # bars grow from the right
                    assert float(r.attrs["x"]) + float(r.attrs["width"]) == pytest.approx(right)
                assert float(zero.attrs["x"]) == right
                # the axis runs right to left: its last tick is left of its first
                assert float(ticks[-1].attrs["x"]) < float(zero.attrs["x"])


def test_arabic_charts_have_arabic_labels_and_isolated_acronyms(content):
    figs = figures_of(content)
    for prog, ch in _bar_charts(content):
        fig = ids(programme_page(content, prog.id, "ar"))[f"graphique-{ch.id}"]
        labels = " ".join(t.text for t in fig.iter("text", "snia-chart-label"))
        assert ARABIC.search(labels)
        for fid in ch.figures:
            words = figs[fid].label.ar.split()
            assert words[0] in labels
        assert ARABIC.search(fig.find("p", "snia-chart-title").text)
        assert ARABIC.search(fig.find("p", "snia-chart-desc").text)
    amounts = ids(programme_page(content, "09", "ar"))["graphique-p9-montants-programmes"]
    texts = [t.raw for t in amounts.iter("text")]
    assert f"{charts.LRI}GLO.ACT{charts.PDI}" in texts
    # numbers isolated too (else Chromium draws 40% as %40 in Arabic SVG text)
    assert f"{charts.LRI}35.000.000{charts.PDI} يورو" in texts
    timeline = ids(programme_page(content, "09", "ar"))["graphique-p9-evenements"]
    years = [t for t in timeline.iter("text", "snia-chart-tick-label")]
    xs = {t.text: float(t.attrs["x"]) for t in years}
    assert xs["2018"] < xs["2014"]  # time flows right to left


def test_timeline_places_every_event_and_links_its_programme(content):
    events = sorted(content.events(), key=lambda pe: i18n.sort_key(pe[1].date))
    for lang in ("fr", "ar"):
        root = dom(pages.render_fragment("timeline", content, lang, "chronologie/"))
        fig = ids(root)["graphique-chronologie"]
        marks = [r.attrs["data-item"] for r in fig.find("svg", "snia-chart-svg").iter("rect")
                 if r.attrs.get("data-item")] + [c.attrs["data-item"] for c in fig.find("svg", "snia-chart-svg").iter("circle")]
        assert sorted(marks) == sorted(e.id for _, e in events)
        nums = [t.text for t in fig.iter("text", "snia-chart-mark-num")]
        assert sorted(nums, key=int) == [str(n) for n in range(1, len(events) + 1)]
        rows = list(fig.find("tbody").iter("tr"))
        for (prog, ev), row in zip(events, rows):
            cells = list(row.iter("td"))
            assert i18n.date_range(ev.date, ev.end, lang) in cells[1].text
            link = cells[2].find("a")
            assert link.attrs["href"] == f"../programmes/{prog.id}/#{ev.id}"
            assert i18n.ui("programme_n", lang, n=prog.data.number) in link.text
            for place in ev.places:
                assert (place.get(lang) or place.fr) in cells[2].text


def test_hostile_chart_text_comes_out_as_text(hostile):
    for lang in ("fr", "ar"):
        html = str(pages.render_entity("programme", "09", hostile, lang, "programmes/09/"))
        html += str(pages.render_fragment("key_charts", hostile, lang, ""))
        html += str(pages.render_fragment("timeline", hostile, lang, "chronologie/"))
        assert "<script" not in html
        assert "<img" not in html and "<tspan onclick" not in html
        assert "</title><script" not in html
        root = dom(html)
        for n in root.iter():
            assert not any(a.startswith("on") for a in n.attrs), (n.tag, n.attrs)
        svg_text = " ".join(t.text for t in root.iter("text"))
        svg_text = svg_text.replace(charts.LRI, "").replace(charts.PDI, "")
        svg_titles = " ".join(t.text for t in root.iter("title"))
        assert "{{ 7*7 }}" in svg_text and "{{ 7*7 }}" in svg_titles
        assert "<script>alert(" in svg_text  # shown, as text
        assert not re.search(r"(?<!\d)49(?!\d)", svg_text + svg_titles)


# --------------------------------------------------------------------------
# snia check: figure groups that do not fit (positions in lists count from 1)


def tree(tmp_path, figures_yaml: str, charts_yaml: str, project_extra: str = "") -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", root)
    prog = root / "programmes" / "09.yml"
    text = prog.read_text(encoding="utf-8")
    text = text.replace("events:\n", figures_yaml + "events:\n", 1)
    text = text.replace("recommendations:\n", charts_yaml + "recommendations:\n", 1)
    prog.write_text(text, encoding="utf-8")
    if project_extra:
        (root / "projects" / "other.yml").write_text(project_extra, encoding="utf-8")
    return root


PERCENT = """  - id: p9-share
    value: 10
    unit: percent
    label:
      fr: part
"""


def _line_of(path: Path, needle: str) -> tuple[int, int]:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n, line.index(needle) + 1
    raise AssertionError(needle)


def test_check_refuses_a_comparison_of_mixed_units(tmp_path):
    root = tree(tmp_path, PERCENT, """charts:
  - id: p9-mixed
    kind: comparison
    title:
      fr: Mélange
    figures:
      - p9-demo
      - p9-share
""")
    proc = subprocess.run([sys.executable, "-m", "snia", "check", str(root)], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 1
    line, col = _line_of(root / "programmes" / "09.yml", "- p9-share")
    expected = (f"content/programmes/09.yml:{line}:{col + 2}: charts[1].figures[2]: "
                "unités différentes : `p9-share` est un pourcentage, `p9-demo` un nombre")
    assert expected in proc.stderr, proc.stderr


def test_check_refuses_shares_that_are_not_percentages_and_parts_without_total(tmp_path):
    root = tree(tmp_path, PERCENT, """charts:
  - id: p9-shares
    kind: shares
    title:
      fr: Parts
    figures: [p9-share, p9-demo]
  - id: p9-parts
    kind: part-of-total
    title:
      fr: Parties
    figures: [p9-demo]
    amounts: [demo]
""")
    with pytest.raises(ContentError) as err:
        load_content(root, relative_to=tmp_path)
    report = err.value.report()
    assert re.search(r"09\.yml:\d+:\d+: charts\[1\]\.figures\[2\]: `p9-demo` est un nombre et non "
                     r"un pourcentage", report), report
    assert re.search(r"09\.yml:\d+:\d+: charts\[2\]\.figures\[1\]: `p9-demo` n’a pas de total", report)
    assert re.search(r"09\.yml:\d+:\d+: charts\[2\]\.amounts: un graphique `part-of-total` "
                     r"n’utilise pas `amounts`", report)


OTHER_MAD = """name:
  fr: Autre projet
programme: 9
amount:
  value: 5000000
  currency: MAD
"""
OTHER_UNKNOWN = OTHER_MAD.replace("  currency: MAD\n", "")


def test_check_refuses_amounts_in_different_currencies(tmp_path):
    root = tree(tmp_path, "", """charts:
  - id: p9-amounts
    kind: comparison
    title:
      fr: Montants
    amounts: [demo, other]
""", OTHER_MAD)
    with pytest.raises(ContentError) as err:
        load_content(root, relative_to=tmp_path)
    assert re.search(r"09\.yml:\d+:\d+: charts\[1\]\.amounts\[2\]: devises différentes : `other` "
                     r"est en MAD, `demo` en EUR", err.value.report())


def test_an_amount_of_unknown_currency_is_shown_apart_with_a_note(tmp_path):
    root = tree(tmp_path, "", """charts:
  - id: p9-amounts
    kind: comparison
    title:
      fr: Montants
    amounts: [demo, other]
""", OTHER_UNKNOWN)
    content = load_content(root, relative_to=tmp_path)  # accepted
    fig = ids(programme_page(content, "09", "fr"))["graphique-p9-amounts"]
    assert [r.attrs["data-item"] for r in fig.find("svg", "snia-chart-svg").iter("rect", "snia-chart-bar")] == ["demo"]
    assert "5 000 000" in fig.find("p", "snia-chart-note").text.replace("\u202f", " ")
    undrawn = fig.find("tr", "snia-chart-undrawn")
    assert "non dessiné" in undrawn.text
    data = charts.csv_bytes(content, content.programmes["09"], content.programmes["09"].data.charts[0])
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {r["id"]: (r["devise"], r["dessine"]) for r in rows} == {
        "demo": ("EUR", "oui"), "other": ("", "non")}


# --------------------------------------------------------------------------
# CSV


def test_csv_has_bom_and_the_contents_numbers(content):
    files = charts.csv_files(content)
    figs = figures_of(content)
    assert set(files) == {charts.csv_path("chronologie")} | {
        charts.csv_path(ch.id) for _, ch in content.charts()}
    for prog, ch in content.charts():
        data = files[charts.csv_path(ch.id)]
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        if ch.kind == "timeline":
            assert len(rows) == len(prog.data.events)
            continue
        for r in rows:
            if r["id"] in figs:
                assert float(r["valeur"]) == figs[r["id"]].value
                assert r["libelle_ar"] == (figs[r["id"]].label.ar or "")
            else:
                assert float(r["valeur"]) == content.projects[r["id"]].data.amount.value


def test_csv_cells_never_start_a_formula():
    assert charts._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert charts._cell("@SUM") == "'@SUM"
    assert charts._cell("Rabat") == "Rabat"
    assert charts._cell(None) == ""


def test_csv_link_points_at_the_one_published_file():
    assert charts.csv_href("x", "fr", "programmes/09/") == "../../donnees/graphiques/x.csv"
    assert charts.csv_href("x", "ar", "programmes/09/") == "../../../donnees/graphiques/x.csv"
    assert charts.csv_href("x", "fr", "") == "donnees/graphiques/x.csv"
    assert charts.csv_href("x", "ar", "") == "../donnees/graphiques/x.csv"


# --------------------------------------------------------------------------
# Where charts appear


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_charts_appear_on_programme_key_figures_and_timeline_pages(content, lang):
    figures_page = ids(dom(pages.render_fragment("figures_index", content, lang, "chiffres-cles/")))
    key = ids(dom(pages.render_fragment("key_charts", content, lang, "")))
    for prog, ch in content.charts():
        assert f"graphique-{ch.id}" in ids(programme_page(content, prog.id, lang))
        if prog.data.figures:
            assert f"graphique-{ch.id}" in figures_page
        assert (f"graphique-{ch.id}" in key) == ch.key
    assert "graphique-chronologie" in ids(dom(pages.render_fragment("timeline", content, lang,
                                                                      "chronologie/")))


def test_wrap_keeps_every_word():
    text = "étudiants étrangers bénéficiaires d’une bourse de l’Etat marocain"
    lines = charts.wrap(text, charts.FONT, 150)
    assert len(lines) > 1 and " ".join(lines) == text


def test_same_content_same_svg(content):
    a = pages.render_entity("programme", "09", content, "ar", "programmes/09/")
    b = pages.render_entity("programme", "09", content, "ar", "programmes/09/")
    assert a == b


def test_charts_survive_the_narrative_pages_sanitiser(content):
    """Narrative pages (home, key figures, timeline) are sanitised in the
    build: the charts their macros include must come out whole."""
    from snia.narrative import sanitise_html

    for lang in ("fr", "ar"):
        for name, url in (("key_charts", ""), ("figures_index", "chiffres-cles/"),
                          ("timeline", "chronologie/")):
            html = str(pages.render_fragment(name, content, lang, url))
            before, after = dom(html), dom(sanitise_html(html))
            for tag in sorted(charts.SVG_TAGS):
                assert len(list(after.iter(tag))) == len(list(before.iter(tag))), (name, tag)
            for a, b in zip(before.iter("svg"), after.iter("svg")):
                assert b.attrs == a.attrs
            for a, b in zip(before.iter("text"), after.iter("text")):
                assert (b.attrs, b.raw) == (a.attrs, a.raw)
            for a, b in zip(before.iter("rect"), after.iter("rect")):
                assert b.attrs == a.attrs


@pytest.mark.site
def test_built_pages_carry_their_charts_and_csv(site_dir):
    """In the built site (narrative pages sanitised): the charts on the key
    figures, timeline and programme pages of both languages, and their CSV."""
    content = load_content(ROOT / "content", relative_to=ROOT)
    declared = [ch.id for _, ch in content.charts()]
    for lang in ("", "ar/"):
        html = {page: (site_dir / lang / page / "index.html").read_text(encoding="utf-8")
                for page in ("chiffres-cles", "chronologie", "programmes/09", "programmes/08")}
        assert html["chronologie"].count('<svg class="snia-chart-svg"') == 1
        everything = "".join(html.values())
        for cid in declared:
            assert f'id="graphique-{cid}"' in everything
        assert html["chiffres-cles"].count('<svg class="snia-chart-svg"') == sum(
            1 for p, ch in content.charts() if p.data.figures)
    for cid in declared + ["chronologie"]:
        data = (site_dir / charts.csv_path(cid)).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")


# --------------------------------------------------------------------------
# Colours (snia-charts.css): every graphic part 3:1 against what it touches
# (WCAG 1.4.11), text 4.5:1 (1.4.3)


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _css_colour(css: str, selector: str, prop: str) -> str:
    block = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert block, selector
    value = re.search(rf"(?<![-\w]){prop}:\s*(#[0-9a-fA-F]{{6}})", block.group(1))
    assert value, (selector, prop)
    return value.group(1).lower()


def test_chart_colours_pass_contrast():
    css = (ROOT / "overrides" / "assets" / "snia-charts.css").read_text(encoding="utf-8")
    white = "#ffffff"
    bar = _css_colour(css, ".snia-chart-bar", "fill")
    dot = _css_colour(css, ".snia-chart-dot", "fill")
    track = _css_colour(css, ".snia-chart-track", "fill")
    outline = _css_colour(css, ".snia-chart-track", "stroke")
    hatch = _css_colour(css, ".snia-chart-hatch", "stroke")
    desc = _css_colour(css, ".md-typeset .snia-chart-desc", "color")
    for name, fg, bg in (("bar on the page", bar, white), ("bar on its track", bar, track),
                         ("timeline dot", dot, white), ("track outline", outline, white),
                         ("hatching of the rest", hatch, white), ("description text", desc, white)):
        need = 4.5 if name.endswith("text") else 3
        assert contrast(fg, bg) >= need, f"{name}: {contrast(fg, bg):.2f}:1"


def test_an_invalid_project_file_is_reported_once_not_again_by_the_charts(tmp_path):
    """The project's own file says what is wrong; the chart that names it does
    not add a misleading « projet inconnu » (the file exists)."""
    root = tree(tmp_path, "", """charts:
  - id: p9-amounts
    kind: comparison
    title:
      fr: Montants
    amounts: [demo, other]
""", OTHER_MAD)
    demo = root / "projects" / "demo.yml"
    demo.write_text(demo.read_text(encoding="utf-8") + "couleur: verte\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content(root, relative_to=tmp_path)
    report = err.value.report()
    assert re.search(r"projects/demo\.yml:\d+:\d+: couleur: champ inconnu", report), report
    assert "projet inconnu" not in report, report
    assert len(err.value.problems) == 1, report
