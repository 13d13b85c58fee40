"""Pseudo-relevance feedback (RM3): the relevance model and the expanded query."""

from indexer import Document, get_analyzer
from indexer.backends.base import Bool, Boost, Page, Stored, Term
from search.feedback import expand, relevance_model
from search.plan import QueryWord, Ranking


def page(*bodies_and_scores):
    return Page(len(bodies_and_scores), [(score, Stored(Document(str(i), "", body), {}))
                                         for i, (body, score) in enumerate(bodies_and_scores)])


def test_relevance_model_weights_words_by_frequency_and_document_score():
    model = relevance_model(page(("سوق سوق نفط", 1.0), ("سوق ذهب", 1.0)), get_analyzer(), terms=2)
    # P(w|R): سوق 0.5·2/3 + 0.5·1/2, ذهب 0.5·1/2, نفط 0.5·1/3; the top two renormalized.
    assert [(w.term, round(p, 4)) for w, p in model] == [("سوق", 0.7), ("ذهب", 0.3)]
    assert abs(sum(p for _, p in relevance_model(page(("سوق نفط", 2.0)), get_analyzer(), 5)) - 1.0) < 1e-9


def test_expand_keeps_the_original_required_and_adds_weighted_feedback_words():
    original = Term("body", "سوق")
    ranking = Ranking(rm3_docs=1, rm3_terms=1, rm3_weight=0.3)
    expanded = expand(original, page(("نفط نفط", 1.0)), get_analyzer(), ranking)
    assert expanded.must == (Bool(should=(Boost(original, 0.7),)),)
    (feedback,) = expanded.should
    assert feedback.factor == 0.3
    assert feedback.query.should[0].factor == 1.0


def test_no_hits_leaves_the_query_alone():
    assert expand(Term("body", "x"), Page(0, []), get_analyzer(), Ranking(rm3_docs=5)) == Term("body", "x")


def test_feedback_word_carries_stem_and_exact_form():
    (word, _), = relevance_model(page(("المكالمات", 1.0)), get_analyzer(), 1)
    assert word == QueryWord("مكالم", "المكالمات")
