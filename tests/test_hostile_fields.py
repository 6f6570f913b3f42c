"""Every printed field, on every page that prints it, comes out as text.

The fields come from the model, not from a list kept by hand: every free-text
field (a ``Text``'s ``fr`` and ``ar``, and every ``str`` the model does not
constrain to a pattern or a choice) of the golden fixture
(``tests/fixtures/golden``, where every field is set) gets a payload of its
own: ``<script>``, an ``<img onerror>``, a ``<b onmouseover>``, a
``javascript:`` link, Jinja code (``ZZYY`` or ``WaWb`` once run), and in Arabic a direction mark and a Latin
run in brackets. A field added to the model is covered without touching this
file; a field the golden fixture does not set fails
``test_snapshots.test_the_golden_fixture_sets_every_field_of_every_model``.

Each payload carries a marker (``hx12x``) that must come out, escaped, in at
least one rendered output, unless the field is one the site never prints
(``NOT_PRINTED``, each with its reason): a field that stops being printed, or
starts being printed, is seen here.
"""

from __future__ import annotations

import re
import shutil
import types
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from snia import downloads, fullreport, pages, pdf
from snia.kinds import KINDS
from snia.loader import EDITION, GLOSSARY, load_content
from snia.model import EditionFile, GlossaryFile, Text

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
LANGS = ("fr", "ar")

FRENCH = ('<script>alert("{m}")</script><img src=x onerror=alert("{m}")> '
          '<a href="javascript:alert(1)">lien</a> {{{{ "ZZ" ~ "YY" }}}} {{% for x in "ab" %}}W{{{{ x }}}}{{% endfor %}} {m}')
ARABIC = ('نص {mark}<script>alert("{m}")</script> (GLO.ACT) <b onmouseover=alert(1)>ب</b> '
          '{{{{ "ZZ" ~ "YY" }}}} {m}')

# Fields the site never prints, and why. Markers of every other free-text field
# must come out in at least one output.
NOT_PRINTED = {
    "glossary.entries.renderings.variants_ar": "translators' material (STYLE.ar.md)",
    "glossary.entries.avoid_ar.ar": "translators' material (house style check)",
    "glossary.entries.avoid_ar.when_fr": "translators' material",
    "glossary.entries.avoid_ar.instead": "translators' material",
    "glossary.entries.avoid_ar.why": "translators' material",
    "glossary.avoid.ar": "translators' material",
    "glossary.avoid.when_fr": "translators' material",
    "glossary.avoid.instead": "translators' material",
    "glossary.avoid.why": "translators' material",
    "glossary.entries.variants_fr": "search only (other forms of a term)",
    "glossary.entries.variants_ar": "search only (other forms of a term)",
}
# Printed in the PDF only (its cover), not on the site's pages.
PDF_ONLY = {"edition.strategy.fr", "edition.strategy.ar"}


# --------------------------------------------------------------------------
# Which fields are free text, from the model


def _free(tp) -> bool:
    """A ``str`` with no pattern (an id, a date, a code) and no choice (Literal)."""
    if tp is str:
        return True
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(tp)
        return base is str and not any(getattr(m, "pattern", None) for m in meta)
    if origin in (typing.Union, types.UnionType, list):
        return any(_free(a) for a in typing.get_args(tp) if a is not type(None))
    return False


def _inner(tp) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):
        found = _inner(arg)
        if found is not None:
            return found
    return None


def poison(data, model: type[BaseModel], where: str, fields: dict[str, str]):
    """``data`` (a file's YAML) with a payload in every free-text value;
    ``fields`` gets each payload's marker and the field it is in."""
    out = {}
    for key, value in data.items():
        info = model.model_fields[key]
        path = f"{where}.{key}"
        inner = _inner(info.annotation)
        free = _free(info.annotation) and not any(getattr(m, "pattern", None) for m in info.metadata)

        def one(item):
            if isinstance(item, dict) and inner is not None:
                return poison(item, inner, path, fields)
            if isinstance(item, str) and free:
                marker = f"hx{len(fields)}x"
                fields[marker] = path
                if key == "ar" or key.endswith("_ar") or key == "instead":
                    # a direction mark is accepted in an `ar:` text only
                    return ARABIC.format(m=marker, mark="\u200f" if key == "ar" else "")
                return FRENCH.format(m=marker)
            return item

        out[key] = [one(i) for i in value] if isinstance(value, list) else one(value)
    return out


