"""NER: the shipped model on invented sentences, and the decoder against brute force on a hand-made model."""

import itertools
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.clitics import TAGGER_CLITICS
from indexer.entities.tagger.crf import MODEL_FILE, NerTagger, spans_of_labels
from indexer.entities.tagger.features import (
    PAD,
    GramOdds,
    Lexicon,
    attribute_columns,
    document_key,
    reached_attributes,
    sentence_attributes,
    strip_proclitic,
    word_attributes,
)
from indexer.normalize import normalize
from indexer.tokenize import word_spans
from tests.conftest import SAMPLES, at_least

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG")


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger.load()


def named(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, str]]:
    return [(label, text[start:end]) for label, start, end in spans]


def test_person_organisation_and_place_are_found(tagger):
    text = "وقال سمير الحداد المتحدث باسم منظمة الصحة العالمية إن المؤتمر سيعقد في القاهرة."
    assert named(text, tagger.tag(text)) == [
        ("PER", "سمير الحداد"), ("ORG", "منظمة الصحة العالمية"), ("LOC", "القاهرة")]


def test_company_name_without_the_word_company_as_in_anercorp(tagger):
    """The name starts after لشركة (how far it runs varies between trainings: the rules add firm-name endings)."""
    text = "وقال سمير الحداد المدير التنفيذي لشركة فالكون تكنولوجي إن الأرباح ارتفعت."
    (person, firm) = named(text, tagger.tag(text))
    assert person == ("PER", "سمير الحداد") and firm[0] == "ORG" and firm[1].startswith("فالكون")


def test_person_after_a_title_and_a_place(tagger):
    text = "التقى الرئيس كريم العطار وزير الخارجية في القاهرة أمس."
    assert named(text, tagger.tag(text)) == [("PER", "كريم العطار"), ("LOC", "القاهرة")]


def test_offsets_are_str_offsets_into_the_original_text(tagger):
    text = "«وقالَ» سمير الحدّاد: نعم"
    assert tagger.tag(text) == [("PER", 8, 20)]
    assert text[8:20] == "سمير الحدّاد"


@pytest.mark.parametrize("text", ["", "   ", "،.؟!«»", "123 456"])
def test_text_without_names_gives_no_spans(tagger, text):
    assert tagger.tag(text) == []


def test_latin_text_gives_no_spans(tagger):
    assert tagger.tag("the quick brown fox jumps over the lazy dog") == []


def test_tag_tokens_gives_one_label_per_word(tagger):
    text = "وقال سمير الحداد إن الأرباح ارتفعت"
    spans = list(word_spans(text))
    labels = tagger.tag_tokens(text, spans)
    assert labels == ["O", "B-PER", "I-PER", "O", "O", "O"]
    assert spans_of_labels(labels, spans) == tagger.tag(text)


def test_tagging_twice_and_in_a_longer_text_gives_the_same_spans(tagger):
    text = "وقال سمير الحداد إن الأرباح ارتفعت."
    first = tagger.tag(text)
    assert tagger.tag(text) == first
    longer = text + "\n" + text
    shift = len(text) + 1
    assert tagger.tag(longer) == first + [(label, start + shift, end + shift) for label, start, end in first]


def brute_force(text: str, vocabulary: list[str], weights: np.ndarray, transitions: np.ndarray) -> list[str]:
    """The best BIO label sequence of a one-sentence text, scoring the training attributes of every sequence."""
    spans = list(word_spans(text))
    gaps = [text[: spans[0][0]], *(text[e:s] for (_, e), (s, _) in zip(spans, spans[1:], strict=False)),
            text[spans[-1][1]:]]
    rows = {a: i for i, a in enumerate(vocabulary)}
    attributes = sentence_attributes([text[a:b] for a, b in spans], gaps, Lexicon())
    emissions = [weights[[rows[a] for a in attrs if a in rows]].sum(axis=0) for attrs in attributes]

    def score(path: tuple[int, ...]) -> float:
        if any(LABELS[y].startswith("I-") and (i == 0 or LABELS[path[i - 1]][2:] != LABELS[y][2:])
               for i, y in enumerate(path)):
            return -np.inf
        return sum(e[y] for e, y in zip(emissions, path, strict=True)) + sum(
            transitions[a, b] for a, b in zip(path, path[1:], strict=False))

    best = max(itertools.product(range(len(LABELS)), repeat=len(spans)), key=score)
    return [LABELS[y] for y in best]


