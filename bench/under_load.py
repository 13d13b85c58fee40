"""A writer indexing a corpus (fahras index, commits every --batch-size) + reader threads in this process and reader
processes searching the same index meanwhile → queries served, errors, p50/p99 latency and reader RSS, beside the
same readers on the finished index (no writer) in the same run.

Usage: python bench/under_load.py --jsonl news.jsonl [--threads 4] [--processes 2] [--batch-size 1000]
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import multiprocessing  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

from indexer import Document, Indexer  # noqa: E402
from search import Searcher  # noqa: E402

QUERIES = ["أسعار النفط", "وزارة الصحة", "الملك سلمان", "سوق الأسهم", "مشروع الإسكان", '"مجلس الوزراء"', "التعليم~",
           "الرياض date:2015", "ارامكو", "البنك الأهلي"]


def read_until(index: Path, stop: threading.Event | multiprocessing.synchronize.Event, out: list) -> None:
    """Search round-robin until `stop`; append (ms, None) per query, or (ms, error text)."""
    searcher = Searcher(index)
    k = 0
    while not stop.is_set():
        start = time.perf_counter()
        try:
            results = searcher.search(QUERIES[k % len(QUERIES)], limit=10)
            error = None if len(results.hits) <= results.total else "torn result"
        except Exception as err:  # noqa: BLE001 - a bench counts every failure
            error = f"{type(err).__name__}: {err}"
        out.append(((time.perf_counter() - start) * 1000, error))
        k += 1


def reader_process(index: str, stop, queue) -> None:  # type: ignore[no-untyped-def]
    out: list = []
    read_until(Path(index), stop, out)
    queue.put((out, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def run(index: Path, threads: int, processes: int, writer: list[str] | None) -> tuple[list, float, list[int]]:
    """Readers until the writer ends (or 20 s without one) → their results, seconds, reader processes' peak RSS KB."""
    ctx = multiprocessing.get_context("spawn")
    stop_t, stop_p, queue = threading.Event(), ctx.Event(), ctx.Queue()
    outs: list[list] = [[] for _ in range(threads)]
    pool = [threading.Thread(target=read_until, args=(index, stop_t, outs[k])) for k in range(threads)]
    procs = [ctx.Process(target=reader_process, args=(str(index), stop_p, queue)) for _ in range(processes)]
    start = time.monotonic()
    for p in [*pool, *procs]:
        p.start()
    if writer:
        done = subprocess.run(writer, capture_output=True, text=True)
        if done.returncode:
            print(done.stderr)
    else:
        time.sleep(20)
    stop_t.set()
    stop_p.set()
    results = [(q, None) for q in ()]
    rss = []
    for _ in procs:
        out, peak = queue.get()
        results += out
        rss.append(peak)
    for p in [*pool, *procs]:
        p.join()
    for out in outs:
        results += out
    return results, time.monotonic() - start, rss


def report(label: str, results: list, seconds: float, rss: list[int]) -> None:
    ms = sorted(m for m, _ in results)
    errors = [e for _, e in results if e]
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))] if ms else 0.0
    print(f"{label:46} {len(ms):>8,} {len(ms) / seconds:>8,.0f} {len(errors):>7} {statistics.median(ms):>8.1f} "
          f"{p99:>8.1f} {max(rss, default=0) / 1024:>10.0f}")
    for error in sorted(set(errors))[:5]:
        print(f"    {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", type=Path, required=True)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fahras-load-") as tmp:
        index = Path(tmp) / "ix"
        with Indexer(index) as ix:
            ix.add([Document("seed", "خبر", "أسعار النفط")])
        writer = [sys.executable, str(REPO_ROOT / "cli.py"), "index", str(args.jsonl), "--index", str(index),
                  "--batch-size", str(args.batch_size), "--json"]
        print(f"{'readers':46} {'queries':>8} {'q/s':>8} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} {'proc RSS MB':>10}")
        label = f"{args.threads} threads + {args.processes} processes"
        report(f"{label}, writer indexing", *run(index, args.threads, args.processes, writer))
        report(f"{label}, no writer (baseline)", *run(index, args.threads, args.processes, None))
        print(f"\nthis process's peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
