"""Narrative pages (``docs/**/*.md``) checked as untrusted input.

A pull request may change any page, so before anything is built:

* template code: the page text is rendered by a template engine, so the only
  construct allowed is a call of one of the site's named fragments,
  ``{{ name() }}`` (:data:`snia.pages.FRAGMENTS`). Attribute access, filters,
  expressions, statements ``{% %}`` and comments ``{# #}`` are refused, found
  with Jinja's own lexer (what the engine would see), at file:line:column;
* raw HTML: only a safe set of elements and attributes; no script, style,
  event handler, frame, object, form, nor ``javascript:``/``data:`` address
  (in HTML or in a Markdown link);
* front matter: known keys with the right types (``title``, ``description``,
  ``status``, ``fr_hash``, ``hide``);
* text: UTF-8, no bidirectional controls.

Every problem is a :class:`~snia.yamlsafe.Problem` with file:line:column,
messages in French. Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

from jinja2 import Environment, TemplateSyntaxError

from .yamlsafe import Location, Problem, YamlError, line_starts, parse

# --------------------------------------------------------------------------
# Front matter

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
FRONT_KEYS = {
    "title": "le titre de la page (texte sur une ligne)",
    "description": "le résumé de la page pour les moteurs de recherche (texte sur une ligne)",
    "status": "l'état de la traduction : draft ou reviewed",
    "fr_hash": "l'empreinte du texte français traduit (écrite par make translations-mark)",
    "hide": "les éléments à masquer : navigation, toc, footer",
}
HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")
MAX_FRONT_TEXT = 300


def split_front(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, line number of the body's first line)."""
    m = _FRONT.match(text)
    if not m:
        return None, text, 1
    return m.group(1) or "", text[m.end():], text[: m.end()].count("\n") + 1


def _front_problems(label: str, front: str) -> list[Problem]:
    if not front.strip():
        return []
    try:
        doc = parse(label, front.encode("utf-8"))
    except YamlError as err:
        # the front matter starts on line 2 of the page
        return [_shift(p, 1) for p in err.problems]
    problems = [_shift(p, 1) for p in doc.problems]
    if not isinstance(doc.data, dict):
        return problems + [Problem(Location(label, 2, 1), "(en-tête)",
                                   "l'en-tête entre les deux lignes --- doit être une suite de "
                                   "« clé: valeur » (par exemple title: Mon titre)")]

    def where(key):
        loc = doc.locate((key,), key=True)
        return Location(label, loc.line + 1, loc.column)

    for key, value in doc.data.items():
        if key not in FRONT_KEYS:
            problems.append(Problem(where(key), str(key),
                                    "clé inconnue dans l'en-tête : les clés permises sont "
                                    + ", ".join(FRONT_KEYS) + " ; retirez-la ou corrigez son nom"))
            continue
        loc = Location(label, doc.locate((key,)).line + 1, doc.locate((key,)).column)
        if key in ("title", "description"):
            if not isinstance(value, str) or not value.strip():
                problems.append(Problem(loc, key, f"{FRONT_KEYS[key]} : écrivez un texte non vide"))
            elif len(value) > MAX_FRONT_TEXT:
                problems.append(Problem(loc, key, f"{len(value)} caractères : {MAX_FRONT_TEXT} au "
                                                  "plus ; raccourcissez le texte"))
            elif "{{" in value or "{%" in value or "{#" in value:
                problems.append(Problem(loc, key, "le code de gabarit ({{ }}, {% %}, {# #}) n'est "
                                                  "pas permis dans l'en-tête ; retirez-le"))
            elif "\n" in value.strip():
                problems.append(Problem(loc, key, "le texte doit tenir sur une ligne"))
            else:
                problems += [Problem(loc, key, msg) for msg in _char_problems(value)]
        elif key == "status":
            if value not in ("draft", "reviewed"):
                problems.append(Problem(loc, key, f"« {value} » : écrivez draft (première "
                                                  "traduction) ou reviewed (relue)"))
        elif key == "fr_hash":
            if not (isinstance(value, str) and re.fullmatch(r"[0-9a-f]{8}", value)):
                problems.append(Problem(loc, key, "empreinte de 8 caractères 0-9 a-f entre "
                                                  "guillemets attendue ; laissez make "
                                                  "translations-mark l'écrire"))
        elif key == "hide":
            if not (isinstance(value, list) and all(v in HIDE for v in value)):
                problems.append(Problem(loc, key, "une liste parmi " + ", ".join(HIDE)
                                        + " est attendue (par exemple hide: [toc])"))
    return problems


def _shift(p: Problem, lines: int) -> Problem:
    loc = p.location
    return Problem(Location(loc.path, loc.line + lines, loc.column), p.field, p.message)


# --------------------------------------------------------------------------
# Characters

BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
INVISIBLE = {"\u200b", "\u2060", "\ufeff", "\u200d", "\u00ad", "\u180e"}


def _char_problems(text: str) -> list[str]:
    out = []
    for ch in sorted({c for c in text if c in BIDI}):
        out.append(f"caractère de contrôle bidirectionnel invisible U+{ord(ch):04X} : supprimez-le "
                   "(le sens de lecture est donné par la langue de la page)")
    for ch in sorted({c for c in text if c in INVISIBLE}):
        out.append(f"caractère invisible U+{ord(ch):04X} : supprimez-le")
    return out


# --------------------------------------------------------------------------
# Template code

_LEXER_ENV = Environment()
_OPENERS = {"variable_begin", "block_begin", "comment_begin", "raw_begin",
            "linestatement_begin", "linecomment_begin"}
_CLOSERS = {"variable_end", "block_end", "comment_end", "raw_end",
            "linestatement_end", "linecomment_end"}


def template_problems(label: str, text: str, allowed: Iterable[str], *,
                      first_line: int = 1) -> list[Problem]:
    """Everything in ``text`` a template engine would run, other than a call
    ``{{ name() }}`` of an ``allowed`` name."""
    allowed = set(allowed)
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    names = ", ".join(sorted(allowed))
    starts = line_starts(source)

    def loc(offset: int) -> Location:
        line = _bisect(starts, offset)
        return Location(label, line + first_line - 1, offset - starts[line - 1] + 1)

    problems: list[Problem] = []
    cursor = 0
    inside: list[tuple[str, str]] | None = None
    start = 0
    try:
        for _lineno, kind, value in _LEXER_ENV.lexer.tokeniter(source, label):
            found = source.find(value, cursor) if value else -1
            offset = found if found >= 0 else cursor
            if found >= 0:
                cursor = found + len(value)
            if kind in _OPENERS:
                inside, start = [], offset
                opener = kind
            elif kind in _CLOSERS and inside is not None:
                tokens = [t for t in inside if t[0] != "whitespace"]
                call = (opener == "variable_begin" and len(tokens) == 3 and tokens[0][0] == "name"
                        and tokens[1] == ("operator", "(") and tokens[2] == ("operator", ")"))
                snippet = source[start:cursor]
                if len(snippet) > 60:
                    snippet = snippet[:57] + "…"
                if call and tokens[0][1] in allowed:
                    pass
                elif call:
                    problems.append(Problem(loc(start), "(gabarit)",
                                            f"« {tokens[0][1]}() » n'est pas un fragment du site : "
                                            f"les fragments sont {names}"))
                elif opener == "variable_begin":
                    problems.append(Problem(loc(start), "(gabarit)",
                                            f"« {snippet} » : une page ne peut contenir que l'appel "
                                            "d'un fragment du site, écrit {{ nom() }} (" + names
                                            + ") ; retirez ce code"))
                else:
                    problems.append(Problem(loc(start), "(gabarit)",
                                            f"« {snippet} » : les instructions et commentaires de "
                                            "gabarit ({% %}, {# #}) ne sont pas permis dans une "
                                            "page ; retirez-les"))
                inside = None
            elif inside is not None:
                inside.append((kind, value))
    except TemplateSyntaxError as err:
        line = (err.lineno or 1)
        problems.append(Problem(Location(label, line + first_line - 1, 1), "(gabarit)",
                                f"code de gabarit incomplet ({err.message}) : une page ne peut "
                                "contenir que l'appel d'un fragment, {{ nom() }} ; retirez le reste"))
    if inside is not None:
        problems.append(Problem(loc(start), "(gabarit)", "code de gabarit jamais refermé : "
                                                         "retirez-le"))
    return problems


def _bisect(starts: list[int], offset: int) -> int:
    """1-based line holding ``offset``."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


# --------------------------------------------------------------------------
# Raw HTML and link addresses

SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr", "bdi",
}
SAFE_ATTRS = {
    "class", "id", "lang", "dir", "title", "href", "src", "alt", "width", "height", "markdown",
    "colspan", "rowspan", "scope", "headers", "datetime", "cite", "open", "start", "reversed",
    "hreflang", "role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
}
URL_ATTRS = {"href", "src", "cite"}
SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What Markdown treats as text, not HTML: code (blanked out before looking
# for tags, keeping line and column), and autolinks <https://…>, <a@b.c>.
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\2[`~]*[ \t]*$|\Z)", re.S | re.M)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_AUTOLINK = re.compile(r"<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>\s]*>|<[^<>\s!]+@[^@<>\s]+>")
# Markdown link addresses: [text](address "title"), [id]: address, ![alt](src)
_MD_LINK = re.compile(r"\]\(\s*<?([^)>]*)")
# {: #id .class key="value" } (attr_list); not {{ }} (template code)
_ATTR_LIST = re.compile(r"(?<!\{)\{(?!\{)(:?[^{}\n]*?=[^{}\n]*)\}(?!\})")
_ATTR_PAIR = re.compile(r"([^\s=#.:{}]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s}]+)")
_MD_REF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)


def unsafe_url(value: str) -> str | None:
    """The scheme of an address a browser would run or that embeds data,
    after removing what browsers ignore (spaces, tabs, line breaks, controls)."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", value)
    m = _SCHEME.match(cleaned)
    if m and m.group(1).lower() not in SAFE_SCHEMES:
        return m.group(1).lower()
    return None


