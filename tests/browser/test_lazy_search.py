"""The search index is downloaded when the reader goes to search, not on
every first visit (overrides/assets/javascripts/snia-search-lazy.js), and
search then works as before."""

from __future__ import annotations

import pytest

from .support import DESKTOP, MOBILE, search_ui

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix, query, expected", [
    ("", "cooperation", "programmes/09/"),
    ("ar/", "الشراكات", "ar/a-propos/"),
], ids=["fr", "ar"])
def test_index_waits_for_the_reader_then_search_works(browser, site_url, prefix, query, expected):
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url))
        page.goto(site_url + prefix + "programmes/09/")
        page.wait_for_load_state("networkidle")
        assert any("/workers/search." in u for u in asked), "Material's search worker did not start"
        assert not [u for u in asked if "search_index.json" in u], "index loaded before any search"
        _meta, found = search_ui(page, site_url + prefix, query)
        assert [u for u in asked if u.endswith(prefix + "search/search_index.json")]
        assert expected in found, found
    finally:
        context.close()


def test_mobile_search_button_loads_the_index(browser, site_url):
    context = browser.new_context(viewport=MOBILE, has_touch=True)
    try:
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url))
        page.goto(site_url + "ar/")
        page.wait_for_load_state("networkidle")
        assert not [u for u in asked if "search_index.json" in u]
        with page.expect_request(lambda r: "search_index.json" in r.url):
            page.tap('label[for="__search"].md-header__button')
    finally:
        context.close()


def test_a_highlight_address_loads_the_index(browser, site_url):
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        with page.expect_request(lambda r: "search_index.json" in r.url):
            page.goto(site_url + "programmes/09/?h=cooperation")
    finally:
        context.close()
