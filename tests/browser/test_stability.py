"""The browser tests measure pages at rest: ``settle`` waits for a fade to
end (no fixed sleep), so a colour is never read mid-transition."""

from __future__ import annotations

import pytest

from .support import settle

pytestmark = pytest.mark.browser

_FADING = """<!doctype html><html lang="fr"><title>t</title>
<style>#r{opacity:0;transition:opacity 600ms linear}#r.in{opacity:1}</style>
<p id="r">résultat</p>"""


def test_settle_waits_for_a_fade_in_to_end(browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content(_FADING)
        page.evaluate("document.getElementById('r').classList.add('in')")
        mid = page.evaluate("getComputedStyle(document.getElementById('r')).opacity")
        settle(page)
        end = page.evaluate("getComputedStyle(document.getElementById('r')).opacity")
        assert float(mid) < 1  # the fade was running when we looked first
        assert end == "1"
    finally:
        context.close()
