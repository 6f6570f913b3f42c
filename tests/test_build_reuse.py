"""Work a build no longer repeats (issue 15: the build's fixed cost), each
shown to give the same result as the work it replaces. No timing here: the
benchmark (make bench) measures speed; these check the outcome."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest
import yaml
from jinja2 import DictLoader, Environment

from snia import charts, htmlstash, jinjacache, opendata, pages
from snia.memo import per_content

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def content():
    return pages.content_for(ROOT)


# --------------------------------------------------------------------------
# Fragments kept out of the Markdown converter (snia.htmlstash)


@pytest.mark.parametrize("text", [
    "{{ glossary() }}\n",
    "# Titre\n\nUn paragraphe.\n\n{{ programme_list() }}\n\nSuite.\n",
    "---\n{{ a() }}\n\n{{b()}}",
])
def test_a_call_alone_in_its_paragraph_is_stashed(text):
    assert htmlstash.can_stash(text.split("---\n")[-1])


@pytest.mark.parametrize("text", [
    "Voir {{ glossary() }} ici.\n",  # inside a line of text
    "Texte\n{{ glossary() }}\n",  # no blank line before: part of the paragraph
    "{{ glossary() }}\nTexte\n",  # nor after
    "    {{ glossary() }}\n",  # indented: a code block
    "> {{ glossary() }}\n",  # quoted
    '<div markdown="1">\n\n{{ glossary() }}\n\n</div>\n',  # md_in_html rewrites what is inside
    "{{ glossary() }}{{ timeline() }}\n",  # two on a line
])
def test_a_call_the_converter_could_read_differently_is_written_in_place(text):
    assert not htmlstash.can_stash(text)


def _project_markdown() -> markdown.Markdown:
    """The Markdown converter with the site's extensions (mkdocs.yml)."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = {k: v for k, v in (options or {}).items() if v is not None}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def test_fragments_come_back_byte_for_byte_where_the_converter_put_their_html(content):
    """The page with placeholders, converted and restored, is the page with
    the fragments written in, converted: for every fragment and entity page."""
    stash = htmlstash.Stash()
    bodies = {name: str(pages.render_fragment(name, content, lang, "x/"))
              for name in pages.FRAGMENTS for lang in ("fr", "ar")}
    for page in pages.entity_pages(content)[::7]:
        for lang in ("fr", "ar"):
            bodies[page.src_uri + lang] = str(pages.render_entity(page.kind, page.ident, content, lang, "x/"))
    for key, body in bodies.items():
        source = "# Titre\n\nUn paragraphe avec [un lien](#ancre).\n\n{{ f() }}\n\nFin.\n"
        written = _project_markdown().convert(source.replace("{{ f() }}", body))
        stash.begin(("fr", key), source)
        placeholder = stash.put(("fr", key), body)
        assert placeholder != body and "snia-fragment" in placeholder
        converted = _project_markdown().convert(source.replace("{{ f() }}", placeholder))
        restored, anchors = stash.restore(("fr", key), converted)
        assert restored == written, key


def test_a_fragments_anchors_are_those_the_site_generator_finds_in_raw_html(content):
    from mkdocs.structure.pages import _HTMLHandler

    checked = 0
    for name in pages.FRAGMENTS:
        for lang in ("fr", "ar"):
            body = str(pages.render_fragment(name, content, lang, "x/"))
            handler = _HTMLHandler()
            handler.feed(body)
            handler.close()
            assert htmlstash.anchors(body) == handler.present_anchor_ids, (name, lang)
            checked += bool(handler.present_anchor_ids)
    for page in pages.entity_pages(content):
        body = str(pages.render_entity(page.kind, page.ident, content, "ar", "x/"))
        handler = _HTMLHandler()
        handler.feed(body)
        handler.close()
        assert htmlstash.anchors(body) == handler.present_anchor_ids, page.src_uri
        checked += bool(handler.present_anchor_ids)
    assert checked > 10  # the fragments do hold anchors
    assert htmlstash.anchors('<a name="x&amp;y">a</a><p id=\'q\' name="no"><b id=z>') == {"x&y", "q", "z"}


