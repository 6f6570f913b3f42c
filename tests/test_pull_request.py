"""What an editor's pull request gets: ``snia check --format github`` puts one
annotation on the line at fault (escaped as GitHub requires), a job summary
lists the problems and the translation status per file, and a change in
French only passes with a warning while the Arabic site shows the French,
marked as French."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from snia.report import (
    Finding,
    annotation,
    escape_data,
    escape_property,
    parse_annotation,
)
from snia.yamlsafe import Location

ROOT = Path(__file__).resolve().parent.parent


def snia(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snia", *args], cwd=cwd, capture_output=True,
                          text=True)


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the real content and schemas, in a project-like folder."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    return tmp_path


# --------------------------------------------------------------------------
# Annotations


def test_a_planted_error_is_exactly_one_annotation_at_its_file_line_and_column(tree):
    path = tree / "content" / "partners" / "oim.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kind_line = next(i for i, line in enumerate(lines) if line.startswith("kind:"))
    lines[kind_line] = "kind: agence\n"  # not one of the allowed kinds
    path.write_text("".join(lines), encoding="utf-8")
    proc = snia("check", "--format", "github", "--docs", "", cwd=tree)
    assert proc.returncode == 1
    errors = [line for line in proc.stdout.splitlines() if line.startswith("::error")]
    assert len(errors) == 1, proc.stdout
    got = parse_annotation(errors[0])
    assert (got["file"], got["line"], got["col"], got["title"]) == (
        "content/partners/oim.yml", str(kind_line + 1), "7", "kind")
    assert got["message"].startswith("'agence' n'est pas accepté")
    # the workflow command format: nothing after the message, one line
    assert re.fullmatch(r"::error file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::.+", errors[0])


@pytest.mark.parametrize("message", [
    "100 % des textes",
    "deux-points : et virgule, ici",
    "première ligne\nseconde ligne\r\nfin",
    "déjà échappé : %25 %0A %3A",
])
def test_messages_survive_the_escaping(message):
    f = Finding(Location("content/a,b:c.yml", 3, 7), "events[2].what: x, y", message)
    line = annotation(f)
    assert "\n" not in line and "\r" not in line
    props = line[2:].partition("::")[0]
    assert props.count(",") == 3 and ":" not in props  # only the separators remain
    got = parse_annotation(line)
    assert got == {"level": "error", "file": "content/a,b:c.yml", "line": "3", "col": "7",
                   "title": "events[2].what: x, y", "message": message}


def test_escaping_is_the_one_github_documents():
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


# --------------------------------------------------------------------------
# A change in French only

NEW_PARTNER = """# yaml-language-server: $schema=../../schema/partner.schema.json
name:
  fr: Agence de coopération de démonstration
kind: bilateral
"""


def test_a_french_only_partner_passes_with_a_warning_and_strict_fails(tree):
    (tree / "content" / "partners" / "demo-coop.yml").write_text(NEW_PARTNER, encoding="utf-8")
    summary = tree / "summary.md"
    proc = snia("check", "--format", "github", "--docs", "", "--summary", str(summary), cwd=tree)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout.splitlines()
    assert not [line for line in out if line.startswith("::error")]
    warnings = [parse_annotation(line) for line in out if line.startswith("::warning")]
    assert [(w["file"], w["line"], w["title"]) for w in warnings] == [
        ("content/partners/demo-coop.yml", "3", "name")]
    assert warnings[0]["message"].startswith("arabe manquant")
    # the job summary: no problem, the translation status of that file
    text = summary.read_text(encoding="utf-8")
    assert "Aucun problème" in text
    assert "| content/partners/demo-coop.yml | 1 | 1 | 0 | 0 |" in text
    # plain text for a terminal: a warning, exit 0
    plain = snia("check", "--docs", "", cwd=tree)
    assert plain.returncode == 0
    assert "content/partners/demo-coop.yml:3:7: name: avertissement : arabe manquant" in plain.stdout
    # a release asks for the Arabic
    strict = snia("check", "--strict", "--docs", "", cwd=tree)
    assert strict.returncode == 1
    assert "content/partners/demo-coop.yml:3:7: name: arabe manquant" in strict.stderr
    # the translators' report says it too, without failing
    status = snia("translations", "status", "--docs", str(ROOT / "docs"), cwd=tree)
    assert status.returncode == 0 and "demo-coop.yml" in status.stdout


def test_the_summary_lists_each_problem(tree):
    path = tree / "content" / "partners" / "oim.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: un", "kind: agence|x"),
                    encoding="utf-8")
    summary = tree / "summary.md"
    proc = snia("check", "--format", "github", "--docs", "", "--summary", str(summary), cwd=tree)
    assert proc.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert "**1 problème(s) à corriger**" in text
    row = next(line for line in text.splitlines() if line.startswith("| content/partners/oim.yml"))
    assert "agence\\|x" in row  # a pipe in a message does not break the table


@pytest.mark.site
def test_the_arabic_site_shows_the_french_of_a_french_only_partner_marked(tree, tmp_path):
    from conftest import build_site

    (tree / "content" / "partners" / "demo-coop.yml").write_text(NEW_PARTNER, encoding="utf-8")
    site = build_site(tmp_path / "site", tree / "content")
    html = (site / "ar" / "partenaires" / "demo-coop" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h1[^>]*>\s*<span lang="fr" dir="ltr"[^>]*>Agence de coopération de '
                     r'démonstration</span>', html) or re.search(
        r'lang="fr"[^>]*>Agence de coopération de démonstration<', html), html[:3000]
    assert "ترجمة غير متوفرة" in html  # the notice: not translated yet
    assert "<html lang=\"ar\" dir=\"rtl\"" in html
    french = (site / "partenaires" / "demo-coop" / "index.html").read_text(encoding="utf-8")
    assert "Agence de coopération de démonstration" in french
