"""The engine contract: analysed documents in, engine-neutral queries (plain data) in, stored documents out."""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from indexer.documents import Document
from indexer.errors import IndexIncompatible
from indexer.schema import KEYWORD_FIELDS

MAX_BUCKETS = 65_536  # the most values count_values returns per field (Elasticsearch's default search.max_buckets)
RECORD_LEVEL = 6  # zlib: level 6 stores Arabic news in 0.36 of its size, level 1 in 0.41
# An index's records are deflated with a dictionary of its own first documents (deflate reads its last 32 KB): each
# record then starts as if it followed them, 0.36 → 0.29 of the text on SaudiNewsNet (a dictionary trained by zstd on
# Wikipedia gave 0.30, Fahras's stopwords 0.33). Made once, by the first run whose first documents fill it, kept as
# long as the index (records that use it may be anywhere); records made before it are plain zlib.
DICTIONARY_FILE = "records.zdict"
DICTIONARY_BYTES = 32_768
DICTIONARY_RECORD = b"\x01"  # the first byte of a record deflated with the index's dictionary (zlib's is "x")
Mention = tuple[str, int, int, str]  # (kind, start, end, value) of an entity mention in f"{title}\n{body}"


@dataclass(frozen=True)
class AnalysedDoc:
    """A document with the terms each text field indexes (from the one analyzer) and the values of each keyword
    field (its entities by kind); `record` is what a backend stores of it (encode_record), made where the document
    was analysed (a worker process) when given."""

    doc: Document
    title: list[str]
    body: list[str]
    exact: list[str]
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)  # keyword field → values
    mentions: tuple[Mention, ...] = ()
    record: bytes = b""


def record_json(doc: Document, values: Mapping[str, Sequence[str]] | None = None,
                mentions: Sequence[Mention] = ()) -> bytes:
    """A document, its entity values and mentions as the JSON a record holds."""
    record = {**asdict(doc), **{k: list((values or {}).get(k, ())) for k in KEYWORD_FIELDS},
              "mentions": [list(m) for m in mentions]}
    return json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")


def encode_record(analysed: AnalysedDoc, dictionary: bytes = b"") -> bytes:
    """What a backend stores of a document: the original, its entity values and mentions, as JSON compressed with
    zlib (Arabic news text shrinks to about a third), deflated with the index's `dictionary` when it has one."""
    data = record_json(analysed.doc, analysed.values, analysed.mentions)
    if not dictionary:
        return zlib.compress(data, RECORD_LEVEL)
    deflate = zlib.compressobj(RECORD_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=dictionary)
    return DICTIONARY_RECORD + deflate.compress(data) + deflate.flush()


def decode_record(data: bytes, dictionary: bytes = b"") -> Stored:
    """A stored record → the document, its entity values by field and its mentions (zlib without a dictionary, and
    uncompressed JSON, as indexes made before store them, are read too)."""
    if data[:1] == DICTIONARY_RECORD:
        inflate = zlib.decompressobj(-zlib.MAX_WBITS, zdict=dictionary)
        data = inflate.decompress(data[1:]) + inflate.flush()
    elif data[:1] == b"x":
        data = zlib.decompress(data)
    raw = json.loads(data)
    entities = {name: tuple(raw.pop(name, ())) for name in KEYWORD_FIELDS}
    mentions = tuple((kind, start, end, value) for kind, start, end, value in raw.pop("mentions", ()))
    return Stored(Document(**raw), entities, mentions)


def make_dictionary(docs: Iterable[Document]) -> bytes:
    """An index's record dictionary from its first documents: the last 32 KB of their records (without entities,
    which are not known yet); b"" when they are too short for one (the next run tries again)."""
    sample = b"".join(record_json(doc) for doc in docs)[-DICTIONARY_BYTES:]
    return sample if len(sample) >= DICTIONARY_BYTES // 2 else b""


def read_dictionary(index: Path) -> bytes:
    """The index's record dictionary (b"" when it has none yet)."""
    try:
        return (index / DICTIONARY_FILE).read_bytes()
    except FileNotFoundError:
        return b""


def write_dictionary(index: Path, dictionary: bytes) -> None:
    """Write the dictionary durably (temp file, fsync, rename) before any record uses it."""
    tmp = index / f".{DICTIONARY_FILE}.tmp"
    with tmp.open("wb") as fh:
        fh.write(dictionary)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index / DICTIONARY_FILE)


class Records:
    """Decodes the records of one index directory, reading its dictionary when a record first needs it (a writer
    may make it after a reader opened the index)."""

    def __init__(self, index: Path) -> None:
        self._index = index
        self._dictionary: bytes | None = None

    def decode(self, data: bytes) -> Stored:
        if data[:1] == DICTIONARY_RECORD and not self._dictionary:
            self._dictionary = read_dictionary(self._index)
            if not self._dictionary:
                raise IndexIncompatible(str(self._index), f"its records need {DICTIONARY_FILE}, which is missing")
        return decode_record(data, self._dictionary or b"")


