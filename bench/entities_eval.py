"""Seed articles + their hand-labelled entities (../shared/seeds) → per-document precision/recall of extraction,
one-facet-value-per-entity check, and extraction speed (tokens/s, cold and warm, on the retrieval corpora) beside
the analyzer's.

The gold is read to measure only; nothing in the product is derived from it.
Usage: python bench/entities_eval.py [--seeds DIR] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import Indexer, get_analyzer, read_inputs  # noqa: E402
from indexer.entities import shipped_extractor  # noqa: E402
from indexer.entities.keys import key_of  # noqa: E402
from indexer.tokenize import word_spans  # noqa: E402
from search import Searcher  # noqa: E402

GOLD_KINDS = {"person": "persons", "firm": "firms"}


def gold_of(seeds: Path) -> dict[str, list[dict]]:
    return json.loads((seeds / "entities.json").read_text(encoding="utf-8"))


def keys_of(entity: dict, kind: str) -> set[str]:
    return {key_of(kind)(f) for f in [entity["name"], *entity.get("forms", [])]}


def score_doc(predicted: set[str], gold: list[dict], kind: str) -> tuple[int, int, int, list[str], list[str]]:
    """(true positives over gold, predictions matching gold, predictions, missed gold, wrong predictions)."""
    key = key_of(kind)
    found = [g for g in gold if keys_of(g, kind) & {key(p) for p in predicted}]
    gold_keys = set().union(*(keys_of(g, kind) for g in gold)) if gold else set()
    right = [p for p in predicted if key(p) in gold_keys]
    missed = [g["name"] for g in gold if g not in found]
    wrong = [p for p in predicted if key(p) not in gold_keys]
    return len(found), len(right), len(predicted), missed, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "data" / "retrieval",
                        help="folder of the retrieval corpora timed for speed")
    parser.add_argument("--show", action="store_true", help="list missed and wrong names")
    args = parser.parse_args()
    gold = gold_of(args.seeds)
    extractor = shipped_extractor()
    print(f"{'doc':6}{'kind':8}{'recall':>8}{'precision':>11}")
    totals = {k: [0, 0, 0, 0] for k in GOLD_KINDS}
    for file in sorted(args.seeds.glob("*.txt")):
        doc = file.name[:3]
        entities = extractor(file.read_text(encoding="utf-8"))
        for kind, gold_name in GOLD_KINDS.items():
            in_doc = [g for g in gold[gold_name] if doc in g["docs"]]
            predicted = {e.canonical for e in entities if e.kind == kind}
            tp, right, n_pred, missed, wrong = score_doc(predicted, in_doc, kind)
            t = totals[kind]
            t[0], t[1], t[2], t[3] = t[0] + tp, t[1] + len(in_doc), t[2] + right, t[3] + n_pred
            print(f"{doc:6}{kind:8}{tp / max(len(in_doc), 1):>8.2f}{right / max(n_pred, 1):>11.2f}")
            if args.show:
                print(f"      missed: {missed}\n      wrong:  {wrong}")
    for kind, (tp, n_gold, right, n_pred) in totals.items():
        print(f"{'all':6}{kind:8}{tp / max(n_gold, 1):>8.2f}{right / max(n_pred, 1):>11.2f}")
    one_value_check(args.seeds, gold, args.show)
    speed(args.corpora)


def one_value_check(seeds: Path, gold: dict, show: bool = False) -> None:
    """Index the seeds and check each gold entity maps to exactly one facet value."""
    with tempfile.TemporaryDirectory() as tmp:
        with Indexer(Path(tmp) / "ix") as ix:
            ix.index(read_inputs(seeds))
        s = Searcher(Path(tmp) / "ix")
        for kind, gold_name in GOLD_KINDS.items():
            stored = list(s.backend.values(kind))
            ok = split = unseen = 0
            for g in gold[gold_name]:
                groups = {s.facet_value(kind, v) for v in stored if key_of(kind)(v) in keys_of(g, kind)}
                ok, split, unseen = ok + (len(groups) == 1), split + (len(groups) > 1), unseen + (not groups)
                if len(groups) > 1 and show:
                    print(f"  split: {g['name']} → {sorted(groups)}")
            print(f"{kind}: {ok} gold entities with exactly one facet value, {split} split, {unseen} not extracted")


def speed(corpora: Path) -> None:
    """Extraction speed on the two retrieval corpora (700 paragraphs; 175 article-sized texts of four paragraphs),
    one core (CPU time): in batches of 64 texts as the indexer calls it, cold (a new extractor: every distinct word
    scored for the first time) and warm (again, best of 3), and one article per call as extract_entities is called
    (warm, best of 3), beside the analyzer on the same texts (best of 3)."""
    texts = [json.loads(line)["text"] for name in ("xquad_ar", "arcd")
             for line in (corpora / name / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = ["\n\n".join(texts[i:i + 4]) for i in range(0, len(texts), 4)]
    tokens = sum(len(word_spans(text)) for text in texts)
    extractor = shipped_extractor()

    def in_batches(items: list[str]) -> None:
        for i in range(0, len(items), 64):
            extractor.extract_many(items[i:i + 64])

    cold = _timed(lambda: in_batches(texts))
    warm = min(_timed(lambda: in_batches(texts)) for _ in range(3))
    batched = min(_timed(lambda: in_batches(articles)) for _ in range(3))
    one_by_one = min(_timed(lambda: [extractor(text) for text in articles]) for _ in range(3))
    analyzer = get_analyzer()
    base = min(_timed(lambda: [analyzer.tokens(text) for text in texts]) for _ in range(3))
    print(f"extraction over {len(texts)} paragraphs ({tokens:,} tokens), one core: cold {tokens / cold:,.0f} tokens/s, "
          f"warm {tokens / warm:,.0f} tokens/s; analyzer {tokens / base:,.0f} tokens/s (extraction/analysis time: "
          f"cold {cold / base:.1f}x, warm {warm / base:.1f}x)")
    print(f"{len(articles)} article-sized texts: one per call (extract_entities) {tokens / one_by_one:,.0f} tokens/s, "
          f"in batches {tokens / batched:,.0f} tokens/s: {one_by_one / batched:.2f}x the batch time (goal: at most "
          f"1.5x, and at least 50,000 tokens/s)")


def _timed(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


if __name__ == "__main__":
    main()
