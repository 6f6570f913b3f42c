"""The report's content as open data, made from the same ``content/`` as the pages.

:func:`files` returns, for one loaded :class:`~snia.model.Content`, every file
of the site's data folder (``donnees/``, the same files linked from both
languages) as ``{name: bytes}``:

* ``rapport-snia-<year>.json``: the whole edition in one JSON document that
  follows the content model (the content files' fields, plus each entity's
  ``id``), and ``rapport-snia-<year>.schema.json``, its JSON Schema;
* one CSV per table (``programmes.csv``, ``objectives.csv``, ...) and the
  link tables that join them (``project_partners.csv``...): UTF-8 with a
  byte-order mark (Excel then opens the Arabic correctly), one column per
  language (``…_fr``, ``…_ar``), ids that join the tables, plain numbers,
  ISO 8601 dates (reduced precision when the report gives only a year or a
  month: ``2018``, ``2018-04``), unknowns empty;
* ``datapackage.json``, a Frictionless Data Package describing every CSV
  (types, primary and foreign keys, titles in both languages, sources);
* ``rapport-snia-<year>-donnees.zip``, all of the above.

The licence comes from the edition's content; where the report states none,
the package says so in its description and has no ``licenses`` property
rather than a guessed one. The same content gives the same bytes: sorted
keys where order means nothing, fixed zip timestamps (``SOURCE_DATE_EPOCH``)
and order. Nothing here imports MkDocs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
import zipfile
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from pydantic import BaseModel, create_model

from .kinds import KINDS
from .memo import per_content
from .model import (
    Content,
    EditionFile,
    GlossaryFile,
    Id,
    Strict,
    Text,
)

FOLDER = "donnees"
LIST_SEP = "; "
PARA_SEP = "\n"
NOT_STATED = {"fr": "non indiquée dans le rapport", "ar": "غير مذكور في التقرير"}


def base_name(content: Content) -> str:
    return f"rapport-snia-{content.edition.year}"


# --------------------------------------------------------------------------
# The whole edition as one JSON document, and its schema


def _records() -> dict[str, Any]:
    """Each kind's list of records (snia.kinds): its model with its ``id``,
    under its folder's name (``ProgrammeFile`` -> ``ProgrammeRecord``)."""
    out: dict[str, Any] = {}
    for k in KINDS.values():
        name = k.model.__name__.removesuffix("File") + "Record"
        record = create_model(name, __base__=k.model, id=(Id, ...))
        out[k.folder] = (list[record], ...)
    return out


EditionData = create_model(
    "EditionData",
    __base__=Strict,
    __doc__="""The whole edition of the SNIA annual report, as published on the site:
    the content files of `content/`, each entity with its `id` (its file name).""",
    edition=(EditionFile, ...),
    **_records(),
    glossary=(GlossaryFile, ...),
)


def _record(ident: str, data: BaseModel) -> dict:
    return {"id": ident, **data.model_dump(mode="json", exclude_none=True)}


def edition_data(content: Content) -> dict:
    return {
        "edition": content.edition.model_dump(mode="json", exclude_none=True),
        **{k.folder: [_record(i, e.data) for i, e in content.of(k.name).items()]
           for k in KINDS.values()},
        "glossary": content.glossary.model_dump(mode="json", exclude_none=True),
    }


def edition_schema(content: Content) -> dict:
    schema = EditionData.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{base_name(content)}.schema.json", **schema}


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --------------------------------------------------------------------------
# Tables


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless type: string, integer, number, boolean
    fr: str
    ar: str
    get: Callable[[Any], Any]
    required: bool = False
    extra: dict | None = None  # more Frictionless field properties (constraints)


@dataclass(frozen=True)
class Table:
    name: str
    fr: str
    ar: str
    description: tuple[str, str]  # (fr, ar)
    columns: list[Column]
    rows: Callable[[Content], Iterable[Any]]
    key: list[str]
    foreign: list[tuple[str, str, str]] = ()  # (field, resource, field); resource "" = itself


