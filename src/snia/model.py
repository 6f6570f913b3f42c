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

import calendar
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

# --------------------------------------------------------------------------
# Scalars

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="Identifiant : minuscules sans accents, chiffres et traits d'union, par exemple `glo-act`."),
]
def _real_date(value: str) -> str:
    """``2018-02-30`` has the right form but is no day of the calendar."""
    if len(value) == 10:
        year, month, day = (int(x) for x in value.split("-"))
        last = calendar.monthrange(year, month)[1]
        if day > last:
            raise ValueError(
                f"« {value} » n'est pas une date du calendrier : le mois {month:02d}/{year} n'a que "
                f"{last} jours ; corrigez le jour")
    return value


PartialDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    AfterValidator(_real_date),
    Field(description="Une date, éventuellement partielle : `\"2018\"`, `\"2018-04\"` ou `\"2018-04-16\"`, entre guillemets."),
]
Period = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-\d{4})?$"),
    Field(description="Une année ou une suite d'années : `2018` ou `2017-2018`."),
]
ObjectiveCode = Annotated[
    str,
    StringConstraints(pattern=r"^OSP \d{1,3}$"),
    Field(description="Code d'objectif : `OSP`, une espace et son numéro, par exemple `OSP 17`."),
]
Currency = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="Code de devise ISO 4217, par exemple `EUR`, `MAD`."),
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
    """Base des modèles : un champ inconnu est une erreur, rien n'est converti (« "12" » n'est pas 12)."""

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
    """Un texte à lire, en français et (une fois traduit) en arabe."""

    fr: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="Le texte français, tel que dans le rapport."
    )
    ar: Annotated[str, StringConstraints(min_length=1)] | None = Field(
        default=None,
        description="Le texte arabe. Omettez la clé tant qu'il n'est pas traduit "
        "(le site montre alors le français).",
    )
    ar_hash: Hash | None = Field(
        default=None,
        description="Empreinte du texte français que cet arabe traduit (écrite par "
        "`make translations-mark`). Quand le français change, l'arabe est périmé.",
    )
    ar_status: Literal["draft", "reviewed"] | None = Field(
        default=None,
        description="`draft` pour un premier jet, `reviewed` une fois la traduction relue.",
    )

    def get(self, lang: str) -> str | None:
        return self.fr if lang == "fr" else self.ar

    @property
    def stale(self) -> bool:
        return self.ar is not None and self.ar_hash != text_hash(self.fr)


# --------------------------------------------------------------------------
# Shared pieces


class Amount(Strict):
    """Un montant et sa devise."""

    value: int | float = Field(ge=0, description="Le montant en unités de la devise, par exemple 35000000.")
    currency: Currency | None = Field(
        default=None, description="Omettez-la quand le rapport ne dit pas la devise."
    )


class Figure(Strict):
    """Un chiffre du rapport : ce qui est compté, quand, combien."""

    id: Id
    value: int | float = Field(ge=0, description="Le nombre, en chiffres sans espaces (par exemple 20410).")
    unit: Literal["count", "percent"] = Field(
        default="count", description="`count` pour un nombre de choses, `percent` pour une part."
    )
    of: int | None = Field(default=None, ge=0, description="Le total dont il fait partie (15 sur 16).")
    label: Text = Field(description="Ce qui est compté, par exemple « étudiants étrangers inscrits ».")
    when: Period | PartialDate | None = Field(
        default=None, description="L'année, la période ou la date du chiffre."
    )
    note: Text | None = Field(default=None, description="Une précision sur le chiffre.")
    key: bool = Field(
        default=False,
        description="`true` pour le montrer parmi les chiffres clés de la page d’accueil (au plus "
        "douze, pris à tour de rôle dans les programmes ; tous les chiffres restent sur la page "
        "des chiffres clés et sur celle du programme).",
    )


class Event(Strict):
    """Un événement, à une date (éventuellement partielle)."""

    id: Id
    date: PartialDate = Field(description="Premier jour, par exemple \"2018-04-16\" (entre guillemets).")
    end: PartialDate | None = Field(default=None, description="Dernier jour, pour un événement sur plusieurs jours.")
    places: list[Text] = Field(default_factory=list, description="Les lieux, dans l'ordre du rapport.")
    what: Text = Field(description="Ce qui s'est passé.")
    partners: list[Id] = Field(default_factory=list, description="Identifiants des partenaires (content/partners/).")
    projects: list[Id] = Field(default_factory=list, description="Identifiants des projets (content/projects/).")
    participants: int | None = Field(default=None, ge=0, description="Nombre de participants, si le rapport le dit.")


ChartKind = Literal["part-of-total", "shares", "comparison", "timeline"]


