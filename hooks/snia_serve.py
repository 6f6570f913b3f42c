"""MkDocs hook (thin glue): ``make serve`` shows a save in French as soon as
the French site is rebuilt, then rebuilds the Arabic one.

Every save rebuilt both languages before the browser reloaded (4 s for
today's content). Now the live-reload server's builder builds the French
site (its hook leaves the Arabic build for later, ``snia.preview.later``),
lets the open tabs reload, builds the Arabic site into a hidden folder
beside it, swaps it in, and lets the tabs reload again. An Arabic tab shows
the previous Arabic site until then, never a missing page; a broken save
shows its problems in both languages as before (hooks/snia_site.py).

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

    def staged(config=None):
        ar, kept = os.path.join(site, "ar"), os.path.join(site, ".ar-kept")
        shutil.rmtree(kept, ignore_errors=True)
        if os.path.isdir(ar):  # the French build empties its folder except hidden entries
            os.replace(ar, kept)
        # the previous French site is set aside (hidden) rather than deleted by
        # the build: deleting a site's files is done once the tabs have reloaded
        old_fr = os.path.join(site, ".fr-old")
        shutil.rmtree(old_fr, ignore_errors=True)
        os.makedirs(old_fr)
        for entry in os.listdir(site):
            if not entry.startswith("."):
                os.replace(os.path.join(site, entry), os.path.join(old_fr, entry))
        preview.later.update(defer=True, pending=None)
        try:
            french_builder(config)
        finally:
            preview.later["defer"] = False
            if os.path.isdir(kept) and not os.path.exists(ar):
                os.replace(kept, ar)
            shutil.rmtree(kept, ignore_errors=True)
        pending, preview.later["pending"] = preview.later["pending"], None
        if pending is None:
            shutil.rmtree(old_fr, ignore_errors=True)
            return
        _show_now(server)  # the French site: the tabs reload now
        shutil.rmtree(old_fr, ignore_errors=True)
        config_file, _in_place, strict = pending
        stage = os.path.join(site, ".ar-next")
        shutil.rmtree(stage, ignore_errors=True)
        try:
            build(load_config(config_file, site_dir=stage, strict=strict), dirty=False)
            old = os.path.join(site, ".ar-old")
            if os.path.isdir(ar):
                os.replace(ar, old)
            os.replace(stage, ar)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        server._wanted_epoch = _timestamp()  # the server shows it when this returns: tabs reload

    server.builder = staged
    return server
