"""Every command of ``snia`` exits non-zero on a problem and 0 when all is
well, and says where the problem is (``file:line:column: field:``, in French).

The commands run in-process (``snia.cli.main``) in a small project made in a
temporary folder. The list of commands comes from the parser: a new command
without its cases here fails ``test_every_command_has_its_exit_codes_tested``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from snia import cli
from snia.model import text_hash

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def snia(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:  # argparse: usage errors
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder: the valid fixture as content/, the schemas, no site config."""
    shutil.copytree(FIXTURES / "valid", tmp_path / "content")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------
# A fully translated project (every text has current, reviewed Arabic)

TRANSLATED = {
    "edition.yml": """year: 2018
title: {fr: Rapport annuel 2018, ar: التقرير السنوي 2018}
strategy: {fr: Stratégie, ar: الاستراتيجية}
activities_period: "2017-2018"
recommendations_period: "2018-2019"
source: {fr: Extrait du rapport, ar: مقتطف من التقرير}
""",
    "glossary.yml": """entries:
  - id: retour-volontaire
    kind: term
    term: {fr: retour volontaire, ar: العودة الطوعية}
""",
    "partners/oim.yml": """name: {fr: Organisation Internationale pour les Migrations, ar: المنظمة الدولية للهجرة}
kind: un
""",
    "programmes/09.yml": """number: 9
purpose: {fr: Développer 38 partenariats., ar: تطوير 38 شراكة.}
""",
}
PAGE_FR = "# Guide\n\nTexte du guide.\n"


def _with_hashes(text: str) -> str:
    """Each `key: {fr: …, ar: …}` written one key a line, with the fingerprint
    of its French, reviewed (as `make translations-mark REVIEWED=1` leaves it)."""
    import re

    def one(m):
        pad, key, fr, ar = m.group(1), m.group(2), m.group(3), m.group(4)
        inner = pad + "  "
        return (f"{pad}{key}:\n{inner}fr: {fr}\n{inner}ar: {ar}\n"
                f"{inner}ar_hash: \"{text_hash(fr)}\"\n{inner}ar_status: reviewed")
    return re.sub(r"^( *)(\w+): \{fr: ([^,}]+), ar: ([^}]+)\}$", one, text, flags=re.M)


@pytest.fixture
def translated(tmp_path, monkeypatch):
    for rel, text in TRANSLATED.items():
        path = tmp_path / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_with_hashes(text), encoding="utf-8")
    (tmp_path / "docs" / "fr").mkdir(parents=True)
    (tmp_path / "docs" / "ar").mkdir(parents=True)
    (tmp_path / "docs" / "fr" / "guide.md").write_text(PAGE_FR, encoding="utf-8")
    (tmp_path / "docs" / "ar" / "guide.md").write_text(
        f"---\nfr_hash: {text_hash(PAGE_FR)}\nstatus: reviewed\n---\n# دليل\n\nنص الدليل.\n",
        encoding="utf-8")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------
# snia check


def test_check_is_clean_on_valid_content(project, capsys):
    code, out, err = snia(capsys, "check", "content", "--docs", "")
    assert code == 0, err
    assert out.splitlines()[-1].startswith("contenu valide : 1 programmes")


@pytest.mark.parametrize("file,old,new,where", [
    ("programmes/09.yml", "    partners: [oim]\n    projects: [demo]",
     "    partners: [oim, inconnu]\n    projects: [demo]",
     "content/programmes/09.yml:15:21: activities[1].partners[2]: partenaire inconnu `inconnu`"),
    ("programmes/09.yml", "      fr: Atelier\n    partners: [oim]", "      fr: Atelier\n    partners: [inconnu]",
     "content/programmes/09.yml:31:16: events[1].partners[1]: partenaire inconnu `inconnu`"),
    ("glossary.yml", "    partner: oim", "    partner: inconnu",
     "content/glossary.yml:8:14: entries[1].partner: partenaire inconnu `inconnu`"),
], ids=["activity-partner", "event-partner", "glossary-partner"])
def test_check_fails_with_file_line_on_an_unknown_partner(project, capsys, file, old, new, where):
    edit(project / "content" / file, old, new)
    code, out, err = snia(capsys, "check", "content", "--docs", "")
    assert code == 1
    assert where in err, err
    assert "rien n'a été construit" in err