def _t(text: Text | None, lang: str) -> str | None:
    return None if text is None else text.get(lang)


def _paras(texts: Iterable[Text], lang: str, prefix: str = "") -> str | None:
    got = [t.get(lang) for t in texts]
    if not got or any(g is None for g in got):
        return None  # an untranslated paragraph makes the Arabic cell empty, not partial
    return PARA_SEP.join(prefix + g for g in got)


def _list(values: Iterable[Any]) -> str | None:
    values = [str(v) for v in values]
    return LIST_SEP.join(values) if values else None


def _texts(texts: Iterable[Text], lang: str) -> str | None:
    got = [t.get(lang) for t in texts]
    if not got or any(g is None for g in got):
        return None
    return LIST_SEP.join(got)


def bilingual(name: str, fr: str, ar: str, get: Callable[[Any], Any], *, paras: bool = False,
              texts: bool = False, required: bool = False) -> list[Column]:
    """Two columns, ``name_fr`` and ``name_ar``, from a getter of Text (or of
    a list of Text: paragraphs one a line, or short texts separated by ``; ``)."""
    out = []
    for lang, lang_fr, lang_ar in (("fr", "français", "بالفرنسية"), ("ar", "arabe", "بالعربية")):
        if paras:
            fn = (lambda row, lang=lang: _paras(get(row), lang))
        elif texts:
            fn = (lambda row, lang=lang: _texts(get(row), lang))
        else:
            fn = (lambda row, lang=lang: _t(get(row), lang))
        out.append(Column(f"{name}_{lang}", "string", f"{fr} ({lang_fr})", f"{ar} ({lang_ar})", fn,
                          required=required and lang == "fr"))
    return out


DATE_PATTERN = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
PERIOD_PATTERN = r"\d{4}(-\d{4})?"


def _date_col(name, fr, ar, get, required=False) -> Column:
    return Column(name, "string", fr, ar, get, required,
                  {"format": "default", "constraints": {"pattern": DATE_PATTERN},
                   "description": "ISO 8601 date, reduced precision when the report gives only "
                                  "a year or a month (2018, 2018-04, 2018-04-16)."})


def _period_col(name, fr, ar, get) -> Column:
    return Column(name, "string", fr, ar, get, False,
                  {"constraints": {"pattern": f"{PERIOD_PATTERN}|{DATE_PATTERN}"},
                   "description": "A year, a span of years (2017-2018) or an ISO 8601 date."})


def _list_col(name, fr, ar, get) -> Column:
    return Column(name, "string", fr, ar, lambda r: _list(get(r)), False,
                  {"description": f"Identifiers separated by '{LIST_SEP}'."})


def _programmes(c: Content):
    return [p for p in c.programmes.values()]


def _objectives(c: Content):
    return [(p, o) for p, o in c.objectives()]


def _activities(c: Content):
    return [(p, a) for p, a in c.activities()]


def _activity_text(a, lang: str) -> str | None:
    parts = [_paras(a.paragraphs, lang), _paras(a.items, lang, "• "), _paras(a.closing, lang)]
    if any(p is None and src for p, src in zip(parts, (a.paragraphs, a.items, a.closing))):
        return None
    return PARA_SEP.join(p for p in parts if p) or None


def _recommendations(c: Content):
    out = []
    for p in c.programmes.values():
        for rs in p.data.recommendations:
            for n, r in enumerate(rs.items, 1):
                out.append((p, rs, n, r))
    return out


def _links(c: Content, which: str):
    out = []
    if which == "project_partners":
        for jid, j in c.projects.items():
            for role in ("funders", "implementers", "partners"):
                for pid in getattr(j.data, role):
                    out.append((jid, pid, role[:-1]))
    elif which in ("activity_partners", "activity_projects"):
        attr = which.split("_")[1]
        for _, a in c.activities():
            for x in getattr(a, attr):
                out.append((a.id, x))
    elif which in ("event_partners", "event_projects"):
        attr = which.split("_")[1]
        for _, e in c.events():
            for x in getattr(e, attr):
                out.append((e.id, x))
    return list(dict.fromkeys(out))  # a pair named twice is one row


