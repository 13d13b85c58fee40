"""AnalysedDocs → a whoosh index (pure Python) in INDEX/whoosh, and EngineQuery → whoosh query → Page of stored
documents."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from whoosh import fields, index, matching, scoring, sorting, writing
from whoosh import query as wq
from whoosh.analysis import RegexTokenizer
from whoosh.searching import Searcher

from indexer.backends.base import (
    MAX_BUCKETS,
    AnalysedDoc,
    AnyOf,
    Bool,
    Boost,
    DateRange,
    EngineQuery,
    EngineStats,
    MatchAll,
    MatchNone,
    Page,
    Phrase,
    Records,
    Stored,
    Term,
    encode_record,
)
from indexer.backends.writer_pid import forget_writer, note_writer, writer_holder
from indexer.errors import IndexIncompatible, IndexLocked
from indexer.schema import DATE, ID, KEYWORD, KEYWORD_FIELDS, SCHEMA, STORED, TEXT

FOLDER = "whoosh"  # whoosh's files, apart from Fahras's own in the index directory
WRITER_LOCK = "fahras-writer"  # our lock (whoosh.util.filelock: an OS lock, so a killed holder leaves none)
K1, B = 1.2, 0.75  # tantivy's


def build_schema() -> fields.Schema:
    """indexer.schema in whoosh's terms. Terms come pre-analysed from Python, space-joined (`\\S+` tokens, positions
    kept); keyword values newline-joined, one term each. Only whoosh's own classes go in, since whoosh pickles the
    schema into the index."""
    built = {}
    for field in SCHEMA:
        if field.kind == ID:
            built[field.name] = fields.ID(stored=True, unique=True)
        elif field.kind == TEXT:
            built[field.name] = fields.TEXT(analyzer=RegexTokenizer(r"\S+"), phrase=True)
        elif field.kind == KEYWORD:
            built[field.name] = fields.KEYWORD(scorable=False)
            built[field.name].analyzer = RegexTokenizer(r"[^\n]+")  # values may hold spaces
        elif field.kind == DATE:
            # the day's ordinal; an undated document sorts as day 0 (last, newest first) but has no term
            built[field.name] = fields.NUMERIC(int, bits=32, sortable=True, default=0)  # unsigned ranges misbehave in whoosh 2.7.5
        elif field.kind == STORED:
            built[field.name] = fields.STORED()
    return fields.Schema(**built)


class LuceneBM25(scoring.BM25F):
    """BM25 as Lucene and tantivy score it: whoosh's own idf is log(N/(df+1)) + 1; theirs log(1 + (N-df+0.5)/(df+0.5))."""

    def scorer(self, searcher: Searcher, fieldname: str, text: bytes, qf: int = 1) -> scoring.BaseScorer:
        scorer = super().scorer(searcher, fieldname, text, qf)
        if isinstance(scorer, scoring.BM25FScorer):
            parent = searcher.get_parent()
            n, df = parent.doc_count_all(), parent.doc_frequency(fieldname, text)
            scorer.idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            scorer.setup(searcher, fieldname, text)  # its best score, for skipping, with this idf
        return scorer


class _AndNotMatcher(matching.AndNotMatcher):
    """whoosh 2.7.5's, except that its first document is checked against every excluded one: whoosh's compares it
    only with the first excluded document, so `a -b` kept a document having both when b's list started earlier."""

    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()


class AndNot(wq.AndNot):
    """`a` without the documents of `b`, with the matcher fixed above."""

    def matcher(self, searcher: Searcher, context: object = None) -> matching.Matcher:
        return _AndNotMatcher(self.a.matcher(searcher, context), self.b.matcher(searcher, searcher.boolean_context()))


