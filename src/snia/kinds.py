"""The kinds of entry that have a file each in ``content/`` and a page each
on the site: one registry, read by the loader, the schema generator, page
generation, navigation, the scaffold and the outputs.

Adding a kind is: its model class (:mod:`snia.model`), its template
(``templates/<name>.html``, which receives the entry as ``entry`` and under
the kind's own variable name), its labels in ``ui.yml`` (``describe_<name>``,
``nav_<name>``) and one :class:`Kind` in :data:`KINDS` here.

One key names a kind everywhere: its singular ``name`` (``"programme"``),
the same in ``Content.entities``, ``url('programme', id)``, the schema file
(``schema/programme.schema.json``), ``snia new programme`` and the labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from pydantic import BaseModel

from . import i18n
from .model import PartnerFile, ProgrammeFile, ProjectFile, Text

if TYPE_CHECKING:
    from .model import Content, Entity


def text_or(text: Text | None, lang: str, fallback: str) -> str:
    """A text in ``lang`` as plain text (the French when not translated)."""
    if text is None:
        return fallback
    return text.get(lang) or text.fr


@dataclass(frozen=True)
class Kind:
    name: str  # the one key: "programme"
    model: type[BaseModel]  # what one file is (pydantic, French descriptions)
    folder: str  # its folder in content/: "programmes"
    sections: dict[str, str]  # its URL section per language: {"fr": "programmes", ...}
    title: Callable[["Content", "Entity", str], str]  # its page title, plain text, per language
    var: str = ""  # the template's own name for the entry ("prog"), besides ``entry``
    noun: str = ""  # what editors call one (French): "partenaire", in check messages
    nouns: str = ""  # and several, when not the noun and an s
    # values its page description label (``describe_<name>``) takes besides its title
    describe: Callable[["Content", "Entity", str], dict] = field(default=lambda c, e, lang: {})

    @property
    def plural(self) -> str:
        return self.nouns or self.noun + "s"

    @property
    def template(self) -> str:
        return f"{self.name}.html"

    @property
    def schema(self) -> str:
        """Its schema's name: ``schema/<schema>.schema.json``."""
        return self.name

    def section(self, lang: str = "fr") -> str:
        return self.sections[lang]

    def path(self, ident: str, lang: str = "fr") -> str:
        """The site path (directory URL) of an entry's page: ``projets/glo-act/``."""
        return f"{self.section(lang)}/{ident}/"


# --------------------------------------------------------------------------
# Title rules (the one place page titles are formatted as plain text)


def _programme_title(content, prog, lang: str) -> str:
    head = i18n.ui("programme_n", lang, n=prog.data.number)
    if not prog.data.title:
        return head
    return f"{head}{i18n.ui('colon', lang)}{text_or(prog.data.title, lang, '')}"


def _partner_title(content, part, lang: str) -> str:
    name = text_or(part.data.name, lang, part.id)
    abbr = content.abbreviation(part.id, lang)  # no Latin acronym in Arabic (STYLE.ar.md)
    return f"{name} ({abbr})" if abbr else name


def _project_title(content, proj, lang: str) -> str:
    return text_or(proj.data.name, lang, proj.id)


def _same(section: str) -> dict[str, str]:
    # Both languages use the same paths: the language switch and the hreflang
    # alternates link a page to the same path under ar/.
    return {lang: section for lang in i18n.LANGS}


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("programme", ProgrammeFile, "programmes", _same("programmes"), _programme_title,
             var="prog", noun="programme"),
        Kind("partner", PartnerFile, "partners", _same("partenaires"), _partner_title,
             var="partner", noun="partenaire",
             describe=lambda c, e, lang: {"kind": i18n.ui("kind_" + e.data.kind, lang)}),
        Kind("project", ProjectFile, "projects", _same("projets"), _project_title,
             var="project", noun="projet"),
    )
}


def kind(name: str) -> Kind:
    return KINDS[name]


def by_folder(folder: str) -> Kind | None:
    return next((k for k in KINDS.values() if k.folder == folder), None)
