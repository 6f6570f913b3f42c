"""The content carries the source faithfully: every number of the seed, the
names it gives, its recommendations, and nothing it leaves unknown is filled."""

from __future__ import annotations

import hashlib
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from snia.loader import load_content
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
def french() -> str:
    """Every French text and every value of content/, as one string."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.yml")))


def _norm(s: str) -> str:
    """Case, apostrophes and line breaks of the extraction folded."""
    s = unicodedata.normalize("NFC", s)
    for quote in "’´‘`":
        s = s.replace(quote, "'")
    return " ".join(s.lower().split())


def test_every_number_of_the_seed_is_in_the_content(seed, french):
    missing = sorted(set(numbers(seed)) - set(numbers(french)) - {0})  # "0SP 19" is a typo of OSP
    assert missing == []


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


def test_recommendations_are_all_there_verbatim(seed):
    c = load_content(ROOT / "content", relative_to=ROOT)
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


def test_unknowns_stay_unknown():
    c = load_content(ROOT / "content", relative_to=ROOT)
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
