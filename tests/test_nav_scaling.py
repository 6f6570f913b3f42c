"""Navigation that does not grow with the square of the pages: a section of
more pages than ``extra.nav_section_limit`` lists, on each page, only the
page being read (its index page lists them all). Today's sections are under
the limit and list every page."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from project_copy import copy_project, run

pytestmark = pytest.mark.site

def primary_nav(html: str) -> str:
    start = html.index('class="md-nav md-nav--primary"')
    return html[start:html.index('md-sidebar--secondary', start)]


def nav_links(html: str, url: str, section: str) -> set[str]:
    """The pages of ``section`` the primary navigation of the page at ``url`` links to."""
    found = {urljoin(url, h) for h in re.findall(r'href="([^"#]+)"', primary_nav(html))}
    return {u for u in found if re.fullmatch(rf"/{section}/[^/]+/", u)}


def test_today_every_partner_is_in_the_navigation(site_dir):
    partners = [p.parent.name for p in (site_dir / "partenaires").glob("*/index.html")]
    html = (site_dir / "partenaires" / "oim" / "index.html").read_text(encoding="utf-8")
    assert len(nav_links(html, "/partenaires/oim/", "partenaires")) == len(partners) > 20


def test_a_large_section_lists_only_the_page_being_read(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "mkdocs.small-nav.yml").write_text(
        'INHERIT: mkdocs.yml\nextra:\n  build_also: ""\n  nav_section_limit: 10\n', encoding="utf-8")
    out = tmp_path / "site"
    proc = run(project, "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.small-nav.yml", "-d", str(out))
    assert proc.returncode == 0, proc.stderr
    oim = (out / "partenaires" / "oim" / "index.html").read_text(encoding="utf-8")
    here = "/partenaires/oim/"
    assert nav_links(oim, here, "partenaires") == {here}  # itself, not its 32 siblings
    assert nav_links(oim, here, "projets") == set()
    # the section's index page, which lists them all, stays in the navigation
    assert "/partenaires/" in {urljoin(here, h) for h in re.findall(r'href="([^"#]+)"', primary_nav(oim))}
    home = (out / "index.html").read_text(encoding="utf-8")
    assert nav_links(home, "/", "partenaires") == set() and nav_links(home, "/", "projets") == set()
    # the two programmes stay listed (under the limit)
    assert len(nav_links(home, "/", "programmes")) == 2
