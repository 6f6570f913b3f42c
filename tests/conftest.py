"""Shared fixtures: the site built once per test session (real content and a
hostile fixture tree), served on 127.0.0.1, and a headless Chromium.

Browser tests need Debian's Chromium (/usr/bin/chromium). Outside CI they
are skipped when it is missing; with CI=true a missing tool fails the run.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(ok: bool, what: str) -> None:
    """Skip locally, fail in CI: a missing tool never passes silently there."""
    if ok:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing in CI: .ci/run must install it")
    pytest.skip(f"{what} is not installed (CI installs it)")


def build_site(dest: Path, content: Path | None = None) -> Path:
    """``mkdocs build --strict`` of both languages into ``dest``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    env.setdefault("SOURCE_DATE_EPOCH", "1543622400")
    if content is not None:
        env["SNIA_CONTENT"] = str(content)
    else:
        env.pop("SNIA_CONTENT", None)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 0, f"build failed:\n{proc.stdout}\n{proc.stderr}"
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real content, built."""
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def hostile_site_dir(tmp_path_factory) -> Path:
    """tests/fixtures/hostile (scripts, event handlers, javascript: links,
    Jinja expressions in content), built."""
    return build_site(tmp_path_factory.mktemp("hostile") / "site", FIXTURES / "hostile")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(directory: Path):
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def site_url(site_dir):
    server = _serve(site_dir)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def hostile_site_url(hostile_site_dir):
    server = _serve(hostile_site_dir)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    require_tool(shutil.which(CHROMIUM) is not None or Path(CHROMIUM).is_file(), "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()
