"""The built site, read as HTML: both languages, every entity's page, no
leftover template, inert hostile content, no request leaving the site, the
same bytes from the same content."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, build_site
from snia.loader import load_content
from snia.kinds import KINDS

pytestmark = pytest.mark.site


class Page(HTMLParser):
    """What the tests need from one HTML file."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.html_attrs: dict = {}
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.alternates: dict[str, str] = {}
        self.selector: dict[str, str] = {}  # href -> hreflang of the language selector
        self.edit: str | None = None
        self.scripts_inline: list[str] = []
        self._in_script = False
        self.text = ""
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        for name in ("href", "src", "action", "poster", "data"):
            if a.get(name):
                self.urls.append((tag, name, a[name]))
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.selector[a["href"]] = a.get("hreflang")
        if tag == "a" and "md-content__button" in (a.get("class") or ""):
            self.edit = a.get("href")
        if tag == "script":
            self._in_script = not a.get("src")
        for name, value in attrs:
            if name.startswith("on"):
                raise AssertionError(f"event handler attribute {name}={value!r} in <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts_inline.append(data)
        else:
            self.text += data


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def lang_of(site: Path, path: Path) -> str:
    return "ar" if path.relative_to(site).parts[0] == "ar" else "fr"


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content", relative_to=ROOT)


@pytest.fixture(scope="module")
def parsed(site_dir):
    return {p: Page(p) for p in html_files(site_dir)}


def test_both_languages_are_built(site_dir, parsed):
    fr = [p for p in parsed if lang_of(site_dir, p) == "fr"]
    ar = [p for p in parsed if lang_of(site_dir, p) == "ar"]
    assert len(fr) > 50 and len(fr) == len(ar)
    assert {p.relative_to(site_dir) for p in fr} == {p.relative_to(site_dir / "ar") for p in ar}


def test_lang_and_dir_on_every_page(site_dir, parsed):
    for path, page in parsed.items():
        expected = ("ar", "rtl") if lang_of(site_dir, path) == "ar" else ("fr", "ltr")
        assert (page.html_attrs.get("lang"), page.html_attrs.get("dir")) == expected, path


def test_every_programme_partner_and_project_has_a_page_in_both(site_dir, content, parsed):
    for kind in KINDS.values():
        for ident in content.of(kind.name):
            for lang, root in (("fr", site_dir), ("ar", site_dir / "ar")):
                path = root / kind.path(ident, lang) / "index.html"
                assert path in parsed, path


def test_entity_pages_edit_their_yaml_file(site_dir, content, parsed):
    for ident, proj in content.projects.items():
        for root in (site_dir, site_dir / "ar"):
            edit = parsed[root / "projets" / ident / "index.html"].edit
            assert edit and edit.endswith(f"/edit/main/{proj.path}"), (ident, edit)
    assert parsed[site_dir / "index.html"].edit.endswith("/edit/main/docs/fr/index.md")
    assert parsed[site_dir / "ar" / "index.html"].edit.endswith("/edit/main/docs/ar/index.md")


def test_no_leftover_template_or_macro_error(parsed):
    for path, page in parsed.items():
        text = path.read_text(encoding="utf-8")
        assert "Macro Rendering Error" not in text, path
        assert "{{" not in page.text and "{%" not in page.text, path


def test_hreflang_and_selector_name_the_same_page(site_dir, parsed):
    for path, page in parsed.items():
        if path.name == "404.html":
            continue
        rel = path.parent.relative_to(site_dir)
        same = rel.relative_to("ar") if rel.parts and rel.parts[0] == "ar" else rel
        targets = {}
        for lang, prefix in (("fr", site_dir), ("ar", site_dir / "ar")):
            targets[lang] = (prefix / same).resolve()
            assert (path.parent / page.alternates[lang]).resolve() == targets[lang], (path, lang)
        # the language selector links to the same two pages
        assert set(page.selector.values()) == {"fr", "ar"}, path
        for href, lang in page.selector.items():
            assert (path.parent / href).resolve() == targets[lang], (path, href)


def test_no_request_leaves_the_site(parsed):
    for path, page in parsed.items():
        for tag, attr, value in page.urls:
            if tag == "a":
                continue  # links are followed by the reader, not loaded
            parts = urlsplit(value)
            assert not parts.scheme and not parts.netloc, (path, tag, value)
        for code in page.scripts_inline:
            assert "http" not in code.replace("https://schema.org", ""), path
    css = (ROOT / "overrides" / "assets" / "snia.css").read_text(encoding="utf-8")
    assert "url(\"fonts/" in css and "http" not in css


def test_arabic_font_is_served_by_the_site(site_dir):
    fonts = sorted((site_dir / "ar" / "assets" / "fonts").glob("noto-naskh-arabic-*-site.woff2"))
    assert len(fonts) == 2 and all(20_000 < f.stat().st_size < 35_000 for f in fonts)
    css = (site_dir / "ar" / "assets" / "snia.css").read_text(encoding="utf-8")
    assert all(f.name in css for f in fonts)


def test_language_name_font_has_the_letters_of_the_name_only(site_dir):
    """The French header's «العربية» comes from a small cut of the bold face
    (scripts/subset_fonts.py) that must hold every letter of the name."""
    from fontTools.ttLib import TTFont

    path = site_dir / "assets" / "fonts" / "noto-naskh-arabic-700-language-name.woff2"
    name = next(a["name"] for a in mkdocs_extra()["alternate"] if a["lang"] == "ar")
    cmap = TTFont(path).getBestCmap()
    assert all(ord(c) in cmap for c in name), name
    assert path.stat().st_size < 10_000
    assert "noto-naskh-arabic-700-language-name.woff2" in (
        site_dir / "assets" / "snia.css").read_text(encoding="utf-8")


def mkdocs_extra() -> dict:
    import yaml

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.safe_load("extra:\n" + text.split("\nextra:\n", 1)[1].split("\n\n", 1)[0])["extra"]


def test_each_site_searches_its_own_language(site_dir):
    fr = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    ar = json.loads((site_dir / "ar" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert fr["config"]["lang"] == ["fr"] and ar["config"]["lang"] == ["ar"]
    assert not any(d["location"].startswith("ar/") for d in fr["docs"])
    fr_titles = {d["title"] for d in fr["docs"]}
    ar_titles = {d["title"] for d in ar["docs"]}
    assert "Glossaire" in fr_titles and "Glossaire" not in ar_titles
    assert "مسرد المصطلحات" in ar_titles


def test_unknown_title_is_shown_as_unknown(site_dir):
    fr = (site_dir / "programmes" / "08" / "index.html").read_text(encoding="utf-8")
    ar = (site_dir / "ar" / "programmes" / "08" / "index.html").read_text(encoding="utf-8")
    assert "non indiqué dans le rapport" in fr
    assert "غير مذكور في التقرير" in ar


def test_amount_without_currency_says_so(site_dir):
    page = (site_dir / "projets" / "index.html").read_text(encoding="utf-8")
    assert "devise non précisée dans le rapport" in page
    assert re.search(r"35\u202f000\u202f000 euros", page)


# -- hostile content ---------------------------------------------------------


def test_hostile_content_is_inert_in_the_html(hostile_site_dir):
    pages = {p: Page(p) for p in html_files(hostile_site_dir)}  # raises on any on* attribute
    seen_literal = 0
    for path, page in pages.items():
        html = path.read_text(encoding="utf-8")
        assert "alert(" not in "".join(page.scripts_inline), path
        for tag, attr, value in page.urls:
            assert not value.strip().lower().startswith("javascript:"), (path, tag, value)
        assert "LOOPLOOP" not in html, path  # {% for %} not run
        assert not re.search(r"Coopération\s*(&lt;|<)?[^\n]{0,80}\b49\b", html), path
        if "{{ 7*7 }}" in page.text:
            seen_literal += 1
    assert seen_literal >= 6  # the expressions are shown, as text, in both languages
    title = (hostile_site_dir / "projets" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;" in title


# -- reproducibility -----------------------------------------------------------


def _digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_same_content_builds_the_same_bytes(site_dir, tmp_path):
    again = build_site(tmp_path / "again")
    first, second = _digest(site_dir), _digest(again)
    assert first.keys() == second.keys()
    differ = [k for k in first if first[k] != second[k]]
    assert differ == []
