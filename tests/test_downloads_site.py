"""The Downloads page of each language (issue 14): every file listed with its
format, size and description, its link reaching the very file in the built site,
the same files for both languages."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT
from snia import opendata
from snia.loader import load_content

pytestmark = pytest.mark.site


class Rows(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self._cell: list[str] | None = None
        self._in_table = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "snia-downloads" in (a.get("class") or ""):
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag == "td":
            self._cell = []
        elif self._in_table and tag == "a":
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.mark.parametrize("lang, page", [("fr", "telechargements/index.html"),
                                        ("ar", "ar/telechargements/index.html")])
def test_downloads_page_lists_every_file(site_dir, lang, page, monkeypatch):
    # the build's zip timestamps (conftest.build_site's default)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "1543622400"))
    content = load_content(ROOT / "content", relative_to=ROOT)
    made = opendata.files(content)
    html = (site_dir / page).read_text(encoding="utf-8")
    parsed = Rows(html)
    rows = [r for r in parsed.rows if r]
    names = [r[0] for r in rows]
    for name in made:
        assert name in names, name
        assert (site_dir / opendata.FOLDER / name).read_bytes() == made[name]
    for lang_ in ("fr", "ar"):
        assert opendata.pdf_name(content, lang_) in names
    for r in rows:
        assert len(r) == 4 and all(r), r  # file, format, size (or "not built"), description
        if r[0] in made:
            assert re.search(r"\d", r[2]), r
    base = f"http://x/{page}"
    for link in parsed.links:
        target = urljoin(base, link)[len("http://x/"):]
        assert (site_dir / target).is_file(), link
    assert len([l for l in parsed.links if "donnees/" in l]) == len(made)


@pytest.mark.parametrize("lang, prefix", [("fr", ""), ("ar", "ar/")])
def test_full_report_page_is_one_document(site_dir, lang, prefix):
    """The whole edition on one page: every in-page link resolves there, each
    id once; the citation built from the edition's fields; every programme,
    project and partner in it."""
    from snia import fullreport

    content = load_content(ROOT / "content", relative_to=ROOT)
    html = (site_dir / prefix / "rapport-complet" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]
    report = html[html.index('class="snia snia-report"'):]
    anchors = re.findall(r'href="#([^"]+)"', report)
    assert len(anchors) > 100
    assert not [a for a in anchors if a not in ids]
    assert not re.search(r'href="\.\./(programmes|projets|partenaires)/', report)
    from html import unescape

    assert " ".join(fullreport.citation(content, lang).split()) in " ".join(
        unescape(re.sub(r"<[^>]+>", "", report)).split())
    for pid in content.programmes:
        assert f'id="programme-{pid}"' in report
    for jid in content.projects:
        assert f'id="projet-{jid}"' in report
    for pid in content.partners:
        assert f'id="partenaire-{pid}"' in report


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_each_programme_links_to_the_downloads(site_dir, prefix):
    content = load_content(ROOT / "content", relative_to=ROOT)
    for pid in content.programmes:
        html = (site_dir / prefix / "programmes" / pid / "index.html").read_text(encoding="utf-8")
        assert 'href="../../telechargements/"' in html, pid
