"""The engine contract: analysed documents in, engine-neutral queries (plain data) in, stored documents out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from indexer.documents import Document
from indexer.entities.kinds import KINDS

# Fields every backend indexes. Text fields hold analysed terms (positions kept); keyword fields hold whole values:
# one per entity kind.
TEXT_FIELDS = ("title", "body", "exact")
KEYWORD_FIELDS = KINDS
Mention = tuple[str, int, int, str]  # (kind, start, end, value) of an entity mention in f"{title}\n{body}"


@dataclass(frozen=True)
class AnalysedDoc:
    """A document with the terms each field indexes (from the one analyzer) and its entity values."""

    doc: Document
    title: list[str]
    body: list[str]
    exact: list[str]
    person: tuple[str, ...] = ()
    firm: tuple[str, ...] = ()
    org: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


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


class Backend(Protocol):
    name: str

    def add(self, docs: Iterable[AnalysedDoc]) -> None: ...
    def delete(self, ids: Iterable[str]) -> int: ...
    def delete_all(self) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...
    def search(self, query: EngineQuery, limit: int, offset: int = 0, newest_first: bool = False) -> Page: ...
    def rank(self, query: EngineQuery, limit: int) -> list[tuple[str, float]]: ...
    def count(self, query: EngineQuery) -> int: ...
    def get(self, doc_id: str) -> Stored | None: ...
    def count_values(self, query: EngineQuery, fields: Sequence[str], size: int) -> dict[str, list[tuple[str, int]]]:
        """Per keyword field: documents per value over the whole result set, the `size` most frequent first."""
    def count_any(self, query: EngineQuery, groups: Mapping[str, Sequence[tuple[str, ...]]]) -> dict[str, list[int]]:
        """Per keyword field, per group of its values: the documents matching `query` with any of them."""
    def num_docs(self) -> int: ...
    def terms(self, field: str, prefix: str = "", limit: int | None = None) -> list[tuple[str, int]]: ...
    # the indexed terms of a text field starting with `prefix` and their document counts, most documents first
    def stamp(self) -> str: ...  # names the last commit: it changes with every commit
