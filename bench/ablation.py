"""Retrieval collections × analyzer/ranking variants → MRR@10, nDCG@10, R@100 table (one run, same machine).

Usage: python bench/ablation.py [--collections DIR ...] [--only NAME ...]
Default collections: ../shared/data/retrieval/{xquad_ar,arcd}, and their one-sentence and clause variants when
bench/one_sentence.py has written them (bench/out/one_sentence/*-1s, *-clauses: the short-document cases).
Each variant changes one thing relative to the shipped configuration (first row); the last column is the change
of the mean MRR@10 over the collections. Defaults are chosen on these figures, never on single queries.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import get_analyzer  # noqa: E402
from indexer.analysis import DEFAULT_ANALYZER, Analyzer  # noqa: E402
from indexer.backends.base import AnalysedDoc, EngineQuery  # noqa: E402
from indexer.backends.tantivy_backend import TantivyBackend  # noqa: E402
from indexer.documents import Document  # noqa: E402
from indexer.normalize import normalize  # noqa: E402
from search.evaluate import read_qrels, read_queries, score_run  # noqa: E402
from search.feedback import expand  # noqa: E402
from search.plan import Planner, Ranking  # noqa: E402
from search.query import parse_lenient  # noqa: E402
from search.resolve import Resolved, Resolver  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "retrieval"
ONE_SENTENCE = ROOT / "bench" / "out" / "one_sentence"
Plan = Callable[[Analyzer, str, TantivyBackend], EngineQuery]


def resolved(a: Analyzer, q: str, backend: TantivyBackend, conjunctive: bool = False) -> Resolved:
    """What Searcher does before planning: lenient parse, then resolve against the index (no entity store here)."""
    return Resolver(a, backend.terms, conjunctive=conjunctive).resolve(parse_lenient(q)[0])


def planner(ranking: Ranking) -> Plan:
    """What Searcher does: lenient parse, resolve, then plan with this ranking."""
    return lambda a, q, backend: Planner(ranking, backend.doc_freqs).plan(resolved(a, q, backend))


def rm3_planner(ranking: Ranking) -> Plan:
    """Pseudo-relevance feedback: a first pass through the backend, then the expanded query."""
    def plan(a: Analyzer, q: str, backend: TantivyBackend) -> EngineQuery:
        first_query = Planner(ranking, backend.doc_freqs).plan(resolved(a, q, backend))
        return expand(first_query, backend.search(first_query, ranking.rm3_docs), a, ranking)
    return plan


def conjunctive(ranking: Ranking) -> Plan:
    return lambda a, q, backend: Planner(ranking, backend.doc_freqs).plan(resolved(a, q, backend, conjunctive=True))


def load(collection: Path) -> tuple[list[Document], list[tuple[str, str]], list[tuple[str, str, int]]]:
    with (collection / "corpus.jsonl").open(encoding="utf-8") as fh:
        docs = [Document(str(r["id"]), r.get("title", ""), r["text"]) for r in map(json.loads, fh)]
    return docs, read_queries(collection / "queries.tsv"), read_qrels(collection / "qrels.tsv")


def run_variant(docs, queries, qrels, analyzer: Analyzer, plan: Plan) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        backend = TantivyBackend(Path(tmp), create=True)
        analysed = []
        for d in docs:
            (title, title_exact), (body, body_exact) = analyzer.index_terms(d.title), analyzer.index_terms(d.body)
            analysed.append(AnalysedDoc(d, title, body, title_exact + body_exact))
        backend.add(analysed)
        backend.commit()
        run = {qid: backend.rank(plan(analyzer, text, backend), 100) for qid, text in queries}
        backend.close()
    return score_run(run, qrels)


def hamza_on_waw_yeh(word: str) -> str:
    return normalize(word).replace("ؤ", "و").replace("ئ", "ي")


def variants() -> dict[str, tuple[Analyzer, Plan]]:
    base, shipped = get_analyzer(), Ranking()
    out: dict[str, tuple[Analyzer, Plan]] = {f"shipped ({DEFAULT_ANALYZER}, {shipped})": (base, planner(shipped))}
    for boost in (0.0, 1.5, 1.75, 2.25, 2.5):
        out[f"title_boost={boost}"] = (base, planner(replace(shipped, title_boost=boost)))
    for boost in (1.5, 2.0):
        out[f"title_body_idf=False title_boost={boost}"] = (base, planner(replace(shipped, title_body_idf=False,
                                                                                   title_boost=boost)))
    for boost in (0.0, 0.25, 1.0):
        out[f"exact_boost={boost}"] = (base, planner(replace(shipped, exact_boost=boost)))
    for boost, slop in ((0.5, 2), (0.5, 8), (1.0, 2)):
        out[f"proximity={boost}@slop{slop}"] = (base, planner(replace(shipped, proximity_boost=boost,
                                                                        proximity_slop=slop)))
    for docs, weight in ((10, 0.3), (10, 0.5)):
        out[f"rm3 docs={docs} terms=10 weight={weight}"] = (base, rm3_planner(replace(shipped, rm3_docs=docs,
                                                                                       rm3_weight=weight)))
    out["default operator AND"] = (base, conjunctive(shipped))
    out["analyzer=ar_light@1 (no name protection)"] = (get_analyzer("ar_light@1"), planner(shipped))
    out["analyzer=ar_exact@1 (no stemming)"] = (get_analyzer("ar_exact@1"), planner(shipped))
    out["ar_light@1 + exact_boost=0.25"] = (get_analyzer("ar_light@1"), planner(replace(shipped, exact_boost=0.25)))
    out["no stopwords"] = (replace(base, stopwords=frozenset(), _memo={}), planner(shipped))
    out["hamza on waw/yeh folded"] = (replace(base, normalize=hamza_on_waw_yeh, _memo={}), planner(shipped))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    paragraphs = [SHARED / "xquad_ar", SHARED / "arcd"]
    short = [c for kind in ("1s", "clauses") for c in (ONE_SENTENCE / f"{p.name}-{kind}" for p in paragraphs)
             if c.is_dir()]
    parser.add_argument("--collections", nargs="*", type=Path, default=paragraphs + short)
    parser.add_argument("--only", nargs="*", help="variant name prefixes to run besides the shipped row")
    args = parser.parse_args()
    data = {c.name: load(c) for c in args.collections}
    print(f"{'variant':44}" + "".join(f"{n[:10] + ' MRR@10':>18}{'nDCG@10':>9}{'R@100':>7}" for n in data)
          + f"{'mean MRR':>10}{'Δ':>8}")
    base_mean = None
    for name, (analyzer, plan) in variants().items():
        if args.only and base_mean is not None and not any(name.startswith(o) for o in args.only):
            continue
        row, mrrs = f"{name[:44]:44}", []
        for docs, queries, qrels in data.values():
            m = run_variant(docs, queries, qrels, replace(analyzer, _memo={}), plan)
            mrrs.append(m["RR@10"])
            row += f"{m['RR@10']:>18.4f}{m['nDCG@10']:>9.4f}{m['R@100']:>7.4f}"
        mean = sum(mrrs) / len(mrrs)
        base_mean = mean if base_mean is None else base_mean
        print(row + f"{mean:>10.4f}{mean - base_mean:>+8.4f}", flush=True)
        if name.startswith("shipped"):
            print(f"  shipped = {name}")


if __name__ == "__main__":
    main()
