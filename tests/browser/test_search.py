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
}
AR_MUST_NOT = {
    # query: documents it must not find (normalisation stays precise)
    "لجوء": ["migration/", "tatweel/"],
    "اهداف": ["procedures/", "partenariats/"],
    "qzxwvkj": list(AR_DOCS),
}

FR_DOCS = {
    "cooperation/": "Coopération et partenariats internationaux",
    "reseaux/": "Les réseaux de traite ont été démantelés",
    "oeuvre/": "La mise en œuvre de la stratégie",
    "etranger/": "Marocains Résidant à l’Étranger",
    "osp/": "OSP 18 — Promouvoir le co-développement",
    "glo-act/": "Le projet GLO.ACT de l’ONUDC",
}
FR_QUERIES = {
    "cooperation/": ["cooperation", "COOPERATION", "Coopération", "coopé", "partenariats"],
    "reseaux/": ["reseaux", "réseaux", "RÉSEAUX", "demanteles"],
    "oeuvre/": ["oeuvre", "œuvre", "strategie"],
    "etranger/": ["etranger", "ÉTRANGER", "residant"],
    "osp/": ["OSP 18", "osp 18", "co-developpement", "developpement"],
    "glo-act/": ["GLO.ACT", "glo.act", "onudc"],
}
FR_MUST_NOT = {
    "reseaux": ["cooperation/", "oeuvre/"],
    "qzxwvkj": list(FR_DOCS),
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
  const found = {};
  for (const q of queries) {
    const next = answer();
    w.postMessage({type: 2, data: q});
    const message = await next;
    found[q] = message.data.items.map(group => group[0].location.split('#')[0]);
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
    return page.evaluate(_RUN_WORKER, {"worker": worker, "config": config,
                                       "docs": corpus, "queries": queries})


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

_RUN_FOLD = """async ({bundle, snia, words}) => {
  const source = `
    importScripts(${JSON.stringify(bundle)}, ${JSON.stringify(snia)});
    const words = ${JSON.stringify(words)};
    postMessage(words.map(w => [lunr.sniaFold(w), lunr.sniaChain(lunr.sniaFold(w))]));`;
  const url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
  const w = new Worker(url);
  try {
    return await new Promise((ok, ko) => {
      w.onmessage = e => ok(e.data);
      w.onerror = e => ko(new Error('worker: ' + e.message));
    });
  } finally { w.terminate(); URL.revokeObjectURL(url); }
}"""

FOLD = [
    # word, folded, last form of its chain (what a query is reduced to)
    ("Coopération", "cooperation", "cooperation"),
    ("RÉSEAUX", "reseaux", "reseaux"),
    ("œuvre", "oeuvre", "oeuvre"),
    ("«GLO.ACT»", "glo.act", "glo.act"),
    ("2018", "2018", "2018"),
    ("أهداف", "اهداف", "اهداف"),
    ("إجراءات", "اجراءات", "اجراءات"),
    ("آليات", "اليات", "يات"),  # آ folds to ا, then reads as the article: a query
    # "اليات" or "آليات" reduces to the same form, which is what matters
    ("ٱلهجرة", "الهجره", "هجره"),
    ("الأخرى", "الاخري", "اخري"),
    ("مبادرة", "مبادره", "مبادره"),
    ("الْمُصْطَلَحَات", "المصطلحات", "مصطلحات"),
    ("الهجـــرة", "الهجره", "هجره"),
    ("والشراكات", "والشراكات", "شراكات"),
    ("بالشراكات", "بالشراكات", "شراكات"),
    ("للشراكات", "للشراكات", "شراكات"),
    ("فالشراكات", "فالشراكات", "شراكات"),
    ("كالشراكات", "كالشراكات", "شراكات"),
    ("وبالشراكات", "وبالشراكات", "شراكات"),
    ("ولد", "ولد", "ولد"),  # three letters: nothing peeled
]


def test_snia_folding_functions(search_page, site_url):
    search_page.goto(site_url)
    bundle = search_page.evaluate(
        "src => new URL(src, location.href).href", material_config(search_page)["search"])
    snia = site_url + "assets/javascripts/lunr/min/snia.js"
    got = search_page.evaluate(_RUN_FOLD, {"bundle": bundle, "snia": snia,
                                           "words": [w for w, _, _ in FOLD]})
    wrong = [f"{word!r}: fold {f!r} (expected {ef!r}), chain ends {chain[-1]!r} (expected {ec!r})"
             for (word, ef, ec), (f, chain) in zip(FOLD, got) if f != ef or chain[-1] != ec]
    assert not wrong, "\n".join(wrong)