def test_a_page_without_its_fragment_is_never_shipped():
    stash = htmlstash.Stash()
    stash.begin(("fr", "p.md"), "{{ f() }}\n")
    stash.put(("fr", "p.md"), "<div>fragment</div>")
    with pytest.raises(RuntimeError, match="lost"):
        stash.restore(("fr", "p.md"), "<p>the converter dropped it</p>")


def test_a_placeholder_written_by_a_page_is_not_one():
    """The key is drawn per process: a page cannot name another fragment."""
    a, b = htmlstash.Stash(), htmlstash.Stash()
    a.begin(("fr", "p.md"), "{{ f() }}\n")
    mark = a.put(("fr", "p.md"), "<div>secret</div>")
    b.begin(("fr", "p.md"), "{{ f() }}\n")
    b.put(("fr", "p.md"), "<div>mine</div>")
    with pytest.raises(RuntimeError):
        b.restore(("fr", "p.md"), mark)


# --------------------------------------------------------------------------
# Compiled templates shared by the two languages' theme environments


def test_the_second_environment_reuses_the_compiled_template_and_renders_the_same():
    cache = jinjacache.MemoryBytecodeCache()
    templates = {"t.html": "{% for x in xs %}<{{ x }}>{% endfor %}"}
    first = Environment(loader=DictLoader(templates), bytecode_cache=cache)
    assert first.get_template("t.html").render(xs=["a"]) == "<a>"
    assert len(cache) == 1
    second = Environment(loader=DictLoader(templates), bytecode_cache=cache)
    assert second.get_template("t.html").render(xs=["<b>"]) == "<<b>>"
    assert len(cache) == 1  # compiled once
    # settings that change the generated code get code of their own
    escaping = Environment(loader=DictLoader(templates), bytecode_cache=cache, autoescape=True)
    assert escaping.get_template("t.html").render(xs=["<b>"]) == "<&lt;b&gt;>"
    trimmed = Environment(loader=DictLoader(templates), bytecode_cache=cache, trim_blocks=True)
    trimmed.get_template("t.html")
    assert len(cache) == 3
    # an edited template is compiled again
    templates["t.html"] = "{{ xs|length }}"
    assert Environment(loader=DictLoader(templates), bytecode_cache=cache).get_template(
        "t.html").render(xs=[1, 2]) == "2"


def test_compiled_templates_kept_on_disk_serve_the_next_process_and_only_for_their_source(tmp_path):
    """What a build (or make venv) compiled is used by the next build: the
    same code, for the same source only; a damaged or foreign file is
    compiled again, never trusted."""
    templates = {"t.html": "{% for x in xs %}<{{ x }}>{% endfor %}"}
    compiled = []

    class Counting(Environment):
        def _compile(self, source, filename):
            compiled.append(filename)
            return super()._compile(source, filename)

    def process():  # a new process: an empty memory, the same folder
        return Counting(loader=DictLoader(templates), bytecode_cache=jinjacache.MemoryBytecodeCache(tmp_path))

    assert process().get_template("t.html").render(xs=["a"]) == "<a>"
    files = list((tmp_path / "jinja").iterdir())
    assert len(compiled) == 1 and len(files) == 1
    assert process().get_template("t.html").render(xs=["b"]) == "<b>"
    assert len(compiled) == 1  # read from the folder, not compiled
    templates["t.html"] = "{{ xs|length }}"  # an edited template: compiled again, and kept
    assert process().get_template("t.html").render(xs=[1, 2]) == "2"
    assert process().get_template("t.html").render(xs=[1]) == "1"
    assert len(compiled) == 2
    files[0].write_bytes(b"not a compiled template")  # damaged: compiled again
    assert process().get_template("t.html").render(xs=[1, 2, 3]) == "3"
    assert len(compiled) == 3
    # no folder: memory only, nothing written
    assert Environment(loader=DictLoader(templates),
                       bytecode_cache=jinjacache.MemoryBytecodeCache()).get_template("t.html").render(xs=[]) == "0"


