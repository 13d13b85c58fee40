"""Analysed query terms → EngineQuery (plain data) that every backend runs the same way."""

from __future__ import annotations

from indexer.backends.base import Bool, Boost, EngineQuery, MatchNone, Term

TITLE_BOOST = 2.0  # a term in the title counts this much more than in the body (bench/ablation.py)


def field_term(term: str, title_boost: float = TITLE_BOOST) -> EngineQuery:
    """One term searched in the body and (boosted) in the title."""
    return Bool(should=(Term("body", term), Boost(Term("title", term), title_boost)))


def bag_of_words(terms: list[str], title_boost: float = TITLE_BOOST) -> EngineQuery:
    """OR of the terms, BM25-ranked: documents with more (and rarer) query terms come first."""
    unique = list(dict.fromkeys(terms))
    if not unique:
        return MatchNone()
    return Bool(should=tuple(field_term(t, title_boost) for t in unique))