@dataclass(frozen=True)
class Term:
    field: str
    term: str


@dataclass(frozen=True)
class Phrase:
    field: str
    terms: tuple[str, ...]
    slop: int = 0


@dataclass(frozen=True)
class DateRange:
    """Documents whose date lies in [start, end]; None leaves a side open."""

    start: date | None
    end: date | None


@dataclass(frozen=True)
class Boost:
    query: EngineQuery
    factor: float


@dataclass(frozen=True)
class Bool:
    """must: all match; should: at least one matches when there is no must (scores add up); must_not: none."""

    must: tuple[EngineQuery, ...] = ()
    should: tuple[EngineQuery, ...] = ()
    must_not: tuple[EngineQuery, ...] = ()


@dataclass(frozen=True)
class AnyOf:
    """Documents matching any of `queries`, each scored by the best of them (a disjunction max): one word's
    spellings, as if they were one word."""

    queries: tuple[EngineQuery, ...]


@dataclass(frozen=True)
class MatchAll:
    pass


@dataclass(frozen=True)
class MatchNone:
    pass


EngineQuery = Term | Phrase | DateRange | Boost | Bool | AnyOf | MatchAll | MatchNone


@dataclass(frozen=True)
class Stored:
    """A document as the index keeps it: the original, its entity values by kind and its mentions."""

    doc: Document
    values: dict[str, tuple[str, ...]]
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Page:
    """One page of ranked documents and the number of matches in the whole index."""

    total: int
    hits: list[tuple[float, Stored]]


@dataclass(frozen=True)
class EngineStats:
    """What an engine reports of its index: live documents, bytes it keeps (on disk, or in the cluster for a remote
    engine) and segments."""

    documents: int
    size_bytes: int
    segments: int


class Backend(Protocol):
    """The engine contract every adapter implements (tantivy, whoosh; shaped so that a remote engine can too).

    - Opening: `Adapter(path, create=False)` opens the index of the directory `path` (where Fahras keeps its meta,
      entity groups and ledger; a local engine keeps its files there, a remote one would keep its connection there);
      `create=True` makes an empty one if there is none. Raises `IndexIncompatible` when the engine cannot read it,
      `BackendUnavailable` when the engine cannot be reached.
    - Writing: the first change takes the writer lock (`IndexLocked` for a second writer, held until close());
      nothing is visible to searches until commit() (a refresh for a remote engine), and a crash or rollback() keeps
      the last commit. Re-adding an id replaces the document.
    - Reading: queries are `EngineQuery` nodes with analysed terms; fields are those of `indexer.schema.SCHEMA`.
    """

    name: str

    def add(self, docs: Iterable[AnalysedDoc]) -> None: ...
    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id; returns how many the last commit held."""
    def delete_all(self) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None:
        """Drop uncommitted work and release the writer lock."""
    def search(self, query: EngineQuery, limit: int, offset: int = 0, newest_first: bool = False) -> Page:
        """One page of hits, best first (BM25, k1=1.2, b=0.75), or newest first (scores 0), and the total."""
    def rank(self, query: EngineQuery, limit: int) -> list[tuple[str, float]]:
        """(id, score) of the best `limit` documents, without loading their records."""
    def count(self, query: EngineQuery) -> int: ...
    def get(self, doc_id: str) -> Stored | None: ...
    def count_values(self, query: EngineQuery, fields: Sequence[str], size: int) -> dict[str, list[tuple[str, int]]]:
        """Per keyword field: documents per value over the whole result set, the `size` (≤ MAX_BUCKETS) most
        frequent first, ties by value; all fields in one call."""
    def count_any(self, query: EngineQuery, groups: Mapping[str, Sequence[tuple[str, ...]]]) -> dict[str, list[int]]:
        """Per keyword field, per group of its values: the documents matching `query` with any of them."""
    def values(self, field: str) -> dict[str, int]:
        """Every value of a keyword field in the index with its number of live documents (for the grouping)."""
    def terms(self, field: str, prefix: str = "", limit: int | None = None) -> list[tuple[str, int]]:
        """The indexed terms of a text field starting with `prefix` and their document counts, most documents
        first (deleted documents may still count until the engine merges them away)."""
    def num_docs(self) -> int: ...
    def doc_freqs(self, terms: Sequence[tuple[str, str]]) -> tuple[int, list[int]]:
        """The number of documents and, for each (field, term), the documents holding the term, from one reader
        (BM25's N and df: the planner's title weights)."""
    def stats(self) -> EngineStats: ...
    def stamp(self) -> str:
        """Names the last commit: it changes with every commit."""


class BackendFactory(Protocol):
    """An adapter class: opens (or with `create`, makes) the index of a directory."""

    def __call__(self, path: Path, create: bool = False) -> Backend: ...
