"""A copy of the project in a temporary folder, to plant hostile or broken
input in and build it as the real commands do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ["mkdocs.yml", "mkdocs.ar.yml", "macros.py", "hooks", "docs", "overrides", "content",
         "schema", "src", "scripts"]


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def run(project: Path, *cmd: str) -> subprocess.CompletedProcess:
    """``python -m <cmd>`` in ``project`` (``snia check``, ``mkdocs build``...)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0",
               SOURCE_DATE_EPOCH="1543622400")
    env.pop("SNIA_CONTENT", None)
    return subprocess.run([sys.executable, "-m", *cmd], cwd=project, env=env,
                          capture_output=True, text=True)


def run_script(project: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0",
               SOURCE_DATE_EPOCH="1543622400")
    env.pop("SNIA_CONTENT", None)
    return subprocess.run([sys.executable, str(project / script), *args], cwd=project, env=env,
                          capture_output=True, text=True)
