"""Arabic news text → named-entity mentions (person, firm, org) with str offsets and a per-document canonical name.

Sources combined: the statistical tagger (indexer/ner.py, trained on ANERcorp), Latin-script name runs, cue words
(شركة X, قناة X, وزارة …), and document-level consistency (a name found once is found everywhere in the document,
its surname alone included, with or without an attached proclitic).
"""

from __future__ import annotations

import re
from bisect import bisect_right
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
    start: int
    end: int
    text: str
    norm: str  # normalized, for comparisons
    bare: str  # normalized with a proclitic removed when one is attached (ولاسري → لاسري)
    shown: str  # the original without harakat, tatweel or that proclitic: how the name is displayed
    latin: bool


def _clitic_options(norm: str) -> tuple[tuple[str, str], ...]:
    """Every (proclitic, rest) split of `norm` that leaves at least two letters, longest proclitic first."""
    return tuple((c, without_clitic(norm, c)) for c in CLITICS if norm.startswith(c) and len(norm) - len(c) >= 2)


def words_of(text: str, names: frozenset[str] = frozenset(),
             memo: dict[str, tuple[str, str, bool, tuple[tuple[str, str], ...]]] | None = None) -> list[Word]:
    """The words of `text`; a proclitic counts as one only before a word the document, a name list or the
    organisation heads have on its own (ولاسري → لاسري when لاسري occurs; لازارد stays whole).
    `memo` caches the per-word work across calls."""
    memo = {} if memo is None else memo
    spans = list(word_spans(text))
    analysed = [memo.get(text[a:b]) or _remember(memo, text[a:b]) for a, b in spans]
    in_text = {norm for norm, _, _, _ in analysed}
    out = []
    for (start, end), (norm, plain, latin, options) in zip(spans, analysed, strict=True):
        clitic = "" if latin or norm in names else next(
            (c for c, rest in options if rest in in_text or rest in names or rest in HEADS), "")
        if clitic:
            shown = without_clitic(plain if len(plain) == len(norm) else norm, clitic)
            out.append(Word(start, end, text[start:end], norm, without_clitic(norm, clitic), shown, latin))
        else:
            out.append(Word(start, end, text[start:end], norm, norm, plain, latin))
    return out


def _remember(memo: dict, raw: str) -> tuple[str, str, bool, tuple[tuple[str, str], ...]]:
    """raw word → (normalized, without harakat and tatweel, is Latin, proclitic splits), kept in `memo`."""
    if len(memo) > 200_000:
        memo.clear()
    norm = normalize(raw)
    memo[raw] = (norm, strip_tatweel(strip_harakat(raw)), bool(_LATIN_WORD.fullmatch(raw)), _clitic_options(norm))
    return memo[raw]


TagFn = Callable[[str], Sequence[tuple[str, int, int]]]  # text → (label, start, end) spans, labels PER/ORG/…


