"""Charts drawn from the content at build time, as inline SVG.

The content says what makes a chart (``charts:`` in a programme file, see
:class:`snia.model.Chart`): which figures, project amounts or events, and how
they relate (``part-of-total``, ``shares``, ``comparison``, ``timeline``).
This module checks that they fit together (:func:`check`), computes every
chart's geometry and text in Python (:func:`build`, :func:`edition_timeline`)
and writes its data as CSV (:func:`csv_bytes`). The markup is in
``templates/charts/`` (autoescaped Jinja).

Why hand-computed geometry in small Jinja SVG templates rather than a library
(matplotlib, pygal, Vega-Lite converted at build time):

* right-to-left: Arabic charts are mirrored (bars grow from the right, the
  baseline and the value axis stand on the right, time flows right to left)
  and every text is an SVG ``<text>`` with ``direction="rtl"`` and its Latin
  runs isolated. The libraries tried lay text out left-to-right and write
  paths for glyphs or anchor labels at fixed sides; mirroring them means
  post-processing their output.
* accessibility: each chart is ``role="img"`` named by its visible title and
  described by a sentence generated from the data; its numbers are the
  content's numbers formatted by Babel (``fr_MA``, ``ar_MA``), not a
  library's tick formatter; colour is never the only cue (direct labels,
  a hatch pattern for the rest of a total).
* safety and reproducibility: every text from YAML reaches the SVG through
  autoescape (``<script>`` and ``{{ 7*7 }}`` come out as text); no
  dependency, no font measurement, the same content gives the same bytes.

Text width is estimated (no font at build time), so labels are wrapped with
a margin; the SVG scales with its column (``viewBox``).
"""

from __future__ import annotations

import calendar
import csv
import io
import math
import re
from dataclasses import dataclass, field
from typing import Any

from . import i18n, opendata
from .memo import per_content
from .model import Chart, Content, Event, Figure
from .yamlsafe import Document, Problem, field_name

# Where each chart's data is published: beside the open data (snia.opendata,
# one stable folder of the French site, the same files linked from both
# languages). The one place that names it.
CSV_FOLDER = f"{opendata.FOLDER}/graphiques/"


def csv_path(chart_id: str) -> str:
    """The chart's CSV, as a path below the site root."""
    return f"{CSV_FOLDER}{chart_id}.csv"


def csv_href(chart_id: str, lang: str, page_url: str) -> str:
    """The link to a chart's CSV from a page of either language: the file is
    published once, in the French site's root (the Arabic site is ``ar/``)."""
    from .links import PageLinks

    return PageLinks(lang, page_url).file(csv_path(chart_id))


# The SVG elements and attributes the chart templates write: what the build's
# sanitiser of narrative pages (snia.narrative.sanitise_html) lets through, so
# that charts included by a narrative page's macro survive it. No element that
# links, animates or embeds (a, use, animate, set, foreignObject, image).
SVG_TAGS = frozenset({"svg", "title", "desc", "defs", "pattern", "rect", "line", "circle", "text"})
SVG_ATTRS = frozenset({
    "viewBox", "direction", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "fill",
    "font-size", "text-anchor", "patternUnits", "patternTransform",
})


# The id of the edition-wide timeline (the timeline page); no declared chart may take it.
EDITION_TIMELINE = "chronologie"


# --------------------------------------------------------------------------
# Checking what the content declares


UNIT_FR = {"count": "nombre", "percent": "pourcentage"}


