"""The full report and the Downloads page, rendered without a site: links
inside the one document, ids scoped, the citation from the edition's fields
only, and the PDFs listed as not built when make pdf has not run."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from snia import downloads, fullreport, i18n, opendata
from snia.loader import load_content


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content", relative_to=ROOT)


def test_scope_prefixes_local_ids_and_their_references():
    html = ('<h2 id="chiffres">C</h2><a href="#chiffres">x</a><a href="#p8-fig">y</a>'
            '<tr id="p8-fig"></tr><section aria-labelledby="chiffres"></section>'
            '<rect fill="url(#motif)"/><pattern id="motif"></pattern>')
    out = str(fullreport.scope(html, "programme-08-", {"p8-fig"}, 1))
    assert '<h3 id="programme-08-chiffres">C</h3>' in out
    assert 'href="#programme-08-chiffres"' in out and 'href="#p8-fig"' in out
    assert 'aria-labelledby="programme-08-chiffres"' in out
    assert 'id="p8-fig"' in out and 'url(#programme-08-motif)' in out


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_report_links_stay_in_the_document(content, lang):
    rep = fullreport.render_report(content, lang)
    html = str(rep.body)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    hrefs = re.findall(r'href="([^"]+)"', html)
    inside = [h for h in hrefs if h.startswith("#")]
    assert inside and all(h[1:] in ids for h in inside)
    # the only links out: charts' data files, relative to the page showing the report
    outside = [h for h in hrefs if not h.startswith("#")]
    assert all(h.startswith(("../" if lang == "ar" else "") + "../donnees/") and h.endswith(".csv")
               for h in fullreport_page_links(content, lang)), outside
    levels = [lvl for lvl, _, _ in rep.headings]
    assert levels[0] == 2 and max(levels) <= 6
    # reading order: edition, programmes in order, projects, partners, glossary
    parts = [hid for lvl, hid, _ in rep.headings if lvl == 2]
    assert parts == ["edition", *[f"programme-{p}" for p in content.programmes],
                     "projets", "partenaires", "glossaire"]


def fullreport_page_links(content, lang):
    html = str(fullreport.render_report(content, lang, page_url="rapport-complet/").body)
    return [h for h in re.findall(r'href="([^"]+)"', html) if not h.startswith("#")]


def test_citation_uses_only_the_editions_fields(content):
    fr = fullreport.citation(content, "fr")
    ar = fullreport.citation(content, "ar")
    assert content.edition.title.fr in fr and str(content.edition.year) in fr
    assert content.edition.title.ar in ar
    if content.edition.publisher is None:
        assert i18n.ui("cite_publisher_unknown", "fr") in fr
    if content.edition.licence is None:
        assert i18n.ui("licence_not_stated", "fr") in fr and i18n.ui("licence_not_stated", "ar") in ar
    stated = content.edition.model_copy(update={
        "publisher": content.edition.title.model_copy(update={"fr": "Ministère X", "ar": "وزارة س"}),
        "publication_date": "2019-03",
    })
    other = type(content)(**{**content.__dict__, "edition": stated})
    cite = fullreport.citation(other, "fr")
    assert "Ministère X" in cite and "mars 2019" in cite
    assert i18n.ui("cite_publisher_unknown", "fr") not in cite


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_downloads_without_pdfs_say_so(content, lang):
    html = str(downloads.render_downloads(content, lang, "telechargements/", {}))
    assert html.count(i18n.ui("pdf_not_built", lang)) == 2
    for l in i18n.LANGS:
        assert opendata.pdf_name(content, l) in html
        assert f'{opendata.PDF_FOLDER}/{opendata.pdf_name(content, l)}"' not in html
    assert 'href="' + ("../" if lang == "ar" else "") + '../donnees/datapackage.json"' in html


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_partner_table_names_partners_as_every_page_does(content, lang):
    """The full report's partner table gives each partner the name its own
    page and every link give it (STYLE.ar.md rule 1 in Arabic: the Arabic
    short form, never a Latin acronym the organisation does not use)."""
    from markupsafe import Markup

    html = str(fullreport.render_report(content, lang).body)
    for pid in content.partners:
        row = re.search(rf'<tr id="partenaire-{re.escape(pid)}">\s*<th scope="row">(.*?)</th>', html, re.S)
        assert row, pid
        abbr = content.abbreviation(pid, lang)
        name = content.partners[pid].data.name
        text = name.ar if lang == "ar" and name.ar else name.fr
        tail = row.group(1).split(str(Markup.escape(text)), 1)[-1]
        if abbr is None:
            assert tail.strip() == "", (pid, row.group(1))
        else:
            assert str(Markup.escape(abbr)) in tail, (pid, row.group(1))
