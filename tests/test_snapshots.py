"""Golden files of every rendered fragment and entity page, in both languages.

The content is ``tests/fixtures/golden/``: a small tree where every field of
every model is set at least once (checked below), with Arabic reviewed, in
draft, stale and missing. Each output is compared, byte for byte, with its
golden file in ``tests/__snapshots__/test_snapshots/`` (one small HTML file
per output and language, read in the diff of a pull request).

A change of the output that is meant: regenerate them all with one command,

    make snapshots

(``pytest tests/test_snapshots.py --snapshot-update``), and review the diff.
A change that is not meant fails here first.
"""

from __future__ import annotations

import datetime
import json
import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from snia import downloads, fullreport, pages, pdf, preview, review, sheet
from snia.loader import load_content
from snia.model import EditionFile, GlossaryFile, PartnerFile, ProgrammeFile, ProjectFile
from snia.yamlsafe import Location, Problem

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
LANGS = ("fr", "ar")


class HtmlSnapshot(SingleFileSnapshotExtension):
    """One readable file per output: ``<test>[<output>-<lang>].html``."""

    file_extension = "html"
    _write_mode = WriteMode.TEXT


class JsonSnapshot(HtmlSnapshot):
    file_extension = "json"


@pytest.fixture
def golden(snapshot):
    return snapshot.use_extension(HtmlSnapshot)


@pytest.fixture
def golden_json(snapshot):
    return snapshot.use_extension(JsonSnapshot)


@pytest.fixture(scope="module")
def content():
    return load_content(GOLDEN, relative_to=ROOT)


@pytest.fixture(autouse=True)
def _no_public_address(monkeypatch):
    # the citation names the site's address when a build is given one
    monkeypatch.delenv("SNIA_SITE_URL", raising=False)


def _text(html) -> str:
    """One file ends with one line end (the pre-commit hooks keep it so)."""
    return str(html).rstrip("\n") + "\n"


# -- fragments: every name a narrative page can include ------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(pages.FRAGMENTS))
def test_fragment(golden, content, name, lang):
    assert _text(pages.render_fragment(name, content, lang, "x/")) == golden


# -- entity pages: every programme, partner and project of the fixture ----------

