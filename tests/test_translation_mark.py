"""`snia translations mark` on files it must refuse or could damage: paths
outside content/ and docs/ar/, CRLF files, an empty `ar_hash:`, files that do
not load, and a result that would not load (the file is restored)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from snia.model import text_hash
from snia.translation import MarkError, mark, texts_in
from snia.yamlsafe import parse

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "translation"


@pytest.fixture
def tree(tmp_path) -> Path:
    shutil.copytree(FIX, tmp_path / "t")
    return tmp_path / "t"


def run_mark(tree: Path, where: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snia", "translations", "mark", where, *extra],
                          cwd=tree, capture_output=True, text=True)


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("where", [
    "outside.yml", "outside.yml:3", "content/../outside.yml:3", "docs/fr/index.md",
    "notes.md", "content/partners/oim.txt"])
def test_mark_refuses_files_outside_content_and_docs_ar(tree, where):
    (tree / "outside.yml").write_text("name:\n  fr: Un texte\n  ar: نص\n", encoding="utf-8")
    (tree / "notes.md").write_text("# ar\n", encoding="utf-8")
    (tree / "content" / "partners" / "oim.txt").write_text("x\n", encoding="utf-8")
    target = tree / where.split(":")[0]
    before = snapshot(target)
    proc = run_mark(tree, where)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "refusé" in proc.stderr and "content/" in proc.stderr, proc.stderr
    assert snapshot(target) == before


def test_mark_refuses_a_link_that_leads_outside(tree):
    outside = tree.parent / "victim.yml"
    outside.write_text("name:\n  fr: Un texte\n  ar: نص\n", encoding="utf-8")
    (tree / "content" / "partners" / "link.yml").symlink_to(outside)
    before = snapshot(outside)
    proc = run_mark(tree, "content/partners/link.yml")
    assert proc.returncode != 0 and "refusé" in proc.stderr
    assert snapshot(outside) == before


def test_mark_fills_an_empty_ar_hash_line(tree):
    path = tree / "content" / "partners" / "oim.yml"
    text = path.read_text(encoding="utf-8").replace("  ar_hash: e7af9551\n", "  ar_hash:\n")
    path.write_text(text, encoding="utf-8")
    proc = run_mark(tree, "content/partners/oim.yml:3")
    assert proc.returncode == 0, proc.stderr
    doc = parse("oim.yml", path.read_bytes())
    assert not doc.problems
    assert doc.data["name"]["ar_hash"] == text_hash("Organisation Internationale pour les Migrations")
    assert f'  ar_hash: "{text_hash(doc.data["name"]["fr"])}"\n' in path.read_text(encoding="utf-8")


def test_mark_replaces_a_block_value_and_keeps_the_next_key(tree):
    path = tree / "content" / "partners" / "oim.yml"
    text = path.read_text(encoding="utf-8").replace("  ar_hash: e7af9551\n", "  ar_hash: |\n    e7af\n")
    path.write_text(text, encoding="utf-8")
    assert mark(path, 3, reviewed=True) == 1
    data = parse("oim.yml", path.read_bytes()).data
    assert data["name"]["ar_hash"] == text_hash(data["name"]["fr"])
    assert data["name"]["ar_status"] == "reviewed"


def test_mark_keeps_crlf_line_endings(tree):
    path = tree / "content" / "partners" / "oim.yml"
    crlf = path.read_bytes().replace(b"\n", b"\r\n").replace(b"  fr: Suisse\r\n",
                                                             "  fr: Suisse\r\n  ar: سويسرا\r\n".encode())
    path.write_bytes(crlf)
    assert mark(path, None, reviewed=False) == 1  # inserts two lines
    assert mark(path, 12, reviewed=True) == 1  # rewrites two values
    out = path.read_bytes()
    assert out.count(b"\n") == out.count(b"\r\n") == crlf.count(b"\r\n") + 2
    states = {ref.path[0]: ref.state for ref in texts_in(parse("oim.yml", out))}
    assert states["country"] == "unreviewed"


def test_mark_keeps_crlf_in_a_page(tree):
    page = tree / "docs" / "ar" / "index.md"
    page.write_bytes(page.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    lines = page.read_bytes().count(b"\r\n")
    mark(page, None, reviewed=True)
    out = page.read_bytes()
    assert out.count(b"\n") == out.count(b"\r\n") >= lines


@pytest.mark.parametrize("defect, said", [
    ("name:\n  fr: a\n  ar: ب\nname:\n  fr: b\n", "clé en double"),
    ("- just\n- a list\n", "pas de texte bilingue"),
    ("name: [unclosed\n", "(syntaxe)"),
])
def test_mark_says_what_is_wrong_with_a_file_it_cannot_handle(tree, defect, said):
    path = tree / "content" / "partners" / "bad.yml"
    path.write_text(defect, encoding="utf-8")
    before = snapshot(path)
    proc = run_mark(tree, "content/partners/bad.yml:1")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert said in proc.stderr and "content/partners/bad.yml" in proc.stderr, proc.stderr
    assert snapshot(path) == before


def test_mark_of_a_non_utf8_page_is_a_message(tree):
    page = tree / "docs" / "ar" / "index.md"
    page.write_bytes(b"---\nstatus: draft\n---\n\xff\xfe\n")
    before = snapshot(page)
    proc = run_mark(tree, "docs/ar/index.md")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "UTF-8" in proc.stderr
    assert snapshot(page) == before


def test_mark_of_a_page_with_a_broken_front_matter_changes_nothing(tree):
    page = tree / "docs" / "ar" / "index.md"
    page.write_text("---\nstatus: [draft\n---\n# عنوان\n", encoding="utf-8")
    before = snapshot(page)
    proc = run_mark(tree, "docs/ar/index.md")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "docs/ar/index.md" in proc.stderr
    assert snapshot(page) == before


def test_a_result_that_would_not_load_is_restored(tree):
    page = tree / "docs" / "ar" / "index.md"
    # a block value: rewriting its first line would leave its body behind
    page.write_text("---\nfr_hash: |\n  abc\nstatus: draft\n---\n# عنوان\n", encoding="utf-8")
    before = page.read_bytes()
    with pytest.raises(MarkError, match="restauré"):
        mark(page, None, reviewed=True)
    assert page.read_bytes() == before
