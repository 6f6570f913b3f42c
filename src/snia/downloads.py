"""The Downloads page: every file readers can take away (the typeset report
in each language, the open data), with its format, size and a one-line
description. Nothing here imports MkDocs.

The data files are made in memory from the content (:mod:`snia.opendata`),
so their sizes are exact; a PDF is listed with its size when ``make pdf``
built it for this very content (its stamp matches), and as not built
otherwise (``make serve`` works without the PDFs).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from pathlib import Path

from babel.units import format_unit
from markupsafe import Markup

from . import i18n, opendata
from .model import Content
from .links import PageLinks
from .render import Renderer

PDF_BUILD = Path("build") / "pdf"  # where `make pdf` leaves the PDFs, from the project root
STAMP = "stamp.json"


def content_stamp(content: Content) -> str:
    """A fingerprint of the content a PDF was made from (its open-data JSON)."""
    made = opendata.files(content)
    return hashlib.sha256(made[f"{opendata.base_name(content)}.json"]).hexdigest()


def built_pdfs(project_root: str | Path, content: Content) -> dict[str, Path]:
    """The PDFs ``make pdf`` built for this content, by file name (from
    ``build/pdf/``, or the folder named by ``SNIA_PDF_DIR``)."""
    folder = Path(os.environ.get("SNIA_PDF_DIR") or Path(project_root) / PDF_BUILD)
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if stamp.get("content") != content_stamp(content):
        return {}  # made from other content: not published
    out = {}
    for lang in i18n.LANGS:
        name = opendata.pdf_name(content, lang)
        if (folder / name).is_file():
            out[name] = folder / name
    return out


def published(project_root: str | Path, content: Content) -> list[tuple[str, bytes | Path]]:
    """Every file published with the site, once (in the French site's root;
    the Arabic site links one folder up), by its path there: the open data,
    each chart's CSV, and the PDFs ``make pdf`` built for this content. A new
    file output joins this list (and the Downloads page's, :func:`render_downloads`)."""
    from . import charts

    out: list[tuple[str, bytes | Path]] = [
        (f"{opendata.FOLDER}/{name}", data) for name, data in opendata.files(content).items()]
    out += list(charts.csv_files(content).items())
    out += [(f"{opendata.PDF_FOLDER}/{name}", path)
            for name, path in built_pdfs(project_root, content).items()]
    return out


def size_text(size: int, lang: str) -> str:
    if size < 1000 * 1000:
        return format_unit(round(size / 1000, 1), "digital-kilobyte", length="short",
                           locale=i18n.LOCALES[lang])
    return format_unit(round(size / 1000 / 1000, 1), "digital-megabyte", length="short",
                       locale=i18n.LOCALES[lang])


def href(path: str, lang: str, page_url: str) -> str:
    """A link from a page of the ``lang`` site to a file at ``path`` from the
    French site's root (the Arabic site is one folder down, in ``ar/``)."""
    return PageLinks(lang, page_url).file(path)


def render_downloads(content: Content, lang: str, page_url: str,
                     pdfs: dict[str, Path]) -> Markup:
    made = opendata.files(content)
    groups = opendata.catalogue(content, made, {n: p.stat().st_size for n, p in pdfs.items()})
    rows = {
        group: [
            {"href": href(d.path, lang, page_url), "name": posixpath.basename(d.path),
             "format": d.format, "size": None if d.size is None else size_text(d.size, lang),
             "description": d.fr if lang == "fr" else d.ar, "built": d.size is not None,
             "hreflang": (d.path.rsplit("-", 1)[-1][:2] if d.format == "PDF" else None)}
            for d in items
        ]
        for group, items in groups.items()
    }
    rows["charts"] = [
        {"href": href(path, lang, page_url), "name": posixpath.basename(path), "format": "CSV",
         "size": size_text(len(data), lang), "description": description, "built": True,
         "hreflang": None}
        for path, data, description in chart_files(content, lang)
    ]
    lic = opendata.licence(content)
    return Renderer(content, lang, page_url).page("downloads.html", rows=rows, licence=lic)


def chart_files(content: Content, lang: str) -> list[tuple[str, bytes, str]]:
    """Each chart's CSV (snia.charts publishes them beside the open data):
    its path from the site root, its bytes, the chart's title."""
    from . import charts

    titles = {charts.csv_path(charts.EDITION_TIMELINE): i18n.ui("chart_timeline_title", lang)}
    for _, chart in content.charts():
        titles[charts.csv_path(chart.id)] = chart.title.get(lang) or chart.title.fr
    return [(path, data, titles.get(path, posixpath.basename(path)))
            for path, data in sorted(charts.csv_files(content).items())]
