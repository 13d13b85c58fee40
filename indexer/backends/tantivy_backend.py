"""AnalysedDocs → tantivy segments on disk, and EngineQuery → tantivy query → Page of stored documents."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from pathlib import Path

import tantivy
from tantivy import Occur, Query

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
from indexer.schema import DATE, ID, KEYWORD, SCHEMA, STORED, TEXT

HEAP_BYTES = 128_000_000
RECORD = "record"  # the stored record (base.encode_record): the only stored field
KEY = "key"  # u64 fast field: a hash of the id, mapped back to the id through the KEYS_FILE sidecar
KEYS_FILE = "fahras-keys.tsv"
WRITER_LOCK = ".tantivy-writer.lock"  # tantivy's


def id_key(doc_id: str) -> int:
    """A stable 63-bit number for a document id (fast-field lookups avoid loading stored records)."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def build_schema() -> tantivy.Schema:
    """indexer.schema in tantivy's terms: terms come pre-analysed from Python, space-joined into
    `whitespace`-tokenized fields (positions kept); ids and keyword values are `raw` (one term each)."""
    sb = tantivy.SchemaBuilder()
    for field in SCHEMA:
        if field.kind == ID:
            sb.add_text_field(field.name, tokenizer_name="raw")
        elif field.kind == TEXT:
            sb.add_text_field(field.name, tokenizer_name="whitespace", index_option="position")
        elif field.kind == KEYWORD:
            sb.add_text_field(field.name, tokenizer_name="raw", fast=True)  # multi-valued facet values
        elif field.kind == DATE:
            sb.add_date_field(field.name, indexed=True, fast=True)
        elif field.kind == STORED:
            sb.add_bytes_field(field.name, stored=True)
    sb.add_unsigned_field(KEY, fast=True)
    return sb.build()


