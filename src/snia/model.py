"""The content model of the SNIA annual report.

Plain pydantic models, no MkDocs. One YAML file in ``content/`` is one of the
``*File`` models below; :mod:`snia.loader` reads and validates them and
:func:`snia.loader.load_content` returns a :class:`Content`.

Conventions an editor sees:

* every human-readable text is a :class:`Text` mapping with ``fr`` and,
  once translated, ``ar``; a missing translation is an absent ``ar`` key,
  never an empty string;
* what the report does not say is left out (``None``), and shown on the site
  as unknown;
* dates may be partial: ``2018``, ``2018-04`` or ``2018-04-16``;
* periods are ``2017-2018`` (or a single year).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# --------------------------------------------------------------------------
# Scalars

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="Identifier: lower-case letters, digits and hyphens, e.g. `glo-act`."),
]
PartialDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    Field(description="A date, possibly partial: `2018`, `2018-04` or `2018-04-16`. Quote it."),
]
Period = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-\d{4})?$"),
    Field(description="A year or a span of years: `2018` or `2017-2018`."),
]
ObjectiveCode = Annotated[
    str,
    StringConstraints(pattern=r"^OSP \d{1,3}$"),
    Field(description="Objective code: `OSP` then a space and its number, e.g. `OSP 17`."),
]
Currency = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="ISO 4217 currency code, e.g. `EUR`, `MAD`."),
]
Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]
HttpsUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?$",
                      max_length=500),
    Field(description="Une adresse web complète commençant par `https://`, "
          "par exemple `https://www.exemple.ma/rapport.pdf`."),
]
Email = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$", max_length=200),
    Field(description="Une adresse électronique, par exemple `contact@exemple.ma`."),
]


class Strict(BaseModel):
    """Base: unknown keys are errors and nothing is coerced (``"12"`` is not 12)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --------------------------------------------------------------------------
# Bilingual text


def text_hash(french: str) -> str:
    """Short fingerprint of a French text, recorded by its Arabic translation.

    Whitespace runs are folded so that re-wrapping a line does not make the
    Arabic stale; any change of words, numbers or punctuation does.
    """
    folded = " ".join(unicodedata.normalize("NFC", french).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:8]


class Text(Strict):
    """A human-readable text in French and (once translated) Arabic."""

    fr: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="The French text, as in the report."
    )
    ar: Annotated[str, StringConstraints(min_length=1)] | None = Field(
        default=None,
        description="The Arabic text. Leave the key out while it is not translated.",
    )
    ar_hash: Hash | None = Field(
        default=None,
        description="Fingerprint of the French text this Arabic translates "
        "(written by `snia translations mark`). When the French changes, the Arabic is stale.",
    )
    ar_status: Literal["draft", "reviewed"] | None = Field(
        default=None,
        description="`draft` for a first translation, `reviewed` once a reviewer checked it.",
    )

    def get(self, lang: str) -> str | None:
        return self.fr if lang == "fr" else self.ar

    @property
    def stale(self) -> bool:
        return self.ar is not None and self.ar_hash != text_hash(self.fr)


# --------------------------------------------------------------------------
# Shared pieces


class Amount(Strict):
    value: int | float = Field(description="The amount in units of the currency, e.g. 35000000.")
    currency: Currency | None = Field(
        default=None, description="Leave out when the report does not say the currency."
    )


class Figure(Strict):
    """A number the report gives: what is counted, when, how many."""

    id: Id
    value: int | float
    unit: Literal["count", "percent"] = Field(
        default="count", description="`count` for a number of things, `percent` for a share."
    )
    of: int | None = Field(default=None, description="The total it is part of (15 of 16).")
    label: Text = Field(description="What is counted, e.g. “étudiants étrangers inscrits”.")
    when: Period | PartialDate | None = Field(
        default=None, description="The year, period or date the figure refers to."
    )
    note: Text | None = None
    key: bool = Field(default=False, description="`true` to show it among the key figures.")


class Event(Strict):
    """Something that happened on a (possibly partial) date."""

    id: Id
    date: PartialDate
    end: PartialDate | None = Field(default=None, description="Last day, for an event over several days.")
    places: list[Text] = Field(default_factory=list)
    what: Text
    partners: list[Id] = Field(default_factory=list)
    projects: list[Id] = Field(default_factory=list)
    participants: int | None = None


class Objective(Strict):
    code: ObjectiveCode
    title: Text


class Activity(Strict):
    """A passage of “Activités et résultats”, attached to one objective."""

    id: Id
    objective: ObjectiveCode | None = Field(
        default=None, description="The objective it serves; leave out when the report does not say."
    )
    group: Text | None = Field(
        default=None, description="The report's sub-heading it stands under (e.g. a partner)."
    )
    heading: Text | None = None
    paragraphs: list[Text] = Field(default_factory=list)
    items: list[Text] = Field(default_factory=list, description="Bullet points, in order.")
    closing: list[Text] = Field(default_factory=list, description="Paragraphs after the bullets.")
    partners: list[Id] = Field(default_factory=list)
    projects: list[Id] = Field(default_factory=list)
    places: list[Text] = Field(default_factory=list)
    dates: list[PartialDate] = Field(default_factory=list)
    figures: list[Id] = Field(default_factory=list)
    events: list[Id] = Field(default_factory=list)


class Recommendation(Strict):
    id: Id
    text: Text


class RecommendationSet(Strict):
    period: Period
    introduction: list[Text] = Field(default_factory=list)
    items: list[Recommendation]


# --------------------------------------------------------------------------
# Files


