"""Load ``content/`` into a :class:`~snia.model.Content`, reporting every problem.

``load_content(root)`` reads every file, validates each against its model,
then checks what only the whole tree can tell (ids that must exist, ids and
codes used twice, periods that must match the edition). It raises
:class:`ContentError` holding *all* problems, sorted by file and line, each
``path:line:column: field: message``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from .kinds import KINDS
from .model import Content, EditionFile, GlossaryFile, Entity
from .textcheck import MAX_FILE_BYTES, text_problems
from .yamlsafe import Document, Location, Problem, YamlError, field_name, parse

# Which model each file of the tree is, by its place: these two files, and
# one folder per kind of entry (snia.kinds.KINDS).
EDITION = "edition.yml"
GLOSSARY = "glossary.yml"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problème(s) dans le contenu")

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


def _tidy(value) -> str:
    text = str(value).replace(",", ".")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _explain(err: dict, model: type[BaseModel], decimal_ok: bool = False) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    loc = err["loc"]
    shown = repr(value) if not isinstance(value, (dict, list)) else _KIND_FR.get(
        type(value).__name__, type(value).__name__)
    if kind == "missing":
        return f"champ obligatoire absent : ajoutez `{loc[-1]}:`"
    if kind == "extra_forbidden":
        allowed = ", ".join(_fields_of(model, loc))
        return (f"champ inconnu `{loc[-1]}` : vérifiez son orthographe "
                f"(champs possibles ici : {allowed})")
    if kind == "string_type":
        if isinstance(value, bool):
            return (f"un texte est attendu, pas le booléen {str(value).lower()} : mettez la valeur "
                    "entre guillemets (YAML lit true/false comme oui/non)")
        return f"un texte est attendu, pas {shown} : mettez la valeur entre guillemets"
    if kind == "value_error":  # a check of the model that says what is wrong itself
        return str(ctx.get("error", err["msg"]))
    if kind in ("int_type", "int_parsing", "int_from_float", "float_type") and (
            isinstance(value, float) or (isinstance(value, str)
                                         and re.fullmatch(r"[-+]?\d+[.,]\d+", value))):
        if decimal_ok:
            return (f"« {value} » n'est pas lu comme un nombre : écrivez-le avec un point et sans "
                    f"zéro final ni guillemets (par exemple {_tidy(value)})")
        return (f"« {value} » n'est pas un nombre entier : ce champ compte des unités entières ; "
                "écrivez un nombre sans décimales (par exemple 2)")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return (f"un nombre entier est attendu (par exemple 122), pas {shown} : écrivez seulement "
                "des chiffres, sans guillemets ni zéro au début")
    if kind in ("float_type", "float_parsing"):
        return f"un nombre est attendu (par exemple 2.5, avec un point), pas {shown}"
    if kind == "bool_type":
        return f"true (oui) ou false (non) est attendu, pas {shown}"
    if kind == "list_type":
        return f"une liste est attendue (des lignes commençant par `- `), pas {shown}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"des champs sont attendus (des lignes `champ: valeur`), pas {shown}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " ou ")
        return f"{shown} n'est pas accepté : utilisez une de ces valeurs : {expected}"
    if kind == "string_pattern_mismatch":
        return f"{shown} n'a pas la bonne forme : {_pattern_hint(ctx.get('pattern', ''))}"
    if kind == "string_too_short":
        return ("ne doit pas être vide : écrivez le texte, ou supprimez la clé quand "
                "l'information est inconnue")
    if kind == "string_too_long":
        return f"{shown} est trop long : {ctx.get('max_length')} caractères au plus"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "au moins", "less_than_equal": "au plus",
                 "greater_than": "plus de", "less_than": "moins de"}[kind]
        limit = next(iter(ctx.values()), "?")
        if kind == "greater_than_equal" and limit == 0:
            return f"{shown} est négatif : ce nombre ne peut pas l'être ; écrivez 0 ou plus"
        return f"{shown} est hors limites : la valeur doit être {bound} {limit}"
    return f"valeur refusée ({err['msg']}) : {shown}"


_KIND_FR = {"dict": "des champs (`champ: valeur`)", "list": "une liste"}


def _pattern_hint(pattern: str) -> str:
    if pattern.startswith("^\\d{4}(-(0"):
        return "écrivez une date sous la forme \"2018\", \"2018-04\" ou \"2018-04-16\" (entre guillemets)"
    if pattern.startswith("^\\d{4}(-\\d{4})"):
        return "écrivez une période sous la forme \"2017-2018\" ou une année \"2018\""
    if pattern.startswith("^OSP"):
        return "écrivez un code d'objectif sous la forme `OSP 17`"
    if pattern.startswith("^[a-z0-9]"):
        return ("un identifiant s'écrit en minuscules sans accents, chiffres et traits d'union, "
                "par exemple `glo-act`")
    if pattern.startswith("^[A-Z]{3}"):
        return "une devise est un code ISO 4217 de trois lettres, comme EUR ou MAD"
    if pattern.startswith("^[0-9a-f]{8}"):
        return ("une empreinte a 8 caractères hexadécimaux : laissez "
                "`make translations-mark` l'écrire")
    return f"elle doit correspondre au motif {pattern}"


def placeholders(doc: Document) -> list[Problem]:
    """Every ``A_REMPLIR`` left by ``snia new``: nothing half-made is published."""
    from .scaffold import PLACEHOLDER

    found = []
    for path, node in doc.nodes.items():
        value = getattr(node, "value", None)
        if isinstance(value, str) and PLACEHOLDER in value and node.tag.endswith(":str"):
            hint = value.split(PLACEHOLDER, 1)[1].lstrip(" :")
            found.append(Problem(doc.locate(path), field_name(path),
                                 "à remplir" + (f" ({hint})" if hint else "")
                                 + f" : remplacez « {PLACEHOLDER} » et son explication par la "
                                 "valeur, ou supprimez la ligne si le rapport ne la donne pas"))
    return found


def _validate(doc: Document, model: type[BaseModel], problems: list[Problem]):
    holes = placeholders(doc)
    if holes:
        problems.extend(holes)
        skip = {p.location for p in holes}
        inner: list[Problem] = []
        value = _validate_data(doc, model, inner)
        # a placeholder is reported once, not again as a wrong type or value
        problems.extend(p for p in inner if p.location not in skip)
        return None if value is None or holes else value
    return _validate_data(doc, model, problems)


def _validate_data(doc: Document, model: type[BaseModel], problems: list[Problem]):
    if not isinstance(doc.data, dict):
        problems.append(Problem(doc.locate(()), "(document)",
                                "le fichier doit contenir des champs (des lignes `champ: valeur`)"))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        seen: set[tuple] = set()
        errors = exc.errors(include_url=False)
        # fields that accept a decimal number (int | float): pydantic tried both
        decimal = {tuple(p for p in e["loc"] if not _union_tag(p))
                   for e in errors if "float" in e["loc"]}
        for err in errors:
            loc = tuple(err["loc"])
            # pydantic appends the union member tried (e.g. 'int') to the path
            loc = tuple(p for p in loc if not _union_tag(p))
            if loc in seen:  # one message per field, not one per union member
                continue
            seen.add(loc)
            if err["type"] == "missing":
                where = doc.locate(loc[:-1])
            else:
                where = doc.locate(loc, key=err["type"] == "extra_forbidden")
            problems.append(Problem(where, field_name(loc), _explain(err, model, loc in decimal)))
        return None


def _union_tag(part) -> bool:
    """A union member pydantic appends to an error's path (``int``,
    ``function-after[...]``), not a field."""
    return isinstance(part, str) and (part in _UNION_TAGS or part.startswith("function-"))


_UNION_TAGS = {"int", "float", "str", "constrained-str", "function-after", "Text", "Figure"}


# --------------------------------------------------------------------------
# Reading the tree


def _read(path: Path, rel: str, problems: list[Problem], raw: bytes | None = None) -> Document | None:
    if raw is None:
        raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(Location(rel, 1, 1), "(fichier)",
                                f"{len(raw):,} octets : un fichier de contenu en fait "
                                f"{MAX_FILE_BYTES:,} au plus ; découpez-le ou retirez ce qui "
                                "n'a pas sa place".replace(",", "\u202f")))
        return None
    try:
        doc = parse(rel, raw)
    except YamlError as err:
        problems.extend(err.problems)
        return None
    problems.extend(doc.problems)
    problems.extend(text_problems(doc))
    return doc


# ``make serve`` loads the tree again at each save: a file whose bytes did not
# change since the last load is not parsed and validated again (same bytes,
# same document, model and problems; the models are frozen). Holds the files
# of the last load only.
_last_files: dict[tuple[str, str, str], tuple[bytes, Document | None, Any, list[Problem]]] = {}


def _read_file(kind: str, path: Path, rel: str, model, problems: list[Problem],
               seen: dict) -> tuple[Document | None, Any]:
    raw = path.read_bytes()
    key = (str(path.resolve()), rel, kind)
    hit = _last_files.get(key)
    if hit is None or hit[0] != raw:
        found: list[Problem] = []
        doc = _read(path, rel, found, raw)
        value = _validate(doc, model, found) if doc is not None else None
        hit = (raw, doc, value, found)
    seen[key] = hit
    problems.extend(hit[3])
    return hit[1], hit[2]


def content_files(root: Path) -> list[tuple[str, Path]]:
    """Every YAML file of the tree as (kind, path), in a stable order: the
    kind is a name of :data:`snia.kinds.KINDS`, or ``edition.yml`` /
    ``glossary.yml``."""
    out = []
    for name in (EDITION, GLOSSARY):
        out.append((name, root / name))
    for kind in KINDS.values():
        folder = root / kind.folder
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            out.append((kind.name, path))
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
    seen: dict = {}
    for kind, path in content_files(root):
        r = rel(path)
        if kind in (EDITION, GLOSSARY):
            if not path.is_file():
                problems.append(Problem(Location(r, 1, 1), "(fichier)",
                                        f"fichier manquant : créez {kind}"))
                continue
        elif path.suffix != ".yml" or not path.is_file() or not _ID_RE(path.stem):
            # One clear message, and the file's likely id counts as present, so
            # that references to it do not each report an unknown id.
            stem = path.name.split(".")[0] if path.is_file() else path.name
            ident = stem.lower()
            if _ID_RE(ident):
                present[kind].add(ident)
            if kind == "programme":  # what projects take from it is checked once it is renamed
                present["invalid-programmes"].add(ident)
            if not path.is_file():
                said = "un dossier n'a pas sa place ici : déplacez son contenu"
            elif _ID_RE(ident):
                said = (f"le nom du fichier doit être {ident}.yml (l'identifiant en minuscules, "
                        "extension .yml) : renommez-le")
            else:
                said = ("le nom du fichier est l'identifiant : minuscules sans accents, chiffres "
                        "et traits d'union, extension .yml, par exemple glo-act.yml ; renommez-le")
            problems.append(Problem(Location(r, 1, 1), "(fichier)", said))
            continue
        if kind in KINDS:
            present[kind].add(path.stem)
        model = {EDITION: EditionFile, GLOSSARY: GlossaryFile}.get(kind) or KINDS[kind].model
        doc, value = _read_file(kind, path, r, model, problems, seen)
        if value is None:
            if kind == "programme":
                present["invalid-programmes"].add(path.stem)
            continue
        docs[r] = doc
        models[r] = value
        if kind in KINDS:
            entities[kind][path.stem] = (r, value)

    _last_files.clear()
    _last_files.update(seen)
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
            entities={kind: {k: Entity(k, r, v) for k, (r, v) in entities[kind].items()}
                      for kind in KINDS},
        )
        problems.extend(check_references(content, docs, present))
        if not present.get("invalid-programmes"):
            # charts: do their figures fit together (a programme file with
            # errors is reported once; its charts are checked once it is fixed)
            from .charts import check as check_charts

            problems.extend(check_charts(content, docs, present.get("project", set())))
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
            folder, word = KINDS[kind].folder, KINDS[kind].noun
            at(path, loc, f"{word} inconnu `{ident}` : créez content/{folder}/{ident}.yml "
               f"(`make new KIND={kind} ID={ident}`)"
               + (f" ou utilisez un identifiant existant, par exemple `{hint}`" if hint else ""))

    partners = set(content.partners) | present.get("partner", set())
    projects = set(content.projects) | present.get("project", set())
    ed = content.edition

    # programme numbers and objective codes are unique
    seen_numbers: dict[int, str] = {}
    seen_codes: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    figure_ids: set[str] = set()
    event_ids: set[str] = set()

    def unique_id(path: str, loc: tuple, ident: str):
        if ident in seen_ids:
            at(path, loc, f"l'identifiant `{ident}` est déjà utilisé dans {seen_ids[ident]} : "
               "choisissez-en un autre")
        else:
            seen_ids[ident] = path

    for pid, prog in content.programmes.items():
        d, p = prog.data, prog.path
        if d.number in seen_numbers:
            at(p, ("number",), f"le programme {d.number} est déjà défini dans {seen_numbers[d.number]}")
        seen_numbers.setdefault(d.number, p)
        if pid != f"{d.number:02d}":
            at(p, ("number",), f"le programme {d.number} doit être dans un fichier nommé "
               f"{d.number:02d}.yml")
        codes = set()
        for i, obj in enumerate(d.objectives):
            if obj.code in seen_codes:
                at(p, ("objectives", i, "code"),
                   f"le code d'objectif {obj.code} est déjà utilisé dans {seen_codes[obj.code]} : "
                   "chaque code OSP appartient à un seul objectif")
            seen_codes.setdefault(obj.code, p)
            codes.add(obj.code)
        if d.activities_period is not None and d.activities_period != ed.activities_period:
            at(p, ("activities_period",),
               f"la période {d.activities_period} n'est pas celle des activités de l'édition, "
               f"{ed.activities_period} (content/edition.yml)")
        for i, fig in enumerate(d.figures):
            unique_id(p, ("figures", i, "id"), fig.id)
            figure_ids.add(fig.id)
            if fig.of is not None and fig.of < fig.value:
                at(p, ("figures", i, "of"), f"le total {fig.of} est plus petit que la valeur {fig.value}")
        for i, ev in enumerate(d.events):
            unique_id(p, ("events", i, "id"), ev.id)
            event_ids.add(ev.id)
            if ev.end is not None and ev.end < ev.date:
                at(p, ("events", i, "end"), f"la fin ({ev.end}) précède le début ({ev.date})")
            for j, ref in enumerate(ev.partners):
                need("partner", partners, p, ("events", i, "partners", j), ref)
            for j, ref in enumerate(ev.projects):
                need("project", projects, p, ("events", i, "projects", j), ref)
        for i, act in enumerate(d.activities):
            unique_id(p, ("activities", i, "id"), act.id)
            if act.objective is not None and act.objective not in codes:
                at(p, ("activities", i, "objective"),
                   f"{act.objective} n'est pas un objectif de ce programme "
                   f"(ses objectifs : {', '.join(sorted(codes)) or 'aucun'})")
            for j, ref in enumerate(act.partners):
                need("partner", partners, p, ("activities", i, "partners", j), ref)
            for j, ref in enumerate(act.projects):
                need("project", projects, p, ("activities", i, "projects", j), ref)
        for i, rs in enumerate(d.recommendations):
            if rs.period != ed.recommendations_period:
                at(p, ("recommendations", i, "period"),
                   f"la période {rs.period} n'est pas celle des recommandations de l'édition, "
                   f"{ed.recommendations_period} (content/edition.yml)")
            for j, rec in enumerate(rs.items):
                unique_id(p, ("recommendations", i, "items", j, "id"), rec.id)

    # references to figures and events, once all are known
    for prog in content.programmes.values():
        for i, act in enumerate(prog.data.activities):
            for j, ref in enumerate(act.figures):
                if ref not in figure_ids:
                    at(prog.path, ("activities", i, "figures", j), f"chiffre inconnu `{ref}` : "
                       "ajoutez-le sous `figures:` ou corrigez l'identifiant")
            for j, ref in enumerate(act.events):
                if ref not in event_ids:
                    at(prog.path, ("activities", i, "events", j), f"événement inconnu `{ref}` : "
                       "ajoutez-le sous `events:` ou corrigez l'identifiant")

    # the same partner twice, under two ids: same name or same acronym
    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for pid, part in content.partners.items():
        if part.data.parent is not None:
            need("partner", partners, part.path, ("parent",), part.data.parent)
        name = " ".join(part.data.name.fr.casefold().split())
        if name in names:
            at(part.path, ("name", "fr"), f"même nom que le partenaire `{names[name]}` "
               f"(content/partners/{names[name]}.yml) : un partenaire n'a qu'un fichier ; "
               "gardez-en un et remplacez l'autre identifiant partout où il sert")
        names.setdefault(name, pid)
        acronym = (part.data.acronym or "").casefold().strip()
        if acronym and acronym in acronyms:
            at(part.path, ("acronym",), f"même sigle que le partenaire `{acronyms[acronym]}` "
               f"(content/partners/{acronyms[acronym]}.yml) : un partenaire n'a qu'un fichier ; "
               "gardez-en un, ou corrigez le sigle")
        if acronym:
            acronyms.setdefault(acronym, pid)

    # A programme file with errors is reported once: references into it (its
    # number, objectives, figures) are checked again once it is fixed.
    programmes_complete = not present.get("invalid-programmes")
    for jid, proj in content.projects.items():
        d, p = proj.data, proj.path
        if programmes_complete:
            if d.programme not in seen_numbers:
                at(p, ("programme",), f"le programme {d.programme} n'existe pas : créez "
                   f"content/programmes/{d.programme:02d}.yml ou corrigez le numéro")
            if d.objective is not None and d.objective not in seen_codes:
                at(p, ("objective",), f"objectif inconnu {d.objective} : utilisez le code "
                   "d'un objectif d'un programme (par exemple `OSP 17`)")
        if d.parent is not None:
            need("project", projects, p, ("parent",), d.parent)
            if d.parent == jid:
                at(p, ("parent",), "un projet ne peut pas faire partie de lui-même")
        for fld in ("funders", "implementers", "partners"):
            for j, ref in enumerate(getattr(d, fld)):
                need("partner", partners, p, (fld, j), ref)
        for j, ref in enumerate(d.figures if programmes_complete else ()):
            if ref not in figure_ids:
                at(p, ("figures", j), f"chiffre inconnu `{ref}` : ce doit être l'identifiant "
                   "d'un chiffre sous `figures:` dans un fichier de programme")

    gpath = content.glossary_path
    seen_gloss: dict[str, int] = {}
    for i, entry in enumerate(content.glossary.entries):
        if entry.id in seen_gloss:
            at(gpath, ("entries", i, "id"),
               f"l'identifiant `{entry.id}` est déjà utilisé par l'entrée n° "
               f"{seen_gloss[entry.id] + 1} : choisissez-en un autre")
        seen_gloss.setdefault(entry.id, i)
        if entry.kind == "acronym" and not entry.acronym:
            at(gpath, ("entries", i), "une entrée de type acronym doit avoir `acronym:`")
        if entry.partner is not None:
            need("partner", partners, gpath, ("entries", i, "partner"), entry.partner)
        if entry.project is not None:
            need("project", projects, gpath, ("entries", i, "project"), entry.project)
    return problems


def _closest(ident: str, table: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(ident, list(table), n=1, cutoff=0.6)
    return found[0] if found else None
