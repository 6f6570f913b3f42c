"""Search in both languages, in Chromium.

Three layers:
- the folding functions of overrides/assets/javascripts/lunr/min/snia.js
  (run in a worker with the lunr that Material ships in its search worker);
- Material's own search worker of the built site, fed a small purpose-made
  corpus: every Arabic and French variant the issue lists must find its
  document, and unrelated documents must stay out (content-independent);
- the real search box of the real site: type a query, read the results.
  The Arabic rows use words of the narrative pages (docs/ar/*.md) and of
  entity pages; if a translator rewords them, update the row.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .support import DESKTOP, material_config, search_ui

pytestmark = pytest.mark.browser


# --- the real search box on the real site ---------------------------------

UI_CASES = [
    # (id, query, page(s) that must be among the results; any of a tuple)
    ("fr-accent", "cooperation", "programmes/09/"),
    ("fr-case-accent", "COOPERATION", "programmes/09/"),
    ("fr-reseaux", "reseaux", "programmes/08/"),
    ("fr-objective-code", "OSP 18", ("programmes/09/", "objectifs/")),
    ("fr-project-name", "GLO.ACT", "projets/glo-act/"),
    ("fr-project-name-lower", "glo.act", "projets/glo-act/"),
    ("ar-no-article", "مصطلحات", "ar/glossaire/"),
    ("ar-wa-al", "والمصطلحات", "ar/glossaire/"),
    ("ar-bi-al", "بالمصطلحات", "ar/glossaire/"),
    ("ar-li-al", "للمصطلحات", "ar/glossaire/"),
    ("ar-fa-al", "فالمصطلحات", "ar/glossaire/"),
    ("ar-query-tashkeel", "المُصْطَلَحَات", "ar/glossaire/"),
    ("ar-wa-plural", "والشراكات", "ar/a-propos/"),
    ("ar-alef-hamza-above", "الاهداف", "ar/objectifs/"),
    ("ar-alef-hamza-below", "اجراءات", "ar/a-propos/"),
    ("ar-ta-marbuta", "خاصه", "ar/objectifs/"),
    ("ar-alef-maqsura", "اخري", "ar/a-propos/"),
    ("ar-text-tashkeel", "يعرض", "ar/a-propos/"),  # the page writes يُعرض
    ("ar-latin-acronym", "GLO.ACT", "ar/projets/glo-act/"),
    ("ar-objective-code", "OSP 17", "ar/programmes/09/"),
    ("ar-latin-word", "WCAG", "ar/a-propos/"),
    ("ar-number", "2018", "ar/"),
    # words, not only letters: the page has only the other form of the word
    ("fr-plural-finds-singular", "bourses", "programmes/09/"),
    ("fr-singular-finds-plural", "réfugié", "projets/appui-entreprenariat-refugies/"),
    ("fr-feminine-plural", "migrantes", "partenaires/unicef/"),
    ("ar-masc-plural-finds-feminine", "المهاجرين", "ar/partenaires/aecid/"),
    ("ar-feminine-finds-plural", "مهاجرة", "ar/partenaires/onudc/"),
    ("ar-singular-finds-fem-plural", "مبادرة", "ar/projets/giz-initiatives-sud-sud/"),
    ("ar-madda-not-article", "آليات", "ar/projets/amuddu/"),
    ("ar-madda-unwritten", "اليات", "ar/projets/amuddu/"),
]

# a specific query ranks its page first
FIRST_CASES = [
    ("fr-project", "GLO.ACT", "projets/glo-act/"),
    ("fr-partner-name", "Fonds des Nations Unies pour l’Enfance", "partenaires/unicef/"),
    ("fr-plural", "Work4Integration", "projets/work4integration-maroc/"),
    ("ar-partner-name", "منظمة الأمم المتحدة للطفولة", "ar/partenaires/unicef/"),
    ("ar-project", "Amuddu", "ar/projets/amuddu/"),
    ("ar-common-name", "اليونيسف", "ar/partenaires/unicef/"),
    ("ar-common-name-2", "اليونسكو", "ar/partenaires/unesco/"),
    ("ar-acronym-on-arabic-site", "UNICEF", "ar/partenaires/unicef/"),
    ("fr-acronym", "UNICEF", "partenaires/unicef/"),
    ("fr-arabic-name-on-french-site", "اليونيسف", "partenaires/unicef/"),
]


@pytest.fixture(scope="module")
def search_page(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("query, expected", [c[1:] for c in UI_CASES], ids=[c[0] for c in UI_CASES])
def test_search_box_finds_the_page(search_page, site_url, query, expected):
    expected = (expected,) if isinstance(expected, str) else expected
    site = "ar/" if expected[0].startswith("ar/") else ""
    meta, found = search_ui(search_page, site_url + site, query)
    assert any(page in found for page in expected), (
        f"search for {query!r} on /{site} should find /{' or /'.join(expected)}; "
        f"it says {meta!r} and found {['/' + p for p in found[:15]]}")
    assert all(p.startswith("ar/") == bool(site) for p in found), (
        f"search for {query!r} on /{site} found pages of the other language: {found}")


@pytest.mark.parametrize("query, expected", [c[1:] for c in FIRST_CASES],
                         ids=[c[0] for c in FIRST_CASES])
def test_search_box_ranks_the_page_first(search_page, site_url, query, expected):
    site = "ar/" if expected.startswith("ar/") else ""
    meta, found = search_ui(search_page, site_url + site, query)
    assert found[:1] == [expected], (
        f"search for {query!r} on /{site} should rank /{expected} first; it found "
        f"{['/' + p for p in found[:5]]}")


@pytest.mark.parametrize("site", ["", "ar/"], ids=["fr", "ar"])
def test_search_box_finds_nothing_for_nonsense(search_page, site_url, site):
    meta, found = search_ui(search_page, site_url + site, "qzxwvkj")
    none = material_config(search_page)["translations"]["search.result.none"]
    assert found == [] and meta == none, (meta, found)


# --- Material's search worker on a purpose-made corpus ----------------------

AR_DOCS = {
    "partenariats/": "التعاون والشراكات الدولية",
    "objectifs/": "الأهداف الخاصة للبرنامج",
    "procedures/": "أسماء الإجراءات الخمسة",
    "mecanismes/": "آليات التنسيق",
    "niveau/": "الامتثال للمستوى المطلوب واللغة الأخرى",
    "initiative/": "مبادرة إقليمية",
    "redaction/": "يُحرَّر مضمون التقرير",
    "tatweel/": "سياسة الهجـــرة",
    "latin/": "مشروع GLO.ACT لسنة 2018 في إطار OSP 17",
    "kaf/": "بصفته كشريك استراتيجي",
    "asile/": "طالبو اللجوء",
    "migration/": "المهاجرون",
    "migrant/": "مهاجر",
    "initiatives/": "مبادرات شبابية",
    "unicef/": "منظمة الأمم المتحدة للطفولة (UNICEF)",
    "jeunesse/": "اليونيسف والشباب",
}
AR_QUERIES = {
    # article ال and clitics و ف ب ل ك, alone and together, on either side
    "partenariats/": ["الشراكات", "شراكات", "والشراكات", "بالشراكات", "للشراكات", "فالشراكات",
                      "كالشراكات", "وبالشراكات", "التعاون", "تعاون", "الدولية"],
    # alef forms أ إ آ ا, in the text and in the query
    "objectifs/": ["الأهداف", "الاهداف", "اهداف", "أهداف", "إهداف", "آهداف", "وأهداف", "لأهداف",
                   # ة / ه, tashkeel in the query
                   "الخاصة", "الخاصه", "خاصه", "الأَهْدَافُ", "الْخَاصَّة"],
    "procedures/": ["الإجراءات", "الاجراءات", "اجراءات", "أجراءات", "والإجراءات", "اسماء"],
    "mecanismes/": ["آليات", "اليات", "أليات", "الآليات", "والآليات"],
    # ى / ي
    "niveau/": ["المستوى", "المستوي", "مستوي", "للمستوى", "الأخرى", "الاخري", "اخري", "اخرى", "لغه"],
    "initiative/": ["مبادرة", "مبادره", "المبادرة", "اقليمية", "إقليميه"],
    # tashkeel in the text, not in the query; tatweel
    "redaction/": ["يحرر", "يُحرَّر", "يُحَرِّرُ", "مضمون"],
    "tatweel/": ["الهجرة", "هجره", "الهجـرة"],
    # Latin words and numbers inside Arabic text
    "latin/": ["GLO.ACT", "glo.act", "2018", "OSP 17", "osp 17", "لسنة 2018"],
    "kaf/": ["شريك", "الشريك", "كشريك"],
    "asile/": ["اللجوء", "لجوء", "واللجوء", "باللجوء"],
    # light stemming: sound plurals and feminine ending
    "migrant/": ["المهاجرين", "المهاجرون", "مهاجرين", "للمهاجرين", "مهاجرة", "المهاجرة"],
    "migration/": ["مهاجر", "المهاجرين", "مهاجرة"],
    "initiative/": ["مبادرات", "المبادرات", "بالمبادرات"],
    "initiatives/": ["مبادرة", "المبادرة", "مبادرات"],
    # an organisation's Arabic common name and its Latin acronym are one name
    # (the names table built from content/: the glossary's short_ar)
    "unicef/": ["اليونيسف", "UNICEF", "unicef", "واليونيسف"],
    "jeunesse/": ["اليونيسف", "UNICEF", "لليونيسف"],
}
AR_MUST_NOT = {
    # query: documents it must not find (normalisation stays precise)
    "لجوء": ["migration/", "tatweel/"],
    "اهداف": ["procedures/", "partenariats/"],
    "qzxwvkj": list(AR_DOCS),
    "مهاجرين": ["initiative/", "initiatives/", "tatweel/"],
    "مبادرات": ["migrant/", "migration/"],
    # a word that starts with آ has no article: "آليات" is not "ال" + "يات"
    "آليات": ["initiatives/", "niveau/"],
    "اليونيسف": ["migrant/", "partenariats/", "initiative/"],
}

FR_DOCS = {
    "cooperation/": "Coopération et partenariats internationaux",
    "reseaux/": "Les réseaux de traite ont été démantelés",
    "oeuvre/": "La mise en œuvre de la stratégie",
    "etranger/": "Marocains Résidant à l’Étranger",
    "osp/": "OSP 18 — Promouvoir le co-développement",
    "glo-act/": "Le projet GLO.ACT de l’ONUDC",
    "bourse/": "Une bourse d’études",
    "refugies/": "Les réfugiés et les migrants",
    "refugiee/": "Une réfugiée",
    "regional/": "Les conseils régionaux",
}
FR_QUERIES = {
    "cooperation/": ["cooperation", "COOPERATION", "Coopération", "coopé", "partenariats"],
    "reseaux/": ["reseaux", "réseaux", "RÉSEAUX", "demanteles"],
    "oeuvre/": ["oeuvre", "œuvre", "strategie"],
    "etranger/": ["etranger", "ÉTRANGER", "residant"],
    "osp/": ["OSP 18", "osp 18", "co-developpement", "developpement"],
    "glo-act/": ["GLO.ACT", "glo.act", "onudc"],
    # plural and inflection
    "bourse/": ["bourses", "bourse", "Bourses"],
    "refugies/": ["réfugié", "refugie", "réfugiée", "réfugiées", "migrant", "migrante"],
    "refugiee/": ["réfugié", "réfugiés", "réfugiées"],
    "regional/": ["régional", "régionale", "regionaux", "conseil"],
}
FR_MUST_NOT = {
    "reseaux": ["cooperation/", "oeuvre/"],
    "qzxwvkj": list(FR_DOCS),
    "bourses": ["refugies/", "reseaux/"],
    "réfugiés": ["bourse/", "regional/"],
}

_RUN_WORKER = """async ({worker, config, docs, queries}) => {
  const w = new Worker(worker);
  const answer = () => new Promise((ok, ko) => {
    w.onmessage = e => ok(e.data);
    w.onerror = e => ko(new Error('search worker: ' + e.message));
  });
  // Material's worker protocol: 0 = set up (answers 1), 2 = query (answers 3)
  let ready = answer();
  w.postMessage({type: 0, data: {config, docs, options: {suggest: false}}});
  await ready;
  const found = [];  // pairs: "__proto__" is a query too
  for (const q of queries) {
    const next = answer();
    w.postMessage({type: 2, data: q});
    const message = await next;
    found.push([q, message.data.items.map(group => group[0].location.split('#')[0])]);
  }
  w.terminate();
  return found;
}"""


def run_worker(page, site_dir, site, docs: dict[str, str], queries: list[str]) -> dict:
    """Material's search worker of the built site, with the site's search
    configuration (language, separator, pipeline) and these documents."""
    config = json.loads((site_dir / site / "search" / "search_index.json").read_text("utf-8"))["config"]
    worker = page.evaluate(
        "src => new URL(src, location.href).href", material_config(page)["search"])
    corpus = [{"location": loc, "title": "", "text": text} for loc, text in docs.items()]
    return dict(page.evaluate(_RUN_WORKER, {"worker": worker, "config": config,
                                            "docs": corpus, "queries": queries}))


@pytest.mark.parametrize(
    "site, docs, queries, must_not",
    [("ar", AR_DOCS, AR_QUERIES, AR_MUST_NOT), ("", FR_DOCS, FR_QUERIES, FR_MUST_NOT)],
    ids=["ar", "fr"])
def test_search_worker_finds_every_variant(search_page, site_url, site_dir, site, docs, queries,
                                           must_not):
    search_page.goto(site_url + (site + "/" if site else ""))
    asked = [q for qs in queries.values() for q in qs] + list(must_not)
    found = run_worker(search_page, site_dir, site, docs, asked)
    missed = [f"{q!r} should find {loc} (found {found[q]})"
              for loc, qs in queries.items() for q in qs if loc not in found[q]]
    wrong = [f"{q!r} should not find {loc} (found {found[q]})"
             for q, locs in must_not.items() for loc in locs if loc in found[q]]
    assert not missed + wrong, "\n".join(missed + wrong)


# --- the folding functions themselves ---------------------------------------

# tests/search_forms.json: the cases the Python twin (src/snia/textnorm.py) and
# snia.js must agree on; here snia.js runs with the real lunr of Material's
# worker and the site's separator.
FORMS = json.loads((Path(__file__).resolve().parents[1] / "search_forms.json").read_text("utf-8"))

_RUN_FORMS = """async ({bundle, snia, table}) => {
  const source = `
    importScripts(${JSON.stringify(bundle)});
    const table = ${JSON.stringify(table)};
    lunr.sniaNames = table.names;
    // what snia.js hands on to lunr's own search, which then runs
    let asked = null;
    const real = lunr.Index.prototype.search;
    lunr.Index.prototype.search = function (q) { asked = q; return real.call(this, q); };
    importScripts(${JSON.stringify(snia)});
    lunr.tokenizer.separator = new RegExp(table.separator);
    const index = lunr(function () {
      this.use(lunr.ar); this.ref('id'); this.field('text');
      this.add({id: 'a', text: 'Coopération des réfugiés'});
    });
    postMessage(table.cases.map(c => {
      let error = null;
      asked = '';
      try { index.search(c.asked); } catch (e) { error = String(e); }
      return {fold: lunr.sniaFold(c.word), index: lunr.sniaIndexTerms(c.word), query: asked,
              reduced: lunr.sniaReduce(c.asked), error};
    }));`;
  const url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
  const w = new Worker(url);
  try {
    return await new Promise((ok, ko) => {
      w.onmessage = e => ok(e.data);
      w.onerror = e => ko(new Error('worker: ' + e.message));
    });
  } finally { w.terminate(); URL.revokeObjectURL(url); }
}"""


def test_snia_folding_matches_the_shared_table(search_page, site_url):
    search_page.goto(site_url)
    bundle = search_page.evaluate(
        "src => new URL(src, location.href).href", material_config(search_page)["search"])
    snia = site_url + "assets/javascripts/lunr/min/snia.js"
    got = search_page.evaluate(_RUN_FORMS, {"bundle": bundle, "snia": snia, "table": FORMS})
    wrong = []
    for case, g in zip(FORMS["cases"], got):
        if g["error"]:
            wrong.append(f"{case['asked']!r} makes lunr throw: {g['error']}")
        for key in ("fold", "index", "query", "reduced"):
            if g[key] != case[key]:
                wrong.append(f"{case['word']!r}: {key} {g[key]!r}, expected {case[key]!r}")
    assert len(got) == len(FORMS["cases"]) and not wrong, "\n".join(wrong)


HOSTILE_QUERIES = ["(", ")", "[", "]", "*", "**", "\\", ".*", "[a-z]+", "coopération:réfugiés", "^", "~",
                   "~2", "x^", "+", "-", "+-", "?", "$", "|", "{1,3}", "\"", "«»", "،؛؟", "constructor",
                   "__proto__", "toString", "hasOwnProperty"]


@pytest.mark.parametrize("site", ["", "ar/"], ids=["fr", "ar"])
def test_queries_of_punctuation_never_fail(search_page, site_url, site, site_dir):
    """Material's worker turns a query that makes lunr throw into "no result"
    and a console warning: lunr must never be handed one."""
    search_page.goto(site_url + site)
    warnings: list[str] = []
    search_page.on("console", lambda m: warnings.append(m.text) if "Invalid query" in m.text else None)
    docs = {"constructor/": "constructor toString", "a/": "Coopération des réfugiés",
            "b/": "مبادرات المهاجرين"}
    found = run_worker(search_page, site_dir, site.rstrip("/"), docs, HOSTILE_QUERIES)
    assert not warnings, warnings
    for query in ("constructor", "toString"):
        assert found[query] == ["constructor/"], (query, found[query])
    # lunr would read "coopération:" as a field name that does not exist
    assert found["coopération:réfugiés"] == ["a/"], found["coopération:réfugiés"]
    assert all(found[q] == [] for q in HOSTILE_QUERIES
               if q not in ("constructor", "toString", "coopération:réfugiés")), found


@pytest.mark.parametrize("site, query", [("ar/", "المهاجرين"), ("", "bourses"), ("ar/", "مبادرات")],
                         ids=["ar-plural", "fr-plural", "ar-fem-plural"])
def test_highlighted_results_have_no_broken_markup(search_page, site_url, site, query):
    """A word matched through several of its index terms (chain forms, stem)
    is highlighted once: the same place marked twice read "rk>المهاجرين"."""
    _meta, found = search_ui(search_page, site_url + site, query)
    assert found
    texts = search_page.eval_on_selector_all(
        ".md-search-result__link", "els => els.map(e => e.textContent)")
    marks = search_page.eval_on_selector_all(".md-search-result mark", "els => els.length")
    assert marks > 0
    broken = [t for t in texts if re.search(r"</?m|rk>|mark>", t)]
    assert not broken, broken[:3]
