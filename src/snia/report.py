"""What ``snia check`` tells an editor, in three forms: lines for a terminal,
GitHub annotations on the changed line, and a Markdown job summary.

Errors (the content does not load) fail the check. Missing or stale Arabic
is a *warning*: a pull request that adds French is merged, and the Arabic
site shows the French, marked as French, until a translator acts. A release
asks for the Arabic with ``--strict``, which turns those warnings into errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .translation import STATE_WORDS, STATES, pages, texts_in, yaml_files
from .yamlsafe import Location, Problem, YamlError, field_name, parse


@dataclass(frozen=True, order=True)
class Finding:
    location: Location
    field: str
    message: str
    level: str = "error"  # "error" or "warning"

    @classmethod
    def of(cls, problem: Problem, level: str = "error") -> "Finding":
        return cls(problem.location, problem.field, problem.message, level)

    def __str__(self) -> str:
        word = "avertissement : " if self.level == "warning" else ""
        return f"{self.location}: {self.field}: {word}{self.message}"


@dataclass
class FileStatus:
    """Translation status of one content file or narrative page."""

    path: str
    texts: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STATES})


_WARN = {
    "missing": "arabe manquant : le site arabe montre le français (signalé) en attendant ; "
               "un traducteur ajoutera `ar:` sous le français",
    "stale": "arabe périmé : le français a changé depuis la traduction ; le site arabe montre "
             "l'ancienne traduction jusqu'à sa mise à jour",
}


def translation_findings(content: Path, docs: Path | None, *, relative_to: Path
                         ) -> tuple[list[Finding], list[FileStatus]]:
    """Missing and stale Arabic as warnings, and the status of every file.

    A file that does not parse is skipped here: its error is reported by the
    loader already."""

    def rel(p: Path) -> str:
        try:
            return str(p.resolve().relative_to(relative_to.resolve()))
        except ValueError:
            return str(p)

    findings: list[Finding] = []
    files: list[FileStatus] = []
    for path in yaml_files(content) if content.is_dir() else []:
        try:
            doc = parse(rel(path), path.read_bytes())
        except (YamlError, OSError):
            continue
        st = FileStatus(rel(path))
        for ref in texts_in(doc):
            st.texts += 1
            if ref.state:
                st.counts[ref.state] += 1
                if ref.state in _WARN:
                    findings.append(Finding(ref.location, field_name(ref.path), _WARN[ref.state],
                                            "warning"))
        files.append(st)
    if docs is not None and (docs / "fr").is_dir():
        for page in pages(docs):
            st = FileStatus(rel(page.ar_path), texts=1)
            if page.state:
                st.counts[page.state] += 1
                if page.state in _WARN:
                    findings.append(Finding(Location(rel(page.ar_path), 1, 1), "(page)",
                                            f"page {_WARN[page.state]} (traduit {rel(page.fr_path)})",
                                            "warning"))
            files.append(st)
    return sorted(findings), files


# --------------------------------------------------------------------------
# GitHub workflow commands


def escape_data(text: str) -> str:
    """The message of a workflow command: ``%``, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property (file, title...): also ``:`` and ``,``, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` for one finding."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in (
        ("file", f.location.path), ("line", f.location.line), ("col", f.location.column),
        ("title", f.field)))
    return f"::{f.level} {props}::{escape_data(f.message)}"


def unescape_data(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse_annotation(line: str) -> dict | None:
    """Read one annotation line back (used by the tests, and handy to debug)."""
    if not line.startswith("::"):
        return None
    head, sep, message = line[2:].partition("::")
    if not sep:
        return None
    level, _, props = head.partition(" ")
    out = {"level": level, "message": unescape_data(message)}
    for item in props.split(",") if props else []:
        key, _, value = item.partition("=")
        out[key] = unescape_property(value)
    return out


# --------------------------------------------------------------------------
# Job summary (Markdown)


def _md(text: str) -> str:
    """Text in a Markdown table cell: no pipes, no line breaks, no markup."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    for ch in "<>*_[]`":
        out = out.replace(ch, "\\" + ch)
    return out


def summary(errors: list[Finding], warnings: list[Finding], files: list[FileStatus],
            *, strict: bool) -> str:
    lines = ["## Vérification du contenu", ""]
    if errors:
        lines += [f"**{len(errors)} problème(s) à corriger** : rien n'a été construit.", "",
                  "| Fichier | Ligne | Colonne | Champ | Problème |", "|---|---|---|---|---|"]
        lines += [f"| {_md(f.location.path)} | {f.location.line} | {f.location.column} | "
                  f"{_md(f.field)} | {_md(f.message)} |" for f in errors]
    else:
        lines.append("Aucun problème : le contenu est valide.")
    lines += ["", "## Traductions arabes", ""]
    if warnings and not strict:
        lines += [f"{len(warnings)} avertissement(s) : l'arabe manquant ou périmé n'empêche pas "
                  "la fusion ; le site arabe montre le français, signalé comme tel.", ""]
    # what a pull request changed most likely: missing or stale first
    todo = sorted((st for st in files if any(st.counts.values())),
                  key=lambda st: (-(st.counts["missing"] + st.counts["stale"]), st.path))
    total = {s: sum(st.counts[s] for st in files) for s in STATES}
    if todo:
        lines += ["| Fichier | Textes | " + " | ".join(STATE_WORDS[s].replace("(s)", "s")
                                                    .capitalize() for s in STATES) + " |",
                  "|---|---|" + "---|" * len(STATES)]
        lines += [f"| {_md(st.path)} | {st.texts} | "
                  + " | ".join(str(st.counts[s]) for s in STATES) + " |" for st in todo]
        lines += ["| **Total** | " + str(sum(st.texts for st in files)) + " | "
                  + " | ".join(f"**{total[s]}**" for s in STATES) + " |"]
    else:
        lines.append("Tous les textes sont traduits et relus.")
    if warnings:
        lines += ["", "<details><summary>Détail des textes à traduire</summary>", "",
                  "| Fichier | Ligne | Champ | État |", "|---|---|---|---|"]
        lines += [f"| {_md(f.location.path)} | {f.location.line} | {_md(f.field)} | "
                  f"{_md(f.message.split(' :')[0])} |" for f in warnings]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