class EditionFile(Strict):
    """``content/edition.yml``: the report this site publishes."""

    year: int
    title: Text
    strategy: Text = Field(description="The strategy's name, spelled out.")
    activities_period: Period
    recommendations_period: Period
    summary: list[Text] = Field(default_factory=list)
    source: Text = Field(description="What the content was taken from.")
    actions_total: int | None = None
    # Publication: who publishes the report, when, under which terms. Fill
    # only what the report itself states; the site shows the rest as not stated.
    publisher: Text | None = Field(
        default=None,
        description="L'institution qui publie le rapport, telle que le rapport la nomme. "
        "Laisser la clé absente si le rapport ne le dit pas : le site affiche « non précisé ».",
    )
    publication_date: PartialDate | None = Field(
        default=None,
        description="Date de publication du rapport (`2019`, `2019-03` ou `2019-03-15`), "
        "entre guillemets. Absente si le rapport ne la donne pas.",
    )
    licence: Text | None = Field(
        default=None,
        description="La licence sous laquelle le rapport et ses données sont diffusés, "
        "par exemple « Licence ouverte 2.0 ». Absente tant qu'elle n'est pas décidée.",
    )
    licence_url: HttpsUrl | None = Field(
        default=None, description="L'adresse du texte de la licence (`https://...`)."
    )
    contact_email: Email | None = Field(
        default=None, description="L'adresse électronique à laquelle écrire au sujet du rapport."
    )
    contact_url: HttpsUrl | None = Field(
        default=None, description="Une page de contact (`https://...`), si elle existe."
    )
    source_url: HttpsUrl | None = Field(
        default=None,
        description="L'adresse du document source (le rapport publié, par exemple son PDF). "
        "Absente si elle n'est pas connue.",
    )


class ProgrammeFile(Strict):
    """``content/programmes/NN.yml``: one programme of the strategy."""

    number: int = Field(ge=1, le=99)
    title: Text | None = Field(default=None, description="Leave out when unknown.")
    purpose: Text | None = None
    introduction: list[Text] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    actions_count: int | None = Field(default=None, description="How many actions the report counts.")
    activities_period: Period | None = None
    activities_introduction: list[Text] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    recommendations: list[RecommendationSet] = Field(default_factory=list)


PartnerKind = Literal["eu", "un", "bilateral", "national", "multilateral", "other"]


class PartnerFile(Strict):
    """``content/partners/ID.yml``: an organisation the report names."""

    name: Text
    acronym: str | None = Field(default=None, description="As written in the report, e.g. `OIM`.")
    acronym_ar: str | None = Field(default=None, description="Arabic acronym, when one is in use.")
    kind: PartnerKind
    country: Text | None = None
    description: Text | None = None
    parent: Id | None = Field(default=None, description="The partner it belongs to.")


ProjectStatus = Literal[
    "approved", "ongoing", "in_preparation", "being_defined", "launched", "signed", "started",
    "completed",
]


class ProjectFile(Strict):
    """``content/projects/ID.yml``: a project or programme of cooperation."""

    name: Text
    full_name: Text | None = None
    kind: Literal["project", "programme", "component", "initiative"] = "project"
    programme: int = Field(description="Number of the SNIA programme that reports it.")
    objective: ObjectiveCode | None = None
    parent: Id | None = Field(default=None, description="The project it is a part of.")
    description: list[Text] = Field(default_factory=list)
    axes: list[Text] = Field(default_factory=list, description="Its lines of work, in order.")
    funders: list[Id] = Field(default_factory=list)
    implementers: list[Id] = Field(default_factory=list)
    partners: list[Id] = Field(default_factory=list, description="Other partners involved.")
    amount: Amount | None = None
    status: ProjectStatus | None = None
    status_date: PartialDate | None = None
    period: Period | None = None
    targets: list[Text] = Field(default_factory=list)
    places: list[Text] = Field(default_factory=list)
    countries_count: int | None = None
    figures: list[Id] = Field(default_factory=list)


class GlossaryEntry(Strict):
    id: Id
    kind: Literal["acronym", "term"]
    term: Text = Field(description="The term or the acronym's expansion, in each language.")
    acronym: str | None = None
    variants_fr: list[str] = Field(
        default_factory=list, description="Other French forms (plural...) that mean this term."
    )
    variants_ar: list[str] = Field(
        default_factory=list,
        description="Grammatical forms of the same Arabic term (plural, dual, case), never synonyms.",
    )
    partner: Id | None = None


class GlossaryFile(Strict):
    """``content/glossary.yml``: acronyms and the one Arabic term per concept."""

    entries: list[GlossaryEntry]


# --------------------------------------------------------------------------
# The loaded content


@dataclass(frozen=True)
class Programme:
    id: str
    path: str
    data: ProgrammeFile


@dataclass(frozen=True)
class Partner:
    id: str
    path: str
    data: PartnerFile


@dataclass(frozen=True)
class Project:
    id: str
    path: str
    data: ProjectFile


@dataclass
class Content:
    """Everything in ``content/``, in a stable order."""

    root: str
    edition: EditionFile
    edition_path: str
    glossary: GlossaryFile
    glossary_path: str
    programmes: dict[str, Programme] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)

    # -- look-ups used by the renderer

    def objectives(self):
        for prog in self.programmes.values():
            for obj in prog.data.objectives:
                yield prog, obj

    def figures(self):
        for prog in self.programmes.values():
            for fig in prog.data.figures:
                yield prog, fig

    def events(self):
        for prog in self.programmes.values():
            for ev in prog.data.events:
                yield prog, ev

    def activities(self):
        for prog in self.programmes.values():
            for act in prog.data.activities:
                yield prog, act

    def figure(self, fid: str) -> Figure:
        return next(f for _, f in self.figures() if f.id == fid)

    def event(self, eid: str) -> Event:
        return next(e for _, e in self.events() if e.id == eid)


def objective_slug(code: str) -> str:
    return "osp-" + re.sub(r"\D", "", code)
