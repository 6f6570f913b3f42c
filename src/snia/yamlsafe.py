"""Read a YAML file without surprises, remembering where every value stands.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys, turns
``no`` into ``False``, ``012`` into 10, ``12:30`` into 750 and ``2018-04-16``
into a date, and expands aliases. Here the document is *composed* into nodes
and converted by hand with a small, YAML 1.2-like set of rules:

* ``null``, ``~`` and an empty value are null; ``true`` and ``false`` are
  booleans; ``123`` and ``-5`` are integers; ``2.5`` is a decimal;
* everything else (``no``, ``on``, ``012``, ``1.10``, ``12:30``, dates) stays
  the exact text written, so a wrong type is reported by the schema, never
  changed silently;
* duplicate keys, anchors, aliases and explicit tags are errors.

Every problem carries a :class:`Location` (1-based line and column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[Any, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]*[1-9]$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "false": False}
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:value",
    "tag:yaml.org,2002:merge",
}


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, where it is and how to fix it."""

    location: Location
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.field}: {self.message}"


class YamlError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


class _Loader(yaml.SafeLoader):
    """Composes nodes; refuses anchors and aliases."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None,
                "aliases (*name) are not allowed: write the value out in full",
                event.start_mark,
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.composer.ComposerError(
                None, None,
                f"anchors (&{anchor}) are not allowed: write each value out in full",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _loc(path: str, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def field_name(path: Path) -> str:
    """``('objectives', 0, 'code')`` -> ``objectives[0].code``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(document)"


@dataclass
class Document:
    """A parsed YAML document and where each of its values stands."""

    path: str
    data: Any
    problems: list[Problem] = field(default_factory=list)  # found while reading
    nodes: dict[Path, Node] = field(default_factory=dict)  # the YAML node of each value
    key_nodes: dict[Path, Node] = field(default_factory=dict)  # ... and of each key

    def locate(self, path: Path, *, key: bool = False) -> Location:
        """The location of ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        while True:
            table = self.key_nodes if key and path in self.key_nodes else self.nodes
            if path in table:
                return _loc(self.path, table[path].start_mark)
            if not path:
                return Location(self.path, 1, 1)
            path = path[:-1]


def _decode(path: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlError([
            Problem(
                Location(path, line, col),
                "(file)",
                f"byte 0x{raw[err.start]:02x} at offset {err.start} is not UTF-8: "
                "save the file as UTF-8",
            )
        ]) from None


def parse(path: str, raw: bytes) -> Document:
    """Parse ``raw`` (the bytes of ``path``).

    A file that cannot be read at all raises :class:`YamlError`; problems that
    leave a usable document (a duplicate key is skipped, an alias refused) are
    listed in ``Document.problems`` so that the rest is still checked.
    """
    text = _decode(path, raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or "invalid YAML"
        if "\\t" in problem or "tab" in problem.lower():
            problem += ": indent with spaces, not tabs"
        raise YamlError([Problem(_loc(path, mark), "(syntax)", problem)]) from None
    finally:
        loader.dispose()
    doc = Document(path, None)
    if node is None:
        raise YamlError([Problem(Location(path, 1, 1), "(document)", "the file is empty")])
    doc.data = _convert(doc, node, (), doc.problems)
    return doc


def _convert(doc: Document, node: Node, path: Path, problems: list[Problem]) -> Any:
    doc.nodes[path] = node
    if node.tag not in _STANDARD_TAGS and not node.tag.startswith("tag:yaml.org,2002:"):
        problems.append(Problem(
            _loc(doc.path, node.start_mark), field_name(path),
            f"explicit tag {node.tag} is not allowed: remove it",
        ))
        return None
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_convert(doc, item, path + (i,), problems) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(
                    _loc(doc.path, key_node.start_mark), field_name(path),
                    "a key must be a plain word",
                ))
                continue
            key = key_node.value
            if key == "<<":
                problems.append(Problem(
                    _loc(doc.path, key_node.start_mark), field_name(path),
                    "merge keys (<<) are not allowed: write the fields out",
                ))
                continue
            where = _loc(doc.path, key_node.start_mark)
            if key in out:
                first = doc.key_nodes[path + (key,)].start_mark.line + 1
                problems.append(Problem(
                    where, field_name(path + (key,)),
                    f"duplicate key (first at line {first}): keep one of the two",
                ))
                continue
            doc.key_nodes[path + (key,)] = key_node
            out[key] = _convert(doc, value_node, path + (key,), problems)
        return out
    raise AssertionError(node)  # pragma: no cover


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    if node.style is not None:  # quoted or block scalar: always text
        return value
    if node.tag == "tag:yaml.org,2002:str":  # explicit !!str
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _DECIMAL.match(value):
        return float(value)
    return value