@pytest.mark.parametrize("seed", range(5))
def test_tagger_finds_the_best_path_over_the_training_attributes(seed):
    text = "قال زيد: «شركة النور» ربحت"
    spans = list(word_spans(text))
    gaps = [text[: spans[0][0]], *(text[e:s] for (_, e), (s, _) in zip(spans, spans[1:], strict=False)),
            text[spans[-1][1]:]]
    attributes = sentence_attributes([text[a:b] for a, b in spans], gaps, Lexicon())
    vocabulary = sorted({a for attrs in attributes for a in attrs})
    rng = np.random.default_rng(seed)
    weights = rng.normal(size=(len(vocabulary), len(LABELS))).astype(np.float32)
    transitions = rng.normal(size=(len(LABELS), len(LABELS))).astype(np.float32)
    tagger = NerTagger(LABELS, vocabulary, weights, transitions, Lexicon())
    assert tagger.tag_tokens(text, spans) == brute_force(text, vocabulary, weights, transitions)


def test_a_small_cache_gives_the_same_labels_as_a_large_one():
    vocabulary = ["bias", "0w=زيد", "-1w=زيد", "0w=شركه", "-1w=شركه"]
    weights = np.array([[2, 0, 0, 0, 0], [0, 4, 0, 0, 0], [0, 0, 3, 0, 0], [0, 0, 0, 4, 0], [0, 0, 0, 0, 3]],
                       dtype=np.float32)
    transitions = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    small = NerTagger(LABELS, vocabulary, weights, transitions, Lexicon(), cache_size=4)
    large = NerTagger(LABELS, vocabulary, weights, transitions, Lexicon())
    texts = ["رأى زيد عمرا", "في شركة النور", "زيد وعمرو وبكر وخالد في شركة كبرى"]
    for text in texts * 2:
        assert small.tag(text) == large.tag(text)
    assert named(texts[0], large.tag(texts[0])) == [("PER", "زيد عمرا")]
    assert named(texts[1], large.tag(texts[1])) == [("ORG", "شركة النور")]


def test_second_stage_finds_a_name_again_elsewhere_in_the_document():
    vocabulary = ["bias", "-1t=speech", "0dB=PER"]
    weights = np.zeros((3, 2 * len(LABELS)), dtype=np.float32)
    weights[0, [0, 5]] = 1  # O is the default in both stages
    weights[1, [1, 6]] = 3  # after قال: B-PER, in both stages
    weights[2, 6] = 3  # second stage: another mention of the word was B-PER
    transitions = np.zeros((2, len(LABELS), len(LABELS)), dtype=np.float32)
    tagger = NerTagger(LABELS, vocabulary, weights, transitions, Lexicon())
    text = "قال بدري كلاما. ثم جاء بدري."
    spans = list(word_spans(text))
    assert tagger.tag_tokens(text, spans, stages=1) == ["O", "B-PER", "O", "O", "O", "O"]
    assert named(text, tagger.tag(text)) == [("PER", "بدري"), ("PER", "بدري")]


SCORED_WORDS = [PAD, "قالَ", "زيد", "والرئيس", "بالمكالمةِ", "للبنك", "والبدري", "فالكون", "CNN", "Dell", "iPhone",
                "2024", "١٢٣"]


def summed_attribute_weights(word: str, vocabulary: list[str], weights: np.ndarray, lexicon: Lexicon) -> np.ndarray:
    """The training-form scores of a word: for each offset, the summed weights of its word_attributes strings."""
    rows = {a: i for i, a in enumerate(vocabulary)}
    return np.array([weights[[rows[a] for a in attrs if a in rows]].sum(axis=0)
                     for attrs in word_attributes(word, lexicon)])


def test_word_scores_of_the_shipped_model_are_its_weights_of_word_attributes(tagger):
    with resources.files("indexer.entities.tagger").joinpath(MODEL_FILE).open("rb") as fh, np.load(fh) as model:
        vocabulary, weights = model["attributes"].tolist(), model["weights"]
    for word, scores in zip(SCORED_WORDS, tagger.word_scores(SCORED_WORDS), strict=True):
        expected = summed_attribute_weights(word, vocabulary, weights, tagger._lexicon)
        np.testing.assert_allclose(scores, expected, rtol=0, atol=1e-5, err_msg=word)


def test_the_shipped_model_knows_how_common_words_are(tagger):
    lexicon = tagger._lexicon
    assert int(lexicon.frequency_class("قال")) >= 5  # "said": among the most common words
    assert lexicon.frequency_class("زيدونوفيتش") == "0"  # not a word: rarer than any listed
    assert "0f=0" in word_attributes("زيدونوفيتش", lexicon)[2]  # seen by the word itself (offset 0)


