"""Normalization: one named rule per test, then the whole fold."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.normalize import (
    _CHARACTER_RULES,
    NORMALIZERS,
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
from tests.conftest import at_least


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


def by_every_rule(word: str) -> str:
    """The reference: each rule of NORMALIZERS applied in turn."""
    for rule in NORMALIZERS:
        word = rule(word)
    return word


def test_the_character_rules_are_one_translate_table_over_every_code_point():
    # every rule between nfkc and casefold maps each character on its own, so one pass over all code points, a
    # separator after each, shows the table does what they do
    assert NORMALIZERS[0] is nfkc and NORMALIZERS[-1] is casefold
    every = "".join(chr(c) + "\0" for c in range(0x110000))
    expected = every
    for rule in NORMALIZERS[1:-1]:
        expected = rule(expected)
    assert every.translate(_CHARACTER_RULES) == expected


WORD_CHARS = st.one_of(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
                       st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFC),
                       st.sampled_from(list("abcABCßİıΣσς0123456789 ´\u0301\u200cـًٌَّْٰٱآأإىة٠٩۰۹")), st.characters())


@settings(max_examples=at_least(2000))
@given(st.text(WORD_CHARS, max_size=12))
def test_normalize_equals_the_rules_applied_in_turn(word):
    assert normalize(word) == by_every_rule(word)


@pytest.mark.parametrize("word", ["بالمكالمةِ", "إلـــى", "ﻷحمد", "٣٢", "LinkedIn", "Straße", "ﹰ", "و\u0654", "ا\u0653\u064e",
                                  "أَ\u0654", "´a", "ﷺ", ""])
def test_normalize_equals_the_rules_applied_in_turn_on_hard_cases(word):
    assert normalize(word) == by_every_rule(word)


def test_the_letter_names_are_pyarabics():
    """indexer/chars.py writes them out (importing pyarabic.araby at every start cost ~7 ms)."""
    from pyarabic import araby

    from indexer import chars

    names = ("ALEF", "ALEF_MADDA", "ALEF_HAMZA_ABOVE", "ALEF_HAMZA_BELOW", "ALEF_WASLA", "ALEF_MAKSURA", "YEH",
             "TEH_MARBUTA", "HEH", "TATWEEL", "WAW", "FEH", "BEH", "LAM", "KAF")
    assert [getattr(chars, n) for n in names] == [getattr(araby, n) for n in names]
    assert chars.SUPERSCRIPT_ALEF == araby.MINI_ALEF
    assert "".join(araby.NUMBERS_EAST) == chars.ARABIC_INDIC_DIGITS
    assert "".join(araby.NUMBERS_PERS) == chars.PERSIAN_DIGITS
