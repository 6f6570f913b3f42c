"""Render the content into HTML fragments through autoescaped Jinja templates.

The templates in ``templates/`` own all markup. Every string that comes from
YAML reaches them as data and is escaped on output: markup and ``{{ }}`` in
content come out as text. Only this module builds :class:`Markup`, and only
from escaped pieces.

A :class:`Renderer` renders for one language and one page (its URL, so that
links are relative and work wherever the site is served).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup, escape

from . import home, i18n, jinjacache
from .kinds import KINDS
from .links import PAGES, Links, PageLinks, relative_url  # noqa: F401 (PAGES, relative_url: re-exported)
from .model import Content, Text, objective_slug
from .pagemeta import mark

# --------------------------------------------------------------------------
# URLs: each output's links (snia.links); the kinds' page sections (snia.kinds)



def entity_path(kind: str, ident: str) -> str:
    """The site path (directory URL) of an entity's page: ``projets/glo-act/``."""
    return KINDS[kind].path(ident)


# --------------------------------------------------------------------------
# Arabic text: isolate Latin runs and numbers so punctuation does not jump

_LATIN = r"[A-Za-z\u00C0-\u024F]"
_RUN = re.compile(
    rf"(?:{_LATIN}|\d)(?:[A-Za-z\u00C0-\u024F0-9%]|[.’'/&:+,\-–](?=[A-Za-z\u00C0-\u024F0-9])"
    rf"|\s+(?=(?:{_LATIN}|\d)))*%?"
)


def isolate(text: str) -> Markup:
    """Escape ``text`` and wrap its Latin words and numbers in ``<bdi>``.

    In a right-to-left paragraph, ``GLO.ACT,`` or ``(OSP 17)`` would otherwise
    have their punctuation reordered by the bidirectional algorithm.
    """
    out: list[str] = []
    last = 0
    for m in _RUN.finditer(text):
        out.append(str(escape(text[last : m.start()])))
        out.append(f'<bdi dir="ltr">{escape(m.group(0))}</bdi>')
        last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


# --------------------------------------------------------------------------


