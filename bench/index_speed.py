"""A corpus of real Arabic text → docs/s, MB/s, index size and peak RSS of Fahras (--jobs 1 and N, with and without
entities) beside plain tantivy ar_stem and, where Java and Lucene 8 are installed (apt-get install liblucene8-java),
Lucene's ArabicAnalyzer, all measured in the same run.

Usage: python bench/index_speed.py [--jsonl news.jsonl] [--repeat N] [--jobs N]
(without --jsonl: the retrieval corpora of ../shared, repeated with fresh ids, which flatters caches)
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "retrieval"
CORPORA = ("xquad_ar", "arcd")
HEAP_BYTES = 128_000_000  # same writer heap and thread count as Fahras's tantivy backend
LUCENE_SRC = Path(__file__).resolve().parent / "lucene" / "LuceneIndex.java"
LUCENE_JARS = ("lucene-core", "lucene-analyzers-common")  # from /usr/share/java (Debian's liblucene8-java)


def lucene_classpath() -> str:
    """The Lucene 8 jars, versioned names included (lucene-core-8.7.0.jar), or "" if one is missing."""
    found = [sorted(Path("/usr/share/java").glob(f"{jar}*.jar")) for jar in LUCENE_JARS]
    return ":".join(str(jars[0]) for jars in found) if all(found) else ""


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


def run_fahras(jsonl: str, out: str, jobs: int = 1, entities: bool = True) -> tuple[int, float, int, int]:
    """In a fresh process: index with Fahras → (docs, seconds, index bytes, peak RSS KB of the writer plus the
    largest worker)."""
    from indexer import Indexer, read_inputs
    start = time.perf_counter()
    with Indexer(out, rebuild=True, jobs=jobs, entities=entities) as ix:
        report = ix.index(read_inputs(jsonl))
    seconds = time.perf_counter() - start  # includes the final commit and waiting for merges
    if report.problems:
        raise RuntimeError(f"{len(report.problems)} problems, first: {report.problems[0]}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if jobs > 1 else 0
    return report.added, seconds, dir_bytes(Path(out)), rss + workers


def run_lucene(jsonl: str, out: str) -> tuple[int, float, int, int]:
    """Lucene 8's ArabicAnalyzer (bench/lucene/LuceneIndex.java: one thread, no stored text) → the same tuple."""
    tsv = Path(out).parent / (Path(out).name + ".tsv")
    with open(jsonl, encoding="utf-8") as fh, tsv.open("w", encoding="utf-8") as dst:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                clean = [" ".join(str(rec.get(k, "")).split()) for k in ("id", "title", "text")]
                dst.write("\t".join(clean) + "\n")
    classes = Path(out).parent / "lucene-classes"
    classpath = lucene_classpath()
    if not classes.is_dir():
        subprocess.run(["javac", "-cp", classpath, "-d", str(classes), str(LUCENE_SRC)], check=True)
    done = subprocess.run(["/usr/bin/time", "-f", "%M", "java", "-cp", f"{classpath}:{classes}", "LuceneIndex",
                           str(tsv), out], check=True, capture_output=True, text=True)
    docs, seconds = done.stdout.split()
    rss_kb = int(done.stderr.strip().splitlines()[-1])
    return int(docs), float(seconds), dir_bytes(Path(out)), rss_kb


def lucene_ready() -> bool:
    return bool(lucene_classpath()) and bool(shutil.which("javac")) and Path("/usr/bin/time").is_file()


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", type=Path, help="a JSONL corpus (id, title, text) to index instead")
    parser.add_argument("--repeat", type=int, default=1, help="copies of each retrieval corpus, with fresh ids")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the --jobs N rows")
    args = parser.parse_args()

    systems: list[tuple[str, Callable[..., tuple[int, float, int, int]], dict]] = []
    if lucene_ready():
        systems.append(("Lucene ArabicAn.", run_lucene, {}))
    systems.append(("tantivy ar_stem", run_tantivy, {}))
    for entities in (False, True):
        for jobs in dict.fromkeys((1, args.jobs)):
            label = f"Fahras -j{jobs}" + (" +ent" if entities else "")
            systems.append((label, run_fahras, {"jobs": jobs, "entities": entities}))
    header = (f"{'corpus':<10} {'system':<18} {'docs':>7} {'MB':>6} {'seconds':>8} {'docs/s':>8} {'MB/s':>6} "
              f"{'index MB':>8} {'size/MB':>7} {'peak RSS MB':>11} {'speed vs base':>13}")
    print(header)
    print("-" * len(header))
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="fahras-bench-") as tmp:
        corpora = {}
        if args.jsonl:
            corpora[args.jsonl.stem] = (args.jsonl, *corpus_size(args.jsonl))
        else:
            for name in CORPORA:
                jsonl = Path(tmp) / f"{name}.jsonl"
                corpora[name] = (jsonl, *write_copies(args.data / name / "corpus.jsonl", jsonl, args.repeat))
        for name, (jsonl, n_docs, mb) in corpora.items():
            base = None
            for system, job, options in systems:
                out = Path(tmp) / f"{name}-{system.replace(' ', '_')}"
                out.mkdir()
                # One fresh process per run, so peak RSS and caches belong to that run alone.
                with ProcessPoolExecutor(1, mp_context=spawn) as pool:
                    docs, seconds, size, rss_kb = pool.submit(job, str(jsonl), str(out), **options).result()
                assert docs == n_docs, (system, docs, n_docs)
                base = base or docs / seconds
                print(f"{name[:10]:<10} {system:<18} {docs:>7,} {mb:>6.1f} {seconds:>8.1f} {docs / seconds:>8,.0f} "
                      f"{mb / seconds:>6.2f} {size / 1e6:>8.1f} {size / 1e6 / mb:>6.2f}x {rss_kb / 1024:>11.0f} "
                      f"{docs / seconds / base:>12.2f}x", flush=True)
                shutil.rmtree(out)
    print("\nseconds: whole run in a fresh process (reading JSONL, analysis, commit, merges; not interpreter start);\n"
          "speed vs base: docs/s over the first row's. Lucene (if installed) stores no text; tantivy ar_stem stores id,\n"
          "title and body; Fahras stores the original as JSON and indexes an 'exact' field. Peak RSS of Fahras -jN is the\n"
          "writer's plus its largest worker's.")


def corpus_size(jsonl: Path) -> tuple[int, float]:
    """Documents and MB of title + text as UTF-8 in a JSONL file."""
    docs, size = 0, 0
    with jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                docs += 1
                size += len(f"{rec.get('title', '')}{rec.get('text', '')}".encode())
    return docs, size / 1e6


if __name__ == "__main__":
    main()
