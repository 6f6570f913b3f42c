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
    """The items of the Downloads lists: [file, format, size, description] each."""

    PARTS = ("snia-file", "snia-file-format", "snia-file-size", "snia-file-description")

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.rows: list[dict[str, str]] = []
        self.links: list[str] = []
        self._in_list = False
        self._part: str | None = None
        self._depth = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "ul" and "snia-downloads" in cls:
            self._in_list = True
        elif self._in_list and tag == "li" and self._part is None:
            self.rows.append({})
        elif self._in_list and cls in self.PARTS and self._part is None:
            self._part, self._depth = cls, 0
            self.rows[-1][cls] = ""
        elif self._part is not None and tag == "span":
            self._depth += 1
        if self._in_list and tag == "a":
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "ul":
            self._in_list = False
        elif tag == "span" and self._part is not None:
            if self._depth == 0:
                self.rows[-1][self._part] = " ".join(self.rows[-1][self._part].split())
                self._part = None
            else:
                self._depth -= 1

    def handle_data(self, data):
        if self._part is not None:
            self.rows[-1][self._part] += data


@pytest.mark.parametrize("lang, page", [("fr", "telechargements/index.html"),
                                        ("ar", "ar/telechargements/index.html")])
def test_downloads_page_lists_every_file(site_dir, lang, page, monkeypatch):
    # the build's zip timestamps (conftest.build_site's default)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "1543622400"))
    content = load_content(ROOT / "content", relative_to=ROOT)
    made = opendata.files(content)
    html = (site_dir / page).read_text(encoding="utf-8")
    parsed = Rows(html)
    rows = [[r.get(k, "") for k in Rows.PARTS] for r in parsed.rows]
    names = [r[0] for r in rows]
    for name in made:
        assert name in names, name
        assert (site_dir / opendata.FOLDER / name).read_bytes() == made[name]
    for lang_ in ("fr", "ar"):
        assert opendata.pdf_name(content, lang_) in names
    for r in rows:
        assert all(r), r  # file, format, size (or "not built"), description
        if r[0] in made:
            assert re.search(r"\d", r[2]), r
    base = f"http://x/{page}"
    for link in parsed.links:
        target = urljoin(base, link)[len("http://x/"):]
        assert (site_dir / target).is_file(), link
    # and every chart's data file (snia.charts publishes them in donnees/graphiques/)
    from snia import charts

    chart_csvs = charts.csv_files(content)
    for path in chart_csvs:
        assert path.rsplit("/", 1)[1] in names, path
    assert len([l for l in parsed.links if "donnees/" in l]) == len(made) + len(chart_csvs)


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


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_home_and_footer_link_to_the_downloads(site_dir, prefix):
    home = (site_dir / prefix / "index.html").read_text(encoding="utf-8")
    article, footer = home.split('class="snia-footer"', 1)
    assert 'href="telechargements/"' in article and 'href="rapport-complet/"' in article
    for page in ("index.html", "programmes/09/index.html", "glossaire/index.html"):
        html = (site_dir / prefix / page).read_text(encoding="utf-8")
        foot = html.split('class="snia-footer-links"', 1)[1].split("</ul>", 1)[0]
        depth = page.count("/")
        assert f'href="{"../" * depth}telechargements/"' in foot, page
        assert f'href="{"../" * depth}rapport-complet/"' in foot, page
