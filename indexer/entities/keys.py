"""Entity names → comparison keys: proclitics stripped, Arabic and Latin spellings folded to one consonant skeleton."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from indexer.normalize import normalize

# Arabic letters → sound classes; long vowels, hamza, ain and weak letters carry no class (dropped).
_ARABIC_CLASSES = str.maketrans({
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s", "ج": "k", "غ": "k", "ق": "k", "ك": "k",
    "گ": "k", "ح": "h", "خ": "h", "ه": "h", "ة": "", "د": "d", "ض": "d", "ذ": "z", "ز": "z", "ظ": "z", "ر": "r",
    "ش": "x", "ف": "f", "ڤ": "f", "ل": "l", "م": "m", "ن": "n", "ا": "", "و": "", "ي": "", "ى": "", "ء": "",
    "أ": "", "إ": "", "آ": "", "ئ": "", "ؤ": "", "ع": "", "چ": "x", "ژ": "z",
})
_ARABIC_VOWELLED = {code: cls or "." for code, cls in _ARABIC_CLASSES.items()}  # the letters without a class mark a vowel
# Latin spellings → the same classes (g/c/q/k and the Arabic ج غ ق ك share one; v→f, p→b as Arabic writes them).
_LATIN_RULES = [("x", "ks"), ("sch", "x"), ("sh", "x"), ("ch", "x"), ("ph", "f"), ("th", "t"), ("kh", "h"), ("gh", "k"),
                ("ck", "k"), ("ce", "se"), ("ci", "si"), ("cy", "sy"), ("c", "k"), ("q", "k"), ("g", "k"), ("j", "k"), ("v", "f"), ("p", "b"),
                ("w", ""), ("y", "")]
_LATIN_VOWELS = re.compile("[aeiou]")
_REPEATS = re.compile(r"(.)\1+")
_LATIN = re.compile("[a-z]")
_ARABIC = re.compile("[\u0600-\u06ff]")


def token_key(token: str, w_as: str = "") -> str:
    """One name token → its consonant skeleton: لازارد → lzrd, Lazard → lzrd, ماكجواير → mkr, McGuire → mkr;
    a final h is dropped (الجزيرة → kzr as Jazeera) and, past two consonants, a final z is an s (رويترز → rtrs as
    Reuters). A Latin w is a vowel (Walker = والكر) unless `w_as` says
    otherwise ("f": the German reading, Weiss = فايس)."""
    return _skeleton(token, w_as, "")


def vowelled_key(token: str) -> str:
    """token_key with a dot where vowels stand between consonants (غوغل → k.kl, as Google; جيلي → k.l; المراعي → mr,
    إعمار → m.r, as Emaar): it tells apart short names token_key confuses."""
    return _skeleton(token, "", ".")


@functools.lru_cache(maxsize=1 << 16)  # a value's keys are asked for several times while it is grouped
def vowelled_keys(token: str) -> tuple[tuple[str, str], ...]:
    """(key, vowelled key) of each reading of a token: a Latin w as a vowel, then, if that differs, read the German
    way, as f (Weiss = فايس; Wagner = فاغنر), which Arabic uses for German and Dutch names.

    >>> vowelled_keys("Weiss")
    (('s', 's'), ('fs', 'f.s'))
    """
    readings = [("", token_key(token))]
    german = token_key(token, w_as="f")
    if german != readings[0][1]:
        readings.append(("f", german))
    return tuple((key, _skeleton(token, w_as, ".")) for w_as, key in readings)


@functools.lru_cache(maxsize=1 << 18)  # names share their words: most tokens are keyed many times
def _skeleton(token: str, w_as: str, vowel: str) -> str:
    word = normalize(token)
    if word.startswith(("ال", "al")) and len(word) > 4:  # the same on both sides: الكسندر and Alexander
        word = word[2:]
    if _LATIN.search(word):
        for old, new in _LATIN_RULES:
            word = word.replace(old, w_as if old == "w" else new)
        word = _LATIN_VOWELS.sub(vowel, word)
        word = re.sub("[^a-z.]", "", word)
    else:
        word = word.translate(_ARABIC_CLASSES if not vowel else _ARABIC_VOWELLED)
        word = re.sub("[^a-z.]", "", word)
    word = _REPEATS.sub(r"\1", word)
    word = word.strip(".") if vowel else word.replace(".", "")  # inside a vowelled key one dot marks the vowels
    if len(word) > 2 and word.endswith("z"):  # English final s sounds z and is written ز (Reuters = رويترز)
        word = word[:-1] + "s"
    word = word[:-1] if len(word) > 1 and word.endswith("h") else word  # ة and a final h are often not written
    return word.rstrip(".")


# Where a word's vowels stand around its consonants, for telling a transliteration from a chance skeleton match.
_ARABIC_VOWEL_LETTERS = frozenset("اويىءأإآئؤع")  # a long vowel, a hamza seat or ain: a vowel a Latin spelling writes
_OTHER_LATIN_VOWELS = str.maketrans("øœæı", "oeai")  # vowels NFKD leaves whole (Ødegaard, Akıncı)
_OPEN_ENDS = frozenset("هةعء")  # an Arabic end a Latin spelling may or may not write as a vowel (جدة = Jeddah, Jedda)


@functools.lru_cache(maxsize=1 << 16)
def vowel_frame(token: str, w_as: str = "") -> tuple[str, tuple[bool, ...], str, str, bool]:
    """One token → (its consonant classes as token_key aligns them, for each gap between them whether a vowel is
    written there, how it starts, how it ends, whether an article was dropped): a start or end is "V" (a vowel), "C"
    (a consonant) or "?" (either may stand for the other's: a Latin cluster an Arabic alef may open (ستانفورد،
    إستانفورد), a final e, h, ة or ain). The start is read without the article, as the key is (السعيد starts like
    Saeed, not like acid). A Latin y, and w unless `w_as` reads it, is a vowel; Mc is Mac (ماكدونالدز).

    >>> vowel_frame("Tesla"), vowel_frame("تواصل")
    (('tsl', (True, False), 'C', 'V', False), ('tsl', (True, False), 'C', 'C', False))
    """
    word = normalize(token)
    article = word.startswith(("ال", "al")) and len(word) > 4
    word = word[2:] if article else word
    latin = bool(_LATIN.search(word))
    if latin:
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
        word = ("mac" + word[2:] if word.startswith("mc") else word).translate(_OTHER_LATIN_VOWELS)
        last = word.rstrip("'.-")[-1:]
        for old, new in _LATIN_RULES:
            word = word.replace(old, (w_as or "a") if old == "w" else "a" if old == "y" else new)
        word = re.sub("[^a-z.]", "", _LATIN_VOWELS.sub(".", word))
    else:
        last = word[-1:]
        word = re.sub("[^a-z.]", "", word.translate(_ARABIC_VOWELLED))
    consonants: list[str] = []
    gaps = [False]
    for ch in word:
        if ch == ".":
            gaps[-1] = True
        elif not consonants or consonants[-1] != ch:  # a repeated consonant is one, as in the key
            consonants.append(ch)
            gaps.append(False)
    first = "?" if not consonants else "V" if gaps[0] else \
        "?" if latin and len(consonants) > 1 and not gaps[1] else "C"
    end = "V" if gaps[-1] else "C"
    if len(consonants) > 1 and consonants[-1] == "h":  # a final h is not in the key (ة, Jeddah)
        consonants.pop()
        tail = gaps.pop()
        gaps[-1] = gaps[-1] or tail
        end = "?"
    if len(consonants) > 2 and consonants[-1] == "z":
        consonants[-1] = "s"
    if (latin and last == "e") or (not latin and last in _OPEN_ENDS):
        end = "?"
    return "".join(consonants), tuple(gaps[1:-1]), first, end, article


def _frames_agree(arabic: str, latin: str, w_as: str) -> bool:
    """Could the Latin token be written so in Arabic? Same consonants; the same start and end (a vowel or not) where
    both are definite; and a vowel the Arabic writes between consonants stands there in the Latin too (a short
    vowel the Arabic leaves out is no difference). When both drop an article, the start decides nothing (الكسندر =
    Alexander)."""
    a_cons, a_gaps, a_first, a_end, a_article = vowel_frame(arabic)
    l_cons, l_gaps, l_first, l_end, l_article = vowel_frame(latin, w_as)
    if a_cons != l_cons:
        return False
    if a_article and l_article:
        a_first = l_first = "?"
    if "?" not in (a_first, l_first) and a_first != l_first or "?" not in (a_end, l_end) and a_end != l_end:
        return False
    return all(l_vowel or not a_vowel for a_vowel, l_vowel in zip(a_gaps, l_gaps, strict=True))


def transliterates(a: str, b: str, kind: str = "") -> bool:
    """Could two names keyed alike (by `kind`'s key) be one name in two scripts? Word by word, each Arabic word
    against the Latin word keyed alike must agree on where vowels stand (_frames_agree), in the Latin w's reading
    that keys them alike (Weiss = فايس read the German way): تسلا = Tesla, not تواصل or اتصال; سعود = Saud, not acid.

    >>> transliterates("تسلا", "Tesla"), transliterates("تواصل", "Tesla"), transliterates("سعود", "acid")
    (True, False, False)
    """
    words_a, words_b = _keyed_tokens(a, kind), _keyed_tokens(b, kind)
    if len(words_a) != len(words_b):
        return True  # not aligned word by word: the key alone decides, as before
    for x, y in zip(words_a, words_b, strict=True):
        if bool(_ARABIC.search(x)) == bool(_ARABIC.search(y)):
            continue
        arabic, latin = (x, y) if _ARABIC.search(x) else (y, x)
        if not any(_frames_agree(arabic, latin, w_as) for w_as in ("", "f")):
            return False
    return True


def _keyed_tokens(name: str, kind: str) -> tuple[str, ...]:
    """The tokens a name's key is made of, as key_of(kind) reads them (corporate words dropped, acronyms spelled)."""
    tokens = name.split()
    if kind == "firm":
        while len(tokens) > 1 and normalize(tokens[-1]).strip(".,") in CORPORATE_SUFFIXES:
            tokens.pop()
        if len(tokens) > 1 and tokens[0] in ("The", "the"):
            tokens.pop(0)
    return tuple(part for token in tokens for part in spelled(_LATIN_ARTICLE.sub("", token)) if token_key(part))


# How Arabic spells Latin letters read out one by one (CNN = سي إن إن, C Street = سي ستريت).
LETTER_NAMES = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    "إيه", "بي", "سي", "دي", "إي", "إف", "جي", "إتش", "آي", "جيه", "كيه", "إل", "إم", "إن", "أو", "بي", "كيو",
    "آر", "إس", "تي", "يو", "في", "دبليو", "إكس", "واي", "زد"), strict=True))
