"""The content carries the source faithfully: every number of the seed, the
names it gives, its recommendations, and nothing it leaves unknown is filled.

Read from the loaded content (the model's values and texts), never from the
YAML text, whose comments and fingerprints would hide a changed value."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from pydantic import BaseModel

from snia.loader import load_content
from snia.model import Text
from snia.textnorm import numbers

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "000_de66a9b74a95ff1f.txt"  # provenance: sources/README.md
SEED_SHA256 = "586e11ba2026e732a7c59d1919600f4feae445d11d2b0afdd715ac4c42319a34"


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def test_the_source_is_the_one_its_readme_describes():
    """The source is never edited in place: a new one comes with its provenance."""
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert digest == SEED_SHA256
    assert digest in (ROOT / "sources" / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content", relative_to=ROOT)


def _walk(value):
    """Every value of the loaded model, depth first (never the YAML text: its
    comments and fingerprints are not the content)."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk(item)
    elif value is not None:
        yield value


def _models(c):
    yield c.edition
    yield c.glossary
    for group in (c.programmes, c.partners, c.projects):
        for entity in group.values():
            yield entity.data


_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$|^\d{4}-\d{4}$|^OSP \d+$")  # dates, periods, codes


@pytest.fixture(scope="module")
def french(content) -> str:
    """Every French text of the loaded content, and its plain strings (acronyms), as one string."""
    out = []
    for model in _models(content):
        for value in _walk(model):
            if isinstance(value, Text):
                out.append(value.fr)
            elif isinstance(value, str) and not _DATE.match(value):
                out.append(value)
    return "\n".join(out)


@pytest.fixture(scope="module")
def model_numbers(content) -> set[int]:
    """Every number the loaded content holds: values, counts, amounts, dates,
    periods and objective codes, and the numbers written in its French texts."""
    found: set[int] = set()
    for model in _models(content):
        for value in _walk(model):
            if isinstance(value, Text):
                found |= set(numbers(value.fr))
            elif isinstance(value, bool):
                continue
            elif isinstance(value, (int, float)):
                found.add(value)
            elif isinstance(value, str) and _DATE.match(value):
                found |= set(numbers(value))
    return found


def _norm(s: str) -> str:
    """Case, apostrophes and line breaks of the extraction folded."""
    s = unicodedata.normalize("NFC", s)
    for quote in "’´‘`":
        s = s.replace(quote, "'")
    return " ".join(s.lower().split())


def test_every_number_of_the_seed_is_in_the_content(seed, model_numbers):
    missing = sorted(set(numbers(seed)) - model_numbers - {0})  # "0SP 19" is a typo of OSP
    assert missing == []


# A value the seed gives in words, and the words (quoted in the figure's note).
IN_WORDS = {60: "une soixantaine"}


def _in_seed(value, seed_numbers: set[int], seed_text: str) -> bool:
    if value in seed_numbers:
        return True
    if value and value % 1_000_000 == 0 and f"{value // 1_000_000} millions" in seed_text:
        return True
    return value in IN_WORDS and IN_WORDS[value] in seed_text


def test_every_value_of_the_data_is_a_number_of_the_seed(seed, content):
    """Each figure, total, amount and count of the loaded content is written in the
    seed (a figure changed in the data but not in the text, 20410 -> 20401, fails)."""
    seed_numbers, seed_text = set(numbers(seed)), _norm(seed)
    values = []
    for prog in content.programmes.values():
        d = prog.data
        values += [(f"{prog.path}: actions_count", d.actions_count)]
        for f in d.figures:
            values += [(f"{prog.path}: {f.id}.value", f.value), (f"{prog.path}: {f.id}.of", f.of)]
            if f.value in IN_WORDS:  # said in words: the note quotes them
                assert IN_WORDS[f.value] in _norm(f.note.fr if f.note else ""), f.id
        values += [(f"{prog.path}: {e.id}.participants", e.participants) for e in d.events]
    for proj in content.projects.values():
        d = proj.data
        values += [(f"{proj.path}: amount", d.amount.value if d.amount else None),
                   (f"{proj.path}: countries_count", d.countries_count)]
    values += [("edition: actions_total", content.edition.actions_total)]
    shown = [(where, v) for where, v in values if v is not None]
    assert len(shown) >= 25
    assert [(where, v) for where, v in shown if not _in_seed(v, seed_numbers, seed_text)] == []


def test_every_number_written_in_a_text_is_a_number_of_the_seed(seed, content):
    """A number changed in a sentence (« 20 410 » -> « 20 401 ») fails, even when
    the figure's value is right. The site's own sentences (the edition's summary
    and source) may also name a programme by its number."""
    allowed = set(numbers(seed)) | {p.data.number for p in content.programmes.values()}
    wrong = []
    for model in _models(content):
        for value in _walk(model):
            if isinstance(value, Text):
                wrong += [(n, value.fr[:80]) for n in numbers(value.fr) if n not in allowed]
    assert wrong == []


