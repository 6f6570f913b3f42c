"""Every "edit this page" link of both sites opens a file the repository
has, and the repository address is one setting (`repo_url` in mkdocs.yml)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from snia.pages import edit_source

ROOT = Path(__file__).resolve().parent.parent
_EDIT = re.compile(r'<a href="([^"]*)"[^>]*class="md-content__button md-icon"|'
                   r'class="md-content__button md-icon"[^>]*href="([^"]*)"')


def repo_url() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"^repo_url:\s*(\S+)", text, re.M).group(1).rstrip("/")


def test_the_repository_address_is_set_once():
    url = repo_url()
    # the Arabic site inherits it
    assert not re.search(r"^repo_url:", (ROOT / "mkdocs.ar.yml").read_text(encoding="utf-8"), re.M)
    found = subprocess.run(["git", "grep", "-l", "-F", url.split("://", 1)[1]], cwd=ROOT,
                           capture_output=True, text=True).stdout.split()
    assert found == ["mkdocs.yml"], f"the repository address is written in {found}"


@pytest.mark.site
def test_every_edit_link_opens_a_file_of_the_repository(site_dir):
    prefix = f"{repo_url()}/edit/main/"
    checked, missing, pages = 0, [], 0
    for page in sorted(site_dir.rglob("*.html")):
        pages += 1
        html = page.read_text(encoding="utf-8")
        for m in _EDIT.finditer(html):
            href = (m.group(1) or m.group(2)).replace("&amp;", "&")
            checked += 1
            rel = page.relative_to(site_dir)
            if not href.startswith(prefix):
                missing.append(f"/{rel}: {href} is not under {prefix}")
            elif not (ROOT / href[len(prefix):]).is_file():
                missing.append(f"/{rel}: {href[len(prefix):]} does not exist")
    assert not missing, "\n".join(missing)
    # both languages, nearly every page (404 and build-made pages have none)
    assert checked > 0.8 * pages and checked > 60, (checked, pages)


def test_edit_source_of_each_kind_of_page(tmp_path):
    for name in ("docs/fr/guide.md", "docs/fr/a-propos.md", "docs/ar/a-propos.md",
                 "content/partners/oim.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    # a generated page: its YAML file
    assert edit_source(tmp_path, "docs/ar", "partenaires/oim.md",
                       "content/partners/oim.yml") == "content/partners/oim.yml"
    # a translated Arabic page: the Arabic file
    assert edit_source(tmp_path, "docs/ar", "a-propos.md", None) == "docs/ar/a-propos.md"
    # an Arabic page not translated yet shows the French: the French file
    assert edit_source(tmp_path, "docs/ar", "guide.md", None) == "docs/fr/guide.md"
    # a page with no file of its own, or a source outside the repository: no link
    assert edit_source(tmp_path, "docs/fr", "donnees/index.md", None) is None
    assert edit_source(tmp_path, "docs/fr", "x.md", "../outside/partners/oim.yml") is None
    assert edit_source(tmp_path, "docs/fr", "x.md", "/tmp/partners/oim.yml") is None