def test_the_folder_of_compiled_templates_is_the_environments_or_the_one_named(monkeypatch, tmp_path):
    import sys

    monkeypatch.setenv(jinjacache.ENV_VAR, str(tmp_path))
    assert jinjacache.default_directory() == tmp_path
    monkeypatch.setenv(jinjacache.ENV_VAR, "")
    assert jinjacache.default_directory() is None
    monkeypatch.delenv(jinjacache.ENV_VAR)
    if sys.prefix != sys.base_prefix:  # the virtual environment's, never the repository's
        folder = jinjacache.default_directory()
        assert folder is not None and Path(sys.prefix) in folder.parents


# --------------------------------------------------------------------------
# Derived files computed once per content tree


def test_derived_files_are_the_same_computed_once(content, monkeypatch):
    assert opendata.files(content) == opendata.files.uncached(content)
    assert charts.csv_files(content) == charts.csv_files.uncached(content)
    calls = []

    @per_content
    def work(c):
        calls.append(c)
        return {"n": len(calls)}

    assert work(content) == {"n": 1} and work(content) == {"n": 1}
    mine = work(content)
    mine["n"] = 99  # a caller's copy
    assert work(content) == {"n": 1}
    other = pages.load_content(ROOT / "content", relative_to=ROOT)  # a new load: computed again
    assert work(other) == {"n": 2}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(os.environ.get("SOURCE_DATE_EPOCH") or 0) + 86400))
    assert work(other) == {"n": 3}  # the zip's dates changed


# --------------------------------------------------------------------------
# make serve: a save parses and validates again only the files it changed


def test_a_reload_reads_again_only_changed_files_and_says_the_same(tmp_path, monkeypatch):
    import shutil

    from snia import loader

    tree = tmp_path / "content"
    shutil.copytree(ROOT / "content", tree)
    first = loader.load_content(tree, relative_to=tmp_path)
    parsed = []
    real = loader._read
    monkeypatch.setattr(loader, "_read", lambda *a, **k: parsed.append(a[1]) or real(*a, **k))
    oim = tree / "partners" / "oim.yml"
    oim.write_text(oim.read_text(encoding="utf-8").replace(
        "Organisation Internationale", "Organisation Mondiale", 1), encoding="utf-8")
    second = loader.load_content(tree, relative_to=tmp_path)
    assert parsed == ["content/partners/oim.yml"]
    assert second.partners["oim"].data.name.fr.startswith("Organisation Mondiale")
    assert second.partners["aecid"].data is first.partners["aecid"].data  # kept, not re-read
    monkeypatch.setattr(loader, "_read", real)
    loader._last_files.clear()
    fresh = loader.load_content(tree, relative_to=tmp_path)
    assert {k: v.data for k, v in fresh.partners.items()} == {k: v.data for k, v in second.partners.items()}
    # an unchanged broken file is reported again, with the same problems, at every load
    oim.write_text(oim.read_text(encoding="utf-8").replace("kind: un", "kind: inconnu"), encoding="utf-8")
    with pytest.raises(loader.ContentError) as one:
        loader.load_content(tree, relative_to=tmp_path)
    with pytest.raises(loader.ContentError) as two:
        loader.load_content(tree, relative_to=tmp_path)
    assert one.value.report() == two.value.report() and "oim.yml" in one.value.report()


# --------------------------------------------------------------------------
# Alphabetical order: pyuca's table read as the sorted words need it


def test_the_lazy_collator_gives_pyucas_sort_keys(content):
    import pyuca

    from snia.collation import LazyCollator

    full, lazy = pyuca.Collator(), LazyCollator()
    words = [w for e in content.glossary.entries for w in (e.acronym, e.term.fr, e.term.get("ar")) if w]
    words += ["Œuvre", "école", "Zèbre", "Agence", "étude", "الهجرة", "بشر", "اللجوء", "تعاون", "ﻻ",
              "Straße", "ǅ", "\u0627\u0653", "l·l", "ŀl", "Å", "\u0e40\u0e01", "\u0418\u0306"]
    words.append("".join(chr(i) for i in range(0x20, 0x250)))  # Latin
    words.append("".join(chr(i) for i in range(0x600, 0x700)))  # Arabic
    words += ["".join(chr(i) for i in range(start, start + 400, 7)) for start in range(0x250, 0xD000, 3001)]
    assert len(words) > 100
    # contractions learnt in either order give the same keys
    assert [lazy.sort_key(w) for w in reversed(words)][::-1] == [full.sort_key(w) for w in words]