class Chart(Strict):
    """Un graphique de la page du programme : les chiffres (ou montants, ou
    événements) qui le composent et leur rapport. Le site le dessine ;
    `make check` refuse des chiffres qui ne vont pas ensemble."""

    # (The docstring above is the schema's description, read by editors in
    # their editor: French. The site draws charts in snia.charts.)

    id: Id
    kind: ChartKind = Field(
        description="Comment les valeurs se rapportent : `part-of-total` (chaque chiffre est une "
        "partie d’un total : son `of:` ou le `total:` du graphique), `shares` (des pourcentages, "
        "chacun sur 100 %), `comparison` (des valeurs de même unité ou des montants de même "
        "devise, côte à côte), `timeline` (des événements dans l’ordre des dates)."
    )
    title: Text = Field(
        description="Le titre du graphique, p. ex. « Étudiants étrangers au Maroc, 2017-2018 »."
    )
    figures: list[Id] = Field(
        default_factory=list,
        description="Les identifiants des chiffres dessinés (sous `figures:` d’un programme), "
        "dans l’ordre d’affichage.",
    )
    total: Id | None = Field(
        default=None,
        description="Pour `part-of-total` : l’identifiant du chiffre dont chaque partie fait "
        "partie (sinon, le `of:` de chaque chiffre est son total).",
    )
    amounts: list[Id] = Field(
        default_factory=list,
        description="Pour `comparison` : les identifiants des projets dont le montant (`amount:`) "
        "est comparé. Un montant de devise inconnue n’est pas dessiné ; une note le dit.",
    )
    events: list[Id] = Field(
        default_factory=list,
        description="Pour `timeline` : les identifiants des événements montrés (vide : tous "
        "les événements du programme).",
    )
    key: bool = Field(
        default=False,
        description="`true` pour montrer le graphique sur la page d’accueil (au plus quatre, pris "
        "à tour de rôle dans les programmes ; tous restent sur la page des chiffres clés et sur "
        "celle du programme).",
    )
    note: Text | None = Field(default=None, description="Une note affichée sous le graphique.")


class Objective(Strict):
    """Un objectif spécifique (OSP) du programme."""

    code: ObjectiveCode
    title: Text = Field(description="L'intitulé de l'objectif.")


class Activity(Strict):
    """Un passage de « Activités et résultats », rattaché à un objectif."""

    id: Id
    objective: ObjectiveCode | None = Field(
        default=None, description="L'objectif qu'elle sert ; omettez-le quand le rapport ne le dit pas."
    )
    group: Text | None = Field(
        default=None, description="L'intertitre du rapport sous lequel elle se trouve (par exemple un partenaire)."
    )
    heading: Text | None = Field(default=None, description="Son titre, s'il y en a un.")
    paragraphs: list[Text] = Field(default_factory=list, description="Les paragraphes, dans l'ordre.")
    items: list[Text] = Field(default_factory=list, description="Les puces, dans l'ordre.")
    closing: list[Text] = Field(default_factory=list, description="Les paragraphes après les puces.")
    partners: list[Id] = Field(default_factory=list, description="Identifiants des partenaires (content/partners/).")
    projects: list[Id] = Field(default_factory=list, description="Identifiants des projets (content/projects/).")
    places: list[Text] = Field(default_factory=list, description="Les lieux nommés.")
    dates: list[PartialDate] = Field(default_factory=list, description="Les dates nommées.")
    figures: list[Id] = Field(default_factory=list, description="Identifiants de chiffres de `figures:`.")
    events: list[Id] = Field(default_factory=list, description="Identifiants d'événements de `events:`.")


class Recommendation(Strict):
    """Une recommandation."""

    id: Id
    text: Text = Field(description="Le texte de la recommandation.")


class RecommendationSet(Strict):
    """Les recommandations d'une période."""

    period: Period
    introduction: list[Text] = Field(default_factory=list, description="Les paragraphes d'introduction.")
    items: list[Recommendation] = Field(description="Les recommandations, dans l'ordre.")


# --------------------------------------------------------------------------
# Files


