"""Retrieval corpora index + every retrieval query → Searcher.search latency percentiles (ms) and queries/s."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402

from indexer import Document, Indexer  # noqa: E402
from indexer.backends.base import Bool, Term  # noqa: E402
from indexer.meta import is_index  # noqa: E402
from search import Searcher  # noqa: E402

DATA = REPO_ROOT.parent / "shared" / "data" / "retrieval"
CORPORA = ("xquad_ar", "arcd")


def documents(data: Path, repeat: int) -> Iterator[Document]:
    """Every document of both corpora, `repeat` times, ids made unique per copy."""
    for copy in range(repeat):
        for name in CORPORA:
            with (data / name / "corpus.jsonl").open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        rec = json.loads(line)
                        yield Document(f"{rec['id']}#{copy}", rec.get("title", ""), rec.get("text", ""), name)


def queries(data: Path) -> list[str]:
    """The text of every query of both corpora, leading "- " stripped."""
    out = []
    for name in CORPORA:
        for line in (data / name / "queries.tsv").read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                text = line.split("\t", 1)[1].strip()
                out.append(text[2:] if text.startswith("- ") else text)
    return out


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return sorted_ms[min(len(sorted_ms), max(1, math.ceil(p * len(sorted_ms) / 100))) - 1]


def measure(run: Callable[[str], object], qs: list[str], warmup: int) -> tuple[list[float], float]:
    """Latency of each query in ms (after `warmup` untimed queries), and the wall time of the timed loop."""
    for q in qs[:warmup]:
        run(q)
    latencies = []
    start = time.perf_counter()
    for q in qs:
        t0 = time.perf_counter()
        run(q)
        latencies.append((time.perf_counter() - t0) * 1000)
    return latencies, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="copies of both corpora in the index (default 1)")
    parser.add_argument("--index", type=Path, help="reuse this index (built here first if it holds none)")
    parser.add_argument("--warmup", type=int, default=200, help="untimed queries before each measurement")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    tmp = None
    path = args.index
    if path is None:
        tmp = tempfile.TemporaryDirectory(prefix="fahras-bench-")
        path = Path(tmp.name)
    if is_index(path):
        print(f"reusing the index at {path}")
    else:
        with Indexer(path, rebuild=True) as ix:
            report = ix.index(documents(args.data, args.repeat))
        print(f"indexed {report.added:,} documents ({args.repeat} x {' + '.join(CORPORA)}) "
              f"in {report.seconds:.1f} s")

    searcher = Searcher(path)
    qs = queries(args.data)
    print(f"{len(searcher):,} documents in the index, {len(qs):,} queries, {args.warmup} warm-up queries per row\n")

    analyzer, backend = searcher.analyzer, searcher.backend

    def plain_tantivy(q: str) -> object:
        """The baseline: the engine alone, a BM25 OR of the query's stems, top 10 stored documents."""
        return backend.search(Bool(should=tuple(Term("body", t) for t in analyzer.terms(q))), 10)

    rows = [
        ("baseline: plain tantivy top 10", plain_tantivy),
        ("search limit=10, snippets, facets", lambda q: searcher.search(q, limit=10)),
        ("search limit=10, snippets, no facets", lambda q: searcher.search(q, limit=10, facets=False)),
        ("rank top 1000 (ids+scores, no snippets)", lambda q: searcher.rank(q, 1000)),
    ]
    header = f"{'measurement':<38} {'p50':>7} {'p95':>7} {'p99':>7} {'mean':>7} {'queries/s':>10} {'p50 ratio':>9}"
    print(header)
    print("-" * len(header))
    base = None
    for label, run in rows:
        ms, wall = measure(run, qs, args.warmup)
        ms.sort()
        base = base or percentile(ms, 50)
        print(f"{label:<38} {percentile(ms, 50):>7.2f} {percentile(ms, 95):>7.2f} {percentile(ms, 99):>7.2f} "
              f"{statistics.fmean(ms):>7.2f} {len(qs) / wall:>10,.0f} {percentile(ms, 50) / base:>8.1f}x")
    print("\nms per query, one thread, through the Python API (query parsing and analysis included). Lucene's"
          "\nArabicAnalyzer top-1000 p50 on 32k docs is 1.7 ms (../shared/ANCHORS.md, same machine kind).")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
