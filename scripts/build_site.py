"""Build both languages, all or nothing: ``make build`` (and any deploy) runs this.

``mkdocs build --strict`` (the French site, whose hook builds the Arabic one
into ``ar/``) writes into a fresh temporary folder next to ``site/``. Only when
the build succeeded and both languages are there does that folder replace
``site/``; otherwise ``site/`` is left exactly as it was, the temporary
folder is removed and the exit status says so.

    python scripts/build_site.py [--site site] [-- extra mkdocs arguments]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def say(message: str) -> None:
    print(f"build: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="construit les deux sites, tout ou rien")
    parser.add_argument("--site", default="site", help="dossier du site (site)")
    parser.add_argument("extra", nargs="*", help="arguments passés à mkdocs build")
    args = parser.parse_args(argv)
    site = (ROOT / args.site).resolve()
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    try:
        fresh = work / "site"
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(fresh), *args.extra],
            cwd=ROOT)
        if proc.returncode != 0:
            say(f"la construction a échoué (code {proc.returncode}) : {args.site}/ est resté "
                "tel qu'il était ; corrigez l'erreur ci-dessus")
            return proc.returncode or 1
        missing = [p for p in ("index.html", "ar/index.html") if not (fresh / p).is_file()]
        if missing:
            say(f"construction incomplète ({', '.join(missing)} absent) : {args.site}/ est resté "
                "tel qu'il était")
            return 1
        old = work / "old"
        if site.exists():
            os.replace(site, old)
        os.replace(fresh, site)
        say(f"les deux langues sont construites dans {args.site}/")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
