"""Locale formatting (through Babel) and the interface's own strings.

French follows ``fr_MA`` and Arabic ``ar_MA`` conventions: Morocco's month
names (ماي، يوليوز، غشت، شتنبر، نونبر، دجنبر), Latin digits, the locale's
grouping and decimal signs. Nothing here formats by hand what Babel knows.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from importlib import resources

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_name

from .yamlsafe import parse

LANGS = ("fr", "ar")
LOCALES = {"fr": "fr_MA", "ar": "ar_MA"}
DIRECTION = {"fr": "ltr", "ar": "rtl"}


def locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


# --------------------------------------------------------------------------
# Interface strings


@lru_cache(maxsize=1)
def ui_strings() -> dict[str, dict[str, str]]:
    """``ui.yml``: every label of the interface, in French and Arabic."""
    raw = resources.files("snia").joinpath("ui.yml").read_bytes()
    return parse("src/snia/ui.yml", raw).data


def ui(key: str, lang: str, **values) -> str:
    entry = ui_strings()[key]  # KeyError: a template asked for a label that does not exist
    text = entry[lang]
    return text.format(**values) if values else text


# --------------------------------------------------------------------------
# Numbers

# Babel formats a value anew at each call (a pattern parsed, locale data
# looked up): a page shows the same numbers and dates many times, and both
# languages' builds share a process. The formatted text is kept (by type
# too: 1 and 1.0 or True are different keys).
_formatted = lru_cache(maxsize=8192, typed=True)


@_formatted
def number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=LOCALES[lang])


@_formatted
def percent(value: int | float, lang: str) -> str:
    """``42,5 %``: the decimals the value has are kept (the locale's pattern
    alone would round 42.5 to « 42 % », a figure the report does not give)."""
    return format_percent(value / 100, locale=LOCALES[lang], decimal_quantization=False)


@_formatted
def amount(value: int | float, currency: str | None, lang: str) -> str:
    """``35 000 000 euros`` / ``35.000.000 يورو``; without a currency, the number alone."""
    if currency is None:
        return number(value, lang)
    return format_currency(
        value, currency, format="#,##0 ¤¤¤", locale=LOCALES[lang], currency_digits=False
    )


@_formatted
def currency_name(currency: str, lang: str, count: int | float = 2) -> str:
    return get_currency_name(currency, count=count, locale=LOCALES[lang])


# --------------------------------------------------------------------------
# Dates, possibly partial ("2018", "2018-04", "2018-04-16")


def _parts(value: str) -> tuple[int, int | None, int | None]:
    bits = [int(b) for b in value.split("-")]
    return bits[0], (bits[1] if len(bits) > 1 else None), (bits[2] if len(bits) > 2 else None)


def _as_date(value: str) -> _dt.date:
    y, m, d = _parts(value)
    return _dt.date(y, m or 1, d or 1)


@_formatted
def date(value: str, lang: str) -> str:
    """``26 janvier 2018``, ``avril 2018``, ``2018`` (and their Arabic forms)."""
    y, m, d = _parts(value)
    loc = LOCALES[lang]
    if d is not None:
        return format_date(_dt.date(y, m, d), format="long", locale=loc)
    if m is not None:
        return format_skeleton("yMMMM", _dt.date(y, m, 1), locale=loc)
    return str(y)


@_formatted
def date_range(start: str, end: str | None, lang: str) -> str:
    """``16–18 avril 2018``, ``octobre 2017 – avril 2018``."""
    if end is None or end == start:
        return date(start, lang)
    sy, sm, sd = _parts(start)
    ey, em, ed = _parts(end)
    loc = LOCALES[lang]
    if sd is not None and ed is not None and (sy, sm) == (ey, em):
        # CLDR's interval patterns have abbreviated months only ("avr."):
        # the first day, then the full last date, each formatted by Babel
        return f"{format_skeleton('d', _as_date(start), locale=loc)}–{date(end, lang)}"
    return f"{date(start, lang)} – {date(end, lang)}"


@_formatted
def period(value: str, lang: str) -> str:
    """A span of years, ``2017-2018``, written with an en dash."""
    return value.replace("-", "–")


@_formatted
def when(value: str, lang: str) -> str:
    """What a figure's or a fact's ``when`` is: a span of years (``2017–2018``),
    or a single year, month or day (``2018``, ``avril 2018``, ``26 janvier 2018``)."""
    if len(value) == 9 and value[4] == "-":
        return period(value, lang)
    return date(value, lang)


# --------------------------------------------------------------------------
# Alphabetical order of words, per language


@lru_cache(maxsize=1)
def _collator():
    """The Unicode Collation Algorithm with its default table (pyuca): the
    order of French (accents and case count only to break ties) and of the
    Arabic alphabet, whatever the machine's locale. Its table is read as
    the sorted words need it (snia.collation: same keys)."""
    from .collation import LazyCollator

    return LazyCollator()


def collation_key(text: str, lang: str) -> tuple:
    """Sort key for a word or term in ``lang``. Arabic terms sort without
    their definite article (``الهجرة`` under ``ه``), as dictionaries do."""
    folded = text.strip()
    if lang == "ar" and folded.startswith("ال") and len(folded) > 3:
        folded = folded[2:]
    return _collator().sort_key(folded)


def sort_key(value: str) -> tuple[int, int, int]:
    y, m, d = _parts(value)
    return (y, m or 0, d or 0)


def in_date_order(items, event=lambda x: x) -> list:
    """Events in the one order they are shown everywhere (programme pages,
    timeline, charts): by date, a year or a month before the days it holds;
    events of the same date keep the order the content gives them (the
    report's order, then the programmes' order). ``event`` picks the event
    out of each item (``lambda pe: pe[1]`` for (programme, event) pairs)."""
    return sorted(items, key=lambda x: sort_key(event(x).date))