def _amount(j, part):
    a = j.data.amount
    return None if a is None else getattr(a, part)


PROG = Column("programme", "integer", "Numéro du programme", "رقم البرنامج",
              lambda r: r[0].data.number, True)

TABLES: list[Table] = [
    Table(
        "programmes", "Programmes", "البرامج",
        ("Les programmes de la stratégie présents dans cette édition, un par ligne.", "برامج الاستراتيجية الواردة في هذا الإصدار، برنامج في كل سطر."),
        [
            Column("number", "integer", "Numéro du programme", "رقم البرنامج", lambda p: p.data.number, True),
            Column("id", "string", "Identifiant (nom du fichier)", "المعرف (اسم الملف)", lambda p: p.id, True),
            *bilingual("title", "Intitulé", "العنوان", lambda p: p.data.title),
            *bilingual("purpose", "Finalité", "الغاية", lambda p: p.data.purpose),
            *bilingual("introduction", "Introduction", "مقدمة", lambda p: p.data.introduction, paras=True),
            Column("actions_count", "integer", "Nombre d'actions", "عدد الإجراءات", lambda p: p.data.actions_count),
            _period_col("activities_period", "Période des activités", "فترة الأنشطة",
                        lambda p: p.data.activities_period),
        ],
        _programmes, ["number"],
    ),
    Table(
        "objectives", "Objectifs", "الأهداف",
        ("Les objectifs spécifiques (OSP) de chaque programme.", "الأهداف الخاصة (OSP) لكل برنامج."),
        [
            Column("code", "string", "Code de l'objectif", "رمز الهدف", lambda r: r[1].code, True),
            PROG,
            *bilingual("title", "Intitulé", "العنوان", lambda r: r[1].title, required=True),
        ],
        _objectives, ["code"], [("programme", "programmes", "number")],
    ),
    Table(
        "activities", "Activités et résultats", "الأنشطة والنتائج",
        ("Les passages « Activités et résultats » de chaque programme, dans l’ordre du rapport.", "فقرات «الأنشطة والنتائج» لكل برنامج، حسب ترتيب التقرير."),
        [
            Column("id", "string", "Identifiant", "المعرف", lambda r: r[1].id, True),
            PROG,
            Column("position", "integer", "Rang dans le programme", "الترتيب داخل البرنامج",
                   lambda r: r[0].data.activities.index(r[1]) + 1, True),
            Column("objective", "string", "Code de l'objectif", "رمز الهدف", lambda r: r[1].objective),
            *bilingual("group", "Sous-titre du rapport", "العنوان الفرعي في التقرير", lambda r: r[1].group),
            *bilingual("heading", "Titre", "العنوان", lambda r: r[1].heading),
            Column("text_fr", "string", "Texte (français)", "النص (بالفرنسية)",
                   lambda r: _activity_text(r[1], "fr")),
            Column("text_ar", "string", "Texte (arabe)", "النص (بالعربية)",
                   lambda r: _activity_text(r[1], "ar")),
            *bilingual("places", "Lieux", "الأماكن", lambda r: r[1].places, texts=True),
            Column("dates", "string", "Dates (ISO 8601)", "التواريخ (ISO 8601)",
                   lambda r: _list(r[1].dates), False,
                   {"description": f"ISO 8601 dates separated by '{LIST_SEP}'."}),
            _list_col("figures", "Chiffres cités (identifiants)", "الأرقام المذكورة (المعرفات)",
                      lambda r: r[1].figures),
            _list_col("events", "Événements cités (identifiants)", "الأحداث المذكورة (المعرفات)",
                      lambda r: r[1].events),
        ],
        _activities, ["id"],
        [("programme", "programmes", "number"), ("objective", "objectives", "code")],
    ),
    Table(
        "figures", "Chiffres", "الأرقام",
        ("Les chiffres du rapport : ce qui est compté, quand, combien.", "أرقام التقرير: موضوع العد وتاريخه وعدده."),
        [
            Column("id", "string", "Identifiant", "المعرف", lambda r: r[1].id, True),
            PROG,
            Column("value", "number", "Valeur", "القيمة", lambda r: r[1].value, True),
            Column("unit", "string", "Unité (count : nombre, percent : pourcentage)",
                   "الوحدة (count: عدد، percent: نسبة مئوية)", lambda r: r[1].unit, True,
                   {"constraints": {"enum": ["count", "percent"]}}),
            Column("of", "integer", "Sur un total de", "من أصل", lambda r: r[1].of),
            *bilingual("label", "Ce qui est compté", "موضوع العد", lambda r: r[1].label, required=True),
            _period_col("when", "Période", "الفترة", lambda r: r[1].when),
            *bilingual("note", "Note", "ملاحظة", lambda r: r[1].note),
            Column("key", "boolean", "Chiffre clé", "رقم رئيسي", lambda r: r[1].key, True),
        ],
        lambda c: list(c.figures()), ["id"], [("programme", "programmes", "number")],
    ),
    Table(
        "events", "Événements", "الأحداث",
        ("Les événements datés (date complète, mois ou année).", "الأحداث المؤرخة (تاريخ كامل أو شهر أو سنة)."),
        [
            Column("id", "string", "Identifiant", "المعرف", lambda r: r[1].id, True),
            PROG,
            _date_col("date", "Date (ISO 8601)", "التاريخ (ISO 8601)", lambda r: r[1].date, True),
            _date_col("end", "Date de fin (ISO 8601)", "تاريخ النهاية (ISO 8601)", lambda r: r[1].end),
            *bilingual("what", "Événement", "الحدث", lambda r: r[1].what, required=True),
            *bilingual("places", "Lieux", "الأماكن", lambda r: r[1].places, texts=True),
            Column("participants", "integer", "Participants", "عدد المشاركين", lambda r: r[1].participants),
        ],
        lambda c: list(c.events()), ["id"], [("programme", "programmes", "number")],
    ),
    Table(
        "projects", "Projets", "المشاريع",
        ("Les projets et programmes de coopération, avec montants, états et périodes.", "مشاريع وبرامج التعاون، مع المبالغ والوضعيات والفترات."),
        [
            Column("id", "string", "Identifiant", "المعرف", lambda j: j.id, True),
            *bilingual("name", "Nom", "الاسم", lambda j: j.data.name, required=True),
            *bilingual("full_name", "Nom complet", "الاسم الكامل", lambda j: j.data.full_name),
            Column("kind", "string", "Type", "النوع", lambda j: j.data.kind, True),
            Column("programme", "integer", "Numéro du programme", "رقم البرنامج", lambda j: j.data.programme, True),
            Column("objective", "string", "Code de l'objectif", "رمز الهدف", lambda j: j.data.objective),
            Column("parent", "string", "Projet parent", "المشروع الأم", lambda j: j.data.parent),
            *bilingual("description", "Description", "الوصف", lambda j: j.data.description, paras=True),
            *bilingual("axes", "Axes", "المحاور", lambda j: j.data.axes, paras=True),
            Column("amount", "number", "Montant", "المبلغ", lambda j: _amount(j, "value")),
            Column("currency", "string", "Devise (ISO 4217)", "العملة (ISO 4217)", lambda j: _amount(j, "currency")),
            Column("status", "string", "État", "الوضعية", lambda j: j.data.status),
            _date_col("status_date", "Date de l'état (ISO 8601)", "تاريخ الوضعية (ISO 8601)",
                      lambda j: j.data.status_date),
            _period_col("period", "Période", "الفترة", lambda j: j.data.period),
            *bilingual("targets", "Publics et objectifs visés", "الفئات والأهداف المستهدفة",
                       lambda j: j.data.targets, paras=True),
            *bilingual("places", "Lieux", "الأماكن", lambda j: j.data.places, texts=True),
            Column("countries_count", "integer", "Nombre de pays couverts", "عدد البلدان المشمولة",
                   lambda j: j.data.countries_count),
            _list_col("figures", "Chiffres (identifiants)", "الأرقام (المعرفات)", lambda j: j.data.figures),
        ],
        lambda c: list(c.projects.values()), ["id"],
        [("programme", "programmes", "number"), ("objective", "objectives", "code"), ("parent", "", "id")],
    ),
    Table(
        "partners", "Partenaires", "الشركاء",
        ("Les organisations que cite le rapport.", "الهيئات التي يذكرها التقرير."),
        [
            Column("id", "string", "Identifiant", "المعرف", lambda p: p.id, True),
            *bilingual("name", "Nom", "الاسم", lambda p: p.data.name, required=True),
            Column("acronym", "string", "Sigle", "المختصر", lambda p: p.data.acronym),
            Column("acronym_ar", "string", "Sigle arabe", "المختصر بالعربية", lambda p: p.data.acronym_ar),
            Column("kind", "string", "Catégorie", "الفئة", lambda p: p.data.kind, True),
            *bilingual("country", "Pays", "البلد", lambda p: p.data.country),
            *bilingual("description", "Description", "الوصف", lambda p: p.data.description),
            Column("parent", "string", "Rattaché à", "تابع لـ", lambda p: p.data.parent),
        ],
        lambda c: list(c.partners.values()), ["id"], [("parent", "", "id")],
    ),
    Table(
        "recommendations", "Recommandations", "التوصيات",
        ("Les recommandations spécifiques de chaque programme, dans l’ordre du rapport.", "التوصيات الخاصة بكل برنامج، حسب ترتيب التقرير."),
        [
            Column("id", "string", "Identifiant", "المعرف", lambda r: r[3].id, True),
            PROG,
            _period_col("period", "Période", "الفترة", lambda r: r[1].period),
            Column("position", "integer", "Rang", "الترتيب", lambda r: r[2], True),
            *bilingual("text", "Recommandation", "التوصية", lambda r: r[3].text, required=True),
        ],
        _recommendations, ["id"], [("programme", "programmes", "number")],
    ),
    Table(
        "glossary", "Glossaire", "مسرد المصطلحات",
        ("Les sigles et termes clés, avec le terme arabe retenu pour chaque notion.", "المختصرات والمصطلحات الرئيسية، مع المصطلح العربي المعتمد لكل مفهوم."),
        [
            Column("id", "string", "Identifiant", "المعرف", lambda g: g.id, True),
            Column("kind", "string", "Type (acronym : sigle, term : terme)",
                   "النوع (acronym: مختصر، term: مصطلح)", lambda g: g.kind, True,
                   {"constraints": {"enum": ["acronym", "term"]}}),
            Column("acronym", "string", "Sigle", "المختصر", lambda g: g.acronym),
            *bilingual("term", "Terme ou développement du sigle", "المصطلح أو مدلول المختصر",
                       lambda g: g.term, required=True),
            Column("variants_fr", "string", "Autres formes (français)", "صيغ أخرى (بالفرنسية)",
                   lambda g: _list(g.variants_fr)),
            Column("variants_ar", "string", "Autres formes (arabe)", "صيغ أخرى (بالعربية)",
                   lambda g: _list(g.variants_ar)),
            Column("partner", "string", "Partenaire", "الشريك", lambda g: g.partner),
        ],
        lambda c: list(c.glossary.entries), ["id"], [("partner", "partners", "id")],
    ),
]

