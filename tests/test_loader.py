"""The loader and validator: a valid fixture tree, invalid fixtures with one
defect each (location and message asserted), the real content, determinism."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from snia.loader import ContentError, load_content
from snia.schema import SCHEMAS, schema_text, stale_schemas

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

# case (tests/fixtures/invalid/<case>/ overlays the valid tree), file, line,
# column, field, and the start of the message an editor reads.
INVALID = [
    ("alias", "partners/oim.yml", 1, 7, "(syntaxe)", "les ancres (&nom) ne sont pas acceptées"),
    ("ar-empty", "partners/oim.yml", 3, 7, "name.ar", "ne doit pas être vide"),
    ("clock-time", "programmes/09.yml", 24, 11, "figures[1].when", "'12:30' n'a pas la bonne forme"),
    ("date-format", "projects/demo.yml", 10, 14, "status_date",
     "'21/06/2018' n'a pas la bonne forme : écrivez une date sous la forme \"2018\", \"2018-04\" "
     "ou \"2018-04-16\""),
    ("duplicate-id", "programmes/09.yml", 26, 9, "events[1].id",
     "l'identifiant `p9-demo` est déjà utilisé dans programmes/09.yml"),
    ("duplicate-key", "partners/oim.yml", 5, 1, "kind", "clé en double (déjà ligne 4)"),
    ("empty-text", "partners/oim.yml", 2, 7, "name.fr", "ne doit pas être vide"),
    ("missing-field", "partners/oim.yml", 1, 1, "kind", "champ obligatoire absent : ajoutez `kind:`"),
    ("not-utf8", "partners/oim.yml", 6, 10, "(fichier)",
     "l'octet 0xe8 (position 100) n'est pas de l'UTF-8"),
    ("objective-reused", "programmes/10.yml", 3, 11, "objectives[1].code",
     "le code d'objectif OSP 17 est déjà utilisé dans programmes/09.yml"),
    ("octal-amount", "projects/demo.yml", 7, 10, "amount.value",
     "un nombre entier est attendu (par exemple 122), pas '011000000'"),
    ("quoted-number", "programmes/09.yml", 1, 9, "number",
     "un nombre entier est attendu (par exemple 122), pas '9'"),
    ("recommendation-period", "programmes/09.yml", 33, 13, "recommendations[1].period",
     "la période 2017-2018 n'est pas celle des recommandations de l'édition, 2018-2019"),
    ("tab", "partners/oim.yml", 2, 1, "(syntaxe)",
     "tabulation : YAML n'accepte que des espaces pour le retrait des lignes"),
    ("unknown-field", "partners/oim.yml", 5, 1, "colour", "champ inconnu `colour` : vérifiez son orthographe"),
    ("unknown-figure", "programmes/09.yml", 17, 15, "activities[1].figures[1]", "chiffre inconnu `p9-dmo`"),
    ("unknown-objective", "programmes/09.yml", 12, 16, "activities[1].objective",
     "OSP 71 n'est pas un objectif de ce programme"),
    ("unknown-partner", "projects/demo.yml", 5, 16, "implementers[1]",
     "partenaire inconnu `iom` : créez content/partners/iom.yml (`make new KIND=partner ID=iom`) ou "
     "utilisez un identifiant existant, par exemple `oim`"),
    ("yaml11-no", "programmes/09.yml", 25, 10, "figures[1].key", "true (oui) ou false (non) est attendu, pas 'no'"),
    ("yaml11-on", "partners/oim.yml", 4, 7, "kind", "'on' n'est pas accepté : utilisez une de ces valeurs : 'eu', 'un'"),
    # hostile or careless input (issue 8)
    ("date-impossible", "programmes/09.yml", 27, 11, "events[1].date",
     "« 2018-02-30 » n'est pas une date du calendrier : le mois 02/2018 n'a que 28 jours"),
    ("negative-count", "programmes/09.yml", 21, 12, "figures[1].value",
     "-38 est négatif : ce nombre ne peut pas l'être"),
    ("decimal-count", "programmes/09.yml", 8, 16, "actions_count",
     "« 2.50 » n'est pas un nombre entier : ce champ compte des unités entières"),
    ("comment-cut", "programmes/09.yml", 30, 11, "events[1].what.fr",
     "le texte s'arrête avant « # »"),
    ("bidi-control", "partners/oim.yml", 2, 7, "name.fr",
     "caractère de contrôle bidirectionnel invisible U+202E : supprimez-le"),
    ("zero-width", "partners/oim.yml", 2, 7, "name.fr", "caractère invisible U+200B : supprimez-le"),
    ("zwnj-french", "partners/oim.yml", 2, 7, "name.fr",
     "caractère invisible U+200C (antiliant sans chasse) : il n'est accepté que dans un texte arabe"),
    ("whitespace-only", "partners/oim.yml", 3, 7, "name.ar",
     "le texte ne contient que des espaces ou des caractères invisibles"),
    ("too-long", "partners/oim.yml", 2, 7, "name.fr",
     "413 caractères : c'est trop pour un nom ou un titre (300 au plus)"),
    ("explicit-tag", "partners/oim.yml", 3, 10, "acronym",
     "l'étiquette explicite !!python/name:os.system n'est pas acceptée"),
    ("duplicate-partner", "partners/oim.yml", 2, 7, "name.fr",
     "même nom que le partenaire `iom` (content/partners/iom.yml)"),
    # one message for the file, none for the project that names it
    ("file-name", "partners/UNHCR.yaml", 1, 1, "(fichier)",
     "le nom du fichier doit être unhcr.yml"),
    ("deep-nesting", "partners/oim.yml", 5, 31, "(syntaxe)", "plus de 24 niveaux d'imbrication"),
]


def tree_with(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", root)
    shutil.copytree(FIXTURES / "invalid" / case, root, dirs_exist_ok=True)
    return root


def test_every_invalid_fixture_is_listed():
    assert sorted(p.name for p in (FIXTURES / "invalid").iterdir()) == sorted(c[0] for c in INVALID)


@pytest.mark.parametrize("case,path,line,column,field,message", INVALID, ids=[c[0] for c in INVALID])
def test_invalid_fixture_reports_one_problem_where_it_is(tmp_path, case, path, line, column, field, message):
    root = tree_with(tmp_path, case)
    with pytest.raises(ContentError) as err:
        load_content(root, relative_to=root)
    problems = err.value.problems
    assert len(problems) == 1, err.value.report()
    (p,) = problems
    assert (p.location.path, p.location.line, p.location.column, p.field) == (path, line, column, field)
    assert p.message.startswith(message), p.message
    assert str(p).startswith(f"{path}:{line}:{column}: {field}: ")


def test_all_problems_of_a_tree_are_reported_in_one_run(tmp_path):
    root = tree_with(tmp_path, "unknown-field")
    shutil.copytree(FIXTURES / "invalid" / "unknown-partner", root, dirs_exist_ok=True)
    shutil.copytree(FIXTURES / "invalid" / "yaml11-no", root, dirs_exist_ok=True)
    with pytest.raises(ContentError) as err:
        load_content(root, relative_to=root)
    fields = [(p.location.path, p.field) for p in err.value.problems]
    assert fields == [
        ("partners/oim.yml", "colour"),
        ("programmes/09.yml", "figures[1].key"),
        ("projects/demo.yml", "implementers[1]"),
    ]


def test_valid_fixture_loads_with_its_values():
    c = load_content(FIXTURES / "valid")
    assert list(c.programmes) == ["09"]
    prog = c.programmes["09"].data
    assert [o.code for o in prog.objectives] == ["OSP 17"]
    assert prog.figures[0].value == 38 and prog.figures[0].when == "2018"
    assert c.projects["demo"].data.amount.value == 11_000_000
    assert c.projects["demo"].data.status_date == "2018-06-21"  # kept as written, not a date object
    assert c.partners["oim"].data.name.ar is None  # missing Arabic is absent, not ""


def test_yaml_1_1_values_are_kept_as_written(tmp_path):
    """`no`, `on`, `012` and `12:30` in a text field stay the text written."""
    root = tree_with(tmp_path, "unknown-field")  # any tree; overwrite oim.yml
    (root / "partners" / "oim.yml").write_text(
        "name:\n  fr: no\ncountry:\n  fr: on\nacronym: 012\ndescription:\n  fr: 12:30\nkind: un\n",
        encoding="utf-8",
    )
    d = load_content(root, relative_to=root).partners["oim"].data
    assert (d.name.fr, d.country.fr, d.acronym, d.description.fr) == ("no", "on", "012", "12:30")


def test_real_content_has_no_problem():
    content = load_content(ROOT / "content", relative_to=ROOT)
    assert set(content.programmes) == {"08", "09"}
    assert [o.code for o in content.programmes["09"].data.objectives] == ["OSP 17", "OSP 18", "OSP 19"]
    assert content.programmes["08"].data.title is None  # unknown, stays unknown
    assert content.programmes["09"].data.actions_count == 5


def test_check_command_exits_non_zero_with_every_problem(tmp_path):
    root = tree_with(tmp_path, "duplicate-key")
    shutil.copytree(FIXTURES / "invalid" / "unknown-partner", root, dirs_exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", "snia", "check", str(root), "--schema", str(ROOT / "schema")],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("content/partners/oim.yml:5:1: kind: clé en double")
    assert lines[1].startswith("content/projects/demo.yml:5:16: implementers[1]: partenaire inconnu `iom`")
    assert "2 problème(s)" in lines[2]


def test_loading_is_deterministic():
    a = load_content(ROOT / "content", relative_to=ROOT)
    b = load_content(ROOT / "content", relative_to=ROOT)
    assert list(a.partners) == sorted(a.partners)
    assert list(a.projects) == sorted(a.projects)
    dump = lambda c: [  # noqa: E731
        c.edition.model_dump(), c.glossary.model_dump(),
        [(k, v.path, v.data.model_dump()) for k, v in c.programmes.items()],
        [(k, v.path, v.data.model_dump()) for k, v in c.partners.items()],
        [(k, v.path, v.data.model_dump()) for k, v in c.projects.items()],
    ]
    assert dump(a) == dump(b)


def test_committed_schemas_match_the_model():
    assert stale_schemas(ROOT / "schema") == []


def test_schema_check_fails_when_a_schema_is_stale(tmp_path):
    for name in SCHEMAS:
        (tmp_path / f"{name}.schema.json").write_text(schema_text(name), encoding="utf-8")
    assert stale_schemas(tmp_path) == []
    (tmp_path / "partner.schema.json").write_text("{}", encoding="utf-8")
    assert stale_schemas(tmp_path) == [tmp_path / "partner.schema.json"]


def test_every_content_file_names_its_schema():
    for path in sorted((ROOT / "content").rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = {"programmes": "programme", "partners": "partner", "projects": "project"}.get(
            path.parent.name, path.stem)
        target = (path.parent / first.split("$schema=", 1)[-1]).resolve()
        assert first.startswith("# yaml-language-server: $schema="), path
        assert target == (ROOT / "schema" / f"{kind}.schema.json").resolve(), path
