"""Arabic news text → named-entity mentions (person, firm, org) with str offsets and a per-document canonical name.

Sources combined: the statistical tagger (indexer/ner.py, trained on ANERcorp) with its spans cleaned (punctuation,
titles, adjectives, two people in one span), Latin-script name runs, cue words (شركة X, رئيس شركة X فلان,
السيناتور X, وزارة …), and document-level consistency (a name found once is found everywhere in the document, its
surname alone included, with or without an attached proclitic).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from indexer.canonical import CLITICS, without_clitic
from indexer.entity_words import (
    ADJECTIVES,
    AUXILIARIES,
    COMPLEMENT_HEADS,
    DESCRIPTOR_FORMS,
    EMPLOYER_ROLES,
    FIRM_TAILS,
    GENERIC_HEAD_FORMS,
    HEAD_FORMS,
    HEADS,
    LINEAGE_LINKS,
    LONE_NAME_FORMS,
    NAME_LINKS,
    NAMED_AFTER_FORMS,
    NATIONALITIES,
    NOT_PERSONS,
    ORG_DESCRIPTOR_FORMS,
    ORG_FORMS,
    PERSONAL_DESCRIPTOR_FORMS,
    PLURAL_ENDINGS,
    ROLE_FORMS,
    STREET_WORDS,
    TAGGED_DESCRIPTOR_FORMS,
    TITLE_FORMS,
)
from indexer.normalize import normalize, strip_harakat, strip_tatweel
from indexer.stopwords import load_stopwords
from indexer.tokenize import word_spans

KINDS = ("person", "firm", "org")

_PERSON_BREAK = re.compile(r"[-–—/،,؛;:()\[\]«»\"“”\n]")  # punctuation or a line break between two people's names
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_NAME_BREAK = re.compile(r"[،,؛;:()\[\]«»\"“”\n]")  # punctuation or a line break: the end of any name
DOCUMENT_BREAK = "\n\n"  # between documents tagged in one call (a sentence boundary for the tagger)
_CLITICS_BY_LETTER = {c[0]: tuple(x for x in CLITICS if x[0] == c[0]) for c in CLITICS}  # CLITICS' order kept
_ONE_LETTER_CLITICS = frozenset("وفبلك")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&.'’-]*|[0-9]+")


class Span(NamedTuple):
    """A tagged stretch of words: kind and word indexes [first, last)."""

    kind: str
    first: int
    last: int


@dataclass(frozen=True)
class Entity:
    """One mention: `text[start:end]` is `surface`; `canonical` is the value every mention of it in the
    document shares (proclitics stripped, a surname alone mapped to the full name)."""

    kind: str
    start: int
    end: int
    surface: str
    canonical: str


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
    letters, longest proclitic first, up to the first whose rest is a known name or organisation head; none for a
    name or a head itself (كلية is no ك + لية).

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
                if rest in names or rest in HEADS:
                    return WordForm(norm, word, tuple(splits))
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


# text and its word spans → (label, start, end) spans, labels PER/ORG/…
TagFn = Callable[[str, Sequence[tuple[int, int]]], Sequence[tuple[str, int, int]]]


@dataclass
class EntityExtractor:
    """Extraction with one tagger; keeps the stopword list it needs. Use `extract_entities` for the default."""

    tag: TagFn | None = None
    stopwords: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    normalize: Callable[[str], str] = normalize
    common: frozenset[str] = frozenset()  # very common words (normalized), which alone never make a name to look for
    frequent: frozenset[str] = frozenset()  # fairly common words (normalized), `common` included: not first names
    _memo: dict[str, WordForm] = field(default_factory=dict, repr=False)

    def __call__(self, text: str) -> list[Entity]:
        return self.extract_many([text])[0]

    def extract_many(self, texts: Sequence[str]) -> list[list[Entity]]:
        """The entities of each text. The tagger runs once over all of them (its decoding is batched, so many
        short documents cost little more than one long one); the rules run per document."""
        spans = [word_spans(text) for text in texts]
        tags = self._tag_many(texts, spans)
        return [self._extract(*args) for args in zip(texts, spans, tags, strict=True)]

    def _tag_many(self, texts: Sequence[str], spans: Sequence[list[tuple[int, int]]]) -> list[list[tuple[str, int, int]]]:
        """Tagger spans per text, from one call over the texts joined by blank lines (offsets mapped back); the
        joined text's word spans are the texts' own, shifted."""
        if self.tag is None:
            return [[] for _ in texts]
        starts, joined_spans, pos = [], [], 0
        for text, text_spans in zip(texts, spans, strict=True):
            starts.append(pos)
            joined_spans += [(a + pos, b + pos) for a, b in text_spans]
            pos += len(text) + len(DOCUMENT_BREAK)
        out: list[list[tuple[str, int, int]]] = [[] for _ in texts]
        for label, start, end in self.tag(DOCUMENT_BREAK.join(texts), joined_spans):
            k = bisect_right(starts, start) - 1
            out[k].append((label, start - starts[k], end - starts[k]))
        return out

    def _extract(self, text: str, offsets: list[tuple[int, int]], tag_spans: list[tuple[str, int, int]]
                 ) -> list[Entity]:
        """One text's entities from its word spans (`offsets`) and the tagger's spans."""
        words = words_of(text, self.names, self._memo, offsets, self.normalize)
        tagged = [span for span in _tagger_spans(words, offsets, tag_spans)
                  if _in_arabic_line(text, offsets[span.first][0])]  # not an English headline or slug
        tagged = _trim_persons(words, _split_at_marks(text, offsets, tagged), self.names, self.frequent)
        tagged = _persons_after_generic_heads(words, offsets, tagged, self.names, self.stopwords)
        tagged = _organisations_before_nisba(words, tagged)
        named = _latin_spans(text, words, offsets) + _cue_spans(words, self.stopwords, tagged) \
            + _employer_spans(words, tagged)
        kept = _cut(words, offsets, tagged, named, self.stopwords, self.names)
        titled = _titled_persons(text, words, offsets, _misc_words(offsets, tag_spans), self.stopwords)
        spans = _resolve_overlaps(_resolve_overlaps(named) + kept + titled)
        spans = _with_name_links(text, words, offsets, spans, self.stopwords, self.names)
        spans = _split_known_persons(words, _split_at_and(words, spans))
        spans = _propagate(words, spans, self.stopwords, self.common, _named_as_firms(words, named))
        spans = _with_first_names(text, words, offsets, spans, self.names, self.frequent, self.stopwords)
        return _entities(text, words, offsets, spans)


def _tagger_spans(words: list[Word], offsets: list[tuple[int, int]], tag_spans: list[tuple[str, int, int]]
                  ) -> list[Span]:
    """PER and ORG spans of the tagger that start and end on word boundaries (`offsets`: the words' spans), as
    word-index spans."""
    out = []
    for label, start, end in tag_spans:
        first, last = bisect_left(offsets, (start,)), bisect_left(offsets, (end,))
        if label not in ("PER", "ORG") or first == len(offsets) or offsets[first][0] != start or last == 0 \
                or offsets[last - 1][1] != end:
            continue
        kind = "person" if label == "PER" else _org_kind(words[first])
        out.append(Span(kind, first, last))
    return out


def _misc_words(offsets: list[tuple[int, int]], tag_spans: list[tuple[str, int, int]]) -> set[int]:
    """Indexes of the words (`offsets`: their spans) inside the tagger's MISC spans (names it could not type)."""
    return {i for label, start, end in tag_spans if label == "MISC"
            for i in range(bisect_left(offsets, (start,)), bisect_left(offsets, (end,)))}


def _titled_persons(text: str, words: list[Word], offsets: list[tuple[int, int]], misc: set[int],
                    stopwords: frozenset[str]) -> list[Span]:
    """A name the tagger could not type right after a definite title is a person's (والسناتور جيه دي فانس): up
    to three words without the article, stopwords or punctuation between them, the last inside a MISC span."""
    out = []
    for i, word in enumerate(words[:-1]):
        if not (_is_title(word) and "ال" in word.norm[:4]):
            continue
        j = i + 1
        while j < len(words) and j - i <= 3 and not words[j].latin and words[j].norm not in stopwords \
                and not words[j].norm.startswith("ال") and not _PERSON_BREAK.search(text, offsets[j - 1][1], offsets[j][0]):
            j += 1
        last = max((k for k in range(i + 1, j) if k in misc), default=None)
        if last is not None:
            out.append(Span("person", i + 1, last + 1))
    return out


def _split_at_marks(text: str, offsets: list[tuple[int, int]], spans: list[Span]) -> list[Span]:
    """A span is cut where punctuation stands between two of its words: a comma, colon, bracket or quote ends any
    name, and a hyphen or slash between the only two words of a person span joins two people (تذكرة ترامب-فانس;
    جونغ-هو بارك stays one name)."""
    out = []
    for span in spans:
        marks = _PERSON_BREAK if span.kind == "person" and span.last - span.first == 2 else _NAME_BREAK
        first = span.first
        for k in range(span.first + 1, span.last):
            if marks.search(text, offsets[k - 1][1], offsets[k][0]):
                out.append(Span(span.kind, first, k))
                first = k
        out.append(Span(span.kind, first, span.last))
    return out


def _is_title(word: Word) -> bool:
    """Is the word a title or role, with or without a proclitic (والسناتور, للرئيس)?"""
    return word.norm in TITLE_FORMS


def _trim_persons(words: list[Word], spans: list[Span], names: frozenset[str], frequent: frozenset[str] = frozenset()
                  ) -> list[Span]:
    """Person spans without the titles inside them (ترامب والسناتور → ترامب), cut before an auxiliary or speech
    verb (… كونواي كانا) or a number (لجنة ترامب 47), and without a trailing plural or feminine adjective
    (… البارزين), nor a first word that is the dual or plural of a `frequent` word (قال مصدران، الشابان أرنولد),
    nor an indefinite accusative noun (عزت أبو عوف برنامجا).
    Not persons, dropped: a name ending in a street word (وول ستريت), a name after the indefinite head of a place,
    prize or event named after someone (جائزة نوبل، ملعب سانتياغو برنابيو), and الله alone."""
    out = []
    for span in spans:
        if span.kind != "person":
            out.append(span)
            continue
        run: list[int] = []
        for k in [*range(span.first, span.last), None]:
            if k is not None and not _is_title(words[k]) and not (k > span.first and words[k].norm in AUXILIARIES) \
                    and not any(c.isdigit() for c in words[k].norm) \
                    and not (k == span.first and _is_plural_noun(words[k], names, frequent)) \
                    and not _is_accusative_noun(words[k], names, frequent):
                run.append(k)
            elif run:
                last = run[-1]
                if len(run) > 1 and _is_plural_adjective(words[last], names):
                    run.pop()
                if not _is_named_place(words, run):
                    out.append(Span("person", run[0], run[-1] + 1))
                run = []
    return out


def _is_accusative_noun(word: Word, names: frozenset[str], frequent: frozenset[str]) -> bool:
    """Is the word an indefinite accusative (the alif of tanween) on a `frequent` word, and not a name itself
    (قدم برنامجا)?"""
    bare = word.bare
    return len(bare) > 3 and bare.endswith("ا") and bare[:-1] in frequent and bare not in names


def _is_plural_noun(word: Word, names: frozenset[str], frequent: frozenset[str]) -> bool:
    """Is the word, without its article, the dual or plural of a `frequent` word of three letters or more and not
    a name itself (مصدران، مسؤولون، الشابان; not عنان)?"""
    bare = word.bare[2:] if word.bare.startswith("ال") else word.bare
    return len(bare) > 4 and bare.endswith(("ان", "ون", "ين")) and bare[:-2] in frequent and bare not in names


def _is_named_place(words: list[Word], run: list[int]) -> bool:
    """Do the words `run` (a tagged person's) name a street, a place, prize or event, or God (_trim_persons)?"""
    return (len(run) > 1 and words[run[-1]].bare in STREET_WORDS) or (
        run[0] > 0 and words[run[0] - 1].norm in NAMED_AFTER_FORMS) or (len(run) == 1 and words[run[0]].bare in NOT_PERSONS)


def _persons_after_generic_heads(words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                                 names: frozenset[str], stopwords: frozenset[str]) -> list[Span]:
    """An organisation span that starts with a definite generic head followed by a person's name is that person,
    named after a reference to their employer (في البنك سارة المهيري، للصندوق كريستالينا غورغييفا): the name's
    first word is a known name part, or two or more words without the article follow the head. A lone first
    name takes the next word as surname."""
    out = []
    for span in spans:
        rest = range(span.first + 1, span.last)
        if span.kind == "person" or not rest or words[span.first].norm not in GENERIC_HEAD_FORMS or any(
                words[k].bare.startswith("ال") for k in rest) or not (words[rest[0]].bare in names or len(rest) > 1):
            out.append(span)
            continue
        last = _with_surname(words, offsets, span.last, stopwords) if len(rest) == 1 else span.last
        out.append(Span("person", rest[0], last))
    return out


def _organisations_before_nisba(words: list[Word], spans: list[Span]) -> list[Span]:
    """A tagged person of one or two words followed by an adjective of nationality is an organisation, mostly a
    team (يوفنتوس الإيطالي، ريال مدريد الإسباني): Arabic news puts a person's nationality before the name."""
    out = []
    for span in spans:
        if span.kind == "person" and span.last - span.first <= 2 and span.last < len(words) \
                and words[span.last].norm in NATIONALITIES:
            span = Span("org", span.first, span.last)
        out.append(span)
    return out


def _is_plural_adjective(word: Word, names: frozenset[str]) -> bool:
    """البارزين, الأمريكيون, العربيه: a definite word with a plural or feminine ending, not a known name part."""
    return word.bare.startswith("ال") and word.bare.endswith(PLURAL_ENDINGS) and word.bare not in names


def _is_head(word: Word, heads: frozenset[str]) -> bool:
    """Is the word one of `heads` (given with their proclitic forms by _with_clitics)?"""
    return word.norm in heads


def _org_kind(head: Word) -> str:
    return "org" if _is_head(head, ORG_FORMS) else "firm"


def _latin_spans(text: str, words: list[Word], offsets: list[tuple[int, int]]) -> list[Span]:
    """Runs of capitalised Latin words (CNBC, Avenue Capital, 32 Advisors) are firm names, except a run after a
    possessive, which names a person (Bessemer Venture's Deeter, Acme's Jane Roe); `offsets`: the words' spans.
    An Arabic letter between two words ends a run (AMD وNvidia: two firms); a lone capital letter is no name, nor
    is anything on a line without Arabic (an English headline or slug: Harvard_University) or a translation after
    a language's name ((بالهولندية: Koninkrijk der Nederlanden))."""
    out, j = [], 0
    for i in [i for i, w in enumerate(words) if w.latin and w.text[0].isupper()]:
        if i < j:
            continue  # inside the run before
        j = i + 1
        while j < len(words) and words[j].latin and (words[j].text[0].isupper() or words[j].text[0].isdigit()) \
                and offsets[j][0] - offsets[j - 1][1] <= 2 and not _ARABIC_LETTER.search(text, offsets[j - 1][1], offsets[j][0]):
            j += 1
        if (j > i + 1 or len(words[i].text) > 1) and _in_arabic_line(text, offsets[i][0]) \
                and not _is_gloss(text, words, offsets, i):  # a lone capital letter (plan B) names nothing
            out.append(Span("person" if _after_possessive(words, offsets, i) else "firm", i, j))
    return out


def _is_gloss(text: str, words: list[Word], offsets: list[tuple[int, int]], i: int) -> bool:
    """Is Latin word i the start of a translation, after a language's name and a colon (بالإنجليزية:)?"""
    before = words[i - 1].norm if i > 0 else ""
    return before.startswith("بال") and before.endswith("يه") and ":" in text[offsets[i - 1][1]:offsets[i][0]]


def _in_arabic_line(text: str, at: int) -> bool:
    """Has the line of `text` around offset `at` an Arabic letter?"""
    end = text.find("\n", at)
    return _ARABIC_LETTER.search(text, text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end) is not None


def _after_possessive(words: list[Word], offsets: list[tuple[int, int]], i: int) -> bool:
    """Does word i follow a Latin possessive ('s written right after a Latin word: Venture's)?"""
    return i >= 2 and words[i - 1].text == "s" and words[i - 2].latin and offsets[i - 1][0] - offsets[i - 2][1] == 1


def _cue_spans(words: list[Word], stopwords: frozenset[str], tagged: list[Span] = ()) -> list[Span]:
    """A name right after an indefinite descriptor (شركة، قناة، منصة … for firms; فريق، نادي for other
    organisations; بنك، مصرف، صندوق only before a tagged or Latin name or one ending like a firm's), past a
    definite complement (شركة المحاماة X, شركة رأس المال الاستثماري X): a Latin run, a word followed by words
    that end firm names (أفينو كابيتال), or a name the tagger found there, whatever kind it gave it (شركة لازارد
    راي …: لازارد; صحيفة واشنطن بوست) but a person after مكتب (the person's office), or after some firm
    descriptors one untagged word that looks like a name (تطبيق زووم). An organisation's name the tagger found
    with its descriptor (حزب الله) is left to it. Other words after a descriptor are usually adjectives (شركة
    ناشئة), and a number alone (وكالة و5900 شباك) is no name."""
    tagged_at = {span.first: span for span in tagged}
    in_name = {k for span in tagged for k in range(span.first, span.last)}
    out = []
    for i, w in enumerate(words[:-1]):
        kind = "firm" if _is_head(w, DESCRIPTOR_FORMS) else "org" if _is_head(w, ORG_DESCRIPTOR_FORMS) else ""
        if _is_head(w, TAGGED_DESCRIPTOR_FORMS) and (i + 1 in tagged_at or words[i + 1].latin or (
                i + 2 < len(words) and words[i + 2].norm in FIRM_TAILS and not words[i + 1].norm.startswith("ال"))):
            kind = "firm"
        if not kind or "ال" in w.norm[:3] or (kind == "org" and i in in_name):
            continue
        for j in dict.fromkeys((i + 1, _past_complement(words, i + 1))):
            if words[j].norm in stopwords or _is_head(words[j], HEAD_FORMS):
                continue
            k = j + 1
            while k < len(words) and k - j < 4 and (words[k].norm in FIRM_TAILS or (words[j].latin and words[k].latin)):
                k += 1
            if k == j + 1 and words[j].text.isdigit():
                continue
            if j in tagged_at and tagged_at[j].kind == "person" and _is_head(w, PERSONAL_DESCRIPTOR_FORMS):
                break
            if j in tagged_at and k == j + 1:
                k = _tagged_name_end(words, i, tagged_at[j])
            elif not (words[j].latin or k > j + 1 or (j in in_name and j == i + 1) or (
                    j == i + 1 and w.norm in LONE_NAME_FORMS and _is_lone_name(words, j, stopwords))):
                continue
            out.append(Span(kind, j, k))
            break
    return out


def _employer_spans(words: list[Word], tagged: list[Span]) -> list[Span]:
    """The firm in "role word + ل + firm + person" (الرئيس التنفيذي لجيه بي مورغان جيمي ديمون) when the tagger
    read it all, or all but the ل-word, as one person of three or more words: the firm is all but the last two
    words, which _cut leaves to the person."""
    out = []
    for span in tagged:
        i = span.first - 1 if span.first > 1 and words[span.first - 2].norm in EMPLOYER_ROLES else span.first
        if span.kind == "person" and i > 0 and words[i - 1].norm in EMPLOYER_ROLES and words[i].norm[:1] == "ل" \
                and words[i].norm[:2] != "لل" and words[i].bare != words[i].norm and span.last - i >= 3:
            out.append(Span("firm", i, span.last - 2))
    return out


def _is_lone_name(words: list[Word], j: int, stopwords: frozenset[str]) -> bool:
    """May the word after a firm's descriptor be a one-word name (تطبيق زووم، لشركة تسلا)? Not with the
    article or a pronoun suffix, not ending like an adjective (ـة، ـي: ناشئة، كبرى), not a common adjective
    (جديد) nor a complement's head (رأس المال), and not followed by a stopword (شركة تعمل في …: a clause)."""
    word = words[j].norm
    followed = j + 1 < len(words) and words[j + 1].norm in stopwords
    return (not word.startswith("ال") and not word.endswith(("ه", "ي", "ها")) and len(word) > 2
            and word not in ADJECTIVES and word not in COMPLEMENT_HEADS and not followed)


def _tagged_name_end(words: list[Word], head: int, tagged: Span) -> int:
    """Where a firm's name ends in a tagged name after its descriptor at `head`. After a role (رئيس
    شركة X، الرئيس التنفيذي لشركة X) a person's first and last name usually follow the firm's, so a run of three
    or more words keeps all but the last two for the firm (رئيس شركة لازارد راي ماكجواير), as does a person span
    of four or more words after any descriptor, unless it ends with a word that ends firm names (سي ستريت
    الاستشارية). Otherwise a tagged organisation is taken whole but for a trailing nationality (شركة سامسونغ
    الكورية), and a tagged person whole when it has at most two words (شركة أندريسن هورويتز), else only its first
    word."""
    kind, first, last = tagged
    after_role = head > 0 and words[head - 1].norm in ROLE_FORMS
    if (after_role and last - first >= 3 or kind == "person" and last - first >= 4) \
            and words[last - 1].norm not in FIRM_TAILS:
        return last - 2
    if kind != "person" or last - first <= 2:
        while last - first > 1 and not words[first].norm.startswith("ال") and _is_nisba(words[last - 1]):
            last -= 1
        return _with_tails(words, last)
    return first + 1


def _is_nisba(word: Word) -> bool:
    """A definite adjective of origin (الكورية، الأمريكي): the article, then an ending in ي or ية."""
    return word.norm.startswith("ال") and word.norm.endswith(("ي", "يه"))


def _past_complement(words: list[Word], j: int) -> int:
    """The first word after a descriptor's definite complement (شركة المحاماة، شركة رأس المال الاستثماري), at
    most three words on; `j` itself when there is none. A complement is only skipped when a tagged or Latin
    name may follow, which the caller checks."""
    k = j
    while k < len(words) and k - j < 3 and (words[k].norm.startswith("ال") or words[k].norm in COMPLEMENT_HEADS):
        k += 1
    return k if k < len(words) and not words[k].norm.startswith("ال") else j


def _with_tails(words: list[Word], end: int) -> int:
    """The end of a firm name extended over the words that end firm names (… الاستشارية), and over one
    other word without the article before such a word (سي | ستريت الاستشارية, not Nvidia | الأمريكية للتقنية)."""
    while end < len(words) and (words[end].norm in FIRM_TAILS or (
            end + 1 < len(words) and words[end + 1].norm in FIRM_TAILS and not words[end].norm.startswith("ال"))):
        end += 1
    return end


def _cut(words: list[Word], offsets: list[tuple[int, int]], tagged: list[Span], named: list[Span],
         stopwords: frozenset[str], names: frozenset[str]) -> list[Span]:
    """Tagger spans with the words of rule-found names taken out (Lazard راي ماكجواير → راي ماكجواير). A leftover
    organisation piece just after a rule-found firm is the person the role phrase names (الرئيس التنفيذي لشركة
    X مارك لاسري): it joins the person span that follows it, or, when it starts with a known first name, takes
    the next word as the surname; otherwise it is dropped. A piece that is only a descriptor (شركة) is dropped."""
    fixed = {k for span in named for k in range(span.first, span.last)}
    pieces: list[Span] = []
    for span in tagged:
        run: list[int] = []
        for k in [*range(span.first, span.last), None]:
            if k is not None and k not in fixed:
                run.append(k)
            elif run:
                pieces.append(Span(span.kind, run[0], run[-1] + 1))
                run = []
    out: list[Span] = []
    for piece in sorted(pieces, key=lambda p: p.first):
        if all(_is_head(words[k], HEAD_FORMS) for k in range(piece.first, piece.last)):
            continue
        after_name = piece.first - 1 in fixed and piece.first not in {s.first for s in tagged}
        if piece.kind != "person" and after_name:
            nxt = next((p for p in pieces if p.first == piece.last and p.kind == "person"), None)
            if nxt is not None:
                pieces.remove(nxt)
                out.append(Span("person", piece.first, nxt.last))
            elif words[piece.first].bare in names:
                out.append(Span("person", piece.first, _with_surname(words, offsets, piece.last, stopwords)))
            continue
        out.append(piece)
    return out


def _with_surname(words: list[Word], offsets: list[tuple[int, int]], end: int, stopwords: frozenset[str]) -> int:
    """The end of a name that may go on with one more word: an Arabic word right after it (one space), not a
    stopword, descriptor, title or organisation head."""
    if end < len(words) and offsets[end][0] - offsets[end - 1][1] == 1 and not words[end].latin:
        word = words[end]
        if word.norm not in stopwords and not _is_title(word) and not _is_head(word, HEAD_FORMS):
            return end + 1
    return end


def _with_name_links(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                     stopwords: frozenset[str], names: frozenset[str]) -> list[Span]:
    """Person spans completed over the words that tie an Arabic name together: one ending on a link takes the
    next word (محمد بن | سلمان), one followed by a link and a word takes both (حمد بن عيسى | آل خليفة), and one
    starting with بن، ابن، بنت or ولد, or right after one, takes the word before (معاوية | بن أبي سفيان، عائشة
    بنت | أبي بكر). A taken word must be free or start (or end) a person span, which then joins; it must not be
    a single letter (1258 م ولد …), a title, a stopword unless a name too (علي), nor, after a link other than
    عبد, carry the article (ابن الرئيس), nor be set apart by punctuation."""
    owner = {k: span for span in spans for k in range(span.first, span.last)}
    out: list[Span] = []

    def joinable(k: int, after: int) -> bool:
        word, other = words[k], owner.get(k)
        return (len(word.norm) > 1 and not word.latin and (word.norm not in stopwords or word.norm in names)
                and not _is_title(word) and (other is None or other.kind == "person")
                and not _PERSON_BREAK.search(text, offsets[min(k, after)][1], offsets[max(k, after)][0]))

    def article_ok(link: int, k: int) -> bool:
        return words[link].norm == "عبد" or not words[k].norm.startswith("ال")

    for span in spans:
        if out and out[-1].last > span.first:
            continue  # the person before took it in
        if span.kind != "person":
            out.append(span)
            continue
        first, last = span.first, span.last
        while first > 0 and words[first].norm in LINEAGE_LINKS and joinable(first - 1, first):
            first = owner[first - 1].first if first - 1 in owner else first - 1
        if first > 1 and words[first - 1].norm in LINEAGE_LINKS and first - 1 not in owner \
                and joinable(first - 1, first) and joinable(first - 2, first - 1):
            first = owner[first - 2].first if first - 2 in owner else first - 2
        while True:
            if last < len(words) and words[last - 1].norm in NAME_LINKS and joinable(last, last - 1) \
                    and article_ok(last - 1, last):
                last = owner[last].last if last in owner else last + 1
            elif last + 1 < len(words) and words[last].norm in NAME_LINKS and last not in owner \
                    and joinable(last, last - 1) and joinable(last + 1, last) and article_ok(last, last + 1):
                last = owner[last + 1].last if last + 1 in owner else last + 2
            else:
                break
        while out and out[-1].first >= first:
            out.pop()
        out.append(Span("person", first, last))
    return out


def _split_known_persons(words: list[Word], spans: list[Span]) -> list[Span]:
    """A person span made of two people the document names elsewhere is cut in two (إدارة بايدن هاريس: بايدن is
    the surname of one full name, هاريس of another)."""
    full_names = {tuple(_name_of(words, s).split()) for s in spans if s.kind == "person"}
    surnames: dict[str, set[tuple[str, ...]]] = {}
    for name in full_names:
        if len(name) > 1:
            surnames.setdefault(name[-1], set()).add(name)

    def known(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
        """A full name found on its own, or one word that is the surname of another full name."""
        if len(part) == 1:
            return bool(surnames.get(part[0], set()) - {whole})
        return part in full_names

    out = []
    for span in spans:
        name = tuple(_name_of(words, span).split())
        cut = next((k for k in range(1, len(name)) if span.kind == "person" and len(name) == span.last - span.first
                    and known(name[:k], name) and known(name[k:], name)), None)
        if cut is None:
            out.append(span)
        else:
            out += [Span("person", span.first, span.first + cut), Span("person", span.first + cut, span.last)]
    return out


def _split_at_and(words: list[Word], spans: list[Span]) -> list[Span]:
    """Two names joined by و inside one span become two spans (غوغل وميكروسوفت, كونواي وهوفمان) when the word
    after و is known on its own (in the document or the name lists)."""
    out = []
    for span in spans:
        first = span.first
        for k in range(span.first + 1, span.last):
            if words[k].norm.startswith("و") and words[k].bare == words[k].norm[1:]:
                out.append(Span(span.kind, first, k))
                first = k
        out.append(Span(span.kind, first, span.last))
    return out


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the longest span where spans overlap (ties: the earlier one in the list wins)."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: -(s.last - s.first)):
        if not taken.intersection(range(span.first, span.last)):
            chosen.append(span)
            taken.update(range(span.first, span.last))
    return sorted(chosen, key=lambda s: s.first)


def _name_of(words: list[Word], span: Span, shown: bool = False) -> str:
    """A span's name: proclitic removed from its first word, a descriptor head dropped (شركة لازارد → لازارد);
    normalized for comparing, or as written (without harakat) for showing."""
    first, last = span.first, span.last
    if span.kind == "firm" and last - first > 1 and _is_head(words[first], DESCRIPTOR_FORMS):
        first += 1
    if shown:
        return " ".join(words[k].shown if k == first else strip_tatweel(strip_harakat(words[k].text))
                        for k in range(first, last))
    return " ".join(words[k].bare if k == first else words[k].norm for k in range(first, last))


def _named_as_firms(words: list[Word], named: list[Span]) -> set[Span]:
    """The rule-found names that are surely firms: Latin runs, and names right after a firm's descriptor (شركة X)."""
    def after_descriptor(k: int) -> bool:
        return k > 0 and (_is_head(words[k - 1], DESCRIPTOR_FORMS) or _is_head(words[k - 1], TAGGED_DESCRIPTOR_FORMS))

    return {span for span in named if span.kind == "firm" and (words[span.first].latin or after_descriptor(span.first))}


def _propagate(words: list[Word], spans: list[Span], stopwords: frozenset[str], common: frozenset[str],
               cued: frozenset[Span] | set[Span] = frozenset()) -> list[Span]:
    """Find every other mention of a name found once (its first word with or without the proclitic it may have
    lost, or one it kept: وجيه بي مورغان after جيه بي مورغان), taking in the shorter spans inside it, and a
    person's surname alone, but not a person's name made of `common` words only (علي alone, مصدران); a name
    found as more than one kind takes the kind most of its mentions have (the first found on a tie), where a
    mention found by a cue word or in Latin script (`cued`: شركة بلاك روك) outvotes any number the tagger typed
    alone."""
    named = [(span, tuple(_name_of(words, span).split())) for span in spans]
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for span, tokens in named:
        if tokens:
            votes.setdefault(tokens, Counter())[span.kind] += len(words) if span in cued else 1
    names = {tokens: kinds.most_common(1)[0][0] for tokens, kinds in votes.items()}
    spans = [Span(names.get(tokens, span.kind), span.first, span.last) for span, tokens in named]
    for span, (_, tokens) in zip(spans, named, strict=True):
        if span.kind == "person" and len(tokens) > 1:
            names.setdefault(tokens[-1:], "person")
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for tokens in sorted(names, key=len, reverse=True):
        if names[tokens] != "person" or not all(token in common for token in tokens):
            by_first.setdefault(tokens[0], []).append(tokens)
    owner = {k: span for span in spans for k in range(span.first, span.last)}
    found = set(spans)
    for i, word in enumerate(words):
        if i in owner or word.norm in stopwords:
            continue
        candidates = by_first.get(word.bare, []) + by_first.get(word.norm, []) * (word.norm != word.bare)
        if word.norm[:1] in _ONE_LETTER_CLITICS and word.norm[1:] != word.bare:
            candidates += [tokens for tokens in by_first.get(word.norm[1:], []) if len(tokens) > 1]
        for tokens in candidates:
            n = len(tokens)
            inside = {owner[k] for k in range(i, i + n) if k in owner}
            if tuple(w.norm for w in words[i + 1:i + n]) == tokens[1:] and all(s.last <= i + n for s in inside):
                span = Span(names[tokens], i, i + n)
                found = (found - inside) | {span}
                owner.update(dict.fromkeys(range(i, i + n), span))
                break
    return sorted(found, key=lambda s: s.first)


def _with_first_names(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                      names: frozenset[str], frequent: frozenset[str], stopwords: frozenset[str]) -> list[Span]:
    """A one-word person span takes the word before it when that is a first name: a name-list word, not
    `frequent` (وأكد، أمير), a stopword, a title or a head, with no punctuation between (لمبادلة خلدون المبارك
    → خلدون المبارك)."""
    taken = {k for s in spans for k in range(s.first, s.last)}
    out = []
    for span in spans:
        i = span.first - 1
        if span.kind == "person" and span.last - span.first == 1 and i >= 0 and i not in taken:
            word = words[i]
            if word.norm == word.bare and word.norm in names and word.norm not in frequent \
                    and word.norm not in stopwords and not word.latin \
                    and not _is_title(word) and not _is_head(word, HEAD_FORMS) \
                    and not _PERSON_BREAK.search(text, offsets[i][1], offsets[span.first][0]):
                span = Span("person", i, span.last)
        out.append(span)
    return out


def _entities(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span]) -> list[Entity]:
    """Spans → Entities; a person's surname alone takes the full name found in the same document, matched with
    or without the proclitic its word may have lost (كايا كالاس … كالاس, though الاس is a name); a name of
    several words with a one-letter proclitic kept takes the name without it found in the document."""
    full_names: dict[str, str] = {}  # normalized surname → full name as shown
    shown_as: dict[str, str] = {}  # normalized name → how its first mention shows it
    names = [_name_of(words, span) for span in spans]
    for span, name in zip(spans, names, strict=True):
        if name not in shown_as:
            shown_as[name] = _name_of(words, span, shown=True)
        if span.kind == "person" and len(name.split()) > 1:
            full_names.setdefault(name.split()[-1], shown_as[name])
    out = []
    for span, name in zip(spans, names, strict=True):
        canonical = shown_as[name]
        if name[:1] in _ONE_LETTER_CLITICS and " " in name and name[1:] in shown_as:  # وجيه بي مورغان
            canonical = shown_as[name[1:]]
        if span.kind == "person":  # a surname alone, also when a proclitic was split off it (كالاس: ك + الاس)
            canonical = full_names.get(name) or full_names.get(words[span.first].norm, canonical)
        start, end = offsets[span.first][0], offsets[span.last - 1][1]
        out.append(Entity(span.kind, start, end, text[start:end], canonical))
    return out


def default_extractor() -> EntityExtractor:
    """The shipped tagger plus the rules, with the analyzer's stopword list."""
    from indexer.ner import NerTagger

    tagger = NerTagger.load()
    return EntityExtractor(lambda text, spans: [(s.label, s.start, s.end) for s in tagger.tag(text, spans)],
                           load_stopwords(), tagger.names, tagger.normalized, tagger.common_words(),
                           tagger.common_words(min_class=4))


def extract_entities(text: str, extractor: EntityExtractor | None = None) -> list[Entity]:
    """Mentions of people, firms and other organisations in `text`, in order (loads the model on each call
    without `extractor`: for many texts, make one `default_extractor()` and call it).

    >>> [(e.kind, e.surface, e.canonical) for e in extract_entities("قالت شركة Nvidia إن أرباحها زادت")]
    [('firm', 'Nvidia', 'Nvidia')]
    """
    return (extractor or default_extractor())(text)
