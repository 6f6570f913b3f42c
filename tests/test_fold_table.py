"""The Python folding (src/snia/textnorm.py: the checks, the names table)
and the JavaScript one (overrides/assets/javascripts/lunr/min/snia.js: the
reader's search) fold every character the same way.

The table is every character of the scripts the report is written in
(Latin and its accents, combining marks, the Arabic blocks and their
presentation forms, Arabic-Indic digits, general punctuation), alone, inside
a word and at the start of a word: both twins run on it and must give the
same folded word and the same index terms. (tests/search_forms.json holds
the words whose outcome is asked for; this table, the characters.)
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import require_tool
from snia import textnorm

ROOT = Path(__file__).resolve().parent.parent

RANGES = [
    (0x0020, 0x024F),  # Basic Latin to Latin Extended-B (French letters, ligatures œ æ)
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0600, 0x06FF),  # Arabic
    (0x0750, 0x077F),  # Arabic Supplement
    (0x2000, 0x206F),  # general punctuation (spaces, dashes, quotes, direction marks)
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
]


def table() -> list[str]:
    words = []
    for first, last in RANGES:
        for code in range(first, last + 1):
            ch = chr(code)
            if 0xD800 <= code <= 0xDFFF:
                continue
            words += [ch, f"a{ch}b", f"{ch}ab", f"ب{ch}ب", f"{ch}بب", f"ال{ch}ب", f"و{ch}ببب"]
    return words


def python(words: list[str]) -> list[list]:
    return [[textnorm.fold_token(w), textnorm.index_terms(w, {})] for w in words]


def test_python_and_javascript_fold_every_character_alike(tmp_path):
    node = shutil.which("node")
    require_tool(node is not None, "Node.js (`node`)")
    words = table()
    assert len(words) > 10_000
    source = tmp_path / "words.json"
    source.write_text(json.dumps(words), encoding="utf-8")
    out = subprocess.run([node, str(ROOT / "tests" / "js" / "fold_chars.js"), str(source)],
                         capture_output=True, text=True, check=True).stdout
    js = json.loads(out)
    py = python(words)
    differ = [f"{w!r} (U+{ord(w.strip('abبلاو') or w[0]):04X}): Python {p}, JavaScript {j}"
              for w, p, j in zip(words, py, js) if p != j]
    assert len(js) == len(words)
    assert differ == [], f"{len(differ)} differ:\n" + "\n".join(differ[:40])


def test_the_table_holds_what_search_must_fold():
    """The characters the folding is about are in the table, and the Python
    twin folds them as the README says."""
    words = set(table())
    for ch in "éÉœŒæÆأإآٱىةـًٌٍَُِّْ\u0670":
        assert ch in words
    assert textnorm.fold_token("Œuvre") == "oeuvre" and textnorm.fold_token("Æ") == "ae"
    assert textnorm.fold_token("مُهَاجِرٌ") == "مهاجر"
    assert textnorm.fold_token("إدارة") == "اداره" and textnorm.fold_token("مستشفى") == "مستشفي"
