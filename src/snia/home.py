"""What the home page shows as the report grows.

The home page is the report's front page, read first and often on a phone:
its key results and its charts are a bounded choice, whatever the number of
programmes. Today's report (two programmes, 12 key figures, 3 key charts)
shows all of them; a report of eleven programmes (the full strategy) or of
many editions shows:

* at most ``HOME_FIGURES`` key figures (``key: true``), taken in turn from
  each programme (its first key figure, then each programme's second, and
  so on, in the programmes' order and each programme's own order), grouped
  by programme and objective as the report groups them;
* at most ``HOME_CHARTS`` key charts, taken in turn from each programme the
  same way;
* a line saying how many there are in all, with a link to the key-figures
  page, which lists every figure and chart by programme (as do the
  programmes' own pages): nothing the content says is only on the home page;
* every programme, as a card with what it aims at, or past
  ``HOME_PROGRAMME_CARDS`` programmes as a list of links (number and title)
  with a link to the programmes' page, which gives what each aims at.

A report of one hundred programmes would otherwise make a home page of 1,000
figures and 300 charts (306 KB compressed in Arabic; a phone's Lighthouse
performance fell to 83 at ten times today's content). Nothing here imports
MkDocs; the markup is in templates/key_figures.html and charts/key_charts.html.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Content

HOME_FIGURES = 12
HOME_CHARTS = 4
# past this many programmes, the home page lists them as links (number and
# title), without what each aims at: the programmes' page says it
HOME_PROGRAMME_CARDS = 12


def in_turn(lists: list[list], limit: int) -> list[set[int]]:
    """Take items from each list in turn (first of each, then second of
    each…) until ``limit`` items are taken: the positions taken in each list."""
    taken: list[set[int]] = [set() for _ in lists]
    count, depth = 0, 0
    while count < limit and any(depth < len(items) for items in lists):
        for i, items in enumerate(lists):
            if count >= limit:
                break
            if depth < len(items):
                taken[i].add(depth)
                count += 1
        depth += 1
    return taken


@dataclass(frozen=True)
class Headline:
    """The key figures the home page shows, grouped as the report groups them."""

    groups: list[tuple[Any, list[tuple[Any, list]]]]  # (programme, [(objective or None, figures)])
    shown: int
    total: int
    programmes: int  # programmes with key figures


def headline_figures(content: Content, limit: int = HOME_FIGURES) -> Headline:
    from .render import index_for

    idx = index_for(content)
    per_programme = [(prog, idx.key_figure_groups(prog)) for prog in content.programmes.values()]
    per_programme = [(prog, groups) for prog, groups in per_programme if groups]
    flat = [[fig for _obj, figs in groups for fig in figs] for _prog, groups in per_programme]
    taken = in_turn(flat, limit)
    out = []
    for (prog, groups), figs_in_order, keep in zip(per_programme, flat, taken):
        if not keep:
            continue
        ids = {fig.id for n, fig in enumerate(figs_in_order) if n in keep}
        chosen = [(obj, [f for f in figs if f.id in ids]) for obj, figs in groups]
        out.append((prog, [(obj, figs) for obj, figs in chosen if figs]))
    return Headline(out, sum(map(len, taken)), sum(map(len, flat)), len(per_programme))


@dataclass(frozen=True)
class HeadlineCharts:
    items: list  # (programme, snia.charts.ChartView), in programme order
    total: int

    @property
    def views(self) -> list:
        return [view for _prog, view in self.items]

    @property
    def several(self) -> bool:
        """Charts of more than one programme (each then names its programme)."""
        return len({prog.id for prog, _view in self.items}) > 1


def headline_charts(content: Content, lang: str, limit: int = HOME_CHARTS) -> HeadlineCharts:
    """The key charts the home page shows, built (only those: building every
    key chart of a large report for the home page cost as much as the page)."""
    from . import charts

    per_programme: dict[str, list] = {}
    for prog, chart in content.charts():
        if chart.key:
            per_programme.setdefault(prog.id, []).append((prog, chart))
    lists = list(per_programme.values())
    taken = in_turn(lists, limit)
    items = [(prog, charts.build(content, prog, chart, lang))
             for charts_of, keep in zip(lists, taken) for n, (prog, chart) in enumerate(charts_of) if n in keep]
    return HeadlineCharts(items, sum(map(len, lists)))


def programmes_as_links(content: Content) -> bool:
    """Many programmes: the home page lists them as links, not cards."""
    return len(content.programmes) > HOME_PROGRAMME_CARDS
