"""MkDocs hook (thin glue): ``make serve`` shows a save in the language being
previewed as soon as that language's site is rebuilt, then rebuilds the other.

Every save rebuilt both languages before the browser reloaded (4 s for
today's content). Now the live-reload server's builder builds the French
site (its hook leaves the Arabic build for later, ``snia.preview.later``),
lets the open tabs reload, builds the Arabic site into a hidden folder
beside it, swaps it in, and lets the tabs reload again. An Arabic tab shows
the previous Arabic site until then, never a missing page. When the last tab
to open was an Arabic one (a translator's; the live-reload requests say which
page they come from), the Arabic site is built first and shown, from a
snapshot of the site, while the French one is rebuilt. A broken save shows
its problems in both languages as before (hooks/snia_site.py).

On Linux, saves are seen through inotify as they happen, instead of MkDocs'
look at every watched file each half second (a quarter of a second of the
wait, on average); only writes count (reading a file, as a build does, is
not a change). Elsewhere, or if inotify is not available, MkDocs polls as
before.

Uses MkDocs 1.6's live-reload server (``_epoch_cond``, ``_visible_epoch``,
``_wanted_epoch``, ``_rebuild_cond``, ``_want_rebuild``, ``observer``,
``_watched_paths``, ``_watch_refs``); with another server the preview
builds both languages before reloading, as before.
"""

from __future__ import annotations

import os
import shutil
import sys
import time

from snia import preview

_SERVER_PARTS = ("_epoch_cond", "_visible_epoch", "_wanted_epoch", "builder", "root")
_WATCH_PARTS = ("observer", "_watched_paths", "_watch_refs", "_rebuild_cond", "_want_rebuild")
# inotify events that are not a change: a build opens and reads files
_NOT_A_CHANGE = {"opened", "closed_no_write"}


def _native_watching(server) -> None:
    """Watch with inotify (Linux) rather than by polling: a save is seen at
    once. Left as it is if anything is missing or inotify does not start."""
    if not sys.platform.startswith("linux") or not all(hasattr(server, p) for p in _WATCH_PARTS):
        return
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers.inotify import InotifyObserver

        probe = InotifyObserver()
        probe.schedule(FileSystemEventHandler(), os.path.dirname(os.path.abspath(__file__)))
        probe.start()
        probe.stop()
        probe.join()
    except Exception:  # noqa: BLE001 - no inotify here: MkDocs' polling stays
        return

    class Saved(FileSystemEventHandler):
        def on_any_event(self, event):
            if (event.is_directory or event.event_type in _NOT_A_CHANGE
                    or "__pycache__" in str(event.src_path)):
                return
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

    handler = Saved()
    observer = InotifyObserver()

    def watch(path, func=None, *, recursive=True):
        path = os.path.abspath(path)
        if path in server._watched_paths:
            server._watched_paths[path] += 1
            return
        server._watched_paths[path] = 1
        server._watch_refs[path] = observer.schedule(handler, path, recursive=recursive)

    already = dict(server._watched_paths)  # scheduled on the polling observer, not started yet
    server._watched_paths.clear()
    server._watch_refs.clear()
    server.observer = observer
    server.watch = watch
    for path, count in already.items():
        for _ in range(count):
            watch(path)


def _show_now(server) -> None:
    """The tabs reload on what is built so far (requests were held until now)."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def on_serve(server, config, builder):
    _native_watching(server)
    if not all(hasattr(server, part) for part in _SERVER_PARTS):
        return server
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import _timestamp

    french_builder = server.builder
    site = server.root
    other = config.extra.get("build_also")
    arabic_args = ((os.path.join(os.path.dirname(config.config_file_path), other), config.strict)
                   if other and config.config_file_path else None)
    polled: dict[str, float] = {}  # language -> when a tab of it last waited for a reload
    log_poll = server._log_poll_request

    def noting_poll(url, request_id):
        from urllib.parse import urlsplit

        path = urlsplit(url or "").path
        polled["ar" if path.startswith(server.mount_path + "ar/") else "fr"] = time.monotonic()
        return log_poll(url, request_id=request_id)

    if hasattr(server, "mount_path"):
        server._log_poll_request = noting_poll

    def build_arabic(config_file: str, strict: bool) -> None:
        """The Arabic site into a hidden folder, then in place of ``ar/``."""
        ar, stage, old = (os.path.join(site, n) for n in ("ar", ".ar-next", ".ar-old"))
        shutil.rmtree(stage, ignore_errors=True)
        try:
            build(load_config(config_file, site_dir=stage, strict=strict), dirty=False)
            if os.path.isdir(ar):
                os.replace(ar, old)
            os.replace(stage, ar)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(stage, ignore_errors=True)

    def build_french(config) -> tuple | None:
        """The French site in place (what it had, ``ar/`` aside, set aside
        hidden first and deleted after); the Arabic build it leaves, if any."""
        ar, kept = os.path.join(site, "ar"), os.path.join(site, ".ar-kept")
        old_fr = os.path.join(site, ".fr-old")
        for folder in (kept, old_fr):
            shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(old_fr)
        for entry in os.listdir(site):
            if not entry.startswith("."):
                os.replace(os.path.join(site, entry), kept if entry == "ar" else os.path.join(old_fr, entry))
        preview.later.update(defer=True, pending=None)
        try:
            french_builder(config)
        finally:
            preview.later["defer"] = False
            if os.path.isdir(kept) and not os.path.exists(ar):
                os.replace(kept, ar)
            shutil.rmtree(kept, ignore_errors=True)
        pending, preview.later["pending"] = preview.later["pending"], None
        return pending

    def staged(config=None):
        arabic_tab = "ar" in polled and polled["ar"] >= polled.get("fr", -1.0)
        if arabic_tab and arabic_args is not None:
            # an Arabic tab was the last to open: the Arabic site first, shown
            # while the French one is rebuilt (from a snapshot of the site)
            build_arabic(*arabic_args)
            shown = os.path.join(site, ".shown")
            shutil.rmtree(shown, ignore_errors=True)
            os.makedirs(shown)
            for entry in os.listdir(site):
                if not entry.startswith("."):
                    os.replace(os.path.join(site, entry), os.path.join(shown, entry))
            server.root = shown
            _show_now(server)
            try:
                build_french(config)
            finally:
                if os.path.isdir(os.path.join(shown, "ar")) and not os.path.exists(os.path.join(site, "ar")):
                    os.replace(os.path.join(shown, "ar"), os.path.join(site, "ar"))
                server.root = site
                shutil.rmtree(os.path.join(site, ".fr-old"), ignore_errors=True)
                shutil.rmtree(shown, ignore_errors=True)
            server._wanted_epoch = _timestamp()  # the server shows it when this returns: tabs reload
            return
        pending = build_french(config)
        if pending is not None:
            _show_now(server)  # the French site: the tabs reload now
        shutil.rmtree(os.path.join(site, ".fr-old"), ignore_errors=True)
        if pending is None:
            return
        config_file, _in_place, strict = pending
        build_arabic(config_file, strict)
        server._wanted_epoch = _timestamp()  # the server shows it when this returns: tabs reload

    server.builder = staged
    return server
