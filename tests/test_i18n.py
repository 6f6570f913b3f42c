"""Locale formatting through Babel: fr_MA and ar_MA conventions."""

import pytest

from snia import i18n


@pytest.mark.parametrize("value,lang,expected", [
    ("2018-01-26", "fr", "26 janvier 2018"),
    ("2018-04", "fr", "avril 2018"),
    ("2018", "fr", "2018"),
    ("2018-01-26", "ar", "26 يناير 2018"),
    ("2018-05-03", "ar", "3 ماي 2018"),      # Morocco's month names, not مايو
    ("2018-07", "ar", "يوليوز 2018"),
    ("2016-09", "ar", "شتنبر 2016"),
    ("2018-12-01", "ar", "1 دجنبر 2018"),
])
def test_dates(value, lang, expected):
    assert i18n.date(value, lang) == expected


def test_date_ranges():
    assert i18n.date_range("2018-04-16", "2018-04-18", "fr") == "16–18 avril 2018"
    assert i18n.date_range("2017-10", "2018-04", "fr") == "octobre 2017 – avril 2018"
    ar = i18n.date_range("2017-10", "2018-04", "ar")
    assert "أكتوبر 2017" in ar and "أبريل 2018" in ar
    assert i18n.date_range("2018-06-21", None, "fr") == "21 juin 2018"


def test_numbers_and_amounts():
    # French groups with a narrow no-break space, Arabic (Morocco) with a dot
    assert i18n.number(20410, "fr") == "20\u202f410"
    assert i18n.number(20410, "ar") == "20.410"
    assert i18n.percent(35, "fr") == "35\u00a0%"
    assert i18n.amount(35_000_000, "EUR", "fr") == "35\u202f000\u202f000 euros"
    assert i18n.amount(35_000_000, "EUR", "ar") == "35.000.000 يورو"
    assert i18n.amount(7_000_000, None, "fr") == "7\u202f000\u202f000"  # no currency invented


def test_every_ui_label_exists_in_both_languages():
    strings = i18n.ui_strings()
    assert len(strings) > 50
    for key, entry in strings.items():
        assert set(entry) == {"fr", "ar"}, key
        assert entry["fr"].strip() and entry["ar"].strip(), key
        assert set(_placeholders(entry["fr"])) == set(_placeholders(entry["ar"])), key


def _placeholders(s):
    import string
    return [f for _, f, _, _ in string.Formatter().parse(s) if f]
