"""Parsed query (search.query nodes) + analyzer → EngineQuery (plain data) that every backend runs the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from indexer.analysis import Analyzer
from indexer.backends.base import (
    Bool,
    Boost,
    DateRange,
    EngineQuery,
    Fuzzy,
    MatchAll,
    MatchNone,
    Phrase,
    Prefix,
    Term,
)
from search import query as q
from search.query import ENTITY_FIELDS


@dataclass(frozen=True)
class Ranking:
    """How a word's matches add up; every default is backed by bench/ablation.py figures."""

    title_boost: float = 0.5  # a title match adds this fraction of its BM25 score
    exact_boost: float = 0.5  # an unstemmed (normalized) match adds this on top of the stemmed one
    proximity_boost: float = 0.0  # off: adjacent query words near each other (helps arcd, hurts xquad)
    proximity_slop: int = 2
    rm3_docs: int = 0  # off: pseudo-relevance feedback from the first `rm3_docs` hits (search/feedback.py)
    rm3_terms: int = 10
    rm3_weight: float = 0.3


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


# -- query tree → engine query ---------------------------------------------------------------------------------

EntityResolver = Callable[[str, str], list[str]]  # (field, user text) → index values it may mean


def literal_entity(field: str, text: str) -> list[str]:
    """The value as typed (entity facets map aliases to canonical values; see search/facets)."""
    return [" ".join(text.split())]


@dataclass(frozen=True)
class Planner:
    """Turns a parsed query (search.query nodes) into an EngineQuery with one analyzer and one ranking."""

    analyzer: Analyzer
    ranking: Ranking = Ranking()
    resolve_entity: EntityResolver = literal_entity
    conjunctive: bool = False  # plain words all required (AND) instead of OR-ranked

    def plan(self, node: q.Node) -> EngineQuery:
        return self.build(node) or MatchNone()

    def build(self, node: q.Node) -> EngineQuery | None:
        """None for a node that searches for nothing (a stopword, an empty phrase)."""
        method = getattr(self, "_" + type(node).__name__.lower())
        return method(node)

    def _empty(self, node: q.Empty) -> None:
        return None

    def _word(self, node: q.Word) -> EngineQuery | None:
        words = query_words(self.analyzer, node.text)
        if node.field == "title":
            return _any([Term("title", w.term) for w in words])
        return _any([word_query(w, self.ranking) for w in words])

    def _phrase(self, node: q.Phrase) -> EngineQuery | None:
        if node.field in ENTITY_FIELDS:
            return _any([Term(node.field, v) for v in self.resolve_entity(node.field, node.text)])
        terms = tuple(self.analyzer.terms(node.text))
        if not terms:
            return None
        if node.field == "title":
            return Phrase("title", terms, node.slop)
        return Bool(should=(Phrase("body", terms, node.slop),
                            Boost(Phrase("title", terms, node.slop), self.ranking.title_boost or 1.0)))

    def _exact(self, node: q.Exact) -> EngineQuery | None:
        terms = tuple(self.analyzer.exact_terms(node.text))
        return Phrase("exact", terms) if terms else None

    def _prefix(self, node: q.Prefix) -> EngineQuery | None:
        prefix = self.analyzer.normalize_term(node.text)
        return Bool(should=(Prefix("exact", prefix), Prefix("body", prefix))) if prefix else None

    def _fuzzy(self, node: q.Fuzzy) -> EngineQuery | None:
        words = query_words(self.analyzer, node.text)
        if not words:
            return None
        clauses: list[EngineQuery] = []
        for w in words:
            distance = fuzzy_distance(w.exact, node.distance)
            clauses += [Fuzzy("exact", w.exact, distance), Fuzzy("body", w.term, distance)]
        return Bool(should=tuple(clauses))

    def _daterange(self, node: q.DateRange) -> EngineQuery:
        return DateRange(node.start, node.end)

    def _must(self, node: q.Must) -> EngineQuery | None:
        return self.build(node.child)

    def _not(self, node: q.Not) -> EngineQuery | None:
        child = self.build(node.child)
        return Bool(must_not=(child,)) if child else None

    def _clauses(self, node: q.Clauses) -> EngineQuery | None:
        """Juxtaposed terms: +must required, -not excluded, the others OR-ranked; dates and entity fields
        written beside them filter the result."""
        filters = [f for f in map(self.build, filter(is_filter, node.items)) if f is not None]
        must: list[EngineQuery] = []
        should: list[EngineQuery] = []
        must_not: list[EngineQuery] = []
        for item in node.items:
            built = None if is_filter(item) else self.build(item.child if isinstance(item, (q.Must, q.Not)) else item)
            if built is None:
                continue
            if isinstance(item, q.Not):
                must_not.append(built)
            elif isinstance(item, q.Must) or self.conjunctive:
                must.append(built)
            else:
                should.append(built)
        core = self._core(node, must, should, must_not)
        if not filters:
            return core
        return Bool(must=(core, *filters) if core else tuple(filters))

    def _core(self, node: q.Clauses, must: list[EngineQuery], should: list[EngineQuery],
              must_not: list[EngineQuery]) -> EngineQuery | None:
        if not (must or should or must_not):
            return None
        if not must and not should:
            return Bool(must=(MatchAll(),), must_not=tuple(must_not))
        plain = [w for item in node.items if isinstance(item, q.Word) and item.field is None
                 for w in query_words(self.analyzer, item.text)]
        near = proximity(plain, self.ranking)
        if near:
            must, should = [Bool(tuple(must), tuple(dict.fromkeys(should)))], list(near)
        return Bool(tuple(dict.fromkeys(must)), tuple(dict.fromkeys(should)), tuple(must_not))

    def _and(self, node: q.And) -> EngineQuery | None:
        parts = [p for p in map(self.build, node.items) if p is not None]
        return Bool(must=tuple(parts)) if parts else None

    def _or(self, node: q.Or) -> EngineQuery | None:
        return _any([p for p in map(self.build, node.items) if p is not None])


def is_filter(node: q.Node) -> bool:
    """Dates and entity fields restrict the results when written beside words (مكالمة date:2024)."""
    return isinstance(node, q.DateRange) or isinstance(node, q.Phrase) and node.field in ENTITY_FIELDS


def fuzzy_distance(word: str, asked: int | None) -> int:
    """The edit distance for a fuzzy word: as asked, else 1 up to 5 letters and 2 beyond."""
    return asked if asked is not None else (1 if len(word) <= 5 else 2)


def _any(clauses: list[EngineQuery]) -> EngineQuery | None:
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else Bool(should=tuple(clauses))
