"""Query text → Results: analyse, rank with BM25 through the backend, build snippets and facet counts."""

from __future__ import annotations

from pathlib import Path

from indexer.backends.base import EngineQuery
from indexer.documents import Document
from indexer.index import DEFAULT_PATH, open_index
from search.plan import Ranking, bag_of_words, query_words
from search.results import FacetCount, Hit, Results
from search.snippets import make_snippet, term_matches

FACET_FIELDS = {"person": "person", "firm": "firm"}  # facet name in Results → keyword field in the index


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
        self.ranking = ranking
        self.analyzer = self._index.analyzer
        self.backend = self._index.backend

    def search(self, query: str, *, limit: int = 10, offset: int = 0, snippet_chars: int = 200,
               facets: bool = True, facet_size: int = 10) -> Results:
        """BM25 over title (boosted) and body; every hit has a snippet of its original body."""
        words = query_words(self.analyzer, query)
        terms = [w.term for w in words]
        engine_query = bag_of_words(words, self.ranking)
        page = self.backend.search(engine_query, limit, offset)
        hits = [self._hit(score, doc, ents, set(terms), snippet_chars) for score, doc, ents in page.hits]
        counts = self.facet_counts(engine_query, facet_size) if facets and page.total else {}
        return Results(query, page.total, hits, counts, terms)

    def rank(self, query: str, limit: int = 1000) -> list[tuple[str, float]]:
        """(id, score) of the top `limit` documents, without snippets or facets (for evaluation runs)."""
        page = self.backend.search(bag_of_words(query_words(self.analyzer, query), self.ranking), limit)
        return [(doc.id, score) for score, doc, _ in page.hits]

    def facet_counts(self, query: EngineQuery, size: int = 10) -> dict[str, list[FacetCount]]:
        """Documents per person and per firm over the whole result set of `query`."""
        return {name: [FacetCount(v, c) for v, c in self.backend.count_values(query, field, size)]
                for name, field in FACET_FIELDS.items()}

    def _hit(self, score: float, doc: Document, entities: dict[str, tuple[str, ...]], terms: set[str],
             snippet_chars: int) -> Hit:
        matches = term_matches(self.analyzer.tokens(doc.body), terms)
        return Hit(doc.id, doc.title, score, make_snippet(doc.body, matches, snippet_chars), doc.source, doc.date,
                   entities.get("person", ()), entities.get("firm", ()), doc.extra)

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id, or None."""
        return self.backend.get(doc_id)

    def __len__(self) -> int:
        return self.backend.num_docs()