class TantivyBackend:
    """One tantivy index directory. Writing takes tantivy's OS lock, held until close()."""

    name = "tantivy"

    def __init__(self, path: Path, create: bool = False) -> None:
        self._path = path
        self._schema = build_schema()
        try:
            if create:
                path.mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(self._schema, str(path), reuse=True) if create else tantivy.Index.open(str(path))
        except ValueError as err:
            raise IndexIncompatible(str(path), f"tantivy could not open it ({err})") from None
        self._writer: tantivy.IndexWriter | None = None
        self._new_keys: list[str] = []
        self._truncate_keys = False
        self._keys = KeyMap(path / KEYS_FILE)
        self._records = Records(path)
        self._translated: dict[EngineQuery, Query] = {}
        self._seen = self.stamp()  # the commit the reader was last reloaded for

    # -- writing ---------------------------------------------------------------------------------------------
    def _w(self) -> tantivy.IndexWriter:
        """The writer, taking tantivy's lock (an OS file lock: a killed holder leaves none) and noting our PID beside
        it for the message a second writer gets."""
        if self._writer is None:
            try:
                self._writer = self._index.writer(heap_size=HEAP_BYTES, num_threads=1)
            except ValueError as err:
                if "LockBusy" in str(err):
                    raise IndexLocked(str(self._path), str(self._path / WRITER_LOCK), writer_holder(self._path)) from None
                raise
            note_writer(self._path)
        return self._writer

    def add(self, docs: Iterable[AnalysedDoc]) -> None:
        writer = self._w()
        for doc in docs:
            writer.delete_documents_by_term("id", doc.doc.id)  # re-adding an id replaces the document
            writer.add_document(self._document(doc))
            self._new_keys.append(doc.doc.id)

    def _document(self, analysed: AnalysedDoc) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text("id", analysed.doc.id)
        doc.add_unsigned(KEY, id_key(analysed.doc.id))
        doc.add_text("title", " ".join(analysed.title))
        doc.add_text("body", " ".join(analysed.body))
        doc.add_text("exact", " ".join(analysed.exact))
        for name, values in analysed.values.items():
            for value in values:
                doc.add_text(name, value)
        if analysed.doc.date:
            doc.add_date("date", _datetime(date.fromisoformat(analysed.doc.date)))
        doc.add_bytes(RECORD, analysed.record or encode_record(analysed))
        return doc

    def delete(self, ids: Iterable[str]) -> int:
        searcher = self._reader()
        deleted = 0
        for doc_id in ids:
            deleted += searcher.search(self._query(Term("id", doc_id)), 1).count
            self._w().delete_documents_by_term("id", doc_id)
        return deleted

    def delete_all(self) -> None:
        self._w().delete_all_documents()
        self._truncate_keys, self._new_keys = True, []

    def commit(self) -> None:
        """Keys reach the sidecar (fsynced) before tantivy commits, so every committed document has its key."""
        self._keys.append(self._new_keys, truncate=self._truncate_keys)
        self._new_keys, self._truncate_keys = [], False
        self._w().commit()
        self._index.reload()

    def rollback(self) -> None:
        self._new_keys, self._truncate_keys = [], False
        if self._writer is not None:
            self._writer.rollback()

    def close(self) -> None:
        """Release the writer lock after background merges finish; uncommitted work is dropped."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.rollback()
            writer.wait_merging_threads()
            forget_writer(self._path)

    # -- reading ---------------------------------------------------------------------------------------------
    def _reader(self) -> tantivy.Searcher:
        """A searcher over the last commit: reloaded when meta.json names a newer commit than the reader last saw
        (tantivy reloads by itself too, but a moment after the commit: reads right after it must see it)."""
        stamp = self.stamp()
        if stamp != self._seen:
            self._index.reload()
            self._seen = stamp
        return self._index.searcher()

    def num_docs(self) -> int:
        return self._reader().num_docs

    def doc_freqs(self, terms: Sequence[tuple[str, str]]) -> tuple[int, list[int]]:
        """The number of documents and, for each (field, term), the documents holding it, from one searcher."""
        searcher = self._reader()
        return searcher.num_docs, [searcher.doc_freq(f, t) for f, t in terms]

    def search(self, query: EngineQuery, limit: int, offset: int = 0, newest_first: bool = False) -> Page:
        """One page of hits, best first, or newest first by the date field (scores are then 0)."""
        searcher = self._reader()
        if newest_first:
            result = searcher.search(self._query(query), max(limit, 1), count=True, order_by_field="date",
                                     offset=offset, order=tantivy.Order.Desc)
            hits = [(0.0, self._records.decode(searcher.doc(addr)[RECORD][0])) for _, addr in result.hits[:limit]]
        else:
            result = searcher.search(self._query(query), max(limit, 1), count=True, offset=offset)
            hits = [(score, self._records.decode(searcher.doc(addr)[RECORD][0])) for score, addr in result.hits[:limit]]
        return Page(result.count, hits)

    def count(self, query: EngineQuery) -> int:
        return self._reader().search(self._query(query), 1, count=True).count

    def rank(self, query: EngineQuery, limit: int) -> list[tuple[str, float]]:
        """(id, score) of the top `limit` documents, read from a fast field: no stored record is loaded."""
        searcher = self._reader()
        result = searcher.search(self._query(query), max(limit, 1), count=False)
        hits = result.hits[:limit]
        keys = searcher.fast_field_values(KEY, [addr for _, addr in hits])
        ids = self._keys.lookup(keys)
        return [(doc_id, score) for doc_id, (score, _) in zip(ids, hits, strict=True)]

    def get(self, doc_id: str) -> Stored | None:
        page = self.search(Term("id", doc_id), 1)
        return page.hits[0][1] if page.hits else None

    def stamp(self) -> str:
        """tantivy's opstamp of the last commit (from its meta.json)."""
        try:
            return str(json.loads((self._path / "meta.json").read_text(encoding="utf-8"))["opstamp"])
        except (OSError, ValueError, KeyError):
            return ""

    def count_values(self, query: EngineQuery, fields: Sequence[str], size: int) -> dict[str, list[tuple[str, int]]]:
        """Documents per value of each keyword field over the whole result set, the `size` most frequent first,
        all fields in one pass."""
        if size > MAX_BUCKETS:
            raise ValueError(f"count_values returns at most {MAX_BUCKETS} values per field; use values() for all")
        if self.num_docs() == 0 or isinstance(query, MatchNone) or not fields:
            return {f: [] for f in fields}
        # segment_size = size: each segment's top `size` values only (tantivy's default, 1.5 × size + 10, made the
        # aggregation twice as slow on 30,000 news articles); a value may then miss the documents of a segment
        # where it is not among the top `size` (tantivy bounded that error at 2 documents for 200 values there)
        aggs = {f: {"terms": {"field": f, "size": size, "segment_size": size}} for f in fields}
        agg = self._reader().aggregate(self._query(query), aggs)
        return {f: sorted(((b["key"], int(b["doc_count"])) for b in agg[f]["buckets"]), key=lambda kv: (-kv[1], kv[0]))
                for f in fields}

    def values(self, field: str) -> dict[str, int]:
        """Every value of a keyword field with its live documents: one terms aggregation as large as the field's
        term dictionary (which still holds values of deleted documents until a merge)."""
        searcher = self._reader()
        if searcher.num_docs == 0:
            return {}
        size = max(len(searcher.terms_with_prefix(field, "")), 1)
        agg = searcher.aggregate(Query.all_query(), {field: {"terms": {"field": field, "size": size}}})
        return {b["key"]: int(b["doc_count"]) for b in agg[field]["buckets"]}

    def stats(self) -> EngineStats:
        """Live documents, the bytes of tantivy's files (meta.json, each segment's files, the id sidecar) and
        segments."""
        searcher = self._reader()
        try:
            meta = json.loads((self._path / "meta.json").read_text(encoding="utf-8"))
            segments = {s["segment_id"].replace("-", "") for s in meta.get("segments", [])}
        except (OSError, ValueError, KeyError):
            segments = set()
        size = sum(f.stat().st_size for f in self._path.iterdir() if f.is_file() and (
            f.name.split(".")[0] in segments or f.name in ("meta.json", ".managed.json", KEYS_FILE)))
        return EngineStats(searcher.num_docs, size, searcher.num_segments)

    def count_any(self, query: EngineQuery,
                  groups: Mapping[str, Sequence[tuple[str, ...]]]) -> dict[str, list[int]]:
        """For each group of values of a keyword field, the documents matching `query` that have any of them: the
        query runs once, over the documents that have one of the values, and the groups are counted from there."""
        if self.num_docs() == 0 or isinstance(query, MatchNone) or not any(groups.values()):
            return {f: [0] * len(g) for f, g in groups.items()}
        searcher = self._reader()
        docs = {}
        for field, value in {(f, v) for f, gs in groups.items() for g in gs for v in g}:
            term = Query.term_query(self._schema, field, value)
            found = searcher.search(term, max(searcher.doc_freq(field, value), 1), count=False).hits
            docs[field, value] = {(a.segment_ord, a.doc) for _, a in found}
        having = Bool(should=tuple(Term(f, v) for f, v in docs))
        limit = sum(map(len, docs.values()))
        hits = searcher.search(self._query(Bool(must=(query, having))), max(limit, 1), count=False).hits
        matched = {(a.segment_ord, a.doc) for _, a in hits}
        return {f: [len(matched & set().union(*(docs[f, v] for v in g))) for g in gs] for f, gs in groups.items()}

    def terms(self, field: str, prefix: str = "", limit: int | None = None) -> list[tuple[str, int]]:
        """The indexed terms of a text field starting with `prefix`, most documents first (tantivy's term
        dictionary, summed over segments; deleted documents still count until their segment is merged)."""
        if self.num_docs() == 0:
            return []
        return self._reader().terms_with_prefix(field, prefix, limit=limit)

    def _query(self, q: EngineQuery) -> Query:
        """EngineQuery (plain data) → tantivy Query, remembered for the next calls (facet counts reuse it)."""
        hit = self._translated.get(q)
        if hit is None:
            if len(self._translated) > 256:
                self._translated.clear()
            hit = self._translated[q] = self._translate(q)
        return hit

    def _translate(self, q: EngineQuery) -> Query:
        """EngineQuery (plain data) → tantivy Query. Terms are already analysed, so nothing is re-analysed here."""
        if isinstance(q, Term):
            return Query.term_query(self._schema, q.field, q.term)
        if isinstance(q, Phrase):
            if len(q.terms) == 1:
                return Query.term_query(self._schema, q.field, q.terms[0])
            return Query.phrase_query(self._schema, q.field, list(q.terms), slop=q.slop)
        if isinstance(q, DateRange):
            lo = _datetime(q.start or date(1700, 1, 1))
            hi = _datetime(q.end or date(2262, 1, 1))  # tantivy dates are i64 nanoseconds
            return Query.range_query(self._schema, "date", tantivy.FieldType.Date, lo, hi)
        if isinstance(q, Boost):
            return Query.boost_query(self._query(q.query), q.factor)
        if isinstance(q, AnyOf):
            return Query.disjunction_max_query([self._query(c) for c in q.queries])
        if isinstance(q, MatchAll):
            return Query.all_query()
        if isinstance(q, MatchNone):
            return Query.empty_query()
        if isinstance(q, Bool):
            clauses = [(Occur.Must, self._query(c)) for c in q.must]
            clauses += [(Occur.Should, self._query(c)) for c in q.should]
            clauses += [(Occur.MustNot, self._query(c)) for c in q.must_not]
            if not q.must and not q.should:
                clauses.append((Occur.Must, Query.all_query()))
            return Query.boolean_query(clauses)
        raise TypeError(f"unknown query node {q!r}")


