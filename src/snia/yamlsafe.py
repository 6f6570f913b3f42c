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

Every problem carries a :class:`Location` (1-based line and column). Every
message is in French, for the editors: a YAML syntax error says in plain words
what is wrong and how to fix it (indentation, quotes around a text holding
`` : `` or `` #``), and list positions are counted from 1 (``events[13]`` is
the 13th event).
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


MAX_DEPTH = 24  # levels of nesting; the content needs about eight


class _Loader(yaml.SafeLoader):
    """Composes nodes; refuses anchors, aliases and deep nesting; remembers
    explicit tags (``!!binary``, ``!x``...), which are errors."""

    _depth = 0

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None,
                "les alias (*nom) ne sont pas acceptés : écrivez la valeur en entier",
                event.start_mark,
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.composer.ComposerError(
                None, None,
                f"les ancres (&{anchor}) ne sont pas acceptées : écrivez chaque valeur en entier",
                event.start_mark,
            )
        if self._depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None,
                f"plus de {MAX_DEPTH} niveaux d'imbrication : le contenu n'en a pas besoin ; "
                "vérifiez l'indentation et les crochets",
                event.start_mark,
            )
        tag = getattr(event, "tag", None)
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if tag is not None:
            node.snia_explicit_tag = tag.replace("tag:yaml.org,2002:", "!!")
        return node


_CLoader = getattr(yaml, "CSafeLoader", None)  # PyYAML built with libyaml (its wheels are)


