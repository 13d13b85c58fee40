"""A test collection (corpus.jsonl, queries.tsv, qrels.tsv) → a TREC run, MRR/nDCG/Recall and latency figures."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from indexer import Indexer, read_inputs
from indexer.errors import InputError
from search.searcher import Searcher

MEASURES = ("RR@10", "nDCG@10", "R@10", "R@100")
RUN_DEPTH = 1000


@dataclass(frozen=True)
class EvalReport:
    collection: str
    documents: int
    queries: int
    index_seconds: float
    latency_ms: dict[str, float]  # p50, p95, mean over all queries (top 1000, no snippets)
    metrics: dict[str, float] = field(default_factory=dict)  # empty without qrels.tsv


def read_queries(path: Path) -> list[tuple[str, str]]:
    """queries.tsv: `qid<TAB>text` per line."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            qid, sep, text = line.partition("\t")
            if not sep:
                raise InputError(f"{path}:{number}: expected `qid<TAB>text`")
            out.append((qid.strip(), text.strip()))
    return out


def read_qrels(path: Path) -> list[tuple[str, str, int]]:
    """qrels.tsv: `qid<TAB>docid<TAB>rel` (a TREC `qid 0 docid rel` line is read too)."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) == 4:
            parts = [parts[0], parts[2], parts[3]]
        if len(parts) != 3 or not parts[2].lstrip("-").isdigit():
            raise InputError(f"{path}:{number}: expected `qid<TAB>docid<TAB>rel`")
        out.append((parts[0], parts[1], int(parts[2])))
    return out


def score_run(run: dict[str, list[tuple[str, float]]], qrels: list[tuple[str, str, int]]) -> dict[str, float]:
    """MRR@10, nDCG@10, Recall@10 and Recall@100 with trec_eval conventions (ir-measures); queries without
    any hit count as zero."""
    import ir_measures

    measures = [ir_measures.parse_measure(m) for m in MEASURES]
    scored = [ir_measures.ScoredDoc(q, d, s) for q, hits in run.items() for d, s in hits]
    judged = [ir_measures.Qrel(q, d, r) for q, d, r in qrels]
    agg = _mean_over_judged(ir_measures.iter_calc(measures, judged, scored), {q for q, _, _ in qrels})
    return {m: agg.get(m, 0.0) for m in MEASURES}


def _mean_over_judged(values, judged_qids: set[str]) -> dict[str, float]:
    sums: dict[str, float] = {}
    for v in values:
        sums[str(v.measure)] = sums.get(str(v.measure), 0.0) + v.value
    return {m: s / len(judged_qids) for m, s in sums.items()} if judged_qids else {}


def write_trec_run(run: dict[str, list[tuple[str, float]]], path: Path, tag: str = "fahras") -> None:
    """TREC run format: `qid Q0 docid rank score tag`."""
    with path.open("w", encoding="utf-8") as fh:
        for qid, hits in run.items():
            for rank, (doc_id, score) in enumerate(hits, 1):
                fh.write(f"{qid} Q0 {doc_id} {rank} {score:.6f} {tag}\n")


def evaluate(collection: str | Path, *, run_path: Path | None = None, analyzer: str | None = None,
             backend: str = "tantivy", on_progress: Callable[[int], None] | None = None,
             ranker: Callable[[Searcher, str], list[tuple[str, float]]] | None = None,
             entities: bool = True) -> EvalReport:
    """Index corpus.jsonl into a temporary index (with entity extraction, as `fahras index` does: a query naming
    an entity matches its other spellings), run every query, score against qrels.tsv if present."""
    collection = Path(collection)
    for name in ("corpus.jsonl", "queries.tsv"):
        if not (collection / name).is_file():
            raise InputError(f"{collection / name} is missing; a collection has corpus.jsonl, queries.tsv "
                             "and optionally qrels.tsv")
    queries = read_queries(collection / "queries.tsv")
    rank = ranker or (lambda s, q: s.rank(q, RUN_DEPTH))
    with tempfile.TemporaryDirectory(prefix="fahras-eval-") as tmp:
        with Indexer(Path(tmp) / "index", analyzer, backend=backend, entities=entities) as ix:
            report = ix.index(read_inputs(collection / "corpus.jsonl"))
        searcher = Searcher(Path(tmp) / "index")
        run, latencies = {}, []
        for qid, text in queries:
            start = time.perf_counter()
            run[qid] = rank(searcher, text)
            latencies.append((time.perf_counter() - start) * 1000)
            if on_progress:
                on_progress(1)
    if run_path:
        write_trec_run(run, run_path)
    qrels_file = collection / "qrels.tsv"
    metrics = score_run(run, read_qrels(qrels_file)) if qrels_file.is_file() else {}
    return EvalReport(collection.name, report.added, len(queries), report.seconds, _latency(latencies), metrics)


def _latency(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {}
    ordered = sorted(ms)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "mean": statistics.fmean(ordered)}
