"""25 hand-labelled SaudiNewsNet articles → the person/firm facet values a hit shows for each, scored by the dev gold.

The gold (../shared/data/news_entities/entities.json) is read to measure only, through its own score.py; nothing in
the product is derived from it. The articles (CC BY-NC-SA, research only) are built into the git-ignored bench/out/:
    python3 ../shared/data/news_entities/build_docs.py SNAPSHOT_GIT_DIR bench/out/news_entities
Prints score.py's pooled table (persons, firms), the junk values (a proclitic kept on a name whose bare form is a gold
form or also shown; a verb or function word inside a value) and, with --show, misses and false positives per doc.
Usage: python bench/news_entities_eval.py [--docs DIR] [--extra DIR ...] [--pred FILE] [--show]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import Indexer, read_inputs  # noqa: E402
from search import Searcher  # noqa: E402

GOLD = ROOT.parent / "shared" / "data" / "news_entities"
SNAPSHOT = "SAUDINEWSNET_GIT_DIR"  # a clone of github.com/parallelfold/SaudiNewsNet
OUT = ROOT / "bench" / "out"
KINDS = {"person": "persons", "firm": "firms"}  # facet field → gold kind
PROCLITICS = "وفبلك"
FUNCTION_WORDS = ("قال أكد أدلى أضاف أوضح أشار قالت وقال فإن إن أن إنه أنه التي الذي الذين هذا هذه ذلك تلك "
                  "في من إلى عن مع خلال بعد قبل حيث كما لدى عند وهو وهي")  # verbs and function words


def load_scorer() -> ModuleType:
    """The gold's own score.py, imported by path (its norm() and main())."""
    spec = importlib.util.spec_from_file_location("news_entities_score", GOLD / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def facet_values(searcher: Searcher, doc_id: str) -> dict[str, list[str]]:
    """The persons and firms a hit on `doc_id` shows (Hit.persons, Hit.firms)."""
    values = searcher.values_of(doc_id)
    return {gold: list(values[kind]) for kind, gold in KINDS.items()}


def predict(docs: Path, extra: list[Path]) -> dict[str, dict[str, list[str]]]:
    """Index the articles (and the extra folders beside them) in a temporary index; gold id → facet values."""
    with tempfile.TemporaryDirectory() as tmp:
        with Indexer(tmp) as ix:
            for folder in [docs, *extra]:
                for problem in ix.index(read_inputs(folder)).problems:
                    print(f"skipped {problem.path}:{problem.line}: {problem.reason}", file=sys.stderr)
        searcher = Searcher(tmp)
        return {f.stem: facet_values(searcher, f.name) for f in sorted(docs.glob("*.txt"))}


def junk(values: list[str], bare_forms: set[str], norm) -> list[tuple[str, str]]:
    """(value, why) for each value that keeps a proclitic on a known name or holds a verb or function word."""
    stop = {norm(w) for w in FUNCTION_WORDS.split()}
    out = []
    for value in values:
        v = norm(value)
        if v[:1] in PROCLITICS and v[1:] in bare_forms:
            out.append((value, "proclitic"))
        elif stop & set(v.split()):
            out.append((value, "function word"))
    return out


def junk_by_doc(pred: dict, gold: dict, norm) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """doc → kind → junk values; a bare form counts when it is a gold form of the doc or a value shown for it."""
    out = {}
    for doc, kinds in pred.items():
        forms = {norm(f) for ents in gold.get(doc, {}).values() for e in ents for f in e["forms"]}
        forms |= {norm(v) for values in kinds.values() for v in values}
        out[doc] = {kind: junk(values, forms, norm) for kind, values in kinds.items()}
    return out


def show(pred: dict, gold: dict, junked: dict, norm) -> None:
    """Per document and kind: gold entities missed, values shown that match no gold form, junk values."""
    for doc in sorted(gold):
        print(f"\n{doc}")
        for kind in KINDS.values():
            ents = gold[doc].get(kind, [])
            shown = {norm(v): v for v in pred.get(doc, {}).get(kind, [])}
            forms = {norm(f) for e in ents for f in e["forms"]}
            missed = [e["name"] for e in ents if not {norm(f) for f in e["forms"]} & shown.keys()]
            wrong = [v for k, v in shown.items() if k not in forms]
            print(f"  {kind:8} gold {len(ents):2}  shown {len(shown):2}  missed {missed}  wrong {wrong}")
            if junked.get(doc, {}).get(kind):
                print(f"  {'':8} junk {junked[doc][kind]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=OUT / "news_entities", help="the 25 built <id>.txt articles")
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="another folder (or .jsonl) indexed beside, so facet grouping sees more documents")
    parser.add_argument("--pred", type=Path, default=OUT / "news_entities_pred.json", help="predictions written here")
    parser.add_argument("--show", action="store_true", help="misses, false positives and junk per document")
    args = parser.parse_args()
    if not args.docs.is_dir() or not any(args.docs.glob("*.txt")):
        print(f"no articles in {args.docs}; build them with:\n"
              f"python3 {GOLD / 'build_docs.py'} {SNAPSHOT} {args.docs}", file=sys.stderr)
        sys.exit(2)
    scorer = load_scorer()
    gold = json.loads((GOLD / "entities.json").read_text(encoding="utf-8"))["docs"]
    pred = predict(args.docs, args.extra)
    args.pred.parent.mkdir(parents=True, exist_ok=True)
    args.pred.write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(pred)} articles{' + ' + ', '.join(map(str, args.extra)) if args.extra else ''}; "
          f"predictions in {args.pred}")
    scorer.main([str(GOLD), str(args.pred), "--quiet"])
    junked = junk_by_doc(pred, gold, scorer.norm)
    for kind in KINDS.values():
        found = [why for kinds in junked.values() for _, why in kinds.get(kind, [])]
        print(f"junk {kind:8}{len(found):4}  (proclitic {found.count('proclitic')}, "
              f"function word {found.count('function word')})")
    if args.show:
        show(pred, gold, junked, scorer.norm)


if __name__ == "__main__":
    main()
