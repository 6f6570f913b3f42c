"""axe-core: zero violations of WCAG 2.0, 2.1 and 2.2 A/AA and of axe's best
practices on every page of both sites, on a desktop and a phone screen,
and in the states a reader opens (navigation drawer, search results)."""

from __future__ import annotations

import pytest

from .support import AXE_TAGS, DESKTOP, MOBILE, STABLE_JS

pytestmark = pytest.mark.browser

# Runs axe once the page is still (support.STABLE_JS: fonts loaded, no
# transition or animation running: colours are measured at rest, never
# mid-fade). Only violations are collected (faster).
_AXE_RUN = """async (tags) => {
  const stable = """ + STABLE_JS + """;
  if (!(await stable())) throw new Error('the page never stopped animating');
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map(n => ({
      target: n.target.join(' '),
      summary: (n.failureSummary || '').split('\\n').slice(0, 2).join(' ').trim(),
    })),
  }));
}"""


def violations(page, where: str) -> list[str]:
    return [f"{where}: {v['id']} ({v['impact']}) at {n['target']}: {n['summary']}"
            for v in page.evaluate(_AXE_RUN, AXE_TAGS) for n in v["nodes"]]


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280px", "375px"])
def test_axe_every_page(browser, site_url, site_pages, axe_script, viewport):
    # one context and one page object per width: a page load and one axe run
    # each (about 1 s a page on two cores)
    context = browser.new_context(viewport=viewport)
    context.add_init_script(path=axe_script)
    page = context.new_page()
    found: list[str] = []
    try:
        for path in site_pages:
            page.goto(site_url + path)
            found += violations(page, "/" + path)
    finally:
        context.close()
    assert not found, (f"{len(found)} axe violation(s) at {viewport['width']}px:\n"
                       + "\n".join(found))


@pytest.mark.parametrize("site", ["", "ar/"], ids=["fr", "ar"])
def test_axe_open_drawer_and_search(browser, site_url, axe_script, site):
    """What a page load does not show: the navigation drawer with a section
    opened (phone), the search dialog with results (phone and desktop)."""
    found: list[str] = []
    for viewport in (MOBILE, DESKTOP):
        # Results arrive one query per key typed and fade in: with reduced
        # motion (Material then turns transitions off) and STABLE_JS before
        # each axe run, contrast is measured on the final colours.
        context = browser.new_context(viewport=viewport, reduced_motion="reduce")
        context.add_init_script(path=axe_script)
        page = context.new_page()
        try:
            if viewport is MOBILE:
                page.goto(site_url + site)
                page.click(".md-header label[for='__drawer']")
                found += violations(page, f"/{site} drawer open")
                page.locator(".md-nav--primary label.md-nav__link[for^='__nav_']").first.click()
                found += violations(page, f"/{site} drawer, section open")
                page.goto(site_url + site)
                page.click(".md-header label[for='__search']")
            else:
                page.goto(site_url + site)
                page.click(".md-search__input")
            page.keyboard.type("GLO.ACT")
            page.keyboard.press("End")
            page.wait_for_selector(".md-search-result__link")
            # the results fade in: violations() waits until they are still
            found += violations(page, f"/{site} search results at {viewport['width']}px")
        finally:
            context.close()
    assert not found, "\n".join(found)
