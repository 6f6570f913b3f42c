"""Helpers shared by the browser tests: the pages of a built site, browser
contexts that record (and refuse) every request leaving 127.0.0.1, and
Material's search driven the way a reader drives it."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 740}


def html_pages(site: Path) -> list[str]:
    """Every HTML page of both sites, as a URL path below the site root:
    ``""`` (French home), ``"projets/glo-act/"``, ``"ar/404.html"``..."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def is_arabic(page: str) -> bool:
    return page == "ar" or page.startswith("ar/")


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == "127.0.0.1"


class Guard:
    """Every request of a browser context: the ones leaving 127.0.0.1 are
    recorded in ``outside`` and aborted (context-level routing, which also
    sees the search worker's requests), all of them in ``seen``."""

    def __init__(self, context):
        self.context = context
        self.outside: list[str] = []
        self.seen: list[str] = []
        context.route("**/*", self._route)
        context.on("request", lambda request: self._record(request.url))

    def _record(self, url: str) -> None:
        self.seen.append(url)
        if not is_local(url) and url not in self.outside:
            self.outside.append(url)

    def _route(self, route) -> None:
        url = route.request.url
        self._record(url)
        if is_local(url):
            route.continue_()
        else:
            route.abort()


# --- A stable page: fonts loaded, transitions and animations finished --------

# Measuring a page while something fades in measures a colour that is on its
# way (a search result's meta line read 2.4:1 mid-fade). This waits, without
# any fixed sleep, until the fonts and images are loaded and no animation or CSS
# transition is running (``getAnimations()`` flushes styles, so transitions a
# change has just triggered are in the list), two frames in a row.
STABLE_JS = """async () => {
  await document.fonts.ready;
  // images loaded or failed (an injected <img onerror> has had its chance to run)
  await Promise.all([...document.images].filter(i => !i.complete).map(i => new Promise(r => {
    i.addEventListener('load', r, {once: true});
    i.addEventListener('error', r, {once: true});
  })));
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  let calm = 0;
  for (let i = 0; i < 200 && calm < 2; i++) {
    const running = document.getAnimations().filter(
      a => a.playState === 'running' || a.playState === 'pending');
    if (running.length) {
      calm = 0;
      await Promise.all(running.map(a => a.finished.catch(() => null)));
    } else {
      calm++;
    }
    await frame();
  }
  return calm >= 2;
}"""


def settle(page) -> None:
    """Wait until ``page`` is still: fonts loaded, no animation running."""
    assert page.evaluate(STABLE_JS), "the page never stopped animating"


# --- Material's search, as a reader uses it -------------------------------

_SETTLE = """async (placeholder) => {
  const meta = () => document.querySelector('.md-search-result__meta').textContent.trim();
  const items = () => document.querySelectorAll('.md-search-result__list > li').length;
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  // wait until the result list has stopped changing (French typing sends a
  // query per key; the last one answers last)
  let last = null, since = Date.now();
  const start = Date.now();
  for (;;) {
    const snap = meta() + '|' + items();
    if (snap !== last) { last = snap; since = Date.now(); }
    else if (meta() !== placeholder && Date.now() - since > 400) break;
    if (Date.now() - start > 20000) throw new Error('search never answered: ' + snap);
    await sleep(50);
  }
  // Material renders 10 results, then 4 more each time the list is scrolled
  // to its end: scroll until nothing more comes
  const wrap = document.querySelector('.md-search__scrollwrap');
  let count = items(), same = 0;
  while (same < 3) {
    wrap.scrollTop = 0; await sleep(30);
    wrap.scrollTop = wrap.scrollHeight; await sleep(70);
    const now = items();
    if (now === count) same++; else { count = now; same = 0; }
  }
  return {
    meta: meta(),
    hrefs: [...document.querySelectorAll('.md-search-result__link')].map(a => a.href),
  };
}"""


def material_config(page) -> dict:
    """Material's ``__config`` of the loaded page (translations, search worker)."""
    return json.loads(page.text_content("#__config"))


def search_ui(page, url: str, query: str) -> tuple[str, list[str]]:
    """Open ``url``, type ``query`` into the search box, and return the
    result count line and the pages found (URL paths below the server root,
    without ``?h=`` or anchors, best first)."""
    page.goto(url)
    placeholder = material_config(page)["translations"]["search.result.placeholder"]
    page.click(".md-search__input")
    # the worker has loaded the index once the placeholder replaces "initialising"
    page.wait_for_function(
        "p => document.querySelector('.md-search-result__meta').textContent.trim() === p",
        arg=placeholder,
    )
    page.keyboard.type(query)
    page.keyboard.press("End")  # typing Arabic sends no key event; Material reads on keyup
    result = page.evaluate(_SETTLE, placeholder)
    found: list[str] = []
    for href in result["hrefs"]:
        path = urlsplit(href).path.lstrip("/")
        if path not in found:
            found.append(path)
    return result["meta"], found
