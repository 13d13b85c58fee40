"""A word as written and its neighbours → the attributes the CRF scores (affixes, proclitic, trigger class, name
lists, letter n-gram name odds, frequency class), and a document's first-stage labels → the second stage's."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from indexer.clitics import DOCUMENT_CLITICS, TAGGER_CLITICS
from indexer.normalize import normalize

OFFSETS = (-2, -1, 0, 1, 2)  # a word's attributes are seen by the labels of the words this far from it
DOCUMENT_OFFSETS = (-1, 0, 1)  # the same for what the first stage found about the word elsewhere in the document
PAD = ""  # the word before a sentence's start and after its end

TRIGGERS = {
    "title": "السيد السيده الرئيس الرئيسه الشيخ الشيخه الامير الاميره الملك الملكه الدكتور الدكتوره المهندس الاستاذ "
             "العقيد اللواء العميد الجنرال المشير الفريق الرائد النقيب الكابتن البروفيسور القاضي الاب البابا الامام "
             "الحاج الزعيم المرشح المدرب اللاعب الفنان الفنانه الكاتب الكاتبه الشاعر المطرب المطربه المخرج الممثل "
             "الممثله السفير المستشار النائب المبعوث المندوب المفوض المتحدث الناطق الوزير الوزيره المدير المديره "
             "السلطان الامين نظيره نظيرها زوجته زوجها",
    "head": "رئيس رئيسه وزير وزيره مدير مديره امين نائب مساعد مستشار سفير متحدث ناطق عضو زعيم قائد محافظ حاكم "
            "مؤسس مالك مندوب مراسل",
    "speech": "قال قالت يقول تقول اكد اكدت يؤكد صرح صرحت اضاف اضافت اوضح اوضحت اعلن اعلنت ذكر ذكرت اشار اشارت "
              "اعتبر اعتبرت شدد شددت نفي نفت كشف كشفت دعا دعت طالب طالبت اعرب اعربت",
    "org": "شركه وزاره حزب بنك مصرف مجلس جامعه منظمه اتحاد وكاله صحيفه قناه مجموعه هيئه جمعيه مؤسسه مركز معهد "
           "لجنه جبهه حركه نادي منتخب محكمه برلمان جيش قوات صندوق مكتب اداره سلطه مفوضيه اكاديميه كليه مستشفي "
           "نقابه رابطه تحالف ائتلاف تنظيم جماعه مجله اذاعه تلفزيون شبكه بورصه مصنع مجمع كونغرس منتدي",
    "loc": "مدينه عاصمه بلده بلدة قريه ولايه اقليم محافظه منطقه جزيره جزر بحر نهر جبل شمال جنوب شرق غرب وسط "
           "حدود مطار ميناء شارع حي دوله جمهوريه مملكه اماره مخيم قطاع ضفه خليج",
}
_TRIGGER_OF = {normalize(word): kind for kind, words in TRIGGERS.items() for word in words.split()}
# the first proclitic (longest first) that leaves two letters, conjunction + preposition included (ولباراك)
_PROCLITIC = re.compile(f"(?:{'|'.join(map(re.escape, TAGGER_CLITICS))})(?=..)", re.DOTALL)
# the first conjunction or article (or both) that leaves three letters
_DOCUMENT_CLITIC = re.compile(f"(?:{'|'.join(map(re.escape, DOCUMENT_CLITICS))})(?=...)", re.DOTALL)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CLASS_NAMES = tuple(map(str, range(8)))  # a word's frequency class as an attribute value
SENTENCE_END = re.compile(r"[!?؟\n]|\.(?!\w)")  # a full stop, not the dot of 3.5 or U.S
_GAP_MARKS = {"،": "comma", ",": "comma", "؛": "comma", ";": "comma", ".": "end", "!": "end", "?": "end",
              "؟": "end", ":": "colon", "(": "open", ")": "close", "[": "open", "]": "close", '"': "quote",
              "«": "quote", "»": "quote", "“": "quote", "”": "quote", "'": "quote", "-": "dash", "–": "dash",
              "/": "slash", "\n": "line"}


def strip_proclitic(word: str) -> tuple[str, str]:
    """Normalized word → (proclitic, rest), the rest at least two letters long.

    >>> strip_proclitic("والرئيس")
    ('وال', 'رئيس')
    >>> strip_proclitic("بو")
    ('', 'بو')
    """
    match = _PROCLITIC.match(word)
    return ("", word) if match is None else (match[0], word[match.end():])


def shape(word: str) -> str:
    """A word as written → "digit", "arabic", or for Latin script "upper", "title" or "lower".

    >>> [shape(w) for w in ("CNN", "Dell", "iPhone", "2024", "قال")]
    ['upper', 'title', 'lower', 'digit', 'arabic']
    """
    if word.isdigit():
        return "digit"
    if not _LATIN.match(word):
        return "arabic"
    return "upper" if word.isupper() else "title" if word[0].isupper() else "lower"


def letter_ngrams(word: str) -> list[str]:
    """Letter 2-, 3- and 4-grams of a word between ^ and $.

    >>> letter_ngrams("زيد")
    ['^ز', 'زي', 'يد', 'د$', '^زي', 'زيد', 'يد$', '^زيد', 'زيد$']
    """
    marked = f"^{word}$"
    return [marked[i:i + n] for n in (2, 3, 4) for i in range(len(marked) - n + 1)]


@dataclass(frozen=True)
class Lexicon:
    """What word attributes know beyond the word: name parts, and how name-like its letters are (log odds of its
    letter n-grams in name parts against ordinary words, averaged)."""

    names: frozenset[str] = frozenset()
    odds: Mapping[str, float] = field(default_factory=dict)
    unseen_odds: float = 0.0  # the odds of an n-gram in neither list
    classes: Mapping[str, int] = field(default_factory=dict)  # fixed classes (training: out-of-fold ones)
    frequent: Mapping[str, int] = field(default_factory=dict)  # common words → their Zipf class, 3 to 7 (wordfreq)
    person_words: frozenset[str] = frozenset()  # words of real people's full names: known_person_words

    def frequency_class(self, word: str) -> str:
        """How common a normalized word is in Arabic at large: its Zipf class, "0" if rarer than 3 (one in a
        million words), as most names are.

        >>> Lexicon(frequent={"قال": 6}).frequency_class("قال"), Lexicon().frequency_class("قال")
        ('6', '0')
        """
        return _CLASS_NAMES[self.frequent.get(word, 0)]

    def name_class(self, word: str) -> int:
        """How name-like a normalized Arabic word is, from -4 to 4.

        >>> Lexicon(odds={"^ز": 9.0}).name_class("زيد")
        2
        """
        if word in self.classes:
            return self.classes[word]
        return max(-4, min(4, math.floor(2 * self.name_odds(word))))

    def name_odds(self, word: str) -> float:
        """Mean log odds of the word's letter n-grams, of the word or of it without its proclitic if higher."""
        return max(map(self._mean_odds, {word, strip_proclitic(word)[1]}))

    def _mean_odds(self, word: str) -> float:
        grams = letter_ngrams(word)
        return sum(map(self.odds.get, grams, itertools.repeat(self.unseen_odds, len(grams)))) / len(grams)


