"""Narrative pages (docs/) are untrusted: template code other than a call of a
registered macro, unsafe raw HTML and broken front matter are refused by
`snia check` and by the build, with file:line:column, and a command planted in
a page never runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from project_copy import copy_project, run
from snia.narrative import page_problems
from snia.pages import PAGE_MACROS

ROOT = Path(__file__).resolve().parent.parent
RCE = "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}"


def problems(text: str) -> list[str]:
    return [str(p) for p in page_problems("docs/fr/p.md", text.encode("utf-8"), PAGE_MACROS)]


def test_the_real_pages_pass():
    from snia.narrative import check_docs

    assert check_docs(ROOT / "docs", PAGE_MACROS, relative_to=ROOT) == []


def test_page_macros_match_what_macros_py_registers():
    import importlib.util

    spec = importlib.util.spec_from_file_location("site_macros", ROOT / "macros.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    class Env:
        conf = {"theme": {"language": "fr"}}
        names: list[str] = []

        def macro(self, fn, name=None):
            self.names.append(name or fn.__name__)

    env = Env()
    module.define_env(env)
    assert set(env.names) - {"entity_page"} == set(PAGE_MACROS)


@pytest.mark.parametrize("line, col, code", [
    (3, 1, "{{ 7*7 }}"),
    (3, 6, RCE),
    (3, 3, "{{ timeline }}"),  # no call: a Python object printed
    (3, 1, "{{ timeline()|e }}"),  # a filter
    (3, 1, "{{ glossary.__class__ }}"),  # attribute access
    (3, 1, "{{ config['site_name'] }}"),
    (3, 1, "{{ macros_info() }}"),  # mkdocs-macros' own macros are not the site's
    (3, 1, "{{ now() }}"),
    (3, 1, "{% for x in range(3) %}L{% endfor %}"),
    (3, 1, "{% set x = 1 %}"),
    (3, 1, "{% include 'mkdocs.yml' %}"),
    (3, 1, "{# {{ 7*7 }} #}"),
    (3, 1, "{% raw %}x{% endraw %}"),
])
def test_template_code_other_than_a_fragment_call_is_refused(line, col, code):
    text = "# Titre\n\n" + ("     " if col == 6 else ("  " if col == 3 else "")) + code + "\n"
    got = problems(text)
    assert got, f"{code!r} was accepted"
    assert got[0].startswith(f"docs/fr/p.md:{line}:{col}: (gabarit): "), got


def test_fragment_calls_are_accepted():
    assert problems("# T\n\n{{ timeline() }}\n\n{{glossary()}} {{ downloads( ) }}\n") == []


def test_positions_count_the_front_matter():
    got = problems("---\nstatus: draft\nfr_hash: \"0123abcd\"\n---\n# T\n\nTexte {{ 7*7 }}\n")
    assert len(got) == 1 and got[0].startswith("docs/fr/p.md:7:7: (gabarit): « {{ 7*7 }} »")


@pytest.mark.parametrize("html, where, said", [
    ("<script>alert(1)</script>", "3:1: <script>", "n'est pas permis"),
    ("Voir <img src=x onerror=alert(1)>", "3:6: <img onerror>", "onerror"),
    ("[x](javascript:alert(1))", "3:5: (lien)", "javascript:"),
    ("[x]( JaVa\tScRiPt:alert(1))", "3:6: (lien)", "javascript:"),
    ("[x][r]\n\n[r]: javascript:alert(1)", "5:6: (lien)", "javascript:"),
    ('<a href="data:text/html,x">a</a>', "3:1: <a href>", "data:"),
    ('<a href="java&#x09;script:alert(1)">a</a>', "3:1: <a href>", "javascript:"),
    ("<iframe src=https://example.org></iframe>", "3:1: <iframe>", "n'est pas permis"),
    ("<object data=x></object>", "3:1: <object>", ""),
    ("<embed src=x>", "3:1: <embed>", ""),
    ("<form action=x><input></form>", "3:1: <form>", ""),
    ("<style>body{display:none}</style>", "3:1: <style>", ""),
    ('<p style="position:fixed">x</p>', "3:1: <p style>", "style"),
    ("<svg onload=alert(1)>", "3:1: <svg>", ""),
    ("<!-- caché -->", "3:1: (HTML)", "commentaires"),
    ("a<![b c", "3:2: (HTML)", "mal formé"),
    # Markdown attribute lists set attributes too
    ('## Titre {: onclick="alert(1)" }', "3:13: {: }", "onclick"),
    ('[l](page.md){: href="javascript:alert(1)" }', "3:16: {: }", "javascript:"),  # html.parser gives up here: a message, no traceback
])
def test_unsafe_html_is_refused_with_its_place(html, where, said):
    got = problems("# Titre\n\n" + html + "\n")
    assert any(p.startswith(f"docs/fr/p.md:{where}: ") and said in p for p in got), got


def test_safe_html_and_html_in_code_are_accepted():
    text = ('# T\n\n## Titre {: #ancre .classe title="t" }\n\n<div class="x" markdown="1">\n\n**Gras** <abbr title="Stratégie">SNIA</abbr>'
            ' <a href="https://example.org/">lien</a> [l](../a-propos.md) <http://127.0.0.1:8000/>'
            '\n\n</div>\n\n`<script>` et\n\n```html\n<script>alert(1)</script>\n```\n')
    assert problems(text) == []


@pytest.mark.parametrize("front, where, said", [
    ("status: [draft\n", "docs/fr/p.md:3:1: (syntaxe)", "non fermé"),
    ("title: 1\n", "docs/fr/p.md:2:8: title", "texte"),
    ("titel: Mon titre\n", "docs/fr/p.md:2:1: titel", "clé inconnue"),
    ("status: relu\n", "docs/fr/p.md:2:9: status", "draft"),
    ("hide: toc\n", "docs/fr/p.md:2:7: hide", "liste"),
    ("fr_hash: 12345678\n", "docs/fr/p.md:2:10: fr_hash", "guillemets"),
    ("title: \"{{ 7*7 }}\"\n", "docs/fr/p.md:2:8: title", "gabarit"),
    ("description: \"a\u202eb\"\n", "docs/fr/p.md:2:14: description", "U+202E"),
    ("- a\n- b\n", "docs/fr/p.md:2:1: (en-tête)", "clé: valeur"),
    ("title: !!python/name:os.system x\n", "docs/fr/p.md:2:8: title", ""),
])
def test_broken_front_matter_is_refused(front, where, said):
    got = problems("---\n" + front + "---\n# T\n")
    assert any(p.startswith(where) and said in p for p in got), got


def test_unclosed_front_matter_is_refused():
    assert any(p.startswith("docs/fr/p.md:1:1: (en-tête)") for p in problems("---\ntitle: x\n# T\n"))


def test_a_huge_page_is_one_message(tmp_path):
    from snia.narrative import check_docs

    (tmp_path / "docs" / "fr").mkdir(parents=True)
    (tmp_path / "docs" / "fr" / "x.md").write_text("# T\n\n" + "mot " * 300_000)
    got = [str(p) for p in check_docs(tmp_path / "docs", PAGE_MACROS, relative_to=tmp_path)]
    assert got == ["docs/fr/x.md:1:1: (fichier): 1\u202f200\u202f005 octets : une page en fait "
                   "1\u202f000\u202f000 au plus ; découpez-la"], got


def test_only_pages_and_images_may_sit_in_docs(tmp_path):
    from snia.narrative import check_docs

    (tmp_path / "docs" / "fr").mkdir(parents=True)
    (tmp_path / "docs" / "fr" / "x.html").write_text("<script>alert(1)</script>")
    (tmp_path / "docs" / "fr" / "y.png").write_bytes(b"\x89PNG")
    got = [str(p) for p in check_docs(tmp_path / "docs", PAGE_MACROS, relative_to=tmp_path)]
    assert len(got) == 1 and got[0].startswith("docs/fr/x.html:1:1: (fichier)")


def test_a_page_is_read_again_when_it_changed_and_only_then(tmp_path, monkeypatch):
    """Both languages' builds check every page: an unchanged page is not read
    twice, an edited one (even to the same size) is checked again."""
    import os

    from snia import narrative

    page = tmp_path / "docs" / "fr" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text("# T\n\n{{ glossary() }}\n", encoding="utf-8")
    read = []
    real = narrative.page_problems
    monkeypatch.setattr(narrative, "page_problems", lambda *a: read.append(a[0]) or real(*a))
    assert narrative.check_docs(tmp_path / "docs", PAGE_MACROS, relative_to=tmp_path) == []
    assert narrative.check_docs(tmp_path / "docs", PAGE_MACROS, relative_to=tmp_path) == []
    assert read == ["docs/fr/x.md"]
    before = page.stat()
    page.write_text("# T\n\n{{ glossar() }}\n", encoding="utf-8")  # one letter less...
    page.write_text("# T\n\n{{ glossar() }}\n\n", encoding="utf-8")  # ...and the same size
    assert page.stat().st_size == before.st_size
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    got = [str(p) for p in narrative.check_docs(tmp_path / "docs", PAGE_MACROS, relative_to=tmp_path)]
    assert len(read) == 2 and len(got) == 1 and got[0].startswith("docs/fr/x.md:3:"), got


# --- the real command and the real build -------------------------------------

@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to plant hostile pages in."""
    return copy_project(tmp_path)