_ACRONYM = re.compile("[A-Z]{1,4}")
_LATIN_ARTICLE = re.compile("^(?:[Aa]l|[Ee]l)(?:-|$)")  # Al Jazeera, Al-Fanar: the Arabic article, dropped as in Arabic


def spelled(token: str) -> list[str]:
    """A Latin acronym (up to four capitals) → its letters as Arabic writes them; any other token → itself.

    >>> spelled("CNN"), spelled("Lazard")
    (['سي', 'إن', 'إن'], ['Lazard'])
    """
    return [LETTER_NAMES[c] for c in token] if _ACRONYM.fullmatch(token) else [token]


@functools.lru_cache(maxsize=1 << 16)  # a value's keys are asked for several times while it is grouped
def name_key(name: str, w_as: str = "") -> str:
    """A whole name → the keys of its tokens, عبد joined to the word after it, acronyms read letter by letter and a
    Latin article dropped: أفينو كابيتال and Avenue Capital → 'fn kbtl'; CNN and سي إن إن → 's n n'; Al Jazeera and
    الجزيرة → 'kzr'; عبد العزيز and عبدالعزيز → one key.

    >>> name_key("أفينو كابيتال") == name_key("Avenue Capital"), name_key("لازارد") == name_key("Lazard")
    (True, True)
    """
    tokens = [part for token in _servant_joined(name.split()) for part in spelled(_LATIN_ARTICLE.sub("", token))]
    return " ".join(k for k in (token_key(t, w_as) for t in tokens) if k)


