"""Documents per stored entity value over a result set + the index's stored groups → documents per real entity."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

from indexer.entities.grouping import Group


def group_counts(raw: list[tuple[str, int]], groups: Mapping[str, tuple[int, Group]],
                 exact_count: Callable[[tuple[str, ...]], int], top: int | None = None) -> Counter[str]:
    """Documents per entity (by the name shown for it) from documents per stored value (`groups`: each known value's
    group id and group; an unknown value is its own entity; blocked ones are left out). Where several values of
    one entity occur, `exact_count(values)` counts the documents with any of them (a document may hold two
    spellings); with `top`, only entities that can still reach the top `top` are counted exactly.

    >>> lazard = (1, Group("firm", "لازارد", ()))
    >>> group_counts([("Lazard", 2), ("لازارد", 1), ("زووم", 1)], {"Lazard": lazard, "لازارد": lazard}, lambda v: 3)
    Counter({'لازارد': 3, 'زووم': 1})
    """
    present: dict[object, list[tuple[str, int]]] = defaultdict(list)
    names: dict[object, str] = {}
    for value, n in raw:
        gid, one = groups.get(value, (value, Group("", value, ())))
        if not one.blocked:
            present[gid].append((value, n))
            names[gid] = one.name
    upper = {gid: sum(n for _, n in items) for gid, items in present.items()}  # ≥ the exact count
    lower = {gid: max(n for _, n in items) for gid, items in present.items()}  # ≤ the exact count
    cut = sorted(lower.values(), reverse=True)[top - 1] if top and len(lower) >= top else 0
    out: Counter[str] = Counter()
    for gid, items in present.items():
        if len(items) == 1 or upper[gid] < cut:
            out[names[gid]] = items[0][1] if len(items) == 1 else lower[gid]
        else:
            out[names[gid]] = exact_count(tuple(v for v, _ in items))
    return out
