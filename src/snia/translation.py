"""The translators' tools: what is missing, stale or unreviewed; marking a
translation done or reviewed; the glossary and numbers checks.

A text's Arabic records the fingerprint of the French it translates
(``ar_hash``, see :func:`snia.model.text_hash`) and its review status
(``ar_status: draft | reviewed``). An Arabic narrative page records the same
in its front matter (``fr_hash``, ``status``). When the French changes, the
fingerprint no longer matches and the Arabic is *stale*.

:func:`mark` edits only the lines of those two keys (or inserts them right
after the Arabic text): every other line and comment of the file is kept
byte for byte.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from yaml.nodes import MappingNode, ScalarNode

from . import textnorm
from .model import Content, text_hash
from .yamlsafe import Document, Location, Problem, YamlError, line_starts, parse

STATES = ("missing", "stale", "unreviewed")
# The words an editor reads for each state (the states stay English in code).
STATE_WORDS = {"missing": "manquant(s)", "stale": "périmé(s)", "unreviewed": "non relu(s)"}


@dataclass(frozen=True)
class TextRef:
    """One bilingual text of a content file, or one narrative page."""

    location: Location  # of the Arabic value, else of the French one
    path: tuple
    fr: str
    ar: str | None
    ar_hash: str | None
    ar_status: str | None

    @property
    def state(self) -> str | None:
        if self.ar is None:
            return "missing"
        if self.ar_hash != text_hash(self.fr):
            return "stale"
        if self.ar_status != "reviewed":
            return "unreviewed"
        return None


# --------------------------------------------------------------------------
# Finding the texts


def yaml_files(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*.yml") if p.is_file())


def texts_in(doc: Document) -> Iterator[TextRef]:
    def walk(value, path):
        if isinstance(value, dict):
            if isinstance(value.get("fr"), str):
                where = doc.locate(path + ("ar",)) if "ar" in value else doc.locate(path + ("fr",))
                ar = value.get("ar")
                yield TextRef(where, path, value["fr"], ar if isinstance(ar, str) else None,
                              value.get("ar_hash"), value.get("ar_status"))
                return
            for key, item in value.items():
                yield from walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, path + (i,))

    yield from walk(doc.data, ())


_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.S)


@dataclass(frozen=True)
class PageRef:
    fr_path: Path
    ar_path: Path
    fr_text: str
    meta: dict | None  # front matter of the Arabic page, None if the page is missing

    @property
    def state(self) -> str | None:
        if self.meta is None:
            return "missing"
        if self.meta.get("fr_hash") != text_hash(self.fr_text):
            return "stale"
        if self.meta.get("status") != "reviewed":
            return "unreviewed"
        return None


def front_matter(path: Path) -> tuple[dict, Document | None]:
    text = path.read_text(encoding="utf-8")
    m = _FRONT.match(text)
    if not m:
        return {}, None
    doc = parse(str(path), m.group(1).encode("utf-8"))
    return (doc.data if isinstance(doc.data, dict) else {}), doc


def pages(docs: Path) -> list[PageRef]:
    fr_root, ar_root = docs / "fr", docs / "ar"
    out = []
    for fr in sorted(fr_root.rglob("*.md")):
        ar = ar_root / fr.relative_to(fr_root)
        try:
            meta = front_matter(ar)[0] if ar.is_file() else None
        except YamlError:  # `snia check` says where; here the page counts as not marked
            meta = {}
        out.append(PageRef(fr, ar, fr.read_text(encoding="utf-8"), meta))
    return out


# --------------------------------------------------------------------------
# Status report


@dataclass
class Status:
    lines: list[str]
    counts: dict[str, int]
    total: int

    @property
    def failing(self) -> bool:
        return bool(self.counts["missing"] or self.counts["stale"])


def status(content: Path, docs: Path, *, relative_to: Path) -> Status:
    lines: list[str] = []
    counts = {s: 0 for s in STATES}
    total = 0

    def rel(p: Path) -> str:
        try:
            return str(p.resolve().relative_to(relative_to.resolve()))
        except ValueError:
            return str(p)

    for path in yaml_files(content):
        doc = parse(rel(path), path.read_bytes())
        file_counts = {s: 0 for s in STATES}
        n = 0
        for ref in texts_in(doc):
            n += 1
            if ref.state:
                file_counts[ref.state] += 1
                lines.append(f"{ref.location}: {_field(ref.path)}: {_say(ref.state)}")
        total += n
        for s in STATES:
            counts[s] += file_counts[s]
        if any(file_counts.values()):
            lines.append(f"{rel(path)}: {n} textes, " + _summary(file_counts))
    for page in pages(docs):
        total += 1
        if page.state:
            counts[page.state] += 1
            said = (f"manquante : créez-la en traduisant {rel(page.fr_path)}"
                    if page.state == "missing"
                    else f"{_say(page.state)} (traduit {rel(page.fr_path)})")
            lines.append(f"{rel(page.ar_path)}:1:1: (page): {said}")
    return Status(lines, counts, total)


def _field(path: tuple) -> str:
    from .yamlsafe import field_name

    return field_name(path)


def _say(state: str) -> str:
    return {
        "missing": "manquant : pas de texte arabe ; ajoutez `ar:` sous le français",
        "stale": "périmé : le français a changé depuis la traduction ; mettez l'arabe à jour, "
                 "puis lancez `make translations-mark WHERE=fichier:ligne`",
        "unreviewed": "non relu : une première traduction ; une fois relue, lancez "
                      "`make translations-mark WHERE=fichier:ligne REVIEWED=1`",
    }[state]


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[s]} {STATE_WORDS[s]}" for s in STATES)


# --------------------------------------------------------------------------
# Marking a translation done or reviewed


class MarkError(Exception):
    pass


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def check_markable(path: Path, root: Path, label: str) -> None:
    """Refuse anything but a content file (``content/**/*.yml``) or an Arabic
    narrative page (``docs/ar/**/*.md``) of the project at ``root``."""
    if path.suffix == ".yml" and _inside(path, root / "content"):
        return
    if path.suffix == ".md" and _inside(path, root / "docs" / "ar"):
        return
    raise MarkError(
        f"{label}: refusé : seuls les fichiers .yml de content/ et les pages .md de docs/ar/ "
        "peuvent être marqués ; le fichier n'a pas été modifié")


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def mark(path: Path, line: int | None, *, reviewed: bool, label: str | None = None,
         root: Path | None = None) -> int:
    """Record that the Arabic at ``path:line`` translates the current French.

    ``line`` may be any line of the text (its key, ``fr:``, ``ar:``...). With
    no line, every text of the file that has Arabic but no fingerprint yet is
    marked. Sets ``ar_status`` to ``reviewed`` or ``draft``. Returns the number
    of texts marked. Markdown pages (``docs/ar/*.md``) are marked in their
    front matter.

    With ``root``, only files of ``root/content`` and ``root/docs/ar`` are
    accepted. The file keeps its line endings; what is written is read back,
    and the file is restored if it no longer loads.
    """
    label = label or str(path)
    if root is not None:
        check_markable(path, root, label)
    if path.suffix == ".md":
        return _mark_page(path, reviewed=reviewed, label=label)
    raw = path.read_bytes()
    doc = parse(label, raw)
    if doc.problems:
        raise YamlError(doc.problems)
    text = raw.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]  # the text PyYAML's marks index into
    nl = _newline(body)
    starts = line_starts(body)
    targets = []
    for ref in texts_in(doc):
        if line is None:
            if ref.ar is not None and ref.ar_hash is None:
                targets.append(ref)
        elif _first_line(doc, ref.path) <= line <= _last_line(doc, ref.path):
            targets.append(ref)
    if line is not None:
        # the innermost text holding that line
        # (a block's end mark may reach the next item's first line)
        targets = sorted(targets, key=lambda r: (-_first_line(doc, r.path), -len(r.path)))[:1]
        if not targets:
            raise MarkError(f"{label}:{line}: pas de texte bilingue (fr/ar) à cette ligne")
    edits: list[tuple[int, int, str]] = []  # (start offset, end offset, new text)
    for ref in targets:
        if ref.ar is None:
            raise MarkError(f"{ref.location}: {_field(ref.path)}: pas de texte arabe à marquer : "
                            "ajoutez d'abord `ar:`")
        node = doc.nodes[ref.path]
        if not isinstance(node, MappingNode) or node.flow_style:
            raise MarkError(f"{ref.location}: {_field(ref.path)}: écrivez ce texte avec une clé "
                            "par ligne (fr:, ar: l'une sous l'autre) pour pouvoir le marquer")
        values = {
            # quoted: a fingerprint of digits only would otherwise read as a number
            "ar_hash": f'"{text_hash(ref.fr)}"',
            "ar_status": "reviewed" if reviewed else "draft",
        }
        indent = doc.key_nodes[ref.path + ("fr",)].start_mark.column
        ar_node = doc.nodes[ref.path + ("ar",)]
        after = ar_node.end_mark.line if ar_node.end_mark.column == 0 else ar_node.end_mark.line + 1
        inserted = ""
        for key, value in values.items():
            if key in _mapping_keys(node):
                knode, vnode = doc.key_nodes[ref.path + (key,)], doc.nodes[ref.path + (key,)]
                # from the end of the key: an empty value (`ar_hash:`) has no
                # place of its own, a block value ends on the next line
                new = ": " + value
                if vnode.end_mark.column == 0 and vnode.end_mark.line > knode.end_mark.line:
                    new += nl
                edits.append((knode.end_mark.index, vnode.end_mark.index, new))
            else:
                inserted += " " * indent + f"{key}: {value}{nl}"
        if inserted:
            if after < len(starts):
                at = starts[after]
                edits.append((at, at, inserted))
            else:  # the text ends the file, with no line break after it
                edits.append((len(body), len(body), nl + inserted))
    # apply from the end so that offsets stay right
    for start, end, value in sorted(edits, reverse=True):
        body = body[:start] + value + body[end:]
    _write_checked(path, raw, (bom + body).encode("utf-8"), label, _yaml_reads_back(label, targets))
    return len(targets)


def _yaml_reads_back(label: str, targets: list[TextRef]):
    wanted = {ref.path: text_hash(ref.fr) for ref in targets}

    def check(new: bytes) -> str | None:
        try:
            doc = parse(label, new)
        except YamlError as err:
            return str(err)
        if doc.problems:
            return "\n".join(map(str, doc.problems))
        got = {ref.path: ref.ar_hash for ref in texts_in(doc)}
        wrong = [_field(p) for p, h in wanted.items() if got.get(p) != h]
        return f"empreinte non enregistrée pour {', '.join(wrong)}" if wrong else None

    return check


def _write_checked(path: Path, old: bytes, new: bytes, label: str, check) -> None:
    """Write ``new``, read it back, and put ``old`` back if it does not load."""
    path.write_bytes(new)
    try:
        wrong = check(path.read_bytes())
    except Exception as err:  # noqa: BLE001 - whatever happens, the file is restored
        wrong = f"{type(err).__name__}: {err}"
    if wrong:
        path.write_bytes(old)
        raise MarkError(f"{label}: le marquage aurait rendu le fichier illisible ; le fichier est "
                        f"restauré tel qu'il était. Corrigez-le à la main ({wrong})")


def _first_line(doc: Document, path: tuple) -> int:
    """1-based line where a text starts: its key (``title:``) or its first field."""
    holder = doc.key_nodes.get(path) or doc.nodes[path]
    return holder.start_mark.line + 1


def _last_line(doc: Document, path: tuple) -> int:
    end = doc.nodes[path].end_mark
    return end.line + (1 if end.column > 0 else 0)


def _mapping_keys(node: MappingNode) -> set[str]:
    return {k.value for k, _ in node.value if isinstance(k, ScalarNode)}


_FRONT_ANY = re.compile(r"\A---\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


def _mark_page(path: Path, *, reviewed: bool, label: str) -> int:
    # docs/ar/x.md translates docs/fr/x.md
    parts = list(path.parts)
    try:
        i = len(parts) - 1 - parts[::-1].index("ar")
    except ValueError:
        raise MarkError(f"{label} : ce n'est pas une page arabe (docs/ar/...)") from None
    fr = Path(*parts[:i], "fr", *parts[i + 1 :])
    if not fr.is_file():
        raise MarkError(f"{label} : pas de page française {fr} à traduire")
    fr_hash = text_hash(fr.read_text(encoding="utf-8"))
    values = {"fr_hash": f'"{fr_hash}"', "status": "reviewed" if reviewed else "draft"}
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    nl = _newline(text)
    m = _FRONT_ANY.match(text)
    if not m:
        head = "".join(f"{k}: {v}{nl}" for k, v in values.items())
        new = f"---{nl}{head}---{nl}{text}"
    else:
        block = m.group(1) or ""
        if block.strip():
            doc = parse(f"{label} (front matter)", block.encode("utf-8"))
            if doc.problems:
                raise YamlError(doc.problems)
            if not isinstance(doc.data, dict):
                raise MarkError(f"{label}:2:1: (front matter): l'en-tête doit être une liste de "
                                "« clé: valeur » ; corrigez-le avant de marquer la page")
        for key, value in values.items():
            pattern = re.compile(rf"^{key}[ \t]*:[^\r\n]*", re.M)
            if pattern.search(block):
                block = pattern.sub(lambda _m, k=key, v=value: f"{k}: {v}", block)
            else:
                block += f"{key}: {value}{nl}"
        new = f"---{nl}{block}---{nl}" + text[m.end():]

    def check(written: bytes) -> str | None:
        meta, _doc = front_matter_of(written.decode("utf-8"), label)
        if meta.get("fr_hash") != fr_hash:
            return "empreinte non enregistrée dans l'en-tête"
        return None

    _write_checked(path, raw, new.encode("utf-8"), label, check)
    return 1


def front_matter_of(text: str, label: str) -> tuple[dict, Document | None]:
    """The front matter of a page's text (``{}`` when there is none); a
    broken one raises :class:`YamlError`."""
    m = _FRONT_ANY.match(text)
    if not m or not (m.group(1) or "").strip():
        return {}, None
    doc = parse(label, m.group(1).encode("utf-8"))
    if doc.problems:
        raise YamlError(doc.problems)
    return (doc.data if isinstance(doc.data, dict) else {}), doc


# --------------------------------------------------------------------------
# Checks of the Arabic against the French


def check_texts(content: Content, content_dir: Path, *, relative_to: Path) -> list[Problem]:
    """Glossary terms and numbers of every translated text of ``content_dir``."""
    # A French term shared by several entries (six UN agencies the report
    # never spells out are all "agence des Nations Unies") names no one term.
    shared = Counter(textnorm.fold(e.term.fr) for e in content.glossary.entries)
    # Names of partners and projects are checked by snia.housestyle (which also
    # sees them when the French uses an acronym); a concept may have several
    # renderings, each of which is the glossary's.
    glossary = [
        (e, [e.term.fr, *e.variants_fr],
         [e.term.ar, *e.variants_ar, *(f for r in e.renderings for f in (r.ar, *r.variants_ar))])
        for e in content.glossary.entries
        if e.term.ar is not None and shared[textnorm.fold(e.term.fr)] == 1
        and e.partner is None and e.project is None
    ]
    problems = []
    for path in yaml_files(content_dir):
        try:
            label = str(path.resolve().relative_to(relative_to.resolve()))
        except ValueError:
            label = str(path)
        doc = parse(label, path.read_bytes())
        is_glossary = path.name == "glossary.yml"
        for ref in texts_in(doc):
            if ref.ar is None:
                continue
            field = _field(ref.path)
            fr_nums, ar_nums = textnorm.numbers(ref.fr), textnorm.numbers(ref.ar)
            if fr_nums != ar_nums:
                missing = _diff(fr_nums, ar_nums)
                extra = _diff(ar_nums, fr_nums)
                said = []
                if missing:
                    said.append("absents de l'arabe : " + ", ".join(map(str, missing)))
                if extra:
                    said.append("absents du français : " + ", ".join(map(str, extra)))
                problems.append(Problem(ref.location, field, "les nombres diffèrent du français ("
                                        + " ; ".join(said) + ") : écrivez les mêmes nombres en chiffres"))
            if is_glossary:
                continue
            fr_words, ar_words = textnorm.words(ref.fr), textnorm.words(ref.ar)
            for entry, fr_forms, ar_forms in glossary:
                if any(textnorm.contains_phrase(fr_words, f) for f in fr_forms):
                    if not any(textnorm.contains_phrase(ar_words, a) for a in ar_forms):
                        problems.append(Problem(
                            ref.location, field,
                            f"le français dit « {entry.term.fr} » : l'arabe doit employer le terme "
                            f"du glossaire « {entry.term.ar} »"
                            + "".join(f" ou « {r.ar} » ({r.when.strip()})" for r in entry.renderings)
                            + f" (content/glossary.yml, entrée {entry.id})",
                        ))
    return sorted(problems)


def _diff(a: list[int], b: list[int]) -> list[int]:
    rest = list(b)
    out = []
    for x in a:
        if x in rest:
            rest.remove(x)
        else:
            out.append(x)
    return out
