"""Checks of every text value of a content file, before the model sees it.

* invisible characters: bidirectional controls (U+202A–202E, U+2066–2069)
  reorder what readers see and leak out of their element; the direction
  marks U+200E/U+200F/U+061C are accepted in Arabic text only, where a
  passage in Latin letters or digits may need one;
  zero-width characters hide inside words and break search; the zero-width
  non-joiner (U+200C) is accepted in Arabic text only, where a word may need
  it;
* a text of spaces only (or invisible characters only);
* a text longer than its kind needs: a name or title, a paragraph.

(A text cut by a `` #`` comment is reported by :mod:`snia.yamlsafe`.)

Each problem is a :class:`~snia.yamlsafe.Problem` at the value's
file:line:column, in French.
"""

from __future__ import annotations

import re

from .yamlsafe import Document, Problem, field_name

BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
# Direction marks (LRM, RLM, ALM) change nothing around them; an Arabic text
# mixing Latin words or numbers may need one, a French text never does.
MARKS = {"\u200e", "\u200f", "\u061c"}
ZERO_WIDTH = {"\u200b", "\u200d", "\u2060", "\ufeff", "\u180e", "\u00ad"}
ZWNJ = "\u200c"

# The longest value of each kind of text (characters).
SHORT_TEXT = 300
LONG_TEXT = 5000
SHORT_FIELDS = {
    "name", "full_name", "title", "heading", "label", "term", "group", "places", "country",
    "strategy", "acronym", "variants_fr", "variants_ar", "publisher", "licence", "contact",
}
MAX_FILE_BYTES = 1_000_000


def _kind(path: tuple) -> str | None:
    """The field a value belongs to, skipping ``fr``/``ar`` and list indexes."""
    for part in reversed(path):
        if isinstance(part, str) and part not in ("fr", "ar"):
            return part
    return None


def _limit(path: tuple) -> tuple[int, str]:
    if _kind(path) in SHORT_FIELDS:
        return SHORT_TEXT, "un nom ou un titre"
    return LONG_TEXT, "un paragraphe"


def text_problems(doc: Document) -> list[Problem]:
    """Problems of the text values of ``doc``."""
    problems: list[Problem] = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))
        elif isinstance(value, str):
            problems.extend(_one(doc, path, value))

    walk(doc.data, ())
    return problems


# any character the checks below look at
_SPECIAL = re.compile("[" + "".join(sorted(BIDI | MARKS | ZERO_WIDTH | {ZWNJ})) + "]")


def _one(doc: Document, path: tuple, value: str) -> list[Problem]:
    limit, kind = _limit(path)
    if len(value) <= limit and _SPECIAL.search(value) is None and (value.strip() or not value):
        return []  # what nearly every text is: nothing below would report it
    where = doc.locate(path)
    field = field_name(path)
    out: list[Problem] = []
    arabic = bool(path) and path[-1] == "ar"
    for ch in sorted({c for c in value if c in BIDI}):
        out.append(Problem(where, field, f"caractère de contrôle bidirectionnel invisible "
                                         f"U+{ord(ch):04X} : supprimez-le (le site donne lui-même "
                                         "le sens de lecture de chaque langue)"))
    for ch in sorted({c for c in value if c in ZERO_WIDTH}):
        out.append(Problem(where, field, f"caractère invisible U+{ord(ch):04X} : supprimez-le "
                                         "(il se cache dans les mots et gêne la recherche)"))
    for ch in sorted({c for c in value if c in MARKS} if not arabic else ()):
        out.append(Problem(where, field, f"marque de direction invisible U+{ord(ch):04X} : elle "
                                         "n'est acceptée que dans un texte arabe (`ar:`), où un "
                                         "passage en lettres latines ou en chiffres peut en avoir "
                                         "besoin ; supprimez-la ici"))
    if ZWNJ in value and not arabic:
        out.append(Problem(where, field, "caractère invisible U+200C (antiliant sans chasse) : "
                                         "il n'est accepté que dans un texte arabe (`ar:`), où un "
                                         "mot peut en avoir besoin ; supprimez-le ici"))
    visible = "".join(c for c in value
                      if c not in BIDI and c not in MARKS and c not in ZERO_WIDTH and c != ZWNJ)
    if value and not visible.strip():
        out.append(Problem(where, field, "le texte ne contient que des espaces ou des caractères "
                                         "invisibles : écrivez-le, ou supprimez la clé quand "
                                         "l'information est inconnue"))
    if len(value) > limit:
        out.append(Problem(where, field, f"{len(value)} caractères : c'est trop pour {kind} "
                                         f"({limit} au plus) ; raccourcissez le texte ou "
                                         "coupez-le en plusieurs"))
    return out
