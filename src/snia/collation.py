"""pyuca's collator, reading only the part of its table a build needs.

``pyuca.Collator()`` parses its whole Unicode table (30,000 lines, every
script) when it is made: about a tenth of a second, in every build, to sort
the glossary's few hundred words. :class:`LazyCollator` reads the table once
as text and builds the collation entries of a character only when a string
holding it is sorted: an entry (one character, or a contraction of several)
is added once every one of its characters has been seen. A lookup of a
string only ever walks entries made of that string's characters, so every
sort key is exactly pyuca's (a test compares them).
"""

from __future__ import annotations

import os.path
import re
import unicodedata
from collections import defaultdict

import pyuca
from pyuca.collator import COLL_ELEMENT_PATTERN
from pyuca.trie import Trie
from pyuca.utils import hexstrings2int


# a line of the table: its characters (hex), then its weights before any comment
_LINE = re.compile(r"^([0-9A-F]{4,6})((?: [0-9A-F]{4,6})*) *;([^#\n]*)", re.M)
_IMPLICIT = re.compile(r"^@implicitweights\s+([0-9A-F]+)\.\.([0-9A-F]+);\s*([0-9A-F]+)", re.M)


class LazyCollator(pyuca.Collator):
    def __init__(self, filename: str | None = None):
        self.table = Trie()
        self.implicit_weights = []
        self._seen: set[int] = set()
        if filename is None:
            filename = os.path.join(os.path.dirname(pyuca.__file__), f"allkeys-{self.UCA_VERSION}.txt")
        self.load(filename)

    def load(self, filename):
        with open(filename, encoding="utf-8") as keys_file:
            text = keys_file.read()
        self.implicit_weights = [[int(a, 16), int(b, 16), int(c, 16)] for a, b, c in _IMPLICIT.findall(text)]
        found = _LINE.findall(text)
        # one character: by its hex code; contractions: under each of their characters
        self._single = {first: weights for first, more, weights in found if not more}
        self._multi: dict[int, list[tuple[tuple[int, ...], str]]] = defaultdict(list)
        for first, more, weights in found:
            if more:
                chars = tuple(int(h, 16) for h in (first + more).split())
                for c in set(chars):
                    self._multi[c].append((chars, weights))
        self._added: set[tuple[int, ...]] = set()

    def _add(self, chars: tuple[int, ...], weights: str) -> None:
        elements = [hexstrings2int(m.groups()) for m in COLL_ELEMENT_PATTERN.finditer(weights.strip())]
        self.table.add(list(chars), elements)

    def _learn(self, codepoints: set[int]) -> None:
        new = codepoints - self._seen
        if not new:
            return
        self._seen |= new
        for cp in new:
            weights = self._single.get(f"{cp:04X}")
            if weights is not None:
                self._add((cp,), weights)
        # contractions whose characters have all been seen now
        for cp in new:
            for chars, weights in self._multi.get(cp, ()):
                if chars not in self._added and all(c in self._seen for c in chars):
                    self._added.add(chars)
                    self._add(chars, weights)

    def sort_key(self, string):
        self._learn({ord(ch) for ch in unicodedata.normalize("NFD", string)})
        return super().sort_key(string)
