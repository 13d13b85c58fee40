"""ANERcorp train.conll → ner_model.npz beside this file: a CRF (crfsuite) over features.py's attributes, scored on dev.

Run from the repository root: `python indexer/entities/tagger/train.py` (needs `pip install '.[train]'`: python-crfsuite,
and wordfreq for the frequency classes of common Arabic words, which the model file carries).
The last 10% of ANERcorp train sentences are the dev split: a model trained on the other 90% is scored on it, then
the shipped model is trained on all of ANERcorp train, dev included (bench/ner_eval.py retrains the 90% model for
its dev scores, and its --cv never sees the dev split).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO_ROOT))

import argparse  # noqa: E402
import math  # noqa: E402
import multiprocessing  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable, Iterable, Mapping, Sequence  # noqa: E402
from dataclasses import dataclass, replace  # noqa: E402

import numpy as np  # noqa: E402

from indexer.entities.tagger.crf import MODEL_FILE, NerTagger, spans_of_labels  # noqa: E402
from indexer.entities.tagger.features import (  # noqa: E402
    DOCUMENT_OFFSETS,
    Lexicon,
    document_attributes,
    document_key,
    known_person_words,
    letter_ngrams,
    sentence_attributes,
    strip_proclitic,
)
from indexer.normalize import normalize  # noqa: E402
from indexer.stopwords import load_names, load_persons  # noqa: E402
from indexer.tokenize import word_spans  # noqa: E402

NER_DATA = REPO_ROOT.parent / "shared" / "data" / "ner"
ANERCORP = NER_DATA / "anercorp" / "train.conll"
EXTRA = {"aqmar": NER_DATA / "aqmar" / "train.conll", "wojood": NER_DATA / "wojood_sample" / "train.conll"}
TYPES = ("PER", "ORG", "LOC", "MISC")
DEV_FRACTION = 0.1
DOCUMENT = 20  # sentences taken as one article for the second stage (ANERcorp averages ~12 sentences an article)
FOLDS = 4  # for the out-of-fold first-stage labels the second stage trains on
MIN_ZIPF = 3  # common words: seen at least once in a million words (about 53,000 normalized forms)


@dataclass(frozen=True)
class Sentence:
    """One CoNLL sentence re-tokenized by word_spans: its text (tokens joined by spaces), words and BIO labels."""

    text: str
    spans: list[tuple[int, int]]
    labels: list[str]

    def gold(self) -> list[tuple[str, int, int]]:
        return spans_of_labels(self.labels, self.spans)


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """`token<TAB>tag` lines, blank line between sentences → sentences of (token, tag)."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            token, tag = line.split("\t")
            current.append((token, tag))
        elif current:
            sentences.append(current)
            current = []
    return [*sentences, current] if current else sentences


def retokenize(tokens: Sequence[tuple[str, str]]) -> Sentence:
    """CoNLL tokens → word_spans words; a token's first word keeps its tag, later words get I- (or O)."""
    text = " ".join(token for token, _ in tokens)
    spans, labels, offset = [], [], 0
    for token, tag in tokens:
        for i, (start, end) in enumerate(word_spans(token)):
            spans.append((offset + start, offset + end))
            labels.append(tag if i == 0 or tag == "O" else f"I-{tag[2:]}")
        offset += len(token) + 1
    return Sentence(text, spans, repaired(labels))


def repaired(labels: list[str]) -> list[str]:
    """BIO repair: an I-X that does not follow B-X or I-X becomes B-X."""
    fixed = []
    for label in labels:
        if label.startswith("I-") and (not fixed or fixed[-1][2:] != label[2:]):
            label = f"B-{label[2:]}"
        fixed.append(label)
    return fixed


def load_sentences(path: Path) -> list[Sentence]:
    """A CoNLL file → re-tokenized sentences that keep at least one word."""
    return [s for s in map(retokenize, read_conll(path)) if s.spans]


def split_dev(sentences: list[Sentence], fraction: float = DEV_FRACTION) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): dev is the last `fraction` of the sentences, in corpus order."""
    cut = len(sentences) - round(fraction * len(sentences))
    return sentences[:cut], sentences[cut:]


def crf_items(sentence: Sentence, lexicon: Lexicon) -> list[list[str]]:
    """A sentence → the attribute lists crfsuite trains on (the same ones NerTagger scores)."""
    text, spans = sentence.text, sentence.spans
    gaps = [text[: spans[0][0]], *(text[e:s] for (_, e), (s, _) in zip(spans, spans[1:], strict=False)),
            text[spans[-1][1]:]]
    return sentence_attributes([text[a:b] for a, b in spans], gaps, lexicon)


@dataclass(frozen=True)
class Settings:
    """What a training run varies: crfsuite's penalties and iterations, and attribute prefixes left out."""

    c1: float = 0.05
    c2: float = 0.05
    iterations: int = 150
    drop: tuple[str, ...] = ()

    def kept(self, items: list[list[str]]) -> list[list[str]]:
        if not self.drop:
            return items
        return [[a for a in attrs if not a.lstrip("-+012").startswith(self.drop)] for attrs in items]


