"""Resolved query (search.resolve) → EngineQuery (plain data) that every backend runs the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from indexer.backends.base import AnyOf, Bool, Boost, DateRange, EngineQuery, MatchAll, MatchNone, Phrase, Term
from search import query as q
from search.resolve import BODY, EXACT, STEM, TITLE, EntityFilter, Form, Group, Leaf, Node, QueryWord, Resolved


@dataclass(frozen=True)
class Ranking:
    """How a word's matches add up; every default is backed by bench/ablation.py figures."""

    # A word's title match scores this times its BM25 in the title, and the word counts by the better of its title
    # and body scores (a disjunction max, as Elasticsearch's multi_match best_fields with title^2): every passage of
    # an article about X matches X through its title, whether or not its own text repeats X. (Until 2026-12: 0.5,
    # added to the body's score, which short passages that repeat the title's name won unduly.)
    title_boost: float = 1.5
    exact_boost: float = 0.25  # an unstemmed (normalized) match adds this on top of the stemmed one (0.5 before ar_light@3)
    proximity_boost: float = 0.0  # off: adjacent query words near each other (helps arcd, hurts xquad)
    proximity_slop: int = 2
    rm3_docs: int = 0  # off: pseudo-relevance feedback from the first `rm3_docs` hits (search/feedback.py)
    rm3_terms: int = 10
    rm3_weight: float = 0.3


def word_query(word: QueryWord, ranking: Ranking = Ranking()) -> EngineQuery:
    """One word: its stem in the body or the title (boosted), the better of the two, plus its exact form (boosted)."""
    return _with_exact(best_field(Term("body", word.term), Term("title", word.term), ranking),
                       Term("exact", word.exact), ranking)


def best_field(body: EngineQuery, title: EngineQuery, ranking: Ranking) -> EngineQuery:
    """The same words in the body and in the title (boosted), scored by the better of the two."""
    return AnyOf((body, Boost(title, ranking.title_boost))) if ranking.title_boost else body


def _with_exact(stemmed: EngineQuery, exact: EngineQuery, ranking: Ranking) -> EngineQuery:
    return Bool(should=(stemmed, Boost(exact, ranking.exact_boost))) if ranking.exact_boost else stemmed


def proximity(stems: Sequence[str], ranking: Ranking) -> tuple[EngineQuery, ...]:
    """Each pair of neighbouring query words found within `proximity_slop` of each other in the body."""
    if not ranking.proximity_boost or len(stems) < 2:
        return ()
    return tuple(Boost(Phrase("body", (a, b), ranking.proximity_slop), ranking.proximity_boost)
                 for a, b in zip(stems, stems[1:], strict=False))


# -- resolved query → engine query -----------------------------------------------------------------------------

def form_query(form: Form, ranking: Ranking = Ranking()) -> EngineQuery:
    """One form of a term: a body word with its title and exact-form boosts, a phrase in the body (and the title),
    words ranked on their own, or plain terms of one field."""
    if form.field == BODY:
        words = [QueryWord(t, e) for t, e in zip(form.words, form.exact or form.words, strict=True)]
        if len(words) == 1:
            return word_query(words[0], ranking)
        if form.slop is None:
            return Bool(should=tuple(word_query(w, ranking) for w in words))
        return best_field(Phrase("body", form.words, form.slop), Phrase("title", form.words, form.slop), ranking)
    field = {TITLE: "title", EXACT: "exact", STEM: "body"}[form.field]
    if len(form.words) == 1:
        return Term(field, form.words[0])
    if form.slop is None:
        return Bool(should=tuple(Term(field, w) for w in form.words))
    return Phrase(field, form.words, form.slop)


@dataclass(frozen=True)
class Planner:
    """Turns a resolved query into an EngineQuery with one ranking."""

    ranking: Ranking = Ranking()

    def plan(self, resolved: Resolved) -> EngineQuery:
        built = self.build(resolved.root) if resolved.root is not None else None
        return built or MatchNone()

    def build(self, node: Node) -> EngineQuery | None:
        if isinstance(node, Leaf):
            return self._leaf(node)
        if isinstance(node, EntityFilter):
            return _any([Term(node.field, v) for v in node.values]) or MatchNone()
        if isinstance(node, q.DateRange):
            return DateRange(node.start, node.end)
        return self._group(node)

    def _leaf(self, leaf: Leaf) -> EngineQuery:
        queries = tuple(dict.fromkeys(form_query(f, self.ranking) for f in leaf.forms))
        if not queries:
            return MatchNone()
        return queries[0] if len(queries) == 1 else AnyOf(queries)

    def _group(self, group: Group) -> EngineQuery | None:
        must = [b for b in map(self.build, group.must) if b is not None]
        should = [b for b in map(self.build, group.should) if b is not None]
        must_not = [b for b in map(self.build, group.must_not) if b is not None]
        filters = [b for b in map(self.build, group.filters) if b is not None]
        core: EngineQuery | None = None
        if must or should:
            near = proximity(group.near, self.ranking)
            if near:
                must, should = [Bool(tuple(dict.fromkeys(must)), tuple(dict.fromkeys(should)))], list(near)
            core = Bool(tuple(dict.fromkeys(must)), tuple(dict.fromkeys(should)), tuple(must_not))
            if not must_not and not near and len(must) + len(should) == 1:
                core = (must or should)[0]
        elif must_not:
            core = Bool(must=(MatchAll(),), must_not=tuple(must_not))
        if not filters:
            return core
        return Bool(must=(core, *filters) if core else tuple(filters))


def _any(clauses: list[EngineQuery]) -> EngineQuery | None:
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else Bool(should=tuple(clauses))
