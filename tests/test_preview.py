"""`make serve` never hangs on a broken save: the preview shows every page
as the list of problems (what and where), and comes back on the next good
save; the terminal is not flooded with the macros plugin's INFO lines.
`make build` and CI still fail on the same content."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAUSED = "Aperçu en pause"

pytestmark = pytest.mark.site


def broken_content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    path = root / "partners" / "oim.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "kind: un", 'kind: "{{ 7*7 }}<b>gras</b>"'), encoding="utf-8")
    return root


def env_for(content: Path, **extra) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0", SNIA_CONTENT=str(content))
    env.pop("SNIA_SERVE", None)
    env.update(extra)
    return env


def test_a_paused_preview_shows_the_problems_on_every_page(tmp_path):
    content = broken_content(tmp_path)
    site = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=ROOT,
                          env=env_for(content, SNIA_SERVE="1"), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 10 and any("/ar/" in str(p) for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert PAUSED in html, page
        # what and where
        assert "partners/oim.yml</code>, ligne 8, colonne 7" in html, page
        assert "champ <code>kind</code>" in html
        # the editor's text is shown, escaped, never evaluated
        assert "{{ 7*7 }}&lt;b&gt;gras&lt;/b&gt;" in html and "<b>gras" not in html
    # the terminal says it once, without the macros plugin's INFO lines
    assert "1 problème(s)" in proc.stderr and "[macros]" not in proc.stderr


def test_a_build_outside_the_preview_still_fails(tmp_path):
    content = broken_content(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
                          cwd=ROOT, env=env_for(content), capture_output=True, text=True)
    assert proc.returncode != 0
    assert "partners/oim.yml:8:7: kind:" in proc.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, predicate, deadline: float, server) -> str:
    last = ""
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError("mkdocs serve stopped:\n" + server.stdout.read()[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                last = r.read().decode("utf-8")
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.5)  # polling interval, not a wait for a state: the deadline bounds it
    raise AssertionError(f"{url} never reached the expected state; last page:\n{last[:2000]}")


def test_serve_pauses_on_a_broken_save_and_recovers_on_the_next_good_one(tmp_path):
    content = broken_content(tmp_path)
    good = (ROOT / "content" / "partners" / "oim.yml").read_text(encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "-w", str(content)], cwd=ROOT, env=env_for(content), stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 300
        paused = _wait_for(url, lambda html: PAUSED in html, deadline, server)
        assert "ligne 8, colonne 7" in paused
        # the Arabic preview too (built after the French one is shown)
        paused_ar = _wait_for(url + "ar/", lambda html: PAUSED in html, time.monotonic() + 120, server)
        assert "ligne 8, colonne 7" in paused_ar and 'lang="ar"' in paused_ar
        # the editor fixes the file and saves
        (content / "partners" / "oim.yml").write_text(good, encoding="utf-8")
        back = _wait_for(url, lambda html: PAUSED not in html and "<nav" in html,
                         time.monotonic() + 300, server)
        assert "snia-preview-problems" not in back
        page = _wait_for(url + "partenaires/oim/", lambda html: "Organisation Internationale" in html,
                         time.monotonic() + 60, server)
        assert PAUSED not in page
        # and the Arabic site comes back as well, whole
        back_ar = _wait_for(url + "ar/partenaires/oim/",
                            lambda html: PAUSED not in html and 'lang="ar"' in html and "<nav" in html,
                            time.monotonic() + 120, server)
        assert "snia-preview-problems" not in back_ar
        # the next save shows in both languages (French first, then Arabic)
        oim = content / "partners" / "oim.yml"
        oim.write_text(good.replace("Organisation Internationale", "Organisation Mondiale", 1)
                       .replace("المنظمة الدولية للهجرة", "المنظمة العالمية للهجرة", 1), encoding="utf-8")
        _wait_for(url + "partenaires/oim/", lambda html: "Organisation Mondiale" in html,
                  time.monotonic() + 120, server)
        _wait_for(url + "ar/partenaires/oim/", lambda html: "المنظمة العالمية للهجرة" in html,
                  time.monotonic() + 120, server)
    finally:
        server.terminate()
        try:
            out, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            out, _ = server.communicate()
    assert "[macros]" not in out, "the macros plugin's INFO lines reach the terminal"
    assert "will appear stuck" not in out
    info = [line for line in out.splitlines() if line.startswith("INFO")]
    assert len(info) < 40, "\n".join(info)
    # two builds' worth of output, not pages of it
    assert len(out.splitlines()) < 80, out


def test_serve_rebuilds_the_language_being_previewed_first(tmp_path):
    """A translator's Arabic tab: the Arabic site is rebuilt (and shown)
    before the French one; both end up with the save."""
    import re
    import threading

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "-w", str(content)],
            cwd=ROOT, env=env_for(content), stdout=out, stderr=subprocess.STDOUT, text=True)
    try:
        arabic = _wait_for(url + "ar/partenaires/oim/", lambda html: "livereload(" in html,
                           time.monotonic() + 300, server)
        epoch, request = re.search(r"livereload\((\d+), (\d+)\)", arabic).groups()
        # the tab's live-reload request, as the browser sends it (it waits for the next build)
        poll = urllib.request.Request(f"{url}livereload/{epoch}/{request}",
                                      headers={"Referer": url + "ar/partenaires/oim/"})
        threading.Thread(target=lambda: urllib.request.urlopen(poll, timeout=120).read(), daemon=True).start()
        deadline = time.monotonic() + 30
        while "Browser connected: " + url + "ar/" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")[-2000:]
            time.sleep(0.1)  # polling the log for a state, bounded by the deadline
        oim = content / "partners" / "oim.yml"
        oim.write_text(oim.read_text(encoding="utf-8").replace(
            "المنظمة الدولية للهجرة", "المنظمة العالمية للهجرة", 1).replace(
            "Organisation Internationale", "Organisation Mondiale", 1), encoding="utf-8")
        _wait_for(url + "ar/partenaires/oim/", lambda html: "المنظمة العالمية للهجرة" in html,
                  time.monotonic() + 120, server)
        _wait_for(url + "partenaires/oim/", lambda html: "Organisation Mondiale" in html and "<nav" in html,
                  time.monotonic() + 120, server)
    finally:
        server.terminate()
        server.wait(timeout=30)
    after = log.read_text(encoding="utf-8").split("Detected file changes", 1)[1]
    arabic_build, french_build = after.find(".ar-next"), after.find("Building documentation...")
    assert 0 <= arabic_build < french_build, after[:2000]
    assert "error happened" not in after
