"""Review made practical for translators: `make translations` puts missing and
stale first with the old and new French, warns when a stale text is marked
with its Arabic unchanged, tracks the interface strings; the XLIFF round trip
writes only the Arabic and its two lines, and refuses a stale source."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from snia import review, sheet, xliff

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "translation"
NS = {"x": xliff.NS}


@pytest.fixture
def tree(tmp_path) -> Path:
    shutil.copytree(FIX, tmp_path / "t")
    return tmp_path / "t"


def snia(tree: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snia", "translations", *args], cwd=tree,
                          capture_output=True, text=True)


def only_arabic_lines_changed(before: bytes, after: bytes) -> list[str]:
    """The lines that differ (removed or added), which must all be ar/ar_hash/ar_status."""
    a, b = before.decode().splitlines(keepends=True), after.decode().splitlines(keepends=True)
    changed = [line for line in difflib.ndiff(a, b) if line[:2] in ("- ", "+ ")]
    wrong = [line for line in changed if not re.match(r"[-+]\s+(ar|ar_hash|ar_status):", line)]
    assert not wrong, "".join(wrong)
    return changed


# --- make translations ------------------------------------------------------

def test_report_lists_missing_and_stale_first_and_counts_unreviewed(tree):
    out = snia(tree, "report").stdout.splitlines()
    assert out[0] == "== Manquants : 2 — نصوص ناقصة =="
    assert out[1].startswith("content/partners/oim.yml:8:7: country: manquant")
    stale = out.index("== Périmés : 1 (le français a changé depuis la traduction) "
                      "— نصوص متجاوزة: تغير النص الفرنسي ==")
    assert out[stale + 1].startswith("content/partners/oim.yml:12:7: description: périmé")
    # translated before the French was kept: said so, not invented
    assert "ancien français : inconnu" in out[stale + 2]
    assert "Non relus : 2 texte(s) (la liste : `make translations ALL=1`)" in out
    assert not any("non relu :" in line for line in out)
    listed = snia(tree, "report", "--all").stdout
    assert "content/partners/hcr.yml:3:7: name: non relu" in listed


def test_stale_text_shows_old_and_new_french_and_an_unchanged_arabic_is_flagged(tree):
    assert snia(tree, "record").returncode == 0
    path = tree / "content" / "partners" / "hcr.yml"
    path.write_text(path.read_text().replace("pour les Réfugiés", "aux réfugiés"))
    out = snia(tree, "report").stdout
    assert "content/partners/hcr.yml:3:7: name: périmé" in out
    assert "ancien français  : Haut-Commissariat des Nations Unies pour les Réfugiés" in out
    assert "nouveau français : Haut-Commissariat des Nations Unies aux réfugiés" in out
    assert "changé : Haut-Commissariat des Nations Unies [-pour les Réfugiés-] {+aux réfugiés+}" in out
    # marked without touching the Arabic: a warning now, and in the report until reviewed
    marked = snia(tree, "mark", "content/partners/hcr.yml:3")
    assert marked.returncode == 0
    assert "hcr.yml:3:7: name: attention : marqué à jour alors que l'arabe n'a pas changé" in marked.stderr
    out = snia(tree, "report").stdout
    assert "== À vérifier : 1 (marqués à jour sans que l'arabe change) — للتحقق" in out
    # a real update of the Arabic is not flagged
    path.write_text(path.read_text().replace("aux réfugiés", "pour les réfugiés (bis)"))
    path.write_text(path.read_text().replace("لشؤون اللاجئين", "لشؤون اللاجئين (تحديث)"))
    marked = snia(tree, "mark", "content/partners/hcr.yml:3")
    assert marked.returncode == 0 and "attention" not in marked.stderr


def test_a_changed_paragraph_of_a_page_is_named(tree):
    fr = tree / "docs" / "fr" / "index.md"
    fr.write_text("# Accueil\n\nBienvenue.\n\nDeuxième paragraphe.\n")
    snia(tree, "mark", "docs/ar/index.md")
    snia(tree, "record")
    fr.write_text("# Accueil\n\nBienvenue.\n\nDeuxième paragraphe, modifié.\n")
    out = snia(tree, "report").stdout
    assert "docs/ar/index.md:1:1: (page): périmé" in out
    assert "§3 ancien français  : Deuxième paragraphe." in out
    assert "§3 nouveau français : Deuxième paragraphe, modifié." in out
    assert "Bienvenue" not in out  # unchanged paragraphs are not repeated


def test_interface_strings_are_tracked(tmp_path):
    root = tmp_path / "site"
    (root / "src" / "snia").mkdir(parents=True)
    (root / "overrides").mkdir()
    labels = root / "src" / "snia" / "ui.yml"
    labels.write_text('home: {fr: "Accueil", ar: "الرئيسية"}\nnew: {fr: "Nouveau"}\n')
    (root / "mkdocs.yml").write_text("site_name: Rapport\nnav:\n  - Accueil: index.md\n")
    (root / "mkdocs.ar.yml").write_text("site_name: التقرير\nnav:\n  - الرئيسية: index.md\n")
    (root / "overrides" / "404.html").write_text(
        '{% if config.theme.language == "ar" %}\n<h1>الصفحة غير موجودة</h1>\n{% else %}\n'
        "<h1>Page introuvable</h1>\n{% endif %}\n")
    items = {i.key: i for i in review.interface_items(root)}
    assert set(items) == {"src/snia/ui.yml#label home", "src/snia/ui.yml#label new",
                          "mkdocs.ar.yml#site_name", "mkdocs.ar.yml#nav index.md",
                          "overrides/404.html#html 1.1"}
    assert items["src/snia/ui.yml#label new"].state == "missing"
    assert items["mkdocs.ar.yml#nav index.md"].where == "mkdocs.ar.yml:3:5"
    assert items["overrides/404.html#html 1.1"].ar == "الصفحة غير موجودة"
    assert all(i.state == "stale" for k, i in items.items() if k != "src/snia/ui.yml#label new")
    proc = subprocess.run([sys.executable, "-m", "snia", "translations", "mark", "src/snia/ui.yml:1"],
                          cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert review.interface_items(root)[0].state == "unreviewed"
    labels.write_text(labels.read_text().replace('"Accueil"', '"Page d’accueil"'))
    assert review.interface_items(root)[0].state == "stale"


def test_review_sheet_has_french_arabic_place_and_state_escaped(tree):
    fr = tree / "content" / "partners" / "hcr.yml"
    fr.write_text(fr.read_text().replace("Réfugiés", "Réfugiés <script>alert(1)</script>"))
    items = review.all_items(tree)
    csv_text = sheet.csv_sheet(items)
    assert csv_text.splitlines()[0] == "français,arabe,fichier:ligne,état,champ"
    assert "Suisse,,content/partners/oim.yml:8:7,manquant,country" in csv_text
    html = sheet.html_sheet(items, {})
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert '<td class="where" data-label="Fichier:ligne">content/partners/oim.yml:8:7' in html


# --- XLIFF ----------------------------------------------------------------------

def fill(xlf: bytes, targets: dict[str, str]) -> bytes:
    """Translate an exported XLIFF as a CAT tool would: a <target> per unit."""
    ET.register_namespace("", xliff.NS)
    doc = ET.fromstring(xlf)
    for unit in doc.iter(f"{{{xliff.NS}}}unit"):
        seg = unit.find("x:segment", NS)
        target = seg.find("x:target", NS)
        if target is None:
            target = ET.SubElement(seg, f"{{{xliff.NS}}}target")
        target.text = targets[unit.get("name")]
    return ET.tostring(doc, encoding="utf-8", xml_declaration=True)


def test_xliff_round_trip_writes_only_the_arabic_and_its_two_lines(tree):
    assert snia(tree, "export", "-o", "out.xlf").returncode == 0
    xlf = (tree / "out.xlf").read_bytes()
    units = {u.get("name"): u for u in ET.fromstring(xlf).iter(f"{{{xliff.NS}}}unit")}
    assert set(units) == {"country", "description", "(page)"}  # missing and stale only
    notes = {n.get("category"): n.text for n in units["description"].iter(f"{{{xliff.NS}}}note")}
    assert notes["location"] == "content/partners/oim.yml:12:7" and notes["state"] == "stale"
    oim, hcr = tree / "content/partners/oim.yml", tree / "content/partners/hcr.yml"
    before_oim, before_hcr = oim.read_bytes(), hcr.read_bytes()
    page = tree / "docs" / "ar" / "guide.md"
    assert not page.exists()
    (tree / "done.xlf").write_bytes(fill(xlf, {
        "country": 'سويسرا "مع" علامات: # و \\ ',
        "description": "مقرها جنيف، سويسرا.",
        "(page)": "# الدليل\n\nكيف نفعل.\n",
    }))
    proc = snia(tree, "import", "done.xlf")
    assert proc.returncode == 0, proc.stderr
    assert hcr.read_bytes() == before_hcr
    changed = only_arabic_lines_changed(before_oim, oim.read_bytes())
    # country: ar, ar_hash, ar_status added; description: the same three replaced
    assert len(changed) == 9, changed
    from snia.translation import texts_in
    from snia.yamlsafe import parse
    refs = {r.path[0]: r for r in texts_in(parse("oim.yml", oim.read_bytes()))}
    assert refs["country"].ar == 'سويسرا "مع" علامات: # و \\ '
    assert refs["country"].state == refs["description"].state == "unreviewed"
    assert refs["name"].state is None  # the reviewed text is untouched
    assert page.read_text().endswith("# الدليل\n\nكيف نفعل.\n") and "fr_hash:" in page.read_text()
    out = snia(tree, "report").stdout
    assert "0 manquant(s), 0 périmé(s)" in out


def test_xliff_import_is_refused_when_the_french_changed_since_export(tree):
    snia(tree, "export", "-o", "out.xlf")
    xlf = fill((tree / "out.xlf").read_bytes(), {"country": "سويسرا", "description": "جنيف",
                                                 "(page)": "# الدليل\n"})
    oim = tree / "content/partners/oim.yml"
    oim.write_text(oim.read_text().replace("fr: Suisse", "fr: Confédération suisse"))
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    (tree / "done.xlf").write_bytes(xlf)
    proc = snia(tree, "import", "done.xlf")
    assert proc.returncode == 1
    assert "import refusé, aucun fichier modifié" in proc.stderr
    assert "content/partners/oim.yml:8:7: country: le français a changé depuis l'export" in proc.stderr
    after = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file() and p.name != "done.xlf"}
    assert after == {p: b for p, b in before.items() if p.name != "done.xlf"}
    assert not (tree / "docs" / "ar" / "guide.md").exists()


def test_xliff_import_refuses_a_file_outside_content_and_a_doctype(tree):
    snia(tree, "export", "-o", "out.xlf")
    xlf = (tree / "out.xlf").read_text().replace('original="content/partners/oim.yml"',
                                                  'original="../evil.yml"')
    (tree / "done.xlf").write_text(xlf.replace("</source>", "</source><target>x</target>"))
    proc = snia(tree, "import", "done.xlf")
    assert proc.returncode == 1 and "refusé" in proc.stderr
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xliff/>'
    with pytest.raises(xliff.XliffError, match="DOCTYPE"):
        xliff.read(bomb)


def test_yaml_quoted_survives_every_character():
    import yaml
    for text in ['a "b" \\ c', "line\nbreak", "\u2028sep\u2029", "\x7f\x85\ufeff", "# x: y", "'"]:
        assert yaml.safe_load("ar: " + xliff.yaml_quoted(text))["ar"] == text


def test_termbase_csv_and_tbx_from_the_real_glossary():
    from snia.loader import load_content
    content = load_content(ROOT / "content")
    csv_text = xliff.termbase_csv(content)
    assert csv_text.splitlines()[0].startswith("id,fr,ar,sigle,forme courte (ar)")
    assert "unicef,Fonds des Nations Unies pour l’Enfance" in csv_text and "اليونيسف" in csv_text
    tbx = ET.fromstring(xliff.termbase_tbx(content))
    entries = tbx.findall(".//conceptEntry")
    assert len(entries) == len(content.glossary.entries)
    unicef = next(e for e in entries if e.get("id") == "unicef")
    assert "اليونيسف" in [t.text for t in unicef.iter("term")]


def test_pages_numbers_and_glossary_are_checked_against_the_french_page(tmp_path):
    from snia.loader import load_content
    from snia.pagecheck import check_pages
    content = load_content(ROOT / "content")
    docs = tmp_path / "docs"
    (docs / "fr").mkdir(parents=True)
    (docs / "ar").mkdir()
    (docs / "fr" / "p.md").write_text("# Titre\n\nLes 20 410 étudiants du programme.\n\n"
                                      "Voir `programmes/09.yml`.\n")
    (docs / "ar" / "p.md").write_text("---\nfr_hash: \"x\"\nstatus: draft\n---\n# العنوان\n\n"
                                      "الطلبة 20.401 في المشروع.\n\nانظر `programmes/09.yml`.\n")
    problems = [str(p) for p in check_pages(content, docs, relative_to=tmp_path)]
    assert problems == [
        "docs/ar/p.md:7:1: (page): la page française dit « programme » : l'arabe doit employer le "
        "terme du glossaire « برنامج » (content/glossary.yml, entrée programme)",
        "docs/ar/p.md:7:1: (page): les nombres diffèrent de la page française (absents de l'arabe : "
        "20410 ; absents du français : 20401) : écrivez les mêmes nombres en chiffres",
    ]
    # the right number and the term with an attached pronoun pass
    (docs / "ar" / "p.md").write_text("---\nfr_hash: \"x\"\n---\n# العنوان\n\n"
                                      "الطلبة 20.410 في برنامجها.\n\nانظر `programmes/09.yml`.\n")
    assert check_pages(content, docs, relative_to=tmp_path) == []


def test_xliff_carries_interface_labels_too(tmp_path):
    root = tmp_path / "site"
    (root / "src" / "snia").mkdir(parents=True)
    labels = root / "src" / "snia" / "ui.yml"
    labels.write_text('# Libellés\nhome: {fr: "Accueil", ar: "الرئيسية"}\nnew: {fr: "Nouveau"}\n'
                      'old: {fr: "Ancien", ar: "قديم"}\n')
    subprocess.run([sys.executable, "-m", "snia", "translations", "mark", "src/snia/ui.yml:4"],
                   cwd=root, check=True, capture_output=True)
    data, n = xliff.export(root)
    units = {u.get("name"): u for u in ET.fromstring(data).iter(f"{{{xliff.NS}}}unit")}
    assert set(units) == {"label home", "label new"} and n == 2  # 'old' is up to date
    before = labels.read_bytes()
    xliff.import_(root, fill(data, {"label home": "الصفحة الرئيسية", "label new": "جديد"}))
    after = labels.read_text()
    assert after == ('# Libellés\nhome: {fr: "Accueil", ar: "الصفحة الرئيسية"}\n'
                     'new: {fr: "Nouveau", ar: "جديد"}\nold: {fr: "Ancien", ar: "قديم"}\n')
    assert before.splitlines()[0] == after.encode().splitlines()[0]
    states = {i.field: i.state for i in review.interface_items(root)}
    assert states == {"label home": "unreviewed", "label new": "unreviewed", "label old": "unreviewed"}
    # the French changed since that export: refused, nothing written
    labels.write_text(after.replace('"Accueil"', '"Page d’accueil"'))
    kept = labels.read_bytes()
    with pytest.raises(xliff.XliffError, match="le français a changé depuis l'export"):
        xliff.import_(root, fill(data, {"label home": "x", "label new": "y"}))
    assert labels.read_bytes() == kept


def test_french_arabic_pairs_in_code_are_tracked(tmp_path):
    root = tmp_path / "site"
    (root / "src" / "snia").mkdir(parents=True)
    code = root / "src" / "snia" / "tables.py"
    code.write_text('"""Doc : \u0627\u0644\u0646\u0635 \u0644\u0627 \u064a\u0639\u062f."""\n'
                    'COL = Column("id", "string", "Identifiant", "المعرف")\n'
                    'NOT_STATED = {"fr": "non indiqué", "ar": "غير مذكور"}\n'
                    'SUFFIXES = ("ات", "ين")\n')
    items = {i.fr: i for i in review.interface_items(root)}
    assert set(items) == {"Identifiant", "non indiqué"}  # not the docstring nor Arabic-only data
    assert items["Identifiant"].where == "src/snia/tables.py:2:45"
    assert all(i.state == "stale" for i in items.values())  # never marked
    proc = subprocess.run([sys.executable, "-m", "snia", "translations", "mark",
                           "src/snia/tables.py:2"], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    states = {i.fr: i.state for i in review.interface_items(root)}
    assert states == {"Identifiant": "unreviewed", "non indiqué": "stale"}
    code.write_text(code.read_text().replace('"Identifiant"', '"Identifiant unique"'))
    assert {i.fr: i.state for i in review.interface_items(root)}["Identifiant unique"] == "stale"
