"""``snia`` : la ligne de commande des éditeurs et des traducteurs.

    snia check [CONTENU]            vérifie le contenu (tous les problèmes, puis code 1)
    snia new TYPE ID [--programme NN]   commence un nouvel élément (modèle à remplir)
    snia schema [--check]           écrit (ou vérifie) les schémas JSON de schema/
    snia translations status [--strict]   l'arabe manquant, périmé ou non relu
    snia translations check               termes du glossaire et nombres de l'arabe
    snia translations mark FICHIER[:LIGNE] [--reviewed]   enregistre une traduction faite

Every message is in French: the editors read them.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .loader import ContentError, load_content
from .schema import stale_schemas, write_schemas


def cmd_check(args) -> int:
    """Every problem of the content and of the narrative pages (errors), then
    missing or stale Arabic (warnings: they never fail a pull request;
    ``--strict`` makes them errors, for a release)."""
    from dataclasses import replace

    from .narrative import check_docs
    from .pages import PAGE_MACROS
    from .siteconfig import CONFIGS, check_config
    from .report import Finding, annotation, summary, translation_findings
    from .yamlsafe import Location

    errors: list[Finding] = []
    content = None
    try:
        content = load_content(args.content)
    except ContentError as err:
        errors += [Finding.of(p) for p in err.problems]
    docs = Path(args.docs) if args.docs else None
    # the narrative pages are built too: what would fail the build fails here
    if docs is not None and docs.is_dir():
        errors += [Finding.of(p) for p in check_docs(docs, PAGE_MACROS, relative_to=Path.cwd())]
    # the site's configuration, its navigation and the links between pages
    if any(Path(name).exists() for name in CONFIGS):
        from .pages import entity_pages

        generated = [p.src_uri for p in entity_pages(content)] if content is not None else None
        errors += [Finding.of(p) for p in check_config(Path.cwd(), generated)]
    if not errors:
        for path in stale_schemas(Path(args.schema)):
            errors.append(Finding(Location(str(path), 1, 1), "(schéma)",
                                  "périmé par rapport au modèle : lancez `make schema`"))
    warnings, files = translation_findings(Path(args.content), docs, relative_to=Path.cwd())
    if args.strict:
        errors += [replace(w, level="error") for w in warnings]
        warnings = []
    errors.sort()
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as out:
            out.write(summary(errors, warnings, files, strict=args.strict))
    if args.format == "github":
        for f in errors + warnings:
            print(annotation(f))
    else:
        for f in warnings if not errors else []:  # errors first: warnings once they are fixed
            print(f)
        for f in errors:
            print(f, file=sys.stderr)
    if errors:
        print(f"{len(errors)} problème(s) ; rien n'a été construit.", file=sys.stderr)
        return 1
    if warnings:
        print(f"{len(warnings)} avertissement(s) de traduction : l'arabe manquant ou périmé "
              "n'empêche pas la fusion ; le site arabe montre le français, signalé comme tel "
              "(`--strict` les compte comme des erreurs, pour une publication).")
    from .kinds import KINDS

    counts = ", ".join(f"{len(content.of(k.name))} {k.plural}" for k in KINDS.values())
    print(f"contenu valide : {counts}, {len(content.glossary.entries)} entrées du glossaire")
    return 0


def cmd_new(args) -> int:
    from .scaffold import ScaffoldError, new

    try:
        written = new(args.kind, args.id, content=Path(args.content), programme=args.programme,
                      label_root=Path.cwd())
    except ScaffoldError as err:
        print(f"snia new : {err}", file=sys.stderr)
        return 1
    print(written)
    return 0


def cmd_schema(args) -> int:
    folder = Path(args.schema)
    if args.check:
        stale = stale_schemas(folder)
        for path in stale:
            print(f"{path}: périmé par rapport au modèle : lancez `make schema`", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(folder):
        print(f"écrit : {path}")
    return 0


def cmd_tr_status(args) -> int:
    from .translation import STATE_WORDS, STATES, status

    st = status(Path(args.content), Path(args.docs), relative_to=Path.cwd())
    for line in st.lines:
        print(line)
    done = st.total - sum(st.counts.values())
    print("traductions : " + ", ".join(f"{st.counts[s]} {STATE_WORDS[s]}" for s in STATES)
          + f", {done} relu(s), sur {st.total} textes et pages")
    if args.strict and st.failing:
        print("traductions : arabe manquant ou périmé (voir ci-dessus)", file=sys.stderr)
        return 1
    return 0


def cmd_tr_report(args) -> int:
    """`make translations`: missing and stale first, with the old and the new
    French; unreviewed as a count (the list with --all)."""
    from . import review

    root = Path.cwd()
    rep = review.report(review.all_items(root, Path(args.content), Path(args.docs)),
                        review.read_store(root / review.SOURCES), show_all=args.all)
    for line in rep.lines:
        print(line)
    if args.strict and rep.failing:
        print("traductions : arabe manquant ou périmé (voir ci-dessus)", file=sys.stderr)
        return 1
    return 0


def cmd_tr_record(args) -> int:
    """Keep the French of every up-to-date translation (translations/sources.yml)
    and record the interface strings not recorded yet as first drafts."""
    from . import review

    root = Path.cwd()
    items = review.all_items(root)
    current = [i for i in items if i.ar is not None and i.state in (None, "unreviewed")]
    review.record_sources(root, current)
    store = review.read_store(root / review.INTERFACE)
    new = [i for i in items if i.kind == "interface" and i.ar is not None and i.key not in store]
    for i in new:
        store[i.key] = {"fr_hash": review.text_hash(i.fr), "status": "draft"}
    if new:
        review.write_store(root / review.INTERFACE, store, review._INTERFACE_HEADER)
        review.record_sources(root, new)
    print(f"{review.SOURCES} : français de {len(current) + len(new)} traduction(s) conservé ; "
          f"{review.INTERFACE} : {len(new)} texte(s) de l'interface enregistré(s) (premier jet)")
    return 0


def cmd_tr_sheet(args) -> int:
    from . import review, sheet

    root = Path.cwd()
    items = review.all_items(root)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "revue.csv").write_text(sheet.csv_sheet(items), encoding="utf-8-sig")
    (out / "revue.html").write_text(sheet.html_sheet(items, review.read_store(
        root / review.SOURCES)), encoding="utf-8")
    print(f"feuille de relecture : {out / 'revue.html'} et {out / 'revue.csv'} "
          f"({len(items)} textes, pages et libellés)")
    return 0


def cmd_tr_export(args) -> int:
    from .xliff import export

    data, n = export(Path.cwd(), include_unreviewed=args.all)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"{out} : {n} texte(s) à traduire (XLIFF 2.0, français -> arabe) ; "
          f"après traduction : snia translations import {out}")
    return 0


def cmd_tr_import(args) -> int:
    from .xliff import XliffError, import_

    path = Path(args.file)
    if not path.is_file():
        print(f"{args.file} : fichier introuvable", file=sys.stderr)
        return 2
    try:
        written = import_(Path.cwd(), path.read_bytes())
    except XliffError as err:
        print(err, file=sys.stderr)
        return 1
    for file in written:
        print(f"{file} : arabe importé, marqué premier jet (à relire)")
    print(f"import : {len(written)} fichier(s) modifié(s)")
    return 0


def _content_or_report(args):
    """The content of ``args.content``, or None once its problems are
    printed (the command then exits 1)."""
    try:
        return load_content(args.content)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return None


def cmd_tr_termbase(args) -> int:
    from .xliff import termbase_csv, termbase_tbx

    content = _content_or_report(args)
    if content is None:
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "glossaire.csv").write_text(termbase_csv(content), encoding="utf-8-sig")
    (out / "glossaire.tbx").write_bytes(termbase_tbx(content))
    print(f"glossaire : {out / 'glossaire.csv'} et {out / 'glossaire.tbx'} "
          f"({len(content.glossary.entries)} entrées)")
    return 0


def cmd_tr_check(args) -> int:
    from .translation import check_texts

    content = _content_or_report(args)
    if content is None:
        return 1
    problems = check_texts(content, Path(args.content), relative_to=Path.cwd())
    if Path(args.docs).is_dir():  # the narrative pages against their French
        from .pagecheck import check_pages

        problems += check_pages(content, Path(args.docs), relative_to=Path.cwd())
    for p in problems:
        print(p, file=sys.stderr)
    print(f"vérification des traductions : {len(problems)} problème(s) "
          "(termes du glossaire et nombres)")
    style = _house_style(args, content)
    return 1 if problems or style else 0


def _house_style(args, content) -> list:
    """The Arabic house style (STYLE.ar.md): names, Latin acronyms, renderings, numbers."""
    from importlib import resources

    from .housestyle import check_all

    labels = Path("src/snia/ui.yml")
    if not labels.is_file():
        labels = Path(str(resources.files("snia").joinpath("ui.yml")))
    style = check_all(content, Path(args.content), relative_to=Path.cwd(), docs_dir=Path(args.docs),
                      labels=labels, config=Path(args.config))
    for p in style:
        print(p, file=sys.stderr)
    print(f"style arabe : {len(style)} problème(s) (noms, sigles latins, tournures, nombres ; "
          "voir STYLE.ar.md)")
    return style


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
        print(f"{where} : fichier introuvable", file=sys.stderr)
        return 2
    from . import review

    if review.is_interface_file(where):  # ui.yml, mkdocs.ar.yml, overrides/*.html
        try:
            items = review.mark_interface(Path.cwd(), where, line, reviewed=args.reviewed)
        except review.InterfaceMarkError as err:
            print(err, file=sys.stderr)
            return 1
        review.record_sources(Path.cwd(), items)
        print(f"{where} : {len(items)} texte(s) de l'interface marqué(s) "
              + ("relu(s)" if args.reviewed else "traduit(s) (premier jet)"))
        return 0
    before = review.items_of(Path.cwd(), where)
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
        print(f"{where}:1:1: (fichier): l'octet à la position {err.start} n'est pas de l'UTF-8 : "
              "enregistrez le fichier en UTF-8 ; fichier non modifié", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{where}: lecture ou écriture impossible ({err.strerror or err})", file=sys.stderr)
        return 1
    for warning in review.after_mark(Path.cwd(), before, review.items_of(Path.cwd(), where)):
        print(warning, file=sys.stderr)
    state = "relu(s)" if args.reviewed else "traduit(s) (premier jet)"
    print(f"{where} : {n} texte(s) marqué(s) {state}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchParser(prog="snia", description="snia : la ligne de commande des éditeurs et des traducteurs.",
                          add_help=False)
    _help(parser)
    sub = parser.add_subparsers(dest="command", required=True, title="commandes :",
                                parser_class=FrenchParser)

    p = sub.add_parser("check", help="vérifie content/ et signale chaque problème", add_help=False)
    _help(p)
    p.add_argument("content", nargs="?", default="content", help="dossier du contenu (content)")
    p.add_argument("--docs", default="docs",
                   help="dossier des pages rédigées, vérifiées aussi avec l'état de leur traduction "
                   "(docs ; vide : aucune)")
    p.add_argument("--schema", default="schema", help="dossier des schémas (schema)")
    p.add_argument("--format", choices=["text", "github"], default="text",
                   help="text (fichier:ligne:colonne) ou github (annotations d'une demande de fusion)")
    p.add_argument("--summary", metavar="FICHIER",
                   help="ajoute à FICHIER un résumé Markdown (problèmes, état des traductions), "
                   "par exemple $GITHUB_STEP_SUMMARY")
    p.add_argument("--strict", action="store_true",
                   help="l'arabe manquant ou périmé est une erreur (pour une publication)")
    p.set_defaults(func=cmd_check)

    from .scaffold import KINDS

    p = sub.add_parser("new", help="commence un nouvel élément à partir d'un modèle", add_help=False)
    _help(p)
    p.add_argument("kind", metavar="TYPE", choices=KINDS, help=" | ".join(KINDS))
    p.add_argument("id", metavar="ID",
                   help="identifiant (par exemple glo-act) ; numéro pour un programme ou un objectif")
    p.add_argument("--programme", metavar="NN",
                   help="programme où ajouter un objectif, une activité, un chiffre, un événement "
                   "ou une recommandation")
    p.add_argument("--content", default="content", help="dossier du contenu (content)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("schema", help="écrit les schémas JSON des fichiers de contenu",
                       add_help=False)
    _help(p)
    p.add_argument("--schema", default="schema", help="dossier des schémas (schema)")
    p.add_argument("--check", action="store_true",
                   help="échoue si les schémas enregistrés sont périmés")
    p.set_defaults(func=cmd_schema)

    tr = sub.add_parser("translations", help="les outils des traducteurs", add_help=False)
    _help(tr)
    tr = tr.add_subparsers(dest="action", required=True, title="actions :", parser_class=FrenchParser)
    p = tr.add_parser("status", help="l'arabe manquant, périmé ou non relu, avec fichier:ligne",
                      add_help=False)
    _help(p)
    p.add_argument("--content", default="content", help="dossier du contenu (content)")
    p.add_argument("--docs", default="docs", help="dossier des pages (docs)")
    p.add_argument("--strict", action="store_true",
                   help="code 1 si un texte manque ou est périmé (pour une publication)")
    p.set_defaults(func=cmd_tr_status)
    p = tr.add_parser("check", help="termes du glossaire, nombres et style arabe de chaque texte",
                      add_help=False)
    _help(p)
    p.add_argument("content", nargs="?", default="content", help="dossier du contenu (content)")
    p.add_argument("--docs", default="docs", help="dossier des pages (docs ; docs/ar/ est vérifié)")
    p.add_argument("--config", default="mkdocs.ar.yml", help="la configuration du site arabe")
    p.set_defaults(func=cmd_tr_check)
    p = tr.add_parser("report", help="l'arabe manquant et périmé d'abord (ancien et nouveau "
                      "français), les non relus en nombre", add_help=False)
    _help(p)
    p.add_argument("--content", default="content", help="dossier du contenu (content)")
    p.add_argument("--docs", default="docs", help="dossier des pages (docs)")
    p.add_argument("--all", action="store_true", help="liste aussi les textes non relus")
    p.add_argument("--strict", action="store_true",
                   help="code 1 si un texte manque ou est périmé (pour une publication)")
    p.set_defaults(func=cmd_tr_report)
    p = tr.add_parser("record", help="conserve le français actuellement traduit "
                      "(translations/sources.yml)", add_help=False)
    _help(p)
    p.set_defaults(func=cmd_tr_record)
    p = tr.add_parser("sheet", help="feuille de relecture : français | arabe | fichier:ligne | état",
                      add_help=False)
    _help(p)
    p.add_argument("--out", default="translations/revue", help="dossier (translations/revue)")
    p.set_defaults(func=cmd_tr_sheet)
    p = tr.add_parser("export", help="XLIFF 2.0 des textes manquants et périmés, pour un outil de "
                      "traduction", add_help=False)
    _help(p)
    p.add_argument("-o", "--output", default="translations/a-traduire.xlf",
                   help="fichier XLIFF (translations/a-traduire.xlf)")
    p.add_argument("--all", action="store_true", help="aussi les textes non relus")
    p.set_defaults(func=cmd_tr_export)
    p = tr.add_parser("import", help="écrit l'arabe d'un fichier XLIFF traduit (refusé si le "
                      "français a changé depuis l'export)", add_help=False)
    _help(p)
    p.add_argument("file", metavar="FICHIER.xlf", help="le fichier XLIFF traduit")
    p.set_defaults(func=cmd_tr_import)
    p = tr.add_parser("termbase", help="le glossaire en base terminologique (CSV et TBX)",
                      add_help=False)
    _help(p)
    p.add_argument("--content", default="content", help="dossier du contenu (content)")
    p.add_argument("--out", default="translations/revue", help="dossier (translations/revue)")
    p.set_defaults(func=cmd_tr_termbase)
    p = tr.add_parser("mark", help="enregistre que l'arabe à FICHIER:LIGNE traduit le français actuel",
                      add_help=False)
    _help(p)
    p.add_argument("where", metavar="FICHIER[:LIGNE]",
                   help="FICHIER:LIGNE du texte (une de ses lignes), ou FICHIER pour tous les nouveaux")
    p.add_argument("--reviewed", action="store_true",
                   help="marque comme relu (sinon : premier jet)")
    p.set_defaults(func=cmd_tr_mark)
    return parser


class FrenchParser(argparse.ArgumentParser):
    """argparse, with its own words (usage, errors) in French."""

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "utilisation :", 1)

    def format_help(self) -> str:
        text = super().format_help().replace("usage:", "utilisation :", 1)
        return (text.replace("positional arguments:", "arguments :")
                .replace("options:", "options :"))

    def error(self, message: str):
        message = (message.replace("the following arguments are required", "arguments obligatoires")
                   .replace("invalid choice", "choix invalide")
                   .replace("choose from", "choisir parmi")
                   .replace("unrecognized arguments", "arguments inconnus")
                   .replace("expected one argument", "une valeur attendue")
                   .replace("argument command:", "commande :")
                   .replace("argument action:", "action :"))
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def _help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide")


def main(argv: list[str] | None = None) -> int:
    from .yamlsafe import YamlError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except YamlError as err:  # a file no command can read: say where, never a traceback
        print(err, file=sys.stderr)
        print("fichier illisible : corrigez d'abord ce problème (`make check` les liste tous)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
