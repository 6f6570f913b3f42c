"""What a rendered page says about itself: its sections (for the table of
contents), a description from its own text, its translation notices
(gathered into one), and when its content last changed (from git).

Works on the HTML of a page's body; nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

# --------------------------------------------------------------------------
# Sections


class _Headings(HTMLParser):
    """Headings with an id, their text, and the first paragraph of the body
    that is not a notice."""

    def __init__(self, levels: tuple[int, ...]):
        super().__init__(convert_charrefs=True)
        self.levels = levels
        self.found: list[tuple[int, str, str]] = []
        self._current: tuple[int, str] | None = None
        self._text: list[str] = []
        self._skip = 0  # depth inside a notice
        self._stack: list[bool] = []
        self.paragraph: str | None = None
        self._in_p = False
        self._p: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        skip = a.get("role") == "note" or "admonition" in classes or "data-search-exclude" in a
        if tag not in _VOID:
            self._stack.append(skip)
            if skip:
                self._skip += 1
        m = re.fullmatch(r"h([1-6])", tag)
        if m and int(m.group(1)) in self.levels and a.get("id"):
            self._current = (int(m.group(1)), a["id"])
            self._text = []
        if tag == "p" and self.paragraph is None and not self._skip:
            self._in_p = True
            self._p = []

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if self._stack and self._stack.pop():
            self._skip -= 1
        if self._current and tag == f"h{self._current[0]}":
            level, ident = self._current
            self.found.append((level, ident, " ".join("".join(self._text).split())))
            self._current = None
        if tag == "p" and self._in_p:
            self._in_p = False
            text = " ".join("".join(self._p).split())
            if text:
                self.paragraph = text

    def handle_data(self, data):
        if self._current:
            self._text.append(data)
        if self._in_p:
            self._p.append(data)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


TOC_LEVELS = (2, 3)


# Where a heading of the table of contents starts and ends (its markup is
# read alone), and what would make such a search unsure: a heading tag in a
# comment or in the text of a raw-text element (script, style, title...),
# where it is no heading. (Any raw-text element made the whole page be read:
# every chart's SVG <title> did, a tenth of a second a build.)
_HEADING_START = re.compile(r"<h([1-6])(?=[\s/>])", re.I)
_UNSURE = re.compile(r"<(script|style|textarea|title|xmp|iframe|noembed|noframes)\b[^>]*>"
                     r"(?:(?!</\1\s*>).)*?<h[1-6]"
                     r"|<plaintext\b|<!--(?:(?!-->).)*?<h[1-6]", re.I | re.S)
_P_END = re.compile(r"</p\s*>", re.I)


def outline(body_html: str, levels: tuple[int, int] = TOC_LEVELS) -> _Headings:
    """The page's headings of ``levels`` (for :func:`toc_tokens`) and its
    first paragraph (for :func:`description`), reading only what they need:
    each heading's own markup, and the page from its start as far as its
    first paragraph of its own. (The whole body was parsed twice, once for
    each, a fifth of a page's build.) Same result as reading the whole body,
    which is done when a comment or raw-text element makes the search unsure."""
    wanted = tuple(range(levels[0], levels[1] + 1))
    parser = _Headings(wanted)
    if _UNSURE.search(body_html):
        parser.feed(body_html)
        return parser
    spans, last = [], 0
    for m in _HEADING_START.finditer(body_html):
        if m.start() < last:  # a heading inside a heading: read the whole body
            parser = _Headings(wanted)
            parser.feed(body_html)
            return parser
        if int(m.group(1)) not in wanted:
            continue
        end = re.compile(rf"</h{m.group(1)}\s*>", re.I).search(body_html, m.end())
        last = end.end() if end else len(body_html)
        spans.append((m.start(), last))
    for start, stop in spans:
        parser.feed(body_html[start:stop])
        parser._current = None
    first = _Headings(())
    pos = 0
    for end in _P_END.finditer(body_html):
        first.feed(body_html[pos: end.end()])
        pos = end.end()
        if first.paragraph is not None:
            break
    parser.paragraph = first.paragraph
    return parser


def toc_tokens(body_html: str, levels: tuple[int, int] = TOC_LEVELS, *,
               parsed: _Headings | None = None) -> list[dict]:
    """The page's sections as nested tokens (``level``, ``id``, ``name``,
    ``children``), read from the headings of the rendered HTML, so that
    headings written by templates count as much as Markdown ones. ``name``
    is escaped HTML. ``parsed``: the page's :func:`outline` (same ``levels``)."""
    parser = parsed if parsed is not None else outline(body_html, levels)
    out: list[dict] = []
    for level, ident, text in parser.found:
        token = {"level": level, "id": ident, "name": _html.escape(text, quote=False), "children": []}
        if level > levels[0] and out:
            out[-1]["children"].append(token)
        else:
            out.append(token)
    return out