def test_the_scripts_part_of_the_table_kept_between_builds_gives_pyucas_keys(content, monkeypatch, tmp_path):
    """A build reads only the Latin and Arabic part of the table, kept by the
    build before it; a character of another script reads the whole table."""
    import pyuca

    from snia import collation

    monkeypatch.setenv(jinjacache.ENV_VAR, str(tmp_path))
    first = collation.LazyCollator()  # nothing kept yet: the whole table, and its part kept
    assert first._whole and list(tmp_path.glob("collation-*.marshal"))
    full = pyuca.Collator()
    words = [w for e in content.glossary.entries for w in (e.acronym, e.term.fr, e.term.get("ar")) if w]
    words += ["Œuvre", "école", "Straße", "l·l", "ŀl", "Å", "ﻻ", "\u0627\u0653", "‰ – “x”"]
    words.append("".join(chr(i) for i in range(0x20, 0x250)))
    words.append("".join(chr(i) for i in range(0x600, 0x700)))
    part = collation.LazyCollator()
    assert not part._whole
    assert [part.sort_key(w) for w in words] == [full.sort_key(w) for w in words]
    assert not part._whole  # the report's scripts alone never read the whole table
    others = ["\u0e40\u0e01", "\u0418\u0306", "l\u0e01", "Дж", "中文"]
    assert [part.sort_key(w) for w in others] == [full.sort_key(w) for w in others]
    assert part._whole
    assert [part.sort_key(w) for w in words] == [full.sort_key(w) for w in words]


# --------------------------------------------------------------------------
# A page's outline (sections, first paragraph) read from only what it needs


def _whole(body: str):
    from snia.pagemeta import _Headings

    parser = _Headings((2, 3))
    parser.feed(body)
    return parser.found, parser.paragraph


@pytest.mark.parametrize("body", [
    '<h1>T</h1><div role="note"><p>avis</p></div><p></p><p>Premier <b>vrai</b> paragraphe &amp; fin.</p>'
    '<h2 id="a">Un <em>titre</em> &eacute;</h2><p>x</p><h3 id="b">Sous</h3><h2>sans id</h2><H3 ID="c">Maj</H3>',
    '<div class="admonition"><p>non</p></div><div data-search-exclude><p>non plus</p></div><p>oui</p>',
    '<!-- <h2 id="c">commentaire</h2> --><h2 id="d">vrai</h2><p>p</p>',  # a comment holding a heading
    '<h2 id="e">a<h3 id="f">b</h3></h2><p>p</p>',  # a heading inside a heading
    '<style>h2{}</style><h2 id="g">g</h2><p>une <p>deux</p>',
    '<style>a::after{content:"<h2 id=x>"}</style><h2 id="g">g</h2>',  # raw text holding a heading tag
    '<script>document.write("<h3 id=y>y</h3>")</script><h3 id="z">z</h3><p>p</p>',
    '<svg role="img"><title>Graphique</title><text>1</text></svg><h2 id="s">s</h2><p>p</p>',  # a chart
    '<title>sans fin <h2 id="w">w</h2>',
    '<p>sans fin', '', '<h2 id="h">jamais fermé',
])
def test_the_outline_is_what_reading_the_whole_body_gives(body):
    from snia import pagemeta

    read = pagemeta.outline(body)
    assert (read.found, read.paragraph) == _whole(body)


def test_the_outline_of_every_fragment_and_entity_page_is_the_whole_reading(content):
    from snia import pagemeta

    bodies = [str(pages.render_fragment(n, content, lang, "x/")) for n in pages.FRAGMENTS for lang in ("fr", "ar")]
    bodies += [str(pages.render_entity(p.kind, p.ident, content, lang, "x/"))
               for p in pages.entity_pages(content) for lang in ("fr", "ar")]
    for body in bodies:
        read = pagemeta.outline(body)
        assert (read.found, read.paragraph) == _whole(body)
    assert sum(bool(pagemeta.outline(b).found) for b in bodies) > 20
    # a chart's SVG <title> holds no heading: its page is read in part, not whole
    charted = [b for b in bodies if "<svg" in b and "<title" in b]
    assert charted and not any(pagemeta._UNSURE.search(b) for b in charted)


