"""The numbers and glossary checks of ``snia translations check``, on the
narrative pages: an Arabic page (``docs/ar/x.md``) against its French page
(``docs/fr/x.md``), paragraph by paragraph where both have the same number of
paragraphs, else the page as a whole.

* every number written in digits in the French is in the Arabic, and no
  other (macro calls such as ``{{ figures_index() }}`` are left out: their
  numbers come from content/, checked there; so are code spans, file names);
* a glossary term the French uses is rendered by its glossary Arabic (or one
  of the renderings the glossary allows).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from . import textnorm
from .model import Content
from .review import page_body
from .translation import _diff, pages
from .yamlsafe import Location, Problem

_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_CODE = re.compile(r"`[^`]*`")


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph of a page's body, front matter counted."""
    body = page_body(text)
    offset = text[: len(text) - len(body)].count("\n")
    out, line = [], offset + 1
    for block in re.split(r"(\n\s*\n)", body):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            lead = len(block) - len(block.lstrip("\n"))
            out.append((line + lead, _CODE.sub(" ", _LINK_TARGET.sub(" ", _MACRO.sub(" ", block)))))
        line += block.count("\n")
    return out


# attached pronouns (folded): «برامجها» is «برامج» + «ها»
_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "نا", "كم", "ي")


def has_term(ar_words: list[str], phrase: str) -> bool:
    """``phrase`` in the words, a one-word term also with an attached pronoun."""
    target = textnorm.words(phrase)
    if len(target) == 1:
        t = target[0]
        return any(w == t or (w.startswith(t) and w[len(t):] in _PRONOUNS) for w in ar_words)
    return textnorm.contains_phrase(ar_words, phrase)


def glossary_terms(content: Content):
    shared = Counter(textnorm.fold(e.term.fr) for e in content.glossary.entries)
    return [
        (e, [e.term.fr, *e.variants_fr],
         [e.term.ar, *e.variants_ar,
          *(f for r in getattr(e, "renderings", []) for f in (r.ar, *r.variants_ar))])
        for e in content.glossary.entries
        if e.term.ar is not None and shared[textnorm.fold(e.term.fr)] == 1
        and e.partner is None and getattr(e, "project", None) is None
    ]


def check_pages(content: Content, docs: Path, *, relative_to: Path) -> list[Problem]:
    glossary = glossary_terms(content)
    problems = []
    for page in pages(docs):
        if page.meta is None or not page.ar_path.is_file():
            continue
        try:
            label = page.ar_path.resolve().relative_to(relative_to.resolve()).as_posix()
        except ValueError:
            label = str(page.ar_path)
        fr, ar = _paragraphs(page.fr_text), _paragraphs(page.ar_path.read_text(encoding="utf-8"))
        pairs = (list(zip(fr, ar)) if len(fr) == len(ar)
                 else [((fr[0][0] if fr else 1, "\n".join(t for _, t in fr)),
                        (ar[0][0] if ar else 1, "\n".join(t for _, t in ar)))])
        for (_, fr_text), (line, ar_text) in pairs:
            where = Location(label, line, 1)
            fr_nums, ar_nums = textnorm.numbers(fr_text), textnorm.numbers(ar_text)
            if fr_nums != ar_nums:
                said = []
                if missing := _diff(fr_nums, ar_nums):
                    said.append("absents de l'arabe : " + ", ".join(map(str, missing)))
                if extra := _diff(ar_nums, fr_nums):
                    said.append("absents du français : " + ", ".join(map(str, extra)))
                problems.append(Problem(where, "(page)", "les nombres diffèrent de la page française ("
                                        + " ; ".join(said) + ") : écrivez les mêmes nombres en chiffres"))
            fr_words, ar_words = textnorm.words(fr_text), textnorm.words(ar_text)
            for entry, fr_forms, ar_forms in glossary:
                if any(textnorm.contains_phrase(fr_words, f) for f in fr_forms) and not any(
                        has_term(ar_words, a) for a in ar_forms):
                    problems.append(Problem(
                        where, "(page)",
                        f"la page française dit « {entry.term.fr} » : l'arabe doit employer le "
                        f"terme du glossaire « {entry.term.ar} » (content/glossary.yml, entrée "
                        f"{entry.id})"))
    return sorted(problems)