@dataclass
class PageState:
    """What rendering one page found out: texts shown in French in Arabic
    pages, and translations that are still drafts."""

    fallbacks: int = 0
    drafts: int = 0


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """One environment for every page, so that each template is compiled once.

    Its filters and functions act for the renderer of the template's own
    context (``renderer``: the page's language and links); page data (``c``,
    ``idx``, ``lang``, ``dir``) comes in that context too, and templates
    import macros ``with context``.
    """
    env = Environment(
        loader=PackageLoader("snia", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.do"],
        bytecode_cache=jinjacache.SHARED,  # compiled once, not at every build
        # a template is read once a process, not checked on disk at each use
        # (a stat a call of inline()); make serve forgets them at each save
        auto_reload=False,
    )
    def now(method: str):
        """A callable acting for the renderer of the template context (pass_context
        also keeps Jinja from evaluating it at compile time on constant arguments)."""
        return pass_context(lambda ctx, *args, **kwargs: getattr(ctx["renderer"], method)(*args, **kwargs))

    env.filters.update(
        t=now("text"),
        num=now("number"),
        pct=now("percent"),
        date=now("date"),
        period=now("period"),
        when=now("when"),
        bidi=now("bidi"),
        in_date_order=i18n.in_date_order,
    )
    env.globals.update(
        ui=now("ui"),
        url=now("url"),
        amount=now("amount"),
        date_range=now("date_range"),
        figure_value=now("figure_value"),
        stated=now("stated"),
        objective_slug=objective_slug,
        # charts (snia.charts, templates/charts/)
        chart_views=now("chart_views"),
        edition_timeline=now("edition_timeline"),
        chart_csv=now("chart_csv"),
        # the home page's bounded choice of key figures and charts (snia.home)
        headline_figures=home.headline_figures,
        headline_charts=home.headline_charts,
        programmes_as_links=home.programmes_as_links,
    )
    return env


def forget_templates() -> None:
    """Read the templates again at their next use (``make serve``, after a save)."""
    _environment.cache_clear()


def inline():
    """The macros of ``_inline.html``: the markup around one value."""
    return _environment().get_template("_inline.html").module


@dataclass
class Renderer:
    content: Content
    lang: str
    page_url: str = ""
    state: PageState = field(default_factory=PageState)
    # how this output links (snia.links): relative to page_url by default
    links: Links | None = None

    def __post_init__(self):
        if self.links is None:
            self.links = PageLinks(self.lang, self.page_url)

    # -- filters -------------------------------------------------------------

    def number(self, value) -> str:
        return i18n.number(value, self.lang)

    def percent(self, value) -> str:
        return i18n.percent(value, self.lang)

    def date(self, value: str) -> str:
        return i18n.date(value, self.lang)

    def period(self, value: str) -> str:
        return i18n.period(value, self.lang)

    def date_range(self, start: str, end: str | None = None) -> Markup:
        return self._unbroken(i18n.date_range(start, end, self.lang))

    def when(self, value: str | None) -> Markup:
        """A date, a month, a year or a span of years, formatted by what it is,
        never split across lines and isolated inside Arabic text."""
        if value is None:
            return self.text(None)
        return self._unbroken(i18n.when(value, self.lang))

    def _unbroken(self, text: str) -> Markup:
        return inline().when(isolate(text) if self.lang == "ar" else text, self.lang)

    def ui(self, key: str, **values) -> Markup:
        """An interface label; the values put into it are isolated in Arabic
        (``الأنشطة والنتائج 2017–2018`` must not read 2018–2017)."""
        label = escape(i18n.ui_strings()[key][self.lang])
        if not values:
            return label
        return label.format(**{k: v if isinstance(v, Markup) else self.bidi(v) for k, v in values.items()})

    def bidi(self, value: Any) -> Markup:
        """A plain string (a number, a code, a name) inside text of this language."""
        s = str(value)
        return isolate(s) if self.lang == "ar" else escape(s)

    def text(self, value: Text | None, *, block: bool = False) -> Markup:
        """A bilingual text in this page's language.

        Arabic pages show a missing translation as the French text, marked
        ``lang="fr" dir="ltr"`` (the page then carries a notice in Arabic).
        """
        if value is None:
            return inline().unknown(i18n.ui("unknown", self.lang))
        if self.lang == "fr":
            return escape(value.fr)
        if value.ar is None:
            self.state.fallbacks += 1
            return inline().fallback(value.fr)
        if value.ar_status != "reviewed":
            self.state.drafts += 1
        return isolate(value.ar)

    def stated(self, value: Text | None) -> Markup:
        """A publication detail: the text, or "not stated" when content/ does not give it."""
        if value is None:
            return inline().unknown(i18n.ui("not_stated", self.lang))
        return self.text(value)

    def amount(self, amount) -> Markup:
        if amount is None:
            return self.text(None)
        shown = self.bidi(i18n.amount(amount.value, amount.currency, self.lang))
        if amount.currency is None:
            return inline().unknown_currency(shown, i18n.ui("currency_unknown", self.lang))
        return shown

    def figure_value(self, fig) -> Markup:
        if fig.unit == "percent":
            value = i18n.percent(fig.value, self.lang)
        else:
            value = i18n.number(fig.value, self.lang)
        if fig.of is not None:
            value = i18n.ui("of_total", self.lang, value=value, total=i18n.number(fig.of, self.lang))
        return self.bidi(value)

    def url(self, kind: str, ident: str | None = None, anchor: str | None = None) -> str | None:
        """A link to a page or an entry, as this output links (snia.links)."""
        return self.links.url(kind, ident, anchor)

    def file(self, path: str) -> str:
        """A link to a file published beside the site (path from its root)."""
        return self.links.file(path)

    # -- charts (snia.charts) --------------------------------------------------

    def chart_views(self, programme=None, key_only: bool = False) -> list:
        from . import charts

        return charts.declared(self.content, self.lang, programme=programme, key_only=key_only)

    def edition_timeline(self):
        from . import charts

        return charts.edition_timeline(self.content, self.lang)

    def chart_csv(self, chart_id: str) -> str:
        from . import charts

        return self.file(charts.csv_path(chart_id))

    # -- rendering -----------------------------------------------------------

    def render(self, template: str, **context) -> Markup:
        html = _environment().get_template(template).render(
            renderer=self,
            c=self.content,
            idx=self.index if self.content is not None else None,
            lang=self.lang,
            dir=i18n.DIRECTION[self.lang],
            **context,
        )
        return Markup(html.strip())

    def page(self, template: str, **context) -> Markup:
        """A whole page body: the fragment, under the notices it calls for."""
        return self.wrap(self.render(template, **context))

    def wrap(self, body: Markup, extra_class: str = "") -> Markup:
        """A page body in the page wrapper, with the marks of what rendering
        it found (the page shows one notice for all its fragments:
        pages.single_notice)."""
        return inline().page(self.marks(), body, extra_class)

    def marks(self) -> Markup:
        if self.lang != "ar":
            return Markup("")
        return Markup(mark(self.state.fallbacks > 0, self.state.drafts > 0))

    @cached_property
    def index(self) -> "Index":
        return index_for(self.content)


# --------------------------------------------------------------------------
# Reverse look-ups: where is each partner, project... mentioned


_indexes: dict[int, tuple[Content, "Index"]] = {}


def index_for(content: Content) -> "Index":
    """The reverse look-ups of one loaded content tree, made once: a
    Renderer is made for each page and fragment, and an index per Renderer
    walked the whole content for every page (quadratic as content grows)."""
    hit = _indexes.get(id(content))
    if hit is None or hit[0] is not content:
        if len(_indexes) >= 4:
            _indexes.clear()
        hit = _indexes[id(content)] = (content, Index(content))
    return hit[1]


class Index:
    def __init__(self, content: Content):
        self.content = content
        self.partner_projects: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.partner_activities: dict[str, list] = defaultdict(list)
        self.partner_events: dict[str, list] = defaultdict(list)
        self.project_activities: dict[str, list] = defaultdict(list)
        self.project_events: dict[str, list] = defaultdict(list)
        self.project_children: dict[str, list[str]] = defaultdict(list)
        self.programme_projects: dict[int, list[str]] = defaultdict(list)
        self.partner_children: dict[str, list[str]] = defaultdict(list)
        for pid, part in content.partners.items():
            if part.data.parent:
                self.partner_children[part.data.parent].append(pid)
        for jid, proj in content.projects.items():
            for role in ("funders", "implementers", "partners"):
                for pid in getattr(proj.data, role):
                    self.partner_projects[pid].append((jid, role))
            if proj.data.parent:
                self.project_children[proj.data.parent].append(jid)
            self.programme_projects[proj.data.programme].append(jid)
        for prog, act in content.activities():
            for pid in act.partners:
                self.partner_activities[pid].append((prog, act))
            for jid in act.projects:
                self.project_activities[jid].append((prog, act))
        for prog, ev in content.events():
            for pid in ev.partners:
                self.partner_events[pid].append((prog, ev))
            for jid in ev.projects:
                self.project_events[jid].append((prog, ev))

    def programme_by_number(self, number: int):
        return next((p for p in self.content.programmes.values() if p.data.number == number), None)

    def programme_partners(self, prog) -> list[str]:
        ids: list[str] = []
        for act in prog.data.activities:
            ids += act.partners
        for jid in self.programme_projects.get(prog.data.number, []):
            d = self.content.projects[jid].data
            ids += d.funders + d.implementers + d.partners
        return sorted(set(ids), key=lambda i: self.content.partners[i].data.name.fr.lower())

    def events_sorted(self) -> list:
        return i18n.in_date_order(self.content.events(), lambda pe: pe[1])

    def glossary(self, kind: str, lang: str) -> list:
        """Glossary entries of a kind, in the alphabetical order of the
        language the page shows them in."""
        def shown(e) -> str:
            if e.acronym:
                return e.acronym
            return e.term.get(lang) or e.term.fr
        entries = [e for e in self.content.glossary.entries if e.kind == kind]
        return sorted(entries, key=lambda e: (i18n.collation_key(shown(e), lang), e.id))

    def key_figure_groups(self, prog) -> list[tuple[Any, list]]:
        """A programme's key figures by the objective of the activity that
        reports them, in the programme's order of objectives (figures no
        activity places under an objective come last, in a group of their own)."""
        where: dict[str, str] = {}
        for act in prog.data.activities:
            for fid in act.figures:
                if act.objective:
                    where.setdefault(fid, act.objective)
        groups: list[tuple[Any, list]] = []
        for obj in prog.data.objectives:
            figs = [f for f in prog.data.figures if f.key and where.get(f.id) == obj.code]
            if figs:
                groups.append((obj, figs))
        loose = [f for f in prog.data.figures if f.key and f.id not in where]
        if loose:
            groups.append((None, loose))
        return groups

    def objective_activities(self, prog, code) -> list:
        return [a for a in prog.data.activities if a.objective == code]

    def groups(self, activities: Iterable) -> list[tuple[Any, list]]:
        """Consecutive activities under the same report sub-heading."""
        out: list[tuple[Any, list]] = []
        for act in activities:
            if out and out[-1][0] == act.group:
                out[-1][1].append(act)
            else:
                out.append((act.group, [act]))
        return out
