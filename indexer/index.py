"""Documents → a committed on-disk index (Indexer), and an index directory → its meta, analyzer and backend."""

from __future__ import annotations

import itertools
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from indexer.analyse import Analysis, Workers
from indexer.analysis import DEFAULT_ANALYZER, Analyzer, get_analyzer
from indexer.backends import DEFAULT_BACKEND, REGISTRY, backend_names, open_backend
from indexer.backends.base import (
    DICTIONARY_FILE,
    AnalysedDoc,
    Backend,
    make_dictionary,
    read_dictionary,
    write_dictionary,
)
from indexer.documents import Document, Problem
from indexer.entities import KINDS, Entity
from indexer.entities.aliases import ALIASES_FILE
from indexer.entities.store import STORE_FILE, EntityStore
from indexer.errors import IndexIncompatible, InputError
from indexer.ledger import LEDGER_FILE, InputRun, Ledger, content_hash
from indexer.meta import META_FILE, IndexMeta, check_fingerprint, is_index, read_meta, write_meta

EXTRACT_BATCH = 64  # documents whose entities are tagged in one call (the tagger decodes them together)
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
    check_fingerprint(path, meta, analyzer.fingerprint)
    if meta.backend not in REGISTRY:
        raise IndexIncompatible(str(path), f"it uses backend {meta.backend!r}; this build knows {backend_names()}")
    return OpenIndex(path, meta, analyzer, open_backend(meta.backend, path))


@dataclass
class IndexReport:
    """What one indexing run did."""

    added: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    chars: int = 0
    unchanged: int = 0  # documents skipped: the index holds them as they are
    deleted: int = 0  # documents deleted by --sync: their input no longer has them


