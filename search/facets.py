"""Entity values stored in an index + the user's aliases → one facet value per real entity, and its counts."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from indexer.aliases import Aliases
from indexer.canonical import (
    CLITICS,
    firm_key,
    key_of,
    keys_of,
    last_token,
    name_key,
    token_key,
    token_keys,
    vowelled_key,
    without_clitic,
)
from indexer.normalize import normalize

_ARABIC = re.compile("[\u0600-\u06ff]")


@dataclass(frozen=True)
class EntityGroup:
    """One real entity: the name shown for it and every stored value (spelling, script, surname) it covers."""

    kind: str
    name: str
    values: tuple[str, ...]


class EntityTable:
    """Groups the stored values of one kind: same transliteration key (لازارد = Lazard; a firm's without trailing
    corporate words: الفنار القابضة = الفنار; a Latin w read the German way when nothing reads it as a vowel:
    Weber = فيبر; then without a kept preposition proclitic: لبلومبرغ = بلومبرغ), a surname of one or two words
    with the one full name that ends with it (لاسري = مارك لاسري), a firm's first or last word alone with the one
    firm named so (ساكس = غولدمان ساكس), and the user's merges; renames and blocks apply last."""

    def __init__(self, kind: str, counts: dict[str, int], aliases: Aliases, hidden: frozenset[str] = frozenset()
                 ) -> None:
        self.kind = kind
        self._group_of: dict[str, EntityGroup] = {}
        for group in _group(kind, counts, aliases):
            for value in group.values:
                self._group_of[value] = group
        self._blocked = {v for name in aliases.of(kind).block for v in self.values_for(name)}
        self._blocked |= {v for value in hidden for v in self.group(value).values}

    def group(self, value: str) -> EntityGroup:
        """The group of a stored value (a value never seen is its own group)."""
        return self._group_of.get(value) or EntityGroup(self.kind, value, (value,))

    def is_blocked(self, value: str) -> bool:
        return value in self._blocked

    def values_for(self, text: str) -> list[str]:
        """Every stored value a user's name for an entity may mean: any spelling, script, alias or surname."""
        wanted, key = normalize(" ".join(text.split())), key_of(self.kind)(text)
        for value, group in self._group_of.items():
            if normalize(value) == wanted or normalize(group.name) == wanted:
                return list(group.values)
        matches = {g.name: g for v, g in self._group_of.items() if key_of(self.kind)(v) == key and key}
        if not matches and len(text.split()) == 1 and key:
            matches = {g.name: g for v, g in self._group_of.items() if name_key(last_token(v)) == key}
        if len(matches) == 1:
            return list(next(iter(matches.values())).values)
        return [" ".join(text.split())]

    def counts(self, raw: list[tuple[str, int]], exact_count: Callable[[tuple[str, ...]], int],
               top: int | None = None) -> Counter[str]:
        """Documents per entity from documents per stored value. Where several values of one entity occur,
        `exact_count(values)` counts the documents with any of them (a document may hold two spellings); with
        `top`, only entities that can still reach the top `top` are counted exactly."""
        present: dict[EntityGroup, list[tuple[str, int]]] = defaultdict(list)
        for value, n in raw:
            if not self.is_blocked(value):
                present[self.group(value)].append((value, n))
        upper = {group: sum(n for _, n in items) for group, items in present.items()}  # ≥ the exact count
        lower = {group: max(n for _, n in items) for group, items in present.items()}  # ≤ the exact count
        cut = sorted(lower.values(), reverse=True)[top - 1] if top and len(lower) >= top else 0
        out: Counter[str] = Counter()
        for group, items in present.items():
            if len(items) == 1 or upper[group] < cut:
                out[group.name] = items[0][1] if len(items) == 1 else lower[group]
            else:
                out[group.name] = exact_count(tuple(v for v, _ in items))
        return out


def firms_among_persons(persons: dict[str, int], firms: dict[str, int]) -> frozenset[str]:
    """Person values named like a firm value found in at least as many documents (سامسونغ, tagged a person in
    one article and a firm in others; لسامسونغ, with a proclitic): not shown among persons.

    >>> sorted(firms_among_persons({"سامسونغ": 1, "لسامسونغ": 1, "سارة حداد": 2}, {"Samsung": 3}))
    ['سامسونغ', 'لسامسونغ']
    """
    firm_documents: Counter[str] = Counter()
    for value, n in firms.items():
        firm_documents[firm_key(value)] += n
    return frozenset(v for v, n in persons.items()
                     if max(firm_documents.get(firm_key(form), 0) for form in [v, *_without_proclitic(v)]) >= n)


SHORT_KEY = 2  # letters of a key too short to tell names apart alone


