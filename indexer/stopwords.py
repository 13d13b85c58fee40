"""Word-list files in indexer/data → normalized words (stopwords, name parts, places, persons, organisations), each
read once per process."""

from __future__ import annotations

import functools
from pathlib import Path

from indexer.clitics import CONJUNCTIONS
from indexer.normalize import normalize


def parse_stopwords(lines: list[str]) -> frozenset[str]:
    """Normalize each non-comment line, and add it with each conjunction written onto it (وفي، ففي).

    >>> sorted(parse_stopwords(["# c", "إلى", ""]))
    ['الي', 'فالي', 'والي']
    """
    words = {normalize(line.strip()) for line in lines if line.strip() and not line.startswith("#")}
    return frozenset(words | {clitic + word for word in words for clitic in CONJUNCTIONS})


DATA = Path(__file__).resolve().parent / "data"  # a plain path: importlib.resources costs a search's start ~5 ms


def read_wordlist(name: str) -> list[str]:
    """Lines of a word list shipped in indexer/data."""
    return (DATA / name).read_text(encoding="utf-8").splitlines()


@functools.cache
def load_stopwords(name: str = "stopwords_ar.txt") -> frozenset[str]:
    """The stopword list shipped in indexer/data, normalized, with attached conjunctions."""
    return parse_stopwords(read_wordlist(name))


@functools.cache
def load_names(name: str = "names_ar.txt") -> frozenset[str]:
    """Name parts the name-safe stemmer keeps whole, read as they are: indexer/data/build_names.py normalized them
    (normalizing 19,000 words again cost every search a tenth of its start)."""
    return frozenset(sorted_names(name))


def sorted_names(name: str = "names_ar.txt") -> tuple[str, ...]:
    """The words of load_names in sorted order, each once (what an analyzer's fingerprint digests: the file is
    written sorted, so this is cheap where sorting the set would cost every search's start ~10 ms).

    >>> sorted_names() == tuple(sorted(load_names()))
    True
    """
    return _sorted_names(name)


@functools.cache
def _sorted_names(name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sorted(_entries(name))))


@functools.cache
def load_places(name: str = "places_ar.txt") -> frozenset[str]:
    """Names of towns and cities, their words normalized and joined by one space (indexer/data/build_places.py)."""
    return frozenset(_entries(name))


@functools.cache
def load_persons(name: str = "persons_ar.txt") -> frozenset[str]:
    """Full names of real people, their words normalized and joined by one space (indexer/data/build_persons.py)."""
    return frozenset(_entries(name))


@functools.cache
def load_organisations(name: str = "organisations_ar.tsv") -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Well-known organisations (indexer/data/organisations_ar.tsv): (kind, name, other spellings), kind "firm"
    or "org", as written."""
    rows = [line.split("\t") for line in _entries(name)]
    return tuple((kind, written, tuple(form for form in others.split("|") if form)) for kind, written, others in rows)


@functools.cache
def load_famous(name: str = "famous_ar.tsv") -> frozenset[str]:
    """One-word names of famous people (indexer/data/famous_ar.tsv: full name, then its one-word forms), normalized;
    none of three letters or fewer (آبي normalizes to ابي, a kunya; كين, كيم)."""
    forms = {normalize(form) for line in _entries(name) for form in line.split("\t")[1].split("|")}
    return frozenset(form for form in forms if len(form) > 3)


def _entries(name: str) -> list[str]:
    """The non-empty, non-comment lines of a word list shipped in indexer/data."""
    return [line for line in read_wordlist(name) if line and line[0] != "#"]
