"""The shipped word lists (indexer/data) → what the entity rules look names up in, loaded once: real people's full
names, well-known organisations by every spelling, famous people's one-word names, places, name parts."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from indexer.clitics import NAME_CLITICS
from indexer.entities.lexicon import HEADS, LEFT_OUT_HEADS
from indexer.entities.words import Word
from indexer.normalize import normalize
from indexer.stopwords import load_organisations


@dataclass(frozen=True)
class KnownNames:
    """Full names (normalized words joined by one space), and the first word and first two words of each, to look
    names up in a text without trying every run of words."""

    names: frozenset[str] = frozenset()
    starts: frozenset[str] = frozenset()
    firsts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, names: Iterable[str]) -> KnownNames:
        names = frozenset(names)
        return cls(names, frozenset(" ".join(name.split(" ")[:2]) for name in names),
                   frozenset(name.split(" ")[0] for name in names))


@dataclass(frozen=True)
class KnownOrganisations:
    """Well-known organisations by spelling (normalized words joined by one space → (kind, name as written)), with
    the word counts of the spellings each first word starts, and that first word under each proclitic it may
    carry (للبنك → البنك، وإتش إس بي سي; a name of one word must keep four letters: not فلكيا → كيا), to look them
    up in a text."""

    kinds: dict[str, tuple[str, str]] = field(default_factory=dict)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    with_clitic: dict[str, tuple[str, ...]] = field(default_factory=dict)
    singles: frozenset[str] = frozenset()  # every way a spelling of one word is written
    pairs: frozenset[str] = frozenset()  # every way the first two words of a longer spelling are written
    pair_starts: frozenset[str] = frozenset()  # the first words of `pairs`
    starts: frozenset[str] = frozenset()  # `singles` and `pair_starts`: where a lookup may start

    @classmethod
    def of(cls, rows: Iterable[tuple[str, str, Sequence[str]]], frequent: frozenset[str] = frozenset()
           ) -> KnownOrganisations:
        """From (kind, name, other spellings) rows, as written. Left out: a spelling that starts with a descriptor
        the rules leave out of a name (شركة غوغل, قناة الجزيرة: the descriptor rules find those), or with another
        head when the rest is a spelling too (وكالة فرانس برس: فرانس برس); one written letter by letter (أ ف ب: a
        dateline's credit); and one whose أل or إل normalizes into a `frequent` word with the article (إلبيت:
        البيت)."""
        kinds: dict[str, tuple[str, str]] = {}
        for kind, written, others in rows:
            forms = {form: " ".join(normalize(word) for word in form.split()) for form in [written, *others]}
            bare = set(forms.values())
            for form, norm in forms.items():
                first, _, rest = norm.partition(" ")
                if first in LEFT_OUT_HEADS or (first in HEADS and rest in bare) \
                        or all(len(word) == 1 for word in norm.split()) \
                        or (form[:2] in ("أل", "إل") and " " not in norm and norm in frequent):
                    continue
                kinds.setdefault(norm, (kind, written))
        lengths: dict[str, set[int]] = {}
        for form in kinds:
            lengths.setdefault(form.split(" ")[0], set()).add(form.count(" ") + 1)
        with_clitic: dict[str, list[str]] = {}
        for first in lengths:
            for clitic in NAME_CLITICS:
                if (len(first) >= 4 or min(lengths[first]) > 1) and (not clitic.endswith("لل") or first.startswith("ال")):
                    written_on = clitic + first[2:] if clitic.endswith("لل") else clitic + first
                    with_clitic.setdefault(written_on, []).append(first)
        written = {first: [first] for first in lengths}
        for word, firsts in with_clitic.items():
            for first in firsts:
                written[first].append(word)
        # a spelling of one word is looked for under a proclitic only when it has four letters or more
        singles = {w for form in kinds if " " not in form for w in written[form] if len(form) >= 4 or w == form}
        pairs = {f"{w} {form.split(' ')[1]}" for form in kinds if " " in form for w in written[form.split(" ")[0]]}
        pair_starts = {pair.split(" ")[0] for pair in pairs}
        return cls(kinds, {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()},
                   {word: tuple(firsts) for word, firsts in with_clitic.items()}, frozenset(singles), frozenset(pairs),
                   frozenset(pair_starts), frozenset(singles | pair_starts))

    def starts_in(self, words: list[Word]) -> Iterator[tuple[int, bool]]:
        """(index, whether a longer spelling may start there) of each word where a listed spelling may start."""
        singles, pairs, pair_starts, starts = self.singles, self.pairs, self.pair_starts, self.starts
        for k in [k for k, word in enumerate(words) if word.norm in starts or word.bare in starts]:
            word = words[k]
            paired = k + 1 < len(words) and (word.norm in pair_starts or word.bare in pair_starts) and (
                f"{word.norm} {words[k + 1].norm}" in pairs or f"{word.bare} {words[k + 1].norm}" in pairs)
            if paired or word.norm in singles or word.bare in singles:
                yield k, paired

    def heads(self, word: Word) -> list[str]:
        """The forms of a word that start a listed spelling: as written, or without a proclitic."""
        forms = [form for form in (word.norm, word.bare) if form in self.lengths]
        return list(dict.fromkeys(forms + list(self.with_clitic.get(word.norm, ()))))

    def name_at(self, words: list[Word], first: int, last: int, heads: list[str] | None = None
                ) -> tuple[str, str] | None:
        """(kind, name as written) of the organisation words[first:last] spell (its first word's `heads`, when
        known), or None."""
        rest = [words[k].norm for k in range(first + 1, last)]
        for head in self.heads(words[first]) if heads is None else heads:
            value = self.kinds.get(" ".join([head, *rest]))
            if value:
                return value
        return None


@dataclass(frozen=True)
class Lists:
    """Every list the rules read (normalized words), loaded once by an extractor."""

    stopwords: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # name parts (names_ar.txt, the tagger's name list)
    common: frozenset[str] = frozenset()  # very common words, which alone never make a name to look for
    frequent: frozenset[str] = frozenset()  # fairly common words, `common` included: not first names
    places: frozenset[str] = frozenset()  # names of towns and cities (normalized words joined by a space)
    persons: KnownNames = KnownNames()  # full names of real people
    organisations: KnownOrganisations = KnownOrganisations()  # well-known firms and organisations
    famous: frozenset[str] = frozenset()  # one-word names of famous people


@functools.cache
def shipped_organisations() -> KnownOrganisations:
    """The shipped list of well-known organisations, for looking a stored name up (read once per process)."""
    return KnownOrganisations.of(load_organisations())
