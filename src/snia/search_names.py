"""The names table of search: an organisation's (or project's) Latin acronym
and its Arabic common name are one name, so a reader who types «اليونيسف»
also finds the pages that write UNICEF, and the other way round.

Fed from content/ at build time: a partner's ``acronym`` and ``acronym_ar``,
and the glossary entries of that partner or project (``acronym``, and the
Arabic short form ``short_ar`` where the glossary gives one). Only names of
one word count (a name of several words is found by its words). The keys and
values are search forms (:func:`snia.textnorm.query_terms` and snia.js read
them the same way); the script is JSON, so no content string is executed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import textnorm
from .model import Content

# one word for search: what the sites' separators leave whole
_SPLIT = re.compile(r"""[\s\-’'()«»",;:!?،؛؟]+""")


def _form(name: str | None) -> str | None:
    if not name or len(_SPLIT.split(name.strip())) != 1:
        return None
    folded = textnorm.trim_edges(textnorm.fold_keep_madda(name))
    return textnorm.chain(folded)[-1] if folded else None


def name_groups(content: Content) -> list[list[str]]:
    """Each entity's one-word names, as search forms, sorted."""
    groups: dict[str, set[str]] = {}
    for pid, partner in content.partners.items():
        groups.setdefault("partner:" + pid, set()).update(
            f for f in (_form(partner.data.acronym), _form(partner.data.acronym_ar)) if f)
    for entry in content.glossary.entries:
        project = getattr(entry, "project", None)
        key = ("partner:" + entry.partner if entry.partner else
               "project:" + project if project else "glossary:" + entry.id)
        names = (entry.acronym, getattr(entry, "short_ar", None), getattr(entry, "acronym_ar", None))
        groups.setdefault(key, set()).update(f for f in map(_form, names) if f)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def names_table(content: Content) -> dict[str, list[str]]:
    """{form: the other forms of the same entity}: what snia.js asks for too."""
    table: dict[str, set[str]] = {}
    for group in name_groups(content):
        for form in group:
            table.setdefault(form, set()).update(f for f in group if f != form)
    return {form: sorted(others) for form, others in sorted(table.items())}


def names_script(content: Content) -> str:
    """snia-names.js: the table, for the search worker."""
    data = json.dumps(names_table(content), ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return ("// Generated at build time from content/ by snia.search_names: an entity's\n"
            "// Latin acronym and Arabic common name, one name for search.\n"
            f"lunr.sniaNames = {data};\n")


def compact_index(path: Path) -> None:
    """Rewrite a search index in UTF-8 (the search plugin escapes every
    non-ASCII letter as ``\\uXXXX``: 6 bytes for an Arabic letter, not 2).
    Same data: the worker's ``JSON.parse`` reads both."""
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
