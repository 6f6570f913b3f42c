"""Work done once per loaded content tree.

A build asks for the same derived files several times: the open-data folder
is published by the French site and measured by the Downloads page of each
language, the chart CSVs likewise. :func:`per_content` keeps the result of a
function of the content for the tree it was computed from (the same loaded
object: a changed file loads a new one, see ``pages.content_for``).
"""

from __future__ import annotations

import functools
import os
from typing import Callable, TypeVar

T = TypeVar("T")


def per_content(func: Callable[..., dict]) -> Callable[..., dict]:
    """``func(content)`` computed once for each content object (and each
    ``SOURCE_DATE_EPOCH``, which dates the files of a zip); a caller gets its
    own copy of the returned mapping."""
    last: list[tuple] = []

    @functools.wraps(func)
    def wrapper(content):
        stamp = os.environ.get("SOURCE_DATE_EPOCH")
        for obj, when, value in last:
            if obj is content and when == stamp:
                return dict(value)
        value = func(content)
        last[:] = ([(content, stamp, value)] + last)[:2]
        return dict(value)

    wrapper.uncached = func  # type: ignore[attr-defined]
    return wrapper
