"""A text, its words, the tagger's spans and the shipped lists → Doc, the one thing every entity rule reads."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.entities.lists import Lists
from indexer.entities.words import Span, Word


@dataclass(frozen=True)
class Doc:
    """One document as the rules see it. `words[k]` is written at `text[offsets[k][0]:offsets[k][1]]`; `tagged` is
    everything the tagger found (kinds person, org, place, other), before any rule."""

    text: str
    words: list[Word]
    offsets: list[tuple[int, int]]
    tagged: list[Span]
    lists: Lists

    def gap(self, k: int) -> str:
        """The text between word k - 1 and word k."""
        return self.text[self.offsets[k - 1][1]:self.offsets[k][0]]

    def spaced(self, first: int, last: int) -> bool:
        """Do only spaces stand between the words first … last - 1?"""
        return all(self.gap(k).isspace() for k in range(first + 1, last))
