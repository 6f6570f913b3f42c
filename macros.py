"""mkdocs-macros glue: only registers the site's macros.

Every macro renders through the `snia` package's autoescaped templates. No
macro takes a content string: generated pages pass ids (in their front
matter), narrative pages name a fragment, so no YAML text is ever pasted into
a page before macros render it.
"""

from pathlib import Path

from jinja2.sandbox import ImmutableSandboxedEnvironment
from mkdocs.exceptions import PluginError

from snia import htmlstash, narrative, pages

ROOT = Path(__file__).parent


def _page_key(env):
    return (env.conf["theme"]["language"], env.page.file.src_uri)


def define_env(env):
    lang = env.conf["theme"]["language"]

    def content():
        return pages.content_for(ROOT, fresh=False)  # checked when the build started

    def out(html):
        """The fragment, or its placeholder: the hook puts it back after the
        Markdown conversion, which would only read it again (snia.htmlstash)."""
        return htmlstash.SHARED.put(_page_key(env), html)

    def macro(name):
        def render():
            return out(pages.render_macro(name, content(), lang, env.page.url, ROOT, env.page.meta))
        render.__name__ = name
        return render

    # each fragment and output a page may call (snia.pages), and the generated pages' own
    for name in sorted(pages.PAGE_MACROS | {"entity_page"}):
        env.macro(macro(name), name)


class _Sandbox(ImmutableSandboxedEnvironment):
    """The pages' sandbox. A page's text is compiled once per text: every
    generated page reads ``{{ entity_page() }}`` and was compiled again."""

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self.__dict__.setdefault("_snia_compiled", {})
        if source not in compiled:
            compiled[source] = super().from_string(source)
        return compiled[source]


# page texts already found to hold no template code but allowed calls
_CLEAN: set[tuple[str, frozenset]] = set()


def on_pre_page_macros(env):
    """Before a page is rendered as a template: refuse any template code other
    than a call of a registered macro (``snia check`` and the hook's
    ``on_config`` refuse it earlier, with every problem; this guards each page,
    generated ones included), and render in a sandbox that cannot reach
    Python objects (defence in depth)."""
    if not isinstance(env.env, ImmutableSandboxedEnvironment):
        plain = env.env
        box = _Sandbox(undefined=plain.undefined, autoescape=False)
        box.globals.update(plain.globals)
        box.filters.update(plain.filters)
        env._env = box  # mkdocs-macros keeps its environment there
    allowed = set(pages.PAGE_MACROS)
    source = env.page.file.abs_src_path
    if source is None and "snia_kind" in env.page.meta:  # a generated entity page
        allowed.add("entity_page")
    label = env.page.file.src_uri
    if source is not None:
        label = Path(source).resolve().relative_to(ROOT).as_posix()
    problems = []
    clean = (env.markdown, frozenset(allowed))  # every generated page has the same text
    if clean not in _CLEAN:
        first = 1 if source is None else narrative.split_front(Path(source).read_text(encoding="utf-8"))[2]
        problems = narrative.template_problems(label, env.markdown, allowed, first_line=first)
        if not problems:
            _CLEAN.add(clean)
    title = env.page.title or ""
    if any(mark in title for mark in ("{{", "{%", "{#")):
        problems += narrative.template_problems(label + " (title)", title, ())
    if problems:
        raise PluginError("code de gabarit refusé, rien n'a été construit :\n"
                          + "\n".join(map(str, problems)))
    htmlstash.SHARED.begin(_page_key(env), env.markdown)
