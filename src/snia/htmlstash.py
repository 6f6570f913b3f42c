"""Rendered fragments kept out of the Markdown converter.

A page shows content through macros (``{{ entity_page() }}``,
``{{ glossary() }}``...), whose HTML comes whole from the autoescaped
templates. Written into the page's Markdown, that HTML was read again, tag by
tag, by the converter (raw-HTML blocks, ``md_in_html``) and by the site
generator looking for its anchors: about a sixth of a build, for HTML that
comes out unchanged. Instead, a macro called alone in its paragraph leaves a
placeholder (an HTML comment naming it, with a key drawn for each process,
which no page can guess), and the page's HTML gets the fragment back, byte
for byte, right after the conversion (:meth:`Stash.restore`), with the
anchors it holds.

Where the converter could treat the call differently (a call inside a line
of text, an indented or quoted one, a page with ``markdown`` attributes), the
page is rendered as before: the macro writes its HTML into the Markdown.
Nothing here imports a site generator.
"""

from __future__ import annotations

import html as _html
import re
import secrets

# A macro call alone on its line (what snia check allows: ``{{ name() }}``).
_CALL = re.compile(r"\{\{\s*\w+\(\)\s*\}\}")
_ALONE = re.compile(r"\{\{ ?\w+\(\) ?\}\}")

# Anchors the site generator finds in raw HTML: every ``id``, and ``name`` on
# an ``<a>``; values are escaped by the templates (no quote inside).
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>")
_ATTR = re.compile(r"""\s([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


def can_stash(markdown: str) -> bool:
    """Whether every macro call of ``markdown`` is alone in its paragraph
    (a line of its own, blank lines or the page's edge around it, not
    indented), in a page without ``markdown`` attributes (``md_in_html``
    would rewrite the HTML inside them)."""
    if "markdown=" in markdown:
        return False
    lines = markdown.split("\n")
    calls = 0
    for i, line in enumerate(lines):
        found = len(_CALL.findall(line))
        if not found:
            continue
        calls += found
        if not _ALONE.fullmatch(line):
            return False
        if (i > 0 and lines[i - 1].strip()) or (i + 1 < len(lines) and lines[i + 1].strip()):
            return False
    return calls == len(_CALL.findall(markdown)) and markdown.count("{{") == calls


def anchors(fragment: str) -> set[str]:
    """The anchor ids of a fragment's HTML, as the site generator's raw-HTML
    reader finds them (``id`` on any element, ``name`` on ``<a>``)."""
    found: set[str] = set()
    for m in _TAG.finditer(fragment):
        attrs = m.group(2) or ""
        low = attrs.lower()
        if "id" not in low and "name" not in low:
            continue  # most tags: no attribute to read
        tag = m.group(1).lower()
        for a in _ATTR.finditer(attrs):
            key = a.group(1).lower()
            if key == "id" or (key == "name" and tag == "a"):
                value = next(v for v in a.group(2, 3, 4) if v is not None)
                found.add(_html.unescape(value))
    return found


class Stash:
    def __init__(self) -> None:
        self._key = secrets.token_hex(8)
        self._pages: dict[tuple, list[str] | None] = {}
        self._mark = re.compile(rf"<!--snia-fragment:{self._key}:(\d+)-->")

    def begin(self, page: tuple, markdown: str) -> None:
        """A page starts rendering its macros: stash its fragments when
        :func:`can_stash` says the converter would leave them unchanged."""
        self._pages[page] = [] if can_stash(markdown) else None

    def put(self, page: tuple, fragment: str) -> str:
        """What the macro writes into the page: ``fragment`` itself, or its placeholder."""
        held = self._pages.get(page)
        if held is None:
            return fragment
        held.append(str(fragment))
        return f"<!--snia-fragment:{self._key}:{len(held) - 1}-->"

    def restore(self, page: tuple, body_html: str) -> tuple[str, set[str]]:
        """The page's HTML with its fragments back in place of their
        placeholders, and the anchors those fragments hold."""
        held = self._pages.pop(page, None)
        if not held:
            return body_html, set()
        found: set[str] = set()
        used: set[int] = set()

        def back(m: re.Match) -> str:
            n = int(m.group(1))
            used.add(n)
            return held[n]

        out = self._mark.sub(back, body_html)
        if len(used) != len(held):  # a placeholder the converter lost: never ship a page without it
            raise RuntimeError(f"{page}: {len(held) - len(used)} fragment(s) lost in conversion")
        for n in sorted(used):
            found |= anchors(held[n])
        return out, found


SHARED = Stash()
