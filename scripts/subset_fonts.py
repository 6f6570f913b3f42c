"""The site's cuts of Noto Naskh Arabic, from the full faces beside them
(``noto-naskh-arabic-arabic-{400,700}-normal.woff2``, @fontsource's
"arabic" subset, which the PDF keeps using):

* the Arabic site's faces (``noto-naskh-arabic-{400,700}-site.woff2``):
  the Arabic block, Arabic Supplement, Presentation Forms-B and the joiners
  and marks Arabic text uses (``SITE_RANGES``, also the ``unicode-range`` of
  snia.css). Left out: Presentation Forms-A (U+FB50-FDFF: Persian and Urdu
  forms, ligatures such as U+FDFA) and Arabic Extended-A/B, which modern
  Arabic text does not type: 27 KB a weight instead of 53 KB, on every first
  visit of the Arabic site. A test checks that every Arabic letter of the
  content, the interface and the Arabic pages is in them;
* the language selector's font: the bold face cut down to the letters of
  the Arabic site's name in the French header («العربية», from
  ``extra.alternate`` in mkdocs.yml), so a French page does not download the
  Arabic face for one word: about 3 KB.

    python scripts/subset_fonts.py      # after the name or the font changes

Same licence as the font (SIL OFL 1.1, fonts/LICENSE-NotoNaskhArabic.txt; Noto
declares no reserved font name), fontTools' subsetter keeps the letters'
joining forms (GSUB closure).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "overrides" / "assets" / "fonts"
SOURCE = FONTS / "noto-naskh-arabic-arabic-700-normal.woff2"
TARGET = FONTS / "noto-naskh-arabic-700-language-name.woff2"
# what the Arabic site's faces hold (keep snia.css's unicode-range in step)
SITE_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x200C, 0x200F), (0x2010, 0x2011),
               (0x204F, 0x204F), (0x2E41, 0x2E41), (0xFE70, 0xFEFF))


def site_face(weight: int) -> Path:
    return FONTS / f"noto-naskh-arabic-{weight}-site.woff2"


def arabic_name() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extra = yaml.safe_load("extra:\n" + text.split("\nextra:\n", 1)[1].split("\n\n", 1)[0])["extra"]
    return next(a["name"] for a in extra["alternate"] if a["lang"] == "ar")


def cut(source: Path, target: Path, *, text: str = "", unicodes: list[int] = ()) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text, unicodes=list(unicodes))
    font = TTFont(source, recalcTimestamp=False)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size} octets", file=sys.stderr)


def main() -> int:
    for weight in (400, 700):
        cut(FONTS / f"noto-naskh-arabic-arabic-{weight}-normal.woff2", site_face(weight),
            unicodes=[c for a, b in SITE_RANGES for c in range(a, b + 1)])
    cut(SOURCE, TARGET, text=arabic_name())
    return 0


if __name__ == "__main__":
    sys.exit(main())
