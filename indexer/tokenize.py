"""Raw text → word spans (start, end) in str offsets; the text itself is never changed."""

from __future__ import annotations

import re
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
    if _ATTACHED.search(text) is None:  # no Arabic written straight onto a Latin word or number: no proclitic to drop
        return [match.span() for match in _WORD.finditer(text)]
    return list(_spans_without_proclitics(text))


def _spans_without_proclitics(text: str) -> Iterator[tuple[int, int]]:
    """The word spans of `text`, a short Arabic word that is a proclitic of the Latin word or number it is written
    onto left out."""
    pending: tuple[int, int] | None = None  # a short Arabic word that may be a proclitic of the next word
    for match in _WORD.finditer(text):
        start, end = match.span()
        if pending is not None:
            if not (pending[1] == start and match.lastgroup and _PROCLITIC.fullmatch(text, *pending)):
                yield pending
            pending = None
        if match.lastgroup is None and end - start <= 5:
            pending = (start, end)
        else:
            yield start, end
    if pending is not None:
        yield pending
