"""The report as a member of the public reads it (issue 10), in Chromium, in
both languages, on a phone (375 px) and a desktop (1280 px): nothing wider
than its column, no word broken inside itself in a table or a card, a table
of contents on every generated page with sections, the language switch
landing on the same section, one translation notice at most, no single date
shown as a range, the guide nowhere in the navigation, a description per
page."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .support import DESKTOP, MOBILE, is_arabic

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(MOBILE, id="375px"), pytest.param(DESKTOP, id="1280px")]

# What one page tells, measured in the page once it has loaded.
_MEASURE = r"""() => {
  const out = {};
  const content = document.querySelector('.md-content__inner');
  const box = content.getBoundingClientRect();
  // tables, figures, card lists, side boxes: none wider than the column
  out.wide = [];
  for (const el of content.querySelectorAll('table, figure, svg, .snia-table-wrap, ul.snia-key-figures, ul.snia-cards, ul.snia-project-cards, dl, pre')) {
    if (!el.getClientRects().length || el.closest('details:not([open])')) continue;  // not shown
    const r = el.getBoundingClientRect();
    const inner = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
    if (r.left < box.left - 1 || r.right > box.right + 1 || inner) {
      out.wide.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.width) + '/' + Math.round(box.width));
    }
  }
  // words broken inside themselves in table cells and cards
  out.broken = [];
  const cells = content.querySelectorAll('td, th, .snia-project-cards li, .snia-key-figures li, .snia-cards li');
  for (const cell of cells) {
    if (!cell.getClientRects().length || cell.closest('details:not([open])')) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // a word: letters and digits between spaces and hyphens (a line may
      // break after a hyphen, as in "Sud-Sud", never inside "Espagnole")
      const re = /[^\s\-\u2010\u2011\u2013]+/g; let m;
      while ((m = re.exec(node.data)) && out.broken.length < 5) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) out.broken.push(m[0]);
      }
    }
  }
  out.sections = [...content.querySelectorAll('h2[id]')].length;
  out.toc = document.querySelectorAll('nav.md-nav--secondary a.md-nav__link').length;
  out.notices = document.querySelectorAll('.snia-notice').length;
  out.whens = [...document.querySelectorAll('.snia-when')].map(e => e.textContent);
  out.description = (document.querySelector('meta[name=description]') || {}).content || '';
  out.navGuide = [...document.querySelectorAll('.md-nav--primary a')].filter(a => /guide/.test(a.getAttribute('href'))).length;
  return out;
}"""

GENERATED = re.compile(r"^(ar/)?(programmes|partenaires|projets)/[^/]+/$")


def _single_date_as_range(text: str) -> bool:
    text = text.strip()
    return bool(re.search(r"\b\d{4}[-–]\d{2}([-–]\d{2})?\b|\b\d{2}[-–]\d{4}\b", text))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_reads_well(browser, site_url, site_pages, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems: list[str] = []
    descriptions: dict[str, str] = {}
    toc_checked = 0
    for path in site_pages:
        if path.endswith("404.html"):
            continue
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        m = page.evaluate(_MEASURE)
        if m["wide"]:
            problems.append(f"/{path}: wider than the column: {m['wide'][:3]}")
        # (the downloads page's file names are its own table's business: issue 14)
        if m["broken"] and "telechargements/" not in path:
            problems.append(f"/{path}: words broken inside a cell: {m['broken']}")
        if GENERATED.match(path) and m["sections"] >= 2:
            toc_checked += 1
            if m["toc"] < 2:
                problems.append(f"/{path}: {m['sections']} sections but {m['toc']} table-of-contents links")
        if m["notices"] > (1 if is_arabic(path) else 0):
            problems.append(f"/{path}: {m['notices']} translation notices")
        for w in m["whens"]:
            if _single_date_as_range(w):
                problems.append(f"/{path}: a single date shown as a range: {w!r}")
        if m["navGuide"]:
            problems.append(f"/{path}: the guide is in the navigation")
        d = m["description"]
        if len(d) < 20 or d in descriptions:
            problems.append(f"/{path}: description {d!r} (also /{descriptions.get(d)})")
        descriptions[d] = path
    context.close()
    assert toc_checked > 50, toc_checked
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("start, anchor, expected", [
    ("programmes/09/", "recommandations", "/ar/programmes/09/"),
    ("ar/projets/glo-act/", "description", "/projets/glo-act/"),
    ("glossaire/", "termes", "/ar/glossaire/"),
], ids=["fr-to-ar", "ar-to-fr", "narrative"])
def test_language_switch_keeps_the_section(guarded, site_url, viewport, start, anchor, expected):
    context, _ = guarded(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + start + "#" + anchor)
    page.wait_for_load_state("load")
    target = "fr" if start.startswith("ar/") else "ar"
    # the switch names the other language in words
    name = page.text_content(".snia-lang-name").strip()
    assert name == ("Français" if target == "fr" else "العربية")
    page.hover(".md-select")
    with page.expect_navigation():
        page.click(f".md-select__link[hreflang={target}]")
    parts = urlsplit(page.url)
    assert (parts.path, parts.fragment) == (expected, anchor), page.url
    assert page.evaluate("id => !!document.getElementById(id)", anchor), f"no #{anchor} on {page.url}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["", "ar/"], ids=["fr", "ar"])
def test_projects_overview_is_a_table_on_desktop_and_cards_on_phones(browser, site_url, viewport, lang):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + lang + "projets/")
    shown = page.evaluate("""() => ({
      table: document.querySelector('table.snia-projects').getClientRects().length > 0,
      cards: document.querySelector('ul.snia-project-cards').getClientRects().length > 0,
      rows: document.querySelectorAll('table.snia-projects tbody tr').length,
      items: document.querySelectorAll('ul.snia-project-cards > li').length,
    })""")
    context.close()
    assert shown["rows"] == shown["items"] > 20
    assert (shown["table"], shown["cards"]) == ((True, False) if viewport is DESKTOP else (False, True))
