"""Documents per stored entity value over a result set + the index's stored groups → documents per real entity."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from indexer.entities.grouping import Group


@dataclass(frozen=True)
class ByEntity:
    """Counted values gathered by entity: group id (an unknown value is its own) → its (value, documents), and each
    entity's name; blocked values left out."""

    present: dict[object, list[tuple[str, int]]]
    names: dict[object, str]


def by_entity(raw: list[tuple[str, int]], groups: Mapping[str, tuple[int, Group]]) -> ByEntity:
    """Documents per stored value (`groups`: each known value's group id and group) → values gathered by entity."""
    present: dict[object, list[tuple[str, int]]] = defaultdict(list)
    names: dict[object, str] = {}
    for value, n in raw:
        known = groups.get(value)
        if known is None:  # a value new since the last grouping
            present[value].append((value, n))
            names[value] = value
        elif not known[1].blocked:
            present[known[0]].append((value, n))
            names[known[0]] = known[1].name
    return ByEntity(present, names)


def exact_needed(entities: ByEntity, top: int | None = None) -> list[tuple[str, ...]]:
    """The entities whose documents must be counted exactly: written several ways in the result set (a document
    may hold two spellings), and, with `top`, still able to reach the top `top`; each as its counted values."""
    lower = sorted((max(n for _, n in items) for items in entities.present.values()), reverse=True)
    cut = lower[top - 1] if top and len(lower) >= top else 0
    return [tuple(v for v, _ in items) for items in entities.present.values()
            if len(items) > 1 and sum(n for _, n in items) >= cut]


def group_counts(entities: ByEntity, exact: Mapping[tuple[str, ...], int]) -> Counter[str]:
    """Documents per entity (by the name shown for it): an entity written one way has its value's count, one
    written several ways its `exact` count (see exact_needed), else (it cannot reach the top) its most frequent
    value's count.

    >>> lazard = (1, Group("firm", "لازارد", ()))
    >>> entities = by_entity([("Lazard", 2), ("لازارد", 1), ("زووم", 1)], {"Lazard": lazard, "لازارد": lazard})
    >>> exact_needed(entities)
    [('Lazard', 'لازارد')]
    >>> group_counts(entities, {("Lazard", "لازارد"): 3})
    Counter({'لازارد': 3, 'زووم': 1})
    """
    out: Counter[str] = Counter()
    for gid, items in entities.present.items():
        values = tuple(v for v, _ in items)
        out[entities.names[gid]] = exact.get(values, max(n for _, n in items))
    return out
