"""XLIFF 2.0 for translators who work in a CAT tool (OmegaT, Trados, memoQ,
Poedit...): export the missing and stale texts, import the translations.

One ``<file>`` per content file or Arabic page, one ``<unit>`` per text. Each
unit carries, in notes, where the text is (``file:line``, its place in the
YAML) and the fingerprint of the French it was exported with.

Import is all or nothing. It is refused when the French of a unit changed
since the export (the translation would be of an old text); otherwise it
writes only the Arabic text of each unit and its two lines ``ar_hash`` /
``ar_status`` (``draft``): every other byte of the file stays as it was. A
page gets its Arabic body and its front matter ``fr_hash`` / ``status``.

Written with the standard library (``xml.etree``): translate-toolkit (PyPI)
installs here but brings lxml and a Rust extension for a format this small.
ElementTree's expat parser neither fetches external entities nor expands
them; a DOCTYPE is refused anyway.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode

from . import review
from .model import text_hash
from .translation import _write_checked, mark, texts_in
from .yamlsafe import YamlError, field_name, parse

NS = "urn:oasis:names:tc:xliff:document:2.0"
ET.register_namespace("", NS)
_Q = "{%s}" % NS


class XliffError(Exception):
    """An import refused; nothing was written."""


# --------------------------------------------------------------------------
# Export


def export(root: Path, *, include_unreviewed: bool = False) -> tuple[bytes, int]:
    """The XLIFF of the missing and stale texts and pages (and unreviewed with
    ``include_unreviewed``), and the number of units."""
    sources = review.read_store(root / review.SOURCES)
    states = {"missing", "stale"} | ({"unreviewed"} if include_unreviewed else set())
    doc = ET.Element(_Q + "xliff", {"version": "2.0", "srcLang": "fr", "trgLang": "ar"})
    files: dict[str, ET.Element] = {}
    count = 0
    items = review.content_items(root, root / "content") + review.page_items(root, root / "docs")
    items += [i for i in review.interface_items(root) if i.file == review.LABELS.as_posix()]
    paths = _paths(root)
    for item in items:
        if item.state not in states:
            continue
        count += 1
        f = files.get(item.file)
        if f is None:
            f = files[item.file] = ET.SubElement(doc, _Q + "file",
                                                 {"id": f"f{len(files) + 1}", "original": item.file})
        unit = ET.SubElement(f, _Q + "unit", {"id": f"u{count}", "name": item.field})
        notes = ET.SubElement(unit, _Q + "notes")
        _note(notes, "location", item.where)
        path = ({"label": item.field[len("label "):]} if item.kind == "interface"
                else paths.get((item.file, item.line, item.column), "(page)"))
        _note(notes, "path", json.dumps(path, ensure_ascii=False))
        _note(notes, "fr_hash", text_hash(item.fr))
        _note(notes, "state", item.state)
        old = review.changes(item, sources) if item.state == "stale" else None
        if old and item.kind != "page":
            _note(notes, "previous-source", old[0].old or "")
        seg = ET.SubElement(unit, _Q + "segment",
                            {"state": "initial" if item.state != "unreviewed" else "translated"})
        ET.SubElement(seg, _Q + "source").text = (review.page_body(item.fr) if item.kind == "page"
                                                  else item.fr)
        if item.ar is not None and item.state != "missing":
            ET.SubElement(seg, _Q + "target").text = item.ar
    ET.indent(doc, space="  ")
    body = ET.tostring(doc, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8"), count


def _note(notes: ET.Element, category: str, text: str) -> None:
    ET.SubElement(notes, _Q + "note", {"category": category}).text = text


def _paths(root: Path) -> dict[tuple, list]:
    """(file, line, column) of each text -> its path in the YAML."""
    out = {}
    for path in sorted((root / "content").rglob("*.yml")):
        label = path.relative_to(root).as_posix()
        try:
            doc = parse(label, path.read_bytes())
        except (YamlError, OSError):
            continue
        for ref in texts_in(doc):
            out[(label, ref.location.line, ref.location.column)] = list(ref.path)
    return out


# --------------------------------------------------------------------------
# Import


@dataclass
class Unit:
    file: str
    path: list | None  # None: a page or a label
    location: str
    fr_hash: str
    target: str | None
    label: str | None = None  # an interface label of src/snia/ui.yml


def read(data: bytes) -> list[Unit]:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise XliffError("fichier XLIFF refusé : il déclare un DOCTYPE ou des entités")
    try:
        doc = ET.fromstring(data)
    except ET.ParseError as err:
        line, col = err.position
        raise XliffError(f"fichier XLIFF illisible, ligne {line}, colonne {col + 1} : {err}") from None
    if doc.tag != _Q + "xliff" or doc.get("version") != "2.0":
        raise XliffError("ce n'est pas un fichier XLIFF 2.0 exporté par `snia translations export`")
    units = []
    for f in doc.findall(_Q + "file"):
        original = f.get("original") or ""
        for unit in f.iter(_Q + "unit"):
            notes = {n.get("category"): n.text or "" for n in unit.iter(_Q + "note")}
            if "fr_hash" not in notes or "path" not in notes:
                raise XliffError(f"{original}: unité {unit.get('id')} : notes « path » et "
                                 "« fr_hash » absentes ; exportez à nouveau")
            try:
                path = json.loads(notes["path"])
            except ValueError:
                raise XliffError(f"{original}: unité {unit.get('id')} : note « path » illisible ; "
                                 "exportez à nouveau") from None
            targets = [t for t in unit.iter(_Q + "target")]
            target = "".join(targets[0].itertext()) if targets else None
            label = path.get("label") if isinstance(path, dict) else None
            units.append(Unit(original, path if isinstance(path, list) else None,
                              notes.get("location", original), notes["fr_hash"],
                              target if target and target.strip() else None,
                              label if isinstance(label, str) else None))
    return units


def import_(root: Path, data: bytes) -> list[str]:
    """Write the translations of an XLIFF file. Returns what was written
    (``file:line``); raises :class:`XliffError` and writes nothing when a unit
    cannot be applied."""
    units = [u for u in read(data) if u.target is not None]
    problems = []
    by_file: dict[str, list[Unit]] = {}
    for u in units:
        path = (root / u.file)
        if u.label is not None:
            ok = u.file == review.LABELS.as_posix() and path.is_file()
        else:
            ok = _allowed(root, path, page=u.path is None)
        if not ok:
            problems.append(f"{u.location}: refusé : seuls content/**/*.yml, docs/ar/**/*.md et "
                            "src/snia/ui.yml peuvent être écrits")
            continue
        by_file.setdefault(u.file, []).append(u)
    plans = {}
    for file, file_units in by_file.items():
        try:
            plans[file] = _plan(root, file, file_units)
        except XliffError as err:
            problems.append(str(err))
    if problems:
        raise XliffError("import refusé, aucun fichier modifié :\n" + "\n".join(problems))
    written = []
    for file, (new_bytes, marks) in plans.items():
        path = root / file
        if file.endswith(".md"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(new_bytes)
            mark(path, None, reviewed=False, label=file, root=root)
        elif file == review.LABELS.as_posix():
            _write_checked(path, path.read_bytes(), new_bytes, file, _reads(file))
            for line in marks:
                review.mark_interface(root, file, line, reviewed=False)
        else:
            _write_checked(path, path.read_bytes(), new_bytes, file, _reads(file))
            for line in sorted(marks, reverse=True):  # from the end: inserted lines move the rest
                mark(path, line, reviewed=False, label=file, root=root)
        written.append(file)
    items = [i for i in review.all_items(root) if i.file in plans]
    review.record_sources(root, items)
    return written


def _allowed(root: Path, path: Path, *, page: bool) -> bool:
    folder = root / ("docs/ar" if page else "content")
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    # a missing page is created; a content file must exist
    return path.suffix == (".md" if page else ".yml") and (page or path.is_file())


def _reads(label: str):
    def check(new: bytes) -> str | None:
        try:
            doc = parse(label, new)
        except YamlError as err:
            return str(err)
        return "\n".join(map(str, doc.problems)) or None

    return check


_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                            "|[\u2028\u2029\ufeff]")


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar of ``text`` on one line (JSON's escapes,
    and every character a YAML reader would refuse or read as a line break)."""
    out = json.dumps(text, ensure_ascii=False)
    return _NON_PRINTABLE.sub(lambda m: "\\u%04x" % ord(m.group(0)), out)


