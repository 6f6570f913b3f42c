"""The language selector's font: the bold Noto Naskh Arabic cut down to the
letters of the Arabic site's name in the French header («العربية», from
``extra.alternate`` in mkdocs.yml), so a French page does not download the
whole Arabic face (53 KB) for one word: about 3 KB.

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


def arabic_name() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extra = yaml.safe_load("extra:\n" + text.split("\nextra:\n", 1)[1].split("\n\n", 1)[0])["extra"]
    return next(a["name"] for a in extra["alternate"] if a["lang"] == "ar")


def main() -> int:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=arabic_name())
    font = TTFont(SOURCE, recalcTimestamp=False)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(TARGET)
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size} octets", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
