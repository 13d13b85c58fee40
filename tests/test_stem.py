"""light10 stemmer: Lucene's ArabicStemmer test pairs and the length guards."""

import pytest

from indexer.stem import light10, no_stem, strip_prefix, strip_suffixes


@pytest.mark.parametrize("word, stem", [
    ("الحسن", "حسن"),    # definite article
    ("والحسن", "حسن"),   # wa + article
    ("بالحسن", "حسن"),
    ("كالحسن", "حسن"),
    ("فالحسن", "حسن"),
    ("للاخر", "اخر"),
    ("وحسن", "حسن"),     # wa
])
def test_prefixes(word, stem):
    assert strip_prefix(word) == stem


@pytest.mark.parametrize("word, stem", [
    ("ساهدها", "ساهد"), ("ساهدان", "ساهد"), ("ساهدات", "ساهد"), ("ساهدون", "ساهد"), ("ساهدين", "ساهد"),
    ("ساهديه", "ساهد"), ("ساهدية", "ساهد"), ("ساهده", "ساهد"), ("ساهدة", "ساهد"), ("ساهدي", "ساهد"),
])
def test_suffixes(word, stem):
    assert strip_suffixes(word) == stem


def test_wa_prefix_needs_four_letters():
    assert strip_prefix("وحد") == "وحد"


def test_other_prefixes_leave_two_letters():
    assert strip_prefix("الو") == "الو"


def test_suffixes_leave_two_letters():
    assert strip_suffixes("ان") == "ان"


def test_prefix_then_suffixes():
    assert light10("والمكالمه") == "مكالم"


def test_non_arabic_words_are_not_stemmed():
    assert light10("english") == "english"
    assert light10("2024") == "2024"


def test_no_stem_is_the_identity():
    assert no_stem("المكالمه") == "المكالمه"


def test_name_safe_keeps_names_and_strips_their_clitics():
    from indexer.stem import name_safe
    safe = name_safe(light10, frozenset({"عثمان"}))
    assert [safe(w) for w in ("عثمان", "وعثمان", "لعثمان", "العثمان", "السكان")] == [
        "عثمان", "عثمان", "عثمان", "عثمان", "سك"]
