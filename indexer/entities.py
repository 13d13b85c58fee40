"""Arabic news text → named-entity mentions (person, firm, org) with str offsets and a per-document canonical name.

Sources combined: the statistical tagger (indexer/ner.py, trained on ANERcorp), Latin-script name runs, cue words
(شركة X, قناة X, وزارة …), and document-level consistency (a name found once is found everywhere in the document,
its surname alone included, with or without an attached proclitic).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from indexer.canonical import CLITICS, without_clitic
from indexer.normalize import normalize, strip_harakat, strip_tatweel
from indexer.stopwords import load_names, load_stopwords
from indexer.tokenize import word_spans

KINDS = ("person", "firm", "org")

# Words that name what kind of organisation follows; normalized (ة → ه, أ → ا). Written for Fahras.
DESCRIPTOR_HEADS = frozenset(normalize(w) for w in (
    "شركة", "مجموعة", "قناة", "صحيفة", "جريدة", "مجلة", "وكالة", "منصة", "تطبيق", "موقع", "شبكة", "متجر",
    "علامة", "ماركة", "مكتب", "استوديو",
))
FIRM_HEADS = DESCRIPTOR_HEADS | frozenset(normalize(w) for w in (
    "بنك", "مصرف", "صندوق", "بورصة", "مؤسسة", "شركات", "مجموعه",
))
ORG_HEADS = frozenset(normalize(w) for w in (
    "وزارة", "حزب", "لجنة", "مجلس", "اتحاد", "جامعة", "منظمة", "هيئة", "حكومة", "جمعية", "نقابة", "محكمة",
    "البرلمان", "برلمان", "الكونغرس", "الكونجرس", "مجلس", "الأمم", "رابطة", "دوري", "حركة", "تحالف", "جبهة",
    "الجيش", "جيش", "الشرطة", "سلطة", "دائرة", "بلدية", "مكتب", "مركز", "معهد", "أكاديمية", "الاتحاد", "المنتدى",
    "منتدى", "الاحتياطي", "البنك المركزي",
))
# Words that continue a firm's name after its first word (أفينو كابيتال, سنترفيو بارتنرز, الفنار القابضة).
FIRM_TAILS = frozenset(normalize(w) for w in (
    "كابيتال", "بارتنرز", "بارتنر", "جروب", "غروب", "القابضة", "هولدينغ", "هولدنغ", "للاستثمار", "الاستثمارية",
    "المالية", "للتمويل", "ادفايزرز", "أدفايزرز", "فنتشرز", "فينتشرز", "فاند", "مانجمنت", "لإدارة", "الأصول",
    "للاتصالات", "للتقنية", "للطاقة", "للتأمين", "انترناشونال", "إنترناشونال", "العالمية", "الدولية", "تكنولوجيز",
    "سيستمز", "لابز", "أند", "آند", "كوربوريشن", "فايننشال",
))
HEADS = FIRM_HEADS | ORG_HEADS
DOCUMENT_BREAK = "\n\n"  # between documents tagged in one call (a sentence boundary for the tagger)
_CLITICS_BY_LETTER = {c[0]: tuple(x for x in CLITICS if x[0] == c[0]) for c in CLITICS}  # CLITICS' order kept
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
    letters, longest proclitic first, up to the first whose rest is a known name or organisation head.

    >>> [(rest, word.bare) for rest, word in word_form("ولاسري", "ولاسري", frozenset()).splits]
    [('اسري', 'اسري'), ('لاسري', 'لاسري')]
    >>> form = word_form("ولاسري", "ولاسري", frozenset({"لاسري"}))
    >>> form.word.bare, [rest for rest, _ in form.splits]
    ('لاسري', ['اسري'])
    """
    plain = strip_tatweel(strip_harakat(raw))
    latin = bool(_LATIN_WORD.fullmatch(raw))
    splits = []
    if not latin and norm not in names:
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
    occurs; لازارد stays whole). `memo` caches each raw word's WordForm across calls with the same `names` and
    `normalize`."""
    memo = {} if memo is None else memo
    spans = word_spans(text) if spans is None else spans
    forms = [memo.get(raw) or _remember(memo, raw, names, normalize) for raw in [text[a:b] for a, b in spans]]
    in_text = {form.norm for form in forms}
    return [next((word for rest, word in form.splits if rest in in_text), form.word) if form.splits else form.word
            for form in forms]


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
        tagged = _tagger_spans(words, offsets, tag_spans)
        named = _latin_spans(words, offsets) + _cue_spans(words, self.stopwords, tagged)
        spans = _resolve_overlaps(_resolve_overlaps(named) + _cut(words, tagged, named))
        spans = _propagate(words, _split_at_and(words, spans), self.stopwords)
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


def _with_clitics(heads: frozenset[str]) -> frozenset[str]:
    """Every head as written alone or with a proclitic (لشركه, ووزاره, للبنك)."""
    forms = set(heads)
    for head in heads:
        for clitic in CLITICS:
            if clitic.endswith("لل"):
                if head.startswith("ال"):
                    forms.add(clitic + head[2:])
            else:
                forms.add(clitic + head)
    return frozenset(forms)


DESCRIPTOR_FORMS = _with_clitics(DESCRIPTOR_HEADS)
ORG_FORMS = _with_clitics(ORG_HEADS)
HEAD_FORMS = DESCRIPTOR_FORMS | ORG_FORMS


def _is_head(word: Word, heads: frozenset[str]) -> bool:
    """Is the word one of `heads` (given with their proclitic forms by _with_clitics)?"""
    return word.norm in heads


def _org_kind(head: Word) -> str:
    return "org" if _is_head(head, ORG_FORMS) else "firm"


def _latin_spans(words: list[Word], offsets: list[tuple[int, int]]) -> list[Span]:
    """Runs of capitalised Latin words (CNBC, Avenue Capital, 32 Advisors) are firm names (`offsets`: the words'
    spans)."""
    out, j = [], 0
    for i in [i for i, w in enumerate(words) if w.latin and w.text[0].isupper()]:
        if i < j:
            continue  # inside the run before
        j = i + 1
        while j < len(words) and words[j].latin and (words[j].text[0].isupper() or words[j].text[0].isdigit()) \
                and offsets[j][0] - offsets[j - 1][1] <= 2:
            j += 1
        out.append(Span("firm", i, j))
    return out


def _cue_spans(words: list[Word], stopwords: frozenset[str], tagged: list[Span] = ()) -> list[Span]:
    """A firm named right after an indefinite descriptor (شركة، قناة، منصة …): a Latin run, a word followed by
    words that end firm names (أفينو كابيتال), or a word the tagger took for part of a name (شركة لازارد راي …:
    لازارد). Other words after a descriptor are usually adjectives (شركة ناشئة) and are left alone."""
    in_name = {k for span in tagged for k in range(span.first, span.last)}
    out = []
    for i in [i for i, w in enumerate(words[:-1]) if w.norm in DESCRIPTOR_FORMS and "ال" not in w.norm[:3]]:
        j = i + 1
        if words[j].norm in stopwords or _is_head(words[j], HEAD_FORMS):
            continue
        k = j + 1
        while k < len(words) and k - j < 4 and (words[k].norm in FIRM_TAILS or (words[j].latin and words[k].latin)):
            k += 1
        if words[j].latin or k > j + 1 or j in in_name:
            out.append(Span("firm", j, k))
    return out


def _cut(words: list[Word], tagged: list[Span], named: list[Span]) -> list[Span]:
    """Tagger spans with the words of rule-found names taken out (Lazard راي ماكجواير → راي ماكجواير); a leftover
    organisation piece just after a rule-found firm joins the person span that follows it, or is dropped, and a
    piece that is only a descriptor (شركة) is dropped."""
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
            continue
        out.append(piece)
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
    first = span.first
    if span.kind == "firm" and span.last - first > 1 and _is_head(words[first], DESCRIPTOR_FORMS):
        first += 1
    if shown:
        return " ".join(words[k].shown if k == first else strip_tatweel(strip_harakat(words[k].text))
                        for k in range(first, span.last))
    return " ".join(words[k].bare if k == first else words[k].norm for k in range(first, span.last))


def _propagate(words: list[Word], spans: list[Span], stopwords: frozenset[str]) -> list[Span]:
    """Find every other mention of a name found once, and a person's surname alone."""
    names: dict[tuple[str, ...], str] = {}
    for span in spans:
        tokens = tuple(_name_of(words, span).split())
        if tokens:
            names.setdefault(tokens, span.kind)
            if span.kind == "person" and len(tokens) > 1:
                names.setdefault(tokens[-1:], "person")
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for tokens in sorted(names, key=len, reverse=True):
        by_first.setdefault(tokens[0], []).append(tokens)
    taken = {k for s in spans for k in range(s.first, s.last)}
    found = list(spans)
    for i in [i for i, word in enumerate(words) if word.bare in by_first]:
        word = words[i]
        if i in taken or word.norm in stopwords:
            continue
        for tokens in by_first[word.bare]:
            n = len(tokens)
            rest = tuple(w.norm for w in words[i + 1:i + n])
            if rest == tokens[1:] and not taken.intersection(range(i, i + n)):
                found.append(Span(names[tokens], i, i + n))
                taken.update(range(i, i + n))
                break
    return sorted(found, key=lambda s: s.first)


def _entities(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span]) -> list[Entity]:
    """Spans → Entities; a person's surname alone takes the full name found in the same document."""
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
        canonical = full_names.get(name, shown_as[name]) if span.kind == "person" else shown_as[name]
        start, end = offsets[span.first][0], offsets[span.last - 1][1]
        out.append(Entity(span.kind, start, end, text[start:end], canonical))
    return out


def default_extractor() -> EntityExtractor:
    """The shipped tagger plus the rules, with the analyzer's stopword list."""
    from indexer.ner import NerTagger

    tagger = NerTagger.load()
    return EntityExtractor(lambda text, spans: [(s.label, s.start, s.end) for s in tagger.tag(text, spans)],
                           load_stopwords(), load_names(), tagger.normalized)


def extract_entities(text: str, extractor: EntityExtractor | None = None) -> list[Entity]:
    """Mentions of people, firms and other organisations in `text`, in order (loads the model on each call
    without `extractor`: for many texts, make one `default_extractor()` and call it).

    >>> [(e.kind, e.surface, e.canonical) for e in extract_entities("قالت شركة Nvidia إن أرباحها زادت")]
    [('firm', 'Nvidia', 'Nvidia')]
    """
    return (extractor or default_extractor())(text)