def test_check_warns_on_missing_arabic_and_strict_fails(project, capsys):
    code, out, err = snia(capsys, "check", "content", "--docs", "")
    assert code == 0 and "avertissement" in out and "arabe manquant" in out
    code, out, err = snia(capsys, "check", "content", "--docs", "", "--strict")
    assert code == 1 and "content/partners/oim.yml:2:7: name:" in err


def test_check_fails_on_a_stale_schema(project, capsys):
    edit(project / "schema" / "partner.schema.json", '"kind"', '"genre"')
    code, out, err = snia(capsys, "check", "content", "--docs", "")
    assert code == 1 and "schema/partner.schema.json:1:1: (schéma): périmé" in err


def test_check_sees_a_stale_narrative_page(translated, capsys):
    code, out, err = snia(capsys, "check", "content", "--strict")
    assert code == 0, out + err
    edit(translated / "docs" / "fr" / "guide.md", "Texte du guide.", "Texte du guide, modifié.")
    code, out, err = snia(capsys, "check", "content")
    assert code == 0 and "docs/ar/guide.md" in out and "périmé" in out, out
    code, out, err = snia(capsys, "check", "content", "--strict")
    assert code == 1 and "docs/ar/guide.md" in err


# --------------------------------------------------------------------------
# snia translations status | report


@pytest.mark.parametrize("action", ["status", "report"])
def test_translation_status_is_clean_when_all_is_translated(translated, capsys, action):
    code, out, err = snia(capsys, "translations", action, "--strict")
    assert code == 0, out + err


@pytest.mark.parametrize("action", ["status", "report"])
def test_translation_status_strict_fails_on_a_stale_text(translated, capsys, action):
    edit(translated / "content" / "partners" / "oim.yml", "pour les Migrations\n", "pour la Migration\n")
    code, out, err = snia(capsys, "translations", action)
    assert code == 0 and "content/partners/oim.yml:3:" in out, out
    code, out, err = snia(capsys, "translations", action, "--strict")
    assert code == 1 and "arabe manquant ou périmé" in err


@pytest.mark.parametrize("action", ["status", "report"])
def test_translation_status_strict_fails_on_a_stale_page(translated, capsys, action):
    edit(translated / "docs" / "fr" / "guide.md", "Texte du guide.", "Texte du guide, modifié.")
    code, out, err = snia(capsys, "translations", action, "--strict")
    assert code == 1, out
    assert "guide.md" in out and "périmé" in out, out


@pytest.mark.parametrize("action", ["status", "report"])
def test_translation_status_strict_fails_on_a_missing_page(translated, capsys, action):
    (translated / "docs" / "ar" / "guide.md").unlink()
    code, out, err = snia(capsys, "translations", action, "--strict")
    assert code == 1 and "guide.md" in out


# --------------------------------------------------------------------------
# snia translations check


def test_translation_check_is_clean(translated, capsys):
    code, out, err = snia(capsys, "translations", "check", "content")
    assert code == 0, err


def test_translation_check_fails_on_a_number_that_differs(translated, capsys):
    edit(translated / "content" / "programmes" / "09.yml", "تطوير 38", "تطوير 39")
    code, out, err = snia(capsys, "translations", "check", "content")
    assert code == 1
    assert "content/programmes/09.yml:4:" in err and "purpose: les nombres diffèrent du français" in err


def test_translation_check_fails_on_the_arabic_house_style(translated, capsys):
    edit(translated / "content" / "programmes" / "09.yml", "تطوير 38 شراكة.", "تطوير 38 شراكة مع OIM.")
    (translated / "content" / "glossary.yml").write_text(
        (translated / "content" / "glossary.yml").read_text(encoding="utf-8")
        + "  - id: oim\n    kind: acronym\n    acronym: OIM\n    partner: oim\n"
        "    term: {fr: Organisation Internationale pour les Migrations, ar: المنظمة الدولية للهجرة}\n",
        encoding="utf-8")
    code, out, err = snia(capsys, "translations", "check", "content")
    assert code == 1 and "sigle latin « OIM »" in err, out + err


