"""Tokenizer: spans over the raw text; what is and is not inside a word."""

import pytest

from indexer.tokenize import word_spans


def words(text: str) -> list[str]:
    return [text[a:b] for a, b in word_spans(text)]


def test_arabic_words_keep_harakat_tatweel_and_hamza():
    assert words("ذَهَبَ الطُّلّابُ إلى كتـــاب مؤتمرٍ") == ["ذَهَبَ", "الطُّلّابُ", "إلى", "كتـــاب", "مؤتمرٍ"]


def test_superscript_alef_stays_inside_the_word():
    assert words("الرَّحْمٰنِ") == ["الرَّحْمٰنِ"]


@pytest.mark.parametrize("punct", ["،", "؛", "؟", "«", "»", "“", "”", ".", ":", "!", "(", ")"])
def test_arabic_and_latin_punctuation_split_words(punct):
    assert words(f"قال{punct}الوزير") == ["قال", "الوزير"]


@pytest.mark.parametrize("control", ["\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
                                     "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidi_and_zero_width_controls_never_inside_a_token(control):
    assert words(f"{control}شركة{control}ابل{control}") == ["شركة", "ابل"]


def test_latin_words_and_digits_are_tokens():
    assert words("شركة Nvidia ربحت 3 مليارات في ٢٠٢٤ و۱۴۰۳") == [
        "شركة", "Nvidia", "ربحت", "3", "مليارات", "في", "٢٠٢٤", "۱۴۰۳"]


@pytest.mark.parametrize("text, expected", [
    ("وDell", "Dell"), ("لـCNBC", "CNBC"), ("والـBBC", "BBC"), ("بLinkedIn", "LinkedIn"), ("و٢٠٢٤", "٢٠٢٤"),
])
def test_proclitic_attached_to_a_latin_word_or_number_yields_the_rest(text, expected):
    assert words(text) == [expected]


def test_offsets_are_str_indices_into_the_original():
    text = "قالَ: وDell"
    assert list(word_spans(text)) == [(0, 4), (7, 11)]


def test_presentation_forms_are_words():
    assert words("ﻻ بأس") == ["ﻻ", "بأس"]


def test_empty_and_spaces_only():
    assert words("") == []
    assert words(" \n\t ") == []


@pytest.mark.parametrize("text", ["ذَهَبَ الطُّلّابُ إلى كتـــاب في ٢٠٢٤ و Dell 3 ﻻ", "بو Dell", "ب. CNN و ٢٠"])
def test_a_proclitic_attached_elsewhere_does_not_change_the_other_words(text):
    assert words(text + " وDell") == [*words(text), "Dell"]
