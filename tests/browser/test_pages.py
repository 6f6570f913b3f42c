"""The site as a reader meets it in Chromium: the language selector, right to
left Arabic pages that fit a phone, keyboard-only access to the search and
the language selector, and no request leaving 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .support import DESKTOP, MOBILE, is_arabic, search_ui

pytestmark = pytest.mark.browser


def path_of(page) -> str:
    return urlsplit(page.url).path


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280px", "375px"])
def test_language_selector_switches_to_the_same_page_and_back(guarded, site_url, viewport):
    context, _ = guarded(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + "projets/glo-act/")
    for lang, expected in (("ar", "/ar/projets/glo-act/"), ("fr", "/projets/glo-act/")):
        page.hover(".md-select")  # the list opens on hover (or focus)
        with page.expect_navigation():
            page.click(f".md-select__link[hreflang={lang}]")
        assert path_of(page) == expected, f"selector {lang} led to {page.url}"
        assert page.evaluate("document.documentElement.lang") == lang


def test_arabic_pages_are_rtl_and_fit_a_phone(browser, site_url, site_pages):
    """Every page at 375 px: Arabic ones right to left (``dir`` on <html>,
    computed direction of the body), French ones left to right; no page
    scrolls sideways."""
    context = browser.new_context(viewport=MOBILE)  # unrouted: the HTTP cache works
    page = context.new_page()
    problems = []
    for path in site_pages:
        page.goto(site_url + path)
        state = page.evaluate("""() => ({
            dir: document.documentElement.getAttribute('dir'),
            body: getComputedStyle(document.body).direction,
            scroll: document.documentElement.scrollWidth,
            width: document.documentElement.clientWidth,
            wide: document.documentElement.scrollWidth <= document.documentElement.clientWidth ? []
                : [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                                 || e.getBoundingClientRect().left < -1)
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')),
        })""")
        direction = "rtl" if is_arabic(path) else "ltr"
        if state["dir"] != direction or state["body"] != direction:
            problems.append(f"/{path}: <html dir={state['dir']!r}>, body direction "
                            f"{state['body']!r}, expected {direction!r}")
        if state["scroll"] > state["width"]:
            problems.append(f"/{path}: scrolls sideways at 375 px ({state['scroll']} > "
                            f"{state['width']} px; wide: {state['wide']})")
    context.close()
    assert not problems, "\n".join(problems)


_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  return {
    what: e.matches('.md-search__input') ? 'search'
        : e.matches('label[for=__search]') ? 'search-toggle'
        : e.matches('.md-select > button') ? 'language' : null,
    html: e.outerHTML.slice(0, 120),
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
             && r.top < innerHeight && r.left < innerWidth,
  };
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280px", "375px"])
@pytest.mark.parametrize("site", ["", "ar/"], ids=["fr", "ar"])
def test_keyboard_reaches_search_and_language_selector(guarded, site_url, site, viewport):
    context, _ = guarded(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + site + "projets/glo-act/")
    reached, path = {}, []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        path.append(focused["html"] if focused else "<body>")
        if focused and focused["what"] and focused["visible"]:
            reached.setdefault("search" if focused["what"].startswith("search") else "language",
                               len(path))
        if len(reached) == 2:
            break
    assert set(reached) == {"search", "language"}, (
        f"40 presses of Tab reached {sorted(reached) or 'neither'} of search and language "
        "selector (visible when focused); focus went through:\n" + "\n".join(path))

    # and the selector works from the keyboard: Tab to the other language, Enter
    page.goto(site_url + site + "projets/glo-act/")
    other = "fr" if site else "ar"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('.md-select__link[hreflang={other}]')"):
            break
    else:
        pytest.fail(f"Tab never reached the {other} link of the language selector")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == ("/projets/glo-act/" if site else "/ar/projets/glo-act/")


def test_no_request_leaves_127_0_0_1(guarded, site_url):
    """Browse pages of both languages at both widths, search, switch
    language: every request (the search worker's too) stays on 127.0.0.1."""
    problems = []
    seen = []
    for viewport in (DESKTOP, MOBILE):
        context, guard = guarded(viewport=viewport)
        page = context.new_page()
        page.on("request", lambda request: seen.append(request.url))
        for path in ("", "projets/glo-act/", "partenaires/oim/", "programmes/09/", "glossaire/",
                     "ar/", "ar/projets/glo-act/", "ar/programmes/09/", "ar/chiffres-cles/",
                     "page-qui-n-existe-pas/"):
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
        if viewport is DESKTOP:
            search_ui(page, site_url, "cooperation")
            search_ui(page, site_url + "ar/", "الشراكات")
            page.goto(site_url + "projets/glo-act/")
            page.hover(".md-select")
            with page.expect_navigation():
                page.click(".md-select__link[hreflang=ar]")
            page.wait_for_load_state("networkidle")
        problems += guard.outside
        seen += guard.seen
    outside = sorted({url for url in seen if urlsplit(url).hostname != "127.0.0.1"
                      and not url.startswith(("data:", "blob:"))})
    assert not problems and not outside, (
        "requests leaving 127.0.0.1:\n" + "\n".join(sorted(set(problems) | set(outside))))
    # the recorder did see the site's own traffic, worker and fonts included
    for needed in ("search/search_index.json", "ar/search/search_index.json",
                   "assets/javascripts/lunr/min/snia.js", "/workers/search.", ".woff2"):
        assert any(needed in url for url in seen), f"no request for {needed} was recorded"


def test_no_request_of_the_site_fails(guarded, site_url):
    context, _ = guarded()
    page = context.new_page()
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    for path in ("", "projets/glo-act/", "ar/", "ar/projets/glo-act/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert not failed, "requests of the site that failed:\n" + "\n".join(failed)