def _words(text: str) -> list[str]:
    text = re.sub(r"(\w)- (\w)", r"\1\2", _norm(text))  # hyphenation of the extraction
    return re.findall(r"\w+", text)


def _trigrams(words: list[str]) -> set[tuple]:
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def test_every_paragraph_of_the_report_stands_in_the_seed(seed, content):
    """The report's own sentences (introductions, objectives, activities,
    recommendations) are the seed's, typo fixes aside: at least 70 % of each
    one's word triples are in it."""
    in_seed = _trigrams(_words(seed))
    texts = []
    for prog in content.programmes.values():
        d = prog.data
        texts += [d.purpose, *d.introduction, *d.activities_introduction]
        texts += [o.title for o in d.objectives]
        for a in d.activities:
            texts += [*a.paragraphs, *a.items, *a.closing]
        for rs in d.recommendations:
            texts += [*rs.introduction, *(r.text for r in rs.items)]
    far = []
    checked = 0
    for t in texts:
        grams = _trigrams(_words(t.fr)) if t is not None else set()
        if not grams:
            continue
        checked += 1
        share = len(grams & in_seed) / len(grams)
        if share < 0.7:
            far.append((round(share, 2), t.fr[:100]))
    assert checked >= 70 and far == []


NAMES = [
    # projects and programmes of cooperation
    "Amuddu", "GLO.ACT", "Hijra wa Himaya", "RECOMIG", "RECOSA", "IDMAJE", "Work4Integration Maroc",
    "INDIMAJ Oriental", "Migration Mainstreaming", "J/TP", "Vivre ensemble sans discrimination",
    "Empowerment juridique des personnes migrantes", "Partenariat germano-marocain",
    # organisations and institutions
    "Union Européenne", "OIM", "HCR", "ONUDC", "UNICEF", "OIT", "ONU Femmes", "ONUSIDA", "PNUD",
    "UNESCO", "UNFPA", "OMS", "ENABEL", "GIZ", "AECID", "Expertise France", "MDCMREAM", "Entraide Nationale",
    "ANAPEC", "AMCI", "CNDH", "ENSA", "Institut Supérieur de la Magistrature", "Apatrides",
    "Agence Nationale de Lutte contre l'Analphabétisme", "Conseil Régional de l'Oriental",
    "Union Africaine", "Groupe Thématique Migration", "Fonds fiduciaire d'Urgence pour l'Afrique",
    # places
    "Rabat", "Casablanca", "Fès", "Marrakech", "Agadir", "Niamey", "Niger", "Mali", "Tanger", "Tétouan",
    "Al Hoceima", "Allemagne", "Côte d'Ivoire", "Sénégal",
]


@pytest.mark.parametrize("name", NAMES)
def test_names_of_the_seed_are_in_the_content(seed, french, name):
    assert _norm(name) in _norm(seed), f"{name!r} is not in the seed: fix the test"
    assert _norm(name) in _norm(french)


def test_recommendations_are_all_there_verbatim(seed, content):
    c = content
    recs = {pid: [r for rs in p.data.recommendations for r in rs.items] for pid, p in c.programmes.items()}
    assert (len(recs["08"]), len(recs["09"])) == (3, 4)
    flat_seed = _norm(seed).replace("- ", "")  # hyphenation of the extraction
    for rec in recs["08"] + recs["09"]:
        # each recommendation stands in the seed almost whole (typo fixes aside)
        text = _norm(rec.text.fr)
        match = SequenceMatcher(None, text, flat_seed, autojunk=False).find_longest_match(
            0, len(text), 0, len(flat_seed))
        assert match.size >= 0.6 * len(text), (rec.id, text)
    for p in c.programmes.values():
        assert all(rs.period == "2018-2019" for rs in p.data.recommendations)


def test_unknowns_stay_unknown(content):
    c = content
    assert c.programmes["08"].data.title is None
    assert c.programmes["09"].data.actions_count == 5
    complements = [p for p in c.projects.values() if p.data.amount and p.data.amount.value == 7_000_000]
    assert len(complements) == 1 and complements[0].data.amount.currency is None
    eu = [p for p in c.projects.values() if p.data.amount and p.data.amount.value == 35_000_000]
    assert len(eu) == 1 and eu[0].data.amount.currency == "EUR"
    glo = c.projects["glo-act"].data
    assert (glo.amount.value, glo.amount.currency, glo.countries_count) == (11_000_000, "EUR", 13)
    hijra = c.projects["hijra-wa-himaya"].data
    assert (hijra.status, hijra.status_date) == ("launched", "2018-06-21")