def check(content: Content, docs: dict[str, Document],
          present_projects: frozenset[str] | set[str] = frozenset()) -> list[Problem]:
    """Every chart whose parts do not fit together, as ``file:line:col``
    problems in French (the editors' language). ``present_projects``: ids of
    project files found but invalid, already reported once by the loader."""
    problems: list[Problem] = []
    figures: dict[str, Figure] = {f.id: f for _, f in content.figures()}
    events: dict[str, Event] = {e.id: e for _, e in content.events()}
    seen: dict[str, str] = {}

    for prog in content.programmes.values():
        path = prog.path
        doc = docs.get(path)
        if doc is None:
            continue

        for i, ch in enumerate(prog.data.charts):
            base = ("charts", i)

            def at(loc: tuple, message: str, *, key: bool = False):
                full = base + loc
                problems.append(Problem(doc.locate(full, key=key), field_name(full), message))

            name = f"graphique `{ch.id}`"
            if ch.id in seen:
                at(("id",), f"l’identifiant `{ch.id}` est déjà celui d’un graphique de "
                   f"{seen[ch.id]} : choisissez-en un autre")
            seen.setdefault(ch.id, path)
            if ch.id == EDITION_TIMELINE:
                at(("id",), f"`{EDITION_TIMELINE}` est réservé à la chronologie de l’édition : "
                   "choisissez un autre identifiant")

            # fields that the kind does not use
            unused = {
                "part-of-total": ("amounts", "events"),
                "shares": ("total", "amounts", "events"),
                "comparison": ("total", "events"),
                "timeline": ("figures", "total", "amounts"),
            }[ch.kind]
            for fld in unused:
                if getattr(ch, fld):
                    at((fld,), f"un graphique `{ch.kind}` n’utilise pas `{fld}` : retirez ce "
                       f"champ ou changez `kind`", key=True)

            figs: list[tuple[int, Figure]] = []
            for j, ref in enumerate(ch.figures):
                if ref not in figures:
                    at(("figures", j), f"chiffre inconnu `{ref}` : ce doit être l’identifiant "
                       "d’un chiffre déclaré sous `figures:` dans un fichier de programme")
                elif ch.kind != "timeline":
                    figs.append((j, figures[ref]))
            for j, ref in enumerate(ch.events):
                if ref not in events:
                    at(("events", j), f"événement inconnu `{ref}` : ce doit être l’identifiant "
                       "d’un événement déclaré sous `events:`")
            amounts = []
            pending = 0  # amounts of project files with errors: counted, not drawn
            for j, ref in enumerate(ch.amounts):
                proj = content.projects.get(ref)
                if proj is None and ref in present_projects:
                    pending += 1  # its file has errors of its own, reported there
                    continue
                if proj is None:
                    at(("amounts", j), f"projet inconnu `{ref}` : ce doit être le nom d’un "
                       "fichier de content/projects/ (sans .yml)")
                elif proj.data.amount is None:
                    at(("amounts", j), f"le projet `{ref}` n’a pas de montant (`amount:`) : "
                       "retirez-le du graphique ou ajoutez le montant que donne le rapport")
                elif ch.kind == "comparison":
                    amounts.append((j, ref, proj.data.amount))

            def of_unit(unit: str, none_hint: str, other_hint: str) -> list:
                """The chart's figures of ``unit``: an empty chart, and each
                figure of another unit, reported (part-of-total, shares)."""
                if not ch.figures:
                    at(("kind",), f"le {name} n’a aucun chiffre : {none_hint}")
                kept = []
                for j, fig in figs:
                    if fig.unit != unit:
                        at(("figures", j), f"`{fig.id}` est un {UNIT_FR[fig.unit]} et non un "
                           f"{other_hint}")
                    else:
                        kept.append((j, fig))
                return kept

            if ch.kind == "part-of-total":
                total = None
                if ch.total is not None:
                    total = figures.get(ch.total)
                    if total is None:
                        at(("total",), f"chiffre inconnu `{ch.total}` pour le total du {name}")
                    elif total.unit != "count":
                        at(("total",), f"le total `{total.id}` est un pourcentage : le total "
                           "d’un graphique `part-of-total` est un nombre")
                counts = of_unit("count", "ajoutez leurs identifiants sous `figures:`",
                                 "nombre : un graphique `part-of-total` ne montre que des nombres "
                                 "(des pourcentages vont dans un graphique `shares`)")
                for j, fig in counts:
                    whole = total.value if total is not None else fig.of
                    if whole is None:
                        at(("figures", j), f"`{fig.id}` n’a pas de total : donnez-lui `of:` ou "
                           "donnez au graphique `total:`")
                    elif total is not None and fig.of is not None and fig.of != total.value:
                        at(("figures", j), f"`{fig.id}` est sur un total de {fig.of} mais le "
                           f"total du graphique (`{total.id}`) vaut {total.value} : corrigez "
                           "l’un ou l’autre")
                    elif fig.value > whole:
                        at(("figures", j), f"`{fig.id}` ({fig.value}) dépasse son total "
                           f"({whole})")

            elif ch.kind == "shares":
                shares = of_unit("percent", "ajoutez des pourcentages sous `figures:`",
                                 "pourcentage : un graphique `shares` ne montre que des "
                                 "pourcentages (mettez-le dans un autre graphique)")
                for j, fig in shares:
                    if not 0 <= fig.value <= 100:
                        at(("figures", j), f"`{fig.id}` vaut {fig.value} % : une part est "
                           "comprise entre 0 et 100 %")

            elif ch.kind == "comparison":
                if figs and ch.amounts:
                    at(("amounts",), f"le {name} mêle des chiffres (`figures:`) et des montants "
                       "(`amounts:`) : ce ne sont pas les mêmes unités ; faites deux graphiques",
                       key=True)
                if figs:
                    first_j, first = figs[0]
                    for j, fig in figs[1:]:
                        if fig.unit != first.unit:
                            at(("figures", j), f"unités différentes : `{fig.id}` est un "
                               f"{UNIT_FR[fig.unit]}, `{first.id}` un {UNIT_FR[first.unit]} ; "
                               "un graphique ne compare que des valeurs de même unité : "
                               "faites deux graphiques")
                known = [(j, ref, a) for j, ref, a in amounts if a.currency is not None]
                if known:
                    _, ref0, a0 = known[0]
                    for j, ref, a in known[1:]:
                        if a.currency != a0.currency:
                            at(("amounts", j), f"devises différentes : `{ref}` est en "
                               f"{a.currency}, `{ref0}` en {a0.currency} ; un graphique ne "
                               "compare que des montants de même devise (aucune conversion "
                               "n’est faite)")
                elif amounts:
                    at(("amounts",), f"aucun montant du {name} n’a de devise connue : il n’y "
                       "a rien à dessiner (un montant sans devise n’est jamais deviné)", key=True)
                drawn = len(figs) + len(known)
                if drawn + (len(amounts) - len(known)) + pending < 2:
                    at(("kind",), f"le {name} compare moins de deux valeurs : ajoutez-en ou "
                       "choisissez un autre `kind`")
    return problems


