"""Fahras's MRR@10 beside Lucene 8's ArabicAnalyzer BM25 on the same collections, both measured in this run.

Usage: python bench/ranking_vs_lucene.py [--collections DIR ...] [--no-entities] [--lucene-fields concat|two]
                                         [--k1 1.2] [--b 0.75] [--runs DIR]

Default collections: ../shared/data/retrieval/{xquad_ar,arcd}, their one-sentence variants
(bench/out/one_sentence/*-1s, written by bench/one_sentence.py; left out with a note when missing) and their clause
variants when written (*-clauses, bench/one_sentence.py --clauses).
Fahras is run as `fahras eval` runs it (search/evaluate.py: a temporary index with entities, `Searcher.rank`, top 1000).
Lucene (bench/lucene/LuceneRank.java, compiled here; needs javac and `apt-get install liblucene8-java`): BM25 with
k1 and b as given; by default title and text are indexed as one field ("concat"), which reproduces the
../shared/ANCHORS.md figures (0.922 / 0.796); "two" indexes them as two fields and looks each query word up in both.
Both runs are scored by the same code (search/evaluate.py: ir-measures, trec_eval conventions).
The target of issue 16: mean Δ ≥ +0.010 and no collection below −0.005.
--runs DIR keeps both TREC runs (`<collection>.fahras.trec`, `<collection>.lucene.trec`) for a per-query look.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

from search.evaluate import RUN_DEPTH, evaluate, read_qrels, score_run, write_trec_run  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "retrieval"
ONE_SENTENCE = ROOT / "bench" / "out" / "one_sentence"
LUCENE_SRC = ROOT / "bench" / "lucene" / "LuceneRank.java"
LUCENE_JARS = ("lucene-core", "lucene-analyzers-common")  # /usr/share/java, Debian's liblucene8-java


def lucene_classpath() -> str:
    found = [sorted(Path("/usr/share/java").glob(f"{jar}*.jar")) for jar in LUCENE_JARS]
    if not all(found):
        raise SystemExit("Lucene 8 jars not found in /usr/share/java: apt-get install -y liblucene8-java")
    return ":".join(str(jars[0]) for jars in found)


def one_line(text: str) -> str:
    return " ".join(text.split())


def lucene_run(collection: Path, work: Path, classpath: str, fields: str, k1: float, b: float
               ) -> dict[str, list[tuple[str, float]]]:
    """The collection through LuceneRank → qid → [(docid, score)], top RUN_DEPTH."""
    corpus, queries, trec = work / f"{collection.name}.tsv", work / f"{collection.name}.queries.tsv", \
        work / f"{collection.name}.trec"
    with (collection / "corpus.jsonl").open(encoding="utf-8") as fh, corpus.open("w", encoding="utf-8") as out:
        for rec in map(json.loads, filter(str.strip, fh)):
            title, text = one_line(rec.get("title", "")), one_line(rec["text"])
            out.write(f"{rec['id']}\t\t{title} {text}\n" if fields == "concat" else f"{rec['id']}\t{title}\t{text}\n")
    with (collection / "queries.tsv").open(encoding="utf-8") as fh, queries.open("w", encoding="utf-8") as out:
        for line in fh:
            qid, sep, text = line.partition("\t")
            if sep:
                out.write(f"{qid.strip()}\t{one_line(text)}\n")
    subprocess.run(["java", "-cp", classpath, "LuceneRank", str(corpus), str(queries), str(trec), str(RUN_DEPTH),
                    str(k1), str(b)], check=True)
    run: dict[str, list[tuple[str, float]]] = {}
    for line in trec.read_text(encoding="utf-8").splitlines():
        qid, _, docid, _, score, _ = line.split()
        run.setdefault(qid, []).append((docid, float(score)))
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collections", nargs="*", type=Path)
    parser.add_argument("--no-entities", action="store_true", help="index without entity extraction (faster)")
    parser.add_argument("--lucene-fields", choices=("concat", "two"), default="concat")
    parser.add_argument("--k1", type=float, default=1.2)
    parser.add_argument("--b", type=float, default=0.75)
    parser.add_argument("--runs", type=Path, help="keep both TREC runs of each collection in this directory")
    args = parser.parse_args()
    collections = args.collections
    if not collections:
        collections = [SHARED / "xquad_ar", SHARED / "arcd"]
        short = [ONE_SENTENCE / f"{c.name}-1s" for c in collections]
        clauses = [ONE_SENTENCE / f"{c.name}-clauses" for c in collections]
        collections += [c for c in short + clauses if c.is_dir()]
        if not all(c.is_dir() for c in short):
            print("(one-sentence variants missing: python bench/one_sentence.py)")
    classpath = lucene_classpath()
    print(f"Lucene 8 ArabicAnalyzer BM25 k1={args.k1} b={args.b}, title+text as {args.lucene_fields}; "
          f"Fahras as fahras eval{' --no-entities' if args.no_entities else ''}")
    print(f"{'collection':16}{'docs':>7}{'queries':>8}{'Fahras MRR@10':>15}{'Lucene MRR@10':>15}{'Δ':>9}"
          f"{'Fahras R@100':>14}{'Lucene R@100':>14}")
    deltas = []
    with tempfile.TemporaryDirectory(prefix="fahras-vs-lucene-") as tmp:
        work = Path(tmp)
        subprocess.run(["javac", "-cp", classpath, "-d", str(work), str(LUCENE_SRC)], check=True)
        for collection in collections:
            theirs = lucene_run(collection, work, f"{classpath}:{work}", args.lucene_fields, args.k1, args.b)
            lucene = score_run(theirs, read_qrels(collection / "qrels.tsv"))
            ours_run = None
            if args.runs:
                args.runs.mkdir(parents=True, exist_ok=True)
                write_trec_run(theirs, args.runs / f"{collection.name}.lucene.trec", tag="lucene")
                ours_run = args.runs / f"{collection.name}.fahras.trec"
            ours = evaluate(collection, entities=not args.no_entities, run_path=ours_run)
            delta = ours.metrics["RR@10"] - lucene["RR@10"]
            deltas.append(delta)
            print(f"{collection.name:16}{ours.documents:>7}{ours.queries:>8}{ours.metrics['RR@10']:>15.4f}"
                  f"{lucene['RR@10']:>15.4f}{delta:>+9.4f}{ours.metrics['R@100']:>14.4f}{lucene['R@100']:>14.4f}",
                  flush=True)
    mean = sum(deltas) / len(deltas)
    print(f"{'mean Δ':16}{'':>60}{mean:>+9.4f}")
    met = mean >= 0.010 and min(deltas) >= -0.005
    print(f"target (mean Δ ≥ +0.010, none below −0.005): {'met' if met else 'not met'} "
          f"(mean {mean:+.4f}, worst {min(deltas):+.4f})")


if __name__ == "__main__":
    main()
