"""Load ``content/`` into a :class:`~snia.model.Content`, reporting every problem.

``load_content(root)`` reads every file, validates each against its model,
then checks what only the whole tree can tell (ids that must exist, ids and
codes used twice, periods that must match the edition). It raises
:class:`ContentError` holding *all* problems, sorted by file and line, each
``path:line:column: field: message``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from .model import (
    Content,
    EditionFile,
    GlossaryFile,
    Partner,
    PartnerFile,
    Programme,
    ProgrammeFile,
    Project,
    ProjectFile,
)
from .yamlsafe import Document, Location, Problem, YamlError, field_name, parse

# Which model each file of the tree is, by its place.
EDITION = "edition.yml"
GLOSSARY = "glossary.yml"
KINDS: dict[str, type[BaseModel]] = {
    "programmes": ProgrammeFile,
    "partners": PartnerFile,
    "projects": ProjectFile,
}


class ContentError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in content")

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


# --------------------------------------------------------------------------
# Pydantic errors, said for an editor


def _fields_of(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed where ``loc`` points (for 'unknown field')."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return sorted(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _explain(err: dict, model: type[BaseModel]) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    loc = err["loc"]
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    if kind == "missing":
        return f"required field is missing: add `{loc[-1]}:`"
    if kind == "extra_forbidden":
        allowed = ", ".join(_fields_of(model, loc))
        return f"unknown field `{loc[-1]}`: check its spelling (allowed here: {allowed})"
    if kind == "string_type":
        if isinstance(value, bool):
            return (f"expected text, got the boolean {value!r}: put the value in quotes "
                    "(YAML reads true/false as yes/no)")
        return f"expected text, got {shown}: put the value in quotes"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number such as 122, got {shown}: write digits only, without quotes or leading zeros"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number such as 2.5, got {shown}"
    if kind == "bool_type":
        return f"expected true or false, got {shown}"
    if kind == "list_type":
        return f"expected a list (lines starting with `- `), got {shown}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields (`key: value` lines), got {shown}"
    if kind == "literal_error":
        return f"{shown} is not allowed: use one of {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        return f"{shown} has the wrong form: {_pattern_hint(ctx.get('pattern', ''))}"
    if kind == "string_too_short":
        return "must not be empty: write the text, or leave the key out when it is unknown"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{shown} is out of range: {err['msg'].lower()}"
    return f"{err['msg']} (got {shown})"


def _pattern_hint(pattern: str) -> str:
    if pattern.startswith("^\\d{4}(-(0"):
        return "write a date as \"2018\", \"2018-04\" or \"2018-04-16\" (in quotes)"
    if pattern.startswith("^\\d{4}(-\\d{4})"):
        return "write a period as \"2017-2018\" or a year as \"2018\""
    if pattern.startswith("^OSP"):
        return "write an objective code as `OSP 17`"
    if pattern.startswith("^[a-z0-9]"):
        return "an id is lower-case letters, digits and hyphens, e.g. `glo-act`"
    if pattern.startswith("^[A-Z]{3}"):
        return "a currency is a three-letter ISO 4217 code such as EUR or MAD"
    if pattern.startswith("^[0-9a-f]{8}"):
        return "a fingerprint is 8 hexadecimal characters: let `make translations-mark` write it"
    return f"it must match {pattern}"


def _validate(doc: Document, model: type[BaseModel], problems: list[Problem]):
    if not isinstance(doc.data, dict):
        problems.append(Problem(doc.locate(()), "(document)",
                                "the file must be a mapping of fields (`key: value` lines)"))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        seen: set[tuple] = set()
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            # pydantic appends the union member tried (e.g. 'int') to the path
            loc = tuple(p for p in loc if not (isinstance(p, str) and p in _UNION_TAGS))
            if loc in seen:  # one message per field, not one per union member
                continue
            seen.add(loc)
            if err["type"] == "missing":
                where = doc.locate(loc[:-1])
            else:
                where = doc.locate(loc, key=err["type"] == "extra_forbidden")
            problems.append(Problem(where, field_name(loc), _explain(err, model)))
        return None


_UNION_TAGS = {"int", "float", "str", "constrained-str", "function-after", "Text", "Figure"}


# --------------------------------------------------------------------------
# Reading the tree


def _read(path: Path, rel: str, problems: list[Problem]) -> Document | None:
    try:
        doc = parse(rel, path.read_bytes())
    except YamlError as err:
        problems.extend(err.problems)
        return None
    problems.extend(doc.problems)
    return doc


def content_files(root: Path) -> list[tuple[str, Path]]:
    """Every YAML file of the tree as (kind, path), in a stable order."""
    out = []
    for name in (EDITION, GLOSSARY):
        out.append((name, root / name))
    for kind in KINDS:
        folder = root / kind
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            out.append((kind, path))
    return out


def load_content(root: str | Path, *, relative_to: str | Path | None = None) -> Content:
    """Read and check the whole tree; raise :class:`ContentError` on any problem."""
    root = Path(root)
    base = Path(relative_to) if relative_to is not None else Path.cwd()
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    models: dict[str, Any] = {}

    def rel(path: Path) -> str:
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            return str(path)

    entities: dict[str, dict[str, tuple[str, Any]]] = defaultdict(dict)
    present: dict[str, set[str]] = defaultdict(set)  # ids whose file exists, valid or not
    for kind, path in content_files(root):
        r = rel(path)
        if kind in (EDITION, GLOSSARY):
            if not path.is_file():
                problems.append(Problem(Location(r, 1, 1), "(file)",
                                        f"missing file: create {kind}"))
                continue
        elif path.suffix != ".yml" or not path.is_file():
            problems.append(Problem(Location(r, 1, 1), "(file)",
                                    "only .yml files belong here: rename it to end in .yml or move it"))
            continue
        elif not _ID_RE(path.stem):
            problems.append(Problem(Location(r, 1, 1), "(file)",
                                    "the file name is the id: use lower-case letters, digits "
                                    "and hyphens, e.g. glo-act.yml"))
            continue
        if kind in KINDS:
            present[kind].add(path.stem)
        doc = _read(path, r, problems)
        model = {EDITION: EditionFile, GLOSSARY: GlossaryFile}.get(kind) or KINDS[kind]
        value = _validate(doc, model, problems) if doc is not None else None
        if value is None:
            if kind == "programmes":
                present["invalid-programmes"].add(path.stem)
            continue
        docs[r] = doc
        models[r] = value
        if kind in KINDS:
            entities[kind][path.stem] = (r, value)

    edition = next((models[r] for r in models if r.endswith(EDITION)), None)
    glossary = next((models[r] for r in models if r.endswith(GLOSSARY)), None)
    content = None
    if edition is not None and glossary is not None:
        content = Content(
            root=str(root),
            edition=edition,
            edition_path=rel(root / EDITION),
            glossary=glossary,
            glossary_path=rel(root / GLOSSARY),
            programmes={k: Programme(k, r, v) for k, (r, v) in entities["programmes"].items()},
            partners={k: Partner(k, r, v) for k, (r, v) in entities["partners"].items()},
            projects={k: Project(k, r, v) for k, (r, v) in entities["projects"].items()},
        )
        problems.extend(check_references(content, docs, present))
    if problems or content is None:
        raise ContentError(problems)
    return content


def _ID_RE(stem: str) -> bool:
    import re

    return re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem) is not None


# --------------------------------------------------------------------------
# Checks across files


def check_references(
    content: Content, docs: dict[str, Document], present: dict[str, set[str]] | None = None
) -> list[Problem]:
    """Problems only the whole tree shows. ``present``: ids of every file found,
    including invalid ones, so that one bad file is reported once, not again at
    every reference to it."""
    problems: list[Problem] = []
    present = present or {}

    def at(path: str, loc: tuple, message: str, *, key: bool = False):
        doc = docs[path]
        problems.append(Problem(doc.locate(loc, key=key), field_name(loc), message))

    def need(kind: str, table: dict, path: str, loc: tuple, ident: str | None):
        if ident is not None and ident not in table:
            hint = _closest(ident, table)
            at(path, loc, f"unknown {kind} `{ident}`: create content/{kind}s/{ident}.yml"
               + (f" or use an existing id such as `{hint}`" if hint else ""))

    partners = set(content.partners) | present.get("partners", set())
    projects = set(content.projects) | present.get("projects", set())
    ed = content.edition

    # programme numbers and objective codes are unique
    seen_numbers: dict[int, str] = {}
    seen_codes: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    figure_ids: set[str] = set()
    event_ids: set[str] = set()

    def unique_id(path: str, loc: tuple, ident: str):
        if ident in seen_ids:
            at(path, loc, f"id `{ident}` is already used in {seen_ids[ident]}: choose another id")
        else:
            seen_ids[ident] = path

    for pid, prog in content.programmes.items():
        d, p = prog.data, prog.path
        if d.number in seen_numbers:
            at(p, ("number",), f"programme {d.number} is already defined in {seen_numbers[d.number]}")
        seen_numbers.setdefault(d.number, p)
        if pid != f"{d.number:02d}":
            at(p, ("number",), f"programme {d.number} belongs in a file named {d.number:02d}.yml")
        codes = set()
        for i, obj in enumerate(d.objectives):
            if obj.code in seen_codes:
                at(p, ("objectives", i, "code"),
                   f"objective code {obj.code} is already used in {seen_codes[obj.code]}: "
                   "each OSP code belongs to one objective")
            seen_codes.setdefault(obj.code, p)
            codes.add(obj.code)
        if d.activities_period is not None and d.activities_period != ed.activities_period:
            at(p, ("activities_period",),
               f"period {d.activities_period} is not the edition's activities period "
               f"{ed.activities_period} (content/edition.yml)")
        for i, fig in enumerate(d.figures):
            unique_id(p, ("figures", i, "id"), fig.id)
            figure_ids.add(fig.id)
            if fig.of is not None and fig.of < fig.value:
                at(p, ("figures", i, "of"), f"the total {fig.of} is smaller than the value {fig.value}")
        for i, ev in enumerate(d.events):
            unique_id(p, ("events", i, "id"), ev.id)
            event_ids.add(ev.id)
            if ev.end is not None and ev.end < ev.date:
                at(p, ("events", i, "end"), f"ends ({ev.end}) before it starts ({ev.date})")
            for j, ref in enumerate(ev.partners):
                need("partner", partners, p, ("events", i, "partners", j), ref)
            for j, ref in enumerate(ev.projects):
                need("project", projects, p, ("events", i, "projects", j), ref)
        for i, act in enumerate(d.activities):
            unique_id(p, ("activities", i, "id"), act.id)
            if act.objective is not None and act.objective not in codes:
                at(p, ("activities", i, "objective"),
                   f"{act.objective} is not an objective of this programme "
                   f"(it has: {', '.join(sorted(codes)) or 'none'})")
            for j, ref in enumerate(act.partners):
                need("partner", partners, p, ("activities", i, "partners", j), ref)
            for j, ref in enumerate(act.projects):
                need("project", projects, p, ("activities", i, "projects", j), ref)
        for i, rs in enumerate(d.recommendations):
            if rs.period != ed.recommendations_period:
                at(p, ("recommendations", i, "period"),
                   f"period {rs.period} is not the edition's recommendations period "
                   f"{ed.recommendations_period} (content/edition.yml)")
            for j, rec in enumerate(rs.items):
                unique_id(p, ("recommendations", i, "items", j, "id"), rec.id)

    # references to figures and events, once all are known
    for prog in content.programmes.values():
        for i, act in enumerate(prog.data.activities):
            for j, ref in enumerate(act.figures):
                if ref not in figure_ids:
                    at(prog.path, ("activities", i, "figures", j), f"unknown figure `{ref}`: "
                       "add it under `figures:` or fix the id")
            for j, ref in enumerate(act.events):
                if ref not in event_ids:
                    at(prog.path, ("activities", i, "events", j), f"unknown event `{ref}`: "
                       "add it under `events:` or fix the id")

    for pid, part in content.partners.items():
        if part.data.parent is not None:
            need("partner", partners, part.path, ("parent",), part.data.parent)

    # A programme file with errors is reported once: references into it (its
    # number, objectives, figures) are checked again once it is fixed.
    programmes_complete = not present.get("invalid-programmes")
    for jid, proj in content.projects.items():
        d, p = proj.data, proj.path
        if programmes_complete:
            if d.programme not in seen_numbers:
                at(p, ("programme",), f"programme {d.programme} does not exist: create "
                   f"content/programmes/{d.programme:02d}.yml or fix the number")
            if d.objective is not None and d.objective not in seen_codes:
                at(p, ("objective",), f"unknown objective {d.objective}")
        if d.parent is not None:
            need("project", projects, p, ("parent",), d.parent)
            if d.parent == jid:
                at(p, ("parent",), "a project cannot be its own part")
        for fld in ("funders", "implementers", "partners"):
            for j, ref in enumerate(getattr(d, fld)):
                need("partner", partners, p, (fld, j), ref)
        for j, ref in enumerate(d.figures if programmes_complete else ()):
            if ref not in figure_ids:
                at(p, ("figures", j), f"unknown figure `{ref}`: it must be the id of a figure "
                   "under `figures:` in a programme file")

    gpath = content.glossary_path
    seen_gloss: dict[str, int] = {}
    for i, entry in enumerate(content.glossary.entries):
        if entry.id in seen_gloss:
            at(gpath, ("entries", i, "id"),
               f"id `{entry.id}` is already used by entry {seen_gloss[entry.id]}: choose another id")
        seen_gloss.setdefault(entry.id, i)
        if entry.kind == "acronym" and not entry.acronym:
            at(gpath, ("entries", i), "an acronym entry needs `acronym:`")
        if entry.partner is not None:
            need("partner", partners, gpath, ("entries", i, "partner"), entry.partner)
    return problems


def _closest(ident: str, table: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(ident, list(table), n=1, cutoff=0.6)
    return found[0] if found else None
