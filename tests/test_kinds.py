"""The registry of kinds (snia.kinds) is the one place a kind of entry is
declared: a throw-away kind added through it alone — its model class, its
template, its labels, one registry entry — has its pages in both languages,
its JSON Schema and its validation. Done in a copy of the project (nothing
is left behind in the repository)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from project_copy import copy_project
from snia import kinds, links, loader, pages, schema
from snia.model import Content

pytestmark = pytest.mark.site

MODEL = '''

class MeetingFile(Strict):
    """``content/meetings/ID.yml`` : une réunion que le rapport cite."""

    name: Text = Field(description="Son nom, tel que dans le rapport.")
    date: PartialDate = Field(description="Sa date, entre guillemets.")
    partners: list[Id] = Field(default_factory=list, description="Les partenaires présents.")
'''

ENTRY = '''
KINDS["meeting"] = Kind(
    "meeting", MeetingFile, "meetings", {"fr": "reunions", "ar": "reunions"},
    lambda c, e, lang: text_or(e.data.name, lang, e.id), var="meeting", noun="réunion")
'''

TEMPLATE = """{#- A meeting's page. Context: meeting (an Entity of MeetingFile), c, idx, lang. -#}
{% from "_macros.html" import partner_link with context %}
<p class="snia-meeting">{{ meeting.data.name | t }} — {{ meeting.data.date | when }}</p>
<ul>{% for p in meeting.data.partners %}<li>{{ partner_link(p) }}</li>{% endfor %}</ul>
"""

LABELS = """describe_meeting: {fr: "{title} : une réunion du rapport", ar: "{title}: اجتماع في التقرير"}
nav_meeting: {fr: "Réunions", ar: "الاجتماعات"}
"""

GOOD = """name:
  fr: Réunion de coordination
  ar: اجتماع التنسيق
date: "2018-05-03"
partners: [oim]
"""

ONE_DEFECT = """name:
  fr: Réunion annuelle
date: "2018-13-01"
"""


def _env(project: Path) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0",
               SOURCE_DATE_EPOCH="1543622400", PYTHONPATH=str(project / "src"))
    env.pop("SNIA_CONTENT", None)
    return env


def _run(project: Path, *cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *cmd], cwd=project, env=_env(project),
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("kind") / "p")
    src = root / "src" / "snia"
    with open(src / "model.py", "a", encoding="utf-8") as f:  # 1. the model class
        f.write(MODEL)
    (src / "templates" / "meeting.html").write_text(TEMPLATE, encoding="utf-8")  # 2. its template
    with open(src / "ui.yml", "a", encoding="utf-8") as f:  # 3. its labels
        f.write(LABELS)
    k = (src / "kinds.py").read_text(encoding="utf-8")  # 4. one registry entry
    k = k.replace("from .model import PartnerFile,", "from .model import MeetingFile, PartnerFile,")
    (src / "kinds.py").write_text(k + ENTRY, encoding="utf-8")
    (root / "content" / "meetings").mkdir()
    (root / "content" / "meetings" / "coordination.yml").write_text(
        "# yaml-language-server: $schema=../../schema/meeting.schema.json\n" + GOOD, encoding="utf-8")
    return root


def test_the_registry_knows_todays_kinds_under_one_key():
    assert list(kinds.KINDS) == ["programme", "partner", "project"]
    assert set(schema.schemas()) == {"edition", "glossary", "programme", "partner", "project"}
    for name, k in kinds.KINDS.items():
        assert k.schema == name and k.template == f"{name}.html"
        assert schema.schemas()[name] is k.model


def test_a_new_kind_is_built_in_both_languages(project: Path):
    out = project / "built"
    proc = _run(project, "mkdocs", "build", "--strict", "-d", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for lang, prefix in (("fr", ""), ("ar", "ar/")):
        page = (out / prefix / "reunions" / "coordination" / "index.html").read_text(encoding="utf-8")
        assert '<p class="snia-meeting">' in page
        name = "Réunion de coordination" if lang == "fr" else "اجتماع التنسيق"
        assert f"<h1>{name}</h1>" in page or f">{name}</h1>" in page
        # the partner it names is linked to its page, relative to this one
        assert 'href="../../partenaires/oim/"' in page
        # and the kind has its own section in the navigation, titled by its label
        assert ("Réunions" if lang == "fr" else "الاجتماعات") in page
    # the open data (an output of the same content) holds it too, schema included
    data = json.loads((out / "donnees" / "rapport-snia-2018.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in data["meetings"]] == ["coordination"]
    made = json.loads((out / "donnees" / "rapport-snia-2018.schema.json").read_text(encoding="utf-8"))
    assert "MeetingRecord" in made["$defs"] and "meetings" in made["properties"]


def test_a_new_kind_has_its_schema(project: Path):
    proc = _run(project, "snia", "schema")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    made = json.loads((project / "schema" / "meeting.schema.json").read_text(encoding="utf-8"))
    assert made["$id"] == "meeting.schema.json"
    assert set(made["properties"]) == {"name", "date", "partners"}
    assert made["description"].startswith("``content/meetings/ID.yml`` : une réunion")


def test_a_new_kind_is_validated_in_french_with_its_place(project: Path):
    bad = project / "content" / "meetings" / "annuelle.yml"
    bad.write_text(ONE_DEFECT, encoding="utf-8")
    try:
        proc = _run(project, "snia", "check")
    finally:
        bad.unlink()
    assert proc.returncode != 0
    lines = [line for line in (proc.stdout + proc.stderr).splitlines()
             if line.startswith("content/meetings/")]
    assert lines == [lines[0]] and lines[0].startswith("content/meetings/annuelle.yml:3:7: date: "), lines
    assert "n'a pas la bonne forme" in lines[0] and "2018-04-16" in lines[0]


def test_links_of_each_output():
    page = links.PageLinks("ar", "programmes/09/")
    assert page.url("project", "glo-act") == "../../projets/glo-act/"
    assert page.file("donnees/x.csv") == "../../../donnees/x.csv"
    assert page.french() == "../../../programmes/09/"
    doc = links.DocumentLinks("fr", "rapport-complet/", None)
    assert doc.url("project", "glo-act", "montant") == "#projet-glo-act-montant"
    assert doc.url("downloads") is None
    assert doc.file("donnees/x.csv") == "../donnees/x.csv"
    absolute = links.AbsoluteLinks("ar", "https://example.org/snia/")
    assert absolute.url("partner", "oim") == "https://example.org/snia/ar/partenaires/oim/"
    assert absolute.url("objective", "OSP 17") == "https://example.org/snia/ar/objectifs/#osp-17"
    assert absolute.file("donnees/x.csv") == "https://example.org/snia/donnees/x.csv"


def test_generated_pages_join_the_navigation():
    content = loader.load_content(Path(__file__).parent.parent / "content")
    made = pages.entity_pages(content, "fr")
    nav = [{"Accueil": "index.md"}, {"Projets": ["projets/index.md"]}]
    pages.join_nav(nav, [p for p in made if p.kind == "project"], "fr")
    assert nav[1]["Projets"][1:] == [f"projets/{j}.md" for j in content.projects]
    assert len(nav) == 2
    assert isinstance(content, Content)
