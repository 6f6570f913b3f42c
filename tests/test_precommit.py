"""pre-commit runs offline with local hooks only: the repository passes
`pre-commit run --all-files`, and a planted defect (a content error, trailing
spaces) fails it. Run in a copy, so the worktree is never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = ROOT / ".venv" / "bin" / "pre-commit"


def test_every_hook_is_local():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]
    ids = {h["id"] for h in config["repos"][0]["hooks"]}
    assert ids >= {"snia-check", "snia-schema", "trailing-whitespace", "end-of-file", "yaml-syntax"}
    assert all(h["language"] == "system" for h in config["repos"][0]["hooks"])


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The working tree's files (tracked and new, not ignored) in a fresh git
    repository, with the project's virtual environment linked."""
    assert PRE_COMMIT.is_file(), "pre-commit is pinned in requirements.txt: run `make venv`"
    dest = tmp_path_factory.mktemp("precommit") / "repo"
    listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file() and not src.is_symlink():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], cwd=dest, check=True)
    with open(dest / ".git" / "info" / "exclude", "a") as out:
        out.write(".venv\n")
    subprocess.run(git + ["add", "-A"], cwd=dest, check=True)
    return dest


def run(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), SKIP="")
    # no network: every hook is local (a download would fail here and in CI)
    return subprocess.run([str(PRE_COMMIT), "run", "--all-files", "--color", "never"], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=600)


def test_pre_commit_passes_then_fails_on_planted_defects(repo, tmp_path):
    clean = run(repo, tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.count("Passed") >= 5
    # plant: an unknown partner kind in a content file, trailing spaces in a page
    partner = repo / "content" / "partners" / "oim.yml"
    partner.write_text(partner.read_text(encoding="utf-8").replace("kind: un", "kind: agence"),
                       encoding="utf-8")
    page = repo / "docs" / "fr" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "Ligne avec espaces   \n", encoding="utf-8")
    broken = run(repo, tmp_path)
    assert broken.returncode == 1
    lines = broken.stdout.splitlines()
    failed = {line.split(".")[0] for line in lines if line.endswith("Failed")}
    assert failed == {"contenu (snia check)", "espaces en fin de ligne"}, broken.stdout
    assert "content/partners/oim.yml" in broken.stdout and "'agence'" in broken.stdout
