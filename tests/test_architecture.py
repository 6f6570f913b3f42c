"""What the package's layout promises, checked: templates own the markup
and say what they expect; the package knows nothing of MkDocs; the kinds
are declared once (snia.kinds)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "snia"
TEMPLATES = PACKAGE / "templates"


def test_every_template_opens_with_the_context_it_expects():
    missing = []
    for path in sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".md")):
        text = path.read_text(encoding="utf-8")
        opening = re.findall(r"\{#.*?#\}", text, re.S)[:2]  # its first comments
        if not text.lstrip().startswith(("{#", "<!DOCTYPE")) or not any("Context:" in c for c in opening):
            missing.append(path.relative_to(TEMPLATES).as_posix())
    assert missing == []


def test_no_page_markup_is_written_in_python():
    """The page wrapper and the markup around values live in _inline.html
    (the one exception, render.isolate's <bdi>, wraps each Latin run)."""
    for name in ("render.py", "pages.py", "fullreport.py", "downloads.py"):
        text = (PACKAGE / name).read_text(encoding="utf-8")
        assert not re.search(r"Markup\(\s*['\"]<", text), name
        assert '<div class="snia' not in text, name
    for path in [ROOT / "macros.py", *sorted((ROOT / "hooks").glob("*.py"))]:
        assert '<div class="snia' not in path.read_text(encoding="utf-8"), path.name


def test_the_package_knows_nothing_of_mkdocs():
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(?:import|from)\s+mkdocs\b", text, re.M), path.name


def test_the_kinds_are_listed_once():
    """No module but the registry spells the three kinds' folders as a list."""
    pattern = re.compile(r"""["']programmes["'],\s*["']partners["'],\s*["']projects["']""")
    for path in sorted(PACKAGE.rglob("*.py")):
        assert not pattern.search(path.read_text(encoding="utf-8")), path.name