def train(items: Sequence[list[list[str]]], labels: Sequence[list[str]], settings: Settings) -> dict[str, np.ndarray]:
    """Train crfsuite (L-BFGS, elastic net) on attribute lists and return its weights as arrays."""
    import pycrfsuite  # training-only dependency

    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence_items, sentence_labels in zip(items, labels, strict=True):
        trainer.append(settings.kept(sentence_items), sentence_labels)
    trainer.set_params({"c1": settings.c1, "c2": settings.c2, "max_iterations": settings.iterations,
                        "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        trainer.train(f"{tmp}/crf.model")
        tagger = pycrfsuite.Tagger()
        tagger.open(f"{tmp}/crf.model")
        return exported(tagger.info())


def frequent_words(min_zipf: int = MIN_ZIPF) -> dict[str, int]:
    """wordfreq's Arabic list → normalized words at least `min_zipf` common, each with its Zipf class (3 to 7;
    log10 of the frequency per billion words, rounded down; the most common spelling of a normalized form wins)."""
    import wordfreq  # training-only dependency

    best: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict("ar", "large").items():
        form = normalize(word)
        if form and frequency > best.get(form, 0.0):
            best[form] = frequency
    classes = {form: min(7, math.floor(math.log10(f) + 9)) for form, f in best.items()}
    return {form: c for form, c in classes.items() if c >= min_zipf}


def lexicon_arrays(lexicon: Lexicon) -> dict[str, np.ndarray]:
    """The letter n-gram odds, the common words' classes and the words of known full names as sorted arrays
    (sorted, so the file does not depend on string hashing)."""
    grams, frequent = sorted(lexicon.odds), sorted(lexicon.frequent)
    return {"ngrams": np.array(grams), "odds": np.array([lexicon.odds[g] for g in grams], np.float32),
            "unseen_odds": np.array(lexicon.unseen_odds, np.float32), "frequent_words": np.array(frequent),
            "frequent_classes": np.array([lexicon.frequent[w] for w in frequent], np.int8),
            "person_words": np.array(sorted(lexicon.person_words))}


def stacked(stages: Sequence[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Stage models (same labels) → one model: the union of attributes, weights side by side, transitions stacked."""
    attributes = sorted(set().union(*(stage["attributes"].tolist() for stage in stages)))
    row = {a: i for i, a in enumerate(attributes)}
    n = len(stages[0]["labels"])
    weights = np.zeros((len(attributes), n * len(stages)), dtype=np.float32)
    for j, stage in enumerate(stages):
        assert stage["labels"].tolist() == stages[0]["labels"].tolist()
        rows = [row[a] for a in stage["attributes"].tolist()]
        weights[rows, j * n:(j + 1) * n] = stage["weights"]
    return {"labels": stages[0]["labels"], "attributes": np.array(attributes), "weights": weights,
            "transitions": np.stack([stage["transitions"] for stage in stages])}


def documents(sentences: Sequence[Sentence], size: int = DOCUMENT) -> list[range]:
    """Runs of `size` consecutive sentences, standing for articles (ANERcorp does not mark where one ends)."""
    return [range(i, min(i + size, len(sentences))) for i in range(0, len(sentences), size)]


def with_documents(sentences: Sequence[Sentence], items: list[list[list[str]]],
                   first_stage: Sequence[list[str]]) -> list[list[list[str]]]:
    """First-stage attribute lists plus, per word, what the first stage found for its document key in its document."""
    extended = [list(map(list, sentence_items)) for sentence_items in items]
    for document in documents(sentences):
        keys = [[document_key(normalize(sentences[i].text[a:b])) for a, b in sentences[i].spans] for i in document]
        found = iter(document_attributes([k for ks in keys for k in ks], [lab for i in document for lab in first_stage[i]]))
        for i, sentence_keys in zip(document, keys, strict=True):
            sentence_found = [next(found) for _ in sentence_keys]
            for position, word_items in enumerate(extended[i]):
                for j, offset in enumerate(DOCUMENT_OFFSETS):
                    other = position + offset
                    if 0 <= other < len(sentence_keys) and sentence_found[other]:
                        word_items.extend(sentence_found[other][j])
    return extended


def out_of_fold_labels(sentences: Sequence[Sentence], items: list[list[list[str]]], lexicon: Lexicon,
                       settings: Settings, folds: int = FOLDS) -> list[list[str]]:
    """First-stage labels of every training sentence from a model trained without its fold (contiguous folds),
    as the second stage will see first-stage labels of new text. Folds train two at a time."""
    cuts = [round(k * len(sentences) / folds) for k in range(folds + 1)]
    jobs = [([x for x in range(len(sentences)) if not cuts[k] <= x < cuts[k + 1]], range(cuts[k], cuts[k + 1]))
            for k in range(folds)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        models = pool.starmap(train, [([items[x] for x in inside], [sentences[x].labels for x in inside], settings)
                                      for inside, _ in jobs])
    labels: list[list[str]] = [[] for _ in sentences]
    for model, (_, held_out) in zip(models, jobs, strict=True):
        tagger = NerTagger.from_arrays(model | lexicon_arrays(lexicon), lexicon.names)
        for x in held_out:
            labels[x] = tagger.tag_tokens(sentences[x].text, sentences[x].spans, stages=1)
    return labels


def train_model(sentences: Sequence[Sentence], names: frozenset[str], frequent: Mapping[str, int],
                settings: Settings, stages: int = 2, persons: Iterable[str] = ()) -> dict[str, np.ndarray]:
    """The model file's arrays: one CRF, or two with the second seeing out-of-fold first-stage labels per document;
    `persons`: full names of real people, whose words become an attribute (known_person_words)."""
    lexicon = replace(training_lexicon(names, sentences, frequent),
                      person_words=known_person_words(persons, names, frequent))
    items = [crf_items(sentence, lexicon) for sentence in sentences]
    labels = [sentence.labels for sentence in sentences]
    models = [train(items, labels, settings)]
    if stages == 2:
        first_stage = out_of_fold_labels(sentences, items, lexicon, settings)
        models.append(train(with_documents(sentences, items, first_stage), labels, settings))
    return stacked(models) | lexicon_arrays(lexicon)


def exported(info) -> dict[str, np.ndarray]:
    """crfsuite's learned weights → labels, attributes with a non-zero weight, weights (attributes × labels), transitions."""
    labels = sorted({label for _, label in info.state_features} | {b for _, b in info.transitions}, key=_label_order)
    column = {label: j for j, label in enumerate(labels)}
    attributes = sorted({a for (a, _), w in info.state_features.items() if w != 0})
    row = {a: i for i, a in enumerate(attributes)}
    weights = np.zeros((len(attributes), len(labels)), dtype=np.float32)
    for (attribute, label), weight in info.state_features.items():
        if weight != 0:
            weights[row[attribute], column[label]] = weight
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (before, after), weight in info.transitions.items():
        transitions[column[before], column[after]] = weight
    return {"labels": np.array(labels), "attributes": np.array(attributes), "weights": weights,
            "transitions": transitions}


def _label_order(label: str) -> tuple[int, str]:
    return (0, "") if label == "O" else (1 + TYPES.index(label[2:]), label)


def ordinary_words(sentences: Iterable[Sentence]) -> set[str]:
    """Normalized words labelled O, with and without their proclitic."""
    words = {normalize(s.text[a:b]) for s in sentences for (a, b), label in zip(s.spans, s.labels, strict=True) if label == "O"}
    return words | {strip_proclitic(word)[1] for word in words}


def letter_odds(names: Iterable[str], others: Iterable[str], min_count: int = 2) -> tuple[dict[str, float], float]:
    """Log odds of each letter n-gram in name parts against ordinary words (per word, add-½), and of an unseen one."""
    names, others = list(names), list(others)
    inside = Counter(gram for word in names for gram in set(letter_ngrams(word)))
    outside = Counter(gram for word in others for gram in set(letter_ngrams(word)))
    base = math.log((len(others) + 1) / (len(names) + 1))
    odds = {gram: math.log(inside[gram] + 0.5) - math.log(outside[gram] + 0.5) + base
            for gram in inside | outside if inside[gram] + outside[gram] >= min_count}
    return odds, base


def training_lexicon(names: frozenset[str], sentences: Sequence[Sentence], frequent: Mapping[str, int],
                     folds: int = 5) -> Lexicon:
    """The lexicon for training: the name class of each ordinary word comes from odds learnt without its fold,
    so the CRF sees training words scored as it will see new words."""
    others = sorted(ordinary_words(sentences))
    classes = {}
    for fold in range(folds):
        odds, unseen = letter_odds(names, [w for i, w in enumerate(others) if i % folds != fold])
        held_out = Lexicon(names, odds, unseen)
        classes.update({w: held_out.name_class(w) for i, w in enumerate(others) if i % folds == fold})
    odds, unseen = letter_odds(names, others)
    return Lexicon(names, odds, unseen, classes, frequent)


def span_scores(tag: Callable[[str], Iterable[tuple[str, int, int]]], sentences: Sequence[Sentence], per_text: int = 1,
                types: Sequence[str] = TYPES) -> dict[str, tuple[float, float, float, int]]:
    """Exact-match span precision, recall, F1 (percent) and gold count per type of `types` and micro ("ALL"), with
    `tag` (text → spans) run on `per_text` consecutive sentences at a time as one text (lines joined by newlines)."""
    return {kind: prf(c) for kind, c in span_counts(tag, sentences, per_text, types).items()}


def span_counts(tag: Callable[[str], Iterable[tuple[str, int, int]]], sentences: Sequence[Sentence], per_text: int = 1,
                types: Sequence[str] = TYPES) -> dict[str, Counter]:
    """span_scores' counts: true positives ("tp"), false negatives ("fn") and false positives ("fp") per type."""
    counts: dict[str, Counter] = {kind: Counter() for kind in (*types, "ALL")}
    for block in range(0, len(sentences), per_text):
        gold, offset = set(), 0
        for sentence in sentences[block:block + per_text]:
            gold.update((label, start + offset, end + offset) for label, start, end in sentence.gold() if label in types)
            offset += len(sentence.text) + 1
        found = set(tag("\n".join(s.text for s in sentences[block:block + per_text])))
        for span in gold | found:
            key = "tp" if span in gold and span in found else "fn" if span in gold else "fp"
            counts[span[0]][key] += 1
            counts["ALL"][key] += 1
    return counts


def prf(c: Counter) -> tuple[float, float, float, int]:
    p = 100 * c["tp"] / max(1, c["tp"] + c["fp"])
    r = 100 * c["tp"] / max(1, c["tp"] + c["fn"])
    return p, r, 2 * p * r / max(1e-9, p + r), c["tp"] + c["fn"]


def print_scores(title: str, scores: dict[str, tuple[float, float, float, int]]) -> None:
    print(f"{title}\n  {'type':5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for kind, (p, r, f, n) in scores.items():
        print(f"  {kind:5} {p:6.1f} {r:6.1f} {f:6.1f} {n:5d}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c1", type=float, default=Settings.c1, help="L1 penalty")
    parser.add_argument("--c2", type=float, default=Settings.c2, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=Settings.iterations)
    parser.add_argument("--stages", type=int, choices=(1, 2), default=1, help="2: add the document stage (slower)")
    parser.add_argument("--extra", nargs="*", default=[], choices=sorted(EXTRA), help="add these train sets")
    parser.add_argument("--drop", nargs="*", default=[], help="attribute prefixes to leave out (ablation)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / MODEL_FILE)
    parser.add_argument("--no-save", action="store_true", help="only print the dev scores (else train again with dev "
                        "and save that model)")
    args = parser.parse_args(argv)

    names = load_names()
    train_part, dev = split_dev(load_sentences(ANERCORP))
    for name in args.extra:
        train_part = train_part + load_sentences(EXTRA[name])
    started = time.perf_counter()
    settings = Settings(args.c1, args.c2, args.iterations, tuple(args.drop))
    frequent, persons = frequent_words(), load_persons()
    model = train_model(train_part, names, frequent, settings, args.stages, persons)
    print(f"trained on {len(train_part)} sentences in {time.perf_counter() - started:.0f}s: "
          f"{len(model['attributes'])} attributes, {args.stages} stage(s)")
    tagger = NerTagger.from_arrays(model, names)
    print_scores(f"ANERcorp dev ({len(dev)} sentences, tagged one by one), exact span match", span_scores(tagger.tag, dev))
    print_scores(f"the same, tagged {DOCUMENT} sentences at a time", span_scores(tagger.tag, dev, DOCUMENT))
    if not args.no_save:
        final = train_model(train_part + dev, names, frequent, settings, args.stages, persons)
        np.savez_compressed(args.out, **final)
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB), trained again with dev: "
              f"{len(train_part) + len(dev)} sentences")


if __name__ == "__main__":
    main()
