"""Documents per stored entity value over a result set + the index's stored groups → documents per real entity."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from indexer.entities.grouping import Group


def _present(raw: list[tuple[str, int]], groups: Mapping[str, tuple[int, Group]]
             ) -> tuple[dict[object, list[tuple[str, int]]], dict[object, str]]:
    """The counted values by entity (group id; an unknown value is its own entity; blocked ones left out), and
    each entity's name."""
    present: dict[object, list[tuple[str, int]]] = defaultdict(list)
    names: dict[object, str] = {}
    for value, n in raw:
        gid, one = groups.get(value, (value, Group("", value, ())))
        if not one.blocked:
            present[gid].append((value, n))
            names[gid] = one.name
    return present, names


def exact_needed(raw: list[tuple[str, int]], groups: Mapping[str, tuple[int, Group]],
                 top: int | None = None) -> list[tuple[str, ...]]:
    """The entities whose documents must be counted exactly: written several ways in the result set (a document
    may hold two spellings), and, with `top`, still able to reach the top `top`; each as its counted values."""
    present, _ = _present(raw, groups)
    lower = sorted((max(n for _, n in items) for items in present.values()), reverse=True)
    cut = lower[top - 1] if top and len(lower) >= top else 0
    return [tuple(v for v, _ in items) for items in present.values()
            if len(items) > 1 and sum(n for _, n in items) >= cut]


def group_counts(raw: list[tuple[str, int]], groups: Mapping[str, tuple[int, Group]],
                 exact: Mapping[tuple[str, ...], int]) -> Counter[str]:
    """Documents per entity (by the name shown for it) from documents per stored value (`groups`: each known value's
    group id and group): an entity written one way has its value's count, one written several ways its `exact`
    count (see exact_needed), else (it cannot reach the top) its most frequent value's count.

    >>> lazard = (1, Group("firm", "لازارد", ()))
    >>> raw = [("Lazard", 2), ("لازارد", 1), ("زووم", 1)]
    >>> exact_needed(raw, {"Lazard": lazard, "لازارد": lazard})
    [('Lazard', 'لازارد')]
    >>> group_counts(raw, {"Lazard": lazard, "لازارد": lazard}, {("Lazard", "لازارد"): 3})
    Counter({'لازارد': 3, 'زووم': 1})
    """
    present, names = _present(raw, groups)
    out: Counter[str] = Counter()
    for gid, items in present.items():
        values = tuple(v for v, _ in items)
        out[names[gid]] = exact.get(values, max(n for _, n in items))
    return out
