"""The home page's key figures and charts: all of them for today's report, a
bounded choice taken in turn from each programme for a large one (snia.home),
with every figure still on the key-figures page, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from snia import home
from snia.loader import load_content
from snia.pages import render_fragment
from snia.render import index_for
from snia.synth import generate

ROOT = Path(__file__).resolve().parent.parent


def test_in_turn_takes_the_first_of_each_then_the_second():
    assert home.in_turn([[1, 2, 3], [4], [5, 6]], 4) == [{0, 1}, {0}, {0}]
    assert home.in_turn([[1, 2, 3], [4], [5, 6]], 5) == [{0, 1}, {0}, {0, 1}]
    assert home.in_turn([[1, 2], [3]], 10) == [{0, 1}, {0}]  # fewer than the limit: all
    assert home.in_turn([[1], [2], [3]], 2) == [{0}, {0}, set()]
    assert home.in_turn([], 3) == []


def key_ids(content):
    return [f.id for _prog, f in content.figures() if f.key]


def shown_ids(html: str) -> list[str]:
    return re.findall(r'href="chiffres-cles/#([^"]+)"><span class="snia-key-value"', html)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_todays_report_shows_every_key_figure_and_chart(lang):
    content = load_content(ROOT / "content")
    html = str(render_fragment("key_figures", content, lang, ""))
    assert sorted(shown_ids(html)) == sorted(key_ids(content)) and len(key_ids(content)) > 5
    assert "snia-key-more" not in html and "snia-key-groups" not in html
    charts = str(render_fragment("key_charts", content, lang, ""))
    keys = [ch.id for _p, ch in content.charts() if ch.key]
    assert re.findall(r'data-chart="([^"]+)"', charts) == keys and keys
    assert "snia-key-more" not in charts
    assert "snia-chart-source" not in charts  # one programme's charts: no need to name it


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """Six programmes (three times today's content)."""
    return load_content(generate(ROOT / "content", tmp_path_factory.mktemp("home") / "x3", 3))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_large_report_shows_a_bounded_choice_taken_in_turn(large, lang):
    html = str(render_fragment("key_figures", large, lang, ""))
    shown = shown_ids(html)
    assert len(shown) == home.HOME_FIGURES < len(key_ids(large))
    # each programme's first key figure, in the programmes' order, then the seconds…
    per_programme = [[f.id for _o, figs in index_for(large).key_figure_groups(p) for f in figs]
                     for p in large.programmes.values()]
    per_programme = [ids for ids in per_programme if ids]
    assert all(ids[0] in shown for ids in per_programme)
    assert sum(1 for ids in per_programme for i in ids[1:2] if i in shown) == \
        home.HOME_FIGURES - len(per_programme)
    # shown in the programmes' order, under their programme's heading
    order = [i for ids in per_programme for i in ids]
    assert shown == sorted(shown, key=lambda i: next(n for n, ids in enumerate(per_programme) if i in ids))
    assert set(shown) <= set(order)
    # the reader is told how many there are in all
    more = re.search(r'<p class="snia-key-more">(.*?)</p>', html, re.S).group(1)
    total = len(key_ids(large))
    assert str(total) in re.sub(r"<[^>]+>", "", more).replace("\u202f", "").replace(".", "")

    charts = str(render_fragment("key_charts", large, lang, ""))
    drawn = re.findall(r'data-chart="([^"]+)"', charts)
    keys = [ch.id for _p, ch in large.charts() if ch.key]
    assert len(drawn) == home.HOME_CHARTS < len(keys) and set(drawn) <= set(keys)
    assert 'href="chiffres-cles/"' in charts
    # charts of several programmes: each names the programme it comes from
    owner = {ch.id: prog.id for prog, ch in large.charts()}
    figures = re.findall(r'<figure .*?</figure>', charts, re.S)
    assert len(figures) == len(drawn) and len({owner[d] for d in drawn}) > 1
    for chart_id, fig in zip(drawn, figures):
        assert re.search(rf'<p class="snia-chart-source"><a href="programmes/{owner[chart_id]}/">', fig), fig[:300]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_figure_and_chart_stays_on_the_key_figures_page(large, lang):
    html = str(render_fragment("figures_index", large, lang, "chiffres-cles/"))
    for _prog, fig in large.figures():
        assert f'id="{fig.id}"' in html
    for _prog, ch in large.charts():
        assert f'data-chart="{ch.id}"' in html


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_many_programmes_are_listed_as_links_to_each(large, lang, monkeypatch):
    cards = str(render_fragment("programme_list", large, lang, ""))
    assert "snia-programme-links" not in cards and cards.count("<li>") == len(large.programmes)
    monkeypatch.setattr(home, "HOME_PROGRAMME_CARDS", len(large.programmes) - 1)
    links = str(render_fragment("programme_list", large, lang, ""))
    assert '<ul class="snia-programme-links">' in links
    assert re.findall(r'<li><a href="programmes/(\d\d)/">', links) == list(large.programmes)
    assert 'href="programmes/"' in links  # what each aims at: on the programmes' page
    assert len(links) < len(cards) / 2
