"""The planner's title weights: a title match scored with its words' idf in the body (Ranking.title_body_idf)."""

import math

import pytest

from indexer import Document
from indexer.backends.base import AnyOf, Boost, Term
from search import Searcher
from search.plan import Planner, Ranking, TitleWeights, bm25_idf, word_query
from search.resolve import QueryWord
from tests.conftest import build_index


def fixed(documents: int, counts: dict[tuple[str, str], int]):
    return lambda terms: (documents, [counts.get(t, 0) for t in terms])


def test_a_word_common_in_texts_but_rare_in_titles_weighs_less_in_the_title():
    weights = TitleWeights.of(Ranking(title_boost=2.0), ["قدم"], fixed(1000, {("body", "قدم"): 300,
                                                                               ("title", "قدم"): 3}))
    assert weights.weight(["قدم"]) == pytest.approx(2.0 * bm25_idf(1000, 300) / bm25_idf(1000, 3))
    assert weights.weight(["قدم"]) < 1.0


def test_same_counts_keep_the_boost_and_a_phrase_sums_its_words_idfs():
    counts = {("body", "وول"): 5, ("title", "وول"): 5, ("body", "ستريت"): 40, ("title", "ستريت"): 10}
    weights = TitleWeights.of(Ranking(title_boost=2.0), ["وول", "ستريت"], fixed(100, counts))
    assert weights.weight(["وول"]) == pytest.approx(2.0)
    body, title = bm25_idf(100, 5) + bm25_idf(100, 40), bm25_idf(100, 5) + bm25_idf(100, 10)
    assert weights.weight(["وول", "ستريت"]) == pytest.approx(2.0 * body / title)


def test_without_counts_or_when_switched_off_the_boost_is_plain():
    counts = fixed(10, {("body", "x"): 9, ("title", "x"): 1})
    assert TitleWeights.of(Ranking(title_boost=2.0)).weight(["x"]) == 2.0
    assert TitleWeights.of(Ranking(title_boost=2.0, title_body_idf=False), ["x"], counts).weight(["x"]) == 2.0
    assert TitleWeights.of(Ranking(), ["y"], counts).weight(["y"]) == Ranking().title_boost  # in no title
    assert word_query(QueryWord("x", "x"), Ranking(exact_boost=0)) == AnyOf((Term("body", "x"),
                                                                              Boost(Term("title", "x"), 2.0)))


def test_the_searcher_plans_with_its_index_counts(tmp_path):
    docs = [Document("t", "كرة القدم", "خبر عن الملاعب")] + [Document(f"b{i}", "", f"مشى على قدم وساق {i}")
                                                           for i in range(4)]
    searcher = Searcher(build_index(tmp_path / "ix", docs))
    resolved = searcher.resolve("قدم")[0]
    stem = resolved.leaves[0].forms[0].words[0]
    planned = searcher.planner.plan(resolved)
    boosts = [n.factor for n in _nodes(planned) if isinstance(n, Boost) and n.query == Term("title", stem)]
    expected = Ranking().title_boost * bm25_idf(5, 4) / bm25_idf(5, 1)
    assert len(boosts) == 1 and math.isclose(boosts[0], expected, rel_tol=1e-9)
    assert Planner().plan(resolved) != planned  # without counts: the plain boost


def _nodes(node):
    yield node
    for child in getattr(node, "queries", ()) + getattr(node, "should", ()) + getattr(node, "must", ()):
        yield from _nodes(child)
    if isinstance(node, Boost):
        yield from _nodes(node.query)
