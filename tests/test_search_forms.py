"""The search folding has two twins that must agree word for word: Python
(src/snia/textnorm.py, used by the checks and to write the names table) and
JavaScript (overrides/assets/javascripts/lunr/min/snia.js, in the reader's
browser). Both are run on tests/search_forms.json; the JavaScript also runs
in Chromium with the real lunr (tests/browser/test_search.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import require_tool
from snia import search_names, textnorm

ROOT = Path(__file__).resolve().parent.parent
TABLE = json.loads((ROOT / "tests" / "search_forms.json").read_text("utf-8"))
CASES = TABLE["cases"]
SEPARATOR = re.compile(TABLE["separator"])
KEYS = ("fold", "index", "query", "reduced")


@pytest.mark.parametrize("case", CASES, ids=[c["word"] for c in CASES])
def test_python_twin(case):
    assert textnorm.fold_token(case["word"]) == case["fold"]
    assert textnorm.index_terms(case["word"], TABLE["names"]) == case["index"]
    assert textnorm.query_terms(case["asked"], SEPARATOR) == case["query"]
    assert textnorm.query_terms(case["asked"], SEPARATOR, reduce=True) == case["reduced"]


def test_javascript_twin_in_node():
    node = shutil.which("node")
    require_tool(node is not None, "Node.js (`node`)")
    out = subprocess.run([node, str(ROOT / "tests" / "js" / "search_forms.js")],
                         capture_output=True, text=True, check=True).stdout
    got = json.loads(out)
    wrong = [f"{c['word']!r}: JS gives {g} where the table says "
             f"{ {k: c[k] for k in KEYS} }"
             for c, g in zip(CASES, got) if [g[k] for k in KEYS] != [c[k] for k in KEYS]]
    assert len(got) == len(CASES) and not wrong, "\n".join(wrong)


def test_the_table_covers_the_issue():
    """The cases the issue names are in the table, with the outcome it asks."""
    by_word = {c["word"]: c for c in CASES}

    def meet(query_word, text_word):
        asked = set(by_word[query_word]["query"].split())
        indexed = by_word[text_word]["index"]
        return any(a.endswith("*") and any(i.startswith(a[:-1]) for i in indexed)
                   or a in indexed for a in asked)

    assert meet("bourses", "bourse") and meet("réfugié", "réfugiés")
    assert meet("المهاجرين", "مهاجر") and meet("مبادرات", "مبادرة")
    assert meet("اليونيسف", "UNICEF") and meet("UNICEF", "اليونيسف")
    assert meet("اليات", "آليات") and meet("آليات", "الآليات")
    assert by_word["آليات"]["index"] == ["اليات"], "آ read as the article"
    assert not meet("مهاجر", "مبادرة") and not meet("bourses", "réseaux")
    for word in ("(.*)", "\\", "^~*+-:"):
        assert by_word[word]["query"] == ""


# --- the names table, from content/ ------------------------------------------

def _content(partners, entries):
    from types import SimpleNamespace as NS
    return NS(partners={pid: NS(data=NS(acronym=a, acronym_ar=b)) for pid, (a, b) in partners.items()},
              glossary=NS(entries=[NS(id=i, partner=p, project=None, acronym=a, short_ar=s)
                                   for i, p, a, s in entries]))


def test_names_table_groups_acronym_and_arabic_common_name():
    content = _content({"unicef": ("UNICEF", None), "hcr": ("HCR", None)},
                       [("unicef", "unicef", "UNICEF", "اليونيسف"),
                        ("unhcr", "hcr", "UNHCR", "المفوضية السامية لشؤون اللاجئين")])
    table = search_names.names_table(content)
    # one-word names only: a name of several words is found by its words
    assert table == {"unicef": ["يونيسف"], "يونيسف": ["unicef"], "hcr": ["unhcr"], "unhcr": ["hcr"]}


def test_names_script_is_data_only():
    hostile = 'x</script>y\\z`${1}\u0600'  # one word: no separator in it
    content = _content({"x": ("X", hostile)}, [])
    table = search_names.names_table(content)
    assert len(table) == 2, table
    script = search_names.names_script(content)
    body = script.split("lunr.sniaNames = ", 1)[1].rstrip().rstrip(";")
    assert json.loads(body) == table
    assert all(ch < "\x7f" for ch in script.split("\n", 2)[2]), "non-ASCII left unescaped"


def test_the_sites_names_table_knows_unicef():
    from snia import pages
    table = search_names.names_table(pages.content_for(ROOT))
    assert table.get("يونيسف") == ["unicef"] and table.get("unicef") == ["يونيسف"]


def test_compact_index_keeps_the_data(tmp_path):
    index = tmp_path / "search_index.json"
    data = {"config": {"lang": ["ar"]}, "docs": [{"location": "", "title": "الهجرة", "text": "« x »"}]}
    index.write_text(json.dumps(data), encoding="utf-8")
    before = index.stat().st_size
    search_names.compact_index(index)
    assert json.loads(index.read_text("utf-8")) == data
    assert "\\u" not in index.read_text("utf-8") and index.stat().st_size < before


@pytest.mark.site
def test_search_index_stays_small_in_arabic(site_dir):
    """Arabic letters cost 2 bytes, not 6 (\\uXXXX), and the full report, which
    repeats every page, is not indexed a second time."""
    fr = (site_dir / "search" / "search_index.json").read_bytes()
    ar = (site_dir / "ar" / "search" / "search_index.json").read_bytes()
    assert b"\\u06" not in ar
    assert len(ar) < 1.6 * len(fr), (len(ar), len(fr))
    for index in (fr, ar):
        locations = [d["location"] for d in json.loads(index)["docs"]]
        assert locations and not [loc for loc in locations if loc.startswith("rapport-complet")]