LINK_TABLES: list[Table] = [
    Table(
        "project_partners", "Partenaires des projets", "شركاء المشاريع",
        ("Quel partenaire finance, met en œuvre ou accompagne quel projet.", "أي شريك يمول أو ينفذ أو يشارك في أي مشروع."),
        [
            Column("project", "string", "Projet", "المشروع", lambda r: r[0], True),
            Column("partner", "string", "Partenaire", "الشريك", lambda r: r[1], True),
            Column("role", "string", "Rôle (funder : financement, implementer : mise en œuvre, "
                   "partner : partenaire)", "الدور (funder: التمويل، implementer: التنفيذ، partner: شريك)",
                   lambda r: r[2], True, {"constraints": {"enum": ["funder", "implementer", "partner"]}}),
        ],
        lambda c: _links(c, "project_partners"), ["project", "partner", "role"],
        [("project", "projects", "id"), ("partner", "partners", "id")],
    ),
    *[
        Table(
            f"{a}_{b}", f"{fa} : {fb}", f"{aa}: {ab}",
            (f"{fb} par chaque {fa.lower()}.", f"{ab} في كل {aa[2:] if aa.startswith('ال') else aa}."),
            [
                Column(a, "string", fa, aa, lambda r: r[0], True),
                Column(b[:-1], "string", fb, ab, lambda r: r[1], True),
            ],
            (lambda c, which=f"{a}_{b}": _links(c, which)), [a, b[:-1]],
            [(a, {"activity": "activities", "event": "events"}[a], "id"), (b[:-1], b, "id")],
        )
        for a, fa, aa in (("activity", "Activité", "النشاط"), ("event", "Événement", "الحدث"))
        for b, fb, ab in (("partners", "Partenaires cités", "الشركاء المذكورون"),
                          ("projects", "Projets cités", "المشاريع المذكورة"))
    ],
]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table_csv(table: Table, content: Content) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([col.name for col in table.columns])
    for row in table.rows(content):
        writer.writerow([_cell(col.get(row)) for col in table.columns])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


