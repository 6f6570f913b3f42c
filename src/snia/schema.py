"""JSON Schemas of the content files, generated from the model.

They are committed under ``schema/`` and named by each content file's first
line (``# yaml-language-server: $schema=...``), so an editor gets completion
and errors while typing. ``snia schema --check`` fails when they are stale.
Their descriptions come from the model and are in French (editors read them).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .kinds import KINDS
from .model import EditionFile, GlossaryFile


def schemas() -> dict[str, type[BaseModel]]:
    """Each schema's name and model: the two single files, then one per kind
    of entry (:data:`snia.kinds.KINDS`), read when asked (a kind added to the
    registry has its schema)."""
    return {"edition": EditionFile, "glossary": GlossaryFile,
            **{k.schema: k.model for k in KINDS.values()}}


SCHEMAS: dict[str, type[BaseModel]] = schemas()


def _drop_titles(node):
    """Pydantic titles each schema with the English class or key name
    ("Activities Period"); editors read the French ``description`` instead."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "title" and isinstance(value, str):
                continue
            if key in ("properties", "$defs"):
                out[key] = {k: _drop_titles(v) for k, v in value.items()}
            else:
                out[key] = _drop_titles(value)
        return out
    if isinstance(node, list):
        return [_drop_titles(v) for v in node]
    return node


def schema_text(name: str) -> str:
    schema = _drop_titles(schemas()[name].model_json_schema())
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": f"{name}.schema.json", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in schemas():
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        out.append(path)
    return out


def stale_schemas(folder: Path) -> list[Path]:
    """The committed schema files that differ from the model (or are missing)."""
    out = []
    for name in schemas():
        path = folder / f"{name}.schema.json"
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(name):
            out.append(path)
    return out
