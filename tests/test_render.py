"""Rendering fragments: every template in both languages, escaping, the
French fallback of missing Arabic, isolation of Latin runs in Arabic."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from snia import pages
from snia.loader import load_content
from snia.model import Text
from snia.render import Renderer, isolate, relative_url

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def valid():
    return load_content(FIXTURES / "valid")


@pytest.fixture(scope="module")
def hostile():
    return load_content(FIXTURES / "hostile")


class _Balance(HTMLParser):
    VOID = {"br", "img", "hr", "meta", "link", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.ids = [], [], []

    def handle_starttag(self, tag, attrs):
        ids = [v for k, v in attrs if k == "id"]
        self.ids += ids
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def well_formed(html: str) -> _Balance:
    p = _Balance()
    p.feed(html)
    p.close()
    assert not p.errors and not p.stack, (p.errors, p.stack)
    assert len(p.ids) == len(set(p.ids)), "duplicate ids"
    return p


CASES = [
    ("entity", "programme", "09", "Développer la coopération internationale"),
    ("entity", "partner", "oim", "Atelier"),
    ("entity", "project", "demo", "11"),
] + [("fragment", name, None, None) for name in pages.FRAGMENTS]


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("what,name,ident,expected", CASES, ids=[c[1] for c in CASES])
def test_every_template_renders_well_formed_html(valid, lang, what, name, ident, expected):
    if what == "entity":
        html = pages.render_entity(name, ident, valid, lang, f"x/{ident}/")
    else:
        html = pages.render_fragment(name, valid, lang, "x/")
    assert isinstance(html, Markup)
    assert html.startswith('<div class="snia">')
    well_formed(str(html))
    if expected:
        assert expected in html


def test_programme_page_holds_its_facts_in_french(valid):
    html = pages.render_entity("programme", "09", valid, "fr", "programmes/09/")
    assert 'id="osp-17"' in html and "OSP 17" in html
    assert "5 actions" in html and "intitulés ne figurent pas" in html  # names unknown, said so
    assert "Un atelier a eu lieu à Rabat." in html
    assert 'href="../../partenaires/oim/"' in html and 'href="../../projets/demo/"' in html
    assert "16–18 avril 2018" in html
    assert "Impliquer davantage les institutions nationales." in html


def test_missing_arabic_shows_the_french_marked_under_a_notice(valid):
    body = pages.render_entity("programme", "09", valid, "ar", "programmes/09/")
    html = pages.single_notice("<h1>P9</h1>" + body + body, "ar", pages.french_url("programmes/09/"))
    assert '<span lang="fr" dir="ltr" class="snia-fallback">Un atelier a eu lieu à Rabat.</span>' in html
    notice = html.index("ترجمة غير متوفرة")
    assert notice < html.index("Un atelier")  # the notice comes first
    assert html.count("ترجمة غير متوفرة") == 1  # one notice, however many fragments
    assert html.count('role="note"') == 1 and "data-search-exclude" in html
    assert 'href="../../../programmes/09/" hreflang="fr"' in html  # the French original
    # Arabic labels and Morocco's formats around it
    assert "الأهداف" in html
    assert '<bdi dir="ltr">16–18</bdi> أبريل <bdi dir="ltr">2018</bdi>' in html


def test_translated_text_is_used_and_draft_is_noticed():
    r = Renderer.__new__(Renderer)  # text() needs no content
    from snia.render import PageState
    r.lang, r.state = "ar", PageState()
    assert r.text(Text(fr="Rabat", ar="الرباط", ar_status="draft")) == "الرباط"
    assert r.state.drafts == 1 and r.state.fallbacks == 0
    assert r.text(Text(fr="Rabat", ar="الرباط", ar_status="reviewed")) == "الرباط"
    assert r.state.drafts == 1


def test_unknown_values_are_said_unknown(valid):
    fr = pages.render_entity("project", "demo", valid, "fr", "projets/demo/")
    ar = pages.render_entity("project", "demo", valid, "ar", "projets/demo/")
    assert "non indiqué dans le rapport" in fr  # funders are not given
    assert "غير مذكور في التقرير" in ar


def test_isolate_wraps_latin_runs_and_numbers():
    html = isolate("برنامج GLO.ACT (OSP 17)، من 2017–2018 بنسبة 10%.")
    assert '<bdi dir="ltr">GLO.ACT</bdi>' in html
    assert '<bdi dir="ltr">OSP 17</bdi>' in html
    assert '<bdi dir="ltr">2017–2018</bdi>' in html
    assert '<bdi dir="ltr">10%</bdi>.' in html  # sentence dot stays outside
    assert isolate("<b>x</b>") == '&lt;<bdi dir="ltr">b</bdi>&gt;<bdi dir="ltr">x</bdi>&lt;/<bdi dir="ltr">b</bdi>&gt;'


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_hostile_strings_render_as_text(hostile, lang):
    out = []
    for kind, ident in [("programme", "09"), ("partner", "oim"), ("project", "demo")]:
        out.append(str(pages.render_entity(kind, ident, hostile, lang, f"x/{ident}/")))
    for name in pages.FRAGMENTS:
        out.append(str(pages.render_fragment(name, hostile, lang, "x/")))
    html = "\n".join(out)
    for p in out:
        well_formed(p)
    assert "<script" not in html and "<img" not in html and "onerror=" not in html.replace("onerror=alert", "")
    assert "javascript:" not in html.split('href="')[1:][0] if 'href="javascript' in html else True
    assert 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html
    assert "{% for x in range(3) %}LOOP{% endfor %}" in html and "LOOPLOOP" not in html


def test_entity_pages_pass_only_ids(valid):
    listed = pages.entity_pages(valid)
    assert [(p.kind, p.ident, p.src_uri) for p in listed] == [
        ("programme", "09", "programmes/09.md"),
        ("partner", "oim", "partenaires/oim.md"),
        ("project", "demo", "projets/demo.md"),
    ]
    assert listed[0].source.endswith("programmes/09.yml")
    md = pages.entity_markdown(listed[1])
    assert md.endswith("{{ entity_page() }}\n") and "Organisation" not in md
    assert listed[0].title == {"fr": "Programme 9 : Coopération et partenariats internationaux",
                               "ar": "البرنامج 9: Coopération et partenariats internationaux"}


@pytest.mark.parametrize("target,current,expected", [
    ("partenaires/oim/", "programmes/09/", "../../partenaires/oim/"),
    ("", "programmes/09/", "../../"),
    ("partenaires/oim/", "", "partenaires/oim/"),
    ("programmes/09/#osp-17", "programmes/09/", "#osp-17"),
    ("programmes/09/", "programmes/09/", "./"),
])
def test_relative_urls(target, current, expected):
    assert relative_url(target, current) == expected


def test_untranslated_narrative_page_is_the_french_marked_under_a_notice():
    md = pages.untranslated_page("# Guide\n\nTexte.\n", "ar")
    assert md.index("<!--snia-notice:missing-->") < md.index('<div lang="fr" dir="ltr" markdown="1">') < md.index("# Guide")
    html = pages.single_notice('<!--snia-notice:missing--><div lang="fr"><h1 id="guide">Guide</h1><p>Texte.</p></div>', "ar", "../guide/")
    assert html.index("</h1>") < html.index("ترجمة غير متوفرة") < html.index("Texte.")
    assert pages.notices("fr", missing=True) == ""
    assert "هذه ترجمة أولية" in pages.notices("ar", draft=True)
    assert "هذه ترجمة أولية" not in pages.notices("ar", draft=False)


def test_values_inside_arabic_labels_are_isolated(valid):
    html = pages.render_entity("programme", "09", valid, "ar", "programmes/09/")
    assert '<h2 id="activites">الأنشطة والنتائج <bdi dir="ltr">2017–2018</bdi></h2>' in html
    fr = pages.render_entity("programme", "09", valid, "fr", "programmes/09/")
    assert '<h2 id="activites">Activités et résultats 2017–2018</h2>' in fr


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_events_in_one_order_on_programme_pages_and_the_timeline(lang):
    """A programme page and the timeline list events in the same order: by
    date, same-date events in the content's order (programme 9 has two dated
    only « 2018 »; they were once ordered by id on one page, by file on the
    other)."""
    import re

    content = load_content(ROOT / "content")
    timeline = str(Renderer(content, lang, "evenements/").page("timeline.html"))
    in_timeline = re.findall(r'<li id="([^"]+)"', timeline)
    for prog_id, prog in content.programmes.items():
        page = str(pages.render_entity("programme", prog_id, content, lang, f"programmes/{prog_id}/"))
        on_page = [i for i in re.findall(r'<li id="([^"]+)"', page) if i in {e.id for e in prog.data.events}]
        file_order = [e.id for e in prog.data.events]
        assert sorted(on_page) == sorted(file_order)
        assert on_page == [i for i in in_timeline if i in set(file_order)]
    p9 = [e.id for e in content.programmes["09"].data.events]
    same_year = [i for i in in_timeline if i in ("p9-participation-comites-programmes", "p9-demarrage-vivre-ensemble")]
    assert same_year == [i for i in p9 if i in same_year], "same-date events keep the content's order"
