"""Property tests (hypothesis) for normalization, the analyzer and entity extraction over arbitrary and
Arabic-heavy text."""

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import get_analyzer
from indexer.clitics import ALL_CLITICS
from indexer.normalize import normalize
from indexer.stopwords import load_names
from indexer.tokenize import word_spans
from tests.conftest import at_least

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
MIXED = st.one_of(ARABIC, st.characters(), st.sampled_from(list(" ،؛؟«»\u200c\u200f\u202b\u2066ـًٌٍَُِّْٰﻻ٠٩۰a1")))
TEXT = st.text(MIXED, max_size=200)
ANALYZER = get_analyzer()


@given(st.text(MIXED, max_size=30))
def test_normalize_is_idempotent(word):
    assert normalize(normalize(word)) == normalize(word)


@settings(max_examples=at_least(300))
@given(TEXT)
def test_analyzer_never_raises_and_offsets_are_in_bounds(text):
    for token in ANALYZER.tokens(text):
        assert 0 <= token.start < token.end <= len(text)


@settings(max_examples=at_least(300))
@given(TEXT)
def test_every_token_maps_back_to_its_original_word(text):
    spans = set(word_spans(text))
    for token in ANALYZER.tokens(text):
        assert (token.start, token.end) in spans
        assert ANALYZER.terms(text[token.start:token.end]) == [token.term]


@given(TEXT)
def test_a_term_is_always_part_of_its_normalized_word(text):
    """What lets the highlighter skip stemming a word that contains none of a query's terms."""
    for _, _, normalized, term in ANALYZER.words(text):
        assert term is None or term in normalized


@given(TEXT)
def test_positions_increase(text):
    positions = [t.pos for t in ANALYZER.tokens(text)]
    assert positions == sorted(set(positions))


# Text built from words the entity rules react to (titles, descriptors, heads, tails, clitics, Latin, punctuation),
# so that random sequences exercise their index arithmetic.
RULE_WORDS = st.sampled_from([
    "شركة", "لشركة", "تطبيق", "فريق", "البنك", "للصندوق", "رئيس", "الرئيس", "التنفيذي", "والسناتور", "السيناتور",
    "كابيتال", "الاستشارية", "القابضة", "الكورية", "البارزين", "كانا", "رأس", "المال", "المحاماة", "مارك", "سارة",
    "حداد", "الراشد", "ونادر", "و", "في", "Acme", "Capital's", "Roe", "AMD", "وNvidia", "لـCNBC", "جونغ-هو",
    "بارك", "،", "-", "«", "»", ".", "\n", "2024", "بن", "آل", "ولد", "عبد", "بنك", "صندوق", "مكتب", "الإيطالي",
    "وسيغيب", "برنامجا", "مصدران", "بالإنجليزية:", "للاستثمار", "ووليد", "Nova_Star", "كلية", "نادي", "B", "م",
    "هونج", "كونج", "لهونج", "علي", "على", "لاريجاني", "Bank", "of", "the", "America", "and",
    "وزير", "المالية", "منصور", "الهيئة", "سعاد", "المطيري", "وادي", "جبل", "حزب", "التجديد", "الزين", "تكنولوجي",
])
RULE_TEXT = st.lists(RULE_WORDS, max_size=25).map(" ".join)
LABELS = st.sampled_from(["PER", "ORG", "LOC", "MISC"])


@settings(max_examples=at_least(300))
@given(RULE_TEXT, st.lists(st.tuples(LABELS, st.integers(0, 30), st.integers(1, 4)), max_size=6))
def test_entity_rules_never_raise_and_every_entity_points_into_the_text(text, picks):
    from indexer.entities import EntityExtractor, Lists
    from indexer.entities.lists import KnownNames
    from indexer.stopwords import load_names, load_stopwords

    def tag(text, spans):  # a stand-in tagger that labels random runs of words
        out = []
        for label, first, length in picks:
            if first < len(spans):
                last = min(first + length, len(spans)) - 1
                out.append((label, spans[first][0], spans[last][1]))
        return out

    frequent = frozenset({"مصدر", "برنامج", "رئيس", "شركه", "الماليه"})
    places = frozenset({"هونج كونج"})
    persons = KnownNames.of({"علي لاريجاني", "مارك حداد", "سارة الراشد بن", "حداد بن علي لاريجاني"})
    extractor = EntityExtractor(tag, Lists(load_stopwords(), load_names(), frequent=frequent, places=places,
                                           persons=persons))
    for entity in extractor(text):
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start:entity.end] == entity.surface
        assert entity.kind in ("person", "firm", "org") and entity.canonical.strip()


@functools.cache
def shipped_extractor():
    from indexer.entities import default_extractor

    return default_extractor()


@settings(max_examples=at_least(150))
@given(st.one_of(TEXT, RULE_TEXT))
def test_the_shipped_extractor_never_raises_on_any_text(text):
    for entity in shipped_extractor()(text):
        assert text[entity.start:entity.end] == entity.surface


NAMES = sorted(load_names())


@settings(max_examples=at_least(500))
@given(st.sampled_from(NAMES), st.sampled_from(ALL_CLITICS))
def test_no_name_loses_a_letter_it_owns_to_a_proclitic(name, clitic):
    """A name part with any proclitic written onto it keeps every letter of the name (the term may be the longer
    word when that is a name too: بابا)."""
    (term,) = ANALYZER.terms(clitic + name)
    assert term.endswith(name) and (clitic + name).endswith(term)


@given(st.sampled_from(["person", "firm", "org"]), st.one_of(TEXT, RULE_TEXT))
def test_a_values_keys_read_back_as_stored(kind, value):
    """entities.sqlite's compact form of a value's keys loses nothing, whatever the value."""
    from indexer.entities.grouping import ValueKeys
    from indexer.entities.store import _dumps, _loads

    keys = ValueKeys.of(kind, value)
    assert _loads(value, _dumps(keys)) == keys
