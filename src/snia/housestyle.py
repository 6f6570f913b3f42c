"""The Arabic house style (``STYLE.ar.md``), checked where a program can.

Every check reads the Arabic beside its French and reports
``file:line:column: field: message``, the message in French for the editors:

* **names** — an organisation, a project or a programme the French names (by its name or
  by its acronym, "MDCMREAM", "l'OIM") is named in the Arabic by the form the
  glossary gives: the full Arabic name at the first mention in a text, the
  short form (``short_ar``) only after it;
* **Latin acronyms** — no Latin acronym as a word of an Arabic sentence
  («أجرت OIM»): an organisation whose acronym is not written in Arabic
  (``acronym_in_ar: false``) never appears in Latin letters; one that writes
  it (``acronym_in_ar: true``) has it in parentheses after its Arabic name; a
  project's Latin name follows an Arabic noun («مشروع IDMAJE») or stands in
  parentheses;
* **renderings to avoid** — the glossary's ``avoid_ar`` lists (per entry, and
  general ones) with what to write instead («البرنامج الشامل» for
  "programme global");
* **numbers** — written as the site's Babel ``ar_MA`` formatting writes them:
  Latin digits, a point between thousands (``20.410``, ``8.225``), a comma
  before decimals (``2,5``), ``10%`` without a space; a year stays ``2018``;
* **one spelling per institution** — a glossary entry tied to a partner or a
  project spells its Arabic name as that partner's or project's file does.

The narrative pages (``docs/ar/``), the interface labels (``src/snia/ui.yml``)
and the Arabic site configuration (``mkdocs.ar.yml``) have no French beside
each sentence: they get the checks that need none (acronyms, renderings to
avoid, numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import textnorm
from .model import AvoidRendering, Content
from .translation import _field, texts_in, yaml_files
from .yamlsafe import Location, Problem, parse

# --------------------------------------------------------------------------
# Entities: who can be named, and how


@dataclass
class Entity:
    id: str
    kind: str  # "partner", "project" or "programme"
    full_ar: str
    short_ar: str | None = None
    fr_forms: list[str] = field(default_factory=list)  # phrases, folded comparison
    acronyms: list[str] = field(default_factory=list)  # Latin acronyms, exact tokens
    ar_forms: list[str] = field(default_factory=list)  # other accepted forms (grammar)
    acronym_in_ar: bool = False
    avoid: list[AvoidRendering] = field(default_factory=list)
    source: str = ""  # where the form is defined, for the message

    @property
    def first_mention_rule(self) -> bool:
        return self.kind == "partner" and bool(self.short_ar) and self.short_ar != self.full_ar

    def said(self) -> str:
        if self.short_ar and self.short_ar != self.full_ar:
            return f"« {self.full_ar} » (puis, après la première mention, « {self.short_ar} »)"
        return f"« {self.full_ar} »"


def entities(content: Content) -> list[Entity]:
    out: dict[tuple[str, str], Entity] = {}
    g = content.glossary_path
    for pid, partner in content.partners.items():
        d = partner.data
        ent = Entity(pid, "partner", d.name.ar or d.name.fr, fr_forms=[d.name.fr],
                     source=partner.path)
        if d.acronym:
            ent.acronyms.append(d.acronym)
        out[("partner", pid)] = ent
    for jid, project in content.projects.items():
        d = project.data
        if d.name.ar is None:
            continue
        out[("project", jid)] = Entity(jid, "project", d.name.ar, fr_forms=[d.name.fr],
                                       source=project.path)
    for pid, prog in content.programmes.items():
        t = prog.data.title
        if t is not None and t.ar:
            out[("programme", pid)] = Entity(pid, "programme", t.ar, fr_forms=[t.fr], source=prog.path)
    for entry in content.glossary.entries:
        key = ("partner", entry.partner) if entry.partner else (
            ("project", entry.project) if entry.project else None)
        if key is None or key not in out:
            continue
        ent = out[key]
        ent.source = f"{g}, entrée {entry.id}"
        if key[0] == "partner" and entry.term.ar:
            ent.full_ar = entry.term.ar
        elif entry.term.ar:
            ent.ar_forms.append(entry.term.ar)
        if key[0] == "partner" and entry.term.fr not in ent.fr_forms and _unique_fr(content, entry.term.fr):
            ent.fr_forms.append(entry.term.fr)
        ent.fr_forms.extend(entry.variants_fr)
        ent.ar_forms.extend(entry.variants_ar)
        if entry.acronym and entry.acronym not in ent.acronyms:
            ent.acronyms.append(entry.acronym)
        if entry.short_ar:
            ent.short_ar = entry.short_ar
        ent.acronym_in_ar = ent.acronym_in_ar or entry.acronym_in_ar
        ent.avoid.extend(entry.avoid_ar)
    return list(out.values())


def _unique_fr(content: Content, term: str) -> bool:
    folded = textnorm.fold(term)
    return sum(textnorm.fold(e.term.fr) == folded for e in content.glossary.entries) == 1


# --------------------------------------------------------------------------
# Word positions


def _positions(words: list[str], phrase: str) -> list[tuple[int, int]]:
    target = textnorm.words(phrase)
    n = len(target)
    if not n:
        return []
    return [(i, i + n) for i in range(len(words) - n + 1) if words[i : i + n] == target]


_FR_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[./][A-Za-z0-9]+)*")


def _fr_mentions(ent: Entity, fr: str, fr_words: list[str]) -> str | None:
    """How the French names ``ent`` (the form found), or None."""
    tokens = set(_FR_TOKEN.findall(fr))
    for acronym in ent.acronyms:
        if acronym in tokens:
            return acronym
    for form in ent.fr_forms:
        if textnorm.contains_phrase(fr_words, form):
            return form
    return None


# --------------------------------------------------------------------------
# Latin letters in Arabic sentences

_LATIN_WORD = r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:[./&’'\-][A-Za-z0-9]+)*"
_LATIN_RUN = re.compile(rf"{_LATIN_WORD}(?:[ \u00a0]+(?:{_LATIN_WORD}|\d+))*")
_CODE = re.compile(r"^[A-Z]{2,5}[ \u00a0]\d+$")  # OSP 17
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")
_HAS_ARABIC = re.compile(r"[\u0621-\u064a]")
# Arabic nouns after which a Latin name stands in apposition («مشروع IDMAJE»),
# compared after folding and clitic removal.
HEAD_NOUNS = {
    textnorm.stem(w)
    for w in (
        "مشروع", "مشروعا", "مشروعي", "مشاريع", "برنامج", "برنامجا", "برنامجي", "برامج",
        "مبادرة", "مبادرتي", "مكون", "شبكة", "منصة", "مخطط", "تطبيق", "موقع", "شعار",
    )
}


@dataclass
class _Run:
    text: str
    start: int
    end: int


def latin_problems(ar: str, ents: list[Entity], *, unknown: bool = True) -> list[str]:
    """Messages for each Latin word of ``ar`` used as an Arabic word.

    ``unknown=False``: only the acronyms of known organisations (the narrative
    pages name tools and standards, «YAML», «WCAG 2.2», in Latin letters)."""
    if not _HAS_ARABIC.search(ar):
        return []  # a name in Latin letters only (a project's own name), not a sentence
    by_acronym = {a: e for e in ents for a in e.acronyms}
    out = []
    last_ok_end: int | None = None
    for m in _LATIN_RUN.finditer(ar):
        run = _Run(m.group(0), m.start(), m.end())
        if _CODE.match(run.text):
            last_ok_end = run.end
            continue
        first = run.text.split()[0]
        ent = by_acronym.get(run.text) or by_acronym.get(first)
        before, after = ar[: run.start], ar[run.end :]
        in_parens = before.rstrip(" «").endswith("(") and after.lstrip(" »").startswith(")")
        prev = _ARABIC_WORD.findall(before[-40:])
        gap = ar[last_ok_end : run.start] if last_ok_end is not None else None
        coordinated = gap is not None and gap.strip(" «»\u00a0") in ("", "و", "،", ",")
        # the Arabic noun right before, or before its adjective («البرنامج العالمي Migration…»)
        tail = re.search(r"((?:[\u0600-\u06ff]+[ \u00a0]+){1,2})$", before.rstrip("«\u00a0") + " ")
        after_head = bool(prev) and tail is not None and any(
            textnorm.stem(w) in HEAD_NOUNS for w in tail.group(1).split())
        if ent is not None and not ent.acronym_in_ar and ent.kind == "partner":
            out.append(f"sigle latin « {run.text} » dans le texte arabe : cette organisation n'emploie "
                       f"pas son sigle latin en arabe ; écrire {ent.said()} ({ent.source})")
            continue
        if in_parens or after_head or coordinated:
            last_ok_end = run.end
            continue
        if ent is None and not unknown:
            continue
        if ent is not None and ent.kind == "project":
            out.append(f"nom latin « {run.text} » employé comme un mot de la phrase arabe : le faire "
                       f"précéder d'un nom arabe (« برنامج {run.text} », « مشروع {run.text} ») "
                       f"ou le mettre entre parenthèses après le nom arabe ({ent.source})")
        elif ent is not None:
            out.append(f"sigle latin « {run.text} » employé comme un mot de la phrase arabe : écrire "
                       f"{ent.said()}, le sigle latin seulement entre parenthèses après le nom arabe "
                       f"({ent.source})")
        else:
            out.append(f"mot latin « {run.text} » employé comme un mot de la phrase arabe : écrire le nom "
                       "arabe, ou faire précéder le nom latin d'un nom arabe (« مشروع », « برنامج ») "
                       "ou le mettre entre parenthèses après le nom arabe")
        last_ok_end = None
    return out


# --------------------------------------------------------------------------
# Numbers as Babel's ar_MA writes them

_ARABIC_INDIC = re.compile(r"[\u0660-\u0669\u06f0-\u06f9]")
_NUM = re.compile(r"(?<![A-Za-z0-9.,])\d+(?:[.,\u00a0\u202f ]\d+)*(?![A-Za-z])")


def number_problems(ar: str, fr: str | None = None, *, decimals: bool = True) -> list[str]:
    out = []
    if _ARABIC_INDIC.search(ar):
        out.append("chiffres arabes orientaux (٠١٢…) : écrire les chiffres 0-9, comme le site "
                   "(format ar_MA)")
    fr_grouped = set()
    if fr is not None:
        for m in _NUM.finditer(fr):
            if re.search(r"[\u00a0\u202f ]\d{3}$", m.group(0)) or re.search(r"[\u00a0\u202f ]\d{3}[\u00a0\u202f ]", m.group(0)):
                fr_grouped.add(int(re.sub(r"\D", "", m.group(0))))
    text = re.sub(r"\{[^{}]*\}", " ", ar)  # {placeholders} of interface labels
    for m in _NUM.finditer(text):
        raw = m.group(0)
        if re.search(r"[A-Za-z][ \u00a0]$", text[: m.start()]):
            continue  # part of a name: «ISO 8601», «WCAG 2.2», «OSP 17»
        # a space between two numbers is not a thousands separator ("16 إلى 18")
        for piece in _split_spaces(raw):
            problem = _number_problem(piece, fr_grouped)
            if problem and not decimals and "décimales" in problem:
                continue  # a version number on a page ("WCAG 2.2")
            if problem:
                out.append(problem)
    for m in re.finditer(r"(\d+(?:[.,]\d+)*)[ \u00a0\u202f]+%", text):
        out.append(f"pourcentage « {m.group(0)} » : écrire « {m.group(1)}% » sans espace, comme le site "
                   "(format ar_MA)")
    return out


def _split_spaces(raw: str) -> list[str]:
    parts = re.split(r"[ \u00a0\u202f]", raw)
    out = [parts[0]]
    for p in parts[1:]:
        if len(p) == 3 and re.fullmatch(r"\d+", p):
            out[-1] += " " + p
        else:
            out.append(p)
    return [p for p in out if p]


def _number_problem(raw: str, fr_grouped: set[int]) -> str | None:
    digits = re.sub(r"\D", "", raw)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):
        return None  # 20.410: the site's own style
    if re.fullmatch(r"\d{1,3}", raw):
        return None
    if re.fullmatch(r"\d+,\d+", raw):
        return None  # 2,5
    if re.fullmatch(r"\d+\.\d+", raw):
        return (f"« {raw} » : en arabe (format ar_MA) la virgule sépare les décimales "
                f"(« {raw.replace('.', ',')} ») et le point les milliers")
    if re.fullmatch(r"\d{1,3}([ \u00a0\u202f,]\d{3})+", raw):
        return f"« {raw} » : séparer les milliers par un point, comme le site (« {_grouped(int(digits))} »)"
    if re.fullmatch(r"\d{4}", raw) and 1900 <= int(raw) <= 2100 and int(raw) not in fr_grouped:
        return None  # a year
    if re.fullmatch(r"\d{4,}", raw):
        return f"« {raw} » : séparer les milliers par un point, comme le site (« {_grouped(int(raw))} »)"
    return None


def _grouped(value: int) -> str:
    from .i18n import number

    return number(value, "ar")


# --------------------------------------------------------------------------
# Renderings to avoid


def avoid_problems(ar_words: list[str], fr_words: list[str] | None,
                   rules: Iterable[tuple[AvoidRendering, str]]) -> list[str]:
    out = []
    for rule, source in rules:
        if not textnorm.contains_phrase(ar_words, rule.ar):
            continue
        if rule.when_fr:
            if fr_words is None or not any(textnorm.contains_phrase(fr_words, f) for f in rule.when_fr):
                continue
            cue = next(f for f in rule.when_fr if textnorm.contains_phrase(fr_words, f))
            said = f"le français dit « {cue} » : « {rule.ar} » est à éviter"
        else:
            said = f"« {rule.ar} » est à éviter"
        why = f" ({rule.why})" if rule.why else ""
        out.append(f"{said}{why} ; écrire « {rule.instead} » ({source})")
    return out


# --------------------------------------------------------------------------
# Names


def name_problems(fr: str, ar: str, ents: list[Entity]) -> list[str]:
    fr_words, ar_words = textnorm.words(fr), textnorm.words(ar)
    out = []
    for ent in ents:
        cue = _fr_mentions(ent, fr, fr_words)
        if cue is None:
            continue
        full = _positions(ar_words, ent.full_ar)
        for form in ent.ar_forms:
            full += _positions(ar_words, form)
        short = _positions(ar_words, ent.short_ar) if ent.short_ar else []
        if not full and not short:
            out.append(f"le français nomme « {cue} » : l'arabe doit le nommer {ent.said()}, "
                       f"forme du glossaire ({ent.source})")
            continue
        if ent.first_mention_rule and short:
            inside = {i for a, b in full for i in range(a, b + 1)}  # and "(short)" right after
            alone = [s for s in short if s[0] not in inside]
            if alone and (not full or alone[0][0] < min(f[0] for f in full)):
                out.append(f"première mention de « {cue} » : écrire d'abord le nom complet "
                           f"« {ent.full_ar} », la forme courte « {ent.short_ar} » ensuite ({ent.source})")
    return out


def spelling_problems(content: Content, glossary_doc) -> list[Problem]:
    """One spelling per institution: the glossary and the partner's or project's file agree."""
    out = []
    for i, entry in enumerate(content.glossary.entries):
        if entry.partner and entry.partner in content.partners and entry.term.ar:
            partner = content.partners[entry.partner]
            if partner.data.name.ar and textnorm.words(partner.data.name.ar) != textnorm.words(entry.term.ar):
                out.append(Problem(
                    glossary_doc.locate(("entries", i, "term", "ar")), _field(("entries", i, "term")),
                    f"le glossaire écrit « {entry.term.ar} » mais {partner.path} écrit "
                    f"« {partner.data.name.ar} » : une seule graphie par institution, corriger l'un des deux"))
        if entry.partner and entry.partner in content.partners and entry.short_ar:
            abbr = content.partners[entry.partner].data.acronym_ar
            if abbr and textnorm.words(abbr) != textnorm.words(entry.short_ar):
                out.append(Problem(
                    glossary_doc.locate(("entries", i, "short_ar")), _field(("entries", i, "short_ar")),
                    f"la forme courte « {entry.short_ar} » diffère de l'acronyme arabe « {abbr} » de "
                    f"{content.partners[entry.partner].path} : une seule graphie, corriger l'un des deux"))
        if entry.project and entry.project in content.projects and entry.term.ar:
            d = content.projects[entry.project].data
            names = [t.ar for t in (d.name, d.full_name) if t is not None and t.ar]
            if names and not any(textnorm.words(n) == textnorm.words(entry.term.ar) for n in names):
                out.append(Problem(
                    glossary_doc.locate(("entries", i, "term", "ar")), _field(("entries", i, "term")),
                    f"le glossaire écrit « {entry.term.ar} » mais {content.projects[entry.project].path} "
                    f"écrit « {' / '.join(names)} » : une seule graphie par projet, corriger l'un des deux"))
    return out


# --------------------------------------------------------------------------
# Running the checks


def _rel(path: Path, relative_to: Path) -> str:
    try:
        return str(path.resolve().relative_to(relative_to.resolve()))
    except ValueError:
        return str(path)


def _avoid_rules(content: Content) -> list[tuple[AvoidRendering, str]]:
    g = content.glossary_path
    rules = [(r, f"{g}, avoid") for r in content.glossary.avoid]
    for e in content.glossary.entries:
        rules.extend((r, f"{g}, entrée {e.id}") for r in e.avoid_ar)
    return rules


def check_content(content: Content, content_dir: Path, *, relative_to: Path) -> list[Problem]:
    """The house-style checks of every translated text of ``content_dir``."""
    ents = entities(content)
    rules = _avoid_rules(content)
    problems: list[Problem] = []
    for path in yaml_files(content_dir):
        label = _rel(path, relative_to)
        doc = parse(label, path.read_bytes())
        is_glossary = path.name == "glossary.yml"
        if is_glossary:
            problems.extend(spelling_problems(content, doc))
        for ref in texts_in(doc):
            if ref.ar is None:
                continue
            said = [] if is_glossary else latin_problems(ref.ar, ents)
            said += number_problems(ref.ar, ref.fr)
            if not is_glossary:
                said += name_problems(ref.fr, ref.ar, ents)
                said += avoid_problems(textnorm.words(ref.ar), textnorm.words(ref.fr), rules)
            problems.extend(Problem(ref.location, _field(ref.path), s) for s in said)
    return problems


_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_CODE_SPAN = re.compile(r"`[^`]*`")
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+")


def check_page(path: Path, label: str, ents: list[Entity], rules) -> list[Problem]:
    """Acronyms, renderings to avoid and numbers, line by line, of an Arabic page."""
    text = path.read_text(encoding="utf-8")
    m = _FRONT.match(text)
    skip = text[: m.end()].count("\n") if m else 0
    out = []
    fence = False
    for n, line in enumerate(text.splitlines()[skip:], start=skip + 1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        plain = _LINK_TARGET.sub(" ", _MACRO.sub(" ", _CODE_SPAN.sub(" ", line)))
        said = latin_problems(plain, ents, unknown=False) + number_problems(plain, decimals=False)
        said += avoid_problems(textnorm.words(plain), None, [r for r in rules if not r[0].when_fr])
        out.extend(Problem(Location(label, n, 1), "(page)", s) for s in said)
    return out


def check_labels(path: Path, label: str, ents: list[Entity], rules) -> list[Problem]:
    """The Arabic interface labels of ``ui.yml`` (``key: {fr, ar}``)."""
    doc = parse(label, path.read_bytes())
    out = []
    for key, value in (doc.data or {}).items():
        if not isinstance(value, dict) or not isinstance(value.get("ar"), str):
            continue
        ar = re.sub(r"\{[^{}]*\}", " ", value["ar"])
        fr = value.get("fr") if isinstance(value.get("fr"), str) else None
        # labels name tools and formats («CSV», «Excel»): only organisations' acronyms are checked
        said = latin_problems(ar, ents, unknown=False) + number_problems(ar, fr)
        said += avoid_problems(textnorm.words(ar), textnorm.words(fr) if fr else None, rules)
        out.extend(Problem(doc.locate((key, "ar")), f"{key}.ar", s) for s in said)
    return out


def check_config(path: Path, label: str, ents: list[Entity], rules) -> list[Problem]:
    """The Arabic strings of ``mkdocs.ar.yml``: site name, description, menu."""
    doc = parse(label, path.read_bytes())
    out = []

    def visit(value, where):
        if isinstance(value, str) and _HAS_ARABIC.search(value):
            said = latin_problems(value, ents, unknown=False) + number_problems(value, decimals=False)
            said += avoid_problems(textnorm.words(value), None, [r for r in rules if not r[0].when_fr])
            out.extend(Problem(doc.locate(where), _field(where), s) for s in said)
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and _HAS_ARABIC.search(k):  # a menu label
                    visit(k, where + (k,))
                visit(v, where + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                visit(v, where + (i,))

    visit(doc.data, ())
    return out


def check_all(content: Content, content_dir: Path, *, relative_to: Path,
              docs_dir: Path | None = None, labels: Path | None = None,
              config: Path | None = None) -> list[Problem]:
    ents = entities(content)
    rules = _avoid_rules(content)
    problems = check_content(content, content_dir, relative_to=relative_to)
    if docs_dir is not None and (docs_dir / "ar").is_dir():
        for page in sorted((docs_dir / "ar").rglob("*.md")):
            problems.extend(check_page(page, _rel(page, relative_to), ents, rules))
    if labels is not None and labels.is_file():
        problems.extend(check_labels(labels, _rel(labels, relative_to), ents, rules))
    if config is not None and config.is_file():
        problems.extend(check_config(config, _rel(config, relative_to), ents, rules))
    return sorted(set(problems))