class _DisMaxMatcher(matching.DisjunctionMaxMatcher):
    """whoosh 2.7.5's, except that a document is scored only by the sub-matchers on it (whoosh's took the other's
    score at whatever document it stood on) and a sub-matcher left empty by replace() no longer empties both."""

    def score(self) -> float:
        a, b = self.a, self.b
        if not b.is_active() or a.is_active() and a.id() < b.id():
            return a.score()
        if not a.is_active() or b.id() < a.id():
            return b.score()
        return max(a.score(), b.score())

    def replace(self, minquality: float = 0) -> matching.Matcher:
        a, b = self.a, self.b
        if minquality and a.is_active() and b.is_active() and max(a.max_quality(), b.max_quality()) < minquality:
            return matching.NullMatcher()
        if not a.is_active():
            return b.replace(minquality)
        if not b.is_active():
            return a.replace(minquality)
        a, b = a.replace(minquality), b.replace(minquality)
        if not a.is_active():
            return b
        if not b.is_active():
            return a
        return self if a is self.a and b is self.b else self.__class__(a, b, tiebreak=self.tiebreak)


class DisMax(wq.DisjunctionMax):
    """Any of the queries, each document scored by the best of them, with the matcher fixed above."""

    def _matcher(self, subs: list[wq.Query], searcher: Searcher, context: object) -> matching.Matcher:
        reader = searcher.reader()
        return self._tree_matcher(subs, _DisMaxMatcher, searcher, context, lambda q: q.estimate_size(reader),
                                  tiebreak=self.tiebreak)


def _phrase(q: Phrase) -> wq.Query:
    """A phrase as tantivy matches it. whoosh's slop k allows k - 1 words between each word, in order; tantivy's
    slop s allows two words s - 1 apart in order or s - 1 apart reversed (a swap costs 2, as in Lucene). Phrases of
    three words or more with slop keep whoosh's in-order meaning."""
    ordered = wq.Phrase(q.field, list(q.terms), slop=q.slop + 1)
    if len(q.terms) != 2 or q.slop < 2:
        return ordered
    return wq.Or([ordered, wq.Phrase(q.field, list(reversed(q.terms)), slop=q.slop - 1)])


