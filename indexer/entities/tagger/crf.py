"""Arabic news text and its word spans → one BIO label per word (PER, ORG, LOC, MISC), from a linear-chain CRF
(two stacked: the second also sees what the first found elsewhere in the document)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources

import numpy as np

from indexer.entities.tagger.features import (
    DOCUMENT_OFFSETS,
    OFFSETS,
    PAD,
    SENTENCE_END,
    GramOdds,
    Lexicon,
    attribute_columns,
    code_points,
    document_attributes,
    document_key,
    gap_attributes,
    split_gap,
)
from indexer.normalize import normalize
from indexer.stopwords import load_names
from indexer.tokenize import word_spans

MODEL_FILE = "ner_model.npz"
FORBIDDEN = -1e4  # the score of a transition BIO does not allow
COMMON_CLASS = 5  # NerTagger.common_words: Zipf 5 or more (4-fold CV of the extraction: 5 over 4 and 6)
MAX_SENTENCE = 200  # longer runs without sentence punctuation are decoded in pieces of this many words

def label_runs(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """BIO labels of words → (type, first word, last word + 1) of each name; an I- after another type opens a new one.

    >>> label_runs(["B-PER", "I-PER", "O", "I-ORG", "B-ORG"])
    [('PER', 0, 2), ('ORG', 3, 4), ('ORG', 4, 5)]
    """
    found: list[tuple[str, int, int]] = []
    for i, label in enumerate(labels):
        if label == "O":
            continue
        kind = label[2:]
        if label[0] == "I" and found and found[-1][2] == i and found[-1][0] == kind:
            found[-1] = (kind, found[-1][1], i + 1)
        else:
            found.append((kind, i, i + 1))
    return found


def spans_of_labels(labels: Sequence[str], spans: Sequence[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """BIO labels of words and the words' (start, end) → (type, start, end) of each name in str offsets.

    >>> spans_of_labels(["B-PER", "I-PER", "O", "I-ORG"], [(0, 3), (4, 7), (8, 9), (10, 12)])
    [('PER', 0, 7), ('ORG', 10, 12)]
    """
    return [(kind, spans[first][0], spans[last - 1][1]) for kind, first, last in label_runs(labels)]


class NerTagger:
    """A trained CRF, or two stacked: per-word score tables built once per distinct word, Viterbi over BIO labels.

    The second stage (if the model has one) also sees, for each word, the labels the first stage gave to the
    words of the document that share its key (document_key), so a name found once is found again.
    """

    def __init__(self, labels: Sequence[str], attributes: Sequence[str], weights: np.ndarray,
                 transitions: np.ndarray, lexicon: Lexicon, cache_size: int = 200_000) -> None:
        self.labels = tuple(labels)
        self._row = {attribute: i for i, attribute in enumerate(attributes)}
        attribute, self._offset_rows = _offset_rows(attributes)
        self._values_of = _values_by_prefix(attribute)
        weights = np.asarray(weights, dtype=np.float32)  # attributes × (stages · labels)
        self._weights = np.vstack([weights, np.zeros_like(weights[:1])])  # and a last row of zeros: row -1
        self._transitions = [_allowed(self.labels, t) for t in np.asarray(transitions, np.float32).reshape(
            -1, len(self.labels), len(self.labels))]
        self._start = np.array([FORBIDDEN if label.startswith("I-") else 0 for label in self.labels], np.float32)
        self._lexicon = lexicon
        self._gram_odds = GramOdds(lexicon)
        self._cache_size = cache_size
        self._bias = self._score(["bias"])
        self._documents: dict[tuple[tuple[str, ...], ...], int] = {(): 0}
        self._document_table = np.zeros((64, len(DOCUMENT_OFFSETS), len(self.labels)), dtype=np.float32)
        self._clear()

    @classmethod
    def load(cls, name: str = MODEL_FILE) -> NerTagger:
        """The model shipped in indexer/data (names_ar.txt is its name list)."""
        with resources.files(__package__).joinpath(name).open("rb") as fh, \
                np.load(fh, allow_pickle=False) as model:
            return cls.from_arrays(dict(model), load_names())

    @classmethod
    def from_arrays(cls, model: Mapping[str, np.ndarray], names: frozenset[str]) -> NerTagger:
        """A tagger from the arrays of a model file: labels, attributes, weights, transitions, ngrams, odds, the
        frequency classes of common words and the words of known full names."""
        odds = dict(zip(model["ngrams"].tolist(), model["odds"].tolist(), strict=True))
        frequent = dict(zip(model["frequent_words"].tolist(), model["frequent_classes"].tolist(), strict=True))
        person_words = frozenset(model["person_words"].tolist()) if "person_words" in model else frozenset()
        lexicon = Lexicon(names, odds, float(model["unseen_odds"]), frequent=frequent, person_words=person_words)
        return cls(model["labels"].tolist(), model["attributes"].tolist(), model["weights"], model["transitions"],
                   lexicon)

    def tag(self, text: str, spans: Sequence[tuple[int, int]] | None = None) -> list[tuple[str, int, int]]:
        """(type, start, end) of each name in `text`, in order (`spans`: its word_spans, when already known).

        >>> text = "قال الرئيس جورج بوش في واشنطن"
        >>> [(label, text[start:end]) for label, start, end in NerTagger.load().tag(text)]
        [('PER', 'جورج بوش'), ('LOC', 'واشنطن')]
        """
        spans = word_spans(text) if spans is None else spans
        return spans_of_labels(self.tag_tokens(text, spans), spans)

    def tag_tokens(self, text: str, spans: Sequence[tuple[int, int]], stages: int = 2) -> list[str]:
        """`text` and its word spans (from word_spans) → one BIO label per word (`stages=1`: first stage only).

        >>> text = "وصل جورج بوش"
        >>> NerTagger.load().tag_tokens(text, list(word_spans(text)))
        ['O', 'B-PER', 'I-PER']
        """
        return [self.labels[i] for i in self._best_labels(text, spans, stages).tolist()]

    def common_words(self, min_class: int = COMMON_CLASS) -> frozenset[str]:
        """Normalized words of the lexicon's frequency class `min_class` or more (Zipf: 5 is once in 10,000 words,
        4 once in 100,000)."""
        return frozenset(w for w, c in self._lexicon.frequent.items() if c >= min_class)

    @property
    def names(self) -> frozenset[str]:
        """The name parts of its lexicon (the shipped model's: names_ar.txt, normalized)."""
        return self._lexicon.names

    def normalized(self, word: str) -> str:
        """normalize(word), kept from scoring it for the words in the tagger's table."""
        i = self._words.get(word)
        return normalize(word) if i is None else self._norms[i]

    def word_scores(self, words: Sequence[str]) -> np.ndarray:
        """Words as written (or PAD) → the scores the tagger adds for them: words × OFFSETS × labels (of each stage),
        the summed weights of each word's word_attributes at each offset."""
        ids = self._word_ids(list(words))  # before the table is read: scoring new words may grow it
        return self._word_table[ids]

    def _best_labels(self, text: str, spans: Sequence[tuple[int, int]], stages: int = 2) -> np.ndarray:
        """Label indices of the best path, through the first `stages` stages of the model."""
        if not spans:
            return np.zeros(0, dtype=np.intp)
        bounds = np.fromiter(itertools.chain.from_iterable(spans), dtype=np.intp, count=2 * len(spans))
        bounds = bounds.reshape(-1, 2)
        first = _sentence_starts(text, bounds)
        ids = self._word_ids([text[a:b] for a, b in spans])
        scores = self._emissions(text, bounds, first, ids)
        n = len(self.labels)
        best = self._decode(scores[:, :n], first, self._transitions[0])
        for stage in range(1, min(stages, len(self._transitions))):
            found = self._document_scores(ids, best, first)
            best = self._decode(scores[:, stage * n:(stage + 1) * n] + found, first, self._transitions[stage])
        return best

    def _decode(self, emissions: np.ndarray, first: np.ndarray, transitions: np.ndarray) -> np.ndarray:
        """Viterbi path of every sentence (`first` marks sentence starts; no sentence starts with I-)."""
        emissions = emissions + np.where(first[:, None], self._start, 0)
        starts = np.flatnonzero(first)
        best = np.empty(len(emissions), dtype=np.intp)
        for group in _length_groups(starts, np.append(starts[1:], len(emissions))):
            _viterbi(emissions, group, transitions, best)
        return best

    def _clear(self) -> None:
        """Empty the per-word and per-gap score tables (row 0 of the word table is PAD)."""
        width = self._weights.shape[1]
        self._words: dict[str, int] = {PAD: 0}
        self._keys: list[str] = [PAD]  # document_key(normalize(PAD)) is PAD
        self._norms: list[str] = [PAD]
        self._word_table = np.zeros((1024, len(OFFSETS), width), dtype=np.float32)
        self._gaps: dict[str, int] = {}
        self._gap_table = np.zeros((64, 2, width), dtype=np.float32)
        self._add_columns(0, [("", ["pad"], 2)])  # reached_attributes(PAD)

    def _score(self, attributes: Iterable[str]) -> np.ndarray:
        """Summed weights of the attributes the model knows, one score per label (of each stage)."""
        rows = [self._row[a] for a in attributes if a in self._row]
        return self._weights[rows].sum(axis=0)

    def _add_words(self, words: Sequence[str]) -> None:
        """Score new words (not PAD) into the word table, with their normalized forms and document keys."""
        first = len(self._words)
        norms = [normalize(word) for word in words]
        self._words.update(zip(words, range(first, first + len(words)), strict=True))
        self._norms += norms
        self._keys += map(document_key, norms)
        self._add_columns(first, attribute_columns(words, norms, self._lexicon, self._gram_odds))

    def _add_columns(self, first: int, columns: list[tuple[str, list[str | None], int]]) -> None:
        """Add the weights of attribute columns (attribute_columns) to the word table's rows from `first` on.

        Column by column, so each (word, offset) cell sums its weights in word_attributes' order; an offset the
        model does not know an attribute at adds row -1 of the weights, zeros, which leaves a sum as it was."""
        n = len(columns[0][1])
        table = self._word_table[first:first + n]
        for prefix, values, reach in columns:
            values_of = self._values_of.get(prefix, {})
            index = np.fromiter(map(values_of.get, values, itertools.repeat(-1)), dtype=np.intp, count=n)
            known = np.flatnonzero(index >= 0)
            near = slice(OFFSETS.index(-reach), OFFSETS.index(reach) + 1)
            table[known, near] += self._weights[self._offset_rows[index[known], near]]

    def _word_ids(self, words: list[str]) -> np.ndarray:
        """Surface words → rows of the word table, scoring the words not seen before."""
        new = set(words).difference(self._words)
        if len(self._words) + len(new) > self._cache_size:
            self._clear()
            new = set(words)
        if len(self._words) + len(new) > len(self._word_table):
            self._word_table = _grown(self._word_table, len(self._words) + len(new))
        if new:
            self._add_words(list(new))  # rows in any order
        return np.fromiter(map(self._words.__getitem__, words), dtype=np.intp, count=len(words))

    def _gap_id(self, gap: str) -> int:
        """Row of the gap table for a text between words (after-gap scores in column 0, before-gap in 1)."""
        if gap not in self._gaps:
            if len(self._gaps) == len(self._gap_table):
                self._gap_table = _grown(self._gap_table, len(self._gaps) + 1)
            self._gap_table[len(self._gaps)] = [self._score(attrs) for attrs in gap_attributes(gap)]
            self._gaps[gap] = len(self._gaps)
        return self._gaps[gap]

    def _gap_ids(self, text: str, bounds: np.ndarray, first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Gap-table rows of the text before and after each word; a gap between sentences is cut after its last
        stop. Single spaces, most gaps, are found without slicing the text."""
        ends, starts = bounds[:-1, 1], bounds[1:, 0]
        codes = code_points(text)
        inner = np.full(len(ends), self._gap_id(" "), dtype=np.intp)
        other = np.flatnonzero((starts - ends != 1) | (codes[ends] != ord(" ")))
        inner[other] = [self._gap_id(text[a:b]) for a, b in zip(ends[other].tolist(), starts[other].tolist(),
                                                                 strict=True)]
        before = np.concatenate(([self._gap_id(text[: bounds[0, 0]])], inner))
        after = np.concatenate((inner, [self._gap_id(text[bounds[-1, 1]:])]))
        for i in np.flatnonzero(first[1:]).tolist():
            tail, head = split_gap(text[ends[i]:starts[i]])
            after[i], before[i + 1] = self._gap_id(tail), self._gap_id(head)
        return before, after

    def _emissions(self, text: str, bounds: np.ndarray, first: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Score of each label (of each stage) at each word: bias + the five neighbours' rows + the two gaps' rows."""
        before, after = self._gap_ids(text, bounds, first)
        gaps = self._gap_table[before, 0] + self._gap_table[after, 1]
        return self._bias + gaps + _neighbour_sum(self._word_table, ids, first, OFFSETS)

    def _document_scores(self, ids: np.ndarray, best: np.ndarray, first: np.ndarray) -> np.ndarray:
        """Second-stage scores from the first stage's labels of the other words sharing each word's document key."""
        keys = [self._keys[i] for i in ids.tolist()]
        found = document_attributes(keys, [self.labels[i] for i in best.tolist()])
        doc_ids = np.fromiter(map(self._document_row, found), dtype=np.intp, count=len(keys))
        return _neighbour_sum(self._document_table, doc_ids, first, DOCUMENT_OFFSETS)

    def _document_row(self, attributes: tuple[tuple[str, ...], ...]) -> int:
        """Row of the document table for one key's attributes, scored once (second-stage columns)."""
        if attributes not in self._documents:
            if len(self._documents) == len(self._document_table):
                self._document_table = _grown(self._document_table, len(self._documents) + 1)
            n = len(self.labels)
            self._document_table[len(self._documents)] = [self._score(a)[n:2 * n] for a in attributes]
            self._documents[attributes] = len(self._documents)
        return self._documents[attributes]


def _offset_rows(attributes: Sequence[str]) -> tuple[dict[str, int], np.ndarray]:
    """Model attribute names → (index of each word attribute without its offset, and for each one its weight row
    at each offset in OFFSETS, -1 where the model does not know it).

    >>> _offset_rows(["bias", "-2w=زيد", "0w=زيد"])
    ({'w=زيد': 0}, array([[ 1, -1,  2, -1, -1]]))
    """
    position = {str(k): j for j, k in enumerate(OFFSETS)}
    index: dict[str, int] = {}
    found: list[tuple[int, int, int]] = []
    for row, attribute in enumerate(attributes):
        cut = 2 if attribute.startswith("-") else 1
        if attribute[:cut] in position:
            found.append((index.setdefault(attribute[cut:], len(index)), position[attribute[:cut]], row))
    rows = np.full((len(index), len(OFFSETS)), -1, dtype=np.intp)
    if found:
        at = np.array(found, dtype=np.intp)
        rows[at[:, 0], at[:, 1]] = at[:, 2]
    return index, rows


def _values_by_prefix(index: Mapping[str, int]) -> dict[str, dict[str, int]]:
    """Word attributes without offset → prefix ("w=", …; "" for the whole attribute) → value → index.

    >>> _values_by_prefix({"w=زيد": 0, "name": 1})
    {'': {'w=زيد': 0, 'name': 1}, 'w=': {'زيد': 0}}
    """
    by_prefix: dict[str, dict[str, int]] = {"": dict(index)}
    for attribute, i in index.items():
        prefix, equals, value = attribute.partition("=")
        if equals:
            by_prefix.setdefault(prefix + equals, {})[value] = i
    return by_prefix


def _neighbour_sum(table: np.ndarray, ids: np.ndarray, first: np.ndarray, offsets: Sequence[int]) -> np.ndarray:
    """Σ over offsets k of table[id of the word k away, k's column]; row 0 stands for the words past a sentence."""
    reach = max(offsets)
    where = np.arange(len(ids)) + reach * np.cumsum(first)  # `reach` empty places before each sentence
    padded = np.zeros(len(ids) + reach * (int(first.sum()) + 1), dtype=np.intp)
    padded[where] = ids
    total = table[padded[where + offsets[0]], 0]
    for j, k in enumerate(offsets[1:], 1):
        total += table[padded[where + k], j]
    return total


def _grown(table: np.ndarray, needed: int) -> np.ndarray:
    """A copy of `table` with room for at least `needed` rows."""
    bigger = np.zeros((max(needed, 2 * len(table)), *table.shape[1:]), dtype=table.dtype)
    bigger[: len(table)] = table
    return bigger


def _allowed(labels: Sequence[str], transitions: np.ndarray) -> np.ndarray:
    """Learned transition scores with the moves BIO forbids (O → I-X, B-X → I-Y) made impossible."""
    forbidden = np.array([[b.startswith("I-") and a[2:] != b[2:] for b in labels] for a in labels])
    return np.where(forbidden, FORBIDDEN, transitions).astype(np.float32)


def _sentence_starts(text: str, bounds: np.ndarray) -> np.ndarray:
    """True at each word that starts a sentence: a full stop, ?, ! or newline lies between it and the word before."""
    stops = np.array([m.start() for m in SENTENCE_END.finditer(text)], dtype=np.intp)
    crossed = np.searchsorted(stops, bounds[1:, 0]) > np.searchsorted(stops, bounds[:-1, 1])
    return np.concatenate(([True], crossed))


def _length_groups(lo: np.ndarray, hi: np.ndarray, size: int = 256) -> Iterable[np.ndarray]:
    """(start, end) word ranges cut to at most MAX_SENTENCE words, longest first, in groups of `size`."""
    pieces = [(a, min(a + MAX_SENTENCE, end)) for start, end in zip(lo.tolist(), hi.tolist(), strict=True)
              for a in range(start, end, MAX_SENTENCE)]
    pieces.sort(key=lambda p: p[0] - p[1])
    for i in range(0, len(pieces), size):
        yield np.array(pieces[i:i + size], dtype=np.intp)


def _viterbi(emissions: np.ndarray, group: np.ndarray, transitions: np.ndarray, out: np.ndarray) -> None:
    """Best label path of each (start, end) word range in `group` (longest first), written into `out`.

    Ranges are left-aligned; at step t only the ranges longer than t are updated, a prefix of the group, so each
    range's scores stay as they were at its last word.
    """
    lengths = group[:, 1] - group[:, 0]
    active = np.searchsorted(-lengths, -np.arange(len(lengths) and lengths[0]), side="left")  # ranges longer than t
    source = np.minimum(group[:, :1] + np.arange(lengths[0]), group[:, 1:] - 1)
    scores = emissions[source]
    best = scores[:, 0].copy()
    back = np.zeros((lengths[0], len(group), transitions.shape[0]), dtype=np.intp)
    n_labels = transitions.shape[0]
    into = np.ascontiguousarray(transitions.T)  # [to, from]: the max over where a move comes from is contiguous
    cell = np.arange(len(group))[:, None] * n_labels * n_labels + np.arange(n_labels) * n_labels  # moves[g, j, 0]
    for t in range(1, lengths[0]):
        n = active[t]
        moves = best[:n, None, :] + into
        came_from = moves.argmax(axis=2, out=back[t, :n])
        best[:n] = moves.ravel()[cell[:n] + came_from] + scores[:n, t]  # a gather beats a second max
    path = np.zeros((len(group), lengths[0]), dtype=np.intp)
    path[np.arange(len(group)), lengths - 1] = best.argmax(axis=1)
    for t in range(lengths[0] - 1, 0, -1):
        n = active[t]
        path[:n, t - 1] = back[t, np.arange(n), path[:n, t]]
    valid = np.arange(lengths[0]) < lengths[:, None]
    out[source[valid]] = path[valid]
