"""Compile at installation what every build would otherwise compile again.

``make venv`` runs this after installing the packages, as pip compiles the
modules it installs:

* the theme's templates (Material's and ``overrides/``, with the settings
  MkDocs gives them) and the site's own (``src/snia/templates``), into the
  folder where :mod:`snia.jinjacache` keeps compiled templates between
  builds (``.venv/var/cache/snia``);
* the Latin and Arabic part of pyuca's collation table (snia.collation);
* the project's own Python (``src/snia``, ``hooks/``, ``macros.py``), which an
  editable install leaves uncompiled, into ``__pycache__``.

A template or module edited afterwards is compiled again when it is used:
nothing here can make a build use stale code (each compiled template is
kept with a checksum of its source). Prints what it compiled, and always
exits 0 (``make venv`` must not fail on a broken page or template: the build
and ``snia check`` report those, with their place).
"""

from __future__ import annotations

import compileall
import os
import sys
from pathlib import Path

from jinja2 import TemplateError

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ("mkdocs.yml", "mkdocs.ar.yml")


def compile_all(env, suffixes: tuple[str, ...] | None = None) -> int:
    count = 0
    for name in env.list_templates():
        if suffixes and not name.endswith(suffixes):
            continue
        try:
            env.get_template(name)
        except TemplateError:  # a theme file that is not a template of its own
            continue
        count += 1
    return count


def main() -> int:
    """Always 0: compiling ahead only saves time. What could not be compiled
    (a broken template, configuration or module) is said, and the build that
    uses it says the error in full, where an editor reads it."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from snia import collation, jinjacache, render

    modules = all([compileall.compile_dir(ROOT / "src" / "snia", quiet=2),
                   compileall.compile_dir(ROOT / "hooks", quiet=2, maxlevels=0),
                   compileall.compile_file(ROOT / "macros.py", quiet=2)])
    if not modules:
        print("precompile: a Python file does not compile; the build will say where")
    if jinjacache.SHARED.directory is None:
        print("precompile: templates not kept (no virtual environment)")
        return 0
    themes = own = 0
    try:
        from mkdocs.config import load_config

        for name in CONFIGS:
            config = load_config(str(ROOT / name))
            themes += compile_all(jinjacache.share(config.theme.get_env()), (".html", ".xml"))
        own = compile_all(render._environment())
        collation.LazyCollator()  # its scripts' part of pyuca's table, kept beside them
    except Exception as err:  # noqa: BLE001 (the build reports it in full)
        print(f"precompile: stopped ({type(err).__name__}); the build will compile what is left")
    print(f"precompile: {themes} theme templates, {own} site templates -> "
          f"{jinjacache.SHARED.directory / 'jinja'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
