"""Every check across files (``snia.loader.check_references``) has its case:
one defect laid on the valid fixture, exactly one problem reported, at the
file, line, column and field of the defect, said in French.

A check that stopped working (or a new reference without its check) shows
here as a missing problem or as a rendering error with no file:line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from snia import pages
from snia.loader import ContentError, load_content

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "fixtures" / "valid"

# (case, file, text replaced, replacement, where "file:line:column: field", message
# start (or the starts of the messages at that place), [other problems it also causes])
CASES = [
    ("programme-number-twice", "programmes/10.yml", None, "number: 9\n",
     "programmes/10.yml:1:9: number", ["le programme 9 doit être dans un fichier nommé 09.yml",
                                       "le programme 9 est déjà défini dans programmes/09.yml"]),
    ("programme-file-name", "programmes/09.yml", "number: 9", "number: 7",
     "programmes/09.yml:1:9: number", "le programme 7 doit être dans un fichier nommé 07.yml",
     ["projects/demo.yml:3:12: programme: le programme 9 n'existe pas"]),
    ("objective-code-twice", "programmes/09.yml", "  - code: OSP 17\n",
     "  - code: OSP 17\n    title:\n      fr: Autre\n  - code: OSP 17\n",
     "programmes/09.yml:8:11: objectives[2].code", "le code d'objectif OSP 17 est déjà utilisé"),
    ("activities-period", "programmes/09.yml", 'activities_period: "2017-2018"',
     'activities_period: "2016-2017"', "programmes/09.yml:9:20: activities_period",
     "la période 2016-2017 n'est pas celle des activités de l'édition, 2017-2018"),
    ("event-id-twice", "programmes/09.yml", "events:\n",
     'events:\n  - id: p9-demo\n    date: "2018"\n    what:\n      fr: Autre\n',
     "programmes/09.yml:26:9: events[1].id", "l'identifiant `p9-demo` est déjà utilisé"),
    ("activity-id-twice", "programmes/09.yml", "  - id: p9-a1", "  - id: p9-r1",
     "programmes/09.yml:35:13: recommendations[1].items[1].id", "l'identifiant `p9-r1` est déjà utilisé"),
    ("total-below-value", "programmes/09.yml", "    value: 38\n", "    value: 38\n    of: 30\n",
     "programmes/09.yml:22:9: figures[1].of", "le total 30 est plus petit que la valeur 38"),
    ("event-ends-before", "programmes/09.yml", 'end: "2018-04-18"', 'end: "2018-04-01"',
     "programmes/09.yml:28:10: events[1].end", "la fin (2018-04-01) précède le début (2018-04-16)"),
    ("event-partner", "programmes/09.yml", "      fr: Atelier\n    partners: [oim]",
     "      fr: Atelier\n    partners: [iom]", "programmes/09.yml:31:16: events[1].partners[1]",
     "partenaire inconnu `iom` : créez content/partners/iom.yml"),
    ("event-project", "programmes/09.yml", "      fr: Atelier\n    partners: [oim]",
     "      fr: Atelier\n    partners: [oim]\n    projects: [demi]",
     "programmes/09.yml:32:16: events[1].projects[1]", "projet inconnu `demi` : créez content/projects/demi.yml"),
    ("activity-objective", "programmes/09.yml", "    objective: OSP 17", "    objective: OSP 18",
     "programmes/09.yml:12:16: activities[1].objective", "OSP 18 n'est pas un objectif de ce programme"),
    ("activity-partner", "programmes/09.yml", "    partners: [oim]\n    projects: [demo]",
     "    partners: [oim, iom]\n    projects: [demo]", "programmes/09.yml:15:21: activities[1].partners[2]",
     "partenaire inconnu `iom`"),
    ("activity-project", "programmes/09.yml", "    projects: [demo]", "    projects: [demi]",
     "programmes/09.yml:16:16: activities[1].projects[1]", "projet inconnu `demi`"),
    ("activity-figure", "programmes/09.yml", "    figures: [p9-demo]\n    events",
     "    figures: [p9-dmo]\n    events", "programmes/09.yml:17:15: activities[1].figures[1]",
     "chiffre inconnu `p9-dmo`"),
    ("activity-event", "programmes/09.yml", "    events: [p9-e1]", "    events: [p9-e2]",
     "programmes/09.yml:18:14: activities[1].events[1]", "événement inconnu `p9-e2`"),
    ("recommendation-period", "programmes/09.yml", '  - period: "2018-2019"', '  - period: "2017-2018"',
     "programmes/09.yml:33:13: recommendations[1].period",
     "la période 2017-2018 n'est pas celle des recommandations de l'édition"),
    ("partner-parent", "partners/oim.yml", "kind: un", "kind: un\nparent: onu",
     "partners/oim.yml:5:9: parent", "partenaire inconnu `onu`"),
    ("partner-same-acronym", "partners/iom.yml", None,
     "name:\n  fr: International Organization for Migration\nacronym: OIM\nkind: un\n",
     "partners/oim.yml:3:10: acronym", "même sigle que le partenaire `iom`"),
    ("project-programme", "projects/demo.yml", "programme: 9", "programme: 5",
     "projects/demo.yml:3:12: programme", "le programme 5 n'existe pas : créez content/programmes/05.yml"),
    ("project-objective", "projects/demo.yml", "objective: OSP 17", "objective: OSP 71",
     "projects/demo.yml:4:12: objective", "objectif inconnu OSP 71"),
    ("project-parent", "projects/demo.yml", "programme: 9", "programme: 9\nparent: demi",
     "projects/demo.yml:4:9: parent", "projet inconnu `demi`"),
    ("project-own-parent", "projects/demo.yml", "programme: 9", "programme: 9\nparent: demo",
     "projects/demo.yml:4:9: parent", "un projet ne peut pas faire partie de lui-même"),
    ("project-funder", "projects/demo.yml", "implementers: [oim]", "implementers: [oim]\nfunders: [ue]",
     "projects/demo.yml:6:11: funders[1]", "partenaire inconnu `ue`"),
    ("project-implementer", "projects/demo.yml", "implementers: [oim]", "implementers: [iom]",
     "projects/demo.yml:5:16: implementers[1]", "partenaire inconnu `iom`"),
    ("project-partner", "projects/demo.yml", "implementers: [oim]", "implementers: [oim]\npartners: [ue]",
     "projects/demo.yml:6:12: partners[1]", "partenaire inconnu `ue`"),
    ("project-figure", "projects/demo.yml", "figures: [p9-demo]", "figures: [p9-dmo]",
     "projects/demo.yml:11:11: figures[1]", "chiffre inconnu `p9-dmo`"),
    ("glossary-id-twice", "glossary.yml", "  - id: retour-volontaire", "  - id: oim",
     "glossary.yml:9:9: entries[2].id", "l'identifiant `oim` est déjà utilisé par l'entrée n° 1"),
    ("glossary-acronym-missing", "glossary.yml", "    acronym: OIM\n", "",
     "glossary.yml:2:5: entries[1]", "une entrée de type acronym doit avoir `acronym:`"),
    ("glossary-partner", "glossary.yml", "    partner: oim", "    partner: iom",
     "glossary.yml:8:14: entries[1].partner", "partenaire inconnu `iom`"),
    ("glossary-project", "glossary.yml", "    partner: oim", "    partner: oim\n    project: demi",
     "glossary.yml:9:14: entries[1].project", "projet inconnu `demi`"),
]


def tree(tmp_path: Path, file: str, old: str | None, new: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(VALID, root)
    path = root / file
    if old is None:
        path.write_text(new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (file, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return root


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_cross_file_check_reports_its_defect_where_it_is(tmp_path, case):
    _, file, old, new, where, message, *also = case
    root = tree(tmp_path, file, old, new)
    with pytest.raises(ContentError) as err:
        load_content(root, relative_to=root)
    problems = sorted(str(p) for p in err.value.problems)
    expected = sorted([f"{where}: {m}" for m in ([message] if isinstance(message, str) else message)]
                      + (also[0] if also else []))
    assert len(problems) == len(expected), problems
    for found, start in zip(problems, expected):
        assert found.startswith(start), (found, start)


def test_the_valid_fixture_renders_every_page_once_checked():
    """What the check lets through renders: every entity page and fragment of
    the valid fixture (a reference the check missed would fail here with a
    KeyError or StopIteration instead of a file:line)."""
    content = load_content(VALID, relative_to=VALID)
    for lang in ("fr", "ar"):
        for p in pages.entity_pages(content):
            assert pages.render_entity(p.kind, p.ident, content, lang, "x/")
        for name in pages.FRAGMENTS:
            assert pages.render_fragment(name, content, lang, "x/")


def _references(model, prefix=""):
    """The fields of ``model`` (recursively) that name another entry: an id
    (other than the entry's own ``id``) or an objective code."""
    import typing

    from pydantic import BaseModel

    def patterns(tp):
        if typing.get_origin(tp) is typing.Annotated:
            return [getattr(m, "pattern", None) for m in typing.get_args(tp)[1:]]
        return [p for a in typing.get_args(tp) for p in patterns(a)]

    def inner(tp):
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return tp
        return next((m for a in typing.get_args(tp) if (m := inner(a))), None)

    out = set()
    for name, info in model.model_fields.items():
        found = [p for p in patterns(info.annotation) + [getattr(m, "pattern", None) for m in info.metadata] if p]
        if name != "id" and any(p.startswith(("^[a-z0-9]", "^OSP")) for p in found):
            out.add(prefix + name)
        sub = inner(info.annotation)
        if sub is not None and sub.__name__ != "Text":
            out |= _references(sub, f"{prefix}{name}.")
    return out


# Checked by snia.charts (tests/test_charts.py has their cases).
CHART_REFERENCES = {"charts.figures", "charts.total", "charts.amounts", "charts.events"}


def test_every_reference_field_of_the_model_has_its_case():
    """Every field of the model that names another entry has a case above (a
    new reference field fails here until its check and its case exist)."""
    from snia.model import GlossaryFile, PartnerFile, ProgrammeFile, ProjectFile

    fields = set()
    for file, model in [("programmes", ProgrammeFile), ("partners", PartnerFile),
                        ("projects", ProjectFile), ("glossary", GlossaryFile)]:
        fields |= {f"{file}:{f}" for f in _references(model)}
    covered = set()
    for case in CASES:
        path, field = case[4].split(": ", 1)
        file = path.split("/")[0].split(".")[0]
        covered.add(f"{file}:" + re.sub(r"\[\d+\]", "", field))
    charts = {f"programmes:{f}" for f in CHART_REFERENCES}
    assert charts <= fields
    assert sorted(fields - covered - charts) == []