class EditionFile(Strict):
    """``content/edition.yml`` : le rapport que ce site publie."""

    year: int = Field(description="L'année du rapport, par exemple 2018.")
    title: Text = Field(description="Le titre du rapport.")
    strategy: Text = Field(description="Le nom de la stratégie, en toutes lettres.")
    activities_period: Period = Field(description="La période des activités rapportées.")
    recommendations_period: Period = Field(description="La période des recommandations.")
    summary: list[Text] = Field(default_factory=list, description="Les paragraphes du résumé.")
    source: Text = Field(description="D'où vient le contenu.")
    actions_total: int | None = Field(default=None, ge=0, description="Le nombre total d'actions, si le rapport le dit.")
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
    """``content/programmes/NN.yml`` : un programme de la stratégie."""

    number: int = Field(ge=1, le=99, description="Le numéro du programme (celui du nom du fichier).")
    title: Text | None = Field(default=None, description="Son intitulé ; omettez-le s'il est inconnu.")
    purpose: Text | None = Field(default=None, description="Sa finalité.")
    introduction: list[Text] = Field(default_factory=list, description="Les paragraphes d'introduction.")
    objectives: list[Objective] = Field(default_factory=list, description="Ses objectifs spécifiques.")
    actions_count: int | None = Field(default=None, ge=0, description="Le nombre d'actions que compte le rapport.")
    activities_period: Period | None = Field(default=None, description="La période des activités.")
    activities_introduction: list[Text] = Field(default_factory=list, description="L'introduction des activités.")
    activities: list[Activity] = Field(default_factory=list, description="Les activités et résultats.")
    figures: list[Figure] = Field(default_factory=list, description="Les chiffres du programme.")
    events: list[Event] = Field(default_factory=list, description="Les événements du programme.")
    charts: list[Chart] = Field(
        default_factory=list,
        description="Graphiques dessinés à partir des chiffres, des montants ou des événements "
        "(voir `kind`).",
    )
    recommendations: list[RecommendationSet] = Field(default_factory=list, description="Les recommandations, par période.")


PartnerKind = Literal["eu", "un", "bilateral", "national", "multilateral", "other"]


class PartnerFile(Strict):
    """``content/partners/ID.yml`` : un organisme que le rapport nomme."""

    name: Text = Field(description="Son nom, en toutes lettres.")
    acronym: str | None = Field(default=None, description="Son sigle, tel que dans le rapport, par exemple `OIM`.")
    acronym_ar: str | None = Field(default=None, description="Son sigle arabe, s'il en a un en usage.")
    kind: PartnerKind = Field(
        description="Son type : `eu` (Union européenne), `un` (Nations Unies), `bilateral` "
        "(coopération d'un pays), `national`, `multilateral` ou `other`."
    )
    country: Text | None = Field(default=None, description="Son pays, pour un partenaire d'un pays.")
    description: Text | None = Field(default=None, description="Ce que le rapport en dit.")
    parent: Id | None = Field(default=None, description="Identifiant du partenaire dont il fait partie.")


ProjectStatus = Literal[
    "approved", "ongoing", "in_preparation", "being_defined", "launched", "signed", "started",
    "completed",
]


class ProjectFile(Strict):
    """``content/projects/ID.yml`` : un projet ou programme de coopération."""

    name: Text = Field(description="Son nom court, tel que dans le rapport.")
    full_name: Text | None = Field(default=None, description="Son nom complet, s'il diffère.")
    kind: Literal["project", "programme", "component", "initiative"] = Field(
        default="project",
        description="`project`, `programme`, `component` (une composante) ou `initiative`.",
    )
    programme: int = Field(ge=1, le=99, description="Le numéro du programme de la SNIA qui le rapporte.")
    objective: ObjectiveCode | None = Field(default=None, description="L'objectif qu'il sert, par exemple `OSP 17`.")
    parent: Id | None = Field(default=None, description="Identifiant du projet dont il fait partie.")
    description: list[Text] = Field(default_factory=list, description="Les paragraphes qui le décrivent.")
    axes: list[Text] = Field(default_factory=list, description="Ses axes de travail, dans l'ordre.")
    funders: list[Id] = Field(default_factory=list, description="Identifiants des partenaires qui le financent.")
    implementers: list[Id] = Field(default_factory=list, description="Identifiants des partenaires qui le mettent en œuvre.")
    partners: list[Id] = Field(default_factory=list, description="Identifiants des autres partenaires.")
    amount: Amount | None = Field(default=None, description="Son montant, si le rapport le dit.")
    status: ProjectStatus | None = Field(
        default=None,
        description="Son état : `approved`, `ongoing`, `in_preparation`, `being_defined`, "
        "`launched`, `signed`, `started` ou `completed`.",
    )
    status_date: PartialDate | None = Field(default=None, description="La date de cet état.")
    period: Period | None = Field(default=None, description="Sa période, par exemple `2017-2020`.")
    targets: list[Text] = Field(default_factory=list, description="Ses publics cibles.")
    places: list[Text] = Field(default_factory=list, description="Ses lieux.")
    countries_count: int | None = Field(default=None, ge=0, description="Le nombre de pays concernés.")
    figures: list[Id] = Field(default_factory=list, description="Identifiants de chiffres d'un programme.")


class Rendering(Strict):
    """Une autre traduction arabe admise d'une notion, et quand elle s'emploie."""

    ar: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="L'autre traduction arabe admise, p. ex. « نشاط » pour une activité ordinaire."
    )
    variants_ar: list[str] = Field(
        default_factory=list, description="Ses formes grammaticales (pluriel...), jamais des synonymes."
    )
    when: str = Field(description="Quand l'employer (en français, pour les traducteurs et relecteurs).")