class KeyMap:
    """The sidecar of `key<TAB>id` lines: appended at each commit, read back (and re-read as it grows) for rank()."""

    def __init__(self, file: Path) -> None:
        self._file = file
        self._ids: dict[int, str] = {}
        self._read_to = 0

    def append(self, ids: list[str], truncate: bool = False) -> None:
        if not ids and not truncate:
            return
        with self._file.open("w" if truncate else "a", encoding="utf-8") as fh:
            fh.writelines(f"{id_key(i)}\t{i}\n" for i in ids)
            fh.flush()
            os.fsync(fh.fileno())
        if truncate:
            self._ids, self._read_to = {}, 0

    def lookup(self, keys: list[int]) -> list[str]:
        if any(k not in self._ids for k in keys):
            self._load()
        return [self._ids.get(k, "") for k in keys]

    def _load(self) -> None:
        if not self._file.exists():
            return
        with self._file.open("rb") as fh:
            if fh.seek(0, os.SEEK_END) < self._read_to:
                self._ids, self._read_to = {}, 0
            fh.seek(self._read_to)
            for line in fh:
                if not line.endswith(b"\n"):
                    break  # a line cut short by a crash: its document was never committed
                key, _, doc_id = line.decode("utf-8").rstrip("\n").partition("\t")
                self._ids[int(key)] = doc_id
                self._read_to += len(line)


def _datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
