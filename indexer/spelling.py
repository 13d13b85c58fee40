"""Two normalized words or names → an Arabic-aware edit cost (letters writers and transliterations confuse cost half),
and whether they are spellings of one name: read by the entity grouping and by search."""

from __future__ import annotations

import re

# Letters a writer or a transliteration confuses, each group with why: an edit inside a group costs half an edit.
# Words are normalized first, so أ إ آ → ا, ى → ي, ة → ه are no edit at all.
CHEAP_SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("اءؤئ", "hamza seats: the hamza written on alef, waw, ya or alone"),
    ("جغقك", "the Latin g and q: ماكجواير، ماكغواير، ماكقواير"),
    ("تط", "t, plain or emphatic"),
    ("دض", "d, plain or emphatic"),
    ("سصث", "s, plain, emphatic or th"),
    ("زذظ", "z and dh"),
    ("هح", "h, soft or hard"),
    ("فڤ", "v written as f"),
    ("بپ", "p written as b"),
)
CHEAP_GAPS = "اويء"  # long vowels and the hamza, written or left out (ماكجواير، ماكجوير): half an edit
CHEAP = 0.5


def _cheap_pairs() -> frozenset[tuple[str, str]]:
    return frozenset((a, b) for letters, _ in CHEAP_SUBSTITUTIONS for a in letters for b in letters if a != b)


_PAIRS = _cheap_pairs()


def arabic_cost(a: str, b: str) -> float:
    """Edits from `a` to `b`, each 1, but 0.5 inside a group of CHEAP_SUBSTITUTIONS or for a CHEAP_GAPS letter.

    >>> arabic_cost("ماكغواير", "ماكجواير"), arabic_cost("ماكجوير", "ماكجواير"), arabic_cost("مكتب", "مكتل")
    (0.5, 0.5, 1.0)
    """
    from rapidfuzz.distance import Levenshtein  # imported on first use: searches without fuzzy words never need it

    cost = 0.0
    for op in Levenshtein.editops(a, b):
        if op.tag == "replace":
            cost += CHEAP if (a[op.src_pos], b[op.dest_pos]) in _PAIRS else 1.0
        elif op.tag == "insert":
            cost += CHEAP if b[op.dest_pos] in CHEAP_GAPS else 1.0
        else:
            cost += CHEAP if a[op.src_pos] in CHEAP_GAPS else 1.0
    return cost


_ARABIC = re.compile("[\u0600-\u06ff]")


def close_spellings(a: str, b: str, short_vowels: bool = False) -> bool:
    """Are two normalized names of one script spellings of one name? From six letters on, at most two cheap edits
    (or one plain one) apart; under six, one cheap edit, and no long vowel written or left out unless `short_vowels`
    (a transliterated brand: تسلا = تيسلا; but the Arabic names سعد and سعود differ by one).
    (ماكجواير = ماكغواير, نتنياهو = نتانياهو, هيفاء = هيفا; not كينيدي = غاندي or سعود = سعيد, whose consonant
    skeletons agree.)

    >>> close_spellings("نتنياهو", "نتانياهو"), close_spellings("هيفاء", "هيفا"), close_spellings("سعد", "سعود")
    (True, True, False)
    >>> close_spellings("كينيدي", "غاندي"), close_spellings("سعود", "سعيد"), close_spellings("تسلا", "تيسلا", True)
    (False, False, True)
    """
    if min(len(a), len(b)) >= 6:
        return arabic_cost(a, b) <= 2 * CHEAP
    return arabic_cost(a, b) <= CHEAP and (short_vowels or len(a.replace("ء", "")) == len(b.replace("ء", "")))


def one_script(a: str, b: str) -> bool:
    """Are both written in Arabic letters, or both without any?"""
    return bool(_ARABIC.search(a)) == bool(_ARABIC.search(b))
