"""The Arabic site draws its text with its own cut of Noto Naskh Arabic
(scripts/subset_fonts.py): the regular face preloaded, the bold one when a
page uses it, never the full faces (those are for the PDF)."""

from __future__ import annotations

import pytest

from .support import MOBILE, settle

pytestmark = pytest.mark.browser


def test_arabic_home_uses_the_site_cut_of_the_font(browser, site_url):
    context = browser.new_context(viewport=MOBILE)
    try:
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url))
        page.goto(site_url + "ar/")
        settle(page)
        fonts = sorted(u.rsplit("/", 1)[1] for u in asked if u.endswith(".woff2"))
        assert fonts == ["noto-naskh-arabic-400-site.woff2", "noto-naskh-arabic-700-site.woff2"], fonts
        loaded = page.evaluate("""() => [...document.fonts].filter(f => f.family.includes('Noto Naskh Arabic')
                                  && f.status === 'loaded').map(f => f.weight).sort()""")
        assert loaded == ["400", "700"], loaded
        # the title is drawn in the face: its width differs from the fallback's
        same = page.evaluate("""() => {
            const c = document.createElement('canvas').getContext('2d');
            const t = document.querySelector('h1').textContent;
            c.font = '24px "Noto Naskh Arabic"'; const a = c.measureText(t).width;
            c.font = '24px serif'; const b = c.measureText(t).width;
            return Math.abs(a - b) < 1; }""")
        assert not same
    finally:
        context.close()
