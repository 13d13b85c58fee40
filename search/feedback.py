"""First-pass hits + their analysed text → an RM3-expanded engine query (pseudo-relevance feedback, optional)."""

from __future__ import annotations

import math
from collections import Counter

from indexer.analysis import Analyzer
from indexer.backends.base import Bool, Boost, EngineQuery, MatchNone, Page
from search.plan import Ranking, word_query
from search.resolve import QueryWord


def relevance_model(page: Page, analyzer: Analyzer, terms: int) -> list[tuple[QueryWord, float]]:
    """RM1: P(w|R) ∝ Σ_d P(w|d)·P(d|q), with P(d|q) from the softmax of the first-pass scores; the `terms` most
    likely words, weights summing to 1."""
    if not page.hits:
        return []
    top = max(score for score, _ in page.hits)
    doc_weights = [math.exp(score - top) for score, _ in page.hits]
    norm = sum(doc_weights)
    model: Counter[QueryWord] = Counter()
    for (_, stored), weight in zip(page.hits, doc_weights, strict=True):
        doc = stored.doc
        words = [QueryWord(i.term, i.normalized) for i in analyzer.explain(f"{doc.title}\n{doc.body}") if i.term]
        for word, n in Counter(words).items():
            model[word] += (n / len(words)) * (weight / norm) if words else 0.0
    best = model.most_common(terms)
    total = sum(w for _, w in best) or 1.0
    return [(word, w / total) for word, w in best]


def expand(query: EngineQuery, page: Page, analyzer: Analyzer, ranking: Ranking) -> EngineQuery:
    """RM3: the original query weighted by (1 − rm3_weight), the feedback words by rm3_weight."""
    model = relevance_model(page, analyzer, ranking.rm3_terms)
    if not model or isinstance(query, MatchNone):
        return query
    feedback = Bool(should=tuple(Boost(word_query(w, ranking), p) for w, p in model))
    return Bool(must=(Bool(should=(Boost(query, 1 - ranking.rm3_weight),)),),
                should=(Boost(feedback, ranking.rm3_weight),))
