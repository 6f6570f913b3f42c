"""Review made practical for translators: every Arabic string of the site in
one list, what is missing or stale first, the old and the new French of a
stale text side by side, and a review sheet.

What is tracked:

* every bilingual text of ``content/`` (``ar_hash``/``ar_status`` beside it);
* every Arabic narrative page ``docs/ar/`` (``fr_hash``/``status`` in its
  front matter);
* the interface: the labels of ``src/snia/ui.yml``, the Arabic site's name,
  description and menu (``mkdocs.ar.yml``, paired with ``mkdocs.yml``), the
  Arabic text of templates (``overrides/*.html``) and the French/Arabic pairs
  of string literals in ``src/snia/*.py`` (the open data's descriptions).
  These files cannot carry a fingerprint beside each string: theirs live in
  ``translations/interface.yml``.

``translations/sources.yml`` keeps, for each fingerprint, the French that was
translated (and fingerprints of the Arabic it was translated into): when the
French changes, the report shows the old French beside the new one, and which
paragraphs of a page changed. It is written when a translation is marked
(``snia translations mark``, an XLIFF import); nobody edits it by hand.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import text_hash
from .translation import STATE_WORDS, STATES, pages, texts_in, yaml_files
from .yamlsafe import Location, YamlError, field_name, parse

SOURCES = Path("translations") / "sources.yml"
INTERFACE = Path("translations") / "interface.yml"
LABELS = Path("src") / "snia" / "ui.yml"
CONFIG_FR, CONFIG_AR = Path("mkdocs.yml"), Path("mkdocs.ar.yml")
TEMPLATES = Path("overrides")

STATE_TITLES = {"missing": "Manquants", "stale": "Périmés", "unreviewed": "Non relus"}
STATE_AR = {"missing": "ناقص", "stale": "متجاوز", "unreviewed": "غير مراجع", None: "مراجع"}


@dataclass
class Item:
    """One thing a translator translates: a text, a page, an interface string."""

    kind: str  # "text", "page", "interface"
    file: str  # the file that holds the Arabic (relative to the project)
    line: int
    column: int
    field: str  # "name", "(page)", "label unknown", "nav: index.md"...
    fr: str
    ar: str | None
    fr_hash: str | None  # the fingerprint recorded with the Arabic
    status: str | None  # draft / reviewed
    fr_file: str | None = None  # where the French is, when it is elsewhere

    @property
    def state(self) -> str | None:
        if self.ar is None:
            return "missing"
        if self.fr_hash != text_hash(self.fr):
            return "stale"
        if self.status != "reviewed":
            return "unreviewed"
        return None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    @property
    def key(self) -> str:
        """Stable name of an interface string in translations/interface.yml."""
        return f"{self.file}#{self.field}"


# --------------------------------------------------------------------------
# The stores under translations/


def _literal(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(str, _literal)


def read_store(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        # e.g. left with merge conflict markers: `snia translations record` rewrites it
        return {}
    return data if isinstance(data, dict) else {}


def write_store(path: Path, data: dict, header: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=100,
                     default_flow_style=False)
    path.write_text(header + body, encoding="utf-8")


_SOURCES_HEADER = (
    "# Le français tel qu'il a été traduit, par empreinte (ar_hash, fr_hash) : quand le\n"
    "# français change, `make translations` montre l'ancien à côté du nouveau.\n"
    "# Écrit par `snia translations mark` et l'import XLIFF : ne pas modifier à la main.\n"
)
_INTERFACE_HEADER = (
    "# Empreinte du français traduit et état de relecture des textes de l'interface\n"
    "# (src/snia/ui.yml, mkdocs.ar.yml, overrides/*.html), qui ne peuvent pas les porter.\n"
    "# Écrit par `snia translations mark` : ne pas modifier à la main.\n"
)


def record_sources(root: Path, items: list[Item]) -> None:
    """Keep the current French of ``items`` under its fingerprint, with the
    fingerprint of the Arabic it is translated into."""
    path = root / SOURCES
    store = read_store(path)
    for item in items:
        if item.ar is None:
            continue
        entry = store.setdefault(text_hash(item.fr), {})
        entry["fr"] = item.fr
        seen = set(entry.get("ar_seen") or [])
        seen.add(text_hash(item.ar))
        entry["ar_seen"] = sorted(seen)
    write_store(path, _pruned(root, store), _SOURCES_HEADER)


def _pruned(root: Path, store: dict) -> dict:
    """Only the French a text still refers to: the one its Arabic translated
    (shown when it is stale), its current one, and what that one replaced."""
    try:
        items = all_items(root)
    except (UnicodeDecodeError, OSError, YamlError, ValueError):
        return store
    keep = {h for i in items for h in (i.fr_hash, text_hash(i.fr)) if h}
    keep |= {p for h in list(keep) if isinstance(store.get(h), dict)
             for p in store[h].get("previous") or []}
    return {h: e for h, e in store.items() if h in keep}


def link_previous(root: Path, item: Item, previous: str) -> None:
    """Remember that the Arabic of ``item`` was marked for its new French
    when it had translated the French ``previous``."""
    path = root / SOURCES
    store = read_store(path)
    entry = store.setdefault(text_hash(item.fr), {"fr": item.fr})
    prev = set(entry.get("previous") or [])
    prev.add(previous)
    entry["previous"] = sorted(prev)
    write_store(path, store, _SOURCES_HEADER)


# --------------------------------------------------------------------------
# Finding every item


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def content_items(root: Path, content: Path) -> list[Item]:
    out = []
    for path in yaml_files(content):
        label = _rel(path, root)
        try:
            doc = parse(label, path.read_bytes())
        except (YamlError, OSError):
            continue  # `snia check` reports it
        for ref in texts_in(doc):
            loc = ref.location
            out.append(Item("text", label, loc.line, loc.column, field_name(ref.path), ref.fr,
                            ref.ar, ref.ar_hash if isinstance(ref.ar_hash, str) else None,
                            ref.ar_status))
    return out


_FRONT = re.compile(r"\A---\r?\n.*?\r?\n---[ \t]*\r?\n", re.S)


def page_body(text: str) -> str:
    """A page without its front matter."""
    m = _FRONT.match(text)
    return text[m.end():] if m else text


def page_items(root: Path, docs: Path) -> list[Item]:
    out = []
    if not (docs / "fr").is_dir():
        return out
    for page in pages(docs):
        ar = None
        if page.meta is not None and page.ar_path.is_file():
            ar = page_body(page.ar_path.read_text(encoding="utf-8"))
        meta = page.meta or {}
        fr_hash = meta.get("fr_hash")
        out.append(Item("page", _rel(page.ar_path, root), 1, 1, "(page)", page.fr_text, ar,
                        fr_hash if isinstance(fr_hash, str) else None, meta.get("status"),
                        fr_file=_rel(page.fr_path, root)))
    return out


def _nav_labels(nav, path=("nav",)) -> dict[str, tuple]:
    """{page file: (label, yaml path of the label)} of a MkDocs nav."""
    out: dict[str, tuple] = {}
    for i, entry in enumerate(nav or []):
        if not isinstance(entry, dict):
            continue
        for label, value in entry.items():
            if isinstance(value, str):
                out[value] = (label, path + (i, label))
            elif isinstance(value, list):
                index = next((v for v in value if isinstance(v, str) and v.endswith("index.md")), None)
                if index is not None:
                    out[index] = (label, path + (i, label))
                out.update(_nav_labels(value, path + (i, label)))
    return out


_IF_AR = re.compile(
    r"\{%-?\s*if\s+config\.theme\.language\s*==\s*[\"']ar[\"']\s*-?%\}(.*?)"
    r"\{%-?\s*else\s*-?%\}(.*?)\{%-?\s*endif\s*-?%\}", re.S)
_TEXT_LINE = re.compile(r"<(h[1-6]|p|li|a|span|title)[^>]*>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>|\{\{.*?\}\}|\{%.*?%\}")


def _template_lines(block: str) -> list[str]:
    return [" ".join(_TAG.sub(" ", m.group(2)).split()) for m in _TEXT_LINE.finditer(block)]


def interface_items(root: Path) -> list[Item]:
    store = read_store(root / INTERFACE)
    out: list[Item] = []

    def add(file, line, column, fld, fr, ar, fr_file=None):
        item = Item("interface", file, line, column, fld, fr, ar, None, None, fr_file)
        rec = store.get(item.key) or {}
        item.fr_hash = rec.get("fr_hash") if isinstance(rec, dict) else None
        item.status = rec.get("status") if isinstance(rec, dict) else None
        out.append(item)

    labels = root / LABELS
    if labels.is_file():
        doc = parse(LABELS.as_posix(), labels.read_bytes())
        for key, value in (doc.data or {}).items():
            if isinstance(value, dict) and isinstance(value.get("fr"), str):
                ar = value.get("ar") if isinstance(value.get("ar"), str) else None
                where = doc.locate((key, "ar") if ar is not None else (key, "fr"))
                add(LABELS.as_posix(), where.line, where.column, f"label {key}", value["fr"], ar)
    fr_cfg, ar_cfg = root / CONFIG_FR, root / CONFIG_AR
    if fr_cfg.is_file() and ar_cfg.is_file():
        fr_doc = parse(CONFIG_FR.as_posix(), fr_cfg.read_bytes())
        ar_doc = parse(CONFIG_AR.as_posix(), ar_cfg.read_bytes())
        fr_data, ar_data = fr_doc.data or {}, ar_doc.data or {}
        for key in ("site_name", "site_description", "repo_name"):
            if isinstance(fr_data.get(key), str):
                ar = ar_data.get(key) if isinstance(ar_data.get(key), str) else None
                where = ar_doc.locate((key,)) if ar is not None else Location(CONFIG_AR.as_posix(), 1, 1)
                add(CONFIG_AR.as_posix(), where.line, where.column, key, fr_data[key], ar,
                    CONFIG_FR.as_posix())
        fr_nav, ar_nav = _nav_labels(fr_data.get("nav")), _nav_labels(ar_data.get("nav"))
        for page, (label, _path) in fr_nav.items():
            ar = ar_nav.get(page)
            where = ar_doc.locate(ar[1], key=True) if ar else Location(CONFIG_AR.as_posix(), 1, 1)
            add(CONFIG_AR.as_posix(), where.line, where.column, f"nav {page}", label,
                ar[0] if ar else None, CONFIG_FR.as_posix())
    if (root / TEMPLATES).is_dir():
        for tpl in sorted((root / TEMPLATES).rglob("*.html")):
            text = tpl.read_text(encoding="utf-8")
            label = _rel(tpl, root)
            for m in _IF_AR.finditer(text):
                ar_lines, fr_lines = _template_lines(m.group(1)), _template_lines(m.group(2))
                line = text.count("\n", 0, m.start(1)) + 1
                for i, fr in enumerate(fr_lines):
                    ar = ar_lines[i] if i < len(ar_lines) else None
                    add(label, line + 1 + i, 1, f"html {line}.{i + 1}", fr, ar)
    return out + code_items(root, store)


_AR_CHARS = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
CODE = Path("src") / "snia"


def _str(node) -> bool:
    import ast

    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def code_pairs(source: str) -> list[tuple]:
    """(French literal, Arabic literal) nodes of Python code: a French string
    followed by an Arabic one among the arguments of a call or the items of a
    tuple or list (``Column("id", "string", "Identifiant", "المعرف")``), or
    the ``"fr"``/``"ar"`` values of a dict."""
    import ast

    out = []
    for node in ast.walk(ast.parse(source)):
        seqs = []
        if isinstance(node, ast.Call):
            seqs.append(node.args)
        elif isinstance(node, (ast.Tuple, ast.List)):
            seqs.append(node.elts)
        elif isinstance(node, ast.Dict):
            d = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)}
            if _str(d.get("fr")) and _str(d.get("ar")) and _AR_CHARS.search(d["ar"].value):
                out.append((d["fr"], d["ar"]))
        for seq in seqs:
            for a, b in zip(seq, seq[1:]):
                if (_str(a) and _str(b) and _LATIN.search(a.value) and not _AR_CHARS.search(a.value)
                        and _AR_CHARS.search(b.value)):
                    out.append((a, b))
    return out


def code_items(root: Path, store: dict) -> list[Item]:
    """The Arabic strings of the Python code that reach the site (the open
    data's table and column descriptions): keyed by their French and Arabic,
    so a change of either asks for a new mark."""
    out: list[Item] = []
    seen = set()
    folder = root / CODE
    for path in sorted(folder.glob("*.py")) if folder.is_dir() else []:
        try:
            pairs = code_pairs(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        label = _rel(path, root)
        for fr, ar in sorted(pairs, key=lambda p: (p[1].lineno, p[1].col_offset)):
            field = f"code {text_hash(fr.value)}-{text_hash(ar.value)}"
            if (label, field) in seen:
                continue
            seen.add((label, field))
            item = Item("interface", label, ar.lineno, ar.col_offset + 1, field, fr.value, ar.value,
                        None, None)
            rec = store.get(item.key) or {}
            if isinstance(rec, dict):
                item.fr_hash, item.status = rec.get("fr_hash"), rec.get("status")
            out.append(item)
    return out


def all_items(root: Path, content: Path | None = None, docs: Path | None = None) -> list[Item]:
    content = content if content is not None else root / "content"
    docs = docs if docs is not None else root / "docs"
    return content_items(root, content) + page_items(root, docs) + interface_items(root)


# --------------------------------------------------------------------------
# What changed in the French


def word_diff(old: str, new: str) -> str:
    """``[-removed-]{+added+}`` between two texts, word by word."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(a[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", page_body(text)) if p.strip()]


