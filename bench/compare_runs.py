"""Fahras's and Lucene's runs of `ranking_vs_lucene.py --runs DIR` compared query by query.

Usage: python bench/compare_runs.py RUNS_DIR COLLECTION_DIR ... [--show N]

For each collection: MRR@10 of both runs (ir-measures, as ranking_vs_lucene.py scores them), the mean Δ with a 95%
interval (normal approximation over queries), a two-sided paired randomization test (10,000 sign flips, seed 1),
the queries Fahras wins and loses, and with --show N the N queries it loses most: the question, the gold document,
Fahras's first hit and the rank each system gives the gold one. A way to read a held-out loss, never to tune on it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.evaluate import read_qrels, read_queries  # noqa: E402


def per_query(run_file: Path, qrels: list[tuple[str, str, int]]) -> tuple[dict[str, float], dict[str, list[str]]]:
    """A TREC run → qid → RR@10 (0 for a judged query without hits), and qid → docids by descending score."""
    import ir_measures

    scored, ranked = [], {}
    for line in run_file.read_text(encoding="utf-8").splitlines():
        qid, _, docid, _, score, _ = line.split()
        scored.append(ir_measures.ScoredDoc(qid, docid, float(score)))
        ranked.setdefault(qid, []).append((float(score), docid))
    judged = [ir_measures.Qrel(q, d, r) for q, d, r in qrels]
    rr = {q: 0.0 for q, _, _ in qrels}
    for value in ir_measures.iter_calc([ir_measures.parse_measure("RR@10")], judged, scored):
        rr[value.query_id] = value.value
    return rr, {q: [d for _, d in sorted(hits, key=lambda h: -h[0])] for q, hits in ranked.items()}


def randomization_p(deltas: list[float], rounds: int = 10_000, seed: int = 1) -> float:
    rng = random.Random(seed)
    observed = abs(sum(deltas))
    hits = sum(abs(sum(d if rng.random() < 0.5 else -d for d in deltas)) >= observed - 1e-12 for _ in range(rounds))
    return hits / rounds


def print_losses(collection: Path, deltas: dict[str, float], ours: dict[str, list[str]],
                 theirs: dict[str, list[str]], relevant: dict[str, set[str]], count: int) -> None:
    docs = {}
    with (collection / "corpus.jsonl").open(encoding="utf-8") as fh:
        for rec in map(json.loads, filter(str.strip, fh)):
            docs[rec["id"]] = rec
    queries = dict(read_queries(collection / "queries.tsv"))

    def rank(ranking: list[str], qid: str) -> str:
        return next((str(i) for i, d in enumerate(ranking, 1) if d in relevant.get(qid, set())), "-")

    def show(docid: str) -> str:
        rec = docs[docid]
        return f"{docid} [{rec.get('title', '')}] {' '.join(rec['text'].split())[:200]}"

    for qid in sorted(deltas, key=deltas.get)[:count]:
        if deltas[qid] >= 0:
            break
        ours_q, theirs_q = ours.get(qid, []), theirs.get(qid, [])
        print(f"\n  {qid} Δ {deltas[qid]:+.2f}, gold at Fahras {rank(ours_q, qid)} / Lucene "
              f"{rank(theirs_q, qid)}\n  Q: {queries[qid]}\n  gold: {show(min(relevant[qid]))}")
        if ours_q:
            print(f"  Fahras 1st: {show(ours_q[0])}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path)
    parser.add_argument("collections", nargs="+", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print the N queries Fahras loses most")
    args = parser.parse_args()
    print(f"{'collection':16}{'queries':>8}{'Fahras':>8}{'Lucene':>8}{'Δ':>9}{'95% interval':>20}{'wins':>6}"
          f"{'losses':>7}{'p':>7}")
    for collection in args.collections:
        qrels = read_qrels(collection / "qrels.tsv")
        relevant: dict[str, set[str]] = {}
        for q, d, r in qrels:
            if r > 0:
                relevant.setdefault(q, set()).add(d)
        ours, our_ranking = per_query(args.runs / f"{collection.name}.fahras.trec", qrels)
        theirs, their_ranking = per_query(args.runs / f"{collection.name}.lucene.trec", qrels)
        deltas = {q: ours[q] - theirs[q] for q in ours}
        n = len(deltas)
        mean = sum(deltas.values()) / n
        sd = (sum((d - mean) ** 2 for d in deltas.values()) / (n - 1)) ** 0.5
        half = 1.96 * sd / n ** 0.5
        print(f"{collection.name:16}{n:>8}{sum(ours.values()) / n:>8.4f}{sum(theirs.values()) / n:>8.4f}"
              f"{mean:>+9.4f}{f'[{mean - half:+.4f}, {mean + half:+.4f}]':>20}"
              f"{sum(d > 0 for d in deltas.values()):>6}{sum(d < 0 for d in deltas.values()):>7}"
              f"{randomization_p(list(deltas.values())):>7.3f}")
        if not args.show:
            continue
        print_losses(collection, deltas, our_ranking, their_ranking, relevant, args.show)


if __name__ == "__main__":
    main()
