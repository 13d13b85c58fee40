"""Resolved query (search.resolve) → EngineQuery (plain data) that every backend runs the same way."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from indexer.backends.base import AnyOf, Bool, Boost, DateRange, EngineQuery, MatchAll, MatchNone, Phrase, Term
from search import query as q
from search.resolve import BODY, EXACT, STEM, TITLE, EntityFilter, Form, Group, Leaf, Node, QueryWord, Resolved


@dataclass(frozen=True)
class Ranking:
    """How a word's matches add up; every default is backed by bench/ablation.py figures."""

    # A word's title match scores this times its BM25 in the title, and the word counts by the better of its title
    # and body scores (a disjunction max, as Elasticsearch's multi_match best_fields with title^2): every passage of
    # an article about X matches X through its title, whether or not its own text repeats X. (Until 2026-12: 0.5,
    # added to the body's score, which short passages that repeat the title's name won unduly; then 1.5 with the
    # title's own idf.) bench/ablation.py, mean MRR@10 of the four tuning collections: 1.5 / 1.75 / 2.0 / 2.25 / 2.5
    # give 0.7992 / 0.8017 / 0.8029 / 0.8030 / 0.8024 with title_body_idf, and 2.0 the best mean of all six.
    title_boost: float = 2.0
    # A title match is scored with its words' idf in the body, not in the title (the title's BM25 × body idf ÷ title
    # idf): titles are a few words, so a word's idf over titles is far above its idf over texts (with 30,179 news
    # articles, «قدم» 5.72 in titles, 1.95 in texts), and one common word in a title outscored the text's rarest.
    # BM25F and Elasticsearch's combined_fields take one idf for both fields for the same reason. Tuning mean MRR@10
    # (four collections) 0.8029 with it at title_boost 2.0, 0.8019 without it at the best boost (1.5).
    title_body_idf: bool = True
    exact_boost: float = 0.25  # an unstemmed (normalized) match adds this on top of the stemmed one (0.5 before ar_light@3)
    proximity_boost: float = 0.0  # off: adjacent query words near each other (helps arcd, hurts xquad)
    proximity_slop: int = 2
    rm3_docs: int = 0  # off: pseudo-relevance feedback from the first `rm3_docs` hits (search/feedback.py)
    rm3_terms: int = 10
    rm3_weight: float = 0.3


DocFreqs = Callable[[Sequence[tuple[str, str]]], tuple[int, list[int]]]  # (field, term)s → (documents, each's count)


def bm25_idf(documents: int, freq: int) -> float:
    """BM25's idf as Lucene and tantivy compute it (and the whoosh backend's LuceneBM25)."""
    return math.log(1 + (documents - freq + 0.5) / (freq + 0.5))


@dataclass(frozen=True)
class TitleWeights:
    """The boost of a title match for one query: `boost` × the words' idf in the body ÷ their idf in the title
    (Ranking.title_body_idf); words not in `idfs` take `boost` as it is."""

    boost: float
    idfs: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # stem → (idf in the body, in the title)

    @classmethod
    def of(cls, ranking: Ranking, stems: Sequence[str] = (), doc_freqs: DocFreqs | None = None) -> TitleWeights:
        """The weights of `stems` read from the index in one call (none without `doc_freqs` or title_body_idf)."""
        stems = list(dict.fromkeys(stems))
        if not (ranking.title_body_idf and ranking.title_boost and doc_freqs and stems):
            return cls(ranking.title_boost)
        documents, freqs = doc_freqs([("body", s) for s in stems] + [("title", s) for s in stems])
        body, title = freqs[:len(stems)], freqs[len(stems):]
        return cls(ranking.title_boost, {s: (bm25_idf(documents, b), bm25_idf(documents, t))
                                         for s, b, t in zip(stems, body, title, strict=True) if t})

    def weight(self, stems: Sequence[str]) -> float:
        """The boost of a title match of these words (a phrase: its words' idfs summed, as BM25 scores phrases)."""
        known = [self.idfs[s] for s in stems if s in self.idfs]
        title = sum(t for _, t in known)
        return self.boost * sum(b for b, _ in known) / title if title else self.boost


def word_query(word: QueryWord, ranking: Ranking = Ranking(), weights: TitleWeights | None = None) -> EngineQuery:
    """One word: its stem in the body or the title (boosted), the better of the two, plus its exact form (boosted)."""
    boost = (weights or TitleWeights(ranking.title_boost)).weight((word.term,))
    return _with_exact(best_field(Term("body", word.term), Term("title", word.term), boost),
                       Term("exact", word.exact), ranking)


def best_field(body: EngineQuery, title: EngineQuery, boost: float) -> EngineQuery:
    """The same words in the body and in the title (boosted), scored by the better of the two."""
    return AnyOf((body, Boost(title, boost))) if boost else body


def _with_exact(stemmed: EngineQuery, exact: EngineQuery, ranking: Ranking) -> EngineQuery:
    return Bool(should=(stemmed, Boost(exact, ranking.exact_boost))) if ranking.exact_boost else stemmed


def proximity(stems: Sequence[str], ranking: Ranking) -> tuple[EngineQuery, ...]:
    """Each pair of neighbouring query words found within `proximity_slop` of each other in the body."""
    if not ranking.proximity_boost or len(stems) < 2:
        return ()
    return tuple(Boost(Phrase("body", (a, b), ranking.proximity_slop), ranking.proximity_boost)
                 for a, b in zip(stems, stems[1:], strict=False))


# -- resolved query → engine query -----------------------------------------------------------------------------

def form_query(form: Form, ranking: Ranking = Ranking(), weights: TitleWeights | None = None) -> EngineQuery:
    """One form of a term: a body word with its title and exact-form boosts, a phrase in the body (and the title),
    words ranked on their own, or plain terms of one field."""
    if form.field == BODY:
        words = [QueryWord(t, e) for t, e in zip(form.words, form.exact or form.words, strict=True)]
        if len(words) == 1:
            return word_query(words[0], ranking, weights)
        if form.slop is None:
            return Bool(should=tuple(word_query(w, ranking, weights) for w in words))
        boost = (weights or TitleWeights(ranking.title_boost)).weight(form.words)
        return best_field(Phrase("body", form.words, form.slop), Phrase("title", form.words, form.slop), boost)
    field = {TITLE: "title", EXACT: "exact", STEM: "body"}[form.field]
    if len(form.words) == 1:
        return Term(field, form.words[0])
    if form.slop is None:
        return Bool(should=tuple(Term(field, w) for w in form.words))
    return Phrase(field, form.words, form.slop)


@dataclass(frozen=True)
class Planner:
    """Turns a resolved query into an EngineQuery with one ranking; `doc_freqs` (the backend's) gives the title
    weights their idfs (without it, a title match is boosted by title_boost as it is)."""

    ranking: Ranking = Ranking()
    doc_freqs: DocFreqs | None = None
    weights: TitleWeights | None = None  # the query's, set by plan()

    def plan(self, resolved: Resolved) -> EngineQuery:
        stems = [w for leaf in resolved.leaves for f in leaf.forms if f.field == BODY for w in f.words]
        planner = replace(self, weights=TitleWeights.of(self.ranking, stems, self.doc_freqs))
        built = planner.build(resolved.root) if resolved.root is not None else None
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
        queries = tuple(dict.fromkeys(form_query(f, self.ranking, self.weights) for f in leaf.forms))
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