@dataclass
class Change:
    """One changed paragraph of a stale text (a whole text has one)."""

    number: int | None  # paragraph number in the new French (pages)
    old: str | None
    new: str | None


def changes(item: Item, sources: dict) -> list[Change] | None:
    """How the French changed since it was translated; None when the
    translated French was not kept (translated before sources were kept)."""
    entry = sources.get(item.fr_hash) if item.fr_hash else None
    old = entry.get("fr") if isinstance(entry, dict) else None
    if not isinstance(old, str):
        return None
    if item.kind != "page":
        return [Change(None, old, item.fr)]
    a, b = paragraphs(old), paragraphs(item.fr)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            out.append(Change(j1 + k + 1 if k < len(news) else None,
                              olds[k] if k < len(olds) else None,
                              news[k] if k < len(news) else None))
    return out


def unchanged_arabic(item: Item, sources: dict) -> bool:
    """Marked for a new French while its Arabic stayed the one of the old."""
    if item.ar is None or item.state is not None and item.state != "unreviewed":
        return False
    entry = sources.get(text_hash(item.fr))
    if not isinstance(entry, dict):
        return False
    mine = text_hash(item.ar)
    for prev in entry.get("previous") or []:
        old = sources.get(prev)
        if isinstance(old, dict) and mine in (old.get("ar_seen") or []) \
                and old.get("fr") is not None and text_hash(old["fr"]) != text_hash(item.fr):
            return True
    return False


