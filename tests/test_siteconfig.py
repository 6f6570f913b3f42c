"""`snia check` reads what the build reads besides content/: the two site
configurations, their navigation and the links between pages. What would
stop the strict build is reported first, at file:line:column."""

from __future__ import annotations

from pathlib import Path

import pytest

from project_copy import copy_project, run


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "p")


def check(project: Path) -> str:
    proc = run(project, "snia", "check")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == (1 if proc.stderr.strip() else 0)
    return proc.stderr


def test_the_real_project_passes(project):
    proc = run(project, "snia", "check")
    assert proc.returncode == 0, proc.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


def test_a_missing_page_in_the_arabic_navigation(project):
    config = project / "mkdocs.ar.yml"
    edit(config, "\nnav:\n", "\nnav:\n  - غائبة: absente.md\n")
    said = check(project)
    assert f"mkdocs.ar.yml:{line_of(config, 'absente.md')}:12: nav: la page « absente.md » " \
           "n'existe pas dans docs/ar/" in said, said


def test_a_page_outside_the_navigation(project):
    (project / "docs" / "fr" / "orpheline.md").write_text("# Orpheline\n", encoding="utf-8")
    assert "docs/fr/orpheline.md:1:1: (page): cette page n'est pas dans la navigation" in check(project)


def test_a_link_to_no_page(project):
    page = project / "docs" / "fr" / "a-propos.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nVoir [le glossaire](glosaire.md).\n",
                    encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").splitlines())
    said = check(project)
    assert f"docs/fr/a-propos.md:{line}:21: (lien): le lien vers « glosaire.md » ne mène à aucune " \
           "page" in said, said


def test_links_to_generated_pages_are_known(project):
    page = project / "docs" / "fr" / "a-propos.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[P9](programmes/09.md)\n", encoding="utf-8")
    assert check(project) == ""


def test_a_broken_configuration_is_a_message(project):
    edit(project / "mkdocs.yml", "site_dir: site\n", "site_dir: [site\n")
    said = check(project)
    assert said.startswith("mkdocs.yml:") and "(syntaxe)" in said, said


def test_a_link_to_a_missing_heading(project):
    page = project / "docs" / "fr" / "index.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n[Langues](a-propos.md#langues) et [rien](a-propos.md#absente)\n",
                    encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").splitlines())
    said = check(project)
    assert said.count("(lien)") == 1, said
    assert f"docs/fr/index.md:{line}:42: (lien): la page « a-propos.md » n'a pas de titre " \
           "« #absente »" in said, said


def test_heading_ids_are_those_the_build_makes():
    from snia.siteconfig import anchors

    text = ("# À propos de ce site\n\n## Langues\n\n```\n# pas un titre\n```\n\n## Langues\n\n"
            "## Accessibilité et confidentialité\n\n### Titre {#mon-ancre}\n\n<div id=\"bloc\"></div>\n")
    assert anchors(text) == {"à-propos-de-ce-site", "langues", "langues_1",
                             "accessibilité-et-confidentialité", "mon-ancre", "bloc"}
    assert anchors("# T\n\n{{ timeline() }}\n") is None  # a macro adds headings: unknown
