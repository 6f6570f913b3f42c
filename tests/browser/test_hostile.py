"""The hostile fixture (tests/fixtures/hostile: <script>, <img onerror>,
javascript: links, {{ 7*7 }} and {% %} in every kind of text) built and
opened in Chromium: nothing runs, nothing is evaluated, on any page of either
language, nor in search results."""

from __future__ import annotations

import re

import pytest

from .support import DESKTOP, search_ui, settle

pytestmark = pytest.mark.browser

_LIVE_DOM = """() => ({
  text: document.body.innerText,
  handlers: [...document.querySelectorAll('*')].flatMap(e =>
      [...e.attributes].filter(a => /^on/i.test(a.name))
          .map(a => e.tagName.toLowerCase() + ' ' + a.name + '=' + a.value)),
  js_links: [...document.querySelectorAll('[href], [src], [action]')].map(e =>
      e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
      .filter(u => /^\\s*javascript:/i.test(u)),
})"""


class Watch:
    """Dialogs, console errors, uncaught exceptions and failed loads of a page."""

    def __init__(self, page):
        self.events: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.events.append(f"uncaught exception: {e}"))
        page.on("response", self._response)

    def _dialog(self, dialog):
        self.events.append(f"{dialog.type} dialog: {dialog.message!r}")
        dialog.dismiss()

    def _console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url", "")
        self.events.append(f"console error: {message.text} ({url})")

    def _response(self, response):
        if response.status >= 400:
            self.events.append(f"HTTP {response.status} for {response.url}")

    def take(self) -> list[str]:
        events, self.events = self.events, []
        return events


def test_hostile_content_runs_nothing_in_the_browser(guarded, hostile_site_url, hostile_pages):
    context, guard = guarded(viewport=DESKTOP)
    page = context.new_page()
    watch = Watch(page)
    problems, literal = [], 0
    for path in hostile_pages:
        page.goto(hostile_site_url + path)
        page.wait_for_load_state("networkidle")
        dom = page.evaluate(_LIVE_DOM)
        problems += [f"/{path}: {event}" for event in watch.take()]
        problems += [f"/{path}: event handler in the DOM: {h}" for h in dom["handlers"]]
        problems += [f"/{path}: javascript: URL in the DOM: {u}" for u in dom["js_links"]]
        text = dom["text"]
        literal += text.count("{{ 7*7 }}")
        # the fixture has no 49 anywhere: one would be {{ 7*7 }} evaluated
        if re.search(r"(?<!\d)49(?!\d)", text):
            problems.append(f"/{path}: '49' in the page: {{{{ 7*7 }}}} was evaluated")
        if "LOOPLOOP" in text:
            problems.append(f"/{path}: the fixture's {{% for %}} loop ran")
    # the hostile texts are shown, as text
    assert literal >= 4, f"'{{{{ 7*7 }}}}' shown literally only {literal} time(s) in the hostile site"
    page.goto(hostile_site_url + "programmes/09/")
    body = page.inner_text("body")
    for shown in ('<script>alert("xss-title")</script>', "{{ 7*7 }}", "{% for x in range(3) %}LOOP"):
        assert shown in body, f"{shown!r} is not shown as text on /programmes/09/"

    # search results render page texts too
    for site, query in (("", "xss"), ("", "Atelier"), ("", "OIM"), ("ar/", "OIM"), ("ar/", "49")):
        _, found = search_ui(page, hostile_site_url + site, query)
        settle(page)  # images loaded or failed, nothing animating: any injected handler has run
        dom = page.evaluate(_LIVE_DOM)
        where = f"search {query!r} on /{site} ({len(found)} pages found)"
        problems += [f"{where}: {event}" for event in watch.take()]
        problems += [f"{where}: event handler in the results: {h}" for h in dom["handlers"]]
        problems += [f"{where}: javascript: URL in the results: {u}" for u in dom["js_links"]]
    problems += [f"request leaving 127.0.0.1: {url}" for url in guard.outside]
    assert not problems, "\n".join(problems)