# --------------------------------------------------------------------------
# The report of `make translations`


def _short(text: str | None, limit: int = 400) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    total: int = 0
    warnings: int = 0

    @property
    def failing(self) -> bool:
        return bool(self.counts.get("missing") or self.counts.get("stale"))


def report(items: list[Item], sources: dict, *, show_all: bool = False) -> Report:
    rep = Report(counts={s: 0 for s in STATES}, total=len(items))
    by_state: dict[str | None, list[Item]] = {}
    for item in items:
        by_state.setdefault(item.state, []).append(item)
        if item.state:
            rep.counts[item.state] += 1
    out = rep.lines
    missing = by_state.get("missing", [])
    if missing:
        out.append(f"== {STATE_TITLES['missing']} : {len(missing)} — نصوص ناقصة ==")
        for item in missing:
            hint = (f"créez-la en traduisant {item.fr_file}" if item.kind == "page"
                    else "ajoutez l'arabe sous le français")
            out.append(f"{item.where}: {item.field}: manquant : {hint}")
            if item.kind != "page":
                out.append(f"    français : {_short(item.fr)}")
    stale = by_state.get("stale", [])
    if stale:
        out.append(f"== {STATE_TITLES['stale']} : {len(stale)} "
                   "(le français a changé depuis la traduction) — نصوص متجاوزة: تغير النص الفرنسي ==")
        for item in stale:
            if item.fr_hash is None:  # never marked: no French to compare with
                out.append(f"{item.where}: {item.field}: périmé : jamais marqué ; vérifiez que "
                           "l'arabe traduit le français, puis "
                           f"`make translations-mark WHERE={item.file}:{item.line}`")
                out.append(f"    français : {_short(item.fr)}")
                continue
            out.append(f"{item.where}: {item.field}: périmé : mettez l'arabe à jour, puis "
                       f"`make translations-mark WHERE={item.file}:{item.line}`")
            found = changes(item, sources)
            if found is None:
                out.append("    ancien français : inconnu (traduit avant que le français traduit "
                           "soit conservé)")
                out.append(f"    nouveau français : {_short(item.fr)}")
                continue
            for ch in found:
                where = f"§{ch.number} " if ch.number else ("§(supprimé) " if item.kind == "page" else "")
                out.append(f"    {where}ancien français  : {_short(ch.old) or '(rien)'}")
                out.append(f"    {where}nouveau français : {_short(ch.new) or '(supprimé)'}")
                if ch.old and ch.new:
                    out.append(f"    {where}changé : {_short(word_diff(ch.old, ch.new), 600)}")
    suspicious = [i for i in items if unchanged_arabic(i, sources)]
    if suspicious:
        out.append(f"== À vérifier : {len(suspicious)} (marqués à jour sans que l'arabe change) "
                   "— للتحقق: وُسمت دون تغيير النص العربي ==")
        for item in suspicious:
            out.append(f"{item.where}: {item.field}: attention : le français a changé mais l'arabe "
                       "est resté le même ; vérifiez la traduction, puis marquez-la relue")
        rep.warnings = len(suspicious)
    unreviewed = by_state.get("unreviewed", [])
    if show_all and unreviewed:
        out.append(f"== {STATE_TITLES['unreviewed']} : {len(unreviewed)} — نصوص غير مراجعة ==")
        for item in unreviewed:
            out.append(f"{item.where}: {item.field}: non relu : une fois relu, "
                       f"`make translations-mark WHERE={item.file}:{item.line} REVIEWED=1`")
    elif unreviewed:
        out.append(f"{STATE_TITLES['unreviewed']} : {len(unreviewed)} texte(s) "
                   "(la liste : `make translations ALL=1`)")
    done = rep.total - sum(rep.counts.values())
    out.append("traductions : " + ", ".join(f"{rep.counts[s]} {STATE_WORDS[s]}" for s in STATES)
               + f", {done} relu(s), sur {rep.total} textes, pages et libellés")
    return rep


