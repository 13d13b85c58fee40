"""Normalized word → light stem (Larkey's light10, as in Lucene's ArabicStemmer); stemmers are plain str → str."""

from __future__ import annotations

from collections.abc import Callable

from indexer.clitics import ALL_CLITICS, ARTICLE, PROCLITICS

# Tried in order; the first that fits is removed (one prefix at most).
PREFIXES: tuple[str, ...] = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
# A conjunction, a preposition and the article stacked on one word (وبالتبرعات، وللمستثمرين), from the one proclitic
# table, tried before light10's own prefixes; not with ك, since وكال begins وكالة، وكالات (agency).
STACKED_PREFIXES: tuple[str, ...] = tuple(p.form for p in PROCLITICS
                                          if len(p.parts) == 3 and ARTICLE in p.parts and "ك" not in p.parts)
STACKED_THEN_LIGHT = STACKED_PREFIXES + PREFIXES  # light10_stacked's prefixes, in the order tried
# Tried in order; each that fits is removed (so ات then ه may both go).
# Text is normalized first, so ة is already ه and ية is يه; they stay listed for unnormalized input.
SUFFIXES: tuple[str, ...] = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")


def _is_arabic(word: str) -> bool:
    return bool(word) and "\u0621" <= word[0] <= "\u06ff"


def strip_prefix(word: str, prefixes: tuple[str, ...] = PREFIXES) -> str:
    """Remove one light10 prefix (the first of `prefixes` that fits).

    The wa- prefix needs a word of at least 4 letters (3 left after it); the others leave at least 2 letters.
    """
    for prefix in prefixes:
        min_len = 4 if len(prefix) == 1 else len(prefix) + 2
        if len(word) >= min_len and word.startswith(prefix):
            return word[len(prefix):]
    return word


def strip_suffixes(word: str) -> str:
    """Remove light10 suffixes in table order; every suffix leaves at least 2 letters."""
    for suffix in SUFFIXES:
        if len(word) >= len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


def light10(word: str) -> str:
    """Light stem of a normalized Arabic word; other words come back unchanged.

    >>> light10("والمكالمه"), light10("ساهدات"), light10("الو"), light10("cnbc")
    ('مكالم', 'ساهد', 'الو', 'cnbc')
    """
    if not _is_arabic(word):
        return word
    return strip_suffixes(strip_prefix(word))


def light10_stacked(word: str) -> str:
    """light10 that also removes a conjunction + preposition + article stacked on the word (و/ف + ب/ل + ال).

    >>> light10_stacked("وللمستثمرين"), light10_stacked("وبالتبرعات"), light10("وبالتبرعات")
    ('مستثمر', 'تبرع', 'بالتبرع')
    """
    if not _is_arabic(word):
        return word
    return strip_suffixes(strip_prefix(word, STACKED_THEN_LIGHT))


def name_safe(stem: Callable[[str], str], names: frozenset[str],
              clitics: tuple[str, ...] = ALL_CLITICS) -> Callable[[str], str]:
    """Wrap a stemmer so known name parts stay whole (سلمان, not سلم), with an attached clitic removed (the first of
    `clitics` that leaves a name).

    >>> safe = name_safe(light10, frozenset({"سلمان"}))
    >>> safe("سلمان"), safe("لسلمان"), light10("سلمان")
    ('سلمان', 'سلمان', 'سلم')
    """

    by_letter: dict[str, list[str]] = {}  # the clitics by their first letter, in order: only those can fit a word
    for clitic in clitics:
        by_letter.setdefault(clitic[:1], []).append(clitic)

    def stem_word(word: str) -> str:
        if word in names:
            return word
        for clitic in by_letter.get(word[:1], ()):  # what may be written onto a name: ولبوتين، لهاريس، والسلمان
            if word.startswith(clitic) and word[len(clitic):] in names:
                return word[len(clitic):]
        return stem(word)

    return stem_word


# The shortest clitic first: a name keeps every letter it owns (والاديب is و + الاديب, not وال + اديب).
SHORTEST_CLITICS: tuple[str, ...] = tuple(sorted(ALL_CLITICS, key=len))


def no_stem(word: str) -> str:
    """The identity stemmer, for exact (normalized but unstemmed) matching."""
    return word

