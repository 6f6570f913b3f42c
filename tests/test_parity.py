"""French/Arabic parity: every item of a French page has its counterpart on
the Arabic page.

Read on the built site (the real content) and on the rendered fragments of
the golden fixture: within the site's own blocks (``<div class="snia …">``,
the footer aside), the ids of the items (recommendations, figures, events,
objectives, activities, charts, glossary entries…), the count of each kind of
item (list entries, table rows, terms, sections, figures, headings,
paragraphs) and the pages each links to must be the same in both languages.
Only the words differ; a recommendation, a figure or a partner dropped or
doubled on one side fails here, with the page and the kind of item.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from snia import pages
from snia.loader import load_content

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "golden"

# The kinds of element that are items; <span>, <bdi>, <strong> carry words.
ITEMS = {"li", "tr", "td", "th", "dt", "dd", "section", "figure", "table", "ol", "ul", "dl",
         "h2", "h3", "h4", "h5", "h6", "p", "a", "svg", "rect", "circle", "line", "time"}
VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr"}


class Items(HTMLParser):
    """What the site's blocks of a page hold: ids, kinds of item, links."""

    def __init__(self, whole: bool = False, base: str | None = None):
        super().__init__(convert_charrefs=True)
        self.whole = whole  # a fragment: all of it is the site's
        self.base = base  # the page's path from the server's root, to resolve links
        self.stack: list[bool] = []  # for each open element: inside a site block?
        self.ids: Counter = Counter()
        self.kinds: Counter = Counter()
        self.links: Counter = Counter()

    def _inside(self) -> bool:
        return self.whole or (bool(self.stack) and self.stack[-1])

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        inside = self._inside() or "snia" in classes or "snia-footer" in classes
        if inside:
            if a.get("id"):
                self.ids[a["id"]] += 1
            if tag in ITEMS:
                self.kinds[(tag, classes[0] if classes else "")] += 1
            href = a.get("href")
            if tag == "a" and href and not a.get("hreflang"):
                self.links[self._target(href)] += 1
        if tag not in VOID:
            self.stack.append(inside)

    def _target(self, href: str) -> str:
        """Where a link goes, the same for both languages: a page of the
        Arabic site (``/ar/x/``) is the page ``/x/``; files both sites share
        (open data, chart CSVs) are the same files."""
        if self.base is None or "://" in href or href.startswith(("mailto:", "#")):
            return href
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(self.base, path)) + ("/" if path.endswith("/") else "")
        target = target.removeprefix("/ar")
        return target + ("#" + anchor if anchor else "")

    def handle_startendtag(self, tag, attrs):  # <rect … />: opened and closed
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()


class ArticleItems(Items):
    """The whole text of a page (narrative pages too: their lists, tables,
    paragraphs and links), less the Arabic page's translation notice. Ids are
    not compared: a narrative page's heading ids are slugs of its words."""

    def __init__(self, base: str | None = None):
        super().__init__(False, base)
        self.skip: list[bool] = []  # for each open element: inside the notice?

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        parent = self.stack[-1] if self.stack else False
        skipping = (self.skip[-1] if self.skip else False) or "snia-notice" in classes
        inside = (parent or tag == "article") and not skipping
        if inside:
            if tag in ITEMS:
                self.kinds[(tag, classes[0] if classes else "")] += 1
            href = a.get("href")
            edit = "md-content__button" in classes  # "edit this page": its own language's file
            if tag == "a" and href and not href.startswith("#") and not a.get("hreflang") and not edit:
                self.links[self._target(href)] += 1
        if tag not in VOID:
            self.stack.append(parent or tag == "article")
            self.skip.append(skipping)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()
            self.skip.pop()

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()
            self.skip.pop()


def items(html: str, whole: bool = False, base: str | None = None) -> Items:
    parser = Items(whole, base)
    parser.feed(html)
    parser.close()
    return parser


def differences(fr: Items, ar: Items) -> list[str]:
    out = []
    for what in ("ids", "kinds", "links"):
        a, b = getattr(fr, what), getattr(ar, what)
        only_fr, only_ar = a - b, b - a
        if only_fr or only_ar:
            out.append(f"{what}: French only {dict(only_fr)}, Arabic only {dict(only_ar)}")
    return out


# --------------------------------------------------------------------------
# The built site (real content)


def _article(path: Path) -> str:
    """The page; its site blocks are what is compared (the theme's nav, header
    and the Arabic notice are not items of the report)."""
    html = path.read_text(encoding="utf-8")
    assert "<article" in html, f"{path}: no <article>"
    return html


def _pages(site: Path) -> list[str]:
    out = []
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("ar/", "assets/", "search/")):
            continue
        out.append(rel)
    return out


