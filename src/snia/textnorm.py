"""Word folding shared by the translation checks (and mirrored, for search,
by ``overrides/assets/javascripts/lunr/min/snia.js``).

* case and Latin accents folded: ``Coopération`` == ``cooperation``;
* Arabic: diacritics and tatweel removed, أ إ آ ٱ -> ا, ى -> ي, ة -> ه;
* Arabic clitics و ف ب ل ك and the article ال peeled off one at a time:
  :func:`stem` returns the last form of that chain, so ``والشراكات``,
  ``الشراكات`` and ``شراكات`` share one stem.
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = re.compile(r"[\u0622\u0623\u0625\u0671]")
_ARABIC = re.compile(r"^[\u0600-\u06ff]")
_WORD = re.compile(r"[^\W_]+(?:[.’'\-][^\W_]+)*")
CLITICS = "وفبلك"
ARTICLE = "ال"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = _MARKS.sub("", text)
    text = _ALEF.sub("ا", text).replace("ى", "ي").replace("ة", "ه")
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    return text.lower()


def chain(word: str) -> list[str]:
    out = [word]
    if not _ARABIC.match(word):
        return out
    while True:
        if len(word) > 3 and word.startswith(ARTICLE):
            word = word[2:]
        elif len(word) > 3 and word[0] in CLITICS:
            word = word[1:]
        else:
            return out
        out.append(word)


def stem(word: str) -> str:
    return chain(fold(word))[-1]


def words(text: str) -> list[str]:
    """The words of ``text``, folded and stemmed."""
    return [chain(w)[-1] for w in _WORD.findall(fold(text))]


def contains_phrase(text_words: list[str], phrase: str) -> bool:
    target = words(phrase)
    if not target:
        return False
    n = len(target)
    return any(text_words[i : i + n] == target for i in range(len(text_words) - n + 1))


# --------------------------------------------------------------------------
# Numbers written in digits

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d{3}(?!\d))*")


def numbers(text: str) -> list[int]:
    """Every number written in digits, thousands separators removed, sorted."""
    text = text.translate(_ARABIC_DIGITS)
    out = []
    for m in _NUMBER.finditer(text):
        out.append(int(re.sub(r"\D", "", m.group(0))))
    return sorted(out)
