"""Compiled Jinja templates, kept for the whole process and between builds
(and the theme's folders, listed once for both languages: :func:`list_once`).

A build of both languages makes two theme environments (one per language),
and ``make serve`` makes new ones at every save: each compiled the same
theme templates again (Material's and ``overrides/``), and every build
compiled them all again, with the site's own templates: about a sixth of a
build of today's content. :data:`SHARED` keeps each template's compiled code,
keyed by its name, its file, the environment settings that change the
generated code, and a checksum of its source (an edited template is compiled
again); rendering is unchanged.

Between processes the code is kept as Python keeps its modules' bytecode:
in a folder of the virtual environment (:func:`default_directory`), filled
when the environment is installed (``make venv`` runs
``scripts/precompile.py``, as pip compiles the modules it installs) and by
each build for a template it had to compile. A file there is only used for
the exact source it was compiled from (the checksum above) by the same Jinja
and Python (Jinja's own header); anything else is compiled again. The folder
is trusted as the environment's own code is (it is inside it, never in the
repository).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

#: environment variable naming the folder of compiled templates ("" : none)
ENV_VAR = "SNIA_BUILD_CACHE"


def default_directory() -> Path | None:
    """Where compiled templates and tables are kept between builds: the
    folder ``SNIA_BUILD_CACHE`` names, or ``var/cache/snia`` in the virtual
    environment the build runs in; None outside one (nothing is kept)."""
    named = os.environ.get(ENV_VAR)
    if named is not None:
        return Path(named) if named else None
    if sys.prefix == sys.base_prefix:
        return None
    return Path(sys.prefix) / "var" / "cache" / "snia"


def _settings(environment: Environment, name: str) -> str:
    """What, besides the source, decides the code Jinja generates."""
    autoescape = environment.autoescape
    if callable(autoescape):
        autoescape = autoescape(name)
    return repr((
        type(environment).__module__, type(environment).__qualname__,
        sorted(environment.extensions),
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, environment.is_async,
        environment.finalize is None, bool(autoescape),
        getattr(environment, "newstyle_gettext", None),
    ))


class MemoryBytecodeCache(BytecodeCache):
    """Compiled code in memory, and in ``directory`` when one is given."""

    def __init__(self, directory: Path | None = None) -> None:
        self._code: dict[tuple[str, str], object] = {}
        self.directory = directory

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = self.get_cache_key(f"{name}|{_settings(environment, name)}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def _file(self, bucket: Bucket) -> Path | None:
        if self.directory is None:
            return None
        return self.directory / "jinja" / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code
            return
        path = self._file(bucket)
        if path is None:
            return
        try:
            with open(path, "rb") as f:
                bucket.load_bytecode(f)  # checks Jinja's header and the source's checksum
        except OSError:
            return
        except Exception:  # a damaged file: compiled again (and written again)
            bucket.reset()
            return
        if bucket.code is not None:
            self._code[(bucket.key, bucket.checksum)] = bucket.code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[(bucket.key, bucket.checksum)] = bucket.code
        path = self._file(bucket)
        if path is not None:
            write_atomically(path, bucket.bytecode_to_string())

    def clear(self) -> None:
        self._code.clear()

    def __len__(self) -> int:
        return len(self._code)


def write_atomically(path: Path, data: bytes) -> bool:
    """``data`` into ``path`` whole or not at all (two builds may write the
    same file); False when the folder cannot be written (nothing is kept)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        return False


# --------------------------------------------------------------------------
# The theme's folders, listed once for both languages


_walks: dict[tuple, list[str]] = {}


def _hidden(name: str) -> bool:
    return name.startswith(".") or "/." in name


def _with_extension(extensions) -> Callable[[str], bool]:
    """Jinja's own filter for ``list_templates(extensions=...)``."""
    return lambda name: "." in name and name.rsplit(".", 1)[1] in extensions


def list_once(environment: Environment, key: tuple,
              refuses_hidden: Callable[[Callable], bool] = lambda _filter: False) -> Environment:
    """``environment.list_templates`` lists its loader's folders once for
    ``key`` (the theme's folders) until :func:`forget_listings`, and leaves
    out hidden paths before a filter that ``refuses_hidden`` says refuses
    them anyway. Same names, same order.

    (Each language's build lists every file of the theme to find its static
    files: Material's folders hold 14,000 icons under ``.icons/``, each
    listed and matched against a dozen patterns, twice a build, to be
    refused.)"""
    walk = environment.loader.list_templates

    def list_templates(extensions=None, filter_func=None):
        names = _walks.get(key)
        if names is None:
            names = _walks[key] = list(walk())
        if extensions is not None:
            if filter_func is not None:
                raise TypeError("either extensions or filter_func can be passed, but not both")
            filter_func = _with_extension(extensions)
        if filter_func is None:
            return list(names)
        if refuses_hidden(filter_func):
            names = [n for n in names if not _hidden(n)]
        return [n for n in names if filter_func(n)]

    environment.list_templates = list_templates
    return environment


def forget_listings() -> None:
    """List the theme's folders again (a new build: a file may have come or gone)."""
    _walks.clear()


SHARED = MemoryBytecodeCache(default_directory())


def share(environment: Environment) -> Environment:
    """``environment`` compiles each template once per process, and not at
    all when a build before it (or the installation) compiled it."""
    if environment.bytecode_cache is None:
        environment.bytecode_cache = SHARED
    return environment