_SERVANT = frozenset({"عبد"})  # "servant of", one name with the word after it: عبد العزيز = عبدالعزيز


def _servant_joined(tokens: list[str]) -> list[str]:
    """A name's words with عبد written onto the word after it, as news writes it either way (عبد الله, عبدالله)."""
    out: list[str] = []
    for token in tokens:
        if out and out[-1] in _SERVANT:
            out[-1] += token
        else:
            out.append(token)
    return out


# Descriptors a firm is registered with, part of its name (مجموعة نخلة المالية = Nakhla Financial Group), which
# tell no firms apart (مجموعة نخلة = نخلة). Here rather than in lexicon.py, which a search need not load.
REGISTERED_HEADS = frozenset(normalize(w) for w in ("مجموعة",))
# Words that end a firm's name without telling firms apart (الفنار القابضة = الفنار, C Street Advisory Group).
CORPORATE_SUFFIXES = frozenset(normalize(w) for w in (
    "القابضة", "الاستشارية", "المحدودة", "جروب", "غروب", "هولدينغ", "Holding", "Holdings", "Group", "Inc", "Ltd",
    "LLC", "Corp", "Corporation", "PLC", "Advisory",
))


@functools.lru_cache(maxsize=1 << 16)  # a value's keys are asked for several times while it is grouped
def firm_key(name: str, w_as: str = "") -> str:
    """A firm's name → the name_key of its words without trailing corporate words or a leading English "The" or
    مجموعة, at least one word kept.

    >>> firm_key("سي ستريت الاستشارية") == firm_key("C Street Group") == name_key("سي ستريت")
    True
    """
    tokens = name.split()
    while len(tokens) > 1 and normalize(tokens[-1]).strip(".,") in CORPORATE_SUFFIXES:
        tokens.pop()
    if len(tokens) > 1 and (tokens[0] in ("The", "the") or normalize(tokens[0]) in REGISTERED_HEADS):
        tokens.pop(0)  # The Wall Street Journal = وول ستريت جورنال; مجموعة نخلة = نخلة
    return name_key(" ".join(tokens), w_as)


