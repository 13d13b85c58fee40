"""Stopword file → frozenset of normalized words (normalized with the same rules as the text, so order can't bite)."""

from __future__ import annotations

from importlib import resources

from indexer.normalize import normalize

ATTACHED = ("و", "ف")  # conjunctions written onto the next word: وفي، ففي


def parse_stopwords(lines: list[str]) -> frozenset[str]:
    """Normalize each non-comment line, and add it with each of ATTACHED in front.

    >>> sorted(parse_stopwords(["# c", "إلى", ""]))
    ['الي', 'فالي', 'والي']
    """
    words = {normalize(line.strip()) for line in lines if line.strip() and not line.startswith("#")}
    return frozenset(words | {clitic + word for word in words for clitic in ATTACHED})


def load_stopwords(name: str = "stopwords_ar.txt") -> frozenset[str]:
    """Read a stopword list shipped in indexer/data."""
    text = resources.files("indexer").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return parse_stopwords(text.splitlines())
