"""The entity values stored in an index (with their document counts) and the user's aliases → groups: one facet value
per real entity, each value with the pass that joined it to its group."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from indexer.clitics import PREPOSITIONS, PROCLITICS, without_clitic
from indexer.entities.aliases import KindAliases
from indexer.entities.keys import (
    LINEAGE_LINKS,
    firm_key,
    key_of,
    keys_of,
    last_token,
    name_key,
    token_key,
    transliterates,
    vowelled_key,
    vowelled_keys,
    without_family,
)
from indexer.entities.kinds import FIRM, PERSON
from indexer.normalize import normalize
from indexer.spelling import close_spellings, one_script

_ARABIC = re.compile("[\u0600-\u06ff]")
SHORT_KEY = 2  # letters of a key too short to tell names apart alone
# Proclitics the extractor may leave on a stored value: a preposition, alone or after و/ف (not و or ف alone, which
# begin many names: فالكر).
_PREPOSITION_CLITICS = tuple(p.form for p in PROCLITICS if p.names and set(p.parts) & set(PREPOSITIONS))


@dataclass(frozen=True)
class ValueKeys:
    """What grouping reads of one stored value, computed once per value (the index keeps it beside the value)."""

    key: str  # its kind's key (firm_key or name_key)
    german: str  # the key with a Latin w read the German way, when that differs (Weiss = فايس), else ""
    joined: str  # the key values are joined by: a short key with its vowelled key (Google = غوغل ≠ جيلي), one letter: the value
    bare: tuple[str, ...]  # the keys of the value without each preposition proclitic it may start with
    as_firm: tuple[str, ...]  # firm_key of the value, then of it without each such proclitic (a person named like a firm)
    name: str  # name_key of the whole value
    own: tuple[str, ...]  # the keys a one-word value looks a longer value's word up by (_own_keys), else its name_key
    own_len: int  # letters of its key
    words: int
    parts: tuple[tuple[int, int, tuple[str, ...]], ...]  # (end: 0 first / -1 last, n words, their keys), n ≤ 2; a
    # firm's definite last word is no part: an adjective (بنك قطر الوطني الأهلي is not الأهلي)
    norm: str  # the value normalized: how a user's name for it is matched
    last: str  # name_key of its last word: how a surname typed alone is matched
    listed: str  # the name of the well-known organisation it spells (organisations_ar.tsv), or ""

    @classmethod
    def of(cls, kind: str, value: str) -> ValueKeys:
        first, *german = keys_of(kind)(value)
        tokens = value.split()
        bare = without_proclitic(value)
        parts = tuple((end, n, _part_keys(part[0]) if n == 1 else (name_key(" ".join(part)),))
                      for n in (1, 2) if n < len(tokens) for end in (0, -1)
                      for part in [tokens[-n:] if end == -1 else tokens[:n]]
                      if kind == PERSON or n > 1 or end == 0 or not normalize(part[0]).startswith("ال"))
        short = " " not in first and len(first) <= SHORT_KEY
        from indexer.entities.lists import shipped_organisations  # here: a search reads keys, never makes them

        listed = "" if kind == PERSON else next(
            (found[1] for form in [value, *bare] if (found := shipped_organisations().kinds.get(
                " ".join(normalize(word) for word in form.split())))), "")
        joined = f"={normalize(value)}" if len(first) <= 1 and " " not in first \
            else f"{first}:{vowelled_key(value)}" if short else first
        return cls(first, german[0] if german else "", joined,
                   tuple(key_of(kind)(variant) for variant in bare),
                   tuple(firm_key(form) for form in [value, *bare]) if kind == PERSON else (),
                   name_key(value), _own_keys(value) if len(tokens) == 1 else (name_key(value),),
                   len(token_key(value) if len(tokens) == 1 else name_key(value).replace(" ", "")), len(tokens), parts,
                   normalize(value), name_key(last_token(value)), listed)


@dataclass(frozen=True)
class Group:
    """One real entity: the name shown for it, every stored value it covers, and whether it is hidden."""

    kind: str
    name: str
    values: tuple[str, ...]
    blocked: bool = False


@dataclass
class Grouping:
    """The groups of one kind's values, and for each value its group and why it joined it."""

    kind: str
    groups: list[Group] = field(default_factory=list)
    group_of: dict[str, Group] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)  # value → "pass: other value" (absent: its own group)