# --------------------------------------------------------------------------
# YAML composed by libyaml where nothing refused can be in the text


def _nodes(node):
    import yaml as _yaml

    if node is None:
        return None
    out = [type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column,
           node.end_mark.line, node.end_mark.column]
    if isinstance(node, _yaml.ScalarNode):
        return out + [node.value, node.style]
    if isinstance(node, _yaml.SequenceNode):
        return out + [[_nodes(n) for n in node.value]]
    return out + [[(_nodes(k), _nodes(v)) for k, v in node.value]]


def test_libyaml_gives_the_checked_readers_nodes_for_every_content_and_fixture_file():
    from snia import yamlsafe

    files = sorted((ROOT / "content").rglob("*.yml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yml"))
    fast = 0
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
        node = yamlsafe._compose_fast(text)
        if node is None:
            continue
        fast += 1
        loader = yamlsafe._Loader(text)
        try:
            assert _nodes(node) == _nodes(loader.get_single_node()), path
        finally:
            loader.dispose()
    assert fast > 50


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: !!binary aGk=\n", "a: [1, 2\n", "a:\n\tb: 1\n", "",
    "a: " + "[" * 30 + "]" * 30 + "\n",
])
def test_what_the_checked_reader_refuses_is_left_to_it(text):
    from snia import yamlsafe

    assert yamlsafe._compose_fast(text) is None


def test_the_same_documents_and_problems_either_way(monkeypatch):
    from snia import yamlsafe

    files = sorted((ROOT / "content").rglob("*.yml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yml"))
    results = {}
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr(yamlsafe, "_compose_fast", lambda text: None)
        for path in files:
            try:
                doc = yamlsafe.parse(path.name, path.read_bytes())
                got = (doc.data, doc.problems, {k: (n.start_mark.line, n.start_mark.column)
                                                for k, n in doc.nodes.items()})
            except yamlsafe.YamlError as err:
                got = ("error", err.problems)
            results.setdefault(path, []).append(got)
    for path, (a, b) in results.items():
        assert a == b, path


# --------------------------------------------------------------------------
# "Last updated": the last commit touching a page's sources, one lookup a page


def test_last_changed_is_the_newest_commit_under_each_path(tmp_path):
    import datetime as dt
    import subprocess

    from snia import pagemeta

    def commit(day: int, files: dict[str, str]):
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text, encoding="utf-8")
        when = f"2024-03-{day:02d}T12:00:00+00:00"
        env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
        subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True)
        subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t",
                        "commit", "-qm", str(day)], check=True, env=env)

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(1, {"content/a.yml": "1", "content/sub/b.yml": "1", "docs/fr/index.md": "1", "contentious.md": "1"})
    commit(5, {"content/sub/b.yml": "2"})
    commit(9, {"docs/fr/index.md": "2", "contentious.md": "2"})
    day = lambda d: dt.date(2024, 3, d)  # noqa: E731
    assert pagemeta.last_changed(tmp_path, ["content/a.yml"]) == day(1)
    assert pagemeta.last_changed(tmp_path, ["content"]) == day(5)
    assert pagemeta.last_changed(tmp_path, ["content/"]) == day(5)
    assert pagemeta.last_changed(tmp_path, ["content/sub/"]) == day(5)
    assert pagemeta.last_changed(tmp_path, ["docs/fr/index.md", "content"]) == day(9)
    # a folder is a whole path segment: "content" is not "contentious.md"
    assert pagemeta.last_changed(tmp_path, ["content/a.yml", "conten"]) == day(1)
    assert pagemeta.last_changed(tmp_path, ["nowhere.md", ""]) is None


def test_templates_are_read_once_and_again_after_a_save():
    """A build reads each template once (no disk check at each use); make
    serve forgets them at each save (hooks/snia_site.on_config), so an
    edited template shows."""
    from snia import render

    env = render._environment()
    first = env.get_template("_inline.html")
    assert env.auto_reload is False and env.get_template("_inline.html") is first
    render.forget_templates()
    assert render._environment() is not env
    assert render._environment().get_template("_inline.html") is not first


# --------------------------------------------------------------------------
# The footer: rendered once for each set of links, not once a page


