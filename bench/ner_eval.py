"""ANERcorp dev split → span-level P/R/F1 per type of a tagger trained on the rest of train (~40 s; the shipped model
has seen dev), the shipped tagger's speed (tokens/s, one core, best of 3); with --cv, the whole extraction's 4-fold
cross-validation over the train part (retrains a tagger per fold). Needs `pip install '.[train]'`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: numpy must not spread work over threads

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import multiprocessing  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402

from indexer.entities import EntityExtractor, default_extractor, shipped_extractor  # noqa: E402
from indexer.entities.tagger import NerTagger  # noqa: E402
from indexer.entities.tagger.train import (  # noqa: E402
    ANERCORP,
    NER_DATA,
    Sentence,
    Settings,
    crf_items,
    frequent_words,
    load_sentences,
    prf,
    print_scores,
    span_counts,
    span_scores,
    split_dev,
    train_model,
)
from indexer.stopwords import load_names, load_persons  # noqa: E402
from indexer.tokenize import word_spans  # noqa: E402

EXTRA_TESTS = {"AQMAR test (Wikipedia)": NER_DATA / "aqmar" / "test.conll",
               "Wojood sample test (mixed)": NER_DATA / "wojood_sample" / "test.conll"}
ARTICLE = 20  # dev sentences per timed document (ANERcorp averages ~475 words an article)


def documents(sentences: Sequence[Sentence], size: int = ARTICLE) -> list[str]:
    """Consecutive sentences joined by newlines, `size` at a time: article-sized texts."""
    return ["\n".join(s.text for s in sentences[i:i + size]) for i in range(0, len(sentences), size)]


def best_of(runs: int, make: Callable[[], Callable[[], object]]) -> float:
    """Shortest wall time of `runs` calls; `make` is untimed setup that returns the timed call."""
    times = []
    for _ in range(runs):
        job = make()
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def print_speed(texts: list[str], runs: int) -> None:
    """Words per second of: the tagger with a warm per-word cache, a new tagger (every distinct word scored from
    its attributes), tokenizing alone, and the per-token attribute extraction a feature-dict CRF tagger does before
    it scores anything (the design this tagger replaces)."""
    words = sum(1 for text in texts for _ in word_spans(text))
    warm = NerTagger.load()
    warm.tag(texts[0])
    sentences = [s for text in texts for s in load_text_sentences(text)]
    jobs = {
        "tag, warm cache": lambda: lambda: [warm.tag(text) for text in texts],
        "tag, new tagger (cold cache)": lambda: (lambda tagger: lambda: [tagger.tag(t) for t in texts])(NerTagger.load()),
        "word_spans only": lambda: lambda: [list(word_spans(text)) for text in texts],
        "baseline: attributes per token": lambda: lambda: [crf_items(s, warm._lexicon) for s in sentences],
    }
    print(f"speed over {len(texts)} article-sized texts, {words} words (best of {runs}, one core)")
    for label, make in jobs.items():
        print(f"  {label:32} {words / best_of(runs, make):>10,.0f} words/s")


def extraction_spans(extractor: EntityExtractor | None = None) -> Callable[[str], list[tuple[str, int, int]]]:
    """The whole extraction (tagger + rules + document propagation) as a tagger: person → PER, firm or org → ORG."""
    extractor = extractor or default_extractor()
    return lambda text: [("PER" if e.kind == "person" else "ORG", e.start, e.end) for e in extractor(text)]


def _fold_model(train: list[Sentence]) -> dict:
    return train_model(train, load_names(), frequent_words(), Settings(), 1, load_persons())


def cross_validation(sentences: list[Sentence], folds: int = 4) -> dict[str, tuple[float, float, float, int]]:
    """Span P/R/F1 of the whole extraction over `folds` contiguous folds, each tagged by a model trained on the
    others (one stage, the shipped settings; two folds train at a time), 20 sentences a text."""
    cuts = [round(k * len(sentences) / folds) for k in range(folds + 1)]
    parts = [sentences[cuts[k]:cuts[k + 1]] for k in range(folds)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        trains = [[s for j, part in enumerate(parts) if j != k for s in part] for k in range(folds)]
        models = pool.map(_fold_model, trains)
    counts: dict[str, Counter] = {kind: Counter() for kind in ("PER", "ORG", "ALL")}
    for model, part in zip(models, parts, strict=True):
        extractor = shipped_extractor(NerTagger.from_arrays(model, load_names()))
        for kind, found in span_counts(extraction_spans(extractor), part, ARTICLE, ("PER", "ORG")).items():
            counts[kind].update(found)
    return {kind: prf(c) for kind, c in counts.items()}


def load_text_sentences(text: str) -> list[Sentence]:
    """A text's lines as Sentences without labels (for timing attribute extraction)."""
    found = []
    for line in text.splitlines():
        spans = list(word_spans(line))
        if spans:
            found.append(Sentence(line, spans, ["O"] * len(spans)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cv", action="store_true", help="add the 4-fold cross-validation (~1 min more)")
    args = parser.parse_args()
    tagger = NerTagger.load()
    train, dev = split_dev(load_sentences(ANERCORP))
    held_out = NerTagger.from_arrays(_fold_model(train), load_names())  # the shipped model has seen dev
    print_scores(f"ANERcorp dev = last 10% of train ({len(dev)} sentences; tagger trained on the other 90%), exact "
                 "span match", span_scores(held_out.tag, dev))
    print_scores(f"the whole extraction (tagger + rules), {ARTICLE} dev sentences at a time: person = PER, "
                 "firm or org = ORG", span_scores(extraction_spans(shipped_extractor(held_out)), dev, ARTICLE,
                                                  ("PER", "ORG")))
    for title, path in EXTRA_TESTS.items():
        print_scores(f"{title}, other annotation guidelines (information only)",
                     span_scores(tagger.tag, load_sentences(path)))
    print_speed(documents(dev), args.runs)
    if args.cv:
        print_scores(f"the whole extraction, 4-fold cross-validation over the train part ({len(train)} sentences)",
                     cross_validation(train))


if __name__ == "__main__":
    main()
