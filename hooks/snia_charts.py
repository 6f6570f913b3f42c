"""MkDocs hook: each chart's data published as CSV (src/snia/charts.py).

The files go into the French site only, under ``charts.CSV_FOLDER``; Arabic
pages link to the same files (``charts.csv_href``)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from snia import charts, pages, preview
from snia.loader import ContentError

ROOT = Path(__file__).resolve().parent.parent


def on_files(files, config):
    if config.theme["language"] != "fr":
        return files
    try:
        content = pages.content_for(ROOT)
    except ContentError:
        if preview.serving():  # a paused preview (hooks/snia_site.py shows the problems)
            return files
        raise
    for path, data in charts.csv_files(content).items():
        files.append(File.generated(config, path, content=data))
    return files