class WhooshBackend:
    """One whoosh index in INDEX/whoosh. Writing takes our lock, held until close(); added and deleted documents wait
    in memory and reach whoosh in one writer at commit() (so an id added twice before a commit is one document)."""

    name = "whoosh"

    def __init__(self, path: Path, create: bool = False) -> None:
        self._path = path
        self._dir = path / FOLDER
        try:
            if index.exists_in(str(self._dir)):
                self._ix = index.open_dir(str(self._dir))
            elif create:
                self._dir.mkdir(parents=True, exist_ok=True)
                self._ix = index.create_in(str(self._dir), build_schema())
            else:
                raise IndexIncompatible(str(path), f"it holds no whoosh index ({self._dir} is missing)")
        except (index.IndexError, OSError, ValueError) as err:
            raise IndexIncompatible(str(path), f"whoosh could not open it ({err})") from None
        if set(self._ix.schema.names()) != {f.name for f in SCHEMA}:
            raise IndexIncompatible(str(path), "its whoosh schema differs from this build's")
        self._records = Records(path)
        self._lock = None
        self._pending: dict[str, AnalysedDoc | None] = {}  # id → document to add, or None to delete
        self._clear = False
        self._searcher: Searcher | None = None
        self._values: dict[str, dict[str, frozenset[int]]] = {}  # keyword field → value → docnums, per generation
        self._translated: dict[EngineQuery, wq.Query] = {}
        self._matched: tuple[EngineQuery | None, frozenset[int]] = (None, frozenset())  # the last query's documents

    # -- writing ---------------------------------------------------------------------------------------------
    def _take_lock(self) -> None:
        if self._lock is None:
            lock = self._ix.storage.lock(WRITER_LOCK)
            if not lock.acquire(blocking=False):
                raise IndexLocked(str(self._path), str(self._dir / WRITER_LOCK), writer_holder(self._path))
            self._lock = lock
            note_writer(self._path)

    def add(self, docs: Iterable[AnalysedDoc]) -> None:
        self._take_lock()
        for doc in docs:
            self._pending.pop(doc.doc.id, None)  # keeps the order of the last add
            self._pending[doc.doc.id] = doc

    def delete(self, ids: Iterable[str]) -> int:
        self._take_lock()
        searcher = self._s()
        deleted = 0
        for doc_id in ids:
            deleted += searcher.document_number(id=doc_id) is not None
            self._pending[doc_id] = None
        return deleted

    def delete_all(self) -> None:
        self._take_lock()
        self._pending, self._clear = {}, True

    def commit(self) -> None:
        self._take_lock()
        writer = self._ix.writer()
        try:
            for doc_id, doc in self._pending.items():
                if doc is None:
                    writer.delete_by_term("id", doc_id)
                else:
                    writer.update_document(**self._document(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=writing.CLEAR if self._clear else None)
        self._pending, self._clear = {}, False

    def _document(self, analysed: AnalysedDoc) -> dict[str, object]:
        doc: dict[str, object] = {"id": analysed.doc.id, "title": " ".join(analysed.title),
                                  "body": " ".join(analysed.body), "exact": " ".join(analysed.exact),
                                  "record": analysed.record or encode_record(analysed)}
        for name, values in analysed.values.items():
            if values:
                doc[name] = "\n".join(values)
        if analysed.doc.date:
            doc["date"] = date.fromisoformat(analysed.doc.date).toordinal()
        return doc

    def rollback(self) -> None:
        self._pending, self._clear = {}, False

    def close(self) -> None:
        """Drop uncommitted work and release the writer lock."""
        self.rollback()
        if self._lock is not None:
            lock, self._lock = self._lock, None
            forget_writer(self._path)
            lock.release()
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    # -- reading ---------------------------------------------------------------------------------------------
    def _s(self) -> Searcher:
        """A searcher over the last commit (refreshed when another commit has come since)."""
        if self._searcher is not None and not self._searcher.up_to_date():
            self._searcher.close()  # not refresh(): it fails on a searcher of an empty index
            self._searcher, self._matched = None, (None, frozenset())
        if self._searcher is None:
            self._searcher = self._ix.searcher(weighting=LuceneBM25(B=B, K1=K1))
            self._values = {}
        return self._searcher

    def num_docs(self) -> int:
        return self._s().doc_count()

    def doc_freqs(self, terms: Sequence[tuple[str, str]]) -> tuple[int, list[int]]:
        """The number of documents and, for each (field, term), the documents holding it (N and df as LuceneBM25
        reads them)."""
        searcher = self._s()
        return searcher.doc_count_all(), [searcher.doc_frequency(f, t) for f, t in terms]

    def search(self, query: EngineQuery, limit: int, offset: int = 0, newest_first: bool = False) -> Page:
        """One page of hits, best first, or newest first by the date field (scores are then 0)."""
        searcher = self._s()
        q = self._query(query)
        if newest_first:
            # newest first, documents of one day in index order (as tantivy lists them)
            results = searcher.search(q, limit=offset + max(limit, 1), sortedby=sorting.FieldFacet("date", reverse=True))
        else:
            results = searcher.search(q, limit=offset + max(limit, 1))
        page = results[offset:offset + limit]
        hits = [(0.0 if newest_first else float(hit.score or 0.0), self._records.decode(hit["record"])) for hit in page]
        return Page(len(self._docs(query)), hits)

    def count(self, query: EngineQuery) -> int:
        return len(self._docs(query))

    def rank(self, query: EngineQuery, limit: int) -> list[tuple[str, float]]:
        results = self._s().search(self._query(query), limit=max(limit, 1))
        return [(hit["id"], float(hit.score or 0.0)) for hit in results[:limit]]

    def get(self, doc_id: str) -> Stored | None:
        searcher = self._s()
        docnum = searcher.document_number(id=doc_id)
        return None if docnum is None else self._records.decode(searcher.stored_fields(docnum)["record"])

    def stamp(self) -> str:
        """whoosh's generation of the last commit (its table of contents, `_MAIN_<generation>.toc`)."""
        return str(self._ix.latest_generation())

    def count_values(self, query: EngineQuery, fields: Sequence[str], size: int) -> dict[str, list[tuple[str, int]]]:
        """Documents per value of each keyword field over the whole result set, the `size` most frequent first."""
        if size > MAX_BUCKETS:
            raise ValueError(f"count_values returns at most {MAX_BUCKETS} values per field; use values() for all")
        docs = self._docs(query)
        out = {}
        for field in fields:
            counts = ((value, len(docs & having)) for value, having in self._value_docs(field).items())
            out[field] = sorted(((v, n) for v, n in counts if n), key=lambda kv: (-kv[1], kv[0]))[:size]
        return out

    def count_any(self, query: EngineQuery,
                  groups: Mapping[str, Sequence[tuple[str, ...]]]) -> dict[str, list[int]]:
        docs = self._docs(query)
        out = {}
        for field, field_groups in groups.items():
            having = self._value_docs(field)
            out[field] = [len(docs & frozenset().union(*(having.get(v, frozenset()) for v in group)))
                          for group in field_groups]
        return out

    def values(self, field: str) -> dict[str, int]:
        return {value: len(docs) for value, docs in self._value_docs(field).items()}

    def terms(self, field: str, prefix: str = "", limit: int | None = None) -> list[tuple[str, int]]:
        """The indexed terms of a text field starting with `prefix`, most documents first (deleted documents still
        count until their segment is merged)."""
        reader = self._s().reader()
        decode = reader.schema[field].from_bytes
        found = [(decode(term), reader.doc_frequency(field, term)) for term in reader.expand_prefix(field, prefix)]
        found.sort(key=lambda kv: (-kv[1], kv[0]))
        return found if limit is None else found[:limit]

    def stats(self) -> EngineStats:
        searcher = self._s()
        size = sum(f.stat().st_size for f in self._dir.iterdir() if f.is_file())
        return EngineStats(searcher.doc_count(), size, len(searcher.reader().leaf_readers()))

    def _docs(self, query: EngineQuery) -> frozenset[int]:
        """The documents matching `query`, kept for the next call (a search's total, then its facet counts)."""
        searcher = self._s()
        if self._matched[0] != query:
            self._matched = (query, frozenset(searcher.docs_for_query(self._query(query))))
        return self._matched[1]

    def _value_docs(self, field: str) -> dict[str, frozenset[int]]:
        """value → the live documents that have it, read from the field's postings once per commit."""
        if field not in KEYWORD_FIELDS:
            raise ValueError(f"{field!r} is not a keyword field")
        searcher = self._s()
        if field not in self._values:
            reader = searcher.reader()
            values = (reader.schema[field].from_bytes(b) for b in reader.lexicon(field))
            self._values[field] = {value: docs for value in values
                                   if (docs := frozenset(searcher.docs_for_query(wq.Term(field, value))))}
        return self._values[field]

    def _query(self, q: EngineQuery) -> wq.Query:
        hit = self._translated.get(q)
        if hit is None:
            if len(self._translated) > 256:
                self._translated.clear()
            hit = self._translated[q] = self._translate(q)
        return hit

    def _translate(self, q: EngineQuery) -> wq.Query:
        """EngineQuery (plain data) → whoosh query. Terms are already analysed, so nothing is re-analysed here."""
        if isinstance(q, Term):
            return wq.Term(q.field, q.term)
        if isinstance(q, Phrase):
            if len(q.terms) == 1:
                return wq.Term(q.field, q.terms[0])
            return _phrase(q)
        if isinstance(q, DateRange):
            return wq.NumericRange("date", (q.start or date(1700, 1, 1)).toordinal(),
                                   (q.end or date(2262, 1, 1)).toordinal())
        if isinstance(q, Boost):
            inner = self._query(q.query)
            return inner.with_boost(inner.boost * q.factor)
        if isinstance(q, AnyOf):
            return DisMax([self._query(c) for c in q.queries])
        if isinstance(q, MatchAll):
            return wq.Every()
        if isinstance(q, MatchNone):
            return wq.NullQuery
        if isinstance(q, Bool):
            must = [self._query(c) for c in q.must]
            should = [self._query(c) for c in q.should]
            if must:
                base: wq.Query = must[0] if len(must) == 1 else wq.And(must)
                if should:
                    base = wq.AndMaybe(base, wq.Or(should))
            elif should:
                base = wq.Or(should)
            else:
                base = wq.Every()
            if q.must_not:
                base = AndNot(base, wq.Or([self._query(c) for c in q.must_not]))
            return base
        raise TypeError(f"unknown query node {q!r}")
