"""pyuca's collator, reading only the part of its table a build needs.

``pyuca.Collator()`` parses its whole Unicode table (30,000 lines, every
script) when it is made: about a tenth of a second, in every build, to sort
the glossary's few hundred words. :class:`LazyCollator` reads the table once
as text and builds the collation entries of a character only when a string
holding it is sorted: an entry (one character, or a contraction of several)
is added once every one of its characters has been seen. A lookup of a
string only ever walks entries made of that string's characters, so every
sort key is exactly pyuca's (a test compares them). A build reads only the
table's part for the report's scripts, kept from an earlier build (a
character of another script reads the whole table).
"""

from __future__ import annotations

import marshal
import os
import re
import unicodedata
import zlib
from pathlib import Path

import pyuca
from pyuca.collator import COLL_ELEMENT_PATTERN
from pyuca.trie import Trie
from pyuca.utils import hexstrings2int

from . import jinjacache


# a line of the table: its characters (hex), then its weights before any comment
_LINE = re.compile(r"^([0-9A-F]{4,6})((?: [0-9A-F]{4,6})*) *;([^#\n]*)", re.M)
_IMPLICIT = re.compile(r"^@implicitweights\s+([0-9A-F]+)\.\.([0-9A-F]+);\s*([0-9A-F]+)", re.M)


# The scripts the report is written in (Latin, Arabic, their marks and
# punctuation): a build reads only their part of the table, kept beside the
# compiled templates (snia.jinjacache); a character outside them reads the rest.
SCRIPTS = ((0x0000, 0x024F), (0x0250, 0x02FF), (0x0300, 0x036F), (0x0600, 0x06FF), (0x0750, 0x077F),
           (0x08A0, 0x08FF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def in_scripts(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in SCRIPTS)


def parse_table(text: str) -> tuple[list, dict[str, str], dict[int, list]]:
    """pyuca's table: (implicit weights, {hex code: weights} of single
    characters, {code: [(characters, weights)]} of contractions, under each
    of their characters)."""
    implicit = [[int(a, 16), int(b, 16), int(c, 16)] for a, b, c in _IMPLICIT.findall(text)]
    found = _LINE.findall(text)
    single = {first: weights for first, more, weights in found if not more}
    multi: dict[int, list] = {}
    for first, more, weights in found:
        if more:
            chars = tuple(int(h, 16) for h in (first + more).split())
            for c in sorted(set(chars)):
                multi.setdefault(c, []).append((chars, weights))
    return implicit, single, multi


def scripts_part(table: tuple) -> tuple:
    """The part of ``table`` made of characters of :data:`SCRIPTS` only."""
    implicit, single, multi = table
    return (implicit, {h: w for h, w in single.items() if in_scripts(int(h, 16))},
            {c: [(chars, w) for chars, w in entries if all(in_scripts(x) for x in chars)]
             for c, entries in multi.items() if in_scripts(c)})


class LazyCollator(pyuca.Collator):
    def __init__(self, filename: str | None = None):
        self.table = Trie()
        self.implicit_weights = []
        self._seen: set[int] = set()
        if filename is None:
            filename = os.path.join(os.path.dirname(pyuca.__file__), f"allkeys-{self.UCA_VERSION}.txt")
        self._filename = filename
        self._added: set[tuple[int, ...]] = set()
        self._whole = False
        self._part_file = self._part_path()
        part = self._kept_part()
        if part is None:
            self.load(filename)
        else:
            self.implicit_weights, self._single, self._multi = part

    def _part_path(self) -> Path | None:
        """Where the scripts' part of this table is kept: beside the compiled
        templates, named by the table's version and file and by the scripts."""
        folder = jinjacache.default_directory()
        if folder is None:
            return None
        st = os.stat(self._filename)
        scripts = zlib.crc32(repr(SCRIPTS).encode())  # the part of other scripts is another file
        return folder / f"collation-{self.UCA_VERSION}-{st.st_size}-{st.st_mtime_ns}-{scripts:08x}.marshal"

    def _kept_part(self) -> tuple | None:
        """The scripts' part of the table, written the first time a build
        read the whole table; None when it was not."""
        if self._part_file is None:
            return None
        try:
            with open(self._part_file, "rb") as f:
                return marshal.load(f)
        except (OSError, EOFError, ValueError, TypeError):
            return None

    def load(self, filename):
        """The whole table (and the scripts' part kept for the next build)."""
        with open(filename, encoding="utf-8") as keys_file:
            table = parse_table(keys_file.read())
        self.implicit_weights, self._single, self._multi = table
        self._whole = True
        if self._part_file is not None:
            jinjacache.write_atomically(self._part_file, marshal.dumps(scripts_part(table)))

    def _add(self, chars: tuple[int, ...], weights: str) -> None:
        elements = [hexstrings2int(m.groups()) for m in COLL_ELEMENT_PATTERN.finditer(weights.strip())]
        self.table.add(list(chars), elements)

    def _learn(self, codepoints: set[int]) -> None:
        new = codepoints - self._seen
        if not new:
            return
        if not self._whole and not all(in_scripts(cp) for cp in new):
            self.load(self._filename)  # a character of another script: the whole table
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