# --------------------------------------------------------------------------
# Marking interface strings


class InterfaceMarkError(Exception):
    pass


def is_interface_file(path: str) -> bool:
    p = Path(path).as_posix()
    return p in (LABELS.as_posix(), CONFIG_AR.as_posix()) or (
        p.startswith(TEMPLATES.as_posix() + "/") and p.endswith(".html")) or (
        p.startswith(CODE.as_posix() + "/") and p.endswith(".py"))


def mark_interface(root: Path, file: str, line: int | None, *, reviewed: bool) -> list[Item]:
    """Record the fingerprint of the current French (and the review status)
    of the interface string of ``file`` at ``line`` (all of the file's without
    a line) in translations/interface.yml."""
    file = _rel(Path(file), root)
    items = [i for i in interface_items(root) if i.file == file]
    if line is not None:
        items = [i for i in items if i.line == line]
    if not items:
        raise InterfaceMarkError(f"{file}:{line or 1}: pas de texte de l'interface à marquer ici "
                                 "(la ligne de l'arabe)")
    if any(i.ar is None for i in items) and line is not None:
        raise InterfaceMarkError(f"{file}:{line}: pas de texte arabe à marquer : ajoutez-le d'abord")
    items = [i for i in items if i.ar is not None]
    store = read_store(root / INTERFACE)
    for item in items:
        store[item.key] = {"fr_hash": text_hash(item.fr), "status": "reviewed" if reviewed else "draft"}
    write_store(root / INTERFACE, store, _INTERFACE_HEADER)
    return items


