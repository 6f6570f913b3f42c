"""Fixtures of the browser tests (the built sites, the server and Chromium
come from tests/conftest.py)."""

from __future__ import annotations

import pytest

from conftest import require_tool

from .support import AXE, DESKTOP, Guard, html_pages


@pytest.fixture(scope="session")
def site_pages(site_dir) -> list[str]:
    pages = html_pages(site_dir)
    assert len(pages) > 20, f"the site has only {len(pages)} pages"
    return pages


@pytest.fixture(scope="session")
def hostile_pages(hostile_site_dir) -> list[str]:
    return html_pages(hostile_site_dir)


@pytest.fixture(scope="session")
def axe_script() -> str:
    require_tool(AXE.is_file(), f"axe-core ({AXE.relative_to(AXE.parents[2])}, `make node`)")
    return str(AXE)


@pytest.fixture
def guarded(browser):
    """Make browser contexts whose every request is recorded, and any request
    leaving 127.0.0.1 aborted: ``context, guard = guarded(viewport=...)``."""
    made = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        made.append(context)
        return context, Guard(context)

    yield make
    for context in made:
        context.close()
