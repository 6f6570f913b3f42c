"""Hostile input that must not hurt readers: a query built to make the search
normaliser backtrack answers at once (Material's real search worker, with the
site's own normaliser snia.js), in Chromium."""

from __future__ import annotations

import json

import pytest

from .support import DESKTOP, material_config

pytestmark = pytest.mark.browser

_TIMED_QUERY = """async ({worker, config, docs, query}) => {
  const w = new Worker(worker);
  const answer = () => new Promise((ok, ko) => {
    w.onmessage = e => ok(e.data);
    w.onerror = e => ko(new Error('search worker: ' + e.message));
  });
  let ready = answer();
  w.postMessage({type: 0, data: {config, docs, options: {suggest: false}}});
  await ready;
  const next = answer();
  const start = performance.now();
  w.postMessage({type: 2, data: query});
  const message = await next;
  const ms = performance.now() - start;
  w.terminate();
  return {ms, found: message.data.items.length};
}"""


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("site", ["", "ar"], ids=["fr", "ar"])
def test_a_60000_character_query_answers_within_a_second(desktop_page, site_url, site_dir, site):
    page = desktop_page
    page.goto(site_url + (site + "/" if site else ""))
    config = json.loads((site_dir / site / "search" / "search_index.json").read_text("utf-8"))["config"]
    worker = page.evaluate("src => new URL(src, location.href).href", material_config(page)["search"])
    docs = [{"location": "a/", "title": "", "text": "Atelier a b"},
            {"location": "b/", "title": "", "text": "Coopération"}]
    # the old edge-trimming pattern took 56 s on this query
    query = "a" + "/" * 59998 + "a"
    result = page.evaluate(_TIMED_QUERY, {"worker": worker, "config": config, "docs": docs,
                                          "query": query})
    assert result["ms"] < 1000, f"a 60,000-character query took {result['ms']:.0f} ms"