def description(title: str, body_html: str, fallback: str | None = None, limit: int = 160, *,
                parsed: _Headings | None = None) -> str:
    """A page's description from its own text: its title, then the start of
    its first paragraph (not a notice), cut at a word; ``fallback`` when the
    page has no paragraph of its own. ``parsed``: the page's :func:`outline`."""
    if parsed is None:
        parsed = _Headings(())
        parsed.feed(body_html)
    first = parsed.paragraph or ""
    if first and first not in title:
        text = f"{title} — {first}"
    else:
        text = fallback or title
    if len(text) > limit:
        cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-")
        text = cut + "…"
    return text


# --------------------------------------------------------------------------
# Translation notices: each fragment marks what it found; the page shows one


NOTICE_MARK = re.compile(r"<!--snia-notice:(missing|draft)-->")


def mark(missing: bool, draft: bool) -> str:
    out = ""
    if missing:
        out += "<!--snia-notice:missing-->"
    if draft:
        out += "<!--snia-notice:draft-->"
    return out


@dataclass
class Notices:
    missing: bool = False
    draft: bool = False


def gather_notices(body_html: str) -> tuple[str, Notices]:
    found = Notices()
    for kind in NOTICE_MARK.findall(body_html):
        setattr(found, kind, True)
    return NOTICE_MARK.sub("", body_html), found


def after_title(body_html: str, block: str) -> str:
    """``block`` put right after the page's ``<h1>`` (or first)."""
    m = re.search(r"</h1>", body_html)
    if m is None:
        return block + body_html
    return body_html[: m.end()] + "\n" + block + body_html[m.end():]


# --------------------------------------------------------------------------
# Last change, from git: same commits, same dates


def _history(root: str, head: str) -> dict[str, int]:
    """Path -> time of the last commit that touched it."""
    try:
        out = subprocess.run(
            ["git", "-C", root, "log", "--format=@%ct", "--name-only", "--no-renames", "HEAD"],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    seen: dict[str, int] = {}
    stamp = 0
    for line in out.splitlines():
        if line.startswith("@"):
            stamp = int(line[1:])
        elif line and line not in seen:
            seen[line] = stamp
    return seen


def _head(root: str) -> str | None:
    try:
        return subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def git_head(root: str | Path) -> str | None:
    """The commit checked out in ``root`` (None without git): a build asks
    once and passes it to :func:`last_changed` for each page."""
    return _head(str(root))


def last_changed(root: str | Path, paths: list[str], head: str | None = "") -> _dt.date | None:
    """The day (UTC) of the last commit touching any of ``paths`` (files or
    folders, relative to ``root``); None without git history. ``head``: from
    :func:`git_head`, asked once a build (a git process a page cost 15 ms)."""
    if head == "":
        head = _head(str(root))
    if head is None:
        return None
    latest = _latest(str(root), head)
    stamps = [latest[q.rstrip("/")] for q in paths if q.rstrip("/") in latest]
    if not stamps:
        return None
    return _dt.datetime.fromtimestamp(max(stamps), _dt.timezone.utc).date()


@lru_cache(maxsize=4)
def _latest(root: str, head: str) -> dict[str, int]:
    """Path or folder -> time of the last commit that touched it (or
    anything under it): one lookup a page instead of a walk of the whole
    history (read once for each commit checked out)."""
    out: dict[str, int] = {}
    for path, stamp in _history(root, head).items():
        parts = path.split("/")
        for i in range(1, len(parts) + 1):
            key = "/".join(parts[:i])
            if out.get(key, -1) < stamp:
                out[key] = stamp
    return out
