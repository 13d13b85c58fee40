"""Normalization: one named rule per test, then the whole fold."""

import pytest

from indexer.normalize import (
    ascii_digits,
    casefold,
    heh_for_teh_marbuta,
    nfkc,
    normalize,
    strip_harakat,
    strip_tatweel,
    unify_alef,
    yeh_for_alef_maksura,
)


@pytest.mark.parametrize("raw, expected", [
    ("كَتَبَ", "كتب"),          # fatha
    ("وَلَداً", "ولدا"),         # fathatan
    ("كُتُبٌ", "كتب"),           # damma, dammatan
    ("كِتابٍ", "كتاب"),          # kasra, kasratan
    ("مُحَمَّد", "محمد"),         # shadda
    ("قُلْ", "قل"),              # sukun
    ("الرَّحْمٰنِ", "الرحمن"),    # superscript alef U+0670
    ("ا\u0653", "ا"),            # madda above U+0653
    ("ا\u0654", "ا"),            # hamza above U+0654
    ("ا\u0655", "ا"),            # hamza below U+0655
    ("", ""),
])
def test_strip_harakat(raw, expected):
    assert strip_harakat(raw) == expected


def test_strip_tatweel():
    assert strip_tatweel("روبرـــــت") == "روبرت"


@pytest.mark.parametrize("raw, expected", [("أحمد", "احمد"), ("إسلام", "اسلام"), ("آمنة", "امنة"), ("ٱلله", "الله")])
def test_unify_alef(raw, expected):
    assert unify_alef(raw) == expected


def test_unify_alef_leaves_hamza_on_waw_and_yeh():
    assert unify_alef("مؤتمر سئل") == "مؤتمر سئل"


def test_yeh_for_alef_maksura():
    assert yeh_for_alef_maksura("مستشفى") == "مستشفي"


def test_heh_for_teh_marbuta():
    assert heh_for_teh_marbuta("فاطمة") == "فاطمه"


@pytest.mark.parametrize("raw, expected", [("١٢٣٤", "1234"), ("۱۲۳۴", "1234"), ("٢٠٢٤م", "2024م")])
def test_ascii_digits(raw, expected):
    assert ascii_digits(raw) == expected


def test_nfkc_folds_presentation_forms():
    assert nfkc("ﻻ") == "لا"
    assert nfkc("ﺍﻟﺴﻼﻡ") == "السلام"


def test_nfkc_drops_the_space_of_isolated_haraka_forms():
    assert nfkc("ﹰ") == "\u064b"


def test_casefold_latin():
    assert casefold("CNBC") == "cnbc"
    assert casefold("Straße") == "strasse"


def test_normalize_applies_every_rule():
    assert normalize("بالمكالمةِ") == "بالمكالمه"
    assert normalize("إلـــى") == "الي"
    assert normalize("ﻷحمد") == "لاحمد"
    assert normalize("٣٢") == "32"
    assert normalize("LinkedIn") == "linkedin"


def test_nfkc_recomposes_after_dropping_a_spacing_accent():
    assert nfkc("a´") == "á"