def test_translation_check_fails_on_broken_content(project, capsys):
    edit(project / "content" / "partners" / "oim.yml", "kind: un", "kind: onu")
    code, out, err = snia(capsys, "translations", "check", "content")
    assert code == 1 and "partners/oim.yml:4:7: kind:" in err


# --------------------------------------------------------------------------
# snia schema, new, translations termbase | mark | import | export | sheet | record


def test_schema_check(project, capsys):
    assert snia(capsys, "schema", "--check")[0] == 0
    edit(project / "schema" / "partner.schema.json", '"kind"', '"genre"')
    code, out, err = snia(capsys, "schema", "--check")
    assert code == 1 and "partner.schema.json: périmé" in err
    assert snia(capsys, "schema")[0] == 0
    assert snia(capsys, "schema", "--check")[0] == 0


def test_new(project, capsys):
    code, out, err = snia(capsys, "new", "partner", "unicef")
    assert code == 0 and (project / "content" / "partners" / "unicef.yml").is_file()
    code, out, err = snia(capsys, "new", "partner", "unicef")
    assert code == 1 and "unicef" in err
    code, out, err = snia(capsys, "new", "partenaire", "x")
    assert code == 2 and "choix invalide" in err


def test_termbase(project, capsys):
    assert snia(capsys, "translations", "termbase", "--out", "out")[0] == 0
    assert (project / "out" / "glossaire.tbx").is_file()
    edit(project / "content" / "glossary.yml", "kind: term", "kind: terme")
    code, out, err = snia(capsys, "translations", "termbase", "--out", "out")
    assert code == 1 and "glossary.yml:" in err


def test_mark(translated, capsys):
    edit(translated / "content" / "partners" / "oim.yml", "pour les Migrations\n", "pour la Migration\n")
    assert snia(capsys, "translations", "status", "--strict")[0] == 1
    code, out, err = snia(capsys, "translations", "mark", "content/partners/oim.yml:3")
    assert code == 0, err
    code, out, err = snia(capsys, "translations", "status", "--strict")
    assert code == 0 and "1 non relu(s)" in out  # current again, a draft to review
    code, out, err = snia(capsys, "translations", "mark", "content/partners/absent.yml:1")
    assert code == 2 and "introuvable" in err


def test_export_and_import(translated, capsys):
    edit(translated / "content" / "partners" / "oim.yml", "pour les Migrations\n", "pour la Migration\n")
    code, out, err = snia(capsys, "translations", "export", "-o", "a.xlf")
    assert code == 0 and (translated / "a.xlf").is_file()
    assert snia(capsys, "translations", "import", "absent.xlf")[0] == 2
    (translated / "bad.xlf").write_text("<xliff>pas du XLIFF", encoding="utf-8")
    code, out, err = snia(capsys, "translations", "import", "bad.xlf")
    assert code == 1 and "Traceback" not in err


def test_record_and_sheet_in_the_repository_copy(capsys, monkeypatch):
    """They read the whole project (content, pages, interface): run on the
    repository itself, writing into a temporary folder only."""
    # (record writes translations/sources.yml: checked through its return
    # code on a copy, see test_review.py; here the sheet, which writes --out)
    monkeypatch.chdir(ROOT)
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        code, stdout, err = snia(capsys, "translations", "sheet", "--out", out)
        assert code == 0 and (Path(out) / "revue.html").is_file(), err


def test_unknown_command_and_missing_argument_exit_2(capsys):
    assert snia(capsys, "verifie")[0] == 2
    assert snia(capsys, "translations")[0] == 2
    assert snia(capsys, "translations", "import")[0] == 2


# --------------------------------------------------------------------------

TESTED = {
    "check", "new", "schema",
    "translations status", "translations check", "translations report", "translations record",
    "translations sheet", "translations export", "translations import", "translations termbase",
    "translations mark",
}


def _commands(parser, prefix="") -> set[str]:
    import argparse

    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                inner = _commands(sub, f"{prefix}{name} ")
                found |= inner or {f"{prefix}{name}"}
    return found


def test_every_command_has_its_exit_codes_tested():
    assert _commands(cli.build_parser()) == TESTED


def test_record(translated, capsys):
    code, out, err = snia(capsys, "translations", "record")
    assert code == 0, err
    kept = (translated / "translations" / "sources.yml").read_text(encoding="utf-8")
    assert "Organisation Internationale pour les Migrations" in kept
