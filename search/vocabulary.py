"""An index's words with their document counts → fuzzy expansions (most frequent first, capped) and spelling
suggestions ranked by Arabic-aware edit costs."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MAX_EXPANSIONS = 50  # index words a fuzzy or prefix word stands for at most (Lucene's max expansions), most frequent
_CHUNK = 64  # fuzzy words compared with the vocabulary at once (a row of one byte per vocabulary word each)

# Letters a writer or a transliteration confuses, each group with why: an edit inside a group costs half an edit.
# Words are normalized first, so أ إ آ → ا, ى → ي, ة → ه are no edit at all.
CHEAP_SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("اءؤئ", "hamza seats: the hamza written on alef, waw, ya or alone"),
    ("جغقك", "the Latin g and q: ماكجواير، ماكغواير، ماكقواير"),
    ("تط", "t, plain or emphatic"),
    ("دض", "d, plain or emphatic"),
    ("سصث", "s, plain, emphatic or th"),
    ("زذظ", "z and dh"),
    ("هح", "h, soft or hard"),
    ("فڤ", "v written as f"),
    ("بپ", "p written as b"),
)
CHEAP_GAPS = "اويء"  # long vowels and the hamza, written or left out (ماكجواير، ماكجوير): half an edit
CHEAP = 0.5


@dataclass(frozen=True)
class Suggestion:
    """An index word for a query word, its Arabic-aware edit cost and how many documents have it."""

    word: str
    cost: float
    docs: int


def _cheap_pairs() -> frozenset[tuple[str, str]]:
    return frozenset((a, b) for letters, _ in CHEAP_SUBSTITUTIONS for a in letters for b in letters if a != b)


_PAIRS = _cheap_pairs()


def arabic_cost(a: str, b: str) -> float:
    """Edits from `a` to `b`, each 1, but 0.5 inside a group of CHEAP_SUBSTITUTIONS or for a CHEAP_GAPS letter.

    >>> arabic_cost("ماكغواير", "ماكجواير"), arabic_cost("ماكجوير", "ماكجواير"), arabic_cost("مكتب", "مكتل")
    (0.5, 0.5, 1.0)
    """
    from rapidfuzz.distance import Levenshtein  # imported on first use: searches without fuzzy words never need it

    cost = 0.0
    for op in Levenshtein.editops(a, b):
        if op.tag == "replace":
            cost += CHEAP if (a[op.src_pos], b[op.dest_pos]) in _PAIRS else 1.0
        elif op.tag == "insert":
            cost += CHEAP if b[op.dest_pos] in CHEAP_GAPS else 1.0
        else:
            cost += CHEAP if a[op.src_pos] in CHEAP_GAPS else 1.0
    return cost


class Vocabulary:
    """The words of one field of an index with their document counts."""

    def __init__(self, words: Sequence[tuple[str, int]]) -> None:
        import numpy as np  # imported on first use, like rapidfuzz: a plain search loads neither

        self.words = [w for w, _ in words]
        self.docs: np.ndarray = np.fromiter((n for _, n in words), dtype=np.int64, count=len(words))
        self._index = {w: i for i, w in enumerate(self.words)}

    def __len__(self) -> int:
        return len(self.words)

    def count(self, word: str) -> int:
        """Documents with `word` (0 when the index does not have it)."""
        i = self._index.get(word)
        return int(self.docs[i]) if i is not None else 0

    def near(self, words: Sequence[str], distances: Sequence[int], deadline: float | None = None,
             limit: int = MAX_EXPANSIONS) -> list[list[str] | None]:
        """For each word, the index words within its distance (a transposition is one edit), the `limit` most
        frequent first; None for the words not reached before `deadline` (time.monotonic())."""
        import numpy as np
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        out: list[list[str] | None] = [None] * len(words)
        if not self.words:
            return [[] for _ in words]
        for first in range(0, len(words), _CHUNK):
            if deadline is not None and time.monotonic() > deadline:
                break
            chunk = list(words[first:first + _CHUNK])
            top = max(distances[first:first + _CHUNK])
            matrix = process.cdist(chunk, self.words, scorer=OSA.distance, score_cutoff=top, dtype=np.uint8,
                                   workers=-1)
            for row, distance in enumerate(distances[first:first + _CHUNK]):
                found = np.flatnonzero(matrix[row] <= distance)
                best = found[np.argsort(-self.docs[found], kind="stable")][:limit]
                out[first + row] = [self.words[i] for i in best]
        return out

    def suggest(self, word: str, limit: int = 3) -> list[Suggestion]:
        """Index words a misspelt `word` may mean: cheaper than one edit per 4 letters (at least one edit), more
        frequent than `word` itself, cheapest first, then most frequent."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        budget = max(1.0, len(word) / 4)
        own = self.count(word)
        found = []
        for candidate, _, i in process.extract(word, self.words, scorer=Levenshtein.distance,
                                               score_cutoff=int(budget * 2), limit=None):
            docs = int(self.docs[i])
            if candidate != word and docs > own and (cost := arabic_cost(word, candidate)) <= budget:
                found.append(Suggestion(candidate, cost, docs))
        found.sort(key=lambda s: (s.cost, -s.docs, s.word))
        return found[:limit]