# --------------------------------------------------------------------------
# Geometry (viewBox units) and text


WIDTH = 340  # viewBox width; the SVG scales to its column (about 1:1 on a phone)
PAD = 8
# type sizes (SVG units, about px on a phone) per language: Noto Naskh
# Arabic reads smaller than the Latin sans-serif at the same size
TYPE = {
    "fr": {"label": 15, "value": 17, "tick": 12, "mark": 12, "line": 19},
    "ar": {"label": 17, "value": 18, "tick": 13, "mark": 13, "line": 26},
}
FONT = TYPE["fr"]["label"]
BAR = 18
GAP = 14
# estimated average advance of a character, in em: the system sans-serif for
# French, Noto Naskh Arabic (narrower letters, joined) for Arabic
CHAR_EM = {"fr": 0.54, "ar": 0.42}


def _estimate(text: str, size: float, lang: str) -> float:
    return len(text) * size * CHAR_EM[lang]


def wrap(text: str, size: float, width: float, lang: str = "fr") -> list[str]:
    """Greedy word wrap by estimated width (never splits a word)."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for w in words:
        trial = f"{current} {w}" if current else w
        if current and _estimate(trial, size, lang) > width:
            lines.append(current)
            current = w
        else:
            current = trial
    if current:
        lines.append(current)
    return lines or [""]


# Latin words and numbers, as render.isolate wraps them in <bdi> in HTML
from .render import _RUN  # noqa: E402


@dataclass(frozen=True)
class Run:
    text: str
    ltr: bool = False  # a Latin run inside Arabic text: isolated, left to right


LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate ... pop directional isolate


def runs(text: str, lang: str) -> list[Run]:
    """Arabic text split so that its Latin words (acronyms, names) and its
    numbers are isolated left-to-right runs, as in the page's HTML: without
    it Chromium draws ``40%`` as ``%40`` in an Arabic SVG text while the
    caption above shows ``40%``.

    An isolated run is written between the Unicode isolate marks LRI and PDI
    (what ``<bdi dir="ltr">`` does in HTML): measured in Chromium, a
    ``<tspan direction="ltr">`` made a text that is only Latin ("GLO.ACT")
    ignore its ``text-anchor`` and overflow the chart."""
    if lang != "ar":
        return [Run(text)]
    out: list[Run] = []
    last = 0
    for m in _RUN.finditer(text):
        if m.start() > last:
            out.append(Run(text[last : m.start()]))
        out.append(Run(LRI + m.group(0) + PDI, True))
        last = m.end()
    if last < len(text):
        out.append(Run(text[last:]))
    return out


@dataclass
class TextLine:
    x: float
    y: float
    runs: list[Run]
    cls: str = ""
    anchor: str = "start"  # start = the reading start: left in French, right in Arabic
    size: float = 12


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    cls: str
    value: Any = None  # the raw number it draws (data-value)
    item: str = ""


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    cls: str


@dataclass
class Circle:
    cx: float
    cy: float
    r: float
    cls: str
    item: str = ""


@dataclass
class Row:
    """One row of a chart's data table (already formatted for the language)."""

    cells: list[Any]
    drawn: bool = True
    link: tuple[str, str] | None = None  # (kind, id) of a page the row links to
    anchor: str | None = None  # ...and the anchor on it
    link_col: int = 0  # the cell that carries the link


