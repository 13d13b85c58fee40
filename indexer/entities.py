"""Arabic news text → named-entity mentions (person, firm, org) with str offsets and a per-document canonical name.

Sources combined: the statistical tagger (indexer/ner.py, trained on ANERcorp), Latin-script name runs, cue words
(شركة X, قناة X, وزارة …), and document-level consistency (a name found once is found everywhere in the document,
its surname alone included, with or without an attached proclitic).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    norm: str  # normalized, for comparisons
    bare: str  # normalized with a proclitic removed when one is attached (ولاسري → لاسري)
    shown: str  # the original without harakat, tatweel or that proclitic: how the name is displayed
    latin: bool


def _clitic(norm: str, known: frozenset[str] | set[str], names: frozenset[str]) -> str:
    """The proclitic attached to `norm`: only when what remains is a known word (and the whole is not itself a
    known name)."""
    if norm in names:
        return ""
    for clitic in CLITICS:
        rest = without_clitic(norm, clitic)
        if norm.startswith(clitic) and len(rest) >= 2 and rest in known:
            return clitic
    return ""


def words_of(text: str, names: frozenset[str] = frozenset()) -> list[Word]:
    """The words of `text`; a proclitic counts as one only before a word the document or the names list has
    on its own (ولاسري → لاسري when لاسري occurs; لازارد stays whole)."""
    spans = list(word_spans(text))
    norms = [normalize(text[a:b]) for a, b in spans]
    known = set(norms) | names | FIRM_HEADS | ORG_HEADS
    out = []
    for (start, end), norm in zip(spans, norms, strict=True):
        raw = text[start:end]
        latin = bool(_LATIN_WORD.fullmatch(raw))
        clitic = "" if latin else _clitic(norm, known, names)
        plain = strip_tatweel(strip_harakat(raw))
        shown = without_clitic(plain if len(plain) == len(norm) else norm, clitic)
        out.append(Word(start, end, raw, norm, without_clitic(norm, clitic), shown, latin))
    return out


TagFn = Callable[[str], Sequence[tuple[str, int, int]]]  # text → (label, start, end) spans, labels PER/ORG/…


@dataclass
class EntityExtractor:
    """Extraction with one tagger; keeps the stopword list it needs. Use `extract_entities` for the default."""

    tag: TagFn | None = None
    stopwords: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()

    def __call__(self, text: str) -> list[Entity]:
        words = words_of(text, self.names)
        spans = self._tagger_spans(text, words) + _latin_spans(words) + _cue_spans(words, self.stopwords)
        spans = _resolve_overlaps(spans)
        spans = _propagate(words, spans, self.stopwords)
        return _entities(text, words, spans)

    def _tagger_spans(self, text: str, words: list[Word]) -> list[Span]:
        if self.tag is None:
            return []
        starts = {w.start: i for i, w in enumerate(words)}
        ends = {w.end: i + 1 for i, w in enumerate(words)}
        out = []
        for label, start, end in self.tag(text):
            if label not in ("PER", "ORG") or start not in starts or end not in ends:
                continue
            first, last = starts[start], ends[end]
            kind = "person" if label == "PER" else _org_kind(words[first])
            out.append(Span(kind, first, last))
        return out


def _is_head(word: Word, heads: frozenset[str]) -> bool:
    """Is the word one of `heads`, alone or with a proclitic (لشركة, ووزارة)?"""
    return word.norm in heads or any(word.norm.startswith(c) and word.norm[len(c):] in heads for c in CLITICS)


def _org_kind(head: Word) -> str:
    return "org" if _is_head(head, ORG_HEADS) else "firm"


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


def _cue_spans(words: list[Word], stopwords: frozenset[str]) -> list[Span]:
    """A firm named right after an indefinite descriptor (شركة، قناة، منصة …): a Latin run, or a word followed by
    words that end firm names (أفينو كابيتال). Other names after a descriptor are left to the tagger."""
    out = []
    for i, w in enumerate(words[:-1]):
        if not _is_head(w, DESCRIPTOR_HEADS) or "ال" in w.norm[:3]:
            continue
        j = i + 1
        if words[j].norm in stopwords or _is_head(words[j], DESCRIPTOR_HEADS | ORG_HEADS):
            continue
        k = j + 1
        while k < len(words) and k - j < 4 and (words[k].norm in FIRM_TAILS or (words[j].latin and words[k].latin)):
            k += 1
        if words[j].latin or k > j + 1:
            out.append(Span("firm", j, k))
    return out


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the longest span where spans overlap (ties: the earlier source wins)."""
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
    if span.kind == "firm" and span.last - first > 1 and _is_head(words[first], DESCRIPTOR_HEADS):
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
    taken = {k for s in spans for k in range(s.first, s.last)}
    found = list(spans)
    for i in range(len(words)):
        if i in taken:
            continue
        for tokens, kind in sorted(names.items(), key=lambda kv: -len(kv[0])):
            n = len(tokens)
            if i + n > len(words) or any(k in taken for k in range(i, i + n)):
                continue
            window = [words[i].bare] + [w.norm for w in words[i + 1:i + n]]
            if tuple(window) == tokens and words[i].norm not in stopwords:
                found.append(Span(kind, i, i + n))
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
    """Mentions of people, firms and other organisations in `text`, in order.

    >>> [(e.kind, e.surface, e.canonical) for e in extract_entities("قالت شركة Nvidia إن أرباحها زادت")]
    [('firm', 'Nvidia', 'Nvidia')]
    """
    return (extractor or default_extractor())(text)
