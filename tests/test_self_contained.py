"""A clone stands alone: nothing the tests, the build or CI use lives outside
the repository (the source text is in sources/), and the seed tests pass in a
fresh clone with nothing beside it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Ways of reaching outside the repository that once crept in.
OUTSIDE = re.compile(r"\.\./shared|/work/|ROOT\.parent\b|\bshared[/\"']+seed")


def _tracked(*patterns: str) -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z", *patterns], cwd=ROOT, capture_output=True,
                         check=True).stdout.decode().split("\0")
    return [ROOT / p for p in out if p and (ROOT / p).is_file()]


def test_nothing_reads_outside_the_repository():
    files = _tracked("tests/*.py", "tests/**/*.py", "hooks/*", "macros.py", "src/**/*.py", "Makefile",
                     ".ci/*", "mkdocs*.yml", ".github/**", ".pre-commit-config.yaml", "scripts/*")
    assert len(files) > 10
    here = Path(__file__).resolve()
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
             for p in files if p.resolve() != here
             for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
             if OUTSIDE.search(line)]
    assert not found, "reaches outside the repository:\n" + "\n".join(found)


def test_the_source_text_is_in_the_repository_with_its_provenance():
    readme = (ROOT / "sources" / "README.md").read_text(encoding="utf-8")
    texts = sorted((ROOT / "sources").glob("*.txt"))
    assert texts, "sources/ holds no source text"
    for text in texts:
        assert text.name in readme, f"sources/README.md does not describe {text.name}"
    assert "Provenance" in readme


def test_seed_tests_pass_in_a_clone_with_nothing_beside_it(tmp_path):
    """Clone the committed tree (this checkout's HEAD) alone into an empty
    folder and run the faithfulness tests there: none may error or be skipped."""
    if not (ROOT / ".git").exists():
        pytest.fail("not a git checkout: the clone test needs one")
    alone = tmp_path / "nothing-beside" / "clone"
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", "--no-checkout", str(ROOT), str(alone)],
                   check=True, capture_output=True)
    subprocess.run(["git", "checkout", "--quiet", head], cwd=alone, check=True, capture_output=True)
    env = dict(os.environ, PYTHONPATH=str(alone / "src"), CI="true")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
         "tests/test_seed.py"], cwd=alone, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    summary = proc.stdout.strip().splitlines()[-1]
    assert "passed" in summary and "skipped" not in summary and "error" not in summary, summary


def test_browser_tests_wait_for_a_state_never_a_fixed_time():
    """A fixed sleep passes or fails with the machine's load: browser tests
    wait for a state (support.settle, wait_for_selector, wait_for_function)."""
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
             for p in sorted((ROOT / "tests" / "browser").glob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"wait_for_timeout\(|time\.sleep\(", line)]
    assert not found, "\n".join(found)
