"""The contributors' guides (CONTRIBUTING.md in French, CONTRIBUTING.ar.md in
Arabic for translators): every command they show is run here, in a copy of
the project, and does what the guide says; their links and anchors resolve;
the error messages they quote are the ones `snia check` prints."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDES = [ROOT / "CONTRIBUTING.md", ROOT / "CONTRIBUTING.ar.md"]


def shown_commands(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"^\s*```sh\n(.*?)^\s*```", text, re.M | re.S):
        out += [line.strip() for line in block.splitlines()
                if line.strip() and not line.strip().startswith("#")]
    return out


COMMANDS = sorted({c for g in GUIDES for c in shown_commands(g)})


def test_the_guides_show_commands():
    assert len(COMMANDS) >= 10
    assert any(c.startswith("make new KIND=") for c in COMMANDS)


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_inline_commands_are_the_ones_run_here(guide):
    """A command written inline is one the tests run, or the bare name of one."""
    text = re.sub(r"```.*?```", "", guide.read_text(encoding="utf-8"), flags=re.S)
    targets = {c.split()[1] for c in COMMANDS if c.startswith("make ")}
    for span in re.findall(r"`(make [^`]+)`", text):
        assert span in COMMANDS or (len(span.split()) == 2 and span.split()[1] in targets), span


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_links_and_anchors_resolve(guide):
    text = guide.read_text(encoding="utf-8")
    anchors = {_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}
    for target in re.findall(r"\]\(([^)]+)\)", text):
        if target.startswith("http"):
            continue
        path, _, anchor = target.partition("#")
        if path:
            assert (guide.parent / path).is_file(), target
        elif anchor:
            assert anchor in anchors, f"{guide.name}: #{anchor} (anchors: {sorted(anchors)})"


def test_the_quoted_messages_are_what_the_check_says(tmp_path):
    """Each `file:line:col: field: message` quoted in the French guide is
    printed by snia check for the defect it illustrates."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    quoted = [line for block in re.findall(r"```text\n(.*?)```", guide, re.S)
              for line in block.splitlines() if re.match(r"content/\S+:\d+:\d+: ", line)]
    # defect planted for each quoted file
    plants = {
        "content/partners/oim.yml:3:20": ("partners/oim.yml", "  fr: Organisation Internationale pour les Migrations",
                                          "  fr: Organisation : Migrations"),
        "content/partners/oim.yml:8:7": ("partners/oim.yml", "kind: un", "kind: onu"),
        "content/partners/oim.yml:8:1": ("partners/oim.yml", "kind: un", "genre: un"),
        "content/partners/oim.yml:2:1": ("partners/oim.yml", "kind: un", "genre: un"),
        "content/projects/glo-act.yml:13:12": ("projects/glo-act.yml", "programme: 9", 'programme: "9"'),
    }
    checked = 0
    for line in quoted:
        where = ":".join(line.split(":")[:3])
        if where not in plants:
            continue  # fixtures or new elements: see tests/test_loader.py, tests/test_scaffold.py
        name, old, new = plants[where]
        root = tmp_path / f"t{checked}"
        shutil.copytree(ROOT / "content", root / "content")
        shutil.copytree(ROOT / "schema", root / "schema")
        path = root / "content" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "snia", "check", "--docs", ""], cwd=root,
                              capture_output=True, text=True)
        assert line in proc.stderr.splitlines(), f"{line}\nnot in:\n{proc.stderr}"
        checked += 1
    assert checked == 5
    # a new partner: its placeholders, then (filled, no Arabic) the warning
    root = tmp_path / "nouveau"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "schema", root / "schema")
    snia = [sys.executable, "-m", "snia"]
    subprocess.run(snia + ["new", "partner", "agence-exemple"], cwd=root, check=True,
                   capture_output=True)
    new = [line for line in quoted if line.startswith("content/partners/agence-exemple.yml")]
    assert len(new) == 2
    proc = subprocess.run(snia + ["check", "--docs", ""], cwd=root, capture_output=True, text=True)
    assert new[0] in proc.stderr.splitlines(), proc.stderr
    from test_scaffold import fill

    path = root / "content" / "partners" / "agence-exemple.yml"
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    proc = subprocess.run(snia + ["check", "--docs", ""], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0 and new[1] in proc.stdout.splitlines(), proc.stdout


# --------------------------------------------------------------------------
# Running every command


@pytest.fixture
def project(tmp_path) -> Path:
    """The working tree's files in a fresh git repository, the project's
    virtual environment linked (the copy's requirements are dated back so
    that make never rebuilds the linked environment)."""
    dest = tmp_path / "projet"
    listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file() and not src.is_symlink():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    for name in ("requirements.txt", "pyproject.toml", "package.json", "package-lock.json"):
        if (dest / name).exists():
            os.utime(dest / name, (0, 0))
    (dest / ".venv").symlink_to(ROOT / ".venv")
    if (ROOT / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], cwd=dest, check=True)
    with open(dest / ".git" / "info" / "exclude", "a") as out:
        out.write(".venv\nnode_modules\n")
    subprocess.run(git + ["add", "-A"], cwd=dest, check=True)
    return dest


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    env.pop("SNIA_CONTENT", None)
    env.update(extra)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(project: Path, command: str) -> None:
    port = _free_port()
    server = subprocess.Popen(command.split(), cwd=project, env=_env(PORT=str(port)),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        pages = {}
        for path in ("", "ar/"):
            while path not in pages:
                if server.poll() is not None:
                    raise AssertionError(server.stdout.read()[-3000:])
                if time.monotonic() > deadline:
                    raise AssertionError(f"/{path} never answered")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
                        pages[path] = r.read().decode("utf-8")
                except OSError:
                    time.sleep(0.5)  # polling interval, bounded by the deadline
        assert 'lang="fr"' in pages[""] and 'lang="ar"' in pages["ar/"]
    finally:
        os.killpg(server.pid, 15)  # make and the mkdocs it started, nothing else
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
            server.communicate()


@pytest.mark.site  # builds and serves the site, runs pre-commit
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_of_the_guides_runs(project, command):
    if command == "make serve":
        return _serve(project, command)
    proc = subprocess.run(command.split(), cwd=project, env=_env(), capture_output=True, text=True,
                          timeout=900)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{command}\n{out[-3000:]}"
    if command.startswith("make new "):
        assert re.search(r"^content/\S+\.yml:\d+: .* créée? : remplacez chaque A_REMPLIR", proc.stdout,
                         re.M), out
    elif command == "make check":
        assert "contenu valide" in proc.stdout
    elif command.startswith("make translations-mark"):
        assert "marqué(s)" in proc.stdout, out
    elif command == "make translations":
        assert "traductions :" in proc.stdout
    elif command == "make pre-commit":
        assert "Failed" not in proc.stdout and proc.stdout.count("Passed") >= 5
    elif command == ".venv/bin/pre-commit install":
        assert (project / ".git" / "hooks" / "pre-commit").is_file()
    else:
        pytest.fail(f"no expectation written for {command!r}: add one")
