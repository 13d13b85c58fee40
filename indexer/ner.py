"""Arabic news text → named-entity spans (PER, ORG, LOC, MISC) with str offsets, from a linear-chain CRF."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from indexer.normalize import normalize
from indexer.stopwords import load_names
from indexer.tokenize import word_spans

MODEL_FILE = "ner_model.npz"
OFFSETS = (-2, -1, 0, 1, 2)  # a word's attributes are seen by the labels of the words this far from it
DOCUMENT_OFFSETS = (-1, 0, 1)  # the same for what the first stage found about the word elsewhere in the document
PAD = ""  # the word before a sentence's start and after its end
FORBIDDEN = -1e4  # the score of a transition BIO does not allow
COMMON_CLASS = 5  # NerTagger.common_words: Zipf 5 or more (4-fold CV of the extraction: 5 over 4 and 6)
MAX_SENTENCE = 200  # longer runs without sentence punctuation are decoded in pieces of this many words

# Proclitics stripped to find the word under them (longest first), conjunction + preposition included (ولباراك);
# ال is kept apart from the conjunctions.
PROCLITICS = ("وبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "ول", "وب", "فل", "فب", "و", "ف", "ب", "ل", "ك")
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
_PROCLITIC = re.compile(f"(?:{'|'.join(map(re.escape, PROCLITICS))})(?=..)", re.DOTALL)  # first leaving 2 letters
_DOCUMENT_CLITIC = re.compile("(?:وال|فال|ال|و|ف)(?=...)", re.DOTALL)  # the first of these leaving 3 letters
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CLASS_NAMES = tuple(map(str, range(8)))  # a word's frequency class as an attribute value
_SENTENCE_END = re.compile(r"[!?؟\n]|\.(?!\w)")  # a full stop, not the dot of 3.5 or U.S
_GAP_MARKS = {"،": "comma", ",": "comma", "؛": "comma", ";": "comma", ".": "end", "!": "end", "?": "end",
              "؟": "end", ":": "colon", "(": "open", ")": "close", "[": "open", "]": "close", '"': "quote",
              "«": "quote", "»": "quote", "“": "quote", "”": "quote", "'": "quote", "-": "dash", "–": "dash",
              "/": "slash", "\n": "line"}


@dataclass(frozen=True, slots=True)
class Span:
    """One entity mention: `text[start:end]` is a PER, ORG, LOC or MISC name."""

    label: str
    start: int
    end: int


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
        letters = np.unique(_code_points("".join(lexicon.odds)))
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
        return self._digit[np.minimum(_code_points(text), len(self._digit) - 1)]

    def _codes(self, columns: Iterable[np.ndarray]) -> np.ndarray:
        """Arrays of digits, the most significant first → the numbers they write, element by element."""
        return functools.reduce(lambda codes, column: codes * self._base + column, columns)


def _code_points(text: str) -> np.ndarray:
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
    last = max((m.end() for m in _SENTENCE_END.finditer(gap)), default=0)
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


def spans_of_labels(labels: Sequence[str], spans: Sequence[tuple[int, int]]) -> list[Span]:
    """BIO labels of words and the words' (start, end) → entity spans; an I- after another type opens a new span.

    >>> spans_of_labels(["B-PER", "I-PER", "O", "I-ORG"], [(0, 3), (4, 7), (8, 9), (10, 12)])
    [Span(label='PER', start=0, end=7), Span(label='ORG', start=10, end=12)]
    """
    return _spans([(i, label) for i, label in enumerate(labels) if label != "O"], spans)


def _spans(named: Iterable[tuple[int, str]], spans: Sequence[tuple[int, int]]) -> list[Span]:
    """(word index, label) of the words not labelled O, in order → entity spans."""
    found: list[Span] = []
    previous = -2
    for i, label in named:
        kind = label[2:]
        if previous == i - 1 and label[0] == "I" and found[-1].label == kind:
            found[-1] = Span(kind, found[-1].start, spans[i][1])
        else:
            found.append(Span(kind, *spans[i]))
        previous = i
    return found


class NerTagger:
    """A trained CRF, or two stacked: per-word score tables built once per distinct word, Viterbi over BIO labels.

    The second stage (if the model has one) also sees, for each word, the labels the first stage gave to the
    words of the document that share its key (document_key), so a name found once is found again.
    """

    def __init__(self, labels: Sequence[str], attributes: Sequence[str], weights: np.ndarray,
                 transitions: np.ndarray, lexicon: Lexicon, cache_size: int = 200_000) -> None:
        self.labels = tuple(labels)
        self._row = {attribute: i for i, attribute in enumerate(attributes)}
        attribute, self._offset_rows = _offset_rows(attributes)
        self._values_of = _values_by_prefix(attribute)
        weights = np.asarray(weights, dtype=np.float32)  # attributes × (stages · labels)
        self._weights = np.vstack([weights, np.zeros_like(weights[:1])])  # and a last row of zeros: row -1
        self._transitions = [_allowed(self.labels, t) for t in np.asarray(transitions, np.float32).reshape(
            -1, len(self.labels), len(self.labels))]
        self._start = np.array([FORBIDDEN if label.startswith("I-") else 0 for label in self.labels], np.float32)
        self._lexicon = lexicon
        self._gram_odds = GramOdds(lexicon)
        self._cache_size = cache_size
        self._bias = self._score(["bias"])
        self._documents: dict[tuple[tuple[str, ...], ...], int] = {(): 0}
        self._document_table = np.zeros((64, len(DOCUMENT_OFFSETS), len(self.labels)), dtype=np.float32)
        self._clear()

    @classmethod
    def load(cls, name: str = MODEL_FILE) -> NerTagger:
        """The model shipped in indexer/data (names_ar.txt is its name list)."""
        with resources.files("indexer").joinpath("data").joinpath(name).open("rb") as fh, \
                np.load(fh, allow_pickle=False) as model:
            return cls.from_arrays(dict(model), load_names())

    @classmethod
    def from_arrays(cls, model: Mapping[str, np.ndarray], names: frozenset[str]) -> NerTagger:
        """A tagger from the arrays of a model file: labels, attributes, weights, transitions, ngrams, odds, the
        frequency classes of common words and the words of known full names."""
        odds = dict(zip(model["ngrams"].tolist(), model["odds"].tolist(), strict=True))
        frequent = dict(zip(model["frequent_words"].tolist(), model["frequent_classes"].tolist(), strict=True))
        person_words = frozenset(model["person_words"].tolist()) if "person_words" in model else frozenset()
        lexicon = Lexicon(names, odds, float(model["unseen_odds"]), frequent=frequent, person_words=person_words)
        return cls(model["labels"].tolist(), model["attributes"].tolist(), model["weights"], model["transitions"],
                   lexicon)

    def tag(self, text: str, spans: Sequence[tuple[int, int]] | None = None) -> list[Span]:
        """Entity spans of `text`, in order (`spans`: its word_spans, when already known).

        >>> text = "قال الرئيس جورج بوش في واشنطن"
        >>> [(s.label, text[s.start:s.end]) for s in NerTagger.load().tag(text)]
        [('PER', 'جورج بوش'), ('LOC', 'واشنطن')]
        """
        spans = word_spans(text) if spans is None else spans
        best = self._best_labels(text, spans)
        named = np.flatnonzero(best != self.labels.index("O")).tolist()
        return _spans([(i, self.labels[best[i]]) for i in named], spans)

    def tag_tokens(self, text: str, spans: Sequence[tuple[int, int]], stages: int = 2) -> list[str]:
        """`text` and its word spans (from word_spans) → one BIO label per word (`stages=1`: first stage only).

        >>> text = "وصل جورج بوش"
        >>> NerTagger.load().tag_tokens(text, list(word_spans(text)))
        ['O', 'B-PER', 'I-PER']
        """
        return [self.labels[i] for i in self._best_labels(text, spans, stages).tolist()]

    def common_words(self, min_class: int = COMMON_CLASS) -> frozenset[str]:
        """Normalized words of the lexicon's frequency class `min_class` or more (Zipf: 5 is once in 10,000 words,
        4 once in 100,000)."""
        return frozenset(w for w, c in self._lexicon.frequent.items() if c >= min_class)

    @property
    def names(self) -> frozenset[str]:
        """The name parts of its lexicon (the shipped model's: names_ar.txt, normalized)."""
        return self._lexicon.names

    def normalized(self, word: str) -> str:
        """normalize(word), kept from scoring it for the words in the tagger's table."""
        i = self._words.get(word)
        return normalize(word) if i is None else self._norms[i]

    def word_scores(self, words: Sequence[str]) -> np.ndarray:
        """Words as written (or PAD) → the scores the tagger adds for them: words × OFFSETS × labels (of each stage),
        the summed weights of each word's word_attributes at each offset."""
        ids = self._word_ids(list(words))  # before the table is read: scoring new words may grow it
        return self._word_table[ids]

    def _best_labels(self, text: str, spans: Sequence[tuple[int, int]], stages: int = 2) -> np.ndarray:
        """Label indices of the best path, through the first `stages` stages of the model."""
        if not spans:
            return np.zeros(0, dtype=np.intp)
        bounds = np.fromiter(itertools.chain.from_iterable(spans), dtype=np.intp, count=2 * len(spans))
        bounds = bounds.reshape(-1, 2)
        first = _sentence_starts(text, bounds)
        ids = self._word_ids([text[a:b] for a, b in spans])
        scores = self._emissions(text, bounds, first, ids)
        n = len(self.labels)
        best = self._decode(scores[:, :n], first, self._transitions[0])
        for stage in range(1, min(stages, len(self._transitions))):
            found = self._document_scores(ids, best, first)
            best = self._decode(scores[:, stage * n:(stage + 1) * n] + found, first, self._transitions[stage])
        return best

    def _decode(self, emissions: np.ndarray, first: np.ndarray, transitions: np.ndarray) -> np.ndarray:
        """Viterbi path of every sentence (`first` marks sentence starts; no sentence starts with I-)."""
        emissions = emissions + np.where(first[:, None], self._start, 0)
        starts = np.flatnonzero(first)
        best = np.empty(len(emissions), dtype=np.intp)
        for group in _length_groups(starts, np.append(starts[1:], len(emissions))):
            _viterbi(emissions, group, transitions, best)
        return best

    def _clear(self) -> None:
        """Empty the per-word and per-gap score tables (row 0 of the word table is PAD)."""
        width = self._weights.shape[1]
        self._words: dict[str, int] = {PAD: 0}
        self._keys: list[str] = [PAD]  # document_key(normalize(PAD)) is PAD
        self._norms: list[str] = [PAD]
        self._word_table = np.zeros((1024, len(OFFSETS), width), dtype=np.float32)
        self._gaps: dict[str, int] = {}
        self._gap_table = np.zeros((64, 2, width), dtype=np.float32)
        self._add_columns(0, [("", ["pad"], 2)])  # reached_attributes(PAD)

    def _score(self, attributes: Iterable[str]) -> np.ndarray:
        """Summed weights of the attributes the model knows, one score per label (of each stage)."""
        rows = [self._row[a] for a in attributes if a in self._row]
        return self._weights[rows].sum(axis=0)

    def _add_words(self, words: Sequence[str]) -> None:
        """Score new words (not PAD) into the word table, with their normalized forms and document keys."""
        first = len(self._words)
        norms = [normalize(word) for word in words]
        self._words.update(zip(words, range(first, first + len(words)), strict=True))
        self._norms += norms
        self._keys += map(document_key, norms)
        self._add_columns(first, attribute_columns(words, norms, self._lexicon, self._gram_odds))

    def _add_columns(self, first: int, columns: list[tuple[str, list[str | None], int]]) -> None:
        """Add the weights of attribute columns (attribute_columns) to the word table's rows from `first` on.

        Column by column, so each (word, offset) cell sums its weights in word_attributes' order; an offset the
        model does not know an attribute at adds row -1 of the weights, zeros, which leaves a sum as it was."""
        n = len(columns[0][1])
        table = self._word_table[first:first + n]
        for prefix, values, reach in columns:
            values_of = self._values_of.get(prefix, {})
            index = np.fromiter(map(values_of.get, values, itertools.repeat(-1)), dtype=np.intp, count=n)
            known = np.flatnonzero(index >= 0)
            near = slice(OFFSETS.index(-reach), OFFSETS.index(reach) + 1)
            table[known, near] += self._weights[self._offset_rows[index[known], near]]

    def _word_ids(self, words: list[str]) -> np.ndarray:
        """Surface words → rows of the word table, scoring the words not seen before."""
        new = set(words).difference(self._words)
        if len(self._words) + len(new) > self._cache_size:
            self._clear()
            new = set(words)
        if len(self._words) + len(new) > len(self._word_table):
            self._word_table = _grown(self._word_table, len(self._words) + len(new))
        self._add_words(list(new))  # rows in any order
        return np.fromiter(map(self._words.__getitem__, words), dtype=np.intp, count=len(words))

    def _gap_id(self, gap: str) -> int:
        """Row of the gap table for a text between words (after-gap scores in column 0, before-gap in 1)."""
        if gap not in self._gaps:
            if len(self._gaps) == len(self._gap_table):
                self._gap_table = _grown(self._gap_table, len(self._gaps) + 1)
            self._gap_table[len(self._gaps)] = [self._score(attrs) for attrs in gap_attributes(gap)]
            self._gaps[gap] = len(self._gaps)
        return self._gaps[gap]

    def _gap_ids(self, text: str, bounds: np.ndarray, first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Gap-table rows of the text before and after each word; a gap between sentences is cut after its last
        stop. Single spaces, most gaps, are found without slicing the text."""
        ends, starts = bounds[:-1, 1], bounds[1:, 0]
        codes = _code_points(text)
        inner = np.full(len(ends), self._gap_id(" "), dtype=np.intp)
        other = np.flatnonzero((starts - ends != 1) | (codes[ends] != ord(" ")))
        inner[other] = [self._gap_id(text[a:b]) for a, b in zip(ends[other].tolist(), starts[other].tolist(),
                                                                 strict=True)]
        before = np.concatenate(([self._gap_id(text[: bounds[0, 0]])], inner))
        after = np.concatenate((inner, [self._gap_id(text[bounds[-1, 1]:])]))
        for i in np.flatnonzero(first[1:]).tolist():
            tail, head = split_gap(text[ends[i]:starts[i]])
            after[i], before[i + 1] = self._gap_id(tail), self._gap_id(head)
        return before, after

    def _emissions(self, text: str, bounds: np.ndarray, first: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Score of each label (of each stage) at each word: bias + the five neighbours' rows + the two gaps' rows."""
        before, after = self._gap_ids(text, bounds, first)
        gaps = self._gap_table[before, 0] + self._gap_table[after, 1]
        return self._bias + gaps + _neighbour_sum(self._word_table, ids, first, OFFSETS)

    def _document_scores(self, ids: np.ndarray, best: np.ndarray, first: np.ndarray) -> np.ndarray:
        """Second-stage scores from the first stage's labels of the other words sharing each word's document key."""
        keys = [self._keys[i] for i in ids.tolist()]
        found = document_attributes(keys, [self.labels[i] for i in best.tolist()])
        doc_ids = np.fromiter(map(self._document_row, found), dtype=np.intp, count=len(keys))
        return _neighbour_sum(self._document_table, doc_ids, first, DOCUMENT_OFFSETS)

    def _document_row(self, attributes: tuple[tuple[str, ...], ...]) -> int:
        """Row of the document table for one key's attributes, scored once (second-stage columns)."""
        if attributes not in self._documents:
            if len(self._documents) == len(self._document_table):
                self._document_table = _grown(self._document_table, len(self._documents) + 1)
            n = len(self.labels)
            self._document_table[len(self._documents)] = [self._score(a)[n:2 * n] for a in attributes]
            self._documents[attributes] = len(self._documents)
        return self._documents[attributes]


def _offset_rows(attributes: Sequence[str]) -> tuple[dict[str, int], np.ndarray]:
    """Model attribute names → (index of each word attribute without its offset, and for each one its weight row
    at each offset in OFFSETS, -1 where the model does not know it).

    >>> _offset_rows(["bias", "-2w=زيد", "0w=زيد"])
    ({'w=زيد': 0}, array([[ 1, -1,  2, -1, -1]]))
    """
    position = {str(k): j for j, k in enumerate(OFFSETS)}
    index: dict[str, int] = {}
    found: list[tuple[int, int, int]] = []
    for row, attribute in enumerate(attributes):
        cut = 2 if attribute.startswith("-") else 1
        if attribute[:cut] in position:
            found.append((index.setdefault(attribute[cut:], len(index)), position[attribute[:cut]], row))
    rows = np.full((len(index), len(OFFSETS)), -1, dtype=np.intp)
    if found:
        at = np.array(found, dtype=np.intp)
        rows[at[:, 0], at[:, 1]] = at[:, 2]
    return index, rows


def _values_by_prefix(index: Mapping[str, int]) -> dict[str, dict[str, int]]:
    """Word attributes without offset → prefix ("w=", …; "" for the whole attribute) → value → index.

    >>> _values_by_prefix({"w=زيد": 0, "name": 1})
    {'': {'w=زيد': 0, 'name': 1}, 'w=': {'زيد': 0}}
    """
    by_prefix: dict[str, dict[str, int]] = {"": dict(index)}
    for attribute, i in index.items():
        prefix, equals, value = attribute.partition("=")
        if equals:
            by_prefix.setdefault(prefix + equals, {})[value] = i
    return by_prefix


def _neighbour_sum(table: np.ndarray, ids: np.ndarray, first: np.ndarray, offsets: Sequence[int]) -> np.ndarray:
    """Σ over offsets k of table[id of the word k away, k's column]; row 0 stands for the words past a sentence."""
    reach = max(offsets)
    where = np.arange(len(ids)) + reach * np.cumsum(first)  # `reach` empty places before each sentence
    padded = np.zeros(len(ids) + reach * (int(first.sum()) + 1), dtype=np.intp)
    padded[where] = ids
    total = table[padded[where + offsets[0]], 0]
    for j, k in enumerate(offsets[1:], 1):
        total += table[padded[where + k], j]
    return total


def _grown(table: np.ndarray, needed: int) -> np.ndarray:
    """A copy of `table` with room for at least `needed` rows."""
    bigger = np.zeros((max(needed, 2 * len(table)), *table.shape[1:]), dtype=table.dtype)
    bigger[: len(table)] = table
    return bigger


def _allowed(labels: Sequence[str], transitions: np.ndarray) -> np.ndarray:
    """Learned transition scores with the moves BIO forbids (O → I-X, B-X → I-Y) made impossible."""
    forbidden = np.array([[b.startswith("I-") and a[2:] != b[2:] for b in labels] for a in labels])
    return np.where(forbidden, FORBIDDEN, transitions).astype(np.float32)


def _sentence_starts(text: str, bounds: np.ndarray) -> np.ndarray:
    """True at each word that starts a sentence: a full stop, ?, ! or newline lies between it and the word before."""
    stops = np.array([m.start() for m in _SENTENCE_END.finditer(text)], dtype=np.intp)
    crossed = np.searchsorted(stops, bounds[1:, 0]) > np.searchsorted(stops, bounds[:-1, 1])
    return np.concatenate(([True], crossed))


def _length_groups(lo: np.ndarray, hi: np.ndarray, size: int = 256) -> Iterable[np.ndarray]:
    """(start, end) word ranges cut to at most MAX_SENTENCE words, longest first, in groups of `size`."""
    pieces = [(a, min(a + MAX_SENTENCE, end)) for start, end in zip(lo.tolist(), hi.tolist(), strict=True)
              for a in range(start, end, MAX_SENTENCE)]
    pieces.sort(key=lambda p: p[0] - p[1])
    for i in range(0, len(pieces), size):
        yield np.array(pieces[i:i + size], dtype=np.intp)


def _viterbi(emissions: np.ndarray, group: np.ndarray, transitions: np.ndarray, out: np.ndarray) -> None:
    """Best label path of each (start, end) word range in `group` (longest first), written into `out`.

    Ranges are left-aligned; at step t only the ranges longer than t are updated, a prefix of the group, so each
    range's scores stay as they were at its last word.
    """
    lengths = group[:, 1] - group[:, 0]
    active = np.searchsorted(-lengths, -np.arange(len(lengths) and lengths[0]), side="left")  # ranges longer than t
    source = np.minimum(group[:, :1] + np.arange(lengths[0]), group[:, 1:] - 1)
    scores = emissions[source]
    best = scores[:, 0].copy()
    back = np.zeros((lengths[0], len(group), transitions.shape[0]), dtype=np.intp)
    n_labels = transitions.shape[0]
    into = np.ascontiguousarray(transitions.T)  # [to, from]: the max over where a move comes from is contiguous
    cell = np.arange(len(group))[:, None] * n_labels * n_labels + np.arange(n_labels) * n_labels  # moves[g, j, 0]
    for t in range(1, lengths[0]):
        n = active[t]
        moves = best[:n, None, :] + into
        came_from = moves.argmax(axis=2, out=back[t, :n])
        best[:n] = moves.ravel()[cell[:n] + came_from] + scores[:n, t]  # a gather beats a second max
    path = np.zeros((len(group), lengths[0]), dtype=np.intp)
    path[np.arange(len(group)), lengths - 1] = best.argmax(axis=1)
    for t in range(lengths[0] - 1, 0, -1):
        n = active[t]
        path[:n, t - 1] = back[t, np.arange(n), path[:n, t]]
    valid = np.arange(lengths[0]) < lengths[:, None]
    out[source[valid]] = path[valid]
