"""The built site as a reader and a search engine meet it (issue 10): one
description per page, sharing tags, canonical and hreflang links and a
filled sitemap once the public address is set, the guide out of the public
site, one translation notice per page and none in search, the glossary in
each language's alphabetical order, and dates by what they are."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build_site
from snia import i18n, pagemeta

pytestmark = pytest.mark.site

SITE_URL = "https://snia.example.ma/rapport/"


class Head(HTMLParser):
    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.notices = 0
        self.nav_hrefs: list[str] = []
        self.whens: list[str] = []
        self._when = 0
        self._buf: list[str] = []
        self.glossary: dict[str, list[str]] = {}
        self._dl: str | None = None
        self._dt = False
        self._in_nav = 0
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "meta":
            key = a.get("name") or a.get("property")
            if key:
                self.meta[key] = a.get("content", "")
        if tag == "link":
            self.links.append(a)
        if "snia-notice" in cls:
            self.notices += 1
        if tag == "nav" and "md-nav--primary" in cls:
            self._in_nav = 1
        elif tag == "nav" and self._in_nav:
            self._in_nav += 1
        if tag == "a" and self._in_nav:
            self.nav_hrefs.append(a.get("href", ""))
        if "snia-when" in cls:
            self._when = 1
            self._buf = []
        elif tag in ("span", "bdi") and self._when:
            self._when += 1
        if tag == "h2" and a.get("id") in ("sigles", "termes"):
            self._dl = a["id"]
            self.glossary[self._dl] = []
        if tag == "dt" and self._dl:
            self._dt = True
            self._buf = []

    def handle_endtag(self, tag):
        if tag == "nav" and self._in_nav:
            self._in_nav -= 1
        if tag in ("span", "bdi") and self._when:
            self._when -= 1
            if not self._when:
                self.whens.append("".join(self._buf))
        if tag == "dt" and self._dt:
            self._dt = False
            self.glossary[self._dl].append("".join(self._buf).split(" : ")[0].split(": ")[0].strip())
        if tag == "dl":
            self._dl = None

    def handle_data(self, data):
        if self._when or self._dt:
            self._buf.append(data)


def pages_of(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]


@pytest.fixture(scope="module")
def heads(site_dir) -> dict[Path, Head]:
    return {p: Head(p) for p in pages_of(site_dir)}


def test_every_page_has_its_own_description(site_dir, heads):
    for lang_site in (site_dir, site_dir / "ar"):
        seen: dict[str, Path] = {}
        for path, head in heads.items():
            if (path.relative_to(site_dir).parts[0] == "ar") != (lang_site.name == "ar"):
                continue
            desc = head.meta.get("description", "")
            assert len(desc) > 20, (path, desc)
            assert desc not in seen, f"{path} and {seen.get(desc)} share the description {desc!r}"
            seen[desc] = path
            assert head.meta.get("og:description") == desc, path
            assert head.meta.get("og:title") and head.meta.get("og:type") == "website", path
        assert len(seen) > 30


def test_guide_is_out_of_the_public_site(site_dir, heads):
    for root in (site_dir, site_dir / "ar"):
        assert not (root / "guide").exists()
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        locations = [d["location"] for d in index["docs"]]
        assert locations and not [loc for loc in locations if loc.startswith("guide")]
        assert not [d for d in index["docs"] if "ar_hash" in d["text"] or "pull request" in d["text"]]
    for path, head in heads.items():
        assert not [h for h in head.nav_hrefs if "guide" in h], path


def test_one_translation_notice_per_page_and_none_in_search(site_dir, heads):
    counted = [head.notices for path, head in heads.items() if path.relative_to(site_dir).parts[0] == "ar"]
    assert max(counted) == 1 and sum(counted) > 10  # drafts are noticed, once
    assert not [p for p, h in heads.items() if h.notices and p.relative_to(site_dir).parts[0] != "ar"]
    index = (site_dir / "ar" / "search" / "search_index.json").read_text(encoding="utf-8")
    text = json.loads(index)
    for doc in text["docs"]:
        assert "ترجمة أولية" not in doc["text"] and "ترجمة غير متوفرة" not in doc["text"], doc["location"]


def test_search_snippets_keep_labels_apart_from_values(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"])
    assert "NomOrganisation" not in text and "SigleOIM" not in text
    assert re.search(r"Sigle\s*:\s*(<[^>]+>)*\s*OIM", text)


def test_dates_are_shown_by_what_they_are(site_dir, heads):
    """A single date never reads as a range: "avril 2018", not "2018–04"."""
    whens = [w for h in heads.values() for w in h.whens]
    assert "26 janvier 2018" in whens and "avril 2018" in whens and "octobre 2018" in whens
    assert any("أبريل" in w for w in whens) and any("يناير" in w for w in whens)
    for w in whens:
        assert not re.search(r"\d{4}[-–]\d{2}\b|\b\d{2}[-–]\d{4}\b", w.replace("\u200f", "")), w
        if re.search(r"–", w):  # a range: two years, or two days/months of an event
            assert re.fullmatch(r"\d{4}–\d{4}", w) or re.search(r"\D", w.replace("–", "")), w


def test_glossary_follows_each_languages_alphabetical_order(heads, site_dir):
    for lang, path in (("fr", site_dir / "glossaire" / "index.html"),
                       ("ar", site_dir / "ar" / "glossaire" / "index.html")):
        gl = heads[path].glossary
        assert len(gl["sigles"]) > 10 and len(gl["termes"]) > 3, gl
        for kind, terms in gl.items():
            assert terms == sorted(terms, key=lambda t: i18n.collation_key(t, lang)), (lang, kind, terms)


def test_collation_is_the_languages_not_the_code_points():
    fr = sorted(["Œuvre", "école", "Zèbre", "Agence", "étude"], key=lambda t: i18n.collation_key(t, "fr"))
    assert fr == ["Agence", "école", "étude", "Œuvre", "Zèbre"]
    ar = sorted(["الهجرة", "بشر", "اللجوء", "تعاون"], key=lambda t: i18n.collation_key(t, "ar"))
    assert ar == ["بشر", "تعاون", "اللجوء", "الهجرة"]  # without the article: ب ت ل ه


def test_last_updated_comes_from_history_and_degrades_without_it(tmp_path, site_dir):
    root = Path(__file__).resolve().parent.parent
    day = pagemeta.last_changed(root, ["content"])
    if (root / ".git").exists():
        assert day is not None
        html = (site_dir / "programmes" / "09" / "index.html").read_text(encoding="utf-8")
        assert f'<time datetime="{day.isoformat()}"' in html or 'class="snia-updated"' in html
    (tmp_path / "content").mkdir()
    assert pagemeta.last_changed(tmp_path, ["content"]) is None


@pytest.fixture(scope="module")
def public_site(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("SNIA_SITE_URL", SITE_URL)
    return build_site(tmp_path_factory.mktemp("public") / "site")


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_public_address_gives_canonical_hreflang_and_a_filled_sitemap(public_site):
    for lang, root, prefix in (("fr", public_site, SITE_URL), ("ar", public_site / "ar", SITE_URL + "ar/")):
        sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
        locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        assert len(locs) > 30 and all(loc.startswith(prefix) for loc in locs), locs[:3]
        head = Head(root / "programmes" / "09" / "index.html")
        canonical = [a["href"] for a in head.links if a.get("rel") == "canonical"]
        assert canonical == [prefix + "programmes/09/"]
        alternates = {a["hreflang"]: a["href"] for a in head.links if a.get("hreflang")}
        assert alternates == {"fr": SITE_URL + "programmes/09/", "ar": SITE_URL + "ar/programmes/09/",
                              "x-default": SITE_URL + "programmes/09/"}
        assert head.meta["og:url"] == prefix + "programmes/09/"


ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def test_titles_are_the_pages_own_never_a_file_name(site_dir):
    """MkDocs falls back to the file name ("Index") when a page does not
    start with its "# Title": a draft mark once put before it titled three
    Arabic pages "Index" in <title>, the menu and the previous/next links."""
    for path in pages_of(site_dir):
        html = path.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        title = re.search(r"<title>([^<]*)</title>", head).group(1)
        labels = re.findall(r'class="md-footer__link[^"]*" aria-label="([^"]*)"', html)
        names = [title.split(" - ")[0]] + [label.split(": ", 1)[-1] for label in labels]
        for name in names:
            assert name.strip() and name not in ("Index", "Home"), (path, name)
    # and the Arabic section pages are titled in Arabic
    for section in ("programmes", "partenaires", "projets"):
        head = (site_dir / "ar" / section / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
        assert ARABIC_LETTER.search(re.search(r"<title>([^<]*)</title>", head).group(1).split(" - ")[0]), section


def test_scripts_wait_for_the_page(site_dir):
    """Every script file is deferred, in order: the page is laid out and
    painted from its HTML and CSS alone, never inside a script's task (the
    Arabic programme 9, whose first layout is long, fell to 92–93 in
    Lighthouse when that layout waited for a script). The search index's
    guard still runs before Material's bundle."""
    for path in pages_of(site_dir):
        html = path.read_text(encoding="utf-8")
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        assert tags, path
        assert all(re.search(r"\sdefer[\s>]", t) for t in tags), (path, [t for t in tags if " defer" not in t])
        names = [re.search(r'src="([^"]+)"', t).group(1).rsplit("/", 1)[-1] for t in tags]
        lazy = names.index("snia-search-lazy.js")
        bundle = next(i for i, n in enumerate(names) if n.startswith("bundle."))
        assert lazy < bundle, (path, names)
