"""An index + hostile queries (X~2, a two-letter prefix, a pasted 1,000-word paragraph, 300 words each marked ~) →
ms per search (top 10 with snippets and facets) and the RSS each adds, beside a plain two-word query in the same run.

Usage: python bench/query_bounds.py --index INDEX [--text FILE.jsonl]   (the paragraph and the fuzzy words are taken
from the texts of FILE.jsonl, by default the index's own first documents)
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from indexer.backends.base import MatchAll  # noqa: E402
from search import Searcher  # noqa: E402
from search.query import QuerySyntaxError  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sample_words(searcher: Searcher, text: Path | None) -> list[str]:
    """Words of real text: the JSONL file's texts, or the index's first 400 documents."""
    if text is not None:
        with text.open(encoding="utf-8") as fh:
            texts = [json.loads(line).get("text", "") for _, line in zip(range(400), fh, strict=False)]
    else:
        texts = [stored.doc.body for _, stored in searcher.backend.search(MatchAll(), 400).hits]
    return " ".join(texts).split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--text", type=Path, help="JSONL with a text field to take the long queries from")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (the median is shown)")
    args = parser.parse_args()
    searcher = Searcher(args.index)
    words = [w for w in sample_words(searcher, args.text) if w.isalpha()]
    rnd = random.Random(7)
    longest = max(words[:2000], key=len)
    queries = {
        "baseline: two plain words": " ".join(words[10:12]),
        f"X~2 ({longest}~2)": f"{longest}~2",
        "two-letter prefix": words[0][:2] + "*",
        "pasted 1,000-word paragraph": " ".join(words[1000:2000]),
        "300 words each marked ~": " ".join(w + "~" for w in rnd.sample([w for w in words if len(w) > 3], 300)),
        "3,000 x one word~ (over the length limit)": " ".join([longest + "~"] * 3000),
    }
    print(f"{len(searcher):,} documents; median of {args.runs} runs after one untimed run; RSS added by the first run\n")
    print(f"{'query':44} {'ms':>8} {'ratio':>7} {'hits':>8} {'+RSS MB':>8}  warning")
    base = None
    for name, query in queries.items():
        before = rss_mb()
        try:
            results = searcher.search(query)
        except QuerySyntaxError as e:
            print(f"{name[:44]:44} {'refused':>8} {'':>7} {'':>8} {'':>8}  {e}")
            continue
        added = rss_mb() - before
        ms = []
        for _ in range(args.runs):
            start = time.perf_counter()
            results = searcher.search(query)
            ms.append((time.perf_counter() - start) * 1000)
        median = statistics.median(ms)
        base = base or median
        warning = results.warnings[-1] if results.warnings else ""
        print(f"{name[:44]:44} {median:>8.0f} {median / base:>6.1f}x {results.total:>8,} {added:>8.0f}  {warning[:90]}")


if __name__ == "__main__":
    main()