def _plan(root: Path, file: str, units: list[Unit]) -> tuple[bytes, list[int]]:
    """The new bytes of ``file`` and the lines of the texts to mark."""
    path = root / file
    raw = path.read_bytes() if path.is_file() else b""
    if file.endswith(".md"):
        return _plan_page(root, file, raw, units)
    if file == review.LABELS.as_posix():
        return _plan_labels(file, raw, units)
    doc = parse(file, raw)
    if doc.problems:
        raise XliffError("\n".join(map(str, doc.problems)))
    text = raw.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    nl = "\r\n" if "\r\n" in body else "\n"
    line_starts = [0] + [i + 1 for i, c in enumerate(body) if c == "\n"]
    refs = {tuple(r.path): r for r in texts_in(doc)}
    edits = []
    wanted = []
    for u in units:
        ref = refs.get(tuple(u.path))
        if ref is None:
            raise XliffError(f"{u.location}: ce texte n'existe plus ; exportez à nouveau")
        if text_hash(ref.fr) != u.fr_hash:
            raise XliffError(f"{ref.location}: {field_name(ref.path)}: le français a changé depuis "
                             "l'export : cette traduction est celle de l'ancien texte ; exportez à "
                             "nouveau et traduisez le nouveau français")
        node = doc.nodes[ref.path]
        if not isinstance(node, MappingNode) or node.flow_style:
            raise XliffError(f"{ref.location}: {field_name(ref.path)}: écrivez ce texte avec une clé "
                             "par ligne (fr:, ar: l'une sous l'autre) pour pouvoir l'importer")
        value = yaml_quoted(u.target)
        if ref.path + ("ar",) in doc.nodes:
            ar = doc.nodes[ref.path + ("ar",)]
            start, end = ar.start_mark.index, ar.end_mark.index
            span = body[start:end]
            edits.append((start, start + len(span.rstrip()), value))
        else:
            fr = doc.nodes[ref.path + ("fr",)]
            indent = doc.key_nodes[ref.path + ("fr",)].start_mark.column
            after = fr.end_mark.line if fr.end_mark.column == 0 else fr.end_mark.line + 1
            line = " " * indent + "ar: " + value + nl
            if after < len(line_starts) and line_starts[after] < len(body):
                edits.append((line_starts[after], line_starts[after], line))
            else:
                tail = "" if body.endswith("\n") else nl
                edits.append((len(body), len(body), tail + line))
        wanted.append((tuple(ref.path), u.target))
    for start, end, value in sorted(edits, reverse=True):
        body = body[:start] + value + body[end:]
    new = (bom + body).encode("utf-8")
    check = parse(file, new)
    got = {tuple(r.path): r for r in texts_in(check)}
    wrong = [field_name(p) for p, t in wanted if got.get(p) is None or got[p].ar != t]
    if wrong or check.problems:
        raise XliffError(f"{file}: l'arabe ne se relit pas tel quel ({', '.join(wrong)}) ; "
                         "aucun fichier modifié")
    lines = sorted({got[p].location.line for p, _ in wanted})
    return new, lines


