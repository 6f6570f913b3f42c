"""The full report: the whole edition in reading order, as one document.

Edition, then each programme (objectives, activities and results, figures,
events, recommendations), then projects, partners and glossary. It is made
of the site's own templates (``programme.html``, ``project.html``,
``edition.html``, ``glossary.html``) rendered by a :class:`DocumentRenderer`,
whose links point inside the document (``#projet-glo-act``) instead of to
other pages, and whose fragments get their section ids prefixed and their
headings moved down, so that every id is unique and every link resolves
within the one document.

Used twice: the site's full-report page (one per language) and the PDF
(:mod:`snia.pdf`), which adds a cover and a table of contents. Nothing here
imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser

from markupsafe import Markup, escape

from . import i18n
from .model import Content, Text, objective_slug
from .links import DocumentLinks, site_address  # noqa: F401 (site_address: re-exported)
from .render import PageState, Renderer, inline


def DocumentRenderer(content: Content, lang: str, page_url: str = "") -> Renderer:
    """A renderer whose links are anchors in the single full-report document
    (files it links, such as a chart's CSV, stay relative to ``page_url``)."""
    return Renderer(content, lang, page_url, links=DocumentLinks(lang, page_url, content))


_ID = re.compile(r'\s(id|aria-labelledby|aria-describedby)="([^"]+)"')
_HREF = re.compile(r'\shref="#([^"]+)"')
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_URL_REF = re.compile(r"url\(#([^)\"']+)\)")


def scope(html: str, prefix: str, keep: set[str], shift: int) -> Markup:
    """A fragment made to live inside the document: its own ids (those not in
    ``keep``) prefixed, with the links and labels that name them, and its
    headings ``shift`` levels down (at most ``h6``).

    ``html`` is a fragment the autoescaped templates made: attribute values
    hold no quote, so these patterns see every attribute whole."""
    local = {m.group(2) for m in _ID.finditer(html) if m.group(1) == "id"} - keep

    def ids(m):
        value = " ".join(prefix + v if v in local else v for v in m.group(2).split())
        return f' {m.group(1)}="{value}"'

    html = _ID.sub(ids, html)
    html = _HREF.sub(lambda m: f' href="#{prefix + m.group(1) if m.group(1) in local else m.group(1)}"', html)
    # SVG paint references (a chart's hatching pattern): fill="url(#id)"
    html = _URL_REF.sub(lambda m: f'url(#{prefix + m.group(1) if m.group(1) in local else m.group(1)})', html)
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", html)
    return Markup(html)


def global_ids(content: Content) -> set[str]:
    """Ids that name one thing of the content wherever they appear (activities,
    figures, events, recommendations, objectives): kept as they are in the
    programmes, where each is defined once."""
    out: set[str] = set()
    for _, act in content.activities():
        out |= {act.id, f"{act.id}-titre", f"{act.id}-groupe"}
    out |= {f.id for _, f in content.figures()} | {e.id for _, e in content.events()}
    for prog in content.programmes.values():
        out |= {objective_slug(o.code) for o in prog.data.objectives}
        out |= {r.id for rs in prog.data.recommendations for r in rs.items}
    return out


def _text(value: Text | None, lang: str) -> str | None:
    return None if value is None else (value.get(lang) or value.fr)


def citation(content: Content, lang: str) -> str:
    """How to cite the report, from the edition's fields only: what the
    content does not state is said to be not stated, never filled in."""
    ed = content.edition
    sep = i18n.ui("colon", lang)
    title = _text(ed.title, lang)
    stop = ". " if lang == "fr" else ". "
    quoted = f"« {title} »" if lang == "fr" else f"«{title}»"
    who = _text(ed.publisher, lang) or i18n.ui("cite_publisher_unknown", lang)
    when = (i18n.date(ed.publication_date, lang) if ed.publication_date
            else i18n.ui("cite_date_unknown", lang))
    licence = _text(ed.licence, lang) or i18n.ui("licence_not_stated", lang)
    parts = [quoted, f"{i18n.ui('edition', lang)} {ed.year}",
             f"{who}{i18n.ui('list_sep', lang)}{when}", f"{i18n.ui('licence', lang)}{sep}{licence}"]
    address = ed.source_url or site_address()
    if address:
        parts.append(address)
    return stop.join(parts) + "."


@dataclass
class Report:
    """The rendered document: its body and its headings (for the TOC and the
    PDF outline)."""

    body: Markup
    fallbacks: int
    drafts: int

    @cached_property
    def headings(self) -> list[tuple[int, str, str]]:
        """(level, id, text), in order: read from the body when asked (the
        PDF's contents and outline; the site's page does not need them)."""
        return headings(str(self.body))


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[list] = []
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._open = [int(tag[1]), dict(attrs).get("id"), ""]

    def handle_endtag(self, tag):
        if self._open is not None and re.fullmatch(r"h[1-6]", tag):
            self._open[2] = " ".join(self._open[2].split())
            self.found.append(self._open)
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data


def headings(html: str, *, all_: bool = False) -> list[tuple[int, str | None, str]]:
    """The headings of a document, in order: (level, id, text); only those
    with an id unless ``all_``."""
    parser = _Headings()
    parser.feed(html)
    return [(lvl, hid, text) for lvl, hid, text in parser.found if hid or all_]


def render_report(content: Content, lang: str, *, top: int = 2, print_version: bool = False,
                  page_url: str = "") -> Report:
    """The whole edition in reading order; its sections are ``h{top}``.
    ``page_url`` is the page it is shown on (links to files outside the
    document, such as a chart's CSV, are relative to it)."""
    r = DocumentRenderer(content, lang, page_url)
    keep = global_ids(content)
    shift = top - 1  # the entity templates' sections are h2
    programmes = [
        (pid, prog, scope(r.render("programme.html", prog=prog), f"programme-{pid}-", keep, shift))
        for pid, prog in content.programmes.items()
    ]
    projects = [
        (jid, proj, scope(r.render("project.html", project=proj), f"projet-{jid}-", set(), shift + 1))
        for jid, proj in content.projects.items()
    ]
    glossary = scope(r.render("glossary.html"), "glossaire-",
                     {e.id for e in content.glossary.entries}, shift)
    body = r.render(
        "full_report.html",
        top=top,
        edition=r.render("edition.html"),
        programmes=programmes,
        projects=projects,
        glossary=glossary,
        cite=citation(content, lang),
        print_version=print_version,
    )
    return Report(body, r.state.fallbacks, r.state.drafts)


def render_page(content: Content, lang: str, page_url: str, pdfs: dict | None = None) -> Markup:
    """The site's full-report page body (its h1 is the page's own title): a
    link to the PDF of this language when it is built, then the report."""
    from .opendata import PDF_FOLDER, pdf_name

    rep = render_report(content, lang, top=2, page_url=page_url)
    # marks: the page shows one notice for all it holds (pages.place_notice)
    notices = Renderer(content, lang, page_url, PageState(rep.fallbacks, rep.drafts)).marks()
    renderer = Renderer(content, lang, page_url)
    name = pdf_name(content, lang)
    pdf = renderer.file(f"{PDF_FOLDER}/{name}") if name in (pdfs or {}) else None
    links = renderer.render("full_report_links.html", pdf=pdf, pdf_name=name,
                            downloads=renderer.url("downloads"))
    return inline().page(notices, links + rep.body, " snia-report")
