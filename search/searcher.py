"""Query text → Results: parse, plan, rank with BM25 through the backend, build snippets and facet counts."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.analysis import TokenInfo
from indexer.backends.base import MAX_BUCKETS, AnyOf, Bool, Boost, EngineQuery, MatchAll, MatchNone, Stored
from indexer.documents import Document
from indexer.entities import FIRM, KINDS, PERSON, Entity, Step
from indexer.entities.store import EntityStore
from indexer.errors import DocumentNotFound, InputError
from indexer.index import DEFAULT_PATH, open_index, own_files
from indexer.ledger import InputRun, Ledger
from search import query as q
from search.facets import by_entity, exact_needed, group_counts
from search.feedback import expand
from search.highlight import find_matches
from search.plan import Planner, Ranking
from search.resolve import DEFAULT_BUDGET, TYPED, Leaf, Resolved, Resolver
from search.results import FacetCount, Hit, Results
from search.snippets import make_snippet
from search.suggest import FEW_HITS, name_vocabulary, suggest
from search.vocabulary import Vocabulary

if TYPE_CHECKING:
    from indexer.entities.extractor import Trace

SORTS = ("relevance", "date")
FACET_BUDGET = 0.15  # seconds: a search that took longer leaves its facet counts out (they would run it again)
MAX_QUERY_CHARS = 20_000  # about 3,000 words: a pasted page is searchable, a pasted book is refused
FACET_CACHE = 64  # queries whose facet counts a Searcher keeps (paging through hits counts them once)
FACET_KINDS = (PERSON, FIRM)  # facets shown with results; "org" is a field too (org:…, facets(kinds=…))


@dataclass(frozen=True)
class IndexStats:
    """What an index holds: documents, bytes on disk, the analyzer and backend that built it, top entities, and
    each input indexed into it with its last run."""

    documents: int
    size_bytes: int  # the engine's bytes and Fahras's own files (meta, entity groups, ledger, aliases)
    analyzer: str
    backend: str
    index: str
    segments: int = 0
    top: dict[str, list[FacetCount]] = field(default_factory=dict)
    inputs: list[InputRun] = field(default_factory=list)  # each input indexed, with its last run


@dataclass(frozen=True)
class Explanation:
    """What a query means to the engine: the parsed tree, the problems the lenient parser fixed (and what the
    resolution cut short), every word's analysis, the engine query, and each term with the forms it matches."""

    query: str
    parsed: str
    errors: list[str]
    words: list[TokenInfo] = field(default_factory=list)
    engine: str = ""
    terms: list[str] = field(default_factory=list)  # each term of the query and the forms it matches


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

    def __init__(self, path: str | Path = DEFAULT_PATH, ranking: Ranking = Ranking(),
                 budget: float = DEFAULT_BUDGET, facet_budget: float = FACET_BUDGET,
                 on_regroup: Callable[[], None] | None = None) -> None:
        """`budget`: seconds a query's fuzzy and prefix words may take to expand; `facet_budget`: a search that took
        longer leaves its facet counts out (math.inf: never); `on_regroup` is called before the entity values are
        grouped again on opening (the aliases file was edited by hand, or an older version grouped them)."""
        self._index = open_index(path)
        self.facet_budget = facet_budget
        self.analyzer = self._index.analyzer
        self.backend = self._index.backend
        self.entities = EntityStore(self._index.path)
        self.planner = Planner(ranking, self.backend.doc_freqs)
        self.resolver = Resolver(self.analyzer, self.backend.terms, lambda: self._vocabulary("stems")[0],
                                 self.entities.named, self.entities.values_for, budget=budget)
        self._cache: dict[str, tuple[str, tuple[Vocabulary, dict[str, str]]]] = {}
        self._facets: dict[tuple[object, ...], dict[str, list[FacetCount]]] = {}  # the last queries' facet counts
        if not self.entities.is_current():  # the aliases file was edited by hand since the groups were made
            if on_regroup is not None:
                on_regroup()
            with contextlib.suppress(sqlite3.OperationalError):  # on a read-only index they stay as they were
                self.entities.regroup()

    def _vocabulary(self, which: str) -> tuple[Vocabulary, dict[str, str]]:
        """The index's stems ("stems"), normalized words ("words") or entity names ("names"), read once per
        commit of the index."""
        stamp = self.backend.stamp()
        cached = self._cache.get(which)
        if cached is None or cached[0] != stamp:
            if which == "names":
                made = name_vocabulary(self.entities.names())
            else:
                made = Vocabulary(self.backend.terms("body" if which == "stems" else "exact")), {}
            cached = self._cache[which] = (stamp, made)
        return cached[1]

    def facet_value(self, kind: str, value: str) -> str:
        """The facet value shown for a stored entity value (its group's name; the value itself if unknown)."""
        found = self.entities.groups(kind, [value]).get(value)
        return found[1].name if found else value

    def parse(self, query: str | q.Node, filters: Sequence[q.Node] = ()) -> tuple[q.Node, list[str]]:
        """Lenient parse of the query text (a tree passes through), with filters required beside it; a text over
        MAX_QUERY_CHARS raises QuerySyntaxError."""
        if isinstance(query, str) and len(query) > MAX_QUERY_CHARS:
            raise q.QuerySyntaxError(MAX_QUERY_CHARS, f"the query is {len(query):,} characters long, over the limit "
                                                      f"of {MAX_QUERY_CHARS:,}; search for its key words or a phrase")
        node, errors = q.parse_lenient(query) if isinstance(query, str) else (query, [])
        if filters:
            node = q.And((node, *filters)) if not isinstance(node, q.Empty) else q.And(tuple(filters))
        return node, [str(e) for e in errors]

    def resolve(self, query: str | q.Node, filters: Sequence[q.Node] = ()) -> tuple[Resolved, list[str]]:
        """The query analysed once against this index (see search.resolve), and the lenient parser's fixes."""
        node, errors = self.parse(query, filters)
        return self.resolver.resolve(node), errors

    def search(self, query: str | q.Node, *, limit: int = 10, offset: int = 0, filters: Sequence[q.Node] = (),
               snippet_chars: int = 200, facets: bool = True, facet_size: int = 10,
               sort: str | None = None) -> Results:
        """BM25 over title and body; every hit has a snippet of its original body with the query's matches.

        `query` is query-language text (see search.query) or a parsed tree; `filters` (e.g.
        `Phrase("مارك لاسري", "person")`) must all match too. `sort` is "relevance" or "date" (newest first); by
        default a query with words is ranked and one of filters alone lists the newest first. A query with fewer
        than FEW_HITS hits gets spelling suggestions.
        """
        started = time.monotonic()
        node, errors = self.parse(query, filters)
        resolved = self.resolver.resolve(node)
        engine_query = self._plan(resolved)
        if sort not in (None, *SORTS):
            raise InputError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
        newest = sort == "date" or sort is None and not resolved.leaves
        page = self.backend.search(engine_query, limit, offset, newest_first=newest)
        shown = self._shown([stored for _, stored in page.hits])
        hits = [self._hit(score, stored, shown, resolved, snippet_chars) for score, stored in page.hits]
        warnings = [*errors, *resolved.warnings]
        counts = {}
        if facets and page.total:
            spent = time.monotonic() - started
            if spent <= self.facet_budget:
                counts = self.facet_counts(engine_query, facet_size)
            else:
                warnings.append(f"facet counts left out: the search took {spent * 1000:,.0f} ms over "
                                f"{page.total:,} documents; add words or filters to narrow it")
        text = query if isinstance(query, str) else str(query)
        suggestions = self.suggest(text, resolved) if page.total < FEW_HITS and resolved.leaves else []
        return Results(text, page.total, hits, counts, resolved.terms(), str(node), warnings, suggestions,
                       resolved.expansions())

    def suggest(self, query: str, resolved: Resolved) -> list[str]:
        """Spelling suggestions for a query from this index's words and entity names."""
        names, shown = self._vocabulary("names")
        return suggest(query, resolved, self._vocabulary("words")[0], names, shown)

    def rank(self, query: str, limit: int = 1000) -> list[tuple[str, float]]:
        """(id, score) of the top `limit` documents, without snippets or facets (for evaluation runs)."""
        return self.backend.rank(self._plan(self.resolve(query)[0]), limit)

    def _plan(self, resolved: Resolved) -> EngineQuery:
        """The engine query, expanded by pseudo-relevance feedback when the ranking asks for it."""
        engine_query = self.planner.plan(resolved)
        ranking = self.planner.ranking
        if ranking.rm3_docs:
            first = self.backend.search(engine_query, ranking.rm3_docs)
            engine_query = expand(engine_query, first, self.analyzer, ranking)
        return engine_query

    def explain(self, query: str) -> Explanation:
        """The parsed tree, lenient-parser fixes, per-word analysis, every term's forms and the engine query."""
        resolved, errors = self.resolve(query)
        return Explanation(query, str(self.parse(query)[0]), [*errors, *resolved.warnings], self.analyzer.explain(query),
                           _show(self.planner.plan(resolved)), [_leaf_line(leaf) for leaf in resolved.leaves])

    def facets(self, query: str | q.Node | None = None, kinds: Sequence[str] = FACET_KINDS,
               top: int = 10) -> dict[str, list[FacetCount]]:
        """Documents per entity over the documents matching `query` (all documents when None)."""
        engine_query = self.planner.plan(self.resolve(query)[0]) if query is not None else MatchAll()
        return self.facet_counts(engine_query, top, kinds)

    def facet_counts(self, query: EngineQuery, size: int = 10,
                     kinds: Sequence[str] = FACET_KINDS) -> dict[str, list[FacetCount]]:
        """Documents per entity (one value per real entity) over the whole result set of `query`: one pass for the
        stored values of every kind, one more for the entities written several ways. Kept for the next pages of the
        same query until the index or its entity groups change."""
        written = self.entities.file.stat() if self.entities.file.is_file() else None  # a regrouping rewrites it
        groups = (written.st_mtime_ns, written.st_size) if written else None
        key = (self.backend.stamp(), groups, query, size, tuple(kinds))
        if key not in self._facets:
            if len(self._facets) >= FACET_CACHE:
                self._facets.clear()
            self._facets[key] = self._count_facets(query, size, kinds)
        return {kind: list(counts) for kind, counts in self._facets[key].items()}

    def _count_facets(self, query: EngineQuery, size: int, kinds: Sequence[str]) -> dict[str, list[FacetCount]]:
        raw = self.backend.count_values(query, kinds, min(max(size * 20, 200), MAX_BUCKETS))
        entities = {kind: by_entity(raw[kind], self.entities.groups(kind, [v for v, _ in raw[kind]])) for kind in kinds}
        needed = {kind: exact_needed(entities[kind], size) for kind in kinds}
        exact = self.backend.count_any(query, needed)
        out = {}
        for kind in kinds:
            counts = group_counts(entities[kind], dict(zip(needed[kind], exact[kind], strict=True)))
            out[kind] = [FacetCount(v, c) for v, c in sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))[:size]]
        return out

    def _hit(self, score: float, stored: Stored, shown: dict[str, dict[str, str | None]], resolved: Resolved,
             snippet_chars: int) -> Hit:
        doc = stored.doc
        snippet = make_snippet(doc.body, find_matches(resolved, self.analyzer, doc.body), snippet_chars)
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
        from indexer.entities.extractor import default_extractor  # the tagger and rules load only to trace

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
        """Document count, size, segments (as the engine reports them, plus Fahras's own files), analyzer,
        backend and the `top` persons and firms."""
        engine = self.backend.stats()
        own = sum(f.stat().st_size for f in own_files(self._index.path))
        entities = self.facet_counts(MatchAll(), top) if top else {}
        return IndexStats(engine.documents, engine.size_bytes + own, self.analyzer.name, self.backend.name,
                          str(self._index.path), engine.segments, entities, Ledger(self._index.path).inputs())

    def __len__(self) -> int:
        return self.backend.num_docs()


def _leaf_line(leaf: Leaf) -> str:
    """One term and its forms: `Lazard → lazard | لازارد (firm Lazard)`, `هاستين* → هاستينغز (prefix) …`."""
    forms = " | ".join(" ".join(f.words) + ("" if f.why == TYPED else f" ({f.why})") for f in leaf.forms)
    return f"{leaf.text} → {forms or '<nothing in the index>'}"


def _show(query: EngineQuery) -> str:
    """A compact, readable form of an engine query."""
    if isinstance(query, Bool):
        parts = [f"+{_show(c)}" for c in query.must] + [_show(c) for c in query.should]
        parts += [f"-{_show(c)}" for c in query.must_not]
        return "(" + " ".join(parts) + ")"
    if isinstance(query, MatchNone):
        return "<nothing>"
    if isinstance(query, AnyOf):
        return "any(" + " | ".join(map(_show, query.queries)) + ")"
    if isinstance(query, Boost):
        return f"{_show(query.query)}^{query.factor:g}"
    fields = ", ".join(f"{v}" for v in vars(query).values())
    return f"{type(query).__name__}({fields})"
