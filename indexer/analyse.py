"""Documents → AnalysedDocs (each field's terms from the one analyzer, entity values and mentions), in this process
or in worker processes that each load the analyzer and the entity extractor once."""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from indexer.analysis import Analyzer, get_analyzer
from indexer.backends.base import AnalysedDoc, encode_record
from indexer.documents import Document
from indexer.entities import KINDS, Entity
from indexer.tokenize import word_spans

if TYPE_CHECKING:
    from concurrent.futures import Future

Extractor = Callable[[str], list[Entity]]


@dataclass
class Analysis:
    """One analyzer and (unless off) one entity extractor applied to documents."""

    analyzer: Analyzer
    entities: bool = True
    extractor: Extractor | None = None  # the shipped default when None
    dictionary: bytes = b""  # the index's record dictionary (base.make_dictionary), when it has one

    def __call__(self, docs: list[Document]) -> list[AnalysedDoc]:
        """Each document's title and body cut into words once (`title\nbody`), for the analyzer and the entities."""
        texts = [f"{doc.title}\n{doc.body}" for doc in docs]
        spans = [word_spans(text) for text in texts]
        found = self.entities_of(texts, spans)
        out = []
        for doc, text, words, entities in zip(docs, texts, spans, found, strict=True):
            cut = bisect_left(words, (len(doc.title) + 1,))  # the body's first word
            title, title_exact = self.analyzer.index_terms(text, words[:cut])
            body, body_exact = self.analyzer.index_terms(text, words[cut:])
            values = {kind: tuple(sorted({e.canonical for e in entities if e.kind == kind})) for kind in KINDS}
            mentions = tuple((e.kind, e.start, e.end, e.canonical) for e in entities)
            analysed = AnalysedDoc(doc, title, body, title_exact + body_exact, values, mentions)
            out.append(replace(analysed, record=encode_record(analysed, self.dictionary)))
        return out

    def entities_of(self, texts: list[str], spans: list[list[tuple[int, int]]] | None = None) -> list[list[Entity]]:
        """The entity mentions of each text (none when extraction is off); `spans`: the texts' word_spans, when
        known (the shipped extractor reads them instead of cutting the words again)."""
        if not self.entities:
            return [[] for _ in texts]
        from indexer.entities.extractor import EntityExtractor, default_extractor  # loaded when first needed

        if self.extractor is None:
            self.extractor = default_extractor()
        if isinstance(self.extractor, EntityExtractor):
            return self.extractor.extract_many(texts, spans)
        extract_many = getattr(self.extractor, "extract_many", None)
        return extract_many(texts) if extract_many else [self.extractor(t) for t in texts]


@functools.cache
def _worker_analysis(analyzer: str, entities: bool, dictionary: bytes) -> Analysis:
    """A worker process's Analysis, made on its first chunk and kept for the next ones."""
    return Analysis(get_analyzer(analyzer), entities, dictionary=dictionary)


def _analyse_in_worker(analyzer: str, entities: bool, dictionary: bytes, docs: list[Document]) -> list[AnalysedDoc]:
    return _worker_analysis(analyzer, entities, dictionary)(docs)


class Workers:
    """A pool of `jobs` worker processes analysing chunks of documents, their results handed back in order with at
    most 2 × jobs chunks in flight, so memory stays flat whatever the input's size."""

    def __init__(self, analyzer: str, entities: bool, jobs: int, dictionary: bytes = b"") -> None:
        import multiprocessing  # here, not at the top: a search imports this module without indexing
        from concurrent.futures import ProcessPoolExecutor

        self._args = (analyzer, entities, dictionary)  # sent with each chunk (32 KB), so no worker keeps state
        self._jobs = jobs
        # spawn, not fork: the writer's engine threads are running, and a forked child would inherit their locks
        self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))

    def map(self, chunks: Iterable[list[Document]]) -> Iterator[list[AnalysedDoc]]:
        waiting: deque[Future[list[AnalysedDoc]]] = deque()
        for chunk in chunks:
            waiting.append(self._pool.submit(_analyse_in_worker, *self._args, chunk))
            if len(waiting) >= 2 * self._jobs:
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
