"""The Nu HTML checker (npm vnu-jar, the W3C's current checker) finds no
error on any page of either site."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import require_tool

from .support import VNU, html_pages

pytestmark = pytest.mark.browser

_LINE = re.compile(r'^"?file:(?P<file>[^"]+)"?:(?P<where>[\d.\-]+): (?P<kind>[\w ]+): (?P<message>.*)$')


def test_nu_html_checker_finds_no_error(site_dir):
    java = shutil.which("java")
    require_tool(java is not None, "Java (for the Nu HTML checker)")
    require_tool(VNU.is_file(), "vnu-jar (`make node`)")
    pages = html_pages(site_dir)
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--format", "gnu", "--errors-only",
         str(site_dir)],
        capture_output=True, text=True, timeout=600,
    )
    # the checker writes its findings to stderr and exits 1 when there are errors
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    errors = []
    for line in lines:
        match = _LINE.match(line)
        if match:
            page = match["file"].replace(str(site_dir), "", 1)
            errors.append(f"{page}:{match['where']}: {match['message']}")
        else:
            errors.append(line)  # anything else it says is a problem too
    assert proc.returncode == 0 and not errors, (
        f"Nu HTML checker: {len(errors)} error(s) in {len(pages)} pages "
        f"(exit {proc.returncode}):\n" + "\n".join(errors[:200]))