def test_the_footer_of_every_page_is_what_rendering_it_for_that_page_gives(content):
    from snia.render import Renderer

    urls = ["", "programmes/", "telechargements/", "a-propos/", "rapport-complet/", "x/"]
    urls += [f"{k.section('fr')}/{i}/" for k in pages.KINDS.values() for i in content.of(k.name)]
    pages._footers.clear()
    for repo in (None, "https://example.org/depot"):
        for lang in ("fr", "ar"):
            for url in urls:
                fresh = Renderer(content, lang, url).render("footer.html", repo_url=repo)
                assert pages.render_footer(content, lang, url, repo) == fresh, (lang, url)
    # the same links on a page of another folder depth are other links
    assert "../../telechargements/" in pages.render_footer(content, "fr", "programmes/09/", None)
    assert 'href="telechargements/"' in pages.render_footer(content, "fr", "", None)
    assert len(pages._footers) < len(urls)  # reused, not rendered a page each


def test_the_build_runs_no_git_command_for_a_variable_no_page_may_use(monkeypatch):
    """mkdocs-macros' ``git`` page variable (twelve git commands a language):
    the site's hook answers it without git; the pages' own "last updated"
    dates still come from the history (snia.pagemeta)."""
    import subprocess

    import mkdocs_macros.context

    monkeypatch.setattr(mkdocs_macros.context, "get_git_info", mkdocs_macros.context.get_git_info)
    _site_hook()
    ran = []
    monkeypatch.setattr(subprocess, "check_output", lambda *a, **k: ran.append(a) or "")
    info = mkdocs_macros.context.get_git_info()
    assert ran == [] and info["status"] is False and "not read" in info["diagnosis"]


# --------------------------------------------------------------------------
# Text checks: the character walk only for a text holding a character it reports


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_invisible_character_is_still_found_in_a_text_otherwise_clean(lang):
    from snia import textcheck, yamlsafe

    arabic_ok = textcheck.MARKS | {textcheck.ZWNJ}
    for ch in sorted(textcheck.BIDI | textcheck.MARKS | textcheck.ZERO_WIDTH | {textcheck.ZWNJ}):
        raw = f"name:\n  {lang}: \"Nom{ch}propre\"\n".encode("utf-8")
        found = [str(p) for p in textcheck.text_problems(yamlsafe.parse("p.yml", raw))]
        if lang == "ar" and ch in arabic_ok:
            assert found == [], (hex(ord(ch)), found)
        else:
            assert len(found) == 1 and f"U+{ord(ch):04X}" in found[0] and found[0].startswith(
                f"p.yml:2:7: name.{lang}:"), (hex(ord(ch)), found)
    clean = yamlsafe.parse("p.yml", f"name:\n  {lang}: Nom propre\n".encode("utf-8"))
    assert textcheck.text_problems(clean) == []
    blank = yamlsafe.parse("p.yml", f"name:\n  {lang}: \"\\u200b \"\n".encode("utf-8"))
    assert any("que des espaces" in str(p) for p in textcheck.text_problems(blank))


# --------------------------------------------------------------------------
# Formatted numbers and dates kept: the same text as formatting again


def test_kept_formats_are_the_formats_and_tell_types_apart():
    from snia import i18n

    cases = [(i18n.number, (v, lang)) for v in (1, 1.0, 1.5, 20410, 0.25, -3, 10**9) for lang in ("fr", "ar")]
    cases += [(i18n.percent, (v, lang)) for v in (42, 42.5, 42.0, 7.25) for lang in ("fr", "ar")]
    cases += [(i18n.amount, (v, cur, lang)) for v in (35_000_000, 1.5) for cur in ("EUR", "MAD", None)
              for lang in ("fr", "ar")]
    cases += [(f, (d, lang)) for f in (i18n.date, i18n.period, i18n.when)
              for d in ("2018", "2018-04", "2018-04-16") for lang in ("fr", "ar")]
    cases += [(i18n.date_range, ("2018-04-16", "2018-04-18", lang)) for lang in ("fr", "ar")]
    for _ in range(2):  # kept the second time round
        for func, args in cases:
            assert func(*args) == func.__wrapped__(*args), (func.__name__, args)
    assert i18n.number(1.5, "fr") != i18n.number(1, "fr")


