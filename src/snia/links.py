"""How each output links: the seam between the loaded content and the
places it is published.

Every output asks its renderer (``Renderer.url``, ``Renderer.file``) for
the links it needs, and the renderer asks its :class:`Links`:

* :class:`PageLinks` — a page of the site: links relative to that page
  (``../../projets/glo-act/``), so the site works wherever it is served;
* :class:`DocumentLinks` — a single document (the full-report page, the
  PDF): anchors inside it (``#projet-glo-act``), ``None`` for a page the
  document does not hold;
* :class:`AbsoluteLinks` — a file read away from the site (a data export):
  absolute addresses below the site's public address (``SNIA_SITE_URL``).

A target is named by kind and id (``url('project', 'glo-act')``), by page
(``url('downloads')``) or, for a file published beside the site (open data,
chart CSVs, PDFs), by its path from the French site's root
(``file('donnees/snia.csv')``): both languages link to the one copy.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass

from .kinds import KINDS
from .model import Content, objective_slug

# The site's own pages (directory URLs from the root of a language's site).
PAGES = {
    "home": "",
    "programmes": "programmes/",
    "partners": "partenaires/",
    "projects": "projets/",
    "objectives": "objectifs/",
    "recommendations": "recommandations/",
    "figures": "chiffres-cles/",
    "timeline": "chronologie/",
    "glossary": "glossaire/",
    "about": "a-propos/",
    "downloads": "telechargements/",
    "full_report": "rapport-complet/",
}


def relative_url(target: str, current: str) -> str:
    """Link from the page at ``current`` (``programmes/09/``) to ``target``.

    Both are directory URLs relative to the site root (``""`` is the home page).
    """
    path, _, anchor = target.partition("#")
    if path == current:
        rel = ""
    else:
        rel = posixpath.relpath("/" + path, "/" + current)
        if path.endswith("/") or not path:
            rel += "/"
    if anchor:
        return f"{rel}#{anchor}"
    return rel or "./"


def site_path(kind: str, ident: str | None = None, anchor: str | None = None,
              lang: str = "fr") -> str:
    """Where a target is in a language's site: ``projets/glo-act/#a``."""
    if ident is None:
        target = PAGES[kind]
    elif kind in KINDS:
        target = KINDS[kind].path(ident, lang)
    elif kind == "objective":
        return PAGES["objectives"] + "#" + objective_slug(ident)
    else:
        raise KeyError(kind)
    return target + ("#" + anchor if anchor else "")


def site_address() -> str | None:
    """The site's public address, when the build is given one (``SNIA_SITE_URL``)."""
    url = (os.environ.get("SNIA_SITE_URL") or "").strip()
    return url if url.startswith("https://") else None


class Links:
    """What every output's links answer: a target (``url``) and a published file (``file``)."""

    lang: str

    def url(self, kind: str, ident: str | None = None, anchor: str | None = None) -> str | None:
        raise NotImplementedError

    def file(self, path: str) -> str:
        raise NotImplementedError


@dataclass
class PageLinks(Links):
    """Links from one page of a language's site, relative to it."""

    lang: str
    page_url: str = ""

    def url(self, kind, ident=None, anchor=None):
        return relative_url(site_path(kind, ident, anchor, self.lang), self.page_url)

    def file(self, path: str) -> str:
        # files are published once, in the French site's root (Arabic is ar/)
        here = ("ar/" if self.lang != "fr" else "") + self.page_url
        return posixpath.relpath("/" + path, "/" + here)

    def french(self) -> str:
        """From an Arabic page (``ar/<page_url>``), the same page in French."""
        depth = len([p for p in self.page_url.split("/") if p])
        return "../" * (depth + 1) + self.page_url


@dataclass
class DocumentLinks(PageLinks):
    """Links inside the one document that holds the whole edition (the
    full-report page of ``page_url``, the PDF); files stay relative to the page."""

    content: Content | None = None

    def url(self, kind, ident=None, anchor=None):
        if ident is None:
            first = next(iter(self.content.programmes), "") if self.content is not None else ""
            target = {"programmes": "programme-" + first,
                      "partners": "partenaires", "projects": "projets", "glossary": "glossaire",
                      "home": "edition", "full_report": "edition"}.get(kind)
            if target is None:
                return None  # a page the document does not hold (Downloads...): no link
            return "#" + (anchor or target)
        if kind == "programme":
            return "#" + (anchor or f"programme-{ident}")
        if kind == "project":
            return f"#projet-{ident}" + (f"-{anchor}" if anchor else "")
        if kind == "partner":
            return f"#partenaire-{ident}"
        if kind == "objective":
            return "#" + objective_slug(ident)
        if kind in KINDS:
            return None  # a kind the document does not hold
        raise KeyError(kind)


@dataclass
class AbsoluteLinks(Links):
    """Absolute addresses below the site's public address (data exports)."""

    lang: str
    base: str  # "https://example.org/rapport/"

    def url(self, kind, ident=None, anchor=None):
        root = self.base.rstrip("/") + "/" + ("ar/" if self.lang != "fr" else "")
        return root + site_path(kind, ident, anchor, self.lang)

    def file(self, path: str) -> str:
        return self.base.rstrip("/") + "/" + path