def test_word_scores_see_every_attribute_at_its_offsets():
    lexicon = Lexicon(frozenset({"زيد", "بدري"}), {"^ز": 9.0, "زي": 2.0, "يد$": 1.5, "ال": -1.0}, -0.5)
    vocabulary = sorted({a for word in SCORED_WORDS for attrs in word_attributes(word, lexicon) for a in attrs})
    assert {"0name", "0sname", "-1n=2", "1nisba", "2pad"} <= set(vocabulary)
    weights = np.random.default_rng(0).normal(size=(len(vocabulary), 2 * len(LABELS))).astype(np.float32)
    transitions = np.zeros((2, len(LABELS), len(LABELS)), dtype=np.float32)
    tagger = NerTagger(LABELS, vocabulary, weights, transitions, lexicon)
    for word, scores in zip(SCORED_WORDS, tagger.word_scores(SCORED_WORDS), strict=True):
        expected = summed_attribute_weights(word, vocabulary, weights, lexicon)
        np.testing.assert_allclose(scores, expected, rtol=0, atol=1e-5, err_msg=word)


def test_name_classes_of_many_words_equal_name_class(tagger):
    text = "قال زيد والرئيس بالمكالمة للبنك والبدري فالكون جورج بوش واشنطن سمير الحداد ب بو cnn iphone 2024"
    words = [normalize(text[a:b]) for a, b in word_spans(text)] + [""]
    lexicons = [tagger._lexicon, Lexicon(odds={"^ز": 9.0, "ال": -3.0, "يد$": 0.25}, unseen_odds=-0.5),
                Lexicon(odds={"^ز": 9.0}, classes={"زيد": -3})]
    for lexicon in lexicons:
        assert GramOdds(lexicon).name_classes(words) == {word: lexicon.name_class(word) for word in words}


def test_strip_proclitic_takes_the_first_proclitic_that_leaves_two_letters():
    for word in ["والرئيس", "وال", "والد", "بالبيت", "ببب", "لله", "للا", "كتب", "ول", "و", ""]:
        expected = next(((c, word[len(c):]) for c in TAGGER_CLITICS if word.startswith(c) and len(word) - len(c) >= 2),
                        ("", word))
        assert strip_proclitic(word) == expected, word


def test_tagging_with_known_word_spans_gives_the_same_spans(tagger):
    text = "وقال سمير الحداد رئيس الاتحاد الدولي للسباحة إن البطولة ستقام في القاهرة."
    assert tagger.tag(text, list(word_spans(text))) == tagger.tag(text)
    assert tagger.normalized("للسباحة") == normalize("للسباحة")


WORDS = st.text(st.one_of(st.sampled_from(list("وفبلكالرئيسزيدبدريمحمدةىأإآءئؤ")), st.sampled_from(list("aBc19٣")),
                          st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)), max_size=9)


@settings(max_examples=at_least(300))
@given(st.lists(WORDS.filter(lambda word: word != PAD), max_size=6))
def test_attribute_columns_are_reached_attributes(tagger, written):
    lexicon = tagger._lexicon
    words = [normalize(word) for word in written]
    columns = attribute_columns(written, words, lexicon)
    for i, (word, norm) in enumerate(zip(written, words, strict=True)):
        found = [(prefix + values[i], reach) for prefix, values, reach in columns if values[i] is not None]
        assert found == reached_attributes(word, norm, lexicon)


@settings(max_examples=at_least(300))
@given(st.lists(WORDS, max_size=6))
def test_mean_odds_of_many_words_equal_the_lexicon_s_exactly(tagger, words):
    odds = GramOdds(tagger._lexicon)._mean_odds(words).tolist()
    assert odds == [tagger._lexicon._mean_odds(word) for word in words]


def test_word_table_sums_each_attribute_s_weights_in_word_attributes_order(tagger):
    # the training form, summed in float32 one attribute after the other, bit for bit
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt")))
    words = sorted({text[a:b] for a, b in word_spans(text)} | {"CNN", "iPhone", "2024", "١٢٣", "والبدري"})
    assert len(words) > 1024  # the table grows while they are scored
    fresh = NerTagger.load()
    scores = fresh.word_scores(words)
    rows = {attribute: i for i, attribute in enumerate(fresh._row)}
    for word, found in zip(words, scores, strict=True):
        expected = np.zeros_like(found)
        for j, attributes in enumerate(word_attributes(word, fresh._lexicon)):
            for attribute in attributes:
                if attribute in rows:
                    expected[j] += fresh._weights[rows[attribute]]
        assert np.array_equal(found, expected), word


def test_document_key_drops_the_first_of_its_clitics_that_leaves_three_letters():
    for n in range(7):
        for letters in itertools.product("والفب", repeat=n):
            word = "".join(letters)
            expected = next((word[len(c):] for c in ("وال", "فال", "ال", "و", "ف")
                             if word.startswith(c) and len(word) - len(c) >= 3), word)
            assert document_key(word) == expected, word


def test_a_lone_surrogate_does_not_stop_the_tagger():
    from indexer.entities.tagger import NerTagger

    text = "قال زيد \ud800 أمس"
    assert all(0 <= start < end <= len(text) for _, start, end in NerTagger.load().tag(text))
