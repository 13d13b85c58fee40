"""Words + shipped lists of real people and well-known organisations → the spans those lists name in a text
(علي لاريجاني, جوجل → غوغل), and the tagger's spans making room for them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from indexer.canonical import CLITICS
from indexer.entity_text import Span, Word, is_title
from indexer.entity_words import HEADS, LEFT_OUT_HEADS
from indexer.normalize import normalize


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


def known_persons(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                  persons: KnownNames, stopwords: frozenset[str]) -> list[Span]:
    """Spans plus the full names of `persons` written in the text, the longest first (up to four words): free
    words, or person spans inside the name, which it replaces (لاريجاني → علي لاريجاني). The words must be apart
    by spaces only; the first may carry a proclitic (لخالد مشعل) but not be a title (الملك محمد); no word may be
    the preposition على, which normalizes like the name علي."""
    owner = {k: span for span in spans for k in range(span.first, span.last)}

    def free(k: int, first: int, last: int) -> bool:
        span = owner.get(k)
        return span is None or (span.kind == "person" and first <= span.first and span.last <= last)

    def fits(first: int, last: int, head: str) -> bool:
        return " ".join([head, *(words[k].norm for k in range(first + 1, last))]) in persons.names \
            and all(free(k, first, last) for k in range(first, last)) and not is_title(words[first]) \
            and not any(words[k].norm in stopwords and words[k].text.endswith("ى") for k in range(first, last)) \
            and all(text[offsets[k][1]:offsets[k + 1][0]].isspace() for k in range(first, last - 1))

    found, replaced, after = [], set(), 0
    starts, firsts = persons.starts, persons.firsts
    for k in [k for k, word in enumerate(words[:-1]) if word.norm in firsts or word.bare in firsts]:
        word, second = words[k], words[k + 1]
        pair = f"{word.norm} {second.norm}"
        heads = [word.norm] if pair in starts else []
        if word.bare != word.norm and f"{word.bare} {second.norm}" in starts:
            heads.append(word.bare)
        if not heads or k < after:
            continue
        last = next((k + n for n in (4, 3, 2) for head in heads if k + n <= len(words) and fits(k, k + n, head)),
                    None)
        if last is not None:
            replaced.update(owner[j] for j in range(k, last) if j in owner)
            found.append(Span("person", k, last))
            after = last
    return sorted([span for span in spans if span not in replaced] + found, key=lambda span: span.first)


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
    def of(cls, rows: Iterable[tuple[str, str, list[str]]], frequent: frozenset[str] = frozenset()
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
            for clitic in CLITICS:
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


def known_organisations(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                        organisations: KnownOrganisations) -> list[Span]:
    """The well-known organisations written in the text, the longest spelling first, typed as the list says (آبل
    firm, اليونيسيف org): words apart by spaces only, the first may carry a proclitic. One inside a longer span
    is left to it (مجلس الأمن in مجلس الأمن القومي; هنري فورد), unless that is a person span and the name has
    several words."""
    found: list[Span] = []
    after = 0
    for k, paired in organisations.starts_in(words):
        if k < after:
            continue
        heads = organisations.heads(words[k])
        counts = sorted({n for head in heads for n in organisations.lengths[head] if k + n <= len(words)
                         and (n == 1 or paired)}, reverse=True)
        known = next(((k + n, value) for n in counts if (value := organisations.name_at(words, k, k + n, heads))
                      and all(text[offsets[j][1]:offsets[j + 1][0]].isspace() for j in range(k, k + n - 1))), None)
        if not known:
            continue
        last, (kind, _) = known
        if not any(s.first <= k and last <= s.last and s.last - s.first > last - k
                   and (s.kind != "person" or last - k == 1) and not _joined_by_wa(words, s, k, last) for s in spans):
            found.append(Span(kind, k, last))
        after = last
    return found


def _joined_by_wa(words: list[Word], span: Span, first: int, last: int) -> bool:
    """Does a firm or organisation span hold words[first:last] and, right after it, a word starting with و (two
    names joined: بنك الإمارات دبي الوطني وإتش إس بي سي)?"""
    return span.kind != "person" and span.first == first and last < span.last and words[last].norm[:1] == "و"


def with_found(words: list[Word], spans: list[Span], found: list[Span]) -> list[Span]:
    """`spans` making room for `found`: a span inside a found one is dropped; one across its edge keeps, if a
    person, its larger part outside (مورغان تشيس جيمي ديمون → جيه بي مورغان تشيس | جيمي ديمون), and if a firm or
    organisation, only a part after it that starts with و: a second name (… الوطني | وإتش إس بي سي)."""
    taken = {k for span in found for k in range(span.first, span.last)}
    out = list(found)
    for span in spans:
        free = [k for k in range(span.first, span.last) if k not in taken]
        if len(free) == span.last - span.first:
            out.append(span)
            continue
        before = [k for k in free if k < min(taken.intersection(range(span.first, span.last)))]
        after = [k for k in free if k not in before]
        part = before if len(before) >= len(after) else after
        if span.kind != "person":
            part = after if after and words[after[0]].norm[:1] == "و" else []
        if part:
            out.append(Span(span.kind, part[0], part[-1] + 1))
    return sorted(out, key=lambda span: span.first)


def famous_persons(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                   famous: frozenset[str], stopwords: frozenset[str]) -> list[Span]:
    """Spans plus a person for each free word that alone names a famous person (بوتين، يلتسين: `famous`, normalized):
    as written, or without a proclitic when five letters or more remain (لبوتين; not بكين → كين, وديان → ديان);
    never a stopword. Right after a person, apart by a space only, it is that person's surname (جيروم | باول)."""
    ends = {span.last: span for span in spans if span.kind == "person"}
    taken = {k for span in spans for k in range(span.first, span.last)}
    out = list(spans)
    for k in [k for k, word in enumerate(words) if word.norm in famous or word.bare in famous]:
        word = words[k]
        if k in taken or word.norm in stopwords or not (word.norm in famous or len(word.bare) >= 5):
            continue
        before = ends.get(k)
        if before is not None and text[offsets[k - 1][1]:offsets[k][0]].isspace():
            out[out.index(before)] = Span("person", before.first, k + 1)
        else:
            out.append(Span("person", k, k + 1))
    return sorted(out, key=lambda span: span.first)