class GramOdds:
    """A Lexicon's letter n-gram odds in numpy tables (letters as digits, an n-gram looked up by its first n-1
    letters' row and its last letter's digit): the name classes of many words at once, equal to
    Lexicon.name_class."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        letters = np.unique(code_points("".join(lexicon.odds)))
        # the digit of each code point up to the last letter's, 1… for the letters, 0 for any other (the last entry
        # stands for every code point above)
        self._digit = np.zeros(int(letters.max(initial=0)) + 2, dtype=np.intp)
        self._digit[letters] = np.arange(1, len(letters) + 1)
        self._base = len(letters) + 1
        self._tables = {n: self._gram_table(n) for n in (2, 3, 4)}

    def name_classes(self, words: Sequence[str], rests: Sequence[str] | None = None) -> dict[str, int]:
        """Normalized words (and each one's rest after strip_proclitic, when known) → Lexicon.name_class of each
        (computed by it where 2 × odds is within 1e-9 of a class boundary, so that numpy's rounding cannot change a
        class).

        >>> GramOdds(Lexicon(odds={"^ز": 9.0, "ال": -3.0})).name_classes(["زيد", "الزيد", "قال"])
        {'زيد': 2, 'الزيد': 2, 'قال': -1}
        """
        rests = [strip_proclitic(word)[1] for word in words] if rests is None else rests
        cut = [i for i, (word, rest) in enumerate(zip(words, rests, strict=True)) if rest != word]
        odds = self._mean_odds([*words, *[rests[i] for i in cut]])
        rest_odds = odds[:len(words)].copy()
        rest_odds[cut] = odds[len(words):]
        doubled = 2 * np.maximum(odds[:len(words)], rest_odds)
        classes = np.clip(np.floor(doubled), -4, 4).astype(int).tolist()
        near = (np.abs(doubled - np.round(doubled)) < 1e-9).tolist()
        return {word: self.lexicon.name_class(word) if near[i] or word in self.lexicon.classes else classes[i]
                for i, word in enumerate(words)}

    def _gram_table(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The n-grams' odds: (row of each code of n-1 letters, 0 for none; odds by [row, digit of the last letter],
        unseen_odds where the lexicon has none)."""
        grams = [gram for gram in self.lexicon.odds if len(gram) == n]
        digits = self._digits("".join(grams)).reshape(-1, n)
        prefixes, row = np.unique(self._codes(digits[:, :-1].T), return_inverse=True)
        rows = np.zeros(self._base ** (n - 1), dtype=np.intp)
        rows[prefixes] = np.arange(1, len(prefixes) + 1)
        odds = np.full((len(prefixes) + 1, self._base), self.lexicon.unseen_odds, dtype=np.float64)
        odds[row.reshape(-1) + 1, digits[:, -1]] = [self.lexicon.odds[gram] for gram in grams]
        return rows, odds

    def _mean_odds(self, words: Sequence[str]) -> np.ndarray:
        """Mean odds of each word's letter n-grams (letter_ngrams), summed in their order."""
        if not words:
            return np.zeros(0)
        lengths = np.fromiter(map(len, words), dtype=np.intp, count=len(words)) + 2
        starts = np.cumsum(lengths) - lengths
        digits = self._digits(f"^{'$^'.join(words)}$")
        owners, odds = [], []
        for n in (2, 3, 4):
            counts = np.maximum(lengths - n + 1, 0)
            at = np.arange(counts.sum()) + np.repeat(starts - (np.cumsum(counts) - counts), counts)
            rows, table = self._tables[n]
            owners.append(np.repeat(np.arange(len(words)), counts))
            odds.append(table[rows[self._codes(digits[at + k] for k in range(n - 1))], digits[at + n - 1]])
        owner = np.concatenate(owners)
        return np.bincount(owner, np.concatenate(odds), len(words)) / np.bincount(owner, minlength=len(words))

    def _digits(self, text: str) -> np.ndarray:
        """The digit of each letter of `text`."""
        return self._digit[np.minimum(code_points(text), len(self._digit) - 1)]

    def _codes(self, columns: Iterable[np.ndarray]) -> np.ndarray:
        """Arrays of digits, the most significant first → the numbers they write, element by element."""
        return functools.reduce(lambda codes, column: codes * self._base + column, columns)


def code_points(text: str) -> np.ndarray:
    """The code points of `text` (a lone surrogate, which JSON escapes can produce, included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def known_person_words(persons: Iterable[str], names: frozenset[str], frequent: Mapping[str, int],
                       min_class: int = 4) -> frozenset[str]:
    """Full names of real people (normalized words joined by spaces) → their words that are neither name parts
    (`names` has its own attribute) nor common words (Zipf `min_class` or more): the surnames and rarer given
    names the name lists lack (Lexicon.person_words).

    >>> sorted(known_person_words(["علي لاريجاني", "زيد ابو بكر"], frozenset({"زيد"}), {"ابو": 5, "بكر": 3}))
    ['بكر', 'علي', 'لاريجاني']
    """
    words = {word for person in persons for word in person.split(" ")}
    return frozenset(w for w in words if w not in names and frequent.get(w, 0) < min_class)


def word_attributes(written: str, lexicon: Lexicon) -> tuple[tuple[str, ...], ...]:
    """A word as written (or PAD) → its CRF attributes as seen from each offset in OFFSETS.

    >>> word_attributes("قالَ", Lexicon())[1]
    ('-1w=قال', '-1s=قال', '-1p=', '-1t=speech', '-1shape=arabic', '-1x2=ال', '-1n=0')
    """
    reached = reached_attributes(written, normalize(written), lexicon)
    return tuple(tuple(f"{k}{a}" for a, reach in reached if abs(k) <= reach) for k in OFFSETS)


def reached_attributes(written: str, word: str, lexicon: Lexicon) -> list[tuple[str, int]]:
    """A word as written (or PAD) and normalized → its attributes without offset, each with the farthest |offset|
    that sees it (2: all of OFFSETS, 1: the neighbours, 0: the word itself).

    >>> reached_attributes("قالَ", "قال", Lexicon())[:4]
    [('w=قال', 2), ('s=قال', 2), ('p=', 1), ('t=speech', 2)]
    """
    if written == PAD:
        return [("pad", 2)]
    clitic, rest = strip_proclitic(word)
    kind = shape(written)
    reached = [(f"w={word}", 2), (f"s={rest}", 2), (f"p={clitic}", 1)]
    if word in lexicon.names:
        reached.append(("name", 2))
    elif rest in lexicon.names:
        reached.append(("sname", 2))
    if rest in _TRIGGER_OF:
        reached.append((f"t={_TRIGGER_OF[rest]}", 2))
    if word in lexicon.person_words or rest in lexicon.person_words:
        reached.append(("kp", 2))
    reached += [(f"shape={kind}", 1), (f"x2={word[-2:]}", 1)]
    if kind == "arabic":
        reached.append((f"n={lexicon.name_class(word)}", 1))
    if clitic.endswith("ال") and word.endswith("ي"):
        reached.append(("nisba", 1))
    reached += [(f"x3={word[-3:]}", 0), (f"x4={word[-4:]}", 0), (f"b2={rest[:2]}", 0), (f"b3={rest[:3]}", 0),
                (f"len={min(len(rest), 9)}", 0), (f"f={lexicon.frequency_class(word)}", 0),
                (f"fs={lexicon.frequency_class(rest)}", 0)]
    return reached


def attribute_columns(written: Sequence[str], words: Sequence[str], lexicon: Lexicon,
                      gram_odds: GramOdds | None = None) -> list[tuple[str, list[str | None], int]]:
    """Words as written (not PAD) and normalized → their reached_attributes as columns in its order: (prefix, each
    word's value, None where the word has no such attribute, reach); an attribute is its prefix + a value.
    `gram_odds` (of `lexicon`) finds the Arabic words' name classes all at once.

    >>> [(p, v, r) for p, v, r in attribute_columns(["قالَ"], ["قال"], Lexicon()) if v != [None]][:4]
    [('w=', ['قال'], 2), ('s=', ['قال'], 2), ('p=', [''], 1), ('t=', ['speech'], 2)]
    """
    clitics = [strip_proclitic(word)[0] for word in words]
    rests = [word[len(clitic):] for word, clitic in zip(words, clitics, strict=True)]
    shapes = [shape(word) for word in written]
    arabic = [i for i, kind in enumerate(shapes) if kind == "arabic"]
    if gram_odds is None:
        classes = {words[i]: lexicon.name_class(words[i]) for i in arabic}
    else:
        classes = gram_odds.name_classes([words[i] for i in arabic], [rests[i] for i in arabic])
    pairs = list(zip(words, rests, strict=True))
    frequent = lexicon.frequent.get
    return [
        ("w=", list(words), 2), ("s=", rests, 2), ("p=", clitics, 1),
        ("", ["name" if word in lexicon.names else "sname" if rest in lexicon.names else None for word, rest in pairs],
         2),
        ("t=", [_TRIGGER_OF.get(rest) for rest in rests], 2),
        ("", ["kp" if word in lexicon.person_words or rest in lexicon.person_words else None for word, rest in pairs],
         2),
        ("shape=", shapes, 1),
        ("x2=", [word[-2:] for word in words], 1),
        ("n=", [f"{classes[word]}" if kind == "arabic" else None
                for word, kind in zip(words, shapes, strict=True)], 1),
        ("", ["nisba" if clitic.endswith("ال") and word.endswith("ي") else None
              for word, clitic in zip(words, clitics, strict=True)], 1),
        ("x3=", [word[-3:] for word in words], 0), ("x4=", [word[-4:] for word in words], 0),
        ("b2=", [rest[:2] for rest in rests], 0), ("b3=", [rest[:3] for rest in rests], 0),
        ("len=", [f"{min(len(rest), 9)}" for rest in rests], 0),
        ("f=", [_CLASS_NAMES[frequent(word, 0)] for word in words], 0),
        ("fs=", [_CLASS_NAMES[frequent(rest, 0)] for rest in rests], 0),
    ]


def gap_attributes(gap: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Text between two words → (attributes of the word after it, attributes of the word before it).

    >>> gap_attributes(" ، ")
    (('<comma',), ('>comma',))
    """
    marks = sorted({_GAP_MARKS.get(c, "other") for c in gap if not c.isspace() or c == "\n"})
    return tuple(f"<{m}" for m in marks), tuple(f">{m}" for m in marks)


def split_gap(gap: str) -> tuple[str, str]:
    """Text between two sentences → (the end of the first, the start of the next), cut after the last stop.

    >>> split_gap('. «')
    ('.', ' «')
    """
    last = max((m.end() for m in SENTENCE_END.finditer(gap)), default=0)
    return gap[:last], gap[last:]


def document_key(word: str) -> str:
    """Normalized word → the form its other mentions in a document share: without و, ف and ال.

    >>> [document_key(w) for w in ("والبدري", "البدري", "بدري")]
    ['بدري', 'بدري', 'بدري']
    """
    match = _DOCUMENT_CLITIC.match(word)
    return word if match is None else word[match.end():]


def document_attributes(keys: Sequence[str], labels: Sequence[str]) -> list[tuple[tuple[str, ...], ...]]:
    """Document keys of a document's words and their first-stage labels → for each word, its own label and the
    labels given to the other words of the document with its key, as attributes seen from DOCUMENT_OFFSETS
    (() if it has none).

    >>> document_attributes(["بدري", "قال", "بدري"], ["B-PER", "O", "O"])[1:]
    [(), (('-1dB=PER',), ('0dB=PER',), ('1dB=PER',))]
    """
    counts: dict[str, Counter[str]] = {}
    for key, label in zip(keys, labels, strict=True):
        if label != "O":
            counts.setdefault(key, Counter())[label] += 1
    found: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
    for key, label in {(k, lab) for k, lab in zip(keys, labels, strict=True) if k in counts}:
        named = sorted(f"d{other[0]}={other[2:]}" for other, n in counts[key].items() if n > (other == label))
        named += [f"own={label}"] if label != "O" else []
        found[key, label] = tuple(tuple(f"{k}{a}" for a in named) for k in DOCUMENT_OFFSETS) if named else ()
    return [found.get((key, label), ()) for key, label in zip(keys, labels, strict=True)]


def sentence_attributes(words: Sequence[str], gaps: Sequence[str], lexicon: Lexicon) -> list[list[str]]:
    """Words of one sentence as written and the n+1 texts around them → each word's CRF attributes (training form).

    NerTagger scores exactly these attributes, summed from per-word and per-gap tables.

    >>> [len(a) for a in sentence_attributes(["قال", "زيد"], ["", " ", " ."], Lexicon())]
    [24, 25]
    """
    padded = [PAD, PAD, *words, PAD, PAD]
    table = {word: word_attributes(word, lexicon) for word in padded}
    rows = []
    for i in range(len(words)):
        row = ["bias", *gap_attributes(gaps[i])[0], *gap_attributes(gaps[i + 1])[1]]
        for j, k in enumerate(OFFSETS):
            row.extend(table[padded[i + 2 + k]][j])
        rows.append(row)
    return rows


