"""One token's original text → its normalized form, as a fold over small named rules (Lucene's ArabicNormalizer)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from indexer import chars

_HARAKAT = re.compile(f"[{chars.HARAKAT_CLASS}]")
_ALEF_FORMS = str.maketrans(
    {c: chars.ALEF for c in (chars.ALEF_MADDA, chars.ALEF_HAMZA_ABOVE, chars.ALEF_HAMZA_BELOW, chars.ALEF_WASLA)}
)
_DIGITS = str.maketrans(
    {**{d: str(i) for i, d in enumerate(chars.ARABIC_INDIC_DIGITS)},
     **{d: str(i) for i, d in enumerate(chars.PERSIAN_DIGITS)}}
)


def nfkc(word: str) -> str:
    """Presentation forms and compatibility characters → base letters: ﻻ → لا, ﺍﻟﺴﻼﻡ → السلام.

    NFKC turns an isolated haraka form (U+FE70…) or a spacing accent (´) into space + mark; the space is dropped
    and the result composed again, so the rule is idempotent.

    >>> nfkc("ﻻ")
    'لا'
    """
    folded = unicodedata.normalize("NFKC", word)
    return unicodedata.normalize("NFKC", folded.replace(" ", "")) if " " in folded else folded


def strip_harakat(word: str) -> str:
    """Remove harakat (U+064B–U+065F), superscript alef (U+0670) and Quranic marks: كَتَبَ → كتب."""
    return _HARAKAT.sub("", word)


def strip_tatweel(word: str) -> str:
    """Remove the tatweel (kashida) used to stretch words: كتـــاب → كتاب."""
    return word.replace(chars.TATWEEL, "")


def unify_alef(word: str) -> str:
    """أ إ آ ٱ → ا: أحمد → احمد."""
    return word.translate(_ALEF_FORMS)


def yeh_for_alef_maksura(word: str) -> str:
    """ى → ي: مستشفى → مستشفي."""
    return word.replace(chars.ALEF_MAKSURA, chars.YEH)


def heh_for_teh_marbuta(word: str) -> str:
    """ة → ه: فاطمة → فاطمه (Lucene's choice; ISRI keeps ة)."""
    return word.replace(chars.TEH_MARBUTA, chars.HEH)


def ascii_digits(word: str) -> str:
    """Arabic-Indic and Persian digits → ASCII: ١٢٣ → 123, ۴۵ → 45."""
    return word.translate(_DIGITS)


def casefold(word: str) -> str:
    """Latin case folding: CNBC → cnbc, Straße → strasse; what folding leaves decomposed is composed again (ß and an
    accent fold to s, s and the accent: ś)."""
    folded = word.casefold()
    return folded if folded == word or folded.isascii() else unicodedata.normalize("NFKC", folded)


NORMALIZERS: tuple[Callable[[str], str], ...] = (
    nfkc,
    strip_harakat,
    strip_tatweel,
    unify_alef,
    yeh_for_alef_maksura,
    heh_for_teh_marbuta,
    ascii_digits,
    casefold,
)


def _character_table(rules: tuple[Callable[[str], str], ...]) -> dict[int, str | None]:
    """Rules that each turn one character into at most one, and only touch the Arabic block → one translate table."""
    table: dict[int, str | None] = {}
    for code in range(0x0600, 0x0700):
        folded = char = chr(code)
        for rule in rules:
            folded = rule(folded)
        if folded != char:
            table[code] = folded or None
    return table


_CHARACTER_RULES = _character_table(NORMALIZERS[1:-1])  # between nfkc and casefold


def normalize(word: str) -> str:
    """Apply every rule of NORMALIZERS in order: nfkc, the per-character rules in one translate, casefold.

    >>> normalize("بالمكالمةِ")
    'بالمكالمه'
    >>> normalize("إلى")
    'الي'
    """
    return casefold(nfkc(word).translate(_CHARACTER_RULES))
