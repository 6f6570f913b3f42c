"""``snia``: the editors' and translators' command line.

    snia check [CONTENT]            validate the content tree (all problems, then exit 1)
    snia schema [--check]           write (or check) the JSON Schemas in schema/
"""

from __future__ import annotations

import argparse
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