@functools.lru_cache(maxsize=1 << 16)
def _part_keys(word: str) -> tuple[str, ...]:
    """The keys a longer value's first or last word is found by: the keys of its readings; a short one (two letters or fewer)
    with the script and the vowelled key (غوغل, kl alone, would match وكالة), an Arabic one also as written (without
    the article), and one of a letter only as written (كاك is not كوك)."""
    out: list[str] = []
    for key, vowelled in vowelled_keys(word):
        if len(key) > SHORT_KEY:
            out.append(key)
            continue
        if len(key) > 1:
            out.append(f"{_script(word)}:{key}:{vowelled}")
        if len(key) <= 1 or _script(word) == "A":
            out.append(f"={_bare(word)}")
    return tuple(dict.fromkeys(out))


@functools.lru_cache(maxsize=1 << 16)
def _own_keys(word: str) -> tuple[str, ...]:
    """The keys a one-word value looks up a longer value's word by (_part_keys): a short Arabic word only the same
    word or a Latin word keyed alike (المراعي is not عمر; فايس is Weiss), a short Latin word a word of either script
    keyed alike."""
    out: list[str] = []
    for key, vowelled in vowelled_keys(word):
        if len(key) > SHORT_KEY:
            out.append(key)
        elif len(key) <= 1:
            out.append(f"={_bare(word)}")
        elif _script(word) == "A":
            out += [f"={_bare(word)}", f"L:{key}:{vowelled}"]
        else:
            out += [f"A:{key}:{vowelled}", f"L:{key}:{vowelled}"]
    return tuple(dict.fromkeys(out))


def _script(word: str) -> str:
    return "A" if _ARABIC.search(word) else "L"


def _bare(word: str) -> str:
    """A word normalized, without the article (the key ignores it too)."""
    norm = normalize(word)
    return norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm


def without_proclitic(value: str) -> list[str]:
    """The value without each preposition proclitic its first word may start with (ل، ب، ك، alone or after و/ف;
    not و or ف alone, which begin many names: فالكر), longest first, each leaving at least three letters
    (لغولدمان ساكس → غولدمان ساكس).

    >>> without_proclitic("لغولدمان ساكس")
    ['غولدمان ساكس']
    """
    first, *rest = value.split() or [""]
    return [" ".join([without_clitic(first, clitic), *rest]) for clitic in _PREPOSITION_CLITICS
            if first.startswith(clitic) and len(first) - len(clitic) >= 3]


