"""Text and its word spans → the words the entity rules read (Word: a proclitic split off only where the document
supports it), the Span of words every stage passes on, and the small tests on words the rules share."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from indexer.clitics import NAME_CLITICS, without_clitic
from indexer.entities.keys import REGISTERED_HEADS
from indexer.entities.kinds import FIRM, ORG
from indexer.entities.lexicon import (
    DESCRIPTOR_FORMS,
    EMPLOYER_ROLES,
    HEADS,
    ORG_KIND_FORMS,
    TITLE_FORMS,
)
from indexer.normalize import normalize, strip_harakat, strip_tatweel
from indexer.tokenize import word_spans

PERSON_BREAK = re.compile(r"[-–—/،,؛;:()\[\]«»\"“”\n]")  # punctuation or a line break between two people's names
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
NAME_BREAK = re.compile(r"[،,؛;:()\[\]«»\"“”\n]")  # punctuation or a line break: the end of any name
_CLITICS_BY_LETTER = {c[0]: tuple(x for x in NAME_CLITICS if x[0] == c[0]) for c in NAME_CLITICS}  # order kept
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&.'’-]*|[0-9]+")


class Span(NamedTuple):
    """A named stretch of words: its kind and word indexes [first, last), and the cue that found it when a cue
    word, Latin script or a shipped list did (a name so found outvotes the tagger's kind for its other mentions)."""

    kind: str
    first: int
    last: int
    cue: str = ""


class Word(NamedTuple):
    """A word of a document as the rules see it (one object for all its mentions; offsets are kept apart)."""

    text: str
    norm: str  # normalized, for comparisons
    bare: str  # normalized with a proclitic removed when one is attached (ولاسري → لاسري)
    shown: str  # the original without harakat, tatweel or that proclitic: how the name is displayed
    latin: bool


class WordForm(NamedTuple):
    """What words_of needs of one raw word, whatever the document: the Word it is, unless one of `splits`, (rest,
    Word) pairs in order, applies first: a proclitic split that counts only when the rest occurs on its own in the
    document."""

    norm: str
    word: Word
    splits: tuple[tuple[str, Word], ...]


def word_form(raw: str, norm: str, names: frozenset[str]) -> WordForm:
    """A raw word and its normalized form → its WordForm: every (proclitic, rest) split that leaves at least two
    letters, longest proclitic first, up to the first whose rest is a known name or organisation head, or a word
    with the article after لل (للواحة: no name starts with لل); none for a name or a head itself (كلية is no ك +
    لية).

    >>> [(rest, word.bare) for rest, word in word_form("ولاسري", "ولاسري", frozenset()).splits]
    [('اسري', 'اسري'), ('لاسري', 'لاسري')]
    >>> form = word_form("ولاسري", "ولاسري", frozenset({"لاسري"}))
    >>> form.word.bare, [rest for rest, _ in form.splits]
    ('لاسري', ['اسري'])
    """
    plain = strip_tatweel(strip_harakat(raw))
    latin = bool(_LATIN_WORD.fullmatch(raw))
    splits = []
    if not latin and norm not in names and norm not in HEADS:
        for clitic in _CLITICS_BY_LETTER.get(norm[:1], ()):
            if norm.startswith(clitic) and len(norm) - len(clitic) >= 2:
                rest = without_clitic(norm, clitic)
                word = Word(raw, norm, rest, without_clitic(plain if len(plain) == len(norm) else norm, clitic), latin)
                if rest in names or rest in HEADS or (clitic.endswith("لل") and len(rest) > 4):
                    return WordForm(norm, word, tuple(splits))  # للواحة: ل + الواحة, whatever follows
                splits.append((rest, word))
    return WordForm(norm, Word(raw, norm, norm, plain, latin), tuple(splits))


def words_of(text: str, names: frozenset[str] = frozenset(), memo: dict[str, WordForm] | None = None,
             spans: Sequence[tuple[int, int]] | None = None, normalize: Callable[[str], str] = normalize) -> list[Word]:
    """The words of `text`, one per word span (`spans`: its word_spans, when known); a proclitic counts as one only
    before a word the document, a name list or the organisation heads have on its own (ولاسري → لاسري when لاسري
    occurs; لازارد stays whole), and ل is one after a role word before a word not in the name lists (الرئيس
    التنفيذي لجيه بي مورغان; رئيسها التنفيذي لاري فينك). `memo` caches each raw word's WordForm across calls
    with the same `names` and `normalize`."""
    memo = {} if memo is None else memo
    spans = word_spans(text) if spans is None else spans
    forms = [memo.get(raw) or _remember(memo, raw, names, normalize) for raw in [text[a:b] for a, b in spans]]
    in_text = {form.norm for form in forms}
    words = [next((word for rest, word in form.splits if rest in in_text), form.word) if form.splits else form.word
             for form in forms]
    for i in range(1, len(words)):
        if words[i - 1].norm in EMPLOYER_ROLES and words[i].norm == words[i].bare and words[i].norm[:1] == "ل" \
                and words[i].norm[:2] != "لل" and len(words[i].norm) > 3 and words[i].norm not in names:
            words[i] = words[i]._replace(bare=words[i].norm[1:], shown=words[i].shown[1:])
    return words


def _remember(memo: dict[str, WordForm], raw: str, names: frozenset[str], normalize: Callable[[str], str]) -> WordForm:
    """raw word → its WordForm, kept in `memo`."""
    if len(memo) > 200_000:
        memo.clear()
    memo[raw] = word_form(raw, normalize(raw), names)
    return memo[raw]


def is_title(word: Word) -> bool:
    """Is the word a title or role, with or without a proclitic (والسناتور, للرئيس)?"""
    return word.norm in TITLE_FORMS


def is_head(word: Word, heads: frozenset[str]) -> bool:
    """Is the word one of `heads` (given with their proclitic forms by _with_clitics)?"""
    return word.norm in heads


def org_kind(head: Word) -> str:
    """The kind of an organisation from its first word: "org" after an organisation head (وزارة، حزب، نادي،
    المحكمة، للهيئة), else "firm"."""
    return ORG if is_head(head, ORG_KIND_FORMS) else FIRM


def is_nisba(word: Word) -> bool:
    """A definite adjective of origin (الكورية، الأمريكي): the article, then an ending in ي or ية."""
    return word.norm.startswith("ال") and word.norm.endswith(("ي", "يه"))


def in_arabic_line(text: str, at: int) -> bool:
    """Has the line of `text` around offset `at` an Arabic letter?"""
    end = text.find("\n", at)
    return ARABIC_LETTER.search(text, text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end) is not None


def name_of(words: list[Word], span: Span, shown: bool = False) -> str:
    """A span's name: proclitic removed from its first word, a descriptor head dropped (شركة لازارد → لازارد) unless
    the firm is registered with it (مجموعة نخلة); normalized for comparing, or as written (without harakat) for
    showing."""
    first, last = span.first, span.last
    if span.kind == FIRM and last - first > 1 and is_head(words[first], DESCRIPTOR_FORMS) \
            and words[first].bare not in REGISTERED_HEADS:
        first += 1
    if shown:
        return " ".join(words[k].shown if k == first else strip_tatweel(strip_harakat(words[k].text))
                        for k in range(first, last))
    return " ".join(words[k].bare if k == first else words[k].norm for k in range(first, last))


def spelled_otherwise(plain: str, found: set[str]) -> bool:
    """Is a word (without harakat) another word than a one-word name written as `found` (its mentions, or its
    normalized listed spelling): ending with ى where none of them does (أودى after أودي), or, for a name of three
    letters or fewer, with other letters after its first than all of them (وأم after وام; a first alef's hamza
    varies: أبل after آبل)?"""
    if not found:
        return False
    maqsura = plain.endswith("ى") and not any(f.endswith("ى") for f in found)
    short = all(len(f) <= 3 for f in found) and not any(plain.endswith(f[1:]) for f in found)
    return maqsura or short