def _blank(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


class _TagScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, list[tuple[str, str | None]]]] = []
        self.comments: list[tuple[int, int]] = []
        self.declarations: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag, attrs):
        line, col = self.getpos()
        self.found.append((line, col, tag, attrs))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.comments.append(self.getpos())

    def handle_decl(self, decl):
        line, col = self.getpos()
        self.declarations.append((line, col, decl))

    handle_pi = handle_decl
    unknown_decl = handle_decl


def html_problems(label: str, body: str, *, first_line: int = 1) -> list[Problem]:
    """Raw HTML outside the safe set, and unsafe link addresses, in a page's
    Markdown ``body``."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = _blank(_blank(_blank(text, _FENCE), _CODE_SPAN), _AUTOLINK)
    problems: list[Problem] = []

    def at(line: int, col: int) -> Location:
        return Location(label, line + first_line - 1, col + 1)

    scanner = _TagScanner()
    try:
        scanner.feed(text)
        scanner.close()
    except AssertionError:  # html.parser gives up on a malformed <![ ... section
        line, col = scanner.getpos()
        problems.append(Problem(at(line, col), "(HTML)",
                                "HTML mal formé (par exemple « <![ ») : retirez-le"))
    for line, col, tag, attrs in scanner.found:
        where = at(line, col)
        if tag not in SAFE_TAGS:
            problems.append(Problem(where, f"<{tag}>",
                                    f"l'élément HTML <{tag}> n'est pas permis dans une page "
                                    "(seuls la mise en forme, les listes, les tableaux, les liens "
                                    "et les images le sont) ; retirez-le"))
            continue
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(Problem(where, f"<{tag} {name}>",
                                        f"l'attribut {name} (code exécuté par le navigateur) n'est "
                                        "pas permis ; retirez-le"))
            elif name not in SAFE_ATTRS:
                problems.append(Problem(where, f"<{tag} {name}>",
                                        f"l'attribut {name} n'est pas permis dans une page "
                                        "(permis : " + ", ".join(sorted(SAFE_ATTRS)) + ") ; retirez-le"))
            elif name in URL_ATTRS and value is not None and unsafe_url(value):
                problems.append(Problem(where, f"<{tag} {name}>",
                                        f"adresse « {unsafe_url(value)}: » interdite : seules les "
                                        "adresses http(s), mailto et les liens internes sont "
                                        "permis"))
    for line, col in scanner.comments:
        problems.append(Problem(at(line, col), "(HTML)",
                                "les commentaires HTML <!-- --> ne sont pas permis (ils sont "
                                "publiés dans la page) ; retirez-les"))
    for line, col, decl in scanner.declarations:
        problems.append(Problem(at(line, col), "(HTML)",
                                f"« <{decl[:30]}> » n'est pas permis dans une page ; retirez-le"))
    starts = line_starts(text)
    # Markdown attribute lists, {: key="value" }, set attributes too
    for block in _ATTR_LIST.finditer(text):
        for m in _ATTR_PAIR.finditer(block.group(1)):
            name, value = m.group(1).lower(), m.group(2).strip("\"'")
            offset = block.start(1) + m.start()
            line = _bisect(starts, offset)
            where = at(line, offset - starts[line - 1])
            if name.startswith("on") or name not in SAFE_ATTRS:
                problems.append(Problem(where, "{: }",
                                        f"l'attribut {name} n'est pas permis dans une page "
                                        "(permis : " + ", ".join(sorted(SAFE_ATTRS)) + ") ; retirez-le"))
            elif name in URL_ATTRS and unsafe_url(value):
                problems.append(Problem(where, "{: }",
                                        f"adresse « {unsafe_url(value)}: » interdite : seules les "
                                        "adresses http(s), mailto et les liens internes sont "
                                        "permis"))
    for pattern in (_MD_LINK, _MD_REF):
        for m in pattern.finditer(text):
            scheme = unsafe_url(m.group(1))
            if scheme:
                offset = m.start(1)
                line = _bisect(starts, offset)
                problems.append(Problem(at(line, offset - starts[line - 1]), "(lien)",
                                        f"adresse « {scheme}: » interdite dans un lien : seules "
                                        "les adresses http(s), mailto et les liens internes sont "
                                        "permis"))
    return problems


# --------------------------------------------------------------------------
# A page, all pages

STATIC_OK = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
MAX_PAGE_BYTES = 1_000_000


def page_problems(label: str, raw: bytes, allowed: Iterable[str]) -> list[Problem]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return [Problem(Location(label, line, col), "(fichier)",
                        f"l'octet 0x{raw[err.start]:02x} n'est pas de l'UTF-8 : enregistrez la "
                        "page en UTF-8")]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    front, body, first = split_front(text)
    problems = []
    if front is None and text.startswith("---"):
        problems.append(Problem(Location(label, 1, 1), "(en-tête)",
                                "l'en-tête commence par --- mais n'est jamais refermé par une "
                                "ligne --- : ajoutez-la"))
    if front is not None:
        problems += _front_problems(label, front)
    problems += template_problems(label, body, allowed, first_line=first)
    problems += html_problems(label, body, first_line=first)
    lines = body.split("\n")
    for i, line in enumerate(lines):
        for msg in _char_problems(line):
            problems.append(Problem(Location(label, i + first, 1), "(texte)", msg))
    return problems


def check_docs(docs: Path, allowed: Iterable[str], *, relative_to: Path) -> list[Problem]:
    """Every narrative page under ``docs`` (both languages)."""
    allowed = list(allowed)
    problems: list[Problem] = []
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        try:
            label = path.resolve().relative_to(relative_to.resolve()).as_posix()
        except ValueError:
            label = str(path)
        if path.suffix.lower() in (".markdown", ".mdown", ".mkd", ".mkdn") or (
                path.suffix != ".md" and path.suffix.lower() == ".md"):
            problems.append(Problem(Location(label, 1, 1), "(fichier)",
                                    "une page s'écrit en .md (minuscules) : renommez le fichier"))
            continue
        if path.suffix != ".md":
            if path.suffix.lower() not in STATIC_OK:
                problems.append(Problem(Location(label, 1, 1), "(fichier)",
                                        f"fichier {path.suffix or 'sans extension'} refusé dans "
                                        "docs/ (il serait publié tel quel) : seules les pages .md "
                                        "et les images " + ", ".join(sorted(STATIC_OK))
                                        + " y sont permises"))
            continue
        st = path.stat()
        size = st.st_size
        if size > MAX_PAGE_BYTES:
            problems.append(Problem(Location(label, 1, 1), "(fichier)",
                                    f"{size:,} octets : une page en fait {MAX_PAGE_BYTES:,} au "
                                    "plus ; découpez-la".replace(",", "\u202f")))
            continue
        # each language's build checks every page: a page unchanged since it
        # was checked (same size and time) is not read again
        stamp = (label, size, st.st_mtime_ns, tuple(sorted(allowed)))
        kept = _checked.get(str(path))
        if kept is None or kept[0] != stamp:
            kept = _checked[str(path)] = (stamp, page_problems(label, path.read_bytes(), allowed))
        problems += kept[1]
    return sorted(problems)


# page file -> (what it was checked as: label, size, time, names allowed; its problems)
_checked: dict[str, tuple[tuple, list[Problem]]] = {}


# --------------------------------------------------------------------------
# Defence in depth: the HTML of a narrative page, sanitised in the build

# What Markdown and the site's fragments produce (headings with ids, tables,
# definition lists, notices...), nothing that runs.
# The charts are inline SVG drawn by the templates: their shapes and
# presentation attributes (no script, no event handler, no external reference).
_SVG_TAGS = {"svg", "title", "desc", "defs", "pattern", "g", "rect", "circle", "ellipse", "line",
             "path", "polyline", "polygon", "text", "tspan"}
_SVG_ATTRS = {"viewBox", "xmlns", "direction", "focusable", "patternUnits", "patternTransform",
              "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
              "transform", "fill", "stroke", "stroke-width", "stroke-dasharray", "text-anchor",
              "dominant-baseline", "dx", "dy", "opacity", "fill-opacity"}
_CLEAN_TAGS = SAFE_TAGS | _SVG_TAGS | {"article", "aside", "col", "colgroup", "footer", "header",
                                       "nav"}
_CLEAN_ATTRS = ((SAFE_ATTRS - {"markdown"}) | _SVG_ATTRS
                | {"hidden", "tabindex", "type", "value", "span", "download"})


def sanitise_html(html: str) -> str:
    """``html`` with only safe elements, attributes and addresses left
    (nh3, the binding of the Ammonia sanitiser)."""
    import nh3

    from .charts import SVG_ATTRS, SVG_TAGS  # the charts' inline SVG (snia.charts)

    return nh3.clean(
        html,
        tags=_CLEAN_TAGS | SVG_TAGS,
        clean_content_tags={"script", "style"},
        attributes={"*": _CLEAN_ATTRS | SVG_ATTRS},
        generic_attribute_prefixes={"aria-", "data-"},
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
