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
from snia import textnorm

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