def _group(kind: str, counts: dict[str, int], aliases: Aliases) -> list[EntityGroup]:
    """Union-find over values: same key, surname → unique full name, user merges; then name each group."""
    parent = {v: v for v in counts}

    def find(v: str) -> str:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    keys = {value: keys_of(kind)(value) for value in counts}
    by_key: dict[str, str] = {}
    for value, (key, *_) in keys.items():
        if " " not in key and len(key) <= SHORT_KEY:  # Google = غوغل, not جيلي: the vowels tell short keys apart
            key = f"{key}:{vowelled_key(value)}"
        if key in by_key:
            union(value, by_key[key])
        elif key:
            by_key[key] = value
    shared = Counter(key for key, *_ in keys.values())
    for value, (first, *german) in keys.items():  # else a Latin w read the German way, if another value spells
        if shared[first] == 1 and german and german[0] in by_key:  # it so (Weiss = فايس)
            union(value, by_key[german[0]])
        elif shared[first] == 1:  # else a proclitic the extractor kept (لبلومبرغ), if the rest is another value
            bare = next((key for key in map(key_of(kind), _without_proclitic(value)) if key in by_key), None)
            if bare is not None:
                union(value, by_key[bare])
    if kind == "person":
        _short_to_full_names(counts, union, ends=(-1,), most=2)  # لاسري → مارك لاسري
    else:
        _short_to_full_names(counts, union, ends=(0, -1), most=1,  # Centerview → سنترفيو بارتنرز، فايس → Paul Weiss
                             min_key=SHORT_KEY)  # not دو → Die Presse
        _short_to_full_names(counts, union, ends=(0,), most=2, fewest=2)  # كوين إيمانويل → Quinn Emanuel …
        _one_letter_longer(keys, by_key, union)  # ماكدونالدز → ماكدونالز
    user = aliases.of(kind)
    for names in user.merge:
        for name in names:
            parent.setdefault(name, name)
        for a, b in zip(names, names[1:], strict=False):
            union(a, b)
    members: dict[str, list[str]] = defaultdict(list)
    for value in parent:
        members[find(value)].append(value)
    groups = []
    for values in members.values():
        name = _display_name(values, counts)
        for alias_name, new_name in user.rename.items():
            if alias_name in values or alias_name == name:
                name = new_name
        groups.append(EntityGroup(kind, name, tuple(sorted(values))))
    return groups


def _one_letter_longer(keys: dict[str, tuple[str, ...]], by_key: dict[str, str], union: Callable[[str, str], None],
                       min_length: int = 6) -> None:
    """A one-word value whose key of `min_length` letters or more is another value's key with one more letter joins
    it when no third value is that close (ماكدونالدز = ماكدونالز: a silent letter one spelling writes)."""
    for value, (key, *_) in keys.items():
        if len(key) >= min_length and " " not in key:
            shorter = {by_key[k] for k in {key[:i] + key[i + 1:] for i in range(len(key))} if k in by_key}
            if len(shorter) == 1:
                union(value, shorter.pop())


def _short_to_full_names(counts: dict[str, int], union: Callable[[str, str], None], ends: tuple[int, ...],
                         most: int, min_key: int = 0, fewest: int = 1) -> None:
    """A value of `fewest` to `most` words, keyed with `min_key` letters or more, joins the one longer value that
    ends (-1) or starts (0), as `ends` allows, with words keyed like its own (a Latin w read either way): a
    person's surname, one word or two (لاسري، عبد الهادي → مروان عبد الهادي); a firm's first or last word
    (Centerview، فايس → Paul Weiss), or its first two words (كوين إيمانويل → Quinn Emanuel Urquhart & Sullivan)."""
    longer: dict[tuple[int, str], set[str]] = defaultdict(set)  # (words, their key) → keys of longer values
    first_full: dict[str, str] = {}
    for value in counts:
        words = value.split()
        for n in range(1, min(most, len(words) - 1) + 1):
            for end in ends:
                part = words[-n:] if end == -1 else words[:n]
                for key in token_keys(part[0]) if n == 1 else (name_key(" ".join(part)),):
                    longer[n, key].add(name_key(value))
        first_full.setdefault(name_key(value), value)
    for value in counts:
        n = len(value.split())
        key = token_key(value) if n == 1 else name_key(value)
        fulls = longer.get((n, key), set()) if fewest <= n <= most and len(key.replace(" ", "")) >= min_key else set()
        if len(fulls) == 1:
            union(value, first_full[next(iter(fulls))])


def _without_proclitic(value: str) -> list[str]:
    """The value without each preposition proclitic its first word may start with (ل، ب، ك، alone or after و/ف;
    not و or ف alone, which begin many names: فالكر), longest first, each leaving at least three letters
    (لغولدمان ساكس → غولدمان ساكس)."""
    first, *rest = value.split() or [""]
    return [" ".join([without_clitic(first, clitic), *rest]) for clitic in CLITICS
            if clitic not in ("و", "ف") and first.startswith(clitic) and len(first) - len(clitic) >= 3]


def _display_name(values: list[str], counts: dict[str, int]) -> str:
    """Prefer the fullest name (most words), then Arabic script, then the most frequent, then the shortest."""
    return max(values, key=lambda v: (len(v.split()), bool(_ARABIC.search(v)), counts.get(v, 0), -len(v)))
