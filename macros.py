"""mkdocs-macros glue: only registers the site's macros.

Every macro renders through the `snia` package's autoescaped templates. No
macro takes a content string: generated pages pass ids (in their front
matter), narrative pages name a fragment, so no YAML text is ever pasted into
a page before macros render it.
"""

from pathlib import Path

from snia import downloads, pages

ROOT = Path(__file__).parent


def define_env(env):
    lang = env.conf["theme"]["language"]

    def content():
        return pages.content_for(ROOT)

    def entity_page():
        meta = env.page.meta
        return pages.render_entity(meta["snia_kind"], meta["snia_id"], content(), lang, env.page.url)

    env.macro(entity_page)

    def fragment(name):
        def render():
            return pages.render_fragment(name, content(), lang, env.page.url)
        render.__name__ = name
        return render

    for name in pages.FRAGMENTS:
        env.macro(fragment(name), name)

    # Downloads page (issue 14): the PDFs and the open-data files.
    def downloads_table():
        c = content()
        return downloads.render_downloads(c, lang, env.page.url, downloads.built_pdfs(ROOT, c))

    env.macro(downloads_table, "downloads")
