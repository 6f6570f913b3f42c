"""Word folding shared by the translation checks and, for search, mirrored
line for line by ``overrides/assets/javascripts/lunr/min/snia.js`` (the
cases both must agree on: ``tests/search_forms.json``).

* case and Latin accents folded: ``Coopération`` == ``cooperation``;
* Arabic: diacritics and tatweel removed, أ إ آ ٱ -> ا, ى -> ي, ة -> ه;
* Arabic clitics و ف ب ل ك and the article ال peeled off one at a time
  (never the article from a word that starts with آ: ``آليات`` is not
  ``ال`` + ``يات``): :func:`stem` returns the last form of that chain, so
  ``والشراكات``, ``الشراكات`` and ``شراكات`` share one stem;
* :func:`light_stem`: Arabic sound plurals and feminine ending, French
  plural and feminine (search only).
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = re.compile(r"[\u0623\u0625\u0671]")
_ARABIC = re.compile(r"^[\u0600-\u06ff]")
_WORD = re.compile(r"[^\W_]+(?:[.’'\-][^\W_]+)*")
CLITICS = "وفبلك"
ARTICLE = "ال"
MADDA = "\u0622"


def fold_keep_madda(text: str) -> str:
    """Folded, except that آ stays (so :func:`chain` does not read a word's
    initial آ as the article)."""
    text = unicodedata.normalize("NFKD", text).replace("\u0627\u0653", MADDA)
    text = _MARKS.sub("", text)
    text = _ALEF.sub("ا", text).replace("ى", "ي").replace("ة", "ه")
    # lower case first: Œ and Æ are then œ and æ (as in snia.js)
    return text.lower().replace("œ", "oe").replace("æ", "ae")


def fold(text: str) -> str:
    return fold_keep_madda(text).replace(MADDA, "ا")


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


def trim_edges(word: str) -> str:
    """What is neither a letter nor a digit, removed from both ends."""
    start, end = 0, len(word)
    while start < end and not _is_word_char(word[start]):
        start += 1
    while end > start and not _is_word_char(word[end - 1]):
        end -= 1
    return word[start:end]


def fold_token(word: str) -> str:
    """One word as search folds it (``lunr.sniaFold``)."""
    return trim_edges(fold(word))


def chain(word: str) -> list[str]:
    """The word and each form left by peeling one clitic or the article;
    ``word`` folded by :func:`fold_keep_madda` (or :func:`fold`, which loses
    the initial آ); the forms come out fully folded."""
    out = [word]
    if _ARABIC.match(word):
        while True:
            if len(word) > 3 and word.startswith(ARTICLE):
                word = word[2:]
            elif len(word) > 3 and word[0] in CLITICS:
                word = word[1:]
            else:
                break
            out.append(word)
    return [form.replace(MADDA, "ا") for form in out]


def stem(word: str) -> str:
    return chain(fold_keep_madda(word))[-1]


def words(text: str) -> list[str]:
    """The words of ``text``, folded and stemmed."""
    return [chain(w)[-1] for w in _WORD.findall(fold_keep_madda(text))]


# --------------------------------------------------------------------------
# Search (the twin of snia.js: index terms, light stem, query terms)

_AR_WORD = re.compile(r"^[\u0621-\u064a]+\Z")
_FR_WORD = re.compile(r"^[a-z]+\Z")
_AR_SUFFIXES = ("ات", "ين", "ون", "ه")
STEM_MIN = 4
_DOUBLE = re.compile(r"([bcdfghjklmnpqrtvwz])\1\Z")
_SYNTAX = re.compile(r"[:^~\\+*]+")
_TERM = re.compile(r"^([+-]?)(.*?)(\*?)\Z", re.S)


def light_stem(word: str) -> str:
    """Light stem of a chain's last form: Arabic sound plurals and feminine
    ending (ات ين ون ة), French plural and feminine (s x aux e); the word
    itself when nothing applies or fewer than four letters would remain."""
    if _AR_WORD.match(word):
        for suffix in _AR_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= STEM_MIN:
                return word[: -len(suffix)]
        return word
    if not _FR_WORD.match(word) or len(word) <= STEM_MIN:
        return word
    s = word
    if s.endswith("eaux"):
        s = s[:-1]
    elif s.endswith("aux"):
        s = s[:-3] + "al"
    elif s[-1] in "sx" and not s.endswith("ss"):
        s = s[:-1]
    for _ in range(2):
        if s.endswith("e"):
            s = s[:-1]
    if _DOUBLE.search(s):
        s = s[:-1]
    return s if len(s) >= STEM_MIN else word


def index_terms(token: str, names: dict[str, list[str]] | None = None) -> list[str]:
    """What search indexes a token of the text as (``lunr.sniaIndexTerms``):
    its chain, the stem of the last form, the entity's other names."""
    folded = trim_edges(fold_keep_madda(token))
    if not folded:
        return []
    names = names or {}
    forms = chain(folded)
    stemmed = light_stem(forms[-1])
    for more in [stemmed] + names.get(forms[-1], []) + names.get(stemmed, []):
        if more not in forms:
            forms.append(more)
    return forms


def query_terms(query: str, separator: re.Pattern[str] | None = None,
                reduce: bool = False) -> str:
    """The lunr query a reader's query becomes (``lunr.sniaQuery``); with
    ``reduce``, one term a word, its stem (``lunr.sniaReduce``)."""
    separator = separator or re.compile(r"\s+")
    out: list[str] = []
    for term in re.split(r"\s+", query):
        presence, body, wild = _TERM.match(term).groups()
        for piece in separator.split(body):
            for sub in _SYNTAX.split(piece):
                folded = trim_edges(fold_keep_madda(sub))
                if not folded:
                    continue
                forms = chain(folded)
                last = forms[-1]
                if reduce:
                    out.append(presence + light_stem(last) + wild)
                    continue
                out.append(presence + last + wild)
                if presence:
                    continue
                extra = []
                if len(forms) > 1 and forms[-2].startswith(ARTICLE):
                    extra.append(forms[-2] + wild)
                stemmed = light_stem(last)
                if stemmed != last:
                    extra.append(stemmed)
                for e in extra:
                    if e not in out:
                        out.append(e)
    return " ".join(out)


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
