"""What the site is made of, for any site generator: the generated entity
pages and the named fragments (macros) narrative pages can include.

``entity_pages(content)`` lists one page per programme, partner and project
(its path, its title in each language, the YAML file it comes from).
``render_fragment(name, ...)`` renders a named fragment for one language and
page. Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from . import i18n, pagemeta
from .loader import load_content
from .kinds import KINDS
from .links import PageLinks
from .model import Content
from .render import PageState, Renderer


@dataclass(frozen=True)
class EntityPage:
    kind: str  # a name of snia.kinds.KINDS: programme | partner | project
    ident: str
    src_uri: str  # e.g. "projets/glo-act.md"
    source: str  # the YAML file, relative to the project root
    title: dict[str, str]  # plain text title per language (not escaped)


def entity_pages(content: Content, lang: str = "fr") -> list[EntityPage]:
    """One page per entry of each kind (snia.kinds), in the registry's order,
    at its place in ``lang``'s site."""
    pages = []
    for kind in KINDS.values():
        for ident, entity in content.of(kind.name).items():
            titles = {la: kind.title(content, entity, la) for la in i18n.LANGS}
            pages.append(EntityPage(kind.name, ident, f"{kind.section(lang)}/{ident}.md",
                                    entity.path, titles))
    return pages


def join_nav(nav: list, generated: list[EntityPage], lang: str) -> None:
    """The generated pages in a site's navigation (``nav``, as in the
    generator's config: ``[{title: [children]}, "page.md", ...]``): each
    joins the section whose index page is its folder's; the pages of a kind
    with no such section get a section of their own at the end, titled by
    its label ``nav_<kind>``."""
    placed: set[str] = set()
    for item in nav:
        if not isinstance(item, dict):
            continue
        for _title, children in item.items():
            if not isinstance(children, list):
                continue
            index = next((c for c in children if isinstance(c, str) and c.endswith("/index.md")), None)
            if index is None:
                continue
            folder = index[: -len("index.md")]
            mine = [p.src_uri for p in generated if p.src_uri.startswith(folder)]
            children.extend(mine)
            placed.update(mine)
    for kind in KINDS.values():
        rest = [p.src_uri for p in generated if p.kind == kind.name and p.src_uri not in placed]
        if rest:
            nav.append({i18n.ui("nav_" + kind.name, lang): rest})


def describe(page: EntityPage, content: Content, lang: str, title: str) -> str:
    """The page's description when it has none of its own (``describe_<kind>``)."""
    kind = KINDS[page.kind]
    values = {"kind": "", **kind.describe(content, content.of(page.kind)[page.ident], lang)}
    return i18n.ui("describe_" + kind.name, lang, title=title, **values)


def entity_markdown(page: EntityPage) -> str:
    """The source of a generated page: ids only, the macro does the rest."""
    return (
        "---\n"
        f"snia_kind: {page.kind}\n"
        f"snia_id: \"{page.ident}\"\n"
        "---\n\n"
        "{{ entity_page() }}\n"
    )


# --------------------------------------------------------------------------
# Fragments that pages include by name

FRAGMENTS = {
    "edition_summary": "edition.html",
    "key_figures": "key_figures.html",
    "programme_list": "programme_list.html",
    "programmes_index": "programmes_index.html",
    "objectives_index": "objectives_index.html",
    "partners_index": "partners_index.html",
    "projects_index": "projects_index.html",
    "recommendations_index": "recommendations_index.html",
    "figures_index": "figures_index.html",
    "timeline": "timeline.html",
    "glossary": "glossary.html",
    # charts (snia.charts): the home page's key charts
    "key_charts": "charts/key_charts.html",
}


def _downloads(content: Content, lang: str, page_url: str, project_root) -> Markup:
    """The Downloads page (issue 14): the PDFs and the open-data files."""
    from .downloads import built_pdfs, render_downloads

    return render_downloads(content, lang, page_url, built_pdfs(project_root, content))


