"""An index's words with their document counts → fuzzy expansions (most frequent first, capped) and spelling
suggestions ranked by Arabic-aware edit costs."""

from __future__ import annotations

import functools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from indexer.spelling import arabic_cost

if TYPE_CHECKING:
    import numpy as np

MAX_EXPANSIONS = 50  # index words a fuzzy or prefix word stands for at most (Lucene's max expansions), most frequent
_CHUNK = 64  # fuzzy words compared with the vocabulary at once (a row of one byte per vocabulary word each)

@dataclass(frozen=True)
class Suggestion:
    """An index word for a query word, its Arabic-aware edit cost and how many documents have it."""

    word: str
    cost: float
    docs: int


class Vocabulary:
    """The words of one field of an index with their document counts."""

    def __init__(self, words: Sequence[tuple[str, int]]) -> None:
        self.words = [w for w, _ in words]
        self.counts = [n for _, n in words]  # documents per word (suggestions read it without numpy)
        self._index = {w: i for i, w in enumerate(self.words)}

    @functools.cached_property
    def docs(self) -> np.ndarray:
        """Documents per word as an array, for ranking fuzzy expansions (numpy is imported on first use, like
        rapidfuzz: a plain search loads neither, a search with few hits only rapidfuzz, for its suggestions)."""
        import numpy as np

        return np.fromiter(self.counts, dtype=np.int64, count=len(self.counts))

    def __len__(self) -> int:
        return len(self.words)

    def count(self, word: str) -> int:
        """Documents with `word` (0 when the index does not have it)."""
        i = self._index.get(word)
        return self.counts[i] if i is not None else 0

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
            docs = self.counts[i]
            if candidate != word and docs > own and (cost := arabic_cost(word, candidate)) <= budget:
                found.append(Suggestion(candidate, cost, docs))
        found.sort(key=lambda s: (s.cost, -s.docs, s.word))
        return found[:limit]