@pytest.mark.site
def test_every_french_page_has_its_arabic_page(site_dir):
    french = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
              if not p.relative_to(site_dir).as_posix().startswith("ar/")}
    arabic = {p.relative_to(site_dir / "ar").as_posix() for p in (site_dir / "ar").rglob("*.html")}
    assert len(french) > 50
    assert french == arabic


@pytest.mark.site
def test_every_item_of_a_french_page_is_on_the_arabic_page(site_dir):
    problems = []
    checked = Counter()
    for rel in _pages(site_dir):
        page = "/" + rel.removesuffix("index.html")
        fr = items(_article(site_dir / rel), base=page)
        ar = items(_article(site_dir / "ar" / rel), base="/ar" + page)
        checked["pages"] += 1
        checked["ids"] += sum(fr.ids.values())
        problems += [f"{rel}: {d}" for d in differences(fr, ar)]
    assert problems == []
    # the comparison saw the items (an empty page on both sides is no parity)
    assert checked["pages"] >= 70 and checked["ids"] >= 500, checked


@pytest.mark.site
def test_every_page_has_the_same_lists_tables_and_links_in_both_languages(site_dir):
    """The whole text of each page, narrative pages included (their list
    entries, table rows, paragraphs, links to other pages), less the Arabic
    translation notice."""
    problems = []
    seen = 0
    for rel in _pages(site_dir):
        page = "/" + rel.removesuffix("index.html")
        fr, ar = ArticleItems(page), ArticleItems("/ar" + page)
        fr.feed(_article(site_dir / rel))
        ar.feed(_article(site_dir / "ar" / rel))
        seen += fr.kinds[("li", "")] + fr.kinds[("p", "")]
        problems += [f"{rel}: {d}" for d in differences(fr, ar) if not d.startswith("ids")]
    assert problems == []
    assert seen > 1000


@pytest.mark.site
def test_recommendations_figures_and_events_are_counted_on_both_sides(site_dir):
    """The items the readers count, page by page, by their ids."""
    c = load_content(ROOT / "content", relative_to=ROOT)
    recs = [r.id for p in c.programmes.values() for rs in p.data.recommendations for r in rs.items]
    figs = [f.id for _, f in c.figures()]
    events = [e.id for _, e in c.events()]
    for rel, wanted in [("recommandations/index.html", recs), ("chronologie/index.html", events)]:
        for lang_root in (site_dir, site_dir / "ar"):
            found = items(_article(lang_root / rel)).ids
            assert [i for i in wanted if found[i] != 1] == [], (lang_root, rel)
    for pid in c.programmes:
        for lang_root in (site_dir, site_dir / "ar"):
            found = items(_article(lang_root / "programmes" / pid / "index.html")).ids
            mine = [f.id for f in c.programmes[pid].data.figures]
            assert [i for i in mine if not found[i]] == [], (lang_root, pid)
    assert len(recs) == 7 and len(figs) > 10 and len(events) > 5


# --------------------------------------------------------------------------
# Rendered fragments of the golden fixture (fast; every template)


@pytest.fixture(scope="module")
def golden():
    return load_content(GOLDEN, relative_to=ROOT)


def _outputs(content):
    for name in sorted(pages.FRAGMENTS):
        yield name, "x/", lambda lang, n=name: pages.render_fragment(n, content, lang, "x/")
    for p in pages.entity_pages(content):
        url = p.src_uri.removesuffix(".md") + "/"
        yield (f"{p.kind}-{p.ident}", url,
               lambda lang, p=p, u=url: pages.render_entity(p.kind, p.ident, content, lang, u))


def test_every_rendered_fragment_has_the_same_items_in_both_languages(golden):
    problems = []
    seen = 0
    for name, url, render in _outputs(golden):
        fr = items(str(render("fr")), whole=True, base="/" + url)
        ar = items(str(render("ar")), whole=True, base="/ar/" + url)
        seen += sum(fr.kinds.values())
        problems += [f"{name}: {d}" for d in differences(fr, ar)]
    assert problems == []
    assert seen > 300


def test_a_dropped_item_is_seen():
    """The comparison itself: one list entry fewer on one side is reported."""
    fr = items('<div class="snia"><ol><li id="r1">a</li><li id="r2">b</li></ol></div>')
    ar = items('<div class="snia"><ol><li id="r1">أ</li></ol></div>')
    found = differences(fr, ar)
    assert any("r2" in d for d in found) and any("'li'" in d for d in found)
    same = items('<div class="snia"><ol><li id="r1">أ</li><li id="r2">ب</li></ol></div>')
    assert differences(fr, same) == []
    # outside the site's blocks (the theme, the notice) is not compared
    assert items('<nav><li id="x">a</li></nav><div class="snia"></div>').ids == Counter()
