"""Retrieval collections × analyzer/ranking variants → MRR@10, nDCG@10, R@100 table (one run, same machine).

Usage: python bench/ablation.py [--collections DIR ...] [--only NAME ...]
Each variant changes one thing relative to the shipped configuration; the table shows its effect on every
collection and on the mean. Parameters are chosen on these figures, never on single queries.
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
from indexer.analysis import Analyzer  # noqa: E402
from indexer.backends.base import AnalysedDoc, EngineQuery  # noqa: E402
from indexer.backends.tantivy_backend import TantivyBackend  # noqa: E402
from indexer.documents import Document  # noqa: E402
from search import plan  # noqa: E402
from search.evaluate import read_qrels, read_queries, score_run  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "retrieval"
Planner = Callable[[Analyzer, str], EngineQuery]


def default_plan(analyzer: Analyzer, query: str) -> EngineQuery:
    return plan.bag_of_words(analyzer.terms(query))


def title_boost(boost: float) -> Planner:
    return lambda a, q: plan.bag_of_words(a.terms(q), title_boost=boost)


def load(collection: Path) -> tuple[list[Document], list[tuple[str, str]], list[tuple[str, str, int]]]:
    docs = []
    with (collection / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            docs.append(Document(str(r["id"]), r.get("title", ""), r["text"]))
    return docs, read_queries(collection / "queries.tsv"), read_qrels(collection / "qrels.tsv")


def run_variant(docs, queries, qrels, analyzer: Analyzer, planner: Planner) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        backend = TantivyBackend(Path(tmp), create=True)
        backend.add(AnalysedDoc(d, analyzer.terms(d.title), analyzer.terms(d.body),
                                analyzer.exact_terms(f"{d.title}\n{d.body}")) for d in docs)
        backend.commit()
        run = {}
        for qid, text in queries:
            page = backend.search(planner(analyzer, text), 100)
            run[qid] = [(doc.id, score) for score, doc, _ in page.hits]
        backend.close()
    return score_run(run, qrels)


def variants() -> dict[str, tuple[Analyzer, Planner]]:
    base = get_analyzer()
    out: dict[str, tuple[Analyzer, Planner]] = {"shipped": (base, default_plan)}
    for boost in (0.0, 0.5, 1.0, 3.0):
        out[f"title_boost={boost}"] = (base, title_boost(boost))
    out["no_stopwords"] = (replace(base, stopwords=frozenset(), _memo={}), default_plan)
    out["no_stemming"] = (get_analyzer("ar_exact@1"), default_plan)
    out.update(extra_variants(base))
    return out


def _names(min_count: int) -> frozenset[str]:
    from indexer.normalize import normalize
    names = set()
    src = ROOT.parent / "shared" / "data" / "names"
    for line in (src / "wikidata_en2ar_tokens.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and int(parts[2]) >= min_count:
            names.add(normalize(parts[1].replace(" ", "")))
    for line in (src / "google_ar2en.tsv").read_text(encoding="utf-8").splitlines():
        names.add(normalize(line.split("\t")[0]))
    return frozenset(n for n in names if len(n) >= 3)


def extra_variants(base: Analyzer) -> dict[str, tuple[Analyzer, Planner]]:
    """Candidate changes under study (each is kept only if it helps on every collection)."""
    from indexer import stem as st
    from indexer.normalize import normalize

    def hamza_norm(w: str) -> str:
        return normalize(w).replace("ؤ", "و").replace("ئ", "ي")

    def fa_stem(w: str) -> str:
        if len(w) >= 4 and w[0] == "ف" and not w.startswith("فال"):
            w = w[1:]
        return st.light10(w)

    out: dict[str, tuple[Analyzer, Planner]] = {}
    out["hamza_waw_yeh"] = (replace(base, normalize=hamza_norm, _memo={}), default_plan)
    out["prefix_fa"] = (replace(base, stem=fa_stem, _memo={}), default_plan)
    for min_count in (1, 3):
        names = _names(min_count)

        def protect(w: str, names=names) -> str:
            if w in names:
                return w
            if w[:1] in "وفبلك" and w[1:] in names:
                return w[1:]
            return st.light10(w)
        out[f"names_protected(min={min_count},n={len(names)})"] = (replace(base, stem=protect, _memo={}),
                                                                   default_plan)
    for slop, boost in ((0, 1.0), (2, 1.0), (8, 1.0), (8, 0.5)):
        def prox(a: Analyzer, q: str, slop=slop, boost=boost) -> EngineQuery:
            from indexer.backends.base import Bool, Boost, Phrase
            terms = list(dict.fromkeys(a.terms(q)))
            bag = plan.bag_of_words(terms)
            if len(terms) < 2:
                return bag
            pairs = tuple(Boost(Phrase("body", (x, y), slop), boost) for x, y in zip(terms, terms[1:]))
            return Bool(must=(bag,), should=pairs)
        out[f"proximity_pairs(slop={slop},w={boost})"] = (base, prox)
    for w in (0.25, 0.5, 1.0):
        def exact_bonus(a: Analyzer, q: str, w=w) -> EngineQuery:
            from indexer.backends.base import Bool, Boost, Term
            bag = plan.bag_of_words(a.terms(q))
            exact = [t for t, term in zip(a.exact_terms(q), [i.term for i in a.explain(q)]) if term]
            return Bool(should=(bag, *(Boost(Term("exact", t), w) for t in dict.fromkeys(exact))))
        out[f"exact_bonus(w={w})"] = (base, exact_bonus)
    names3 = _names(3)

    def protect3(w: str) -> str:
        if w in names3:
            return w
        if w[:1] in "وفبلك" and w[1:] in names3:
            return w[1:]
        return st.light10(w)
    for boost in (0.5, 1.0):
        out[f"names3+title={boost}"] = (replace(base, stem=protect3, _memo={}), title_boost(boost))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collections", nargs="*", type=Path,
                        default=[SHARED / "xquad_ar", SHARED / "arcd"])
    parser.add_argument("--only", nargs="*", help="variant names to run (default: all)")
    args = parser.parse_args()
    data = {c.name: load(c) for c in args.collections}
    names = list(data)
    print(f"{'variant':32}" + "".join(f"{n + ' MRR@10':>16}{'nDCG@10':>9}{'R@100':>7}" for n in names)
          + f"{'mean MRR':>10}{'Δ':>8}")
    base_mean = None
    for name, (analyzer, planner) in variants().items():
        if args.only and name not in args.only and name != "shipped":
            continue
        row, mrrs = f"{name:32}", []
        for cname in names:
            m = run_variant(*data[cname], replace(analyzer, _memo={}), planner)
            mrrs.append(m["RR@10"])
            row += f"{m['RR@10']:>16.4f}{m['nDCG@10']:>9.4f}{m['R@100']:>7.4f}"
        mean = sum(mrrs) / len(mrrs)
        base_mean = mean if base_mean is None else base_mean
        print(row + f"{mean:>10.4f}{mean - base_mean:>+8.4f}", flush=True)


if __name__ == "__main__":
    main()
