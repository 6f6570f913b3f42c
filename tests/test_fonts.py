"""The Arabic site's font cuts (scripts/subset_fonts.py) hold every letter the
site shows in Arabic: the content, the interface labels and the Arabic pages.
A letter left out of the cut would fall back to another font in the middle of
a word."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "overrides" / "assets" / "fonts"
sys.path.insert(0, str(ROOT / "scripts"))

from subset_fonts import SITE_RANGES, site_face  # noqa: E402


def site_texts() -> list[Path]:
    files = sorted((ROOT / "content").rglob("*.yml")) + sorted((ROOT / "docs" / "ar").rglob("*.md"))
    files += [ROOT / "src" / "snia" / "ui.yml", ROOT / "mkdocs.ar.yml", ROOT / "overrides" / "404.html"]
    return files


@pytest.mark.parametrize("weight", [400, 700])
def test_site_face_holds_every_arabic_letter_the_site_uses(weight):
    full = TTFont(FONTS / f"noto-naskh-arabic-arabic-{weight}-normal.woff2").getBestCmap()
    cut = TTFont(site_face(weight)).getBestCmap()
    used = {c for path in site_texts() for c in path.read_text(encoding="utf-8")}
    # what the full face would draw is what the cut must draw
    wanted = {c for c in used if ord(c) in full and not c.isascii() and c != "\u00a0"}
    assert len(wanted) > 30  # the Arabic alphabet at least: the scan did read the texts
    missing = sorted(f"U+{ord(c):04X}" for c in wanted if ord(c) not in cut)
    assert not missing, missing
    # and the cut is what snia.css announces: no range without its letters
    assert all(ord(c) in cut for c in "ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءآأإؤئ")
    assert site_face(weight).stat().st_size < 0.6 * (FONTS / f"noto-naskh-arabic-arabic-{weight}-normal.woff2").stat().st_size


def test_css_unicode_range_is_the_cut():
    css = (ROOT / "overrides" / "assets" / "snia.css").read_text(encoding="utf-8")
    expected = ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in SITE_RANGES)
    faces = re.findall(r'src: url\("fonts/noto-naskh-arabic-(\d+)-site\.woff2"\)[^;]*;\s*unicode-range: ([^;]+);', css)
    assert sorted(w for w, _r in faces) == ["400", "700"]
    for _w, ranges in faces:
        assert " ".join(ranges.split()) == expected