class Indexer:
    """Add, replace and delete documents in an index directory, committing every `batch_size` documents; with
    `jobs` > 1, worker processes analyse the documents and this one writes them (the same index whatever `jobs`).

    A crash or Ctrl-C loses only the documents since the last commit; `with Indexer(...)` commits on a clean exit
    and rolls back on an exception. `rebuild=True` replaces the whole index in one final commit.

    >>> import tempfile
    >>> from indexer import Document, Indexer
    >>> with Indexer(tempfile.mkdtemp()) as ix:
    ...     ix.add([Document("a1", "مكالمة خاصة", "اجتمع المُمَوِّلون في وول ستريت")])
    1
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, analyzer: str | None = None, *,
                 backend: str | None = None, batch_size: int = 5_000, rebuild: bool = False,
                 entities: bool = True, extractor: Callable[[str], list[Entity]] | None = None,
                 jobs: int = 1) -> None:
        self.path = Path(path)
        self.jobs = jobs
        self._workers: Workers | None = None
        self._chunk = min(EXTRACT_BATCH, batch_size)  # so commits still fall every batch_size documents
        self.batch_size = batch_size
        self.rebuild = rebuild
        self._pending = 0
        meta = self._prepare(analyzer or DEFAULT_ANALYZER, backend or DEFAULT_BACKEND,
                             explicit_analyzer=analyzer is not None, explicit_backend=backend is not None)
        self.analyzer = get_analyzer(meta.analyzer)
        self._analysis = Analysis(self.analyzer, entities, extractor)
        self._custom_extractor = extractor is not None
        self.backend: Backend = open_backend(meta.backend, self.path, create=True)
        if not is_index(self.path):
            write_meta(self.path, meta)
        self._new_meta = meta
        self.ledger = Ledger(self.path)
        self._input = ""  # the input the documents being added come from (for the ledger)
        self._written: list[tuple[str, str, str]] = []  # (id, content hash, input) added since the last commit
        self._deleted: list[str] = []
        self._hashes: dict[str, str] = {}  # id → content hash of documents read but not yet written (a few chunks)
        self._cleared = False  # a rebuild has emptied the ledger
        self._grouped_at = time.monotonic()
        self._ungrouped = False  # a batch commit has not been grouped yet
        self.entities = EntityStore(self.path)
        if rebuild:
            self.backend.delete_all()
        elif self.entities.stamp() != self.backend.stamp() or not self.entities.is_current():
            self._group()  # a crash came between the last commit and its grouping, or the aliases were edited

    def _prepare(self, analyzer: str, backend: str, explicit_analyzer: bool, explicit_backend: bool) -> IndexMeta:
        """Check the directory and decide the meta: an existing index keeps its analyzer and backend unless rebuilt
        (a rebuild with another backend starts a new index, keeping only the user's aliases file)."""
        get_analyzer(analyzer)  # fail early on an unknown name
        if backend not in REGISTRY:
            raise InputError(f"unknown backend {backend!r}; choose one of {', '.join(backend_names())}")
        wanted = IndexMeta(analyzer, backend, fingerprint=get_analyzer(analyzer).fingerprint)
        if self.path.exists() and not self.path.is_dir():
            raise InputError(f"{self.path} is a file, not a directory; give --index a new or empty directory")
        if is_index(self.path):
            try:
                current = read_meta(self.path)
            except IndexIncompatible:
                if not self.rebuild:
                    raise
                _clear(self.path)
                current = None
            if current is not None and not self.rebuild:
                check_fingerprint(self.path, current, get_analyzer(current.analyzer).fingerprint)
                if explicit_analyzer and current.analyzer != analyzer:
                    raise InputError(f"the index at {self.path} uses {current.analyzer}; add --rebuild to re-index "
                                     f"it with {analyzer}")
                if explicit_backend and current.backend != backend:
                    raise InputError(f"the index at {self.path} uses the {current.backend} backend; add --rebuild to "
                                     f"re-index it with {backend}")
                return current
            if current is not None and current.backend != backend:
                _clear(self.path)
        elif self.path.exists() and any(p.name != ".gitkeep" for p in self.path.iterdir()):
            raise InputError(f"{self.path} is not empty and holds no Fahras index; choose an empty or new directory")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise InputError(f"cannot create the index directory {self.path} ({err.strerror or err}); give --index "
                             "a path you can write to") from None
        return wanted

    def analyse_many(self, docs: list[Document]) -> list[AnalysedDoc]:
        """Run the index's analyzer over each document's title and body, and find the entities it mentions."""
        return self._analysis(docs)

    def add(self, docs: Iterable[Document], on_progress: Callable[[int], None] | None = None) -> int:
        """Add (or replace, by id) documents; commits every `batch_size` unless rebuilding; `on_progress(n)` as
        documents are written. Returns how many."""
        count = 0
        for analysed in self._analysed(_chunks(docs, self._chunk)):
            self.backend.add(analysed)
            self._written += [(a.doc.id, self._hashes.pop(a.doc.id, None) or content_hash(a.doc), self._input)
                              for a in analysed]
            count += len(analysed)
            self._pending += len(analysed)
            if on_progress:
                on_progress(len(analysed))
            if self._pending >= self.batch_size and not self.rebuild:
                self._commit(group=time.monotonic() - self._grouped_at >= GROUP_EVERY)
        return count

    def _analysed(self, chunks: Iterator[list[Document]]) -> Iterator[list[AnalysedDoc]]:
        """Each chunk analysed, in order: in this process, or by the worker processes once a second chunk comes
        (with `jobs` > 1 and the shipped extractor: a custom one cannot be sent to another process)."""
        first = next(chunks, None)
        if first is None:
            return
        if not self._analysis.dictionary:
            self._analysis.dictionary = self._dictionary(first)
        second = next(chunks, None)
        if second is None or self.jobs <= 1 or self._custom_extractor:
            yield self._analysis(first)
            if second is not None:
                yield self._analysis(second)
                yield from map(self._analysis, chunks)
            return
        if self._workers is None:
            self._workers = Workers(self.analyzer.name, self._analysis.entities, self.jobs, self._analysis.dictionary)
        yield from self._workers.map(itertools.chain((first, second), chunks))

    def _dictionary(self, first: list[Document]) -> bytes:
        """The index's record dictionary: the one it has, or one made now from the first documents it is given
        (written before any record uses it, never replaced; none while they are too short)."""
        dictionary = read_dictionary(self.path)
        if not dictionary:
            dictionary = make_dictionary(first)
            if dictionary:
                write_dictionary(self.path, dictionary)
        return dictionary

    def index(self, items: Iterable[Document | Problem], on_progress: Callable[[int], None] | None = None, *,
              input_path: str = "", sync: bool = False) -> IndexReport:
        """Add every Document of `items` (streamed: read as the writer takes them) and collect every Problem;
        `on_progress(n)` as items are done. A document the index already holds unchanged (same content hash) is
        skipped; with `sync`, the documents recorded from `input_path` that `items` no longer has are deleted."""
        report = IndexReport()
        start = time.perf_counter()
        known = {} if self.rebuild else self.ledger.hashes(self.backend.stamp())
        seen: set[str] = set()

        def documents() -> Iterator[Document]:
            for item in items:
                if isinstance(item, Problem):
                    report.problems.append(item)
                    if on_progress:
                        on_progress(1)
                    continue
                seen.add(item.id)
                digest = content_hash(item)
                if known.get(item.id) == digest:
                    report.unchanged += 1
                    if on_progress:
                        on_progress(1)
                    continue
                report.chars += len(item.title) + len(item.body)
                self._hashes[item.id] = digest  # recorded in the ledger once written, not hashed again
                yield item

        self._input = input_path
        try:
            report.added = self.add(documents(), on_progress)
            if sync and input_path:
                gone = self.ledger.ids_from(input_path) - seen
                report.deleted = self.backend.delete(gone) if gone else 0
                self._deleted += gone
            self.commit()
        finally:
            self._input = ""
            self._hashes.clear()
        report.seconds = time.perf_counter() - start
        if input_path:
            self.ledger.ran(InputRun(input_path, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                     len(seen), report.added, report.unchanged, report.deleted))
        return report

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id and commit; returns how many existed."""
        ids = list(ids)
        deleted = self.backend.delete(ids)
        self._deleted += ids
        self.commit()
        return deleted

    def commit(self) -> None:
        """Make everything added or deleted so far durable and searchable, its entity values grouped (nothing to do
        when nothing changed since the last commit: a run over unchanged inputs)."""
        if self._written or self._deleted or self._cleared is False and self.rebuild:
            self._commit(group=True)
        elif self._ungrouped:  # the run's last batch commit came before the next grouping was due
            self._group()

    def _commit(self, group: bool) -> None:
        """Commit; group the entity values too when `group` (the batch commits of a long run group now and then:
        until they do, a value new since the last grouping is its own facet value)."""
        self.backend.commit()
        self._pending = 0
        if self.rebuild:
            write_meta(self.path, self._new_meta)
            if not self._cleared:
                self.ledger.clear(self.backend.stamp())  # the rebuilt index holds only what this run wrote
                self._cleared = True
        self.ledger.record(self._written, self._deleted, self.backend.stamp())
        self._written, self._deleted = [], []
        if group:
            self._group()
        else:
            self._ungrouped = True

    def _group(self) -> None:
        """Group the entity values the index holds now (entities.sqlite), for the searches that follow."""
        self.entities.refresh({kind: self.backend.values(kind) for kind in KINDS}, self.backend.stamp())
        self._grouped_at = time.monotonic()
        self._ungrouped = False

    def close(self) -> None:
        """Drop uncommitted work, stop the worker processes and release the writer lock."""
        try:
            if self._workers is not None:
                self._workers.close()
                self._workers = None
        finally:
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


def own_files(path: Path) -> list[Path]:
    """The files Fahras itself keeps in an index directory, beside the engine's: meta, entity groups, ledger,
    aliases, record dictionary."""
    names = (META_FILE, STORE_FILE, LEDGER_FILE, ALIASES_FILE, DICTIONARY_FILE)
    return [path / name for name in names if (path / name).is_file()]


def _clear(path: Path) -> None:
    """Empty an index directory, keeping the user's hand-edited aliases file."""
    for item in path.iterdir():
        if item.name == ALIASES_FILE:
            continue
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
        else:
            item.unlink()


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
