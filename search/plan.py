"""Analysed query words → EngineQuery (plain data) that every backend runs the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from indexer.analysis import Analyzer
from indexer.backends.base import Bool, Boost, EngineQuery, MatchNone, Phrase, Term


@dataclass(frozen=True)
class Ranking:
    """How a word's matches add up; every default is backed by bench/ablation.py figures."""

    title_boost: float = 0.5  # a title match adds this fraction of its BM25 score
    exact_boost: float = 0.5  # an unstemmed (normalized) match adds this on top of the stemmed one
    proximity_boost: float = 0.0  # off: adjacent query words near each other (helps arcd, hurts xquad)
    proximity_slop: int = 2


@dataclass(frozen=True)
class QueryWord:
    """One content word of a query: its stem (indexed term) and its normalized, unstemmed form."""

    term: str
    exact: str


def query_words(analyzer: Analyzer, text: str) -> list[QueryWord]:
    """The content words of `text`, stopwords dropped, first occurrence kept."""
    words = [QueryWord(i.term, i.normalized) for i in analyzer.explain(text) if i.term is not None]
    return list(dict.fromkeys(words))


def word_query(word: QueryWord, ranking: Ranking = Ranking()) -> EngineQuery:
    """One word: its stem in the body, in the title (boosted), and its exact form (boosted)."""
    clauses: list[EngineQuery] = [Term("body", word.term)]
    if ranking.title_boost:
        clauses.append(Boost(Term("title", word.term), ranking.title_boost))
    if ranking.exact_boost:
        clauses.append(Boost(Term("exact", word.exact), ranking.exact_boost))
    return Bool(should=tuple(clauses))


def proximity(words: Sequence[QueryWord], ranking: Ranking) -> tuple[EngineQuery, ...]:
    """Each pair of neighbouring query words found within `proximity_slop` of each other in the body."""
    if not ranking.proximity_boost or len(words) < 2:
        return ()
    return tuple(Boost(Phrase("body", (a.term, b.term), ranking.proximity_slop), ranking.proximity_boost)
                 for a, b in zip(words, words[1:], strict=False))


def bag_of_words(words: Sequence[QueryWord], ranking: Ranking = Ranking()) -> EngineQuery:
    """OR of the words, BM25-ranked: documents with more (and rarer) query words come first."""
    if not words:
        return MatchNone()
    bag = Bool(should=tuple(word_query(w, ranking) for w in words))
    near = proximity(words, ranking)
    return Bool(must=(bag,), should=near) if near else bag
