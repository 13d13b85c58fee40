"""Retrieval corpora (repeated, fresh ids) → indexing speed, size and peak RSS of Fahras vs plain tantivy ar_stem."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import resource  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "retrieval"
CORPORA = ("xquad_ar", "arcd")
HEAP_BYTES = 128_000_000  # same writer heap and thread count as Fahras's tantivy backend


def write_copies(src: Path, dst: Path, repeat: int) -> tuple[int, float]:
    """`repeat` copies of a JSONL corpus with ids made unique per copy → (docs, MB of title + text as UTF-8)."""
    docs, size = 0, 0
    with src.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    with dst.open("w", encoding="utf-8") as out:
        for copy in range(repeat):
            for rec in records:
                out.write(json.dumps({**rec, "id": f"{rec['id']}#{copy}"}, ensure_ascii=False) + "\n")
                docs += 1
                size += len(f"{rec.get('title', '')}{rec.get('text', '')}".encode())
    return docs, size / 1e6


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_fahras(jsonl: str, out: str) -> tuple[int, float, int, int]:
    """In a fresh process: index with Fahras → (docs, seconds, index bytes, peak RSS KB)."""
    from indexer import Indexer, read_inputs
    start = time.perf_counter()
    with Indexer(out, rebuild=True) as ix:
        report = ix.index(read_inputs(jsonl))
    seconds = time.perf_counter() - start  # includes the final commit and waiting for merges
    if report.problems:
        raise RuntimeError(f"{len(report.problems)} problems, first: {report.problems[0]}")
    return report.added, seconds, dir_bytes(Path(out)), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_tantivy(jsonl: str, out: str) -> tuple[int, float, int, int]:
    """In a fresh process: the same Documents into plain tantivy, title + body with the ar_stem analyzer."""
    import tantivy

    from indexer import Document, read_inputs
    start = time.perf_counter()
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", tokenizer_name="raw", stored=True)
    sb.add_text_field("title", tokenizer_name="ar_stem", stored=True)
    sb.add_text_field("body", tokenizer_name="ar_stem", stored=True)
    index = tantivy.Index(sb.build(), out)
    # tantivy-py 0.27 has no built-in "ar_stem": an unregistered tokenizer name silently indexes nothing.
    index.register_tokenizer("ar_stem", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                             .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.stemmer("arabic")).build())
    writer = index.writer(heap_size=HEAP_BYTES, num_threads=1)
    docs = 0
    for item in read_inputs(jsonl):
        if isinstance(item, Document):
            writer.add_document(tantivy.Document(id=item.id, title=item.title, body=item.body))
            docs += 1
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - start
    index.reload()
    if index.searcher().num_docs != docs:
        raise RuntimeError("tantivy baseline lost documents")
    return docs, seconds, dir_bytes(Path(out)), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="copies of each corpus, with fresh ids (default 1)")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    header = (f"{'corpus':<10} {'system':<16} {'docs':>7} {'MB':>6} {'seconds':>8} {'docs/s':>8} {'MB/s':>6} "
              f"{'index MB':>8} {'peak RSS MB':>11}")
    print(header)
    print("-" * len(header))
    ratios = []
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="fahras-bench-") as tmp:
        for name in CORPORA:
            jsonl = Path(tmp) / f"{name}.jsonl"
            n_docs, mb = write_copies(args.data / name / "corpus.jsonl", jsonl, args.repeat)
            results = {}
            for system, job in (("Fahras", run_fahras), ("tantivy ar_stem", run_tantivy)):
                out = Path(tmp) / f"{name}-{system.split()[0]}"
                out.mkdir()
                # One fresh process per run, so peak RSS and caches belong to that run alone.
                with ProcessPoolExecutor(1, mp_context=spawn) as pool:
                    docs, seconds, size, rss_kb = pool.submit(job, str(jsonl), str(out)).result()
                assert docs == n_docs, (system, docs, n_docs)
                results[system] = (seconds, size, rss_kb)
                print(f"{name:<10} {system:<16} {docs:>7,} {mb:>6.2f} {seconds:>8.2f} {docs / seconds:>8,.0f} "
                      f"{mb / seconds:>6.2f} {size / 1e6:>8.2f} {rss_kb / 1024:>11.1f}")
            (fs, fsize, frss), (bs, bsize, brss) = results["Fahras"], results["tantivy ar_stem"]
            ratios.append((name, fs / bs, fsize / bsize, frss / brss))
    print("\nFahras / baseline   time   size   peak RSS")
    for name, t, s, r in ratios:
        print(f"{name:<19} {t:>5.2f}x {s:>5.2f}x {r:>6.2f}x")
    print("\nseconds: whole run in a fresh process (reading JSONL, analysis, commit, merges; not interpreter start).\n"
          "Fahras also indexes an 'exact' field and stores a JSON record; the baseline stores id, title and body.")


if __name__ == "__main__":
    main()