@dataclass
class ChartView:
    """Everything the template needs to draw one chart in one language."""

    id: str
    kind: str
    lang: str
    direction: str
    title: str
    description: str
    height: float
    width: float = WIDTH
    texts: list[TextLine] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    circles: list[Circle] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (swatch class, text)
    csv: str = ""
    programme: Any = None


def _ui(key: str, lang: str, **values) -> str:
    return i18n.ui(key, lang, **values)


def _text(t, lang: str) -> str:
    if t is None:
        return _ui("unknown", lang)
    return t.get(lang) or t.fr


def _mirror(lang: str):
    """Logical x (distance from the reading start) to physical x, for a
    segment of width ``w`` starting at ``d``."""
    rtl = lang == "ar"

    def x(d: float, w: float = 0.0) -> float:
        return round(WIDTH - PAD - d - w, 2) if rtl else round(PAD + d, 2)

    return x


def _start_x(lang: str) -> float:
    """Where labels start: just inside the baseline, on the reading-start side."""
    return WIDTH - PAD - 5 if lang == "ar" else PAD + 5


def _nice_max(value: float) -> tuple[float, list[float]]:
    """A round upper bound and 3-5 ticks from 0."""
    if value <= 0:
        return 1, [0, 1]
    exp = 10 ** math.floor(math.log10(value))
    for step in (0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        s = step * exp
        top = math.ceil(value / s) * s
        if top / s <= 5:
            ticks = [round(s * k, 6) for k in range(int(round(top / s)) + 1)]
            return top, ticks
    return value, [0, value]


def _num(value, lang: str) -> str:
    return i18n.number(value, lang)


def _pct(value, lang: str) -> str:
    return i18n.percent(value, lang)


def _fmt_when(value: str | None, lang: str) -> str:
    if value is None:
        return _ui("unknown", lang)
    if re.fullmatch(r"\d{4}-\d{4}", value):
        return i18n.period(value, lang)
    return i18n.date(value, lang)


@dataclass
class _Bar:
    ident: str
    label: str
    value: float
    total: float | None
    shown: str  # the value as a reader reads it
    when: str | None
    drawn: bool = True
    unit: str = "count"
    currency: str | None = None
    link: tuple[str, str] | None = None


def _bars(content: Content, ch: Chart, lang: str) -> tuple[list[_Bar], list[str]]:
    figures = {f.id: f for _, f in content.figures()}
    bars: list[_Bar] = []
    notes: list[str] = []
    if ch.kind == "part-of-total":
        total = figures.get(ch.total) if ch.total else None
        for ref in ch.figures:
            f = figures[ref]
            whole = total.value if total is not None else f.of
            share = f.value / whole * 100
            shown = _ui("chart_part_value", lang, value=_num(f.value, lang),
                        total=_num(whole, lang), share=_pct(round(share), lang))
            bars.append(_Bar(f.id, _text(f.label, lang), f.value, whole, shown, f.when))
    elif ch.kind == "shares":
        for ref in ch.figures:
            f = figures[ref]
            bars.append(_Bar(f.id, _text(f.label, lang), f.value, 100, _pct(f.value, lang),
                             f.when, unit="percent"))
    elif ch.kind == "comparison":
        for ref in ch.figures:
            f = figures[ref]
            shown = _pct(f.value, lang) if f.unit == "percent" else _num(f.value, lang)
            bars.append(_Bar(f.id, _text(f.label, lang), f.value, None, shown, f.when,
                             unit=f.unit))
        for ref in ch.amounts:
            proj = content.projects[ref]
            a = proj.data.amount
            shown = i18n.amount(a.value, a.currency, lang)
            when = proj.data.period
            bar = _Bar(ref, _text(proj.data.name, lang), a.value, None, shown, when,
                       drawn=a.currency is not None, unit="amount", currency=a.currency,
                       link=("project", ref))
            if not bar.drawn:
                notes.append(_ui("chart_not_drawn", lang, label=bar.label, value=shown,
                                 reason=_ui("currency_unknown", lang)))
            bars.append(bar)
    return bars, notes


def _description(ch: Chart, bars: list[_Bar], lang: str) -> str:
    drawn = [b for b in bars if b.drawn]
    if ch.kind == "part-of-total":
        top = max(drawn, key=lambda b: b.value / b.total)
        key = "chart_desc_part_one" if len(drawn) == 1 else "chart_desc_part"
        return _ui(key, lang, n=_num(len(drawn), lang), label=top.label, value=top.shown)
    if ch.kind == "shares":
        top = max(drawn, key=lambda b: b.value)
        key = "chart_desc_shares_one" if len(drawn) == 1 else "chart_desc_shares"
        return _ui(key, lang, n=_num(len(drawn), lang), label=top.label, value=top.shown)
    top = max(drawn, key=lambda b: b.value)
    low = min(drawn, key=lambda b: b.value)
    ratio = top.value / low.value if low.value else 0
    text = _ui("chart_desc_comparison", lang, n=_num(len(drawn), lang), label=top.label,
               value=top.shown, ratio=i18n.number(round(ratio, 1), lang), low=low.label,
               low_value=low.shown)
    missing = len(bars) - len(drawn)
    if missing:
        text += " " + _ui("chart_desc_not_drawn", lang, n=_num(missing, lang))
    return text


def build(content: Content, prog, ch: Chart, lang: str) -> ChartView:
    """The geometry and text of a declared chart, in one language."""
    if ch.kind == "timeline":
        events = [(prog, e) for e in prog.data.events if not ch.events or e.id in ch.events]
        return timeline(ch.id, _text(ch.title, lang), events, lang, programme=prog,
                        note=_text(ch.note, lang) if ch.note else None)
    bars, notes = _bars(content, ch, lang)
    if ch.note:
        notes.append(_text(ch.note, lang))
    x = _mirror(lang)
    sx = _start_x(lang)
    inner = WIDTH - 2 * PAD
    view = ChartView(ch.id, ch.kind, lang, i18n.DIRECTION[lang], _text(ch.title, lang),
                     _description(ch, bars, lang), 0, notes=notes, csv=csv_path(ch.id),
                     programme=prog)
    drawn = [b for b in bars if b.drawn]
    if ch.kind == "comparison":
        top, ticks = _nice_max(max(b.value for b in drawn))
    else:
        top, ticks = 100.0, [0, 25, 50, 75, 100]
    ty = TYPE[lang]
    y = PAD
    for b in drawn:
        y += ty["value"]
        view.texts.append(TextLine(sx, y, runs(b.shown, lang), "snia-chart-value",
                                   size=ty["value"]))
        for line in wrap(b.label, ty["label"], inner, lang):
            y += ty["line"]
            view.texts.append(TextLine(sx, y, runs(line, lang), "snia-chart-label",
                                       size=ty["label"]))
        y += 9 if lang == "ar" else 7
        if ch.kind == "comparison":
            w = round(b.value / top * inner, 2)
        else:
            w = round(b.value / b.total * inner, 2)
            if ch.kind == "part-of-total":
                # the rest of the total: hatched, so that the part is told from it
                # without colour
                view.rects.append(Rect(x(w, inner - w), y, round(inner - w, 2), BAR,
                                       "snia-chart-rest", b.total - b.value, b.ident))
            else:
                view.rects.append(Rect(x(0, inner), y, inner, BAR, "snia-chart-track", 100,
                                       b.ident))
        view.rects.append(Rect(x(0, w), y, w, BAR, "snia-chart-bar", b.value, b.ident))
        y += BAR + GAP
    # value axis: ticks along the bottom, zero on the reading-start side
    axis_y = y - GAP + 6
    view.lines.append(Line(x(0), PAD, x(0), axis_y, "snia-chart-baseline"))
    for t in ticks:
        tx = x(t / top * inner)
        view.lines.append(Line(tx, axis_y, tx, axis_y + 4, "snia-chart-tick"))
        if ch.kind == "comparison":
            label = _compact(t, drawn[0], lang)
        else:
            label = _pct(t, lang)
        anchor = "middle"
        if t == ticks[0]:
            anchor = "start"
        elif t == ticks[-1]:
            anchor = "end"
        view.texts.append(TextLine(tx, axis_y + 6 + ty["tick"], runs(label, lang),
                                   "snia-chart-tick-label", anchor, ty["tick"]))
    view.lines.append(Line(x(0), axis_y, x(inner), axis_y, "snia-chart-axis"))
    view.height = round(axis_y + 12 + ty["tick"], 2)
    if ch.kind == "part-of-total":
        view.legend = [("snia-chart-bar", _ui("chart_legend_part", lang)),
                       ("snia-chart-rest", _ui("chart_legend_rest", lang))]
    # data table
    if ch.kind == "comparison":
        view.columns = [_ui("col_what", lang), _ui("col_value", lang), _ui("col_when", lang)]
        for b in bars:
            cells = [b.label, b.shown if b.drawn else _ui("chart_value_not_drawn", lang,
                                                            value=b.shown,
                                                            reason=_ui("currency_unknown", lang)),
                     _fmt_when(b.when, lang)]
            view.rows.append(Row(cells, b.drawn, b.link))
    else:
        view.columns = [_ui("col_what", lang), _ui("col_value", lang), _ui("col_when", lang)]
        for b in bars:
            view.rows.append(Row([b.label, b.shown, _fmt_when(b.when, lang)]))
    return view


def _compact(value: float, bar: _Bar, lang: str) -> str:
    """A tick label: the number (in millions when large), with the unit."""
    if value == 0:
        return _num(0, lang)
    if bar.unit == "amount" and value >= 1_000_000:
        return _ui("chart_millions", lang, n=_num(value / 1_000_000, lang))
    if bar.unit == "percent":
        return _pct(value, lang)
    return _num(value, lang)


# --------------------------------------------------------------------------
# Timeline


def _precision(value: str) -> str:
    return {1: "year", 2: "month", 3: "day"}[len(value.split("-"))]


def _bounds(value: str) -> tuple[float, float]:
    """The span a partial date covers, in fractional months since year 0:
    a year covers its twelve months, a month its days, a day one day."""
    parts = [int(p) for p in value.split("-")]
    y = parts[0]
    if len(parts) == 1:
        return y * 12, y * 12 + 12
    m = parts[1]
    if len(parts) == 2:
        return y * 12 + m - 1, y * 12 + m
    days = calendar.monthrange(y, m)[1]
    d = parts[2]
    return y * 12 + m - 1 + (d - 1) / days, y * 12 + m - 1 + d / days


def timeline(ident: str, title: str, events: list, lang: str, *, programme=None,
             note: str | None = None) -> ChartView:
    """Events on a time axis: one segment per year that has events (twelve
    months wide when an event in it is dated to the month or the day, narrow
    when only to the year), a gap where years are skipped. Each event is a
    numbered mark: a dot for a day, a bar for a month, a range or a whole
    year (hatched: the report gives only the year)."""
    events = i18n.in_date_order(events, lambda pe: pe[1])
    x = _mirror(lang)
    inner = WIDTH - 2 * PAD
    # which years, and how wide
    detailed: set[int] = set()
    years: set[int] = set()
    for _, ev in events:
        a, b = int(ev.date[:4]), int((ev.end or ev.date)[:4])
        years.update(range(a, b + 1))
        for v in (ev.date, ev.end):
            if v and _precision(v) != "year":
                detailed.add(int(v[:4]))
        if ev.end and a != b:
            detailed.update(range(a, b + 1))
    # a year with many dated events gets twelve slots, one with one or two
    # gets six (its months are narrower: each year has its own ticks), a year
    # whose events are dated only to the year gets three
    dated: dict[int, int] = {}
    for _, ev in events:
        for v in (ev.date, ev.end):
            if v and _precision(v) != "year":
                dated[int(v[:4])] = dated.get(int(v[:4]), 0) + 1
    widths = {yv: (12 if dated.get(yv, 0) >= 3 else 6) if yv in detailed else 3 for yv in years}
    order = sorted(years)
    slots: list[tuple[str, int, float]] = []  # (kind, year, width in slots)
    for i, yv in enumerate(order):
        if i and yv != order[i - 1] + 1:
            slots.append(("gap", yv, 1.5))
        slots.append(("year", yv, widths[yv]))
    unit = inner / sum(s[2] for s in slots)
    starts: dict[int, float] = {}
    pos = 0.0
    segments = []
    for kind, yv, w in slots:
        if kind == "year":
            starts[yv] = pos
            segments.append((yv, pos, w * unit))
        else:
            segments.append((None, pos, w * unit))
        pos += w * unit

    def at(months: float, *, end: bool = False) -> float:
        """Logical x of a point in time (fractional months since year 0)."""
        yv = int(months // 12)
        if end and months % 12 == 0:
            yv -= 1
        frac = (months - yv * 12) / 12
        width = widths[yv] * unit
        return starts[yv] + frac * width

    view = ChartView(ident, "timeline", lang, i18n.DIRECTION[lang], title, "", 0,
                     csv=csv_path(ident), programme=programme)
    lane_h = 24
    lanes: list[float] = []  # logical x where each lane is free again
    marks = []
    for n, (prog, ev) in enumerate(events, 1):
        s0, _ = _bounds(ev.date)
        _, e1 = _bounds(ev.end or ev.date)
        d0, d1 = at(s0), at(e1, end=True)
        is_point = _precision(ev.date) == "day" and (ev.end is None or ev.end == ev.date)
        half_label = 7 if n < 10 else 10
        centre = (d0 + d1) / 2
        lo = min(d0, centre - half_label) - 2
        hi = max(d1, centre + half_label) + 2
        lane = next((k for k, free in enumerate(lanes) if free <= lo), None)
        if lane is None:
            lanes.append(hi)
            lane = len(lanes) - 1
        else:
            lanes[lane] = hi
        marks.append((n, prog, ev, d0, d1, is_point, centre, lane))
    top = PAD + 4
    for n, prog, ev, d0, d1, is_point, centre, lane in marks:
        ly = top + lane * lane_h
        view.texts.append(TextLine(x(centre), ly + 10, runs(_num(n, lang), lang),
                                   "snia-chart-mark-num", "middle", TYPE[lang]["mark"]))
        if is_point:
            view.circles.append(Circle(x(centre), ly + 18, 4.5, "snia-chart-dot", ev.id))
        else:
            whole_year = _precision(ev.date) == "year" and (ev.end is None or
                                                            _precision(ev.end) == "year")
            cls = "snia-chart-rest" if whole_year else "snia-chart-bar"
            w = max(d1 - d0, 3)
            view.rects.append(Rect(x(d0, w), ly + 14, round(w, 2), 9, cls, n, ev.id))
    axis_y = top + max(len(lanes), 1) * lane_h + 4
    view.lines.append(Line(x(0), axis_y, x(inner), axis_y, "snia-chart-axis"))
    for yv, start, width in segments:
        if yv is None:  # skipped years: a break in the axis
            mid = start + width / 2
            view.lines.append(Line(x(mid - 3), axis_y + 5, x(mid + 1), axis_y - 5,
                                   "snia-chart-break"))
            view.lines.append(Line(x(mid - 1), axis_y + 5, x(mid + 3), axis_y - 5,
                                   "snia-chart-break"))
            continue
        view.lines.append(Line(x(start), axis_y - 6, x(start), axis_y + 6, "snia-chart-tick"))
        if yv in detailed:
            for m in range(1, 12):
                mx = x(start + width * m / 12)
                tall = 4 if m % 3 == 0 else 2
                view.lines.append(Line(mx, axis_y, mx, axis_y + tall, "snia-chart-tick"))
        view.lines.append(Line(x(start + width), axis_y - 6, x(start + width), axis_y + 6,
                               "snia-chart-tick"))
        view.texts.append(TextLine(x(start + width / 2), axis_y + 8 + TYPE[lang]["tick"],
                                   runs(_num_plain(yv), lang), "snia-chart-tick-label", "middle",
                                   TYPE[lang]["tick"]))
    view.height = round(axis_y + 28, 2)
    view.legend = [("snia-chart-dot", _ui("chart_legend_day", lang)),
                   ("snia-chart-bar", _ui("chart_legend_span", lang)),
                   ("snia-chart-rest", _ui("chart_legend_year", lang))]
    # description: how many, from when to when, the busiest year
    if len(events) == 1:
        ev = events[0][1]
        view.description = _ui("chart_desc_timeline_one", lang,
                               first=i18n.date_range(ev.date, ev.end, lang))
    elif events:
        per_year: dict[str, int] = {}
        for _, ev in events:
            per_year[ev.date[:4]] = per_year.get(ev.date[:4], 0) + 1
        busiest = max(sorted(per_year), key=lambda k: per_year[k])
        first, last = events[0][1], events[-1][1]
        view.description = _ui(
            "chart_desc_timeline", lang, n=_num(len(events), lang),
            first=i18n.date(first.date, lang), last=i18n.date(last.end or last.date, lang),
            year=busiest, k=_num(per_year[busiest], lang),
        )
    else:
        view.description = _ui("none_recorded", lang)
    if note:
        view.notes.append(note)
    # three columns (four did not fit 375 px): the event's text links to it on
    # its programme's page and names the programme
    view.columns = ["#", _ui("col_date", lang), _ui("col_event", lang)]
    for n, (prog, ev) in enumerate(events, 1):
        what = _text(ev.what, lang)
        if ev.places:  # as on the site's event lists: places only where the report gives them
            what += " — " + _ui("list_sep", lang).join(_text(p, lang) for p in ev.places)
        what += f" ({_ui('programme_n', lang, n=prog.data.number)})"
        view.rows.append(Row([_num(n, lang), i18n.date_range(ev.date, ev.end, lang), what],
                             True, ("programme", prog.id), ev.id, link_col=2))
    return view


def _num_plain(year: int) -> str:
    return str(year)


def edition_timeline(content: Content, lang: str) -> ChartView:
    """Every event of the edition on one time axis (the timeline page)."""
    return timeline(EDITION_TIMELINE, _ui("chart_timeline_title", lang), list(content.events()),
                    lang)


def declared(content: Content, lang: str, *, programme=None, key_only: bool = False):
    """The declared charts (of one programme, or the home page's), built."""
    out = []
    for prog, ch in content.charts():
        if programme is not None and prog.id != programme.id:
            continue
        if key_only and not ch.key:
            continue
        out.append(build(content, prog, ch, lang))
    return out


# --------------------------------------------------------------------------
# CSV: the data of each chart, both languages in columns


def _cell(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula is prefixed
    with an apostrophe (``=``, ``+``, ``-``, ``@`` at its start)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def csv_bytes(content: Content, prog, ch: Chart | None) -> bytes:
    """The chart's data as CSV: UTF-8 with a byte-order mark (Excel then
    reads the Arabic), numbers as plain numbers, unknowns empty."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    figures = {f.id: f for _, f in content.figures()}
    if ch is None or ch.kind == "timeline":
        if ch is None:
            events = list(content.events())
        else:
            events = [(prog, e) for e in prog.data.events if not ch.events or e.id in ch.events]
        events = i18n.in_date_order(events, lambda pe: pe[1])
        w.writerow(["numero", "id", "date", "fin", "evenement_fr", "evenement_ar",
                    "lieux_fr", "lieux_ar", "programme"])
        for n, (p, ev) in enumerate(events, 1):
            w.writerow([n, ev.id, ev.date, ev.end, _cell(ev.what.fr), _cell(ev.what.ar),
                        _cell("; ".join(x.fr for x in ev.places)),
                        _cell("; ".join(x.ar or x.fr for x in ev.places)), p.data.number])
    else:
        w.writerow(["id", "libelle_fr", "libelle_ar", "valeur", "unite", "devise", "total",
                    "periode", "dessine"])
        if ch.kind == "comparison" and ch.amounts:
            for ref in ch.amounts:
                d = content.projects[ref].data
                w.writerow([ref, _cell(d.name.fr), _cell(d.name.ar), d.amount.value, "montant",
                            d.amount.currency, None, d.period,
                            "oui" if d.amount.currency else "non"])
        else:
            total = figures.get(ch.total) if ch.total else None
            for ref in ch.figures:
                f = figures[ref]
                whole = total.value if total is not None else f.of
                w.writerow([f.id, _cell(f.label.fr), _cell(f.label.ar), f.value,
                            {"count": "nombre", "percent": "pourcentage"}[f.unit], None,
                            whole if ch.kind == "part-of-total" else None, f.when, "oui"])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


@per_content  # published by the French site, listed by each Downloads page
def csv_files(content: Content) -> dict[str, bytes]:
    """Every chart's CSV, by its path below the site root."""
    out = {csv_path(EDITION_TIMELINE): csv_bytes(content, None, None)}
    for prog, ch in content.charts():
        out[csv_path(ch.id)] = csv_bytes(content, prog, ch)
    return out
