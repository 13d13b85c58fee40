"""Property tests (hypothesis) for normalization and the analyzer over arbitrary and Arabic-heavy text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import get_analyzer
from indexer.normalize import normalize
from indexer.tokenize import word_spans

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
MIXED = st.one_of(ARABIC, st.characters(), st.sampled_from(list(" ،؛؟«»\u200c\u200f\u202b\u2066ـًٌٍَُِّْٰﻻ٠٩۰a1")))
TEXT = st.text(MIXED, max_size=200)
ANALYZER = get_analyzer()


@given(st.text(MIXED, max_size=30))
def test_normalize_is_idempotent(word):
    assert normalize(normalize(word)) == normalize(word)


@settings(max_examples=300)
@given(TEXT)
def test_analyzer_never_raises_and_offsets_are_in_bounds(text):
    for token in ANALYZER.tokens(text):
        assert 0 <= token.start < token.end <= len(text)


@settings(max_examples=300)
@given(TEXT)
def test_every_token_maps_back_to_its_original_word(text):
    spans = set(word_spans(text))
    for token in ANALYZER.tokens(text):
        assert (token.start, token.end) in spans
        assert ANALYZER.terms(text[token.start:token.end]) == [token.term]


@given(TEXT)
def test_positions_increase(text):
    positions = [t.pos for t in ANALYZER.tokens(text)]
    assert positions == sorted(set(positions))
