"""Raw text → word spans (start, end) in str offsets; the text itself is never changed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from indexer import chars

_MARKS = f"{chars.HARAKAT_CLASS}{chars.TATWEEL}"
_ARABIC_WORD = f"[{_MARKS}]*[{chars.ARABIC_LETTER_CLASS}][{chars.ARABIC_LETTER_CLASS}{_MARKS}]*"
# A proclitic written straight onto a Latin word or a number (وDell, لـCNBC, و٢٠٢٤) is skipped: the word is the rest.
_PROCLITIC = "(?:وال|فال|بال|كال|لل|ال|و|ف|ب|ل|ك)"
_WORD = re.compile(
    f"(?:{_PROCLITIC}{chars.TATWEEL}*)?(?P<latin>[{chars.LATIN_WORD_CLASS}]+)"
    f"|(?:{_PROCLITIC}{chars.TATWEEL}*)?(?P<digits>[{chars.EASTERN_DIGIT_CLASS}]+)"
    f"|(?P<arabic>{_ARABIC_WORD})"
)


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every word: Arabic words with their harakat, tatweel and hamza forms; Latin words;
    ASCII, Arabic-Indic and Persian digit runs. Punctuation, spaces and bidi/zero-width controls separate words.

    >>> text = "قالَ: وDell ربحت ١٢٣"
    >>> [text[a:b] for a, b in word_spans(text)]
    ['قالَ', 'Dell', 'ربحت', '١٢٣']
    """
    for match in _WORD.finditer(text):
        group = match.lastgroup or "arabic"
        yield match.start(group), match.end(group)
