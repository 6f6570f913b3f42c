"""Serve a built site the way a real host does: gzip and cache headers.

    python scripts/serve_gzip.py SITE [--port 8765]

Text files (HTML, CSS, JS, JSON, SVG, XML) are sent gzip-compressed when the
browser asks for it, with ``Cache-Control: max-age=600`` (what GitHub Pages
sends), so that page-weight and Lighthouse numbers mean what readers get.
Used by ``make bench`` and ``make lighthouse``; 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESS = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".csv"}


class Handler(SimpleHTTPRequestHandler):
    _cache: dict = {}
    sent: list = []  # (path, bytes of body sent): what a visit cost, read by make bench

    def log_message(self, *args):  # quiet
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self):  # noqa: N802
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # redirect to the folder
            path = path / "index.html"
        if not path.is_file():
            return super().do_GET()  # 404
        zipped = path.suffix in COMPRESS and "gzip" in self.headers.get("Accept-Encoding", "")
        key = (str(path), path.stat().st_mtime_ns, zipped)
        body = self._cache.get(key)
        if body is None:
            body = path.read_bytes()
            if zipped:
                body = gzip.compress(body, compresslevel=6, mtime=0)
            self._cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.sent.append((self.path, len(body)))
        return None


def serve(site: str | Path, port: int = 0) -> ThreadingHTTPServer:
    """A server on 127.0.0.1 (``port`` 0: any free one) running in a thread."""
    handler = functools.partial(Handler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    server = serve(args.site, args.port)
    print(f"http://127.0.0.1:{server.server_address[1]}/", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
