"""The review sheet: every Arabic string of the site beside its French, with
where it is and its state, as a page to read (HTML, right-to-left Arabic
column, stale texts with the old French) and as CSV for a spreadsheet."""

from __future__ import annotations

import csv
import io

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from . import review

_ORDER = {"missing": 0, "stale": 1, "unreviewed": 2, None: 3}
STATE_FR = {"missing": "manquant", "stale": "périmé", "unreviewed": "non relu", None: "relu"}


def _sorted(items: list[review.Item]) -> list[review.Item]:
    return sorted(items, key=lambda i: (_ORDER[i.state], i.file, i.line))


def _cell(value: str) -> str:
    """A spreadsheet reads a cell that starts with = + - @ as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_sheet(items: list[review.Item]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["français", "arabe", "fichier:ligne", "état", "champ"])
    for i in _sorted(items):
        fr = review.page_body(i.fr) if i.kind == "page" else i.fr
        w.writerow([_cell(fr), _cell(i.ar or ""), i.where, STATE_FR[i.state], i.field])
    return buf.getvalue()


def html_sheet(items: list[review.Item], sources: dict) -> str:
    env = Environment(loader=PackageLoader("snia", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, keep_trailing_newline=True)
    rows = []
    for i in _sorted(items):
        rows.append({
            "item": i,
            "fr": review.page_body(i.fr) if i.kind == "page" else i.fr,
            "state_fr": STATE_FR[i.state],
            "state_ar": review.STATE_AR[i.state],
            "state": i.state or "reviewed",
            "changes": review.changes(i, sources) if i.state == "stale" else None,
            "unchanged": review.unchanged_arabic(i, sources),
        })
    counts = {s: sum(1 for i in items if i.state == s) for s in ("missing", "stale", "unreviewed")}
    return env.get_template("review_sheet.html").render(rows=rows, counts=counts, total=len(items))