def _plan_labels(file: str, raw: bytes, units: list[Unit]) -> tuple[bytes, list[int]]:
    """ui.yml: ``key: {fr: "...", ar: "..."}``, one label a line."""
    doc = parse(file, raw)
    if doc.problems:
        raise XliffError("\n".join(map(str, doc.problems)))
    body = raw.decode("utf-8")
    data = doc.data if isinstance(doc.data, dict) else {}
    edits, lines = [], []
    for u in units:
        value = data.get(u.label)
        if not isinstance(value, dict) or not isinstance(value.get("fr"), str):
            raise XliffError(f"{u.location}: le libellé {u.label} n'existe plus ; exportez à nouveau")
        where = doc.locate((u.label, "fr"))
        if text_hash(value["fr"]) != u.fr_hash:
            raise XliffError(f"{where}: {u.label}.fr: le français a changé depuis l'export : "
                             "exportez à nouveau et traduisez le nouveau français")
        quoted = yaml_quoted(u.target)
        if (u.label, "ar") in doc.nodes:
            ar = doc.nodes[(u.label, "ar")]
            edits.append((ar.start_mark.index, ar.end_mark.index, quoted))
        else:
            node = doc.nodes[(u.label,)]
            if not node.flow_style:
                raise XliffError(f"{where}: {u.label}: écrivez ce libellé sur une ligne "
                                 "({fr: ..., ar: ...}) pour pouvoir l'importer")
            close = node.end_mark.index - 1  # the closing brace
            edits.append((close, close, ", ar: " + quoted))
        lines.append(where.line)
    for start, end, value in sorted(edits, reverse=True):
        body = body[:start] + value + body[end:]
    new = body.encode("utf-8")
    check = parse(file, new).data or {}
    wrong = [u.label for u in units if (check.get(u.label) or {}).get("ar") != u.target]
    if wrong:
        raise XliffError(f"{file}: l'arabe ne se relit pas tel quel ({', '.join(wrong)})")
    return new, lines


