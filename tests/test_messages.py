"""Editors read every message in French: YAML syntax errors said in plain
words at the place to fix, list positions counted from 1, the JSON Schema
descriptions and the command line in French."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from snia.schema import SCHEMAS, schema_text
from snia.yamlsafe import YamlError, field_name, parse

ROOT = Path(__file__).resolve().parent.parent

# (case, YAML text, line, column, words the message must contain)
SYNTAX = [
    ("colon-in-text", "name:\n  fr: Programme 9 : Coopération\nkind: un\n", 2, 19,
     ["« : »", "entre guillemets"]),
    ("colon-in-list-item", "items:\n  - fr: Note : voir\n", 2, 14, ["« : »", "entre guillemets"]),
    ("indented-too-far", "name:\n  fr: a\n   ar: b\nkind: un\n", 3, 6, ["retrait incorrect"]),
    ("indented-too-little", "name:\n  fr: a\n ar: b\nkind: un\n", 3, 2,
     ["retrait incorrect", "alignez"]),
    ("list-item-misaligned", "items:\n  - a\n - b\n", 3, 2, ["élément de liste", "« - »"]),
    ("quote-never-closed", 'name:\n  fr: "abc\nkind: un\n', 2, 7, ["guillemet", "jamais fermé"]),
    ("quote-closed-lines-later", 'name:\n  fr: "abc\n  ar: x\nkind: "un"\n', 2, 7,
     ["guillemet jamais fermé", "guillemet fermant"]),
    ("tab", "name:\n\tfr: a\n", 2, 1, ["tabulation", "espaces"]),
    ("text-starting-with-at", "name:\n  fr: @abc\n", 2, 7, ["« @ »", "entre guillemets"]),
    ("text-after-quote", 'name:\n  fr: "abc" def\n', 2, 13, ["guillemet fermant"]),
    ("line-without-key", "name:\n  fr: a\n  texte sans clé\nkind: un\n", 3, 3,
     ["`champ: valeur`"]),
]


@pytest.mark.parametrize("case,text,line,column,words", SYNTAX, ids=[c[0] for c in SYNTAX])
def test_syntax_errors_say_what_and_where_in_french(case, text, line, column, words):
    with pytest.raises(YamlError) as err:
        parse("content/partners/x.yml", text.encode("utf-8"))
    (p,) = err.value.problems
    assert (p.location.line, p.location.column, p.field) == (line, column, "(syntaxe)"), str(p)
    for w in words:
        assert w in p.message, p.message
    # none of the parser's internals reach the editor
    for internal in ("<block", "mapping values", "expected", "scanning", "token"):
        assert internal not in p.message, p.message


def test_a_hash_inside_an_unquoted_text_is_reported_not_silently_cut():
    doc = parse("x.yml", "name:\n  fr: Programme #9 du rapport\n  ar: نص\nkind: un\n".encode())
    (p,) = doc.problems
    assert (p.location.line, p.field) == (2, "name.fr")
    assert "« # »" in p.message and "entre guillemets" in p.message
    # quoted, the same text is whole and accepted
    doc = parse("x.yml", 'name:\n  fr: "Programme #9 du rapport"\nkind: un  # un commentaire\n'.encode())
    assert doc.problems == [] and doc.data["name"]["fr"] == "Programme #9 du rapport"


def test_list_positions_are_counted_from_one():
    assert field_name(("events", 12, "id")) == "events[13].id"
    assert field_name(("objectives", 0, "code")) == "objectives[1].code"
    assert field_name(()) == "(document)"


ENGLISH = re.compile(r"\b(the|and|when|leave|out|of|it|its|is|an|as|e\.g)\b")


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_schema_descriptions_are_in_french_and_every_field_has_one(name):
    schema = json.loads(schema_text(name))
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("properties", "$defs"):  # names, not keywords
                    for sub, prop in value.items():
                        if key == "properties":
                            assert "description" in prop, f"{name}: {where}.{sub} has no description"
                        walk(prop, f"{where}.{sub}")
                elif key == "description":
                    found.append(value)
                    prose = re.sub(r"`[^`]*`", "", value)  # values and keys are code
                    assert not ENGLISH.search(prose), f"{name}: {where}: English? {value!r}"
                elif key != "title":
                    walk(value, f"{where}.{key}")
                # generated English titles ("Activities Period") are dropped
                if key == "title" and isinstance(value, str):
                    raise AssertionError(f"{name}: {where} has a title {value!r}")
        elif isinstance(node, list):
            for v in node:
                walk(v, where)

    walk(schema, "")
    assert len(found) > 5


def test_command_line_speaks_french():
    run = lambda *a: subprocess.run([sys.executable, "-m", "snia", *a], cwd=ROOT,  # noqa: E731
                                    capture_output=True, text=True)
    helped = run("--help")
    assert helped.returncode == 0 and "utilisation :" in helped.stdout
    assert "vérifie content/" in helped.stdout and "usage:" not in helped.stdout
    wrong = run("chek")
    assert wrong.returncode == 2 and "erreur" in wrong.stderr and "choix invalide" in wrong.stderr
    ok = run("check")
    assert ok.returncode == 0 and ok.stdout.splitlines()[-1].startswith("contenu valide :")