def _compose_fast(text: str) -> Node | None:
    """The nodes of ``text`` composed by libyaml (ten times faster than the
    pure-Python composer), when nothing :class:`_Loader` refuses can be in
    it: no ``&`` (anchor), ``*`` (alias) or ``!`` (tag) anywhere in the
    text, and no nesting deeper than :data:`MAX_DEPTH`. Otherwise, or on a
    syntax error, None: the checked reader reads it and says what is wrong.
    Same nodes, styles and positions (a test compares them file by file)."""
    if _CLoader is None or "&" in text or "*" in text or "!" in text:
        return None
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if node is None:
        return None
    stack = [(node, 0)]
    while stack:
        item, depth = stack.pop()
        if depth >= MAX_DEPTH:
            return None
        if isinstance(item, ScalarNode):
            if item.style == "":  # libyaml's plain style; the Python composer's is None
                item.style = None
        elif isinstance(item, SequenceNode):
            stack.extend((child, depth + 1) for child in item.value)
        else:
            for key, value in item.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
    return node


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts (the first is 0)."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _loc(path: str, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def field_name(path: Path) -> str:
    """``('objectives', 0, 'code')`` -> ``objectives[1].code``.

    Positions in a list are counted from 1, as a person counts: ``events[13]``
    is the 13th event of the list (CONTRIBUTING.md says so).
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
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
                "(fichier)",
                f"l'octet 0x{raw[err.start]:02x} (position {err.start}) n'est pas de l'UTF-8 : "
                "enregistrez le fichier en UTF-8",
            )
        ]) from None


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def control_character(path: str, text: str) -> Problem | None:
    """The first character YAML refuses to read (NUL, other control
    characters), as a problem at its line and column."""
    m = _CONTROL.search(text)
    if m is None:
        return None
    before = text[: m.start()]
    line = before.count("\n") + 1
    column = m.start() - (before.rfind("\n") + 1) + 1
    return Problem(Location(path, line, column), "(fichier)",
                   f"caractère de contrôle invisible U+{ord(m.group()):04X} : YAML ne peut pas le "
                   "lire ; supprimez-le (il vient souvent d'un copier-coller)")


def parse(path: str, raw: bytes) -> Document:
    """Parse ``raw`` (the bytes of ``path``).

    A file that cannot be read at all raises :class:`YamlError`; problems that
    leave a usable document (a duplicate key is skipped, an alias refused) are
    listed in ``Document.problems`` so that the rest is still checked.
    """
    text = _decode(path, raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = control_character(path, text)
    if bad is not None:
        raise YamlError([bad])
    node = _compose_fast(text)
    if node is None:  # the checked reader: the same nodes, or the error explained
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as err:
            mark, message = explain_syntax(err, text)
            raise YamlError([Problem(_loc(path, mark), "(syntaxe)", message)]) from None
        finally:
            loader.dispose()
    doc = Document(path, None)
    if node is None:
        raise YamlError([Problem(Location(path, 1, 1), "(document)", "le fichier est vide")])
    doc.data = _convert(doc, node, (), doc.problems)
    _check_comments_in_texts(doc, text.splitlines())
    return doc


_QUOTE_HINT = ('mettez tout le texte entre guillemets droits, par exemple '
               '`fr: "Programme 9 : Coopération"` (un guillemet " dans le texte s\'écrit \\")')


def explain_syntax(err: yaml.MarkedYAMLError, text: str):
    """Where a YAML syntax error is and what it means, in plain French.

    Returns ``(mark, message)``; the mark is the place the editor must look at
    (where a quote was opened, the line that has no ``key:``...), which is not
    always where the parser gave up.
    """
    problem = err.problem or ""
    context = err.context or ""
    mark = err.problem_mark or err.context_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if (problem.startswith("anchors") or problem.startswith("aliases") or problem.startswith("les ")
            or problem.startswith("plus de ")):
        return mark, problem  # our own messages (anchors, aliases, nesting depth)
    if "'\\t'" in problem or "\t" in problem:
        return mark, ("tabulation : YAML n'accepte que des espaces pour le retrait des lignes ; "
                      "remplacez chaque tabulation par des espaces (2 par niveau)")
    if problem == "mapping values are not allowed here":
        before = line[: mark.column]
        stripped = before.lstrip().removeprefix("- ")
        if ": " in stripped or stripped.endswith(":"):
            return mark, ("ce texte contient « : » (deux-points suivis d'une espace), que YAML lit "
                          "comme le début d'un nouveau champ : " + _QUOTE_HINT)
        return mark, ("retrait incorrect : cette ligne est plus décalée vers la droite que le champ "
                      "au-dessus ; alignez-la sur les champs de même niveau (même nombre d'espaces "
                      "en début de ligne), ou, si « : » fait partie du texte, " + _QUOTE_HINT)
    if "quoted scalar" in context and err.context_mark is not None:
        return err.context_mark, ("le guillemet ouvert ici n'est jamais fermé : ajoutez le même "
                                  "guillemet à la fin du texte (un guillemet \" à l'intérieur du "
                                  "texte s'écrit \\\")")
    if problem.startswith("found character") and "cannot start any token" in problem:
        char = problem.split("'")[1] if "'" in problem else "?"
        return mark, (f"un texte ne peut pas commencer par « {char} » : " + _QUOTE_HINT)
    if problem == "could not find expected ':'" and err.context_mark is not None:
        return err.context_mark, (
            "cette ligne n'a pas la forme `champ: valeur` : s'il manque « : » après le nom du "
            "champ, ajoutez-le ; si c'est la suite du texte de la ligne au-dessus, décalez-la "
            "vers la droite sous le début du texte, ou " + _QUOTE_HINT)
    if "but found '<scalar>'" in problem:
        opened = _unclosed_quote_above(lines, mark)
        if opened is not None:
            return opened, ("guillemet jamais fermé sur sa ligne : le texte ouvert ici court jusqu'au "
                            "guillemet suivant du fichier ; ajoutez le guillemet fermant à la fin du "
                            "texte (un guillemet \" à l'intérieur du texte s'écrit \\\")")
        return mark, ("du texte suit un guillemet fermant : tout le texte doit être entre les "
                      "guillemets (un guillemet \" à l'intérieur du texte s'écrit \\\")")
    if ("expected <block end>" in problem or "did not find expected key" in problem
            or "did not find expected '-' indicator" in problem):
        if "'-'" in problem or "<block sequence start>" in problem or "'-' indicator" in problem:
            return mark, ("retrait incorrect d'un élément de liste : chaque élément commence par "
                          "« - » au même retrait que les autres éléments de la même liste")
        return mark, ("retrait incorrect : cette ligne n'est alignée sur aucun champ au-dessus ; "
                      "alignez-la sur les champs de même niveau (même nombre d'espaces en début de "
                      "ligne, 2 espaces par niveau)")
    if "flow" in context:
        return mark, ("liste ou texte entre crochets [ ] ou accolades { } non fermé : fermez-le "
                      "sur la même ligne, ou écrivez un élément par ligne avec « - »")
    return mark, ("YAML illisible à cet endroit (le lecteur YAML dit : "
                  f"{problem or context or 'erreur'}) : vérifiez le retrait des lignes, et mettez "
                  "entre guillemets tout texte qui contient « : » ou « # »")


def _unclosed_quote_above(lines: list[str], mark):
    """Where a double quote was opened and left open, when the parser only
    noticed it at a later line (the next quote in the file closed it)."""
    line = lines[mark.line] if mark.line < len(lines) else ""
    if not line[: mark.column].rstrip().endswith('"') or line[: mark.column].count('"') != 1:
        return None
    for n in range(mark.line - 1, -1, -1):
        text = lines[n].split(" #")[0] if '"' not in lines[n].split(" #")[0] else lines[n]
        quotes = len(re.findall(r'(?<!\\)"', text))
        if quotes % 2 == 1:
            return yaml.Mark("", 0, n, text.rfind('"'), None, None)
    return None


def _check_comments_in_texts(doc: Document, lines: list[str]) -> None:
    """A `` #`` inside an unquoted text starts a comment: the rest of the
    text is silently dropped. Report it for every text (``fr``/``ar``)."""
    for path, node in doc.nodes.items():
        if not (isinstance(node, ScalarNode) and node.style is None and path
                and path[-1] in ("fr", "ar")):
            continue
        end = node.end_mark
        rest = lines[end.line][end.column:] if end.line < len(lines) else ""
        if rest.lstrip().startswith("#") and rest[:1].isspace():
            doc.problems.append(Problem(
                _loc(doc.path, node.start_mark), field_name(path),
                "le texte s'arrête avant « # » : après une espace, « # » commence un commentaire "
                "et la suite n'est pas publiée ; mettez tout le texte entre guillemets droits, "
                'par exemple `fr: "Programme #9 : bilan"`',
            ))


def _convert(doc: Document, node: Node, path: Path, problems: list[Problem]) -> Any:
    doc.nodes[path] = node
    explicit = getattr(node, "snia_explicit_tag", None)
    if explicit is not None or node.tag not in _STANDARD_TAGS:
        problems.append(Problem(
            _loc(doc.path, node.start_mark), field_name(path),
            f"l'étiquette explicite {explicit or node.tag} n'est pas acceptée : supprimez-la "
            "(écrivez la valeur seule, entre guillemets si c'est un texte)",
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
                    "une clé doit être un simple mot (par exemple `name:`)",
                ))
                continue
            key = key_node.value
            if key == "<<":
                problems.append(Problem(
                    _loc(doc.path, key_node.start_mark), field_name(path),
                    "les clés de fusion (<<) ne sont pas acceptées : écrivez les champs en entier",
                ))
                continue
            where = _loc(doc.path, key_node.start_mark)
            if key in out:
                first = doc.key_nodes[path + (key,)].start_mark.line + 1
                problems.append(Problem(
                    where, field_name(path + (key,)),
                    f"clé en double (déjà ligne {first}) : gardez une seule des deux",
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