# --------------------------------------------------------------------------
# The data package


def _resource(table: Table) -> dict:
    fields = []
    for col in table.columns:
        f: dict[str, Any] = {"name": col.name, "type": col.type, "title": f"{col.fr} / {col.ar}"}
        f.update(col.extra or {})
        if col.required or col.name in table.key:
            f.setdefault("constraints", {})["required"] = True
        fields.append(f)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""],
                              "primaryKey": list(table.key)}
    if table.foreign:
        schema["foreignKeys"] = [
            {"fields": fld, "reference": {"resource": res, "fields": ref}}
            for fld, res, ref in table.foreign
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "title": f"{table.fr} / {table.ar}",
        "description": f"{table.description[0]}\n\n{table.description[1]}",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": schema,
    }


def licence(content: Content) -> Text | None:
    return content.edition.licence


def datapackage(content: Content) -> dict:
    ed = content.edition
    lic = licence(content)
    desc_fr = (f"Le contenu du rapport annuel {ed.year} de la SNIA en données ouvertes : "
               f"une table par type d'entité, jointes par leurs identifiants. ")
    desc_ar = (f"محتوى التقرير السنوي {ed.year} للاستراتيجية الوطنية للهجرة واللجوء كبيانات مفتوحة: "
               f"جدول لكل نوع من الكيانات، مرتبطة بمعرفاتها. ")
    if lic is None:
        desc_fr += f"Licence : {NOT_STATED['fr']}."
        desc_ar += f"الترخيص: {NOT_STATED['ar']}."
    else:
        desc_fr += f"Licence : {lic.fr}."
        desc_ar += f"الترخيص: {lic.ar or lic.fr}."
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": f"snia-rapport-{ed.year}",
        "title": f"{ed.title.fr} / {ed.title.ar or ed.title.fr}",
        "description": f"{desc_fr}\n\n{desc_ar}",
        "version": str(ed.year),
        "sources": [{"title": f"{ed.source.fr} / {ed.source.ar or ed.source.fr}",
                     **({"path": ed.source_url} if ed.source_url else {})}],
        "resources": [_resource(t) for t in TABLES + LINK_TABLES],
    }
    if ed.publisher is not None:
        package["contributors"] = [{"title": f"{ed.publisher.fr} / {ed.publisher.ar or ed.publisher.fr}",
                                    "role": "publisher"}]
    if lic is not None:
        entry: dict[str, Any] = {"title": lic.fr}
        if ed.licence_url:
            entry["path"] = ed.licence_url
        package["licenses"] = [entry]
    return package