# the build's own check of docs/, removed to show the next layers alone
HOOK_CHECK = 'problems = narrative.check_docs(ROOT / "docs", pages.PAGE_MACROS, relative_to=ROOT)'


def _without(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer has {old!r}: update this test"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.site
@pytest.mark.parametrize("layers", ["all", "page guard and sandbox", "sandbox only"])
def test_a_planted_command_runs_nowhere(project, layers):
    """Each layer alone stops it: the check of docs/ before the build, the
    guard before each page is rendered, the sandbox the page renders in."""
    page = project / "docs" / "fr" / "a-propos.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    page.write_text("\n".join(lines + ["", "Fin " + RCE, ""]), encoding="utf-8")
    line = len(lines) + 2
    if layers == "all":
        check = run(project, "snia", "check")
        assert check.returncode == 1
        assert f"docs/fr/a-propos.md:{line}:5: (gabarit): " in check.stderr, check.stderr
    if layers != "all":  # the build's own check of docs/ removed
        _without(project / "hooks" / "snia_site.py", HOOK_CHECK, "problems = []")
    if layers == "sandbox only":  # the page guard removed too
        _without(project / "macros.py", "    if problems:\n", "    if False:\n")
    build = run(project, "mkdocs", "build", "--strict", "-d", str(project / "out"))
    said = build.stderr + build.stdout
    assert build.returncode != 0
    assert not (project / "MARKER").exists()
    html = list((project / "out").rglob("*.html")) if (project / "out").exists() else []
    assert not [p for p in html if "MARKER" in p.read_text(encoding="utf-8")]
    if layers != "sandbox only":
        assert "Traceback" not in said
        assert f"docs/fr/a-propos.md:{line}:5: (gabarit): " in said, said[-3000:]
    else:
        assert "SecurityError" in said or "unsafe" in said, said[-3000:]


def test_the_sanitiser_keeps_every_fragment_of_the_real_site_whole():
    """The build sanitises each narrative page's HTML: nothing the site's own
    fragments produce may be lost (a new element or attribute in a template
    must be added to snia.narrative's lists, if it is safe)."""
    from html.parser import HTMLParser

    from snia import pages
    from snia.narrative import sanitise_html

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.seen = []

        def handle_starttag(self, tag, attrs):
            # `download` and `download=""` are the same attribute
            self.seen.append((tag, sorted((k, v or "") for k, v in attrs)))

    def tags(html):
        parser = Tags()
        parser.feed(html)
        return parser.seen

    content = pages.content_for(ROOT)
    lost = []
    for lang in ("fr", "ar"):
        for name in pages.FRAGMENTS:
            html = str(pages.render_fragment(name, content, lang, "page/"))
            after = tags(sanitise_html(html))
            lost += [(lang, name, t) for t in tags(html) if t not in after]
    assert not lost, lost[:10]


@pytest.mark.site
def test_unsafe_html_and_front_matter_are_inert_even_past_the_check(project):
    """With the build's check of docs/ removed, the sanitiser and the escaping
    of front-matter values still keep the page inert."""
    _without(project / "hooks" / "snia_site.py", HOOK_CHECK, "problems = []")
    page = project / "docs" / "fr" / "a-propos.md"
    body = page.read_text(encoding="utf-8")
    page.write_text(
        "---\ndescription: '\"><script>alert(\"head\")</script>'\n"
        "title: '<img src=x onerror=alert(2)>'\n---\n" + body
        + '\n\n<script>alert("x")</script>\n\n<img src="x.png" onerror="alert(1)" alt="i">\n\n'
        + '[lien](javascript:alert(1)) <a href="data:text/html,x">d</a> <iframe src="/"></iframe>\n',
        encoding="utf-8")
    other = project / "docs" / "fr" / "objectifs.md"  # its title comes from its first heading
    other.write_text("# Objectifs <img src=y onerror=alert(3)>\n\n{{ objectives_index() }}\n",
        encoding="utf-8")
    build = run(project, "mkdocs", "build", "--strict", "-d", str(project / "out"))
    assert build.returncode == 0, build.stderr[-2000:]
    html = (project / "out" / "a-propos" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    for bad in ("<script", "onerror", "javascript:", "data:text", "<iframe"):
        assert bad not in article, f"{bad!r} reached the page"
    assert '<script>alert("head")' not in html
    assert "<img src=x" not in html  # the title is shown as text
    other_html = (project / "out" / "objectifs" / "index.html").read_text(encoding="utf-8")
    assert "<img src=y" not in other_html and not re.search(r"<[^>]*\sonerror\s*=", other_html)
    assert not re.search(r"<[^>]*\sonerror\s*=", html), "an element with an onerror handler"
    assert 'content="&#34;&gt;&lt;script&gt;' in html or 'content="&quot;&gt;&lt;script&gt;' in html
