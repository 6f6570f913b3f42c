"""``snia new`` / ``make new``: each kind starts from a template that
``snia check`` rejects until every placeholder is filled, and accepts once
filled; existing or malformed ids are refused; the file keeps every other
line byte for byte."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from snia.scaffold import KINDS, PLACEHOLDER

ROOT = Path(__file__).resolve().parent.parent

# kind, id, programme, file written
CASES = [
    ("partner", "agence-demo", None, "content/partners/agence-demo.yml"),
    ("project", "projet-demo", None, "content/projects/projet-demo.yml"),
    ("programme", "10", None, "content/programmes/10.yml"),
    ("objective", "20", "09", "content/programmes/09.yml"),
    ("activity", "p9-activite-demo", "09", "content/programmes/09.yml"),
    ("figure", "p9-chiffre-demo", "09", "content/programmes/09.yml"),
    ("event", "p9-evenement-demo", "09", "content/programmes/09.yml"),
    ("recommendation", "p9-r-demo", "09", "content/programmes/09.yml"),
]

# What an editor writes in place of each placeholder, by its key.
FILL = {
    "fr": "Texte de démonstration",
    "acronym": "DEMO",
    "kind": "bilateral",
    "programme": "9",
    "period": '"2017-2020"',
    "objective": "OSP 17",
    "value": "12",
    "when": '"2018"',
    "date": '"2018-04-16"',
}
_HOLE = re.compile(r'^(\s*(?:- )?)(\w+): "' + PLACEHOLDER + r'[^"]*"$', re.M)


def fill(text: str) -> str:
    return _HOLE.sub(lambda m: f"{m.group(1)}{m.group(2)}: {FILL[m.group(2)]}", text)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of what `make new` and `make check` need (the virtual
    environment is linked; `make -o .venv/bin/.installed` never rebuilds it)."""
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    return tmp_path


def snia(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snia", *args], cwd=project, capture_output=True,
                          text=True)


def check(project: Path) -> subprocess.CompletedProcess:
    return snia(project, "check", "--docs", "")


def test_every_kind_is_tested():
    assert sorted(KINDS) == sorted(c[0] for c in CASES)


@pytest.mark.parametrize("kind,ident,programme,written", CASES, ids=[c[0] for c in CASES])
def test_new_is_rejected_until_filled_then_accepted(project, kind, ident, programme, written):
    path = project / written
    before = path.read_bytes() if path.exists() else b""
    args = ["new", kind, ident] + (["--programme", programme] if programme else [])
    made = snia(project, *args)
    assert made.returncode == 0, made.stderr
    # it says where it wrote, as file:line
    m = re.match(rf"{re.escape(written)}:(\d+): ", made.stdout)
    assert m, made.stdout
    text = path.read_text(encoding="utf-8")
    if not before:
        assert text.startswith("# yaml-language-server: $schema=../../schema/")
    else:  # an entry: every line of the file kept, the entry inserted in one place
        old, new = before.decode("utf-8").splitlines(), text.splitlines()
        start = int(m.group(1)) - 1
        added = len(new) - len(old)
        assert new[:start] == old[:start] and new[start + added:] == old[start:]
        block = "\n".join(new[start:start + added])
        assert ident.split("-")[0] in block and "#" in block  # French comments come along
    holes = text.count(PLACEHOLDER) - text.count(f"chaque {PLACEHOLDER}") - text.count(
        f"Remplacez {PLACEHOLDER}")
    rejected = check(project)
    assert rejected.returncode == 1
    problems = [line for line in rejected.stderr.splitlines() if ": à remplir" in line]
    assert problems and len(problems) == holes, rejected.stderr
    assert all(line.startswith(written + ":") for line in problems)
    others = [line for line in rejected.stderr.splitlines()
              if line not in problems and "problème(s)" not in line]
    assert not others, "a placeholder must be reported once, as 'à remplir':\n" + "\n".join(others)
    path.write_text(fill(text), encoding="utf-8")
    accepted = check(project)
    assert accepted.returncode == 0, accepted.stderr
    assert PLACEHOLDER not in path.read_text(encoding="utf-8").replace(
        f"chaque {PLACEHOLDER}", "").replace(f"Remplacez {PLACEHOLDER}", "")


@pytest.mark.parametrize("args,said", [
    (["partner", "oim"], "content/partners/oim.yml existe déjà"),
    (["project", "glo-act"], "content/projects/glo-act.yml existe déjà"),
    (["programme", "9"], "content/programmes/09.yml existe déjà"),
    (["partner", "Agence_Demo"], "n'est pas un identifiant valable"),
    (["partner", "agence démo"], "n'est pas un identifiant valable"),
    (["programme", "neuf"], "n'est pas un numéro de programme"),
    (["event", "p9-r1", "--programme", "09"], "`p9-r1` est déjà utilisé"),
    (["objective", "17", "--programme", "09"], "OSP 17 existe déjà"),
    (["figure", "nouveau-chiffre"], "dites dans quel programme"),
    (["figure", "nouveau-chiffre", "--programme", "42"], "content/programmes/42.yml n'existe pas"),
])
def test_new_refuses_an_existing_or_malformed_id(project, args, said):
    before = {p: p.read_bytes() for p in (project / "content").rglob("*.yml")}
    proc = snia(project, "new", *args)
    assert proc.returncode != 0 and said in proc.stderr, proc.stderr
    assert {p: p.read_bytes() for p in (project / "content").rglob("*.yml")} == before


def test_make_new_writes_and_says_where(project):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    # -o: the linked virtual environment is taken as up to date, never rebuilt from the copy
    keep = ["-o", ".venv/bin/.installed"]
    proc = subprocess.run(["make", "-s", *keep, "new", "KIND=event", "ID=p9-atelier-demo", "PROGRAMME=09"],
                          cwd=project, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert re.match(r"content/programmes/09\.yml:\d+: l'événement `p9-atelier-demo` est créé",
                    proc.stdout), proc.stdout
    usage = subprocess.run(["make", "-s", *keep, "new", "KIND=event"], cwd=project, capture_output=True,
                           text=True, env=env)
    assert usage.returncode != 0 and "utilisation : make new" in usage.stdout
