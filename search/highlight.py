"""Parsed query + an original text → the spans of the words the query matched there (what the ranking matched)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from indexer.analysis import Analyzer, TokenInfo
from search import query as q
from search.plan import fuzzy_distance, query_words
from search.snippets import Match


def positive_leaves(node: q.Node) -> Iterator[q.Node]:
    """The query's terms that count for a document (not under NOT / -), body-searching ones only."""
    if isinstance(node, q.Not):
        return
    if isinstance(node, q.Must):
        yield from positive_leaves(node.child)
    elif isinstance(node, (q.Clauses, q.And, q.Or)):
        for item in node.items:
            yield from positive_leaves(item)
    elif isinstance(node, (q.Word, q.Phrase)) and node.field is None or isinstance(node, (q.Exact, q.Prefix, q.Fuzzy)):
        yield node


Matcher = Callable[[list[TokenInfo]], list[TokenInfo]]


def compile_matchers(node: q.Node, analyzer: Analyzer) -> list[tuple[str, Matcher]]:
    """One matcher per positive term of the query, analysed once (then applied to every hit)."""
    out = []
    for leaf in positive_leaves(node):
        matcher = _matcher(leaf, analyzer)
        if matcher is not None:
            out.append((str(leaf), matcher))
    return out


def find_matches(matchers: list[tuple[str, Matcher]], analyzer: Analyzer, text: str) -> list[Match]:
    """Every word of `text` a matcher picks, keyed by its query term (first term wins on overlap)."""
    if not matchers:
        return []
    infos = analyzer.explain(text)
    found: dict[tuple[int, int], Match] = {}
    for key, matcher in matchers:
        for info in matcher(infos):
            found.setdefault((info.start, info.end), Match(info.start, info.end, key))
    return sorted(found.values(), key=lambda m: m.start)


def query_matches(node: q.Node, analyzer: Analyzer, text: str) -> list[Match]:
    """Every word of `text` matched by a positive term of the query."""
    return find_matches(compile_matchers(node, analyzer), analyzer, text)


def _matcher(leaf: q.Node, analyzer: Analyzer) -> Matcher | None:
    if isinstance(leaf, q.Word):
        terms = {w.term for w in query_words(analyzer, leaf.text)}
        return lambda infos: [i for i in infos if i.term in terms]
    if isinstance(leaf, q.Phrase):
        wanted, slop = analyzer.terms(leaf.text), leaf.slop
        return lambda infos: _sequence([i for i in infos if i.term], wanted, "term", slop)
    if isinstance(leaf, q.Exact):
        exact = analyzer.exact_terms(leaf.text)
        return lambda infos: _sequence(infos, exact, "normalized", 0)
    if isinstance(leaf, q.Prefix):
        p = analyzer.normalize_term(leaf.text)
        return lambda infos: [i for i in infos if i.normalized.startswith(p) or (i.term or "").startswith(p)]
    if isinstance(leaf, q.Fuzzy):
        targets = [(w.exact, w.term, fuzzy_distance(w.exact, leaf.distance)) for w in query_words(analyzer, leaf.text)]
        return lambda infos: [i for i in infos if i.term and any(
            edit_distance(i.normalized, exact, d) <= d or edit_distance(i.term, term, d) <= d
            for exact, term, d in targets)]
    return None


def _sequence(infos: list[TokenInfo], wanted: list[str], attr: str, slop: int) -> list[TokenInfo]:
    """Words of `infos` that form the phrase `wanted` the way the engine's sloppy phrase does: with each word's
    offset (position − its place in the phrase), the spread between the largest and smallest offset ≤ `slop`."""
    where: dict[str, list[int]] = {}
    for k, info in enumerate(infos):
        where.setdefault(getattr(info, attr), []).append(k)
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


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a transposition is one edit), or limit + 1 once it exceeds `limit`.

    >>> edit_distance("ماكجواير", "ماكغواير", 2), edit_distance("abcd", "abdc", 1), edit_distance("a", "abcd", 1)
    (1, 1, 2)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[len(b)], limit + 1)