class _Unions:
    """Union-find over values, remembering for each value the first pass that joined it to another."""

    def __init__(self, values: Iterable[str]) -> None:
        self.parent = {v: v for v in values}
        self.why: dict[str, str] = {}

    def find(self, v: str) -> str:
        while self.parent[v] != v:
            self.parent[v] = self.parent[self.parent[v]]
            v = self.parent[v]
        return v

    def union(self, a: str, b: str, why: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb
            self.why.setdefault(a, f"{why}: {b}")


def group(kind: str, counts: Mapping[str, int], keys: Mapping[str, ValueKeys], aliases: KindAliases,
          hidden: frozenset[str] = frozenset()) -> Grouping:
    """Groups of `counts`' values (value → documents; `keys`: each value's ValueKeys): the passes of PASSES in order,
    then the user's merges; each group is shown by one of its names (_display_name; renames apply), and blocked
    when the user blocks one of its names or a value of it is `hidden`."""
    unions = _Unions(counts)
    for name, applies, join in PASSES:
        if kind in applies:
            join(kind, counts, keys, lambda a, b, name=name: unions.union(a, b, name))
    for names in aliases.merge:
        for name in names:
            unions.parent.setdefault(name, name)
        for a, b in zip(names, names[1:], strict=False):
            unions.union(a, b, "merged by you")
    members: dict[str, list[str]] = defaultdict(list)
    for value in unions.parent:
        members[unions.find(value)].append(value)
    grouping = Grouping(kind, why=unions.why)
    for values in members.values():
        name = _display_name(kind, values, counts)
        for alias_name, new_name in aliases.rename.items():
            if alias_name in values or alias_name == name:
                name = new_name
        one = Group(kind, name, tuple(sorted(values)))
        grouping.groups.append(one)
        grouping.group_of.update(dict.fromkeys(values, one))
    blocked = {value for value in hidden} | {v for name in aliases.block for v in values_for(grouping, keys, name)}
    for i, one in enumerate(grouping.groups):
        if blocked.intersection(one.values):
            grouping.groups[i] = Group(kind, one.name, one.values, blocked=True)
            grouping.group_of.update(dict.fromkeys(one.values, grouping.groups[i]))
    return grouping


def values_for(grouping: Grouping, keys: Mapping[str, ValueKeys], text: str) -> list[str]:
    """Every stored value a user's name for an entity may mean: any spelling, script, alias or surname."""
    kind = grouping.kind
    wanted, key = normalize(" ".join(text.split())), key_of(kind)(text)
    for value, one in grouping.group_of.items():
        if normalize(value) == wanted or normalize(one.name) == wanted:
            return list(one.values)
    matches = {g.name: g for v, g in grouping.group_of.items() if key and (keys[v].key if v in keys else key_of(kind)(v)) == key}
    if not matches and len(text.split()) == 1 and key:
        matches = {g.name: g for v, g in grouping.group_of.items() if name_key(last_token(v)) == key}
    if len(matches) == 1:
        return list(next(iter(matches.values())).values)
    return [" ".join(text.split())]


def firms_among_persons(persons: Mapping[str, int], firms: Mapping[str, int], keys: Mapping[str, ValueKeys]
                        ) -> frozenset[str]:
    """Person values named like a firm value found in at least as many documents (سامسونغ, tagged a person in
    one article and a firm in others; لسامسونغ, with a proclitic; a short key only by the same spelling): not shown
    among persons (`keys`: the person values' ValueKeys; a firm's key is its firm_key). A firm in the other script
    counts only when it could be the person's name transliterated (keys.transliterates, as grouping asks: Samsung for
    سامسونغ; not Tesla for a person تواصل)."""
    firms_by_key: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for value, n in firms.items():
        firms_by_key[_firm_name_key(value, firm_key(value))].append((value, n))

    def documents(person: str, key: str) -> int:
        return sum(n for firm, n in firms_by_key.get(_firm_name_key(person, key), ())
                   if one_script(person, firm) or any(transliterates(form, firm, FIRM)
                                                      for form in [person, *without_proclitic(person)]))

    return frozenset(v for v, n in persons.items() if max((documents(v, k) for k in keys[v].as_firm), default=0) >= n)


def _firm_name_key(value: str, key: str) -> str:
    """A firm key long enough to tell names apart (three letters or more), else the value itself: Tao Wei, keyed t,
    is no firm تي."""
    return key if len(key.replace(" ", "")) > SHORT_KEY else f"={normalize(value)}"


Union = Callable[[str, str], None]


def same_key(kind: str, counts: Mapping[str, int], keys: Mapping[str, ValueKeys], union: Union) -> None:
    """Values with the same key join the first value of that key (the most frequent) when they spell one name
    (_one_name): in two scripts a plausible transliteration (لازارد = Lazard; not Tesla and تواصل), in one close
    spellings (نتنياهو = نتانياهو; a consonant skeleton alone joins كينيدي and غاندي, سعود and سعيد); a key of one
    short token must agree on its vowels too (Google = غوغل, not جيلي). Only the first: spellings compared with each
    other would chain (ريادي = ready, ready = الرياضي)."""
    by_key = _by_key(counts, keys)
    for value in counts:
        key = keys[value].joined
        if key and (first := by_key[key]) != value and _one_name(kind, value, first, keys):
            union(value, first)


def _one_name(kind: str, value: str, other: str, keys: Mapping[str, ValueKeys]) -> bool:
    """Do two values keyed alike spell one name? In two scripts, when the words agree on where vowels stand
    (keys.transliterates: سعود = Saud, not acid); in one, when they are close spellings (indexer/spelling.py)."""
    if not one_script(value, other):
        return transliterates(value, other, kind)
    if kind == PERSON:  # سلمان بن عبد العزيز آل سعود = سلمان بن عبدالعزيز
        return close_spellings(normalize(without_family(value)), normalize(without_family(other)), short_vowels=False)
    return close_spellings(keys[value].norm, keys[other].norm, short_vowels=True)


def same_listed_organisation(kind: str, counts: Mapping[str, int], keys: Mapping[str, ValueKeys], union: Union) -> None:
    """Values that spell one well-known organisation of the shipped list are one (جوجل = غوغل، الفيفا = الاتحاد
    الدولي لكرة القدم)."""
    by_listed: dict[str, str] = {}
    for value in counts:
        listed = keys[value].listed
        if listed and by_listed.setdefault(listed, value) != value:
            union(value, by_listed[listed])


def german_w_or_proclitic(kind: str, counts: Mapping[str, int], keys: Mapping[str, ValueKeys], union: Union) -> None:
    """A value whose key no other value shares joins the value that spells its key with a Latin w read the German
    way (Weiss = فايس), or else the value it is without a kept preposition proclitic (لبلومبرغ = بلومبرغ) when it
    spells it closely."""
    by_key = _by_key(counts, keys)
    shared = Counter(keys[value].key for value in counts)
    for value in counts:
        k = keys[value]
        if shared[k.key] == 1 and k.german and k.german in by_key:
            if _one_name(kind, value, by_key[k.german], keys):
                union(value, by_key[k.german])
        elif shared[k.key] == 1:
            bare = next((key for key in k.bare if key in by_key), None)
            if bare is not None and _spells(kind, value, by_key[bare], keys):
                union(value, by_key[bare])


def _spells(kind: str, value: str, other: str, keys: Mapping[str, ValueKeys]) -> bool:
    """Is `value`, without a preposition proclitic, a close spelling of `other`, or in the other script a plausible
    transliteration of it? A shared consonant skeleton alone is no proof (باجندوح is no غاندي)."""
    if not one_script(value, other):
        return any(transliterates(bare, other, kind) for bare in without_proclitic(value))
    return any(close_spellings(normalize(bare), keys[other].norm, short_vowels=kind != PERSON)
               for bare in without_proclitic(value))


def surname_to_full_name(kind: str, counts: Mapping[str, int], keys: Mapping[str, ValueKeys], union: Union) -> None:
    """A person's surname, one word or two, joins the one full name that ends with it (لاسري، عبد الهادي → مروان
    عبد الهادي)."""
    _short_to_full_names(kind, counts, keys, union, ends=(-1,), most=2)


def firm_word_to_firm(kind: str, counts: Mapping[str, int], keys: Mapping[str, ValueKeys], union: Union) -> None:
    """A firm's first or last word alone, keyed by two letters or more, joins the one firm named so (Centerview →
    سنترفيو بارتنرز، فايس → Paul Weiss; not دو → Die Presse)."""
    _short_to_full_names(kind, counts, keys, union, ends=(0, -1), most=1, min_key=SHORT_KEY)


def firm_start_to_firm(kind: str, counts: Mapping[str, int], keys: Mapping[str, ValueKeys], union: Union) -> None:
    """A firm named by its first two words joins the one longer firm that starts so (كوين إيمانويل → Quinn
    Emanuel Urquhart & Sullivan)."""
    _short_to_full_names(kind, counts, keys, union, ends=(0,), most=2, fewest=2)


def one_letter_longer(kind: str, counts: Mapping[str, int], keys: Mapping[str, ValueKeys], union: Union,
                      min_length: int = 6) -> None:
    """A one-word value whose key of six letters or more is another value's key with one more letter joins it when
    no third value is that close (ماكدونالدز = ماكدونالز: a silent letter one spelling writes)."""
    by_key = _by_key(counts, keys)
    for value in counts:
        key = keys[value].key
        if len(key) >= min_length and " " not in key:
            shorter = {by_key[k] for k in {key[:i] + key[i + 1:] for i in range(len(key))} if k in by_key}
            if len(shorter) == 1:
                union(value, shorter.pop())


# The passes that join values, in order: (name, the kinds it applies to, the pass).
Pass = Callable[[str, Mapping[str, int], Mapping[str, ValueKeys], Union], None]  # (kind, counts, keys, union)
LINEAGE_SHARE = 0.9  # of the documents of a lineage's longer names that must name one person for it to join them


def lineage_to_full_name(kind: str, counts: Mapping[str, int], keys: Mapping[str, ValueKeys], union: Union) -> None:
    """A person named up to a father's name (محمد بن نايف) joins the longer names that go on with the lineage (محمد
    بن نايف بن عبدالعزيز …) when LINEAGE_SHARE of their documents name one person (one key), the most frequent of
    them; lineages going on to other fathers in as many documents are other men."""
    tokens_of = {value: [normalize(token) for token in value.split()] for value in counts}
    longer: dict[str, list[str]] = defaultdict(list)  # name_key of a lineage's start → values going on from it
    for value, tokens in tokens_of.items():
        for n in range(3, len(tokens)):
            if tokens[n - 2] in LINEAGE_LINKS and tokens[n] in LINEAGE_LINKS:
                longer[name_key(" ".join(value.split()[:n]))].append(value)
    for value, tokens in tokens_of.items():
        if len(tokens) < 3 or tokens[-2] not in LINEAGE_LINKS or not (fulls := longer.get(name_key(value))):
            continue
        documents: dict[str, int] = defaultdict(int)
        for full in fulls:
            documents[keys[full].key] += counts[full]
        key, most = max(documents.items(), key=lambda item: item[1])
        if most >= LINEAGE_SHARE * sum(documents.values()):
            union(value, max((full for full in fulls if keys[full].key == key), key=lambda full: counts[full]))


PASSES: tuple[tuple[str, tuple[str, ...], Pass], ...] = (
    ("same key", (PERSON, FIRM, "org"), same_key),
    ("listed organisation", (FIRM, "org"), same_listed_organisation),
    ("German w or proclitic", (PERSON, FIRM, "org"), german_w_or_proclitic),
    ("lineage", (PERSON,), lineage_to_full_name),
    ("surname", (PERSON,), surname_to_full_name),
    ("first or last word", (FIRM, "org"), firm_word_to_firm),
    ("first two words", (FIRM, "org"), firm_start_to_firm),
    ("one letter more", (FIRM, "org"), one_letter_longer),
)


def _by_key(counts: Mapping[str, int], keys: Mapping[str, ValueKeys]) -> dict[str, str]:
    """Each grouping key (and plain key) → the first value that has it, in `counts`' order."""
    by_key: dict[str, str] = {}
    for value in counts:
        key = keys[value].joined
        if key:
            by_key.setdefault(key, value)
    return by_key


def _short_to_full_names(kind: str, counts: Mapping[str, int], keys: Mapping[str, ValueKeys], union: Union,
                         ends: tuple[int, ...], most: int, min_key: int = 0, fewest: int = 1) -> None:
    """A value of `fewest` to `most` words, keyed with `min_key` letters or more, joins the one longer value that
    ends (-1) or starts (0), as `ends` allows, with words keyed like its own (a Latin w read either way)."""
    longer: dict[tuple[int, str], set[str]] = defaultdict(set)  # (words, their key) → keys of longer values
    first_full: dict[str, str] = {}
    for value in counts:
        k = keys[value]
        for end, n, part_keys in k.parts:
            if n <= min(most, k.words - 1) and end in ends:
                for key in part_keys:
                    longer[n, key].add(k.name)
        first_full.setdefault(k.name, value)
    for value in counts:
        k = keys[value]
        fulls = set().union(*(longer.get((k.words, key), set()) for key in k.own)) \
            if fewest <= k.words <= most and k.own_len >= min_key else set()
        if len(fulls) == 1 and _ends_with_it(kind, value, full := first_full[next(iter(fulls))], ends):
            union(value, full)


def _ends_with_it(kind: str, value: str, full: str, ends: tuple[int, ...]) -> bool:
    """Does `full` start or end (as `ends` allows) with `value`'s words written in the same script, or with their
    plausible transliteration (ماسك ends Elon Musk; Tesla ends no تواصل)?"""
    words, n = full.split(), len(value.split())
    return any(one_script(value, part) or transliterates(value, part, kind)
               for end in ends for part in [" ".join(words[-n:] if end == -1 else words[:n])])


DISPLAY_SHARE = 0.1  # of the documents of a group's most frequent name that a fuller name needs to be shown


def _display_name(kind: str, values: list[str], counts: Mapping[str, int]) -> str:
    """A person's fullest name (most words), then Arabic script, then the most frequent, then the shortest, among
    the names written in at least DISPLAY_SHARE of as many documents as the most frequent (a word glued on in a
    few documents, برد جون كيري beside جون كيري in hundreds, is no fuller name); a firm's or organisation's most
    frequent name first (a longer one may hold a word too many: سامسونج الستار)."""
    if kind == PERSON:
        most = max(counts.get(v, 0) for v in values)
        attested = [v for v in values if counts.get(v, 0) >= DISPLAY_SHARE * most] or values
        return max(attested, key=lambda v: (len(v.split()), bool(_ARABIC.search(v)), counts.get(v, 0), -len(v)))
    return max(values, key=lambda v: (counts.get(v, 0), len(v.split()), bool(_ARABIC.search(v)), -len(v)))
