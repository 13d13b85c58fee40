"""Resolved query + an original text → the spans of the words the query matched there (what the ranking matched)."""

from __future__ import annotations

from functools import cached_property

from indexer.analysis import Analyzer, TokenInfo
from search.query import parse_lenient
from search.resolve import EXACT, TITLE, Form, Resolved, Resolver
from search.snippets import Match


def find_matches(resolved: Resolved, analyzer: Analyzer, text: str) -> list[Match]:
    """Every word of `text` a positive term of the query matches through any of its forms, keyed by the term as
    the query writes it (the first term wins on overlap)."""
    if not resolved.leaves:
        return []
    found: dict[tuple[int, int], Match] = {}
    by_term, by_normalized = _single_words(resolved)
    sequences = [(leaf, form) for leaf in resolved.leaves for form in leaf.forms
                 if not _single(form) and form.field != TITLE]
    if sequences:  # phrases (and multi-word names) need the words looked up by position
        screen = {*by_term, *by_normalized, *(w for _, form in sequences for w in form.words)}
        words = Words(analyzer.explain(text, screen))
        for leaf, form in sequences:
            for info in form_matches(form, words):
                found.setdefault((info.start, info.end), Match(info.start, info.end, leaf.text))
        single = ((i.start, i.end, i.normalized, i.term) for i in words.every)
    else:
        single = analyzer.matching_words(text, by_term.keys(), by_normalized.keys())
    for start, end, normalized, term in single:  # the single-word forms, in one pass over the text
        key = (by_term.get(term) if term else None) or by_normalized.get(normalized)
        if key is not None:
            found.setdefault((start, end), Match(start, end, key))
    return sorted(found.values(), key=lambda m: m.start)


def _single(form: Form) -> bool:
    return form.field != TITLE and len(form.words) == 1


def _single_words(resolved: Resolved) -> tuple[dict[str, str], dict[str, str]]:
    """The single-word forms of the positive terms: stem → term, normalized word → term (the first term wins)."""
    by_term: dict[str, str] = {}
    by_normalized: dict[str, str] = {}
    for leaf in resolved.leaves:
        for form in filter(_single, leaf.forms):
            (by_normalized if form.field == EXACT else by_term).setdefault(form.words[0], leaf.text)
    return by_term, by_normalized


def query_matches(query: str, analyzer: Analyzer, text: str) -> list[Match]:
    """The matches in `text` of a query resolved without an index (no expansions, no entity names)."""
    return find_matches(Resolver(analyzer).resolve(parse_lenient(query)[0]), analyzer, text)


class Words:
    """A text's analysed words, looked up by stem (content words only, as the body field indexes them) and by
    normalized form (every word, as the exact field does), each view made when a form first needs it."""

    def __init__(self, infos: list[TokenInfo]) -> None:
        self.every = infos

    @cached_property
    def content(self) -> list[TokenInfo]:
        return [i for i in self.every if i.term]

    @cached_property
    def by_term(self) -> dict[str, list[int]]:
        return _places(self.content, "term")

    @cached_property
    def by_normalized(self) -> dict[str, list[int]]:
        return _places(self.every, "normalized")


def form_matches(form: Form, words: Words) -> list[TokenInfo]:
    """The words of a text that one form matches, as the engine does: a word anywhere, or the words in order."""
    if form.field == TITLE:
        return []  # the title's words are not in the body's snippet
    seq, where = (words.every, words.by_normalized) if form.field == EXACT else (words.content, words.by_term)
    if len(form.words) == 1 or form.slop is None:
        return [seq[k] for w in form.words for k in where.get(w, ())]
    return _sequence(seq, where, form.words, form.slop)


def _places(infos: list[TokenInfo], attr: str) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for k, info in enumerate(infos):
        where.setdefault(getattr(info, attr), []).append(k)
    return where


def _sequence(infos: list[TokenInfo], where: dict[str, list[int]], wanted: tuple[str, ...],
              slop: int) -> list[TokenInfo]:
    """Words of `infos` that form the phrase `wanted` the way the engine's sloppy phrase does: with each word's
    offset (position − its place in the phrase), the spread between the largest and smallest offset ≤ `slop`."""
    if not wanted or any(term not in where for term in wanted):
        return []
    out = []
    for first in where[wanted[0]]:
        picked = [first] + [min(where[term], key=lambda p, i=i: abs(p - i - first))
                            for i, term in enumerate(wanted[1:], 1)]
        offsets = [p - i for i, p in enumerate(picked)]
        if max(offsets) - min(offsets) <= slop and len(set(picked)) == len(picked):
            out += [infos[k] for k in picked]
    return out