def _full_report(content: Content, lang: str, page_url: str, project_root) -> Markup:
    """The full-report page (issue 14): the whole edition in reading order."""
    from .downloads import built_pdfs
    from .fullreport import render_page

    return render_page(content, lang, page_url, built_pdfs(project_root, content))


# The page macros that are not a plain fragment: each an output of its own.
OUTPUTS = {"downloads": _downloads, "full_report": _full_report}

# Every name a narrative page may call, as ``{{ name() }}`` and nothing else
# (``snia check`` and the build refuse any other template code in docs/): the
# fragments above and the outputs. macros.py registers each of them (a test
# keeps them in step), and ``entity_page`` for generated pages.
PAGE_MACROS = frozenset(FRAGMENTS) | frozenset(OUTPUTS)


def render_fragment(name: str, content: Content, lang: str, page_url: str) -> Markup:
    return Renderer(content, lang, page_url).page(FRAGMENTS[name])


def render_macro(name: str, content: Content, lang: str, page_url: str, project_root,
                 meta: dict | None = None) -> Markup:
    """What the page macro ``name`` puts in the page at ``page_url``: a
    fragment, an output, or (``entity_page``) the entry the generated page's
    front matter names (``meta``)."""
    if name == "entity_page":
        return render_entity(meta["snia_kind"], meta["snia_id"], content, lang, page_url)
    if name in OUTPUTS:
        return OUTPUTS[name](content, lang, page_url, project_root)
    return render_fragment(name, content, lang, page_url)


def render_entity(kind: str, ident: str, content: Content, lang: str, page_url: str) -> Markup:
    """An entry's page body: its kind's template, given the entry as
    ``entry`` and under the kind's own name (``prog``, ``partner``...)."""
    k = KINDS[kind]
    entity = content.of(kind)[ident]
    names = {"entry": entity, **({k.var: entity} if k.var else {})}
    return Renderer(content, lang, page_url).page(k.template, **names)


def notices(lang: str, *, missing: bool = False, draft: bool = False, french: str | None = None) -> Markup:
    """The one notice an Arabic page carries: some text not yet translated
    (shown in French), or a translation not yet reviewed; with a link to the
    French original of the page (``french``, a URL relative to the page)."""
    if lang != "ar" or not (missing or draft):
        return Markup("")
    state = PageState(fallbacks=int(missing), drafts=int(draft and not missing))
    return Renderer(None, lang).render("_notices.html", state=state, french=french)


def single_notice(body_html: str, lang: str, french: str | None) -> str:
    """A page's body with its fragments' notice marks replaced by one notice,
    right under the title."""
    body, found = pagemeta.gather_notices(body_html)
    return place_notice(body, lang, found, french)


def place_notice(body_html: str, lang: str, found: "pagemeta.Notices", french: str | None) -> str:
    """The one notice for what ``found`` says, right under the page's title."""
    block = notices(lang, missing=found.missing, draft=found.draft, french=french)
    return pagemeta.after_title(body_html, str(block)) if block else body_html


def untranslated_page(french_markdown: str, lang: str) -> str:
    """An Arabic page whose translation does not exist yet: the French page,
    marked as French, under the notice."""
    page = Renderer(None, lang).render("untranslated_page.md",
                                       mark=Markup(pagemeta.mark(missing=True, draft=False)),
                                       markdown=Markup(french_markdown))
    return str(page) + "\n"


class _AskedLinks(PageLinks):
    """A page's links that write down every answer they give."""

    def __init__(self, lang: str, page_url: str):
        super().__init__(lang, page_url)
        self.asked: list[tuple[str, tuple, str | None]] = []

    def url(self, kind, ident=None, anchor=None):
        answer = super().url(kind, ident, anchor)
        self.asked.append(("url", (kind, ident, anchor), answer))
        return answer

    def file(self, path):
        answer = super().file(path)
        self.asked.append(("file", (path,), answer))
        return answer


# footers rendered lately: (content, lang, repo_url, links asked and their answers, HTML)
_footers: list[tuple] = []


