"""The Arabic house style (STYLE.ar.md): names as the glossary gives them even
when the French uses an acronym, no Latin acronym as an Arabic word, renderings
to avoid, numbers as the site's ar_MA formatting writes them. Each planted
defect is reported once, at its file:line, in French."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from snia import housestyle
from snia.housestyle import check_all, latin_problems, name_problems, number_problems
from snia.loader import load_content
from snia.translation import check_texts

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "housestyle"


def tree(tmp_path: Path, case: str | None = None) -> Path:
    """``clean/`` with the one file of ``case`` laid over it."""
    content = tmp_path / "content"
    shutil.copytree(FIX / "clean", content)
    if case:
        shutil.copytree(FIX / case, content, dirs_exist_ok=True)
    return content


def problems(tmp_path: Path, case: str | None = None) -> list[str]:
    content = tree(tmp_path, case)
    loaded = load_content(content, relative_to=tmp_path)
    found = check_all(loaded, content, relative_to=tmp_path) + check_texts(loaded, content, relative_to=tmp_path)
    return [str(p) for p in found]


def test_every_fixture_is_tested():
    cases = {p.name for p in FIX.iterdir() if p.is_dir()} - {"clean"}
    assert cases == {"bare-acronym", "wrong-ministry", "forbidden-rendering", "ungrouped-number"}


def test_the_clean_tree_follows_the_house_style(tmp_path):
    assert problems(tmp_path) == []


def test_a_bare_acronym_is_caught_with_file_and_line(tmp_path):
    where = "content/programmes/09.yml:13:13: activities[1].paragraphs[1]: "
    assert problems(tmp_path, "bare-acronym") == [
        where + "le français nomme « OIM » : l'arabe doit le nommer « المنظمة الدولية للهجرة », "
        "forme du glossaire (content/glossary.yml, entrée oim)",
        where + "sigle latin « OIM » dans le texte arabe : cette organisation n'emploie pas son sigle "
        "latin en arabe ; écrire « المنظمة الدولية للهجرة » (content/glossary.yml, entrée oim)",
    ]


def test_a_wrong_ministry_name_is_caught_though_the_french_says_only_the_acronym(tmp_path):
    found = problems(tmp_path, "wrong-ministry")
    assert len(found) == 2
    assert all(p.startswith("content/programmes/09.yml:13:13: activities[1].paragraphs[1]: ") for p in found)
    assert "le français nomme « MDCMREAM » : l'arabe doit le nommer « الوزارة المنتدبة المكلفة بالمغاربة " \
           "المقيمين بالخارج وشؤون الهجرة »" in found[0]
    assert "« الوزارة المكلفة بالمغاربة المقيمين بالخارج » est à éviter (nom du ministère sans " \
           "« المنتدبة »)" in found[1]


def test_a_forbidden_rendering_is_caught_with_what_to_write(tmp_path):
    found = problems(tmp_path, "forbidden-rendering")
    assert found[0] == (
        "content/programmes/09.yml:13:13: activities[1].paragraphs[1]: le français dit « programme global » : "
        "« البرنامج الشامل » est à éviter ; écrire « البرنامج العالمي » (content/glossary.yml, entrée "
        "programme-global)")
    # the glossary-term check sees the same text from its side
    assert len(found) == 2 and "programme global" in found[1]


def test_a_number_not_in_the_site_format_is_caught(tmp_path):
    assert problems(tmp_path, "ungrouped-number") == [
        "content/programmes/09.yml:15:13: activities[1].paragraphs[2]: « 8225 » : séparer les milliers "
        "par un point, comme le site (« 8.225 »)"]


def test_the_command_fails_and_prints_file_line(tmp_path):
    tree(tmp_path, "bare-acronym")
    run = subprocess.run([sys.executable, "-m", "snia", "translations", "check", "content"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1
    assert "content/programmes/09.yml:13:13: activities[1].paragraphs[1]: sigle latin « OIM »" in run.stderr
    assert "style arabe : 2 problème(s)" in run.stdout
    clean = tmp_path / "clean"
    clean.mkdir()
    tree(clean)
    ok = subprocess.run([sys.executable, "-m", "snia", "translations", "check", "content"],
                        cwd=clean, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr


# --------------------------------------------------------------------------
# The rules one by one, on the clean tree's entities


@pytest.fixture
def ents(tmp_path):
    content = tree(tmp_path)
    return housestyle.entities(load_content(content, relative_to=tmp_path))


def test_short_form_only_after_the_full_name(ents):
    fr = "L’UNICEF appuie le projet."
    assert name_problems(fr, "تدعم منظمة الأمم المتحدة للطفولة (اليونيسف) المشروع، وتموله اليونيسف.", ents) == []
    (said,) = name_problems(fr, "تدعم اليونيسف المشروع.", ents)
    assert said.startswith("première mention de « UNICEF » : écrire d'abord le nom complet "
                           "« منظمة الأمم المتحدة للطفولة »")


def test_latin_names_of_projects_follow_an_arabic_noun(ents):
    assert latin_problems("تم إطلاق مشروع IDMAJE ومشروع Work4Integration Maroc.", ents) == []
    assert latin_problems("مشروعا RECOMIG و RECOSA يهدفان إلى ذلك.", ents) == []
    assert latin_problems("تقييم البرنامج العالمي Migration Mainstreaming التابع لها.", ents) == []
    assert latin_problems("مشروع «هجرة وحماية» (Hijra wa Himaya) للنهوض بحقوق الأطفال.", ents) == []
    assert latin_problems("الهدف OSP 17", ents) == []
    (said,) = latin_problems("يدعم GLO.ACT إعداد الاستراتيجيات.", ents)
    assert said.startswith("mot latin « GLO.ACT » employé comme un mot de la phrase arabe")
    assert latin_problems("GLO.ACT", ents) == []  # a name in Latin letters only, not a sentence


def test_an_organisation_that_never_writes_its_acronym_in_arabic_is_caught_even_in_parentheses(ents):
    (said,) = latin_problems("تنفذه المنظمة الدولية للهجرة (OIM).", ents)
    assert "cette organisation n'emploie pas son sigle latin en arabe" in said


def test_numbers_follow_babel_ar_ma():
    assert number_problems("20.410 طالبا و8.225 منحة سنة 2018 خلال 2017-2018، و2,5% و10%") == []
    assert number_problems("من 16 إلى 18 أبريل 2018") == []
    assert number_problems("2 000 طفل") == ["« 2 000 » : séparer les milliers par un point, comme le site (« 2.000 »)"]
    assert number_problems("2.5 مليون") == [
        "« 2.5 » : en arabe (format ar_MA) la virgule sépare les décimales (« 2,5 ») et le point les milliers"]
    assert number_problems("10 %") == ["pourcentage « 10 % » : écrire « 10% » sans espace, comme le site (format ar_MA)"]
    assert number_problems("٢٠١٨")[0].startswith("chiffres arabes orientaux")
    # a year-like figure the French groups ("2 000 enfants") is grouped in Arabic too
    assert number_problems("2000 طفل", "2 000 enfants") == [
        "« 2000 » : séparer les milliers par un point, comme le site (« 2.000 »)"]


def test_pages_labels_and_config_are_checked_line_by_line(tmp_path):
    content = tree(tmp_path)
    loaded = load_content(content, relative_to=tmp_path)
    page = tmp_path / "docs" / "ar" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\nstatus: draft\n---\n# عنوان\n\nنص عن `YAML` و WCAG 2.2.\n\nتدعم OIM المغرب.\n",
                    encoding="utf-8")
    labels = tmp_path / "ui.yml"
    labels.write_text('a: {fr: "{n} actions", ar: "عدد الأنشطة: {n}"}\nb: {fr: "8225", ar: "8225"}\n',
                      encoding="utf-8")
    config = tmp_path / "mkdocs.ar.yml"
    config.write_text("site_name: تقرير OIM\nnav:\n  - الرئيسية: index.md\n", encoding="utf-8")
    found = [str(p) for p in check_all(loaded, content, relative_to=tmp_path, docs_dir=tmp_path / "docs",
                                       labels=labels, config=config)]
    assert [f.split(": ")[0] for f in found] == [
        "docs/ar/x.md:8:1", "mkdocs.ar.yml:1:12", "ui.yml:2:21"]
    assert "sigle latin « OIM »" in found[0] and "sigle latin « OIM »" in found[1]
    assert "« 8225 »" in found[2]


def test_one_spelling_per_institution(tmp_path):
    content = tree(tmp_path)
    (content / "partners" / "oim.yml").write_text(
        "name:\n  fr: Organisation Internationale pour les Migrations\n  ar: منظمة الهجرة الدولية\n"
        "acronym: OIM\nkind: un\n", encoding="utf-8")
    loaded = load_content(content, relative_to=tmp_path)
    found = [str(p) for p in check_all(loaded, content, relative_to=tmp_path)]
    assert found[0].startswith("content/glossary.yml:7:11: entries[1].term: le glossaire écrit "
                               "« المنظمة الدولية للهجرة » mais content/partners/oim.yml écrit "
                               "« منظمة الهجرة الدولية » : une seule graphie par institution")


def test_a_concept_with_two_renderings_accepts_either(tmp_path):
    content = tree(tmp_path)
    loaded = load_content(content, relative_to=tmp_path)
    # "actions de formation" rendered «أنشطة تكوينية» (clean tree) passes; neither rendering fails
    assert check_texts(loaded, content, relative_to=tmp_path) == []
    path = content / "programmes" / "09.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("على أنشطة تكوينية", "على دورات تكوينية"),
                    encoding="utf-8")
    (p,) = check_texts(load_content(content, relative_to=tmp_path), content, relative_to=tmp_path)
    assert str(p) == ("content/programmes/09.yml:15:13: activities[1].paragraphs[2]: le français dit « action » : "
                      "l'arabe doit employer le terme du glossaire « إجراء » ou « نشاط » (une activité ordinaire) "
                      "(content/glossary.yml, entrée action)")


def test_real_arabic_follows_the_house_style():
    content = load_content(ROOT / "content", relative_to=ROOT)
    found = check_all(content, ROOT / "content", relative_to=ROOT, docs_dir=ROOT / "docs",
                      labels=ROOT / "src" / "snia" / "ui.yml", config=ROOT / "mkdocs.ar.yml")
    assert found == [], "\n".join(map(str, found[:40]))


def test_partner_names_on_arabic_pages_carry_no_latin_acronym_the_partner_does_not_use():
    from snia import pages

    content = load_content(ROOT / "content", relative_to=ROOT)
    assert [content.abbreviation(p, "fr") for p in ("oim", "unicef", "giz")] == ["OIM", "UNICEF", "GIZ"]
    assert [content.abbreviation(p, "ar") for p in ("oim", "unicef", "giz")] == [None, "اليونيسف", "GIZ"]
    html = str(pages.render_entity("project", "glo-act", content, "ar", "projets/glo-act/"))
    assert "المنظمة الدولية للهجرة</a>" in html and "(OIM)" not in html and "(ONUDC)" not in html
    assert "منظمة الأمم المتحدة للطفولة (اليونيسف)</a>" in html and "UNICEF" not in html
    titles = {p.ident: p.title for p in pages.entity_pages(content) if p.kind == "partner"}
    assert titles["oim"] == {"fr": "Organisation Internationale pour les Migrations (OIM)",
                             "ar": "المنظمة الدولية للهجرة"}
    assert titles["giz"]["ar"] == "الوكالة الألمانية للتعاون الدولي (GIZ)"


def test_a_programme_named_in_french_is_named_by_its_arabic_title(ents):
    fr = "le programme « Coopération et partenariats internationaux »"
    assert name_problems(fr, "برنامج «التعاون والشراكات الدولية»", ents + _programme()) == []
    (said,) = name_problems(fr, "برنامج «التعاون الدولي والشراكات»", ents + _programme())
    assert said.startswith("le français nomme « Coopération et partenariats internationaux » : l'arabe "
                           "doit le nommer « التعاون والشراكات الدولية »")


def _programme():
    content = load_content(ROOT / "content", relative_to=ROOT)
    return [e for e in housestyle.entities(content) if e.kind == "programme"]


def test_the_glossary_page_shows_short_forms_and_other_renderings():
    from snia import pages

    content = load_content(ROOT / "content", relative_to=ROOT)
    ar = str(pages.render_fragment("glossary", content, "ar", "glossaire/"))
    fr = str(pages.render_fragment("glossary", content, "fr", "glossaire/"))
    assert 'الصيغة المختصرة: <span lang="ar" dir="rtl">اليونيسف</span>' in ar
    assert 'ترجمة عربية أخرى: <span lang="ar" dir="rtl">نشاط</span>' in ar
    assert 'Forme courte en arabe : <span lang="ar" dir="rtl">اليونيسف</span>' in fr
    assert 'Autre traduction arabe : <span lang="ar" dir="rtl">نشاط</span> — une activité ordinaire' in fr