def _plan_page(root: Path, file: str, raw: bytes, units: list[Unit]) -> tuple[bytes, list[int]]:
    fr_file = root / "docs" / "fr" / Path(file).relative_to("docs/ar")
    if not fr_file.is_file():
        raise XliffError(f"{file}:1:1: pas de page française {fr_file.relative_to(root)}")
    u = units[-1]
    if text_hash(fr_file.read_text(encoding="utf-8")) != u.fr_hash:
        raise XliffError(f"{file}:1:1: (page): la page française a changé depuis l'export : "
                         "exportez à nouveau et traduisez le nouveau français")
    text = raw.decode("utf-8")
    m = review._FRONT.match(text)
    head = text[: m.end()] if m else ""
    target = u.target if u.target.endswith("\n") else u.target + "\n"
    return (head + target).encode("utf-8"), [1]


# --------------------------------------------------------------------------
# The glossary as a termbase


def termbase_csv(content) -> str:
    """The glossary as a CSV termbase (one concept a line: French, Arabic, the
    Arabic short form, other accepted renderings, renderings to avoid), which
    CAT tools import (OmegaT glossary, Trados MultiTerm, memoQ)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["id", "fr", "ar", "sigle", "forme courte (ar)", "variantes (fr)", "variantes (ar)",
                "autres traductions admises (ar)", "à ne pas employer (ar)"])
    for e in content.glossary.entries:
        renderings = [f"{r.ar} ({' '.join(r.when.split())})" for r in getattr(e, "renderings", [])]
        avoid = [a.ar for a in getattr(e, "avoid_ar", [])]
        row = [e.id, e.term.fr, e.term.ar or "", e.acronym or "", getattr(e, "short_ar", None) or "",
               " | ".join(e.variants_fr), " | ".join(e.variants_ar), " | ".join(renderings),
               " | ".join(avoid)]
        w.writerow([_cell(c) for c in row])
    return buf.getvalue()


def _cell(value: str) -> str:
    """A spreadsheet reads a cell that starts with = + - @ as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def termbase_tbx(content) -> bytes:
    """The glossary as TBX (ISO 30042, TBX-Basic dialect)."""
    x = "{http://www.w3.org/XML/1998/namespace}"
    tbx = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", x + "lang": "fr"})
    header = ET.SubElement(tbx, "tbxHeader")
    fd = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(fd, "sourceDesc"), "p").text = "content/glossary.yml"
    body = ET.SubElement(ET.SubElement(tbx, "text"), "body")
    for e in content.glossary.entries:
        entry = ET.SubElement(body, "conceptEntry", {"id": e.id})
        for lang, terms in (("fr", [e.term.fr, *e.variants_fr, *([e.acronym] if e.acronym else [])]),
                            ("ar", [t for t in [e.term.ar, getattr(e, "short_ar", None), *e.variants_ar,
                                                *(r.ar for r in getattr(e, "renderings", []))] if t])):
            if not terms:
                continue
            lsec = ET.SubElement(entry, "langSec", {x + "lang": lang})
            for i, term in enumerate(dict.fromkeys(terms)):
                ts = ET.SubElement(lsec, "termSec")
                ET.SubElement(ts, "term").text = term
                if i == 0:
                    ET.SubElement(ts, "termNote", {"type": "administrativeStatus"}).text = \
                        "preferredTerm-admn-sts"
        for a in getattr(e, "avoid_ar", []):
            lsec = next((ls for ls in entry.findall("langSec") if ls.get(x + "lang") == "ar"), None)
            if lsec is None:
                lsec = ET.SubElement(entry, "langSec", {x + "lang": "ar"})
            ts = ET.SubElement(lsec, "termSec")
            ET.SubElement(ts, "term").text = a.ar
            ET.SubElement(ts, "termNote", {"type": "administrativeStatus"}).text = \
                "deprecatedTerm-admn-sts"
    ET.indent(tbx, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(tbx, encoding="unicode") + "\n").encode("utf-8")