@dataclass
class EntityExtractor:
    """Extraction with one tagger; keeps the stopword list it needs. Use `extract_entities` for the default."""

    tag: TagFn | None = None
    stopwords: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    _memo: dict[str, tuple] = field(default_factory=dict, repr=False)

    def __call__(self, text: str) -> list[Entity]:
        return self.extract_many([text])[0]

    def extract_many(self, texts: Sequence[str]) -> list[list[Entity]]:
        """The entities of each text. The tagger runs once over all of them (its decoding is batched, so many
        short documents cost little more than one long one); the rules run per document."""
        tags = self._tag_many(texts)
        return [self._extract(text, tagged) for text, tagged in zip(texts, tags, strict=True)]

    def _tag_many(self, texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
        """Tagger spans per text, from one call over the texts joined by blank lines (offsets mapped back)."""
        if self.tag is None:
            return [[] for _ in texts]
        starts, pos = [], 0
        for text in texts:
            starts.append(pos)
            pos += len(text) + len(DOCUMENT_BREAK)
        out: list[list[tuple[str, int, int]]] = [[] for _ in texts]
        for label, start, end in self.tag(DOCUMENT_BREAK.join(texts)):
            k = bisect_right(starts, start) - 1
            out[k].append((label, start - starts[k], end - starts[k]))
        return out

    def _extract(self, text: str, tag_spans: list[tuple[str, int, int]]) -> list[Entity]:
        words = words_of(text, self.names, self._memo)
        tagged = _tagger_spans(words, tag_spans)
        named = _latin_spans(words) + _cue_spans(words, self.stopwords, tagged)
        spans = _resolve_overlaps(_resolve_overlaps(named) + _cut(words, tagged, named))
        spans = _propagate(words, _split_at_and(words, spans), self.stopwords)
        return _entities(text, words, spans)


def _tagger_spans(words: list[Word], tag_spans: list[tuple[str, int, int]]) -> list[Span]:
    """PER and ORG spans of the tagger that start and end on word boundaries, as word-index spans."""
    starts = {w.start: i for i, w in enumerate(words)}
    ends = {w.end: i + 1 for i, w in enumerate(words)}
    out = []
    for label, start, end in tag_spans:
        if label not in ("PER", "ORG") or start not in starts or end not in ends:
            continue
        first, last = starts[start], ends[end]
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


def _is_head(word: Word, heads: frozenset[str]) -> bool:
    """Is the word one of `heads` (given with their proclitic forms by _with_clitics)?"""
    return word.norm in heads


def _org_kind(head: Word) -> str:
    return "org" if _is_head(head, ORG_FORMS) else "firm"


def _latin_spans(words: list[Word]) -> list[Span]:
    """Runs of capitalised Latin words (CNBC, Avenue Capital, 32 Advisors) are firm names."""
    out, i = [], 0
    while i < len(words):
        if words[i].latin and words[i].text[0].isupper():
            j = i + 1
            while j < len(words) and words[j].latin and (words[j].text[0].isupper() or words[j].text[0].isdigit()) \
                    and words[j].start - words[j - 1].end <= 2:
                j += 1
            out.append(Span("firm", i, j))
            i = j
        else:
            i += 1
    return out


def _cue_spans(words: list[Word], stopwords: frozenset[str], tagged: list[Span] = ()) -> list[Span]:
    """A firm named right after an indefinite descriptor (شركة، قناة، منصة …): a Latin run, a word followed by
    words that end firm names (أفينو كابيتال), or a word the tagger took for part of a name (شركة لازارد راي …:
    لازارد). Other words after a descriptor are usually adjectives (شركة ناشئة) and are left alone."""
    in_name = {k for span in tagged for k in range(span.first, span.last)}
    out = []
    for i, w in enumerate(words[:-1]):
        if not _is_head(w, DESCRIPTOR_FORMS) or "ال" in w.norm[:3]:
            continue
        j = i + 1
        if words[j].norm in stopwords or _is_head(words[j], DESCRIPTOR_FORMS | ORG_FORMS):
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
        if all(_is_head(words[k], DESCRIPTOR_FORMS | ORG_FORMS) for k in range(piece.first, piece.last)):
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
    for i, word in enumerate(words):
        if i in taken or word.norm in stopwords or word.bare not in by_first:
            continue
        for tokens in by_first[word.bare]:
            n = len(tokens)
            rest = tuple(w.norm for w in words[i + 1:i + n])
            if rest == tokens[1:] and not taken.intersection(range(i, i + n)):
                found.append(Span(names[tokens], i, i + n))
                taken.update(range(i, i + n))
                break
    return sorted(found, key=lambda s: s.first)


def _entities(text: str, words: list[Word], spans: list[Span]) -> list[Entity]:
    """Spans → Entities; a person's surname alone takes the full name found in the same document."""
    full_names: dict[str, str] = {}  # normalized surname → full name as shown
    shown_as: dict[str, str] = {}  # normalized name → how its first mention shows it
    for span in spans:
        name = _name_of(words, span)
        shown_as.setdefault(name, _name_of(words, span, shown=True))
        if span.kind == "person" and len(name.split()) > 1:
            full_names.setdefault(name.split()[-1], shown_as[name])
    out = []
    for span in spans:
        name = _name_of(words, span)
        canonical = full_names.get(name, shown_as[name]) if span.kind == "person" else shown_as[name]
        start, end = words[span.first].start, words[span.last - 1].end
        out.append(Entity(span.kind, start, end, text[start:end], canonical))
    return out


def default_extractor() -> EntityExtractor:
    """The shipped tagger plus the rules, with the analyzer's stopword list."""
    from indexer.ner import NerTagger

    tagger = NerTagger.load()
    return EntityExtractor(lambda text: [(s.label, s.start, s.end) for s in tagger.tag(text)], load_stopwords(),
                           load_names())


def extract_entities(text: str, extractor: EntityExtractor | None = None) -> list[Entity]:
    """Mentions of people, firms and other organisations in `text`, in order (loads the model on each call
    without `extractor`: for many texts, make one `default_extractor()` and call it).

    >>> [(e.kind, e.surface, e.canonical) for e in extract_entities("قالت شركة Nvidia إن أرباحها زادت")]
    [('firm', 'Nvidia', 'Nvidia')]
    """
    return (extractor or default_extractor())(text)
