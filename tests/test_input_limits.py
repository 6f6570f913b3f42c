"""Limits an editor (or an attacker) meets in content/: a huge file, a huge
name, deep nesting — each one clear message from `snia check`, never a
traceback, and nothing built."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "fixtures" / "valid"


@pytest.fixture
def tree(tmp_path) -> Path:
    shutil.copytree(VALID, tmp_path / "content")
    return tmp_path


def check(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snia", "check", "content", "--docs", "absent",
                           "--schema", str(ROOT / "schema")],
                          cwd=tree, capture_output=True, text=True)


def write_oim(tree: Path, text: str) -> None:
    (tree / "content" / "partners" / "oim.yml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case, said", [
    ("name:\n  fr: " + "x" * 2_000_000 + "\nkind: un\n",
     "content/partners/oim.yml:1:1: (fichier): 2\u202f000\u202f022 octets : un fichier de contenu en "
     "fait 1\u202f000\u202f000 au plus"),
    ("name:\n  fr: " + "Nom " * 100 + "\nkind: un\n",
     "content/partners/oim.yml:2:7: name.fr: 399 caractères : c'est trop pour un nom ou un titre "
     "(300 au plus)"),
    ("name:\n  fr: OIM\nkind: un\nx:\n" + "".join("  " * i + "- \n" for i in range(1, 500)),
     "(syntaxe): plus de 24 niveaux d'imbrication"),
    ("name:\n  fr: O\x00IM\nkind: un\n",
     "content/partners/oim.yml:2:8: (fichier): caractère de contrôle invisible U+0000"),
    ("name:\n  fr: OIM\nkind: un\nx: " + "[" * 5000 + "]" * 5000 + "\n",
     "content/partners/oim.yml:4:27: (syntaxe): plus de 24 niveaux d'imbrication"),
])
def test_limits_are_one_clear_message(tree, case, said):
    write_oim(tree, case)
    proc = check(tree)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "RecursionError" not in proc.stderr
    assert said in proc.stderr, proc.stderr[:2000]


def test_arabic_may_use_a_zero_width_non_joiner(tree):
    write_oim(tree, "name:\n  fr: Organisation Internationale pour les Migrations\n"
                    "  ar: \"المنظمة\u200cالدولية\"\nkind: un\n")
    proc = check(tree)
    assert proc.returncode == 0, proc.stderr


def test_direction_marks_only_in_arabic(tree):
    write_oim(tree, "name:\n  fr: \"OIM\u200f\"\n  ar: \"المنظمة OIM\u200f\"\nkind: un\n")
    proc = check(tree)
    assert proc.returncode == 1
    assert ("content/partners/oim.yml:2:7: name.fr: marque de direction invisible U+200F : elle "
            "n'est acceptée que dans un texte arabe") in proc.stderr, proc.stderr
    assert "name.ar" not in proc.stderr


@pytest.mark.parametrize("old, new", [("programmes/09.yml", "programmes/09.yaml"),
                                      ("partners/oim.yml", "partners/OIM.yml"),
                                      ("projects/demo.yml", "projects/Demo.YML")])
def test_a_misnamed_file_is_one_message_not_a_cascade(tree, old, new):
    from snia.loader import ContentError, load_content

    root = tree / "content"
    (root / old).rename(root / new)
    with pytest.raises(ContentError) as err:
        load_content(root, relative_to=root)
    problems = [str(p) for p in err.value.problems]
    ident = Path(new).name.split(".")[0].lower()
    assert problems == [f"{new}:1:1: (fichier): le nom du fichier doit être {ident}.yml "
                        "(l'identifiant en minuscules, extension .yml) : renommez-le"], problems
