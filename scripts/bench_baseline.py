"""The benchmark's baseline: the same pages as plain Markdown on plain Material.

``write_baseline(content, out)`` writes two MkDocs projects (``out/fr`` and
``out/ar``), one page per page of the real site (every programme, partner
and project, and the narrative pages with their fragments written out as
Markdown), with the same navigation structure and theme features, but none
of the project's layer: no macros, no hooks, no templates, no CSS or fonts.
What the site would cost without it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import yaml

from snia.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ["navigation.indexes", "navigation.sections", "navigation.prune", "navigation.top",
            "navigation.path", "navigation.footer", "search.highlight"]


def t(text, lang: str) -> str:
    if text is None:
        return ""
    value = text.get(lang) or text.fr
    return " ".join(value.split()).replace("{", "(").replace("}", ")")


def link(src: str, dest: str) -> str:
    return posixpath.relpath(dest, posixpath.dirname(src) or ".")


class Writer:
    def __init__(self, content, lang: str):
        self.c, self.lang = content, lang
        self.partner_projects: dict[str, list[str]] = {}
        for jid, proj in content.projects.items():
            d = proj.data
            for pid in {*d.funders, *d.implementers, *d.partners}:
                self.partner_projects.setdefault(pid, []).append(jid)
        self.partner_programmes: dict[str, set[int]] = {}
        for prog in content.programmes.values():
            for act in prog.data.activities:
                for pid in act.partners:
                    self.partner_programmes.setdefault(pid, set()).add(prog.data.number)

    def uri(self, kind: str, ident) -> str:
        return f"{KINDS[kind].section(self.lang)}/{ident}.md"

    def names(self, src: str, kind: str, ids) -> str:
        table = self.c.partners if kind == "partner" else self.c.projects
        return ", ".join(f"[{t(table[i].data.name, self.lang)}]({link(src, self.uri(kind, i))})"
                         for i in ids if i in table)

    def programme(self, pid: str, level: int = 1) -> str:
        prog = self.c.programmes[pid]
        d, L, src = prog.data, self.lang, self.uri("programme", pid)
        h = "#" * level
        out = [f"{h} Programme {d.number} : {t(d.title, L)}", "", t(d.purpose, L), ""]
        out += [t(p, L) + "\n" for p in d.introduction]
        if d.objectives:
            out += [f"{h}# Objectifs", ""] + [f"- **{o.code}** {t(o.title, L)}" for o in d.objectives] + [""]
        if d.activities:
            out += [f"{h}# Activités et résultats", ""] + [t(p, L) + "\n" for p in d.activities_introduction]
            for act in d.activities:
                head = t(act.heading, L) or t(act.group, L) or act.id
                out += [f"{h}## {head}", ""]
                out += [t(p, L) + "\n" for p in act.paragraphs]
                out += [f"- {t(i, L)}" for i in act.items] + [""]
                out += [t(p, L) + "\n" for p in act.closing]
                if act.partners:
                    out += ["Partenaires : " + self.names(src, "partner", act.partners), ""]
                if act.projects:
                    out += ["Projets : " + self.names(src, "project", act.projects), ""]
        if d.figures:
            out += [f"{h}# Chiffres", "", "| Chiffre | Valeur | Période |", "|---|---|---|"]
            out += [f"| {t(f.label, L)} | {f.value}{' / ' + str(f.of) if f.of else ''} | {f.when or ''} |"
                    for f in d.figures] + [""]
        if d.events:
            out += [f"{h}# Événements", ""] + [f"- {e.date} : {t(e.what, L)}" for e in d.events] + [""]
        for rs in d.recommendations:
            out += [f"{h}# Recommandations {rs.period}", ""] + [t(p, L) + "\n" for p in rs.introduction]
            out += [f"{i}. {t(r.text, L)}" for i, r in enumerate(rs.items, 1)] + [""]
        return "\n".join(out) + "\n"

    def partner(self, pid: str) -> str:
        d, L, src = self.c.partners[pid].data, self.lang, self.uri("partner", pid)
        out = [f"# {t(d.name, L)}" + (f" ({d.acronym})" if d.acronym else ""), "",
               f"Type : {d.kind}", "", t(d.description, L), ""]
        if d.parent:
            out += ["Fait partie de : " + self.names(src, "partner", [d.parent]), ""]
        if self.partner_projects.get(pid):
            out += ["## Projets", ""] + [f"- {self.names(src, 'project', [j])}"
                                         for j in self.partner_projects[pid]] + [""]
        if self.partner_programmes.get(pid):
            out += ["## Programmes", ""] + [
                f"- [Programme {n}]({link(src, self.uri('programme', f'{n:02d}'))})"
                for n in sorted(self.partner_programmes[pid])] + [""]
        return "\n".join(out) + "\n"

    def project(self, jid: str, level: int = 1, src: str | None = None) -> str:
        d, L = self.c.projects[jid].data, self.lang
        src = src or self.uri("project", jid)
        h = "#" * level
        out = [f"{h} {t(d.name, L)}", "", t(d.full_name, L), ""]
        out += [f"- Programme : [{d.programme}]({link(src, self.uri('programme', f'{d.programme:02d}'))})",
                f"- Objectif : {d.objective or ''}", f"- État : {d.status or ''}",
                f"- Période : {d.period or ''}",
                f"- Montant : {d.amount.value if d.amount else ''}", ""]
        out += [t(p, L) + "\n" for p in d.description]
        if d.axes:
            out += [f"{h}# Axes", ""] + [f"- {t(a, L)}" for a in d.axes] + [""]
        for fld in ("funders", "implementers", "partners"):
            if getattr(d, fld):
                out += [f"{fld} : " + self.names(src, "partner", getattr(d, fld)), ""]
        if d.parent:
            out += ["Fait partie de : " + self.names(src, "project", [d.parent]), ""]
        if d.targets:
            out += [f"{h}# Publics", ""] + [f"- {t(x, L)}" for x in d.targets] + [""]
        return "\n".join(out) + "\n"

    # fragments of the narrative pages, as Markdown
    def fragment(self, name: str, src: str) -> str:
        c, L = self.c, self.lang
        if name == "edition_summary":
            return "\n\n".join(t(p, L) for p in c.edition.summary)
        if name in ("programme_list", "programmes_index"):
            return "\n".join(f"- [Programme {p.data.number} {t(p.data.title, L)}]"
                             f"({link(src, self.uri('programme', k))})" for k, p in c.programmes.items())
        if name == "partners_index":
            return "\n".join(f"- {self.names(src, 'partner', [k])}" for k in c.partners)
        if name == "projects_index":
            return "\n".join(f"- {self.names(src, 'project', [k])}" for k in c.projects)
        if name == "objectives_index":
            return "\n".join(f"- **{o.code}** {t(o.title, L)}" for p in c.programmes.values()
                             for o in p.data.objectives)
        if name in ("key_figures", "figures_index"):
            figs = [f for p in c.programmes.values() for f in p.data.figures
                    if f.key or name == "figures_index"]
            return "| Chiffre | Valeur |\n|---|---|\n" + "\n".join(
                f"| {t(f.label, L)} | {f.value} |" for f in figs)
        if name == "recommendations_index":
            return "\n".join(f"1. {t(r.text, L)}" for p in c.programmes.values()
                             for rs in p.data.recommendations for r in rs.items)
        if name == "timeline":
            return "\n".join(f"- {e.date} : {t(e.what, L)}" for p in c.programmes.values()
                             for e in p.data.events)
        if name == "glossary":
            return "\n".join(f"- **{e.acronym or e.id}** : {t(e.term, L)}" for e in c.glossary.entries)
        if name == "full_report":  # as the site's: the edition, programmes, projects, partners, glossary
            parts = ["## " + t(c.edition.title, L), "", self.fragment("edition_summary", src), ""]
            parts += [self.programme(k, level=2) for k in c.programmes]
            parts += ["## Projets", ""] + [self.project(k, level=3, src=src) for k in c.projects]
            parts += ["## Partenaires", "", "| Nom | Type | Description |", "|---|---|---|"]
            parts += [f"| {t(p.data.name, L)} | {p.data.kind} | {t(p.data.description, L)} |"
                      for p in c.partners.values()]
            parts += ["", "## Glossaire", "", self.fragment("glossary", src)]
            return "\n".join(parts)
        return ""  # key_charts, downloads: nothing without the project's layer


def write_baseline(content, out: Path) -> dict[str, Path]:
    """Two plain projects; returns {lang: mkdocs.yml}."""
    configs = {}
    for lang in ("fr", "ar"):
        w = Writer(content, lang)
        docs = out / lang / "docs"
        own = ROOT / "docs" / lang
        for page in sorted(own.rglob("*.md")):
            rel = page.relative_to(own).as_posix()
            if rel == "guide.md":
                continue
            text = page.read_text(encoding="utf-8")
            text = re.sub(r"\{\{\s*(\w+)\(\)\s*\}\}", lambda m: w.fragment(m.group(1), rel), text)
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            (docs / rel).write_text(text, encoding="utf-8")
        generated = {"programme": [w.uri("programme", k) for k in content.programmes],
                     "partner": [w.uri("partner", k) for k in content.partners],
                     "project": [w.uri("project", k) for k in content.projects]}
        for kind, uris in generated.items():
            for uri in uris:
                ident = Path(uri).stem
                (docs / uri).parent.mkdir(parents=True, exist_ok=True)
                (docs / uri).write_text(getattr(w, kind)(ident), encoding="utf-8")
        nav = []
        own_cfg = (ROOT / ("mkdocs.yml" if lang == "fr" else "mkdocs.ar.yml")).read_text(encoding="utf-8")
        cfg_nav = yaml.safe_load("nav:\n" + own_cfg.split("\nnav:\n", 1)[1])["nav"]
        for item in cfg_nav:
            (title, value), = item.items()
            if isinstance(value, list):
                index = value[0]
                folder = index[: -len("index.md")]
                value = [index] + [u for uris in generated.values() for u in uris if u.startswith(folder)]
            nav.append({title: value})
        config = {
            "site_name": "Baseline",
            "docs_dir": "docs",
            "use_directory_urls": True,
            "theme": {"name": "material", "language": lang, "font": False, "features": FEATURES},
            "plugins": [{"search": {"lang": "fr" if lang == "fr" else "en"}}],
            "markdown_extensions": ["toc", "tables", "attr_list"],
            "nav": nav,
        }
        path = out / lang / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        configs[lang] = path
    return configs
