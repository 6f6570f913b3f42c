"""MkDocs hook (thin glue): the files published with the site for download.
The French build adds ``donnees/`` (made from content/ by snia.opendata), each
chart's data as CSV under ``charts.CSV_FOLDER`` (snia.charts) and, when
``make pdf`` built them for this content, the PDFs in ``pdf/``; the Arabic
site links to the same files one folder up.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from snia import downloads, pages, preview
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
    for path, data in downloads.published(ROOT, content):
        if isinstance(data, bytes):
            files.append(File.generated(config, path, content=data))
        else:  # a file made beforehand (a PDF of make pdf)
            files.append(File.generated(config, path, abs_src_path=str(data)))
    return files
