"""Raw text → word spans (start, end) in str offsets; the text itself is never changed."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from indexer import chars

_MARKS = f"{chars.HARAKAT_CLASS}{chars.TATWEEL}"
_WORD = re.compile(
    f"(?P<latin>[{chars.LATIN_WORD_CLASS}]+)"
    f"|(?P<digits>[{chars.EASTERN_DIGIT_CLASS}]+)"
    f"|[{_MARKS}]*[{chars.ARABIC_LETTER_CLASS}][{chars.ARABIC_LETTER_CLASS}{_MARKS}]*"
)
# An Arabic letter or mark right before a Latin letter or digit: the only place a proclitic can be attached.
_ATTACHED = re.compile(f"[{chars.ARABIC_LETTER_CLASS}{_MARKS}][{chars.LATIN_WORD_CLASS}{chars.EASTERN_DIGIT_CLASS}]")
# A proclitic written straight onto a Latin word or a number (وDell, لـCNBC, و٢٠٢٤) is not a word of its own.
_PROCLITIC = re.compile(f"(?:وال|فال|بال|كال|لل|ال|و|ف|ب|ل|ك){chars.TATWEEL}*")


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word: Arabic words with their harakat, tatweel and hamza forms; Latin words;
    ASCII, Arabic-Indic and Persian digit runs. Punctuation, spaces and bidi/zero-width controls separate words.

    >>> text = "قالَ: وDell ربحت ١٢٣"
    >>> [text[a:b] for a, b in word_spans(text)]
    ['قالَ', 'Dell', 'ربحت', '١٢٣']
    """
    spans = [match.span() for match in _WORD.finditer(text)]
    dropped = set(_attached_proclitics(text, spans))
    return [span for i, span in enumerate(spans) if i not in dropped] if dropped else spans


def _attached_proclitics(text: str, spans: list[tuple[int, int]]) -> Iterator[int]:
    """Indexes of the short Arabic words in `spans` that are a proclitic of the Latin word or number written
    straight after them."""
    ends = None
    for match in _ATTACHED.finditer(text):
        ends = [end for _, end in spans] if ends is None else ends
        i = bisect_left(ends, match.end() - 1)
        if i + 1 < len(spans) and ends[i] == match.end() - 1 == spans[i + 1][0]:
            start, end = spans[i]
            if end - start <= 5 and _PROCLITIC.fullmatch(text, start, end):
                yield i