def render_footer(content: Content, lang: str, page_url: str, repo_url: str | None) -> Markup:
    """The site's footer on the page at ``page_url``. It is the same on every
    page but for its links: a footer rendered for a page serves every page
    whose links, asked the same questions, give the same answers (each
    folder depth: a few renderings a build instead of one a page)."""
    links = PageLinks(lang, page_url)
    for kept, kept_lang, kept_repo, asked, html in _footers:
        if (kept is content and kept_lang == lang and kept_repo == repo_url
                and all(getattr(links, how)(*args) == answer for how, args, answer in asked)):
            return html
    recording = _AskedLinks(lang, page_url)
    html = Renderer(content, lang, page_url, links=recording).render("footer.html", repo_url=repo_url)
    _footers[:] = [(content, lang, repo_url, recording.asked, html)] + _footers[:15]
    return html


def render_updated(day, lang: str) -> Markup:
    """"Last updated" line of a page, from its content's history."""
    if day is None:
        return Markup("")
    return Renderer(None, lang).render("updated.html", day=day.isoformat())


def page_chrome(content: Content, lang: str, page_url: str, repo_url: str | None, updated,
                description: str) -> dict:
    """What the theme's templates show around a page body (overrides/):
    its footer, its "last updated" line (``updated``: a date or None) and
    its description."""
    return {
        "footer": render_footer(content, lang, page_url, repo_url),
        "updated": render_updated(updated, lang),
        "description": description,
        "updated_iso": updated.isoformat() if updated else "",
        "updated_text": i18n.date(updated.isoformat(), lang) if updated else "",
    }


def french_url(page_url: str) -> str:
    """From an Arabic page (``ar/<page_url>``), the same page in French."""
    return PageLinks("ar", page_url).french()


# --------------------------------------------------------------------------
# Loading once per change


_cache: dict[str, tuple[tuple, Content]] = {}


def _stamp(root: Path) -> tuple:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            st = os.stat(os.path.join(dirpath, name))
            out.append((dirpath, name, st.st_mtime_ns, st.st_size))
    return tuple(out)


@lru_cache(maxsize=16)
def _resolved(path: str) -> str:
    return str(Path(path).resolve())


def content_root(project_root: str | Path) -> Path:
    """``content/``, or the tree named by ``SNIA_CONTENT`` (tests build fixture trees)."""
    return Path(os.environ.get("SNIA_CONTENT") or Path(project_root) / "content")


def content_for(project_root: str | Path, *, fresh: bool = True) -> Content:
    """The content tree, loaded again only when one of its files changed.

    ``fresh=False``: the tree as last loaded, without looking at its files
    again. A build checks once (when it starts) and its pages then ask with
    ``fresh=False``: a look at every file for every page grew with the
    square of the content (6,500 files stat-ed for each of 13,000 pages at
    ×100)."""
    root = content_root(project_root)
    key = _resolved(str(root))  # asked several times a page: one path resolution a build
    hit = _cache.get(key)
    if not fresh and hit is not None:
        return hit[1]
    stamp = _stamp(root)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    content = load_content(root, relative_to=project_root)
    _cache[key] = (stamp, content)
    return content


def edit_source(root: Path, docs_dir: str, src_uri: str, entity_source: str | None) -> str | None:
    """The repository file an "edit this page" link opens, or None.

    A generated page is edited in its YAML file; a narrative page in its
    Markdown; an Arabic page not translated yet shows the French page, so it
    is the French file that is edited. A page made by the build with no file
    of its own has no link (never one to a file that does not exist)."""
    candidates = [entity_source] if entity_source else [f"{docs_dir}/{src_uri}"]
    parts = Path(docs_dir).parts
    if not entity_source and parts and parts[-1] != "fr":
        candidates.append(str(Path(*parts[:-1], "fr", src_uri)))
    for source in candidates:
        path = Path(source)
        if not path.is_absolute() and ".." not in path.parts and (root / path).is_file():
            return path.as_posix()
    return None