# --------------------------------------------------------------------------
# The theme's folders listed once for both languages


def _site_hook():
    import importlib.util

    spec = importlib.util.spec_from_file_location("snia_site_hook", ROOT / "hooks" / "snia_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_theme_listed_once_gives_mkdocs_the_same_files(tmp_path):
    """The hook's theme lists its folders once for both languages and skips
    the hidden icons before MkDocs' filter: MkDocs finds the same files."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    def theme_files(env, config):
        files = Files([])
        files.add_files_from_theme(env, config)
        return [(f.src_uri, f.abs_src_path) for f in files]

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    hook = _site_hook()
    plain_config, config = load_config(str(ROOT / "mkdocs.yml")), load_config(str(ROOT / "mkdocs.yml"))
    for c in (plain_config, config):  # a theme folder of the test's own, first
        c.theme.dirs.insert(0, str(tmp_path))
    expected = theme_files(plain_config.theme.get_env(), plain_config)
    walks = []
    real_get_env = config.theme.get_env

    def counted_get_env():  # the real environment, its walks counted
        env = real_get_env()
        walk = env.loader.list_templates
        env.loader.list_templates = lambda: walks.append(1) or walk()
        return env

    config.theme.get_env = counted_get_env
    jinjacache.forget_listings()
    hook.list_theme_once(config.theme)
    hook.list_theme_once(config.theme)  # wrapped once
    assert len(expected) > 20 and theme_files(config.theme.get_env(), config) == expected
    assert theme_files(config.theme.get_env(), config) == expected and walks == [1]  # the Arabic build
    plain = plain_config.theme.get_env()
    listed = config.theme.get_env()
    assert listed.list_templates() == plain.list_templates()  # hidden paths too, unfiltered
    assert listed.list_templates(extensions=["html"]) == plain.list_templates(extensions=["html"])
    icons = lambda n: n.startswith(".icons/material/a")  # noqa: E731 (another filter sees them)
    assert listed.list_templates(filter_func=icons) == plain.list_templates(filter_func=icons) != []
    # a file that comes between two builds: listed by the next build, not by the same one
    (tmp_path / "new.css").write_text("a{}")
    assert "new.css" not in [uri for uri, _ in theme_files(config.theme.get_env(), config)]
    jinjacache.forget_listings()  # a new build (hooks/snia_site.on_config)
    assert "new.css" in [uri for uri, _ in theme_files(config.theme.get_env(), config)]
    assert walks == [1, 1]


def test_each_build_lists_the_theme_anew_and_its_arabic_half_does_not():
    """hooks/snia_site.on_config: a build (or make serve's rebuild) forgets
    the listing; the Arabic site built by the French build (build_other) keeps it."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    hook = _site_hook()
    french = load_config(str(ROOT / "mkdocs.yml"))
    hook.on_config(french)
    french.theme.get_env().list_templates()
    assert jinjacache._walks
    hook._state["same_build"] = True  # what build_other says before building the Arabic site
    hook.on_config(load_config(str(ROOT / "mkdocs.ar.yml")))
    assert jinjacache._walks and "same_build" not in hook._state
    hook.on_config(load_config(str(ROOT / "mkdocs.yml")))  # the next build
    assert not jinjacache._walks


def test_make_venv_never_fails_on_what_a_build_reports(tmp_path, monkeypatch):
    """scripts/precompile.py (make venv) compiles what it can and exits 0: a
    broken configuration is the build's to report, with its place."""
    from project_copy import copy_project, run_script

    project = copy_project(tmp_path / "p")
    monkeypatch.setenv(jinjacache.ENV_VAR, str(tmp_path / "kept"))
    good = run_script(project, "scripts/precompile.py")
    assert good.returncode == 0 and "theme templates" in good.stdout, good.stdout + good.stderr
    assert len(list((tmp_path / "kept" / "jinja").iterdir())) > 50
    (project / "mkdocs.yml").write_text("theme: [unclosed\n", encoding="utf-8")
    broken = run_script(project, "scripts/precompile.py")
    assert broken.returncode == 0 and "stopped" in broken.stdout, broken.stdout + broken.stderr
