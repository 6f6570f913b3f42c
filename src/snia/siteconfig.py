"""What the build reads besides content/ and the pages themselves: the two
site configurations (``mkdocs.yml``, ``mkdocs.ar.yml``), their navigation,
and the links between pages. Whatever would stop a strict build is reported
here first, at file:line:column, in French.

The configurations are only *composed* (read into nodes), never constructed:
their Python tags are not run here. Nothing here imports MkDocs.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Iterable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .yamlsafe import Location, Problem, control_character, explain_syntax

CONFIGS = ("mkdocs.yml", "mkdocs.ar.yml")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+\.md)(#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")


class _Composer(yaml.SafeLoader):
    """Composes a configuration; any tag is kept as written, nothing runs."""


def _compose(label: str, raw: bytes) -> tuple[Node | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(Location(label, 1, 1), "(fichier)",
                              f"l'octet à la position {err.start} n'est pas de l'UTF-8 : "
                              "enregistrez le fichier en UTF-8")]
    bad = control_character(label, text)
    if bad is not None:
        return None, [bad]
    loader = _Composer(text)
    try:
        return loader.get_single_node(), []
    except yaml.MarkedYAMLError as err:
        mark, message = explain_syntax(err, text)
        where = Location(label, mark.line + 1, mark.column + 1) if mark else Location(label, 1, 1)
        return None, [Problem(where, "(syntaxe)", message)]
    finally:
        loader.dispose()


def _get(node: Node | None, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == key:
                return v
    return None


def _nav_leaves(node: Node | None) -> Iterable[ScalarNode]:
    """Every page of a ``nav:`` tree (``- Titre: page.md`` or ``- page.md``)."""
    if isinstance(node, SequenceNode):
        for item in node.value:
            yield from _nav_leaves(item)
    elif isinstance(node, MappingNode):
        for _k, v in node.value:
            yield from _nav_leaves(v)
    elif isinstance(node, ScalarNode):
        yield node


def check_config(root: Path, generated: Iterable[str] | None = ()) -> list[Problem]:
    """The configurations' syntax, their ``nav:`` against the pages of their
    ``docs_dir``, and each page's links to other pages. ``generated``: pages
    the build adds (one per programme, partner and project); ``None`` when the
    content could not be read (links are then not checked)."""
    links = generated is not None
    generated = set(generated or ())
    problems: list[Problem] = []
    nodes: dict[str, Node | None] = {}
    for name in CONFIGS:
        path = root / name
        if not path.is_file():
            problems.append(Problem(Location(name, 1, 1), "(fichier)",
                                    f"fichier manquant : {name} décrit le site ; restaurez-le"))
            continue
        nodes[name], found = _compose(name, path.read_bytes())
        problems += found
    base = nodes.get("mkdocs.yml")
    if base is None:  # the Arabic site inherits it: nothing more can be told
        return problems
    for name, node in nodes.items():
        if node is None:
            continue
        if not isinstance(node, MappingNode):
            problems.append(Problem(Location(name, 1, 1), "(document)",
                                    "la configuration doit être une suite de « clé: valeur »"))
            continue
        docs_node = _get(node, "docs_dir") or _get(base, "docs_dir")
        if not isinstance(docs_node, ScalarNode):
            continue
        docs = root / docs_node.value
        if not docs.is_dir():
            problems.append(Problem(_at(name, docs_node), "docs_dir",
                                    f"le dossier {docs_node.value} n'existe pas"))
            continue
        nav_name, nav = (name, _get(node, "nav")) if _get(node, "nav") is not None else (
            "mkdocs.yml", _get(base, "nav"))
        pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
        if name != "mkdocs.yml":  # a page not translated yet is built from the French one
            french = root / "docs" / "fr"
            pages |= {p.relative_to(french).as_posix() for p in french.rglob("*.md")}
        # pages kept out of the site (``exclude_docs:``, e.g. the editors'
        # guide): neither built, nor expected in the navigation, nor linkable
        excluded = _get(node, "exclude_docs") or _get(base, "exclude_docs")
        if isinstance(excluded, ScalarNode):
            patterns = [line.strip() for line in excluded.value.splitlines()
                        if line.strip() and not line.strip().startswith("#")]
            pages = {p for p in pages
                     if not any(fnmatch.fnmatch(p, pat.lstrip("/")) for pat in patterns)}
        listed = set()
        for leaf in _nav_leaves(nav):
            value = leaf.value
            if re.match(r"^[a-z][a-z0-9+.-]*:", value) or not value.endswith(".md"):
                continue  # an address outside the site
            listed.add(value)
            if value not in pages and value not in generated:
                problems.append(Problem(_at(nav_name, leaf), "nav",
                                        f"la page « {value} » n'existe pas dans "
                                        f"{docs_node.value}/ : créez-la ou corrigez la navigation"))
        for page in sorted(pages - listed - generated):
            if (docs / page).is_file():
                problems.append(Problem(
                    Location(f"{docs_node.value}/{page}", 1, 1), "(page)",
                    f"cette page n'est pas dans la navigation (nav: de {nav_name}) : ajoutez-la "
                    "à nav:, ou supprimez la page"))
        if links:
            problems += _link_problems(root, docs, docs_node.value, pages | generated)
    return problems


def _at(label: str, node: Node) -> Location:
    return Location(label, node.start_mark.line + 1, node.start_mark.column + 1)


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def anchors(text: str) -> set[str] | None:
    """The ids a narrative page's headings and HTML give, as the build makes
    them (``toc`` with ``pymdownx.slugs.slugify(case="lower")``); ``None`` when
    they cannot be known here (a macro adds content, a heading has markup)."""
    if "{{" in text:
        return None
    from pymdownx.slugs import slugify

    slug = slugify(case="lower")
    found: set[str] = set()
    seen: dict[str, int] = {}
    fenced = False
    for line in text.splitlines():
        if _FENCE_LINE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        found.update(_HTML_ID.findall(line))
        m = _HEADING.match(line)
        if not m:
            continue
        title = m.group(2)
        explicit = _ATTR_ID.search(title)
        if explicit:
            found.add(explicit.group(1))
            continue
        if re.search(r"[*_`\[\]<>&{}\\]", title):
            return None
        ident = slug(title, "-")
        if ident in seen:  # toc numbers a repeated id: x, x_1, x_2
            seen[ident] += 1
            ident = f"{ident}_{seen[ident]}"
        else:
            seen[ident] = 0
        found.add(ident)
    return found


def _link_problems(root: Path, docs: Path, docs_name: str, pages: set[str]) -> list[Problem]:
    """Links from a page to a page (``[texte](autre.md)``) or to a heading
    (``autre.md#titre``) that does not exist."""
    problems = []
    texts: dict[str, str] = {}
    for path in sorted(docs.rglob("*.md")):
        try:
            texts[path.relative_to(docs).as_posix()] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # reported by the pages' check
    known: dict[str, set[str] | None] = {}
    for page, text in texts.items():
        for number, line in enumerate(text.splitlines(), 1):
            for m in _MD_LINK.finditer(line):
                target, fragment = m.group(1), (m.group(2) or "")[1:]
                if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
                    continue
                where = Location(f"{docs_name}/{page}", number, m.start(1) + 1)
                resolved = _join(page, target)
                if resolved is None or resolved not in pages:
                    problems.append(Problem(
                        where, "(lien)",
                        f"le lien vers « {target} » ne mène à aucune page du site : corrigez-le "
                        "(chemin relatif à cette page, par exemple ../glossaire.md)"))
                    continue
                if not fragment or resolved not in texts:
                    continue
                if resolved not in known:
                    known[resolved] = anchors(texts[resolved])
                ids = known[resolved]
                if ids is not None and fragment not in ids:
                    problems.append(Problem(
                        where, "(lien)",
                        f"la page « {target} » n'a pas de titre « #{fragment} » : corrigez la fin "
                        "du lien (les titres de la page donnent "
                        + (", ".join(f"#{i}" for i in sorted(ids)[:8]) or "aucune ancre") + ")"))
    return problems


def _join(page: str, target: str) -> str | None:
    parts = page.split("/")[:-1]
    for part in target.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)