def _entities():
    c = load_content(GOLDEN, relative_to=ROOT)
    return [(p.kind, p.ident) for p in pages.entity_pages(c)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind,ident", _entities(), ids=[f"{k}-{i}" for k, i in _entities()])
def test_entity_page(golden, content, kind, ident, lang):
    page = next(p for p in pages.entity_pages(content) if (p.kind, p.ident) == (kind, ident))
    url = page.src_uri.removesuffix(".md") + "/"
    assert _text(pages.render_entity(kind, ident, content, lang, url)) == golden


def test_entity_titles_and_sources(golden_json, content):
    """The title of each generated page in both languages, its path, its YAML file."""
    listed = [{"kind": p.kind, "id": p.ident, "page": p.src_uri, "source": p.source,
               "title": p.title} for p in pages.entity_pages(content)]
    assert json.dumps(listed, ensure_ascii=False, indent=1) + "\n" == golden_json


# -- the other outputs of the site ---------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_full_report_page(golden, content, lang):
    assert _text(fullreport.render_page(content, lang, "rapport-complet/", {})) == golden


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_page(golden, content, lang):
    """The files' sizes are shown with their digits masked (« N,N ko »): the
    data files hold the JSON schema, whose size changes with every model
    description; the format of a size stays in the golden file."""
    html = str(downloads.render_downloads(content, lang, "telechargements/", {}))
    html = re.sub(r'(<span class="snia-file-size">)(.*?)(</span>)',
                  lambda m: m.group(1) + re.sub(r"\d", "N", m.group(2)) + m.group(3), html)
    assert _text(html) == golden


@pytest.mark.parametrize("lang", LANGS)
def test_footer(golden, content, lang):
    assert _text(pages.render_footer(content, lang, "programmes/09/",
                                     "https://example.org/depot")) == golden


@pytest.mark.parametrize("lang", LANGS)
def test_updated_line(golden, lang):
    assert _text(pages.render_updated(datetime.date(2018, 12, 1), lang)) == golden


@pytest.mark.parametrize("state", ["missing", "draft"])
def test_arabic_notice(golden, state):
    html = pages.single_notice(f"<h1>Titre</h1><!--snia-notice:{state}--><p>x</p>", "ar",
                               pages.french_url("programmes/09/"))
    assert _text(html) == golden


def test_untranslated_narrative_page(golden):
    assert _text(pages.untranslated_page("# Guide\n\nTexte.\n", "ar")) == golden


@pytest.mark.parametrize("lang", LANGS)
def test_print_document(golden, content, lang):
    """The PDF's document: cover, table of contents, running headers; its
    style sheet and the report's body left out (the body is the full report's,
    above; the style sheet names this machine's font folder)."""
    report = fullreport.render_report(content, lang, top=2, print_version=True)
    html, _ = pdf.print_html(content, lang, {"edition": 3, "programme-09": 5}, "fonts/")
    html = re.sub(r"(<style[^>]*>).*?(</style>)", r"\1…\2", html, flags=re.S)
    assert str(report.body) in html
    html = html.replace(str(report.body), "<!-- the report, as in test_full_report_page -->")
    assert _text(html) == golden


def test_review_sheet(golden):
    """The translators' review sheet, for the texts of the golden fixture's
    edition and partners (every state: reviewed, draft, stale, missing; the
    interface labels, which change with every feature, left out)."""
    items = [i for i in review.all_items(ROOT, GOLDEN, GOLDEN / "absent")
             if i.kind != "interface" and ("partners/" in i.file or i.file.endswith("edition.yml"))]
    assert len(items) > 10 and {i.state for i in items} >= {None, "missing", "unreviewed"}
    assert _text(sheet.html_sheet(items, {})) == golden


def test_preview_problems(golden):
    problems = [Problem(Location("content/partners/oim.yml", 3, 7), "name.fr",
                        "ne doit pas être vide : écrivez le texte <b>ici</b>")]
    assert _text(preview.problems_html(problems)) == golden


# -- every template is reached by a golden file ---------------------------------

def test_every_template_is_rendered_by_a_golden_test(content, monkeypatch):
    """A new template fails here until an output above renders it."""
    import jinja2

    from snia import render

    seen: set[str] = set()
    original = jinja2.Environment.get_template

    def spy(self, name, *args, **kwargs):
        seen.add(name if isinstance(name, str) else name.name)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "get_template", spy)
    render._environment.cache_clear()
    for env_cache in ("_inline",):
        getattr(render, env_cache, None) and getattr(getattr(render, env_cache), "cache_clear", lambda: None)()
    for lang in LANGS:
        for name in pages.FRAGMENTS:
            pages.render_fragment(name, content, lang, "x/")
        for p in pages.entity_pages(content):
            pages.render_entity(p.kind, p.ident, content, lang, "x/")
        fullreport.render_page(content, lang, "rapport-complet/", {})
        pdf.print_html(content, lang, {}, "fonts/")
        downloads.render_downloads(content, lang, "telechargements/", {})
        pages.render_footer(content, lang, "x/", None)
        pages.render_updated(datetime.date(2018, 12, 1), lang)
    pages.single_notice("<h1>T</h1><!--snia-notice:missing-->", "ar", "../")
    preview.problems_html([])
    sheet.html_sheet([], {})
    # templates reached through {% import %} / {% include %} / {% from %}
    templates = Path(render.__file__).parent / "templates"
    names = {p.relative_to(templates).as_posix() for p in templates.rglob("*.html")}
    sources = "\n".join(p.read_text(encoding="utf-8") for p in templates.rglob("*.html"))
    included = set(re.findall(r"{%-?\s*(?:import|include|from|extends)\s+['\"]([^'\"]+)['\"]", sources))
    assert sorted(names - seen - included) == []


# -- the fixture is what the golden files claim: every field set ----------------

def _fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    out = set()
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        out.add(path)
        for inner in _models(info.annotation):
            out |= _fields(inner, path + ".")
    return out


def _models(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found += _models(arg)
    return found


def _set_fields(value, prefix: str = "") -> set[str]:
    out = set()
    if isinstance(value, BaseModel):
        for name in value.model_fields_set:
            item = getattr(value, name)
            if item is None or item == []:
                continue
            out.add(f"{prefix}{name}")
            out |= _set_fields(item, f"{prefix}{name}.")
    elif isinstance(value, list):
        for item in value:
            out |= _set_fields(item, prefix)
    return out


def test_the_golden_fixture_sets_every_field_of_every_model(content):
    """A new field of the model fails here until the fixture (and so the golden
    files and the hostile test) shows it."""
    files = [(EditionFile, [content.edition]), (GlossaryFile, [content.glossary]),
             (ProgrammeFile, [p.data for p in content.programmes.values()]),
             (PartnerFile, [p.data for p in content.partners.values()]),
             (ProjectFile, [p.data for p in content.projects.values()])]
    for model, values in files:
        set_somewhere = set().union(*(_set_fields(v) for v in values))
        missing = sorted(_fields(model) - set_somewhere - {"ar_hash", *NEVER_SET.get(model, ())}
                         - {f for f in _fields(model) if f.endswith(".ar_hash")})
        assert missing == [], f"{model.__name__}: set these in tests/fixtures/golden/: {missing}"


# Fields the fixture leaves at their default on purpose (the default is what it shows).
NEVER_SET: dict[type, set[str]] = {}
