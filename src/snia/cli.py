"""``snia``: the editors' and translators' command line.

    snia check [CONTENT]            validate the content tree (all problems, then exit 1)
    snia schema [--check]           write (or check) the JSON Schemas in schema/
    snia translations status [--strict]   missing, stale and unreviewed Arabic
    snia translations check               glossary terms and numbers of the Arabic
    snia translations mark FILE[:LINE] [--reviewed]   record a translation as done
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .loader import ContentError, load_content
from .schema import stale_schemas, write_schemas


def cmd_check(args) -> int:
    try:
        content = load_content(args.content)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        print(f"{len(err.problems)} problem(s); nothing was built.", file=sys.stderr)
        return 1
    stale = stale_schemas(Path(args.schema))
    if stale:
        for path in stale:
            print(f"{path}:1:1: (schema): out of date with the model: run `make schema`",
                  file=sys.stderr)
        return 1
    print(
        f"content OK: {len(content.programmes)} programmes, {len(content.partners)} partners, "
        f"{len(content.projects)} projects, {len(content.glossary.entries)} glossary entries"
    )
    return 0


def cmd_schema(args) -> int:
    folder = Path(args.schema)
    if args.check:
        stale = stale_schemas(folder)
        for path in stale:
            print(f"{path}: out of date with the model: run `make schema`", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return 0


def cmd_tr_status(args) -> int:
    from .translation import STATES, status

    st = status(Path(args.content), Path(args.docs), relative_to=Path.cwd())
    for line in st.lines:
        print(line)
    done = st.total - sum(st.counts.values())
    print("translations: " + ", ".join(f"{st.counts[s]} {s}" for s in STATES)
          + f", {done} reviewed, of {st.total} texts and pages")
    if args.strict and st.failing:
        print("translations: missing or stale Arabic (see above)", file=sys.stderr)
        return 1
    return 0


def cmd_tr_check(args) -> int:
    from .translation import check_texts

    try:
        content = load_content(args.content)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    problems = check_texts(content, Path(args.content), relative_to=Path.cwd())
    for p in problems:
        print(p, file=sys.stderr)
    print(f"translation check: {len(problems)} problem(s) (glossary terms and numbers)")
    return 1 if problems else 0


def cmd_tr_mark(args) -> int:
    from .translation import MarkError, mark
    from .yamlsafe import YamlError

    where = args.where
    line = None
    m = re.fullmatch(r"(.+?):(\d+)(?::\d+)?", where)
    if m:
        where, line = m.group(1), int(m.group(2))
    path = Path(where)
    if not path.is_file():
        print(f"{where}: no such file", file=sys.stderr)
        return 2
    try:
        n = mark(path, line, reviewed=args.reviewed, label=where, root=Path.cwd())
    except MarkError as err:
        print(err, file=sys.stderr)
        return 1
    except YamlError as err:
        print(err, file=sys.stderr)
        print(f"{where}: fichier non modifié : corrigez d'abord les problèmes ci-dessus",
              file=sys.stderr)
        return 1
    except UnicodeDecodeError as err:
        print(f"{where}:1:1: (file): l'octet à la position {err.start} n'est pas de l'UTF-8 : "
              "enregistrez le fichier en UTF-8 ; fichier non modifié", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{where}: lecture ou écriture impossible ({err.strerror or err})", file=sys.stderr)
        return 1
    state = "reviewed" if args.reviewed else "translated (draft)"
    print(f"{where}: {n} text(s) marked {state}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="snia", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate content/ and report every problem")
    p.add_argument("content", nargs="?", default="content")
    p.add_argument("--schema", default="schema")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("schema", help="write the JSON Schemas of the content files")
    p.add_argument("--schema", default="schema")
    p.add_argument("--check", action="store_true", help="fail when the committed schemas are stale")
    p.set_defaults(func=cmd_schema)

    tr = sub.add_parser("translations", help="the translators' tools").add_subparsers(
        dest="action", required=True)
    p = tr.add_parser("status", help="list missing, stale and unreviewed Arabic, with file:line")
    p.add_argument("--content", default="content")
    p.add_argument("--docs", default="docs")
    p.add_argument("--strict", action="store_true", help="exit 1 when anything is missing or stale")
    p.set_defaults(func=cmd_tr_status)
    p = tr.add_parser("check", help="glossary terms and numbers of each Arabic text")
    p.add_argument("content", nargs="?", default="content")
    p.set_defaults(func=cmd_tr_check)
    p = tr.add_parser("mark", help="record that the Arabic at FILE:LINE translates the current French")
    p.add_argument("where", help="FILE:LINE of the text (any of its lines), or FILE for all new ones")
    p.add_argument("--reviewed", action="store_true", help="mark as reviewed (default: draft)")
    p.set_defaults(func=cmd_tr_mark)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