def hostile_tree(dest: Path) -> dict[str, str]:
    """The golden fixture, poisoned, written at ``dest``; its markers."""
    fields: dict[str, str] = {}
    shutil.rmtree(dest, ignore_errors=True)
    for path in sorted(GOLDEN.rglob("*.yml")):
        rel = path.relative_to(GOLDEN)
        kind = rel.parts[0] if len(rel.parts) > 1 else rel.name
        folders = {k.folder: k.model for k in KINDS.values()}
        model = {EDITION: EditionFile, GLOSSARY: GlossaryFile}.get(kind) or folders[kind]
        label = {EDITION: "edition", GLOSSARY: "glossary"}.get(kind, kind)
        data = poison(yaml.safe_load(path.read_text(encoding="utf-8")), model, label, fields)
        out = dest / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                       encoding="utf-8")
    return fields


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    dest = tmp_path_factory.mktemp("poisoned") / "content"
    fields = hostile_tree(dest)
    return dest, fields, load_content(dest, relative_to=dest)


# --------------------------------------------------------------------------
# What is rendered


def outputs(content) -> dict[str, str]:
    out = {}
    for lang in LANGS:
        for name in pages.FRAGMENTS:
            out[f"{name}-{lang}"] = pages.render_fragment(name, content, lang, "x/")
        for p in pages.entity_pages(content):
            url = p.src_uri.removesuffix(".md") + "/"
            out[f"{p.kind}-{p.ident}-{lang}"] = pages.render_entity(p.kind, p.ident, content, lang, url)
        out[f"full-report-{lang}"] = fullreport.render_page(content, lang, "rapport-complet/", {})
        out[f"print-{lang}"] = pdf.print_html(content, lang, {}, "fonts/")[0]
        out[f"downloads-{lang}"] = downloads.render_downloads(content, lang, "telechargements/", {})
        out[f"footer-{lang}"] = pages.render_footer(content, lang, "x/", None)
    return {k: str(v) for k, v in out.items()}


class Markup(HTMLParser):
    """What of a payload came out as markup: an element it wrote (``<script>``
    with an alert, ``<img src=x>``, ``<b>``), an event handler, a
    ``javascript:`` link, Jinja code that ran."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        if tag == "b":
            self.found.append("<b>")
        self._script = tag == "script"

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")
        self.text.append(data)


def markup_of_payloads(html: str) -> list[str]:
    parser = Markup()
    parser.feed(html)
    parser.close()
    text = "".join(parser.text)  # across <bdi> and the other inline elements
    return parser.found + [f"Jinja ran: …{text[max(0, m.start() - 40):m.end()]}"
                           for m in re.finditer(r"ZZYY|WaWb", text)]


def test_every_free_text_field_of_the_model_is_poisoned(poisoned):
    _, fields, _ = poisoned
    kinds = set(fields.values())
    # the text of every kind of file, and the plain strings
    for expected in ("edition.title.fr", "edition.title.ar", "programmes.activities.items.fr",
                     "programmes.recommendations.items.text.ar", "partners.acronym",
                     "partners.acronym_ar", "glossary.entries.short_ar", "glossary.entries.acronym",
                     "projects.axes.fr", "programmes.charts.note.ar", "programmes.events.places.fr"):
        assert expected in kinds, expected
    assert len(kinds) >= 80, len(kinds)


def test_every_printed_field_comes_out_as_text_never_as_markup(poisoned):
    _, fields, content = poisoned
    out = outputs(content)
    problems = []
    for name, html in out.items():
        problems += [f"{name}: {found}" for found in markup_of_payloads(html)]
    assert problems == []
    printed = {fields[m] for m in re.findall(r"hx\d+x", "\n".join(out.values()))}
    never = set(fields.values()) - printed
    assert sorted(never) == sorted(NOT_PRINTED), (
        "fields printed nowhere (print them, or say why in NOT_PRINTED): "
        f"{sorted(never - set(NOT_PRINTED))}; listed as never printed but printed: "
        f"{sorted(set(NOT_PRINTED) - never)}")


def test_each_field_is_escaped_where_it_is_printed(poisoned):
    """Field by field: wherever its marker comes out, its own payload's
    ``<script>`` comes out escaped beside it."""
    _, fields, content = poisoned
    out = outputs(content)
    for marker, field in fields.items():
        for name, html in out.items():
            if re.search(rf"\b{marker}\b", html) is None:
                continue
            plain = re.sub(r"</?bdi[^>]*>", "", html)
            assert f'<script>alert("{marker}")' not in plain, (field, name)
            assert re.search(rf"&lt;script&gt;alert\((&#34;|&quot;|\"){marker}", plain), (field, name)


@pytest.mark.site
def test_the_built_site_prints_every_field_as_text(poisoned, tmp_path_factory):
    """The pages as built (titles in <title>, the header, the navigation, the
    footer, every page of both languages)."""
    from conftest import build_site

    root, fields, _ = poisoned
    site = build_site(tmp_path_factory.mktemp("poisoned-site") / "site", root)
    seen: set[str] = set()
    problems = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        problems += [f"{path.relative_to(site)}: {found}" for found in markup_of_payloads(html)]
        seen |= set(re.findall(r"hx\d+x", html))
    assert problems == []
    printed = {fields[m] for m in seen}
    assert set(fields.values()) - printed == set(NOT_PRINTED) | PDF_ONLY
