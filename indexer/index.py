"""Documents → a committed on-disk index (Indexer), and an index directory → its meta, analyzer and backend."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from indexer.analysis import DEFAULT_ANALYZER, Analyzer, get_analyzer
from indexer.backends.base import AnalysedDoc, Backend
from indexer.backends.tantivy_backend import TantivyBackend
from indexer.documents import Document, Problem
from indexer.entities import KINDS, Entity, default_extractor
from indexer.errors import IndexIncompatible, InputError
from indexer.meta import IndexMeta, is_index, read_meta, write_meta

BACKENDS: dict[str, type[TantivyBackend]] = {"tantivy": TantivyBackend}
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
        self.batch_size = batch_size
        self.rebuild = rebuild
        self._pending = 0
        meta = self._prepare(analyzer or DEFAULT_ANALYZER, backend, explicit=analyzer is not None)
        self.analyzer = get_analyzer(meta.analyzer)
        self.backend: Backend = BACKENDS[meta.backend](self.path, create=True)
        if not is_index(self.path):
            write_meta(self.path, meta)
        self._new_meta = meta
        if rebuild:
            self.backend.delete_all()

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

    def analyse(self, doc: Document) -> AnalysedDoc:
        """Run the index's analyzer over a document's title and body."""
        title, title_exact = self.analyzer.index_terms(doc.title)
        body, body_exact = self.analyzer.index_terms(doc.body)
        values = self.entity_values(f"{doc.title}\n{doc.body}")
        return AnalysedDoc(doc, title, body, title_exact + body_exact, values["person"], values["firm"], values["org"])

    def entity_values(self, text: str) -> dict[str, tuple[str, ...]]:
        """The canonical names of the people, firms and organisations `text` mentions, per kind."""
        found: dict[str, set[str]] = {kind: set() for kind in KINDS}
        if self._entities:
            if self._extractor is None:
                self._extractor = default_extractor()
            for entity in self._extractor(text):
                found[entity.kind].add(entity.canonical)
        return {kind: tuple(sorted(values)) for kind, values in found.items()}

    def add(self, docs: Iterable[Document]) -> int:
        """Add (or replace, by id) documents; commits every `batch_size` unless rebuilding. Returns how many."""
        count = 0
        for doc in docs:
            self.backend.add([self.analyse(doc)])
            count += 1
            self._pending += 1
            if self._pending >= self.batch_size and not self.rebuild:
                self.commit()
        return count

    def index(self, items: Iterable[Document | Problem],
              on_progress: Callable[[int], None] | None = None) -> IndexReport:
        """Add every Document of `items` and collect every Problem; `on_progress(1)` after each item."""
        report = IndexReport()
        start = time.perf_counter()
        for item in items:
            if isinstance(item, Problem):
                report.problems.append(item)
            else:
                report.added += self.add([item])
                report.chars += len(item.title) + len(item.body)
            if on_progress:
                on_progress(1)
        self.commit()
        report.seconds = time.perf_counter() - start
        return report

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id and commit; returns how many existed."""
        deleted = self.backend.delete(ids)
        self.commit()
        return deleted

    def commit(self) -> None:
        self.backend.commit()
        self._pending = 0
        if self.rebuild:
            write_meta(self.path, self._new_meta)

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

