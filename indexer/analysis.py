"""Text → tokens (indexed term, str offsets into the original text, position): the one analyzer for index and query."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from indexer.analyzers import DEFAULT_ANALYZER
from indexer.errors import UnknownAnalyzer
from indexer.normalize import normalize
from indexer.stem import SHORTEST_CLITICS, light10, light10_stacked, name_safe, no_stem
from indexer.stopwords import load_names, load_stopwords, sorted_names
from indexer.tokenize import word_spans

_CACHE_LIMIT = 500_000
SKIPPED = "\x00"  # the term of a word left unstemmed because it cannot match what was looked for (Analyzer.words)


class Token(NamedTuple):
    """One indexed word. `text[start:end]` of the original is the whole original word (harakat kept);
    `pos` counts every word, stopwords included."""

    term: str
    start: int
    end: int
    pos: int


class TokenInfo(NamedTuple):
    """What the analyzer did with one word (for `fahras analyze`); `term` is None for a stopword."""

    pos: int
    start: int
    end: int
    original: str
    normalized: str
    term: str | None


@dataclass(frozen=True)
class Analyzer:
    """Tokenize the raw text, then per word: normalize → drop stopwords → stem.

    >>> a = get_analyzer("ar_light@2")
    >>> [(t.term, t.start, t.end, t.pos) for t in a.tokens("في بالمكالمةِ الخاصة")]
    [('مكالم', 3, 13, 1), ('خاص', 14, 20, 2)]
    """

    name: str
    stem: Callable[[str], str]
    stopwords: frozenset[str]
    normalize: Callable[[str], str] = normalize
    word_lists: tuple[Collection[str], ...] = field(default=(), compare=False, repr=False)  # what `stem` reads
    _memo: dict[str, tuple[str, str | None]] = field(default_factory=dict, compare=False, repr=False)
    _normalized: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # words never stemmed

    @functools.cached_property
    def fingerprint(self) -> str:
        """A digest of the name and the word lists the analysis reads (stopwords, name parts): an index records it,
        so a build whose lists changed knows the index no longer matches its queries."""
        digest = hashlib.blake2b(self.name.encode(), digest_size=8)
        for words in (self.stopwords, *self.word_lists):
            digest.update("\n".join(sorted(words)).encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()

    def _analyze_word(self, word: str) -> tuple[str, str | None]:
        """Original word → (normalized, term or None), memoized per distinct word."""
        hit = self._memo.get(word)
        if hit is None:
            normalized = self.normalize(word)
            term = None if normalized in self.stopwords or not normalized else self.stem(normalized)
            hit = (normalized, term)
            if len(self._memo) >= _CACHE_LIMIT:
                self._memo.clear()
            self._memo[word] = hit
        return hit

    def tokens(self, text: str) -> list[Token]:
        """Indexed tokens of `text`, stopwords left out."""
        out = []
        word = self._analyze_word
        for pos, (start, end) in enumerate(word_spans(text)):
            term = word(text[start:end])[1]
            if term is not None:
                out.append(Token(term, start, end, pos))
        return out

    def terms(self, text: str) -> list[str]:
        """Indexed terms of `text`, in order."""
        return self.index_terms(text)[0]

    def exact_terms(self, text: str) -> list[str]:
        """Normalized but unstemmed words, stopwords kept: the terms of exact matching."""
        return self.index_terms(text)[1]

    def index_terms(self, text: str, spans: list[tuple[int, int]] | None = None) -> tuple[list[str], list[str]]:
        """(stemmed terms without stopwords, normalized words with stopwords) in one pass over `text`, or over the
        words `spans` of it (word_spans already cut)."""
        stems, exact = [], []
        memo, word = self._memo, self._analyze_word
        for start, end in word_spans(text) if spans is None else spans:
            raw = text[start:end]
            normalized, term = memo.get(raw) or word(raw)  # the memo inline: most words were seen before
            exact.append(normalized)
            if term is not None:
                stems.append(term)
        return stems, exact

    def normalize_term(self, word: str) -> str:
        """Normalization only (for prefix and fuzzy terms, which must not be stemmed)."""
        return self.normalize(word)

    def explain(self, text: str, screen: Collection[str] | None = None) -> list[TokenInfo]:
        """Every word with its original text, normalized form and indexed term (see words() for `screen`)."""
        return [TokenInfo(pos, a, b, text[a:b], normalized, term)
                for pos, (a, b, normalized, term) in enumerate(self.words(text, screen))]

    def matching_words(self, text: str, terms: Collection[str], normalized: Collection[str]
                       ) -> Iterator[tuple[int, int, str, str | None]]:
        """The words() of `text` whose term is one of `terms` or whose normalized form is one of `normalized`."""
        for word in self.words(text, (*terms, *normalized)):
            if word[3] in terms or word[2] in normalized:
                yield word

    def words(self, text: str, screen: Collection[str] | None = None) -> Iterator[tuple[int, int, str, str | None]]:
        """(start, end, normalized, term or None) of every word of `text`: explain() without the objects.

        With `screen` (the terms and normalized words being looked for), a word not analysed before is stemmed only
        when one of them is part of its normalized form (stemming only removes letters around the stem: no other
        word can have these terms, tests/test_properties.py); the others get the term SKIPPED (None if a stopword).
        """
        memo, word, seen, stopwords = self._memo, self._analyze_word, self._normalized, self.stopwords
        screen = screen if screen is not None and len(screen) <= 64 else None  # past 64, testing costs more
        for start, end in word_spans(text):
            raw = text[start:end]
            hit = memo.get(raw)
            if hit is None:
                if screen is not None:
                    norm = seen.get(raw)
                    if norm is None:
                        if len(seen) >= _CACHE_LIMIT:
                            seen.clear()
                        norm = seen[raw] = self.normalize(raw)
                    if not any(t in norm for t in screen):
                        yield start, end, norm, None if norm in stopwords or not norm else SKIPPED
                        continue
                hit = word(raw)
            yield start, end, hit[0], hit[1]


def _light_names(name: str) -> Analyzer:
    """light10 with name parts kept whole (indexes built before stacked proclitics were stemmed)."""
    return Analyzer(name, name_safe(light10, load_names()), load_stopwords(), word_lists=(sorted_names(),))


def _light_stacked(name: str) -> Analyzer:
    """light10 with stacked proclitics removed (وبالتبرعات = التبرعات) and name parts kept whole with every letter
    they own (والاديب = الاديب) (the default)."""
    return Analyzer(name, name_safe(light10_stacked, load_names(), SHORTEST_CLITICS), load_stopwords(),
                    word_lists=(sorted_names(),))


def _light(name: str) -> Analyzer:
    """Plain light10, as Lucene's ArabicAnalyzer."""
    return Analyzer(name, light10, load_stopwords())


def _exact(name: str) -> Analyzer:
    """Normalization only, no stemming."""
    return Analyzer(name, no_stem, load_stopwords())


# name@version → factory. What a registered name produces must never change: change it under a new version (and
# list the name in indexer/analyzers.py too).
ANALYZER_SPECS: Mapping[str, Callable[[str], Analyzer]] = MappingProxyType(
    {"ar_light@3": _light_stacked, "ar_light@2": _light_names, "ar_light@1": _light, "ar_exact@1": _exact})


def get_analyzer(name: str = DEFAULT_ANALYZER) -> Analyzer:
    """A fresh analyzer by registered name; unknown names raise UnknownAnalyzer listing the known ones."""
    if name not in ANALYZER_SPECS:
        raise UnknownAnalyzer(name, sorted(ANALYZER_SPECS))
    return ANALYZER_SPECS[name](name)
