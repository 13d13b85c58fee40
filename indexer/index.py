"""Documents → a committed on-disk index (Indexer), and an index directory → its meta, analyzer and backend."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from indexer.analysis import DEFAULT_ANALYZER, Analyzer, get_analyzer
from indexer.backends.base import AnalysedDoc, Backend, MatchAll
from indexer.backends.tantivy_backend import TantivyBackend
from indexer.documents import Document, Problem
from indexer.entities import KINDS, Entity, default_extractor
from indexer.entities.store import EntityStore
from indexer.errors import IndexIncompatible, InputError
from indexer.meta import IndexMeta, is_index, read_meta, write_meta

BACKENDS: dict[str, type[TantivyBackend]] = {"tantivy": TantivyBackend}
EXTRACT_BATCH = 64  # documents whose entities are tagged in one call (the tagger decodes them together)
ALL_VALUES = 100_000_000  # entity values counted when the groups are made: all of them
GROUP_EVERY = 60.0  # seconds between groupings at the batch commits of a run; its last commit always groups
DEFAULT_PATH = Path("index")


@dataclass(frozen=True)
class OpenIndex:
    """What an index directory holds: its meta, the analyzer it was built with, and the engine behind it."""

    path: Path
    meta: IndexMeta
    analyzer: Analyzer
    backend: Backend


def open_index(path: str | Path = DEFAULT_PATH) -> OpenIndex:
    """Open an existing index for reading; the single place that maps stored names to code."""
    path = Path(path)
    meta = read_meta(path)
    analyzer = get_analyzer(meta.analyzer)
    if meta.backend not in BACKENDS:
        raise IndexIncompatible(str(path), f"it uses backend {meta.backend!r}; this build knows {sorted(BACKENDS)}")
    return OpenIndex(path, meta, analyzer, BACKENDS[meta.backend](path))


@dataclass
class IndexReport:
    """What one indexing run did."""

    added: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    chars: int = 0


class Indexer:
    """Add, replace and delete documents in an index directory, committing every `batch_size` documents.

    A crash or Ctrl-C loses only the documents since the last commit; `with Indexer(...)` commits on a clean exit
    and rolls back on an exception. `rebuild=True` replaces the whole index in one final commit.

    >>> import tempfile
    >>> from indexer import Document, Indexer
    >>> with Indexer(tempfile.mkdtemp()) as ix:
    ...     ix.add([Document("a1", "مكالمة خاصة", "اجتمع المُمَوِّلون في وول ستريت")])
    1
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, analyzer: str | None = None, *,
                 backend: str = "tantivy", batch_size: int = 5_000, rebuild: bool = False,
                 entities: bool = True, extractor: Callable[[str], list[Entity]] | None = None) -> None:
        self.path = Path(path)
        self._entities = entities
        self._extractor = extractor
        self._chunk = min(EXTRACT_BATCH, batch_size)  # so commits still fall every batch_size documents
        self.batch_size = batch_size
        self.rebuild = rebuild
        self._pending = 0
        meta = self._prepare(analyzer or DEFAULT_ANALYZER, backend, explicit=analyzer is not None)
        self.analyzer = get_analyzer(meta.analyzer)
        self.backend: Backend = BACKENDS[meta.backend](self.path, create=True)
        if not is_index(self.path):
            write_meta(self.path, meta)
        self._new_meta = meta
        self._grouped_at = time.monotonic()
        self.entities = EntityStore(self.path)
        if rebuild:
            self.backend.delete_all()
        elif self.entities.stamp() != self.backend.stamp() or not self.entities.is_current():
            self._group()  # a crash came between the last commit and its grouping, or the aliases were edited

    def _prepare(self, analyzer: str, backend: str, explicit: bool) -> IndexMeta:
        """Check the directory and decide the meta: an existing index keeps its analyzer unless rebuilt."""
        get_analyzer(analyzer)  # fail early on an unknown name
        if backend not in BACKENDS:
            raise InputError(f"unknown backend {backend!r}; choose one of {', '.join(sorted(BACKENDS))}")
        wanted = IndexMeta(analyzer, backend)
        if is_index(self.path):
            try:
                current = read_meta(self.path)
            except IndexIncompatible:
                if not self.rebuild:
                    raise
                shutil.rmtree(self.path)
                current = None
            if current is not None and not self.rebuild:
                if explicit and current.analyzer != analyzer:
                    raise InputError(f"the index at {self.path} uses {current.analyzer}; add --rebuild to re-index "
                                     f"it with {analyzer}")
                return current
            if current is not None and current.backend != backend:
                shutil.rmtree(self.path)
        elif self.path.exists() and any(p.name != ".gitkeep" for p in self.path.iterdir()):
            raise InputError(f"{self.path} is not empty and holds no Fahras index; choose an empty or new directory")
        self.path.mkdir(parents=True, exist_ok=True)
        return wanted

    def analyse_many(self, docs: list[Document]) -> list[AnalysedDoc]:
        """Run the index's analyzer over each document's title and body, and find the entities it mentions."""
        found = self.entities_of([f"{doc.title}\n{doc.body}" for doc in docs])
        out = []
        for doc, entities in zip(docs, found, strict=True):
            title, title_exact = self.analyzer.index_terms(doc.title)
            body, body_exact = self.analyzer.index_terms(doc.body)
            values = {kind: tuple(sorted({e.canonical for e in entities if e.kind == kind})) for kind in KINDS}
            mentions = tuple((e.kind, e.start, e.end, e.canonical) for e in entities)
            out.append(AnalysedDoc(doc, title, body, title_exact + body_exact,
                                   values["person"], values["firm"], values["org"], mentions))
        return out

    def entities_of(self, texts: list[str]) -> list[list[Entity]]:
        """The entity mentions of each text (none when extraction is off)."""
        if not self._entities:
            return [[] for _ in texts]
        if self._extractor is None:
            self._extractor = default_extractor()
        extract_many = getattr(self._extractor, "extract_many", None)
        return extract_many(texts) if extract_many else [self._extractor(t) for t in texts]

    def add(self, docs: Iterable[Document]) -> int:
        """Add (or replace, by id) documents; commits every `batch_size` unless rebuilding. Returns how many."""
        count = 0
        for chunk in _chunks(docs, self._chunk):
            self.backend.add(self.analyse_many(chunk))
            count += len(chunk)
            self._pending += len(chunk)
            if self._pending >= self.batch_size and not self.rebuild:
                self._commit(group=time.monotonic() - self._grouped_at >= GROUP_EVERY)
        return count

    def index(self, items: Iterable[Document | Problem],
              on_progress: Callable[[int], None] | None = None) -> IndexReport:
        """Add every Document of `items` and collect every Problem; `on_progress(n)` as items are done."""
        report = IndexReport()
        start = time.perf_counter()
        waiting: list[Document] = []
        for item in items:
            if isinstance(item, Problem):
                report.problems.append(item)
                if on_progress:
                    on_progress(1)
                continue
            waiting.append(item)
            if len(waiting) == self._chunk:
                self._flush(waiting, report, on_progress)
        self._flush(waiting, report, on_progress)
        self.commit()
        report.seconds = time.perf_counter() - start
        return report

    def _flush(self, waiting: list[Document], report: IndexReport, on_progress: Callable[[int], None] | None) -> None:
        report.added += self.add(waiting)
        report.chars += sum(len(d.title) + len(d.body) for d in waiting)
        if on_progress:
            on_progress(len(waiting))
        waiting.clear()

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id and commit; returns how many existed."""
        deleted = self.backend.delete(ids)
        self.commit()
        return deleted

    def commit(self) -> None:
        """Make everything added or deleted so far durable and searchable, its entity values grouped."""
        self._commit(group=True)

    def _commit(self, group: bool) -> None:
        """Commit; group the entity values too when `group` (the batch commits of a long run group now and then:
        until they do, a value new since the last grouping is its own facet value)."""
        self.backend.commit()
        self._pending = 0
        if self.rebuild:
            write_meta(self.path, self._new_meta)
        if group:
            self._group()

    def _group(self) -> None:
        """Group the entity values the index holds now (entities.sqlite), for the searches that follow."""
        counts = {kind: dict(values) for kind, values in self.backend.count_values(MatchAll(), KINDS, ALL_VALUES).items()}
        self.entities.refresh(counts, self.backend.stamp())
        self._grouped_at = time.monotonic()

    def close(self) -> None:
        """Drop uncommitted work and release the writer lock."""
        self.backend.close()

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if exc_type is None:
                self.commit()
        finally:
            self.close()


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
