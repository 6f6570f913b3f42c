"""Quality gates run in Debian's Chromium against the built site (issue 5).

A package, so that its module names (``browser.test_links``...) never clash
with test modules of the same name in ``tests/``.
"""
