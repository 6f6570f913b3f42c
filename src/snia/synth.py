"""Synthetic content at a given scale, for the scaling benchmark.

    python -m snia.synth OUT --scale 10 [--content content]

``generate(source, out, scale)`` writes a content tree shaped like the real
one (``content/``) but ``scale`` times larger: each programme, partner and
project file is copied ``scale`` times with its ids suffixed (``oim``,
``oim-s1``, ``oim-s2`` …), every cross-reference (partners, projects,
figures, events, charts, objectives, programme numbers, parents) pointing
into the same copy, and every text replaced by synthetic text of the same
number of words, drawn from a word-pair (Markov) model of the real French
and Arabic texts, so that page lengths, search indexes and their
compression look like real content. The numbers of figures and amounts are
kept (charts stay consistent); untranslated texts stay untranslated and
the translation fingerprints match (no stale Arabic).

Programme numbers go up to 99 (the model's limit): the first 99 programme
copies are written, each the size of a real programme, and further copies
are not (at ×100: 99 programmes, about ten editions of ten, instead of 200;
100 times the partners and the projects). Merging them into the existing
numbers made programmes of two or three copies, a shape real content never
has. A project copy whose programme copy is not written belongs to a
written copy of the same programme (its programme number, objective and
figures); its partners stay those of its own copy.

Deterministic: the same source and scale give the same bytes (seeded per
file, no dependence on hash seeds or time). Nothing here imports MkDocs.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

from .kinds import KINDS
from .model import text_hash

TEXT_KEYS = {"fr", "ar", "ar_hash", "ar_status"}
# fields whose values are ids (one or a list), renamed within a copy
ID_FIELDS = {"id", "partners", "projects", "funders", "implementers", "figures", "events",
             "amounts", "total", "parent"}
_WORD = re.compile(r"\S+")


def _is_text(node) -> bool:
    return isinstance(node, dict) and isinstance(node.get("fr"), str) and set(node) <= TEXT_KEYS


def _texts(node):
    if _is_text(node):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


class Words:
    """A word-pair model of one language's texts: next word given this one."""

    def __init__(self, texts: list[str]):
        self.follow: dict[str, list[str]] = {}
        self.starts: list[str] = []
        for text in texts:
            words = [w for w in _WORD.findall(text) if not any(c.isdigit() for c in w)]
            if not words:
                continue
            self.starts.append(words[0])
            for a, b in zip(words, words[1:]):
                self.follow.setdefault(a, []).append(b)
        self.vocabulary = sorted(self.follow) or ["texte"]
        self.starts = self.starts or self.vocabulary

    def make(self, rng: random.Random, count: int) -> str:
        count = max(1, count)
        out = [rng.choice(self.starts)]
        while len(out) < count:
            nxt = self.follow.get(out[-1])
            out.append(rng.choice(nxt) if nxt else rng.choice(self.vocabulary))
        return " ".join(out)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _dump(data, path: Path, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
    path.write_text(f"# yaml-language-server: $schema=../../schema/{schema}.schema.json\n"
                    f"# Contenu synthétique (snia.synth) pour le banc d'essai : ne pas publier.\n"
                    + body, encoding="utf-8")


class Generator:
    def __init__(self, source: Path, scale: int):
        self.source, self.scale = source, scale
        self.files = {kind: {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                             for p in sorted((source / kind).glob("*.yml"))}
                      for kind in (kd.folder for kd in KINDS.values())}
        texts = [t for docs in self.files.values() for d in docs.values() for t in _texts(d)]
        self.words = {"fr": Words([t["fr"] for t in texts]),
                      "ar": Words([t["ar"] for t in texts if isinstance(t.get("ar"), str)])}
        self.names: set[str] = set()
        self._plan_programmes()

    # -- programme numbers and objective codes

    def _plan_programmes(self) -> None:
        templates = sorted(self.files["programmes"])  # "08", "09"
        real = [int(self.files["programmes"][t]["number"]) for t in templates]
        free = [n for n in range(1, 100) if n not in real]
        copies = min(99, len(templates) * self.scale)
        numbers = real + free
        # (copy k, template) -> its programme number, for the copies written
        self.number: dict[tuple[int, str], int] = {}
        for i in range(copies):
            k, t = divmod(i, len(templates))
            self.number[(k, templates[t])] = numbers[i]
        # how many copies of each programme are written
        self.written = {t: sum(1 for (_k, u) in self.number if u == t) for t in templates}
        # objective codes: the real ones for copy 0, then new ones in order
        used = {int(o["code"].split()[1]) for d in self.files["programmes"].values()
                for o in d.get("objectives") or []}
        fresh = (n for n in range(1, 1000) if n not in used)
        self.code: dict[tuple[int, str], str] = {}
        for (k, t) in self.number:
            for o in self.files["programmes"][t].get("objectives") or []:
                self.code[(k, o["code"])] = o["code"] if k == 0 else f"OSP {next(fresh)}"
        # a project's programme: the copy of the programme with that number
        self.template_of = {int(self.files["programmes"][t]["number"]): t for t in templates}

    # -- one copy of one file

    @staticmethod
    def _id(ident: str, k: int) -> str:
        return ident if k == 0 else f"{ident}-s{k}"

    def _copy(self, node, k: int, rng: random.Random, key: str | None = None):
        if _is_text(node):
            return self._text(node, rng)
        if isinstance(node, dict):
            return {name: self._field(name, value, k, rng) for name, value in node.items()}
        if isinstance(node, list):
            return [self._copy(v, k, rng, key) for v in node]
        return node

    def _field(self, name: str, value, k: int, rng: random.Random):
        if name in ID_FIELDS and isinstance(value, str):
            return self._id(value, k)
        if name in ID_FIELDS and isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [self._id(v, k) for v in value]
        if name in ("objective", "code") and isinstance(value, str):
            return self.code.get((k, value), value)
        if name == "acronym" and isinstance(value, str) and k:
            return f"{value}{k}"
        return self._copy(value, k, rng, name)

    def _text(self, text: dict, rng: random.Random) -> dict:
        out = {"fr": self.words["fr"].make(rng, len(_WORD.findall(text["fr"])))}
        if isinstance(text.get("ar"), str):
            out["ar"] = self.words["ar"].make(rng, len(_WORD.findall(text["ar"])))
            out["ar_hash"] = text_hash(out["fr"])
            if "ar_status" in text:
                out["ar_status"] = text["ar_status"]
        return out

    def _unique_name(self, doc: dict, rng: random.Random, k: int) -> None:
        """Partner names are unique (the check refuses two files for one name)."""
        name = doc["name"]
        n = 0
        while " ".join(name["fr"].casefold().split()) in self.names:
            n += 1
            name["fr"] = f"{name['fr']} {k}-{n}"
            if "ar_hash" in name:
                name["ar_hash"] = text_hash(name["fr"])
        self.names.add(" ".join(name["fr"].casefold().split()))

    def _attach(self, copy: dict, doc: dict, k: int) -> None:
        """A project copy's programme, objective and figures: those of the
        same copy of its programme, or of a written copy when that one is not
        written (past 99 programmes)."""
        t = self.template_of[doc["programme"]]
        home = k if (k, t) in self.number else k % self.written[t]
        copy["programme"] = self.number[(home, t)]
        if isinstance(doc.get("objective"), str):
            copy["objective"] = self.code.get((home, doc["objective"]), doc["objective"])
        if doc.get("figures"):
            copy["figures"] = [self._id(f, home) for f in doc["figures"]]

    # -- the whole tree

    def write(self, out: Path) -> None:
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        for name in ("edition.yml", "glossary.yml"):
            shutil.copyfile(self.source / name, out / name)
        programmes: dict[int, dict] = {}
        for (k, t), number in self.number.items():
            rng = random.Random(f"{self.scale}:programme:{t}:{k}")
            copy = self._copy(self.files["programmes"][t], k, rng)
            copy["number"] = number
            programmes[number] = copy
        for number, doc in sorted(programmes.items()):
            _dump(doc, out / "programmes" / f"{number:02d}.yml", "programme")
        for kind, schema in ((kd.folder, kd.schema) for kd in KINDS.values() if kd.name != "programme"):
            for k in range(self.scale):
                for ident, doc in self.files[kind].items():
                    rng = random.Random(f"{self.scale}:{kind}:{ident}:{k}")
                    copy = self._copy(doc, k, rng)
                    if kind == "partners":
                        self._unique_name(copy, rng, k)
                    elif "programme" in doc:
                        self._attach(copy, doc, k)
                    _dump(copy, out / kind / f"{self._id(ident, k)}.yml", schema)



def generate(source: str | Path, out: str | Path, scale: int) -> Path:
    """Write the content tree ``scale`` times the size of ``source`` into ``out``."""
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    out = Path(out)
    Generator(Path(source), scale).write(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="contenu synthétique à l'échelle ×N (banc d'essai)")
    parser.add_argument("out", help="dossier à écrire (remplacé)")
    parser.add_argument("--scale", type=int, default=1, help="facteur d'échelle (1, 10, 100)")
    parser.add_argument("--content", default="content", help="contenu réel servant de modèle")
    args = parser.parse_args(argv)
    generate(args.content, args.out, args.scale)
    print(f"contenu ×{args.scale} écrit dans {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
