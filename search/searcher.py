"""Query text → Results: parse, plan, rank with BM25 through the backend, build snippets and facet counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from indexer.aliases import read_aliases
from indexer.analysis import TokenInfo
from indexer.backends.base import Bool, Boost, EngineQuery, MatchAll, MatchNone, Term
from indexer.documents import Document
from indexer.entities import Entity, EntityExtractor, default_extractor
from indexer.errors import DocumentNotFound
from indexer.index import DEFAULT_PATH, open_index
from search import query as q
from search.facets import EntityTable, firms_among_persons
from search.feedback import expand
from search.highlight import Matcher, compile_matchers, find_matches, positive_leaves
from search.plan import Planner, Ranking
from search.results import FacetCount, Hit, Results
from search.snippets import make_snippet

FACET_KINDS = ("person", "firm")  # facets shown with results; "org" is a field too (org:…, facets(kinds=…))
ENTITY_TABLE_SIZE = 1_000_000  # distinct stored values read to group entities


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
        self.planner = Planner(self.analyzer, ranking, self._entity_values)
        self._tables: dict[str, EntityTable] = {}
        self._extractor: EntityExtractor | None = None

    def entity_table(self, kind: str) -> EntityTable:
        """How this index's stored entity values group into real entities (built once per Searcher)."""
        if kind not in self._tables:
            counts = self._stored_counts(kind)
            hidden = firms_among_persons(counts, self._stored_counts("firm")) if kind == "person" else frozenset()
            self._tables[kind] = EntityTable(kind, counts, read_aliases(self._index.path), hidden)
        return self._tables[kind]

    def _stored_counts(self, kind: str) -> dict[str, int]:
        return dict(self.backend.count_values(MatchAll(), kind, ENTITY_TABLE_SIZE))

    def _entity_values(self, kind: str, text: str) -> list[str]:
        return self.entity_table(kind).values_for(text)

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
        hits = [self._hit(score, doc, ents, matchers, snippet_chars) for score, doc, ents in page.hits]
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
            table = self.entity_table(kind)
            raw = self.backend.count_values(query, kind, max(size * 20, 200))

            def exact(values: tuple[str, ...], kind: str = kind) -> int:
                return self.backend.count(Bool(must=(query, Bool(should=tuple(Term(kind, v) for v in values)))))

            counts = table.counts(raw, exact, size)
            out[kind] = [FacetCount(v, c) for v, c in sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))[:size]]
        return out

    def _terms(self, node: q.Node) -> list[str]:
        terms: list[str] = []
        for leaf in positive_leaves(node):
            terms += self.analyzer.terms(getattr(leaf, "text", ""))
        return list(dict.fromkeys(terms))

    def _hit(self, score: float, doc: Document, entities: dict[str, tuple[str, ...]],
             matchers: list[tuple[str, Matcher]], snippet_chars: int) -> Hit:
        snippet = make_snippet(doc.body, find_matches(matchers, self.analyzer, doc.body), snippet_chars)
        return Hit(doc.id, doc.title, score, snippet, doc.source, doc.date,
                   self._shown("person", entities.get("person", ())), self._shown("firm", entities.get("firm", ())),
                   doc.extra)

    def _shown(self, kind: str, values: Sequence[str]) -> tuple[str, ...]:
        """Stored values → the entity names shown for them (aliases applied, blocked ones left out)."""
        table = self.entity_table(kind)
        return tuple(dict.fromkeys(table.group(v).name for v in values if not table.is_blocked(v)))

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id, or None."""
        return self.backend.get(doc_id)

    def document(self, doc_id: str) -> Document:
        """The stored document with this id; DocumentNotFound says how to find ids."""
        doc = self.backend.get(doc_id)
        if doc is None:
            raise DocumentNotFound(doc_id, str(self._index.path))
        return doc

    def mentions(self, text: str) -> list[Entity]:
        """The entity mentions in `text`, by the same extractor indexing uses (loaded once per Searcher)."""
        if self._extractor is None:
            self._extractor = default_extractor()
        return self._extractor(text)

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
