"""Every internal link and anchor of both sites resolves, the language
selector included: each page is parsed (html.parser), each relative URL is
resolved against the page's own URL, the file must exist (a directory means
its index.html) and a #fragment must be an id of that file.

Pure HTML: no browser needed, but it belongs to the same quality gate.
"""

from __future__ import annotations

import posixpath
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .support import is_arabic

pytestmark = pytest.mark.browser

# (tag, attribute) pairs that name a URL the reader follows or the browser loads
URL_ATTRS = {("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"),
             ("img", "src"), ("source", "src"), ("video", "src"), ("audio", "src"),
             ("track", "src"), ("iframe", "src"), ("embed", "src"), ("object", "data"),
             ("form", "action"), ("video", "poster"), ("input", "src")}


class Parsed(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self.selector: dict[str, str] = {}  # hreflang -> href of the language selector
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: v for k, v in attrs if v is not None}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for t, attr in URL_ATTRS:
            if tag == t and attr in a:
                self.urls.append((tag, a[attr]))
        for srcset in (a.get("srcset"), a.get("imagesrcset")):
            for candidate in (srcset or "").split(","):
                if candidate.strip():
                    self.urls.append((tag, candidate.split()[0]))
        if tag == "a" and "md-select__link" in a.get("class", "").split():
            self.selector[a.get("hreflang", "")] = a.get("href", "")

    handle_startendtag = handle_starttag


class Site:
    def __init__(self, root: Path):
        self.root = root

    @cache
    def parsed(self, file: str) -> Parsed:
        return Parsed((self.root / file).read_text(encoding="utf-8"))

    @staticmethod
    def url_of(page: str) -> str:
        """URL path of a page as served: "/", "/projets/glo-act/", "/404.html"."""
        return "/" + page

    def target(self, page: str, url: str) -> tuple[str | None, str, str]:
        """(file below the root or None, fragment, problem) for a URL on a page."""
        parts = urlsplit(url)
        path = parts.path
        if not path:
            resolved = self.url_of(page)
        elif path.startswith("/"):
            resolved = path
        else:
            base = self.url_of(page)
            resolved = posixpath.join(base if base.endswith("/") else posixpath.dirname(base) + "/",
                                      path)
        # a URL ending in "/", "/." or "/.." names a directory ("../.." is a home link)
        trailing = resolved.endswith("/") or posixpath.basename(resolved) in (".", "..")
        # ".." above the root stays at the root in a browser, but is a mistake here
        depth, out = 0, []
        for seg in unquote(resolved).split("/"):
            if seg in ("", "."):
                continue
            if seg == "..":
                if not out:
                    depth += 1
                else:
                    out.pop()
                continue
            out.append(seg)
        if depth:
            return None, "", "goes above the site root"
        file = "/".join(out)
        full = self.root / file if file else self.root
        if trailing or full.is_dir():
            if full.is_dir() and not trailing:
                return None, "", "directory without its trailing slash"
            file = (file + "/index.html").lstrip("/")
            full = self.root / file
        if not full.is_file():
            return None, "", "no such file"
        return file, unquote(parts.fragment), ""


def file_of(page: str) -> str:
    return page + "index.html" if page == "" or page.endswith("/") else page


def is_internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


@pytest.fixture(scope="module")
def site(site_dir):
    return Site(site_dir)


def test_every_internal_link_and_anchor_resolves(site, site_pages):
    problems, checked = [], 0
    for page in site_pages:
        parsed = site.parsed(file_of(page))
        for tag, url in parsed.urls:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "javascript":
                problems.append(f"/{page}: <{tag}> {url!r}: javascript: URL")
                continue
            if not is_internal(url):
                continue  # http(s) to another site, mailto: (not followed offline)
            checked += 1
            target, fragment, problem = site.target(page, url)
            if problem:
                problems.append(f"/{page}: <{tag}> {url!r}: {problem}")
            elif fragment and target.endswith(".html") and fragment not in site.parsed(target).ids:
                problems.append(f"/{page}: <{tag}> {url!r}: no id {fragment!r} in /{target}")
    assert checked > 20 * len(site_pages), f"only {checked} internal URLs in {len(site_pages)} pages"
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(problems)


def test_language_selector_links_the_same_page_both_ways(site, site_pages):
    problems = []
    for page in site_pages:
        if page.endswith("404.html"):
            continue  # the error page links the two home pages
        here = file_of(page)
        same = page[3:] if is_arabic(page) else page
        expected = {"fr": file_of(same), "ar": file_of("ar/" + same)}
        selector = site.parsed(here).selector
        if set(selector) != {"fr", "ar"}:
            problems.append(f"/{page}: selector offers {sorted(selector)}, not fr and ar")
            continue
        for lang, href in selector.items():
            target, _, problem = site.target(page, href)
            if problem or target != expected[lang]:
                problems.append(f"/{page}: {lang} -> {href!r}: {problem or '/' + str(target)}, "
                                f"expected /{expected[lang]}")
                continue
            # and back: the page reached offers this page in its own language
            back = site.parsed(target).selector.get("ar" if is_arabic(page) else "fr")
            if back is None or site.target(target.removesuffix("index.html"), back)[0] != here:
                problems.append(f"/{page}: {lang} page /{target} does not link back (href {back!r})")
    assert not problems, "\n".join(problems)