# --------------------------------------------------------------------------
# Around `snia translations mark`


def items_of(root: Path, file: str) -> dict[str, Item]:
    """The items of one file (none when a file of the project cannot be read:
    `snia translations mark` reports that itself)."""
    file = _rel(Path(file), root)
    try:
        return {i.field: i for i in all_items(root) if i.file == file}
    except (UnicodeDecodeError, OSError, YamlError, ValueError):
        return {}


def after_mark(root: Path, before: dict[str, Item], after: dict[str, Item]) -> list[str]:
    """Keep the French just marked as translated; the warnings to show: a
    stale text marked while its Arabic stayed the same."""
    warnings, marked = [], []
    sources = read_store(root / SOURCES)
    for key, new in after.items():
        old = before.get(key)
        if old is None or (old.fr_hash, old.status) == (new.fr_hash, new.status):
            continue
        marked.append(new)
        if old.state == "stale" and old.fr_hash:
            link_previous(root, new, old.fr_hash)
            entry = sources.get(old.fr_hash)
            # the Arabic is still the one that translated the old French
            if isinstance(entry, dict) and new.ar is not None \
                    and text_hash(new.ar) in (entry.get("ar_seen") or []):
                warnings.append(f"{new.where}: {new.field}: attention : marqué à jour alors que "
                                "l'arabe n'a pas changé depuis l'ancien français ; vérifiez qu'il "
                                "traduit bien le nouveau (`make translations` le signale jusqu'à "
                                "la relecture)")
    if marked:
        record_sources(root, marked)
    return warnings
