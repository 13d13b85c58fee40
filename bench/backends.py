"""Retrieval collections → each backend side by side in one run: indexing docs/s and size, MRR@10 of every query,
and top-10 search latency (snippets and facet counts) through the Python API.

    python bench/backends.py                      # xquad_ar and arcd, without entities
    python bench/backends.py --entities --repeat 4
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import math  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from indexer import Document, Indexer, read_inputs  # noqa: E402
from indexer.backends import backend_names  # noqa: E402
from search import Searcher  # noqa: E402
from search.evaluate import read_qrels, read_queries, score_run  # noqa: E402

DATA = REPO_ROOT.parent / "shared" / "data" / "retrieval"
COLLECTIONS = ("xquad_ar", "arcd")


def corpus(name: str, repeat: int) -> list[Document]:
    """A collection's documents, `repeat` times (copies get fresh ids: more documents, the same answers)."""
    docs = [d for d in read_inputs(DATA / name / "corpus.jsonl") if isinstance(d, Document)]
    return [d if copy == 0 else Document(f"{d.id}#{copy}", d.title, d.body, d.source) for copy in range(repeat)
            for d in docs]


def percentile(ms: list[float], q: float) -> float:
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(backend: str, name: str, repeat: int, entities: bool, tmp: Path) -> dict[str, float]:
    docs = corpus(name, repeat)
    path = tmp / f"{name}-{backend}"
    start = time.perf_counter()
    with Indexer(path, backend=backend, entities=entities, jobs=1) as ix:
        ix.add(docs)
    seconds = time.perf_counter() - start
    searcher = Searcher(path, budget=math.inf, facet_budget=math.inf)
    queries = read_queries(DATA / name / "queries.tsv")
    for _, text in queries[:20]:  # warm-up
        searcher.search(text)
    run_, rank_ms, search_ms = {}, [], []
    for qid, text in queries:
        t = time.perf_counter()
        run_[qid] = searcher.rank(text, 10)
        rank_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        searcher.search(text)
        search_ms.append((time.perf_counter() - t) * 1000)
    mrr = score_run(run_, read_qrels(DATA / name / "qrels.tsv"))["RR@10"]
    stats = searcher.backend.stats()
    return {"docs": len(docs), "docs/s": len(docs) / seconds, "size MB": stats.size_bytes / 1e6, "MRR@10": mrr,
            "rank p50": percentile(rank_ms, 0.5), "search p50": percentile(search_ms, 0.5),
            "search p99": percentile(search_ms, 0.99)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=1, help="copies of each corpus (fresh ids)")
    ap.add_argument("--entities", action="store_true", help="extract entities while indexing")
    args = ap.parse_args()
    cols = ["docs", "docs/s", "size MB", "MRR@10", "rank p50", "search p50", "search p99"]
    print(f"{'collection':<10} {'backend':<8} " + " ".join(f"{c:>10}" for c in cols) + "   (ratio docs/s, p50 to tantivy)")
    with tempfile.TemporaryDirectory(prefix="fahras-backends-") as tmp:
        for name in COLLECTIONS:
            base = None
            for backend in backend_names():
                row = run(backend, name, args.repeat, args.entities, Path(tmp))
                base = base or row
                ratio = f"{row['docs/s'] / base['docs/s']:.2f}x, {row['search p50'] / base['search p50']:.1f}x"
                print(f"{name:<10} {backend:<8} " + " ".join(
                    f"{row[c]:>10.0f}" if c == "docs" else f"{row[c]:>10.4f}" if c == "MRR@10" else f"{row[c]:>10.1f}"
                    for c in cols) + f"   ({ratio})", flush=True)
    print("latencies in ms (rank: top 10 ids; search: top 10 with snippets and facet counts), one process, warm")


if __name__ == "__main__":
    main()
