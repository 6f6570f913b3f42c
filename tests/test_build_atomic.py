"""A build is all or nothing (scripts/build_site.py, what `make build` runs):
a failure in either language leaves the previous site/ byte-identical and
exits non-zero with the reason; a success replaces it with both languages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from project_copy import copy_project, run_script

pytestmark = pytest.mark.site


def snapshot(site: Path) -> dict[str, tuple[str, int]]:
    return {p.relative_to(site).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                            p.stat().st_mtime_ns)
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path / "p")
    site = project / "site"
    (site / "ar").mkdir(parents=True)
    (site / "index.html").write_text("<p>previous French site</p>\n", encoding="utf-8")
    (site / "ar" / "index.html").write_text("<p>previous Arabic site</p>\n", encoding="utf-8")
    return project


def _break_nav(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nnav:\n", "\nnav:\n  - Absente: page-absente.md\n", 1),
                      encoding="utf-8")


@pytest.mark.parametrize("broken", ["mkdocs.yml", "mkdocs.ar.yml"], ids=["french", "arabic"])
def test_a_failed_build_leaves_the_previous_site_as_it_was(project, broken):
    _break_nav(project / broken)
    before = snapshot(project / "site")
    proc = run_script(project, "scripts/build_site.py")
    assert proc.returncode != 0
    assert "site/ est resté tel qu'il était" in proc.stderr, proc.stderr[-2000:]
    assert "page-absente.md" in proc.stderr
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site-build-*")), "temporary folder left behind"


def test_a_successful_build_replaces_the_site_with_both_languages(project):
    proc = run_script(project, "scripts/build_site.py")
    assert proc.returncode == 0, proc.stderr[-2000:]
    site = project / "site"
    assert "previous" not in (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="ar"' in (site / "ar" / "index.html").read_text(encoding="utf-8")
    assert not list(project.glob(".site-build-*"))
