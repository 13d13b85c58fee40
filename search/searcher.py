"""Query text → Results: parse, plan, rank with BM25 through the backend, build snippets and facet counts."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from indexer.analysis import TokenInfo
from indexer.backends.base import Bool, Boost, EngineQuery, MatchAll, MatchNone, Stored, Term
from indexer.documents import Document
from indexer.entities import FIRM, KINDS, PERSON, Entity, Step, Trace, default_extractor
from indexer.entities.store import EntityStore
from indexer.errors import DocumentNotFound
from indexer.index import DEFAULT_PATH, open_index
from search import query as q
from search.facets import group_counts
from search.feedback import expand
from search.highlight import Matcher, compile_matchers, find_matches, positive_leaves
from search.plan import Planner, Ranking
from search.results import FacetCount, Hit, Results
from search.snippets import make_snippet

FACET_KINDS = (PERSON, FIRM)  # facets shown with results; "org" is a field too (org:…, facets(kinds=…))


@dataclass(frozen=True)
class IndexStats:
    """What an index holds: documents, bytes on disk, the analyzer and backend that built it, top entities."""

    documents: int
    size_bytes: int
    analyzer: str
    backend: str
    index: str
    top: dict[str, list[FacetCount]] = field(default_factory=dict)


@dataclass(frozen=True)
class Explanation:
    """What a query means to the engine: the parsed tree, the problems the lenient parser fixed, every word's
    analysis, and the engine query."""

    query: str
    parsed: str
    errors: list[str]
    words: list[TokenInfo] = field(default_factory=list)
    engine: str = ""


class Searcher:
    """Ranked search over one index directory.

    >>> import tempfile
    >>> from indexer import Document, Indexer
    >>> path = tempfile.mkdtemp()
    >>> with Indexer(path) as ix:
    ...     ix.add([Document("a1", "حملة جمع التبرعات", "بدأت الحملةُ بالمكالمةِ لجمع التبرعاتِ أمس")])
    1
    >>> hit = Searcher(path).search("مكالمة التبرعات").hits[0]
    >>> [hit.snippet.text[a:b] for a, b in hit.snippet.highlights]
    ['بالمكالمةِ', 'التبرعاتِ']
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, ranking: Ranking = Ranking()) -> None:
        self._index = open_index(path)
        self.analyzer = self._index.analyzer
        self.backend = self._index.backend
        self.entities = EntityStore(self._index.path)
        self.planner = Planner(self.analyzer, ranking, self.entities.values_for)
        if not self.entities.is_current():  # the aliases file was edited by hand since the groups were made
            with contextlib.suppress(sqlite3.OperationalError):  # on a read-only index they stay as they were
                self.entities.regroup()

    def facet_value(self, kind: str, value: str) -> str:
        """The facet value shown for a stored entity value (its group's name; the value itself if unknown)."""
        found = self.entities.groups(kind, [value]).get(value)
        return found[1].name if found else value

    def parse(self, query: str | q.Node, filters: Sequence[q.Node] = ()) -> tuple[q.Node, list[str]]:
        """Lenient parse of the query text (a tree passes through), with filters required beside it."""
        node, errors = q.parse_lenient(query) if isinstance(query, str) else (query, [])
        if filters:
            node = q.And((node, *filters)) if not isinstance(node, q.Empty) else q.And(tuple(filters))
        return node, [str(e) for e in errors]

    def search(self, query: str | q.Node, *, limit: int = 10, offset: int = 0, filters: Sequence[q.Node] = (),
               snippet_chars: int = 200, facets: bool = True, facet_size: int = 10) -> Results:
        """BM25 over title and body; every hit has a snippet of its original body with the query's matches.

        `query` is query-language text (see search.query) or a parsed tree; `filters` (e.g.
        `Phrase("مارك لاسري", "person")`) must all match too.
        """
        node, errors = self.parse(query, filters)
        engine_query = self._plan(node)
        page = self.backend.search(engine_query, limit, offset)
        matchers = compile_matchers(node, self.analyzer)
        shown = self._shown([stored for _, stored in page.hits])
        hits = [self._hit(score, stored, shown, matchers, snippet_chars) for score, stored in page.hits]
        counts = self.facet_counts(engine_query, facet_size) if facets and page.total else {}
        text = query if isinstance(query, str) else str(query)
        return Results(text, page.total, hits, counts, self._terms(node), str(node), errors)

    def rank(self, query: str, limit: int = 1000) -> list[tuple[str, float]]:
        """(id, score) of the top `limit` documents, without snippets or facets (for evaluation runs)."""
        return self.backend.rank(self._plan(self.parse(query)[0]), limit)

    def _plan(self, node: q.Node) -> EngineQuery:
        """The engine query, expanded by pseudo-relevance feedback when the ranking asks for it."""
        engine_query = self.planner.plan(node)
        ranking = self.planner.ranking
        if ranking.rm3_docs:
            first = self.backend.search(engine_query, ranking.rm3_docs)
            engine_query = expand(engine_query, first, self.analyzer, ranking)
        return engine_query

    def explain(self, query: str) -> Explanation:
        """The parsed tree, lenient-parser fixes, per-word analysis and engine query for `query`."""
        node, errors = self.parse(query)
        return Explanation(query, str(node), errors, self.analyzer.explain(query), _show(self.planner.plan(node)))

    def facets(self, query: str | q.Node | None = None, kinds: Sequence[str] = FACET_KINDS,
               top: int = 10) -> dict[str, list[FacetCount]]:
        """Documents per entity over the documents matching `query` (all documents when None)."""
        engine_query = self.planner.plan(self.parse(query)[0]) if query is not None else MatchAll()
        return self.facet_counts(engine_query, top, kinds)

    def facet_counts(self, query: EngineQuery, size: int = 10,
                     kinds: Sequence[str] = FACET_KINDS) -> dict[str, list[FacetCount]]:
        """Documents per entity (one value per real entity) over the whole result set of `query`."""
        out = {}
        for kind in kinds:
            raw = self.backend.count_values(query, kind, max(size * 20, 200))

            def exact(values: tuple[str, ...], kind: str = kind) -> int:
                return self.backend.count(Bool(must=(query, Bool(should=tuple(Term(kind, v) for v in values)))))

            counts = group_counts(raw, self.entities.groups(kind, [v for v, _ in raw]), exact, size)
            out[kind] = [FacetCount(v, c) for v, c in sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))[:size]]
        return out

    def _terms(self, node: q.Node) -> list[str]:
        terms: list[str] = []
        for leaf in positive_leaves(node):
            terms += self.analyzer.terms(getattr(leaf, "text", ""))
        return list(dict.fromkeys(terms))

    def _hit(self, score: float, stored: Stored, shown: dict[str, dict[str, str | None]],
             matchers: list[tuple[str, Matcher]], snippet_chars: int) -> Hit:
        doc = stored.doc
        snippet = make_snippet(doc.body, find_matches(matchers, self.analyzer, doc.body), snippet_chars)
        names = {kind: tuple(dict.fromkeys(name for v in stored.values.get(kind, ()) if (name := shown[kind].get(v))))
                 for kind in FACET_KINDS}
        return Hit(doc.id, doc.title, score, snippet, doc.source, doc.date, names[PERSON], names[FIRM], doc.extra,
                   tuple(self._mentions(stored, shown)))

    def _shown(self, stored: Sequence[Stored]) -> dict[str, dict[str, str | None]]:
        """kind → stored value → the entity name shown for it (its group's, aliases applied; None when blocked),
        for every value and mention of the documents `stored`."""
        out = {}
        for kind in KINDS:
            values = {v for s in stored for v in s.values.get(kind, ())} | \
                {m[3] for s in stored for m in s.mentions if m[0] == kind}
            groups = self.entities.groups(kind, values)
            out[kind] = {v: None if v in groups and groups[v][1].blocked else groups[v][1].name if v in groups else v
                         for v in values}
        return out

    def _mentions(self, stored: Stored, shown: dict[str, dict[str, str | None]]) -> list[Entity]:
        """A stored document's entity mentions, each valued as its facet (blocked ones left out)."""
        text = f"{stored.doc.title}\n{stored.doc.body}"
        return [Entity(kind, start, end, text[start:end], name) for kind, start, end, value in stored.mentions
                if (name := shown.get(kind, {}).get(value))]

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id, or None."""
        stored = self.backend.get(doc_id)
        return stored.doc if stored else None

    def document(self, doc_id: str) -> Document:
        """The stored document with this id; DocumentNotFound says how to find ids."""
        return self._stored(doc_id).doc

    def values_of(self, doc_id: str) -> dict[str, tuple[str, ...]]:
        """The facet values of one document by kind (the entity names its hits show; blocked ones left out)."""
        stored = self._stored(doc_id)
        shown = self._shown([stored])
        return {kind: tuple(dict.fromkeys(name for v in stored.values.get(kind, ()) if (name := shown[kind].get(v))))
                for kind in KINDS}

    def mentions(self, doc_id: str) -> list[Entity]:
        """The entity mentions the index keeps for a document, each valued as its facet (its group's name)."""
        stored = self._stored(doc_id)
        return self._mentions(stored, self._shown([stored]))

    def trace(self, doc_id: str) -> Trace:
        """How the extractor finds the entities of a stored document, each traced on to its facet value: the group
        the index puts its canonical value in, and why (the grouping pass that joined it, or your aliases)."""
        document = self.document(doc_id)
        trace = default_extractor().trace(f"{document.title}\n{document.body}")
        return replace(trace, entities=[replace(t, steps=(*t.steps, self._grouped(t.entity))) for t in trace.entities])

    def _grouped(self, entity: Entity) -> Step:
        found = self.entities.why(entity.kind, entity.canonical)
        if found is None:
            return Step("grouped", "not in the index", (), entity.canonical)
        name, why = found
        return Step("grouped", "facet value", (entity.canonical,), f"{name} ({why or 'the first value of its group'})")

    def _stored(self, doc_id: str) -> Stored:
        stored = self.backend.get(doc_id)
        if stored is None:
            raise DocumentNotFound(doc_id, str(self._index.path))
        return stored

    def stats(self, top: int = 10) -> IndexStats:
        """Document count, size on disk, analyzer, backend and the `top` persons and firms."""
        size = sum(f.stat().st_size for f in self._index.path.rglob("*") if f.is_file())
        entities = self.facet_counts(MatchAll(), top) if top else {}
        return IndexStats(len(self), size, self.analyzer.name, self.backend.name, str(self._index.path), entities)

    def __len__(self) -> int:
        return self.backend.num_docs()


def _show(query: EngineQuery) -> str:
    """A compact, readable form of an engine query."""
    if isinstance(query, Bool):
        parts = [f"+{_show(c)}" for c in query.must] + [_show(c) for c in query.should]
        parts += [f"-{_show(c)}" for c in query.must_not]
        return "(" + " ".join(parts) + ")"
    if isinstance(query, MatchNone):
        return "<nothing>"
    if isinstance(query, Boost):
        return f"{_show(query.query)}^{query.factor:g}"
    fields = ", ".join(f"{v}" for v in vars(query).values())
    return f"{type(query).__name__}({fields})"
