"""``snia new KIND ID``: start a new partner, project, programme, objective,
activity, figure, event or recommendation from a template.

A partner, project or programme is a new file; the other kinds are an entry
appended to a programme file's list (``--programme NN``), indented like the
entries already there, every other line of the file kept byte for byte.
Templates (``src/snia/scaffold/*.yml``) carry the schema line, French
comments saying what each field is, and ``A_REMPLIR`` placeholders that
``snia check`` rejects (:data:`PLACEHOLDER`) until an editor fills them, so
nothing half-made is published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from yaml.nodes import MappingNode, SequenceNode

from .kinds import KINDS as _ENTITY_KINDS
from .yamlsafe import Document, YamlError, parse

PLACEHOLDER = "A_REMPLIR"


def _has_template(kind: str) -> bool:
    return resources.files("snia").joinpath("scaffold", f"{kind}.yml").is_file()


# kind -> its content folder: each kind of the registry with a template here
FILE_KINDS = {k.name: k.folder for k in _ENTITY_KINDS.values() if _has_template(k.name)}
ENTRY_KINDS = {  # kind -> the programme file's list it goes into
    "objective": "objectives",
    "activity": "activities",
    "figure": "figures",
    "event": "events",
    "recommendation": "recommendations",
}
KINDS = tuple(FILE_KINDS) + tuple(ENTRY_KINDS)

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_WORDS = {
    "partner": "le partenaire", "project": "le projet", "programme": "le programme",
    "objective": "l'objectif", "activity": "l'activité", "figure": "le chiffre",
    "event": "l'événement", "recommendation": "la recommandation",
}


class ScaffoldError(Exception):
    """What is wrong with the request, said for an editor."""


@dataclass(frozen=True)
class Written:
    path: Path
    line: int  # first line of what was written (1-based)
    kind: str
    ident: str

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: {_WORDS[self.kind]} `{self.ident}` est créé"
                f"{'e' if self.kind in ('activity', 'recommendation') else ''} : remplacez "
                f"chaque {PLACEHOLDER}, puis lancez `make check`")


def template(kind: str) -> str:
    return resources.files("snia").joinpath("scaffold", f"{kind}.yml").read_text(encoding="utf-8")


def new(kind: str, ident: str, *, content: Path, programme: str | None = None,
        label_root: Path | None = None) -> Written:
    """Write the new ``kind`` named ``ident`` into ``content``; return where."""
    if kind not in KINDS:
        raise ScaffoldError(f"type inconnu « {kind} » : utilisez un de {', '.join(KINDS)}")
    if kind in FILE_KINDS:
        return _new_file(kind, ident, content, label_root)
    return _new_entry(kind, ident, content, programme, label_root)


def _label(path: Path, root: Path | None) -> Path:
    if root is None:
        return path
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        return path


def _programme_number(ident: str) -> int:
    if not re.fullmatch(r"\d{1,2}", ident) or not 1 <= int(ident) <= 99:
        raise ScaffoldError(f"« {ident} » n'est pas un numéro de programme : écrivez un nombre "
                            "de 1 à 99, par exemple 10")
    return int(ident)


def _check_id(ident: str) -> None:
    if not _ID.fullmatch(ident) or len(ident) > 80:
        raise ScaffoldError(f"« {ident} » n'est pas un identifiant valable : minuscules sans "
                            "accents, chiffres et traits d'union, par exemple `glo-act`")


def _new_file(kind: str, ident: str, content: Path, root: Path | None) -> Written:
    text = template(kind).replace("@ID@", ident)
    if kind == "programme":
        number = _programme_number(ident)
        ident = f"{number:02d}"
        text = template(kind).replace("@ID@", ident).replace("@NUMBER@", str(number))
    else:
        _check_id(ident)
    folder = content / FILE_KINDS[kind]
    path = folder / f"{ident}.yml"
    if path.exists():
        raise ScaffoldError(f"{_label(path, root)} existe déjà : choisissez un autre identifiant, "
                            "ou modifiez ce fichier")
    if not folder.is_dir():
        raise ScaffoldError(f"{_label(folder, root)} n'existe pas : lancez la commande à la "
                            "racine du dépôt")
    with open(path, "x", encoding="utf-8", newline="\n") as out:
        out.write(text)
    return Written(_label(path, root), 1, kind, ident)


# --------------------------------------------------------------------------
# Entries in a programme file


def _ids_in_use(content: Path) -> tuple[set[str], set[str]]:
    """Every id of the programme files (figures, events, activities,
    recommendations share one namespace) and every objective code."""
    ids, codes = set(), set()

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "id" and isinstance(v, str):
                    ids.add(v)
                elif k == "code" and isinstance(v, str):
                    codes.add(v)
                else:
                    walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted((content / "programmes").glob("*.yml")):
        try:
            walk(parse(str(path), path.read_bytes()).data)
        except YamlError:
            continue
    return ids, codes


def _new_entry(kind: str, ident: str, content: Path, programme: str | None,
               root: Path | None) -> Written:
    if programme is None:
        raise ScaffoldError(f"dites dans quel programme ajouter {_WORDS[kind]} : "
                            f"`make new KIND={kind} ID={ident} PROGRAMME=09`")
    path = content / "programmes" / f"{_programme_number(programme):02d}.yml"
    if not path.is_file():
        raise ScaffoldError(f"{_label(path, root)} n'existe pas : créez d'abord le programme "
                            f"(`make new KIND=programme ID={int(programme)}`)")
    ids, codes = _ids_in_use(content)
    if kind == "objective":
        if not re.fullmatch(r"\d{1,3}", ident):
            raise ScaffoldError(f"« {ident} » n'est pas un numéro d'objectif : écrivez le numéro "
                                "seul, par exemple 20 pour OSP 20")
        ident = str(int(ident))
        if f"OSP {ident}" in codes:
            raise ScaffoldError(f"l'objectif OSP {ident} existe déjà : choisissez un autre numéro")
    else:
        _check_id(ident)
        if ident in ids:
            raise ScaffoldError(f"l'identifiant `{ident}` est déjà utilisé dans un programme : "
                                "choisissez-en un autre")
    raw = path.read_bytes()
    label = str(_label(path, root))
    try:
        doc = parse(label, raw)
    except YamlError as err:
        raise ScaffoldError(f"{label} ne se lit pas ; corrigez-le d'abord :\n{err}") from None
    text = raw.decode("utf-8")
    entry = template(kind).replace("@ID@", ident)
    if kind == "recommendation":
        new_text, line = _add_recommendation(doc, text, entry, content)
    else:
        new_text, line = _append(doc, text, (ENTRY_KINDS[kind],), entry, top_indent=0)
    path.write_bytes(new_text.encode("utf-8"))
    return Written(Path(label), line, kind, ident if kind != "objective" else f"OSP {ident}")


def _indent(block: str, spaces: int) -> str:
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))


def _append(doc: Document, text: str, key: tuple, entry: str, *, top_indent: int) -> tuple[str, int]:
    """Append ``entry`` (a ``- ...`` block at column 0) to the list at ``key``;
    create the key at the end of its mapping when it is absent or empty."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    node = doc.nodes.get(key)
    if isinstance(node, SequenceNode) and node.value and not node.flow_style:
        col = node.start_mark.column
        end = node.end_mark
        at = end.line if end.column == 0 else end.line + 1
        # a block list's end mark may stand past trailing comments and blank lines
        while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")) \
                and at - 1 > node.value[-1].start_mark.line:
            at -= 1
        lines[at:at] = [_indent(entry, col)]
        return "".join(lines), at + 1
    # absent, null or an empty flow list: (re)write the key with the entry
    key_text = f"{' ' * top_indent}{key[-1]}:\n"
    body = _indent(entry, top_indent + 2)
    if node is not None:
        key_node = doc.key_nodes[key]
        lines[key_node.start_mark.line] = key_text
        at = key_node.start_mark.line + 1
        lines[at:at] = [body]
        return "".join(lines), at + 1
    if key[:-1]:  # a nested key: after the parent mapping's last line
        parent = doc.nodes[key[:-1]]
        end = parent.end_mark
        at = end.line if end.column == 0 else end.line + 1
    else:
        at = len(lines)
    lines[at:at] = [key_text + body]
    return "".join(lines), at + 2


def _add_recommendation(doc: Document, text: str, entry: str, content: Path) -> tuple[str, int]:
    try:
        edition = parse("edition.yml", (content / "edition.yml").read_bytes()).data or {}
    except (YamlError, OSError):
        edition = {}
    period = str(edition.get("recommendations_period") or "")
    sets = doc.data.get("recommendations") if isinstance(doc.data, dict) else None
    for i, rs in enumerate(sets or []):
        if isinstance(rs, dict) and str(rs.get("period")) == period:
            node = doc.nodes[("recommendations", i)]
            indent = node.start_mark.column if isinstance(node, MappingNode) else 4
            return _append(doc, text, ("recommendations", i, "items"), entry, top_indent=indent)
    new_set = (f"- period: \"{period or PLACEHOLDER}\"\n  items:\n"
               + _indent(entry, 4))
    return _append(doc, text, ("recommendations",), new_set, top_indent=0)