class AvoidRendering(Strict):
    """Une tournure arabe à ne pas employer (un calque, un nom erroné)."""

    ar: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="La tournure arabe à ne pas employer."
    )
    when_fr: list[str] = Field(
        default_factory=list,
        description="Seulement quand le français dit l'une de ces formes (vide : toujours).",
    )
    instead: str = Field(description="Ce qu'il faut écrire à la place (en arabe).")
    why: str | None = Field(default=None, description="Pourquoi (en français).")


class GlossaryEntry(Strict):
    """Une entrée du glossaire : un sigle ou un terme."""

    id: Id
    kind: Literal["acronym", "term"] = Field(description="`acronym` (un sigle) ou `term` (un terme).")
    term: Text = Field(description="Le terme, ou le développement du sigle, dans chaque langue.")
    acronym: str | None = Field(default=None, description="Le sigle, pour une entrée `acronym`.")
    short_ar: str | None = Field(
        default=None,
        description="Forme courte arabe d'un nom, employée après la première mention "
        "(p. ex. « اليونيسف »). Absente : le nom complet à chaque mention.",
    )
    acronym_in_ar: bool = Field(
        default=False,
        description="`true` si l'organisation écrit elle-même son sigle latin en arabe : il suit "
        "alors le nom arabe entre parenthèses, à la première mention. `false` : jamais de sigle latin.",
    )
    renderings: list[Rendering] = Field(
        default_factory=list,
        description="Autres traductions arabes admises du même concept, avec le moment de les employer.",
    )
    avoid_ar: list[AvoidRendering] = Field(
        default_factory=list, description="Tournures arabes à ne pas employer pour ce nom ou ce terme."
    )
    project: Id | None = Field(default=None, description="Le projet que ce nom désigne.")
    variants_fr: list[str] = Field(
        default_factory=list, description="Autres formes françaises (pluriel...) du même terme."
    )
    variants_ar: list[str] = Field(
        default_factory=list,
        description="Formes grammaticales du même terme arabe (pluriel, duel, cas), jamais des synonymes.",
    )
    partner: Id | None = Field(default=None, description="Identifiant du partenaire que le sigle désigne.")


class GlossaryFile(Strict):
    """``content/glossary.yml`` : les sigles et les noms, et les termes arabes de chaque notion."""

    entries: list[GlossaryEntry] = Field(description="Les entrées, une par sigle ou terme.")
    avoid: list[AvoidRendering] = Field(
        default_factory=list,
        description="Tournures arabes à éviter en général (calques), avec ce qu'il faut écrire.",
    )


# --------------------------------------------------------------------------
# The loaded content


@dataclass(frozen=True)
class Entity:
    """One file of a kind (:mod:`snia.kinds`): its id (the file name), its
    path from the project root, its validated model."""

    id: str
    path: str
    data: BaseModel


# The kinds of today, by their old names (one shape for all).
Programme = Partner = Project = Entity


@dataclass
class Content:
    """Everything in ``content/``, in a stable order."""

    root: str
    edition: EditionFile
    edition_path: str
    glossary: GlossaryFile
    glossary_path: str
    # the entries of each kind (snia.kinds), by kind name then id, in file order
    entities: dict[str, dict[str, Entity]] = field(default_factory=dict)

    def of(self, kind: str) -> dict[str, Entity]:
        return self.entities.get(kind, {})

    @property
    def programmes(self) -> dict[str, Entity]:
        return self.of("programme")

    @property
    def partners(self) -> dict[str, Entity]:
        return self.of("partner")

    @property
    def projects(self) -> dict[str, Entity]:
        return self.of("project")

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

    def charts(self):
        for prog in self.programmes.values():
            for chart in prog.data.charts:
                yield prog, chart

    def figure(self, fid: str) -> Figure:
        return next(f for _, f in self.figures() if f.id == fid)

    def event(self, eid: str) -> Event:
        return next(e for _, e in self.events() if e.id == eid)

    def abbreviation(self, pid: str, lang: str) -> str | None:
        """What follows a partner's name in parentheses (STYLE.ar.md, rule 1).

        French: its acronym (``OIM``). Arabic: its Arabic short form when it has
        one (``اليونيسف``), else its Latin acronym only if the organisation writes
        it in Arabic (glossary ``acronym_in_ar: true``, ``GIZ``), else nothing.
        """
        d = self.partners[pid].data
        if not d.acronym or d.acronym == d.name.fr:
            return d.acronym_ar if lang == "ar" else None
        if lang != "ar":
            return d.acronym
        if d.acronym_ar:
            return d.acronym_ar
        in_ar = any(e.acronym_in_ar for e in self.glossary.entries if e.partner == pid)
        return d.acronym if in_ar else None


def objective_slug(code: str) -> str:
    return "osp-" + re.sub(r"\D", "", code)
