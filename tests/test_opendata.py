"""Open data (issue 14): the data package is valid (types, keys, foreign keys),
every figure, amount and date of the content is in the CSV and the JSON with
the same value, the CSVs open with their byte-order mark, the JSON follows its
schema, and the same content gives the same bytes."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from frictionless import validate

from conftest import ROOT
from snia import opendata
from snia.loader import load_content

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content", relative_to=ROOT)


@pytest.fixture(scope="module")
def made(content):
    return opendata.files(content)


@pytest.fixture(scope="module")
def folder(made, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("donnees")
    for name, data in made.items():
        (out / name).write_bytes(data)
    return out


def rows(made, table: str) -> list[dict]:
    data = made[f"{table}.csv"]
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data[len(BOM):].decode("utf-8"), newline="")))


def by_id(made, table: str, key: str = "id") -> dict[str, dict]:
    return {r[key]: r for r in rows(made, table)}


def test_data_package_is_valid(folder):
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = {t.name for t in opendata.TABLES}
    assert {"programmes", "objectives", "activities", "figures", "events", "projects",
            "partners", "recommendations", "glossary"} <= names
    assert len(report.tasks) == len(opendata.TABLES) + len(opendata.LINK_TABLES)


def test_foreign_keys_and_types_are_checked(folder, tmp_path):
    """The validation really checks keys and types: a figure of a programme that
    does not exist, and a value that is not a number, make the package invalid."""
    for name in folder.iterdir():
        (tmp_path / name.name).write_bytes(name.read_bytes())
    figures = (tmp_path / "figures.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = figures[1].split(",")
    cells[1] = "77"  # programme 77 is not in programmes.csv
    cells[2] = "quinze"
    figures[1] = ",".join(cells)
    (tmp_path / "figures.csv").write_text("\ufeff" + "\r\n".join(figures) + "\r\n", encoding="utf-8")
    report = validate(tmp_path / "datapackage.json")
    kinds = {err[0] for err in report.flatten(["type"])}
    assert "foreign-key" in kinds and "type-error" in kinds, kinds


def test_every_csv_starts_with_a_bom_and_has_both_languages(made):
    csvs = [n for n in made if n.endswith(".csv")]
    assert len(csvs) == len(opendata.TABLES) + len(opendata.LINK_TABLES)
    for name in csvs:
        assert made[name].startswith(BOM), name
        header = made[name][len(BOM):].split(b"\r\n", 1)[0].decode()
        assert not header.startswith("\ufeff")
    for table in opendata.TABLES:
        header = rows(made, table.name)[0].keys()
        texts = [h for h in header if h.endswith("_fr")]
        if table.name != "glossary":
            assert texts and all(h[:-3] + "_ar" in header for h in texts), table.name


def test_json_follows_its_schema(made, content):
    base = opendata.base_name(content)
    doc = json.loads(made[f"{base}.json"])
    schema = json.loads(made[f"{base}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(doc)
    # and the schema is strict enough to catch a mistake
    doc["programmes"][0]["number"] = "huit"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(doc)


def _same(cell: str, value) -> bool:
    if value is None:
        return cell == ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(cell) == float(value)
    return cell == str(value)


def test_every_figure_amount_and_date_is_in_csv_and_json(made, content):
    doc = json.loads(made[f"{opendata.base_name(content)}.json"])
    jprogs = {p["id"]: p for p in doc["programmes"]}
    jprojs = {p["id"]: p for p in doc["projects"]}
    figures, events, projects = by_id(made, "figures"), by_id(made, "events"), by_id(made, "projects")
    activities = by_id(made, "activities")
    n_checked = 0
    for prog, fig in content.figures():
        row = figures[fig.id]
        jfig = next(f for f in jprogs[prog.id]["figures"] if f["id"] == fig.id)
        for attr in ("value", "of", "when"):
            assert _same(row[attr], getattr(fig, attr)), (fig.id, attr)
            assert jfig.get(attr) == getattr(fig, attr), (fig.id, attr)
        assert int(row["programme"]) == prog.data.number
        n_checked += 1
    for prog, ev in content.events():
        row = events[ev.id]
        jev = next(e for e in jprogs[prog.id]["events"] if e["id"] == ev.id)
        for attr in ("date", "end", "participants"):
            assert _same(row[attr], getattr(ev, attr)), (ev.id, attr)
            assert jev.get(attr) == getattr(ev, attr), (ev.id, attr)
        n_checked += 1
    for prog, act in content.activities():
        assert activities[act.id]["dates"] == opendata.LIST_SEP.join(act.dates)
    for jid, proj in content.projects.items():
        d, row = proj.data, projects[jid]
        amount = d.amount.value if d.amount else None
        currency = d.amount.currency if d.amount else None
        assert _same(row["amount"], amount) and _same(row["currency"], currency), jid
        assert jprojs[jid].get("amount") == (d.amount.model_dump(exclude_none=True) if d.amount else None)
        for attr in ("status_date", "period", "countries_count"):
            assert _same(row[attr], getattr(d, attr)), (jid, attr)
            assert jprojs[jid].get(attr) == getattr(d, attr), (jid, attr)
        n_checked += 1
    assert n_checked >= 20
    # the seed's amounts reach the CSV as plain numbers
    amounts = [r["amount"] for r in projects.values() if r["amount"]]
    assert amounts and all(a.replace(".", "").isdigit() for a in amounts), amounts


def test_unknowns_stay_empty(made, content):
    progs = by_id(made, "programmes", "number")
    p8 = progs["8"]
    assert content.programmes["08"].data.title is None
    assert p8["title_fr"] == "" and p8["actions_count"] == ""
    for row in rows(made, "projects"):
        assert row["amount"] not in ("0", "N/A")
        if row["amount"] and not row["currency"]:
            break
    else:
        pytest.fail("the seed's amount without a currency should show an empty currency")


def test_licence_is_taken_from_content_never_guessed(made, content):
    package = json.loads(made["datapackage.json"])
    if opendata.licence(content) is None:
        assert "licenses" not in package
        assert opendata.NOT_STATED["fr"] in package["description"]
    else:
        assert package["licenses"][0]["title"] == opendata.licence(content).fr
    assert package["sources"] and content.edition.source.fr in package["sources"][0]["title"]
    for res in package["resources"]:
        assert " / " in res["title"] and res["schema"]["primaryKey"]


def test_same_content_same_bytes_and_zip_holds_everything(made, content, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1543622400")
    one = opendata.files(content)
    two = opendata.files(content)
    assert one == two
    zname = f"{opendata.base_name(content)}-donnees.zip"
    with zipfile.ZipFile(io.BytesIO(one[zname])) as zf:
        assert sorted(zf.namelist()) == sorted(n for n in one if n != zname)
        for info in zf.infolist():
            assert zf.read(info) == one[info.filename]
            assert info.date_time[0] == 2018