# --------------------------------------------------------------------------
# Every file of the folder


def _zip(members: dict[str, bytes]) -> bytes:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, members[name], compresslevel=6)
    return out.getvalue()


@per_content  # the French site publishes them, each Downloads page measures them
def files(content: Content) -> dict[str, bytes]:
    """Every file of the data folder, by name (without the folder)."""
    base = base_name(content)
    out: dict[str, bytes] = {
        f"{base}.json": _json_bytes(edition_data(content)),
        f"{base}.schema.json": _json_bytes(edition_schema(content)),
    }
    for table in TABLES + LINK_TABLES:
        out[f"{table.name}.csv"] = table_csv(table, content)
    out["datapackage.json"] = _json_bytes(datapackage(content))
    out[f"{base}-donnees.zip"] = _zip(out)
    return out


def write(content: Content, folder) -> list[str]:
    """Write the data folder's files into ``folder``; return their names."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    made = files(content)
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return sorted(made)


# --------------------------------------------------------------------------
# What the Downloads page lists

PDF_FOLDER = "pdf"


def pdf_name(content: Content, lang: str) -> str:
    """``rapport-snia-2018-fr.pdf``: the typeset report in one language."""
    return f"{base_name(content)}-{lang}.pdf"


@dataclass(frozen=True)
class Download:
    path: str  # from the site root (the French site's), e.g. "donnees/figures.csv"
    format: str
    size: int | None  # bytes; None when the file is not built here
    fr: str  # one-line description
    ar: str


def catalogue(content: Content, made: dict[str, bytes], pdf_sizes: dict[str, int]) -> dict[str, list[Download]]:
    """The files readers can download, in two groups: ``report`` (the PDFs)
    and ``data`` (the data folder); ``made`` is :func:`files`' result and
    ``pdf_sizes`` the size of each PDF that was built (by name)."""
    base = base_name(content)
    year = content.edition.year
    report = []
    for lang, fr, ar in (("fr", "Le rapport complet en français, mis en page (A4)",
                          "التقرير الكامل بالفرنسية، بصيغة منسقة للطباعة (A4)"),
                         ("ar", "Le rapport complet en arabe, mis en page (A4)",
                          "التقرير الكامل بالعربية، بصيغة منسقة للطباعة (A4)")):
        name = pdf_name(content, lang)
        report.append(Download(f"{PDF_FOLDER}/{name}", "PDF", pdf_sizes.get(name), fr, ar))

    def size(name: str) -> int:
        return len(made[name])

    data = [
        Download(f"{FOLDER}/{base}-donnees.zip", "ZIP", size(f"{base}-donnees.zip"),
                 "Toutes les données ci-dessous en une archive",
                 "جميع البيانات أدناه في ملف مضغوط واحد"),
        Download(f"{FOLDER}/datapackage.json", "JSON (Frictionless Data Package)", size("datapackage.json"),
                 "Description des tables : colonnes, types, clés et sources",
                 "وصف الجداول: الأعمدة والأنواع والمفاتيح والمصادر"),
        Download(f"{FOLDER}/{base}.json", "JSON", size(f"{base}.json"),
                 f"L’édition {year} entière en un seul document, selon le modèle du contenu",
                 f"إصدار {year} كاملا في وثيقة واحدة، وفق نموذج المحتوى"),
        Download(f"{FOLDER}/{base}.schema.json", "JSON Schema", size(f"{base}.schema.json"),
                 "Le schéma du document JSON de l’édition",
                 "مخطط وثيقة JSON الخاصة بالإصدار"),
    ]
    for table in TABLES + LINK_TABLES:
        name = f"{table.name}.csv"
        data.append(Download(f"{FOLDER}/{name}", "CSV", size(name),
                             f"{table.fr} — {table.description[0]}",
                             f"{table.ar} — {table.description[1]}"))
    return {"report": report, "data": data}
