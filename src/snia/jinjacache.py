"""Compiled Jinja templates kept in memory for the whole process.

A build of both languages makes two theme environments (one per language),
and ``make serve`` makes new ones at every save: each compiled the same
theme templates again (Material's and ``overrides/``). Compiling is about a
sixth of a build of today's content. :data:`SHARED` keeps each template's
compiled code, keyed by its name, its file, the environment settings that
change the generated code, and a checksum of its source (an edited template
is compiled again); rendering is unchanged.

Nothing is written to disk: every process starts cold, like any build.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache


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
    def __init__(self) -> None:
        self._code: dict[tuple[str, str], object] = {}

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = self.get_cache_key(f"{name}|{_settings(environment, name)}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[(bucket.key, bucket.checksum)] = bucket.code

    def clear(self) -> None:
        self._code.clear()

    def __len__(self) -> int:
        return len(self._code)


SHARED = MemoryBytecodeCache()


def share(environment: Environment) -> Environment:
    """``environment`` compiles each template once per process."""
    if environment.bytecode_cache is None:
        environment.bytecode_cache = SHARED
    return environment