def without_family(name: str) -> str:
    """A person's name without the family name a lineage ends with (سلمان بن عبدالعزيز آل سعود → سلمان بن
    عبدالعزيز: news names him either way); any other name as it is."""
    tokens = name.split()
    if len(tokens) > 3 and normalize(tokens[-2]) in _FAMILY and any(normalize(t) in LINEAGE_LINKS for t in tokens[:-2]):
        return " ".join(tokens[:-2])
    return name


_FAMILY = frozenset({normalize("آل")})  # "the house of", before a family's name
LINEAGE_LINKS = frozenset(normalize(w) for w in ("بن", "ابن", "بنت", "ولد"))  # "son of", "daughter of"


@functools.lru_cache(maxsize=1 << 16)
def person_key(name: str, w_as: str = "") -> str:
    """A person's name → the name_key of it without the family name its lineage ends with."""
    return name_key(without_family(name), w_as)


def key_of(kind: str) -> Callable[..., str]:
    """How names of one kind are told apart: a firm's by firm_key, a person's by person_key, any other's by
    name_key."""
    return firm_key if kind == "firm" else person_key if kind == "person" else name_key


def keys_of(kind: str) -> Callable[[str], tuple[str, ...]]:
    """Like key_of, a name → its key, then its key with a Latin w read the German way if that differs."""
    return functools.partial(_with_german_w, key_of(kind))


def _with_german_w(key: Callable[..., str], text: str) -> tuple[str, ...]:
    first, german = key(text), key(text, w_as="f")
    return (first,) if german == first else (first, german)


def last_token(name: str) -> str:
    return name.split()[-1] if name.split() else ""
