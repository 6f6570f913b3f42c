"""MkDocs hook: the content checked before anything is built, one page per
entity generated in each language, their nav entries, titles and edit links,
and the Arabic site built into ``ar/`` right after the French one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from markupsafe import escape
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from snia import narrative, pages, search_names
from snia.loader import ContentError

ROOT = Path(__file__).resolve().parent.parent
_state: dict = {}


def _lang(config) -> str:
    return config.theme["language"]


def on_config(config):
    # One public address (SNIA_SITE_URL) for both sites: the Arabic one is ar/ below it.
    if _lang(config) != "fr" and config.site_url and not config.site_url.rstrip("/").endswith("/ar"):
        config.site_url = config.site_url.rstrip("/") + "/ar/"
    try:
        content = pages.content_for(ROOT)
    except ContentError as err:
        raise PluginError(
            f"{len(err.problems)} problème(s) dans content/, rien n'a été construit :\n" + err.report()
        ) from None
    # narrative pages are untrusted too: template code, raw HTML, front matter
    problems = narrative.check_docs(ROOT / "docs", pages.PAGE_MACROS, relative_to=ROOT)
    if problems:
        raise PluginError(f"{len(problems)} problème(s) dans docs/, rien n'a été construit :\n"
                          + "\n".join(map(str, problems)))
    generated = pages.entity_pages(content)
    _state["pages"] = {p.src_uri: p for p in generated}
    # Generated pages join the nav section whose index page is their folder's.
    for item in config.nav or []:
        for _title, children in item.items():
            if not isinstance(children, list):
                continue
            index = next((c for c in children if isinstance(c, str) and c.endswith("/index.md")), None)
            if index is None:
                continue
            folder = index[: -len("index.md")]
            children.extend(p.src_uri for p in generated if p.src_uri.startswith(folder))
    return config


def on_files(files, config):
    for page in _state["pages"].values():
        files.append(File.generated(config, page.src_uri, content=pages.entity_markdown(page)))
    # search: an organisation's acronym and Arabic common name are one name
    files.append(File.generated(config, "assets/javascripts/lunr/min/snia-names.js",
                                content=search_names.names_script(pages.content_for(ROOT))))
    # A narrative page not translated yet still exists in Arabic: the French
    # text, marked as French, under a notice.
    _state["untranslated"] = set()
    if _lang(config) != "fr":
        french = ROOT / "docs" / "fr"
        for path in sorted(french.rglob("*.md")):
            uri = path.relative_to(french).as_posix()
            if files.get_file_from_path(uri) is None:
                text = pages.untranslated_page(path.read_text(encoding="utf-8"), _lang(config))
                files.append(File.generated(config, uri, content=text))
                _state["untranslated"].add(uri)
    return files


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown, page, config, files):
    entity = _state["pages"].get(page.file.src_uri)
    if entity is not None:
        # The theme prints titles unescaped: escape here, once.
        page.meta["title"] = str(escape(entity.title[_lang(config)]))
    else:
        # The theme prints front-matter values unescaped (<title>, <meta>).
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = str(escape(page.meta[key]))
    if entity is None and page.file.src_uri not in _state["untranslated"]:
        # a translated narrative page records its review in its front matter
        notice = pages.notices(_lang(config), draft=page.meta.get("status") != "reviewed")
        if notice:
            block = f'<div class="snia">\n{notice}\n</div>\n\n'
            head, sep, rest = markdown.partition("\n")
            markdown = (f"{head}\n\n{block}{rest}" if head.startswith("# ") else block + markdown)
    return markdown


# The search index takes an element's text without what separates it from the
# next one: "<dt>Objectif</dt><dd>OSP 17</dd>" was indexed "ObjectifOSP 17".
_CELL_END = re.compile(r"(</(?:dt|dd|th|td|li|tr|caption|h[1-6])>)(?=<)")


def on_page_content(html, page, config, files):
    """Defence in depth: a narrative page's HTML keeps only safe elements,
    attributes and addresses (``snia check`` has refused the rest already).
    Generated entity pages come from the autoescaped templates alone.
    Then a line break after each cell, term or item, for the search index."""
    if page.file.src_uri not in _state["pages"]:
        html = narrative.sanitise_html(html)
    return _CELL_END.sub("\\1\n", html)


def on_page_context(context, page, config, nav):
    entity = _state["pages"].get(page.file.src_uri)
    repo, branch = config.repo_url, config.extra.get("edit_branch", "main")
    page.edit_url = None
    if repo:
        source = pages.edit_source(ROOT, os.path.relpath(config.docs_dir, ROOT),
                                   page.file.src_uri, entity.source if entity else None)
        if source is not None:  # never a link to a file the repository does not have
            page.edit_url = f"{repo.rstrip('/')}/edit/{branch}/{source}"
    return context


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    """The search index in UTF-8 rather than ``\\uXXXX`` escapes (Arabic
    text was 6 bytes a letter); then the French build also builds the Arabic
    site into ``site/ar`` (so that ``mkdocs build`` and ``mkdocs serve`` give
    both languages)."""
    search_names.compact_index(Path(config.site_dir) / "search" / "search_index.json")
    other = config.extra.get("build_also")
    if not other:
        return
    from mkdocs.commands.build import build

    ar = load_config(
        str(ROOT / other),
        site_dir=os.path.join(config.site_dir, "ar"),
        strict=config.strict,
    )
    build(ar, dirty=False)


def _fix_html(output: str, lang: str) -> str:
    """Two fixes the theme's templates do not allow otherwise: ``dir`` on
    ``<html>`` (Material puts it on ``<body>`` only), and no ``autocomplete``
    on its checkbox toggles (invalid HTML)."""
    direction = "rtl" if lang == "ar" else "ltr"
    output = output.replace(f'<html lang="{lang}" class="no-js">',
                            f'<html lang="{lang}" dir="{direction}" class="no-js">', 1)
    for toggle in ("__drawer", "__search"):
        output = output.replace(f'type="checkbox" id="{toggle}" autocomplete="off"',
                                f'type="checkbox" id="{toggle}"', 1)
    return output


def on_post_page(output, page, config):
    return _fix_html(output, _lang(config))


def on_post_template(output_content, template_name, config):
    """Static templates such as 404.html."""
    if template_name.endswith(".html"):
        return _fix_html(output_content, _lang(config))
    return output_content
