"""The one table of Arabic proclitics (conjunction, preposition, article written onto a word) → the views that
stopwords, entity rules, the tagger and name keys read."""

from __future__ import annotations

from typing import NamedTuple

CONJUNCTIONS = ("و", "ف")  # and, so: written onto any word (وفي، فقال)
PREPOSITIONS = ("ب", "ل", "ك")  # with, for, like: written onto a noun (بلازارد، لهاريس)
ARTICLE = "ال"


class Proclitic(NamedTuple):
    """A proclitic as written, what it is made of, and which readers split it off a word."""

    form: str
    parts: tuple[str, ...]
    names: bool  # the entity rules: before a name (ولاسري، للراشد)
    tagger: bool  # the tagger's attributes; the shipped model was trained with this set


# Every conjunction, preposition and article combination, longest first, so that the first that fits is the whole
# proclitic (وبال before و). لل is ل + ال: the article's alef is not written after ل. The analyzer's name-safe
# stemmer reads every row; the entity rules and the tagger read the rows marked for them.
PROCLITICS: tuple[Proclitic, ...] = (
    Proclitic("وبال", ("و", "ب", "ال"), False, True),
    Proclitic("فبال", ("ف", "ب", "ال"), False, False),
    Proclitic("وكال", ("و", "ك", "ال"), False, True),
    Proclitic("فكال", ("ف", "ك", "ال"), False, False),
    Proclitic("وال", ("و", "ال"), False, True),
    Proclitic("فال", ("ف", "ال"), False, True),
    Proclitic("بال", ("ب", "ال"), False, True),
    Proclitic("كال", ("ك", "ال"), False, True),
    Proclitic("ولل", ("و", "ل", "ال"), True, True),
    Proclitic("فلل", ("ف", "ل", "ال"), True, False),
    Proclitic("لل", ("ل", "ال"), True, True),
    Proclitic("ال", ("ال",), False, True),
    Proclitic("وب", ("و", "ب"), True, True),
    Proclitic("ول", ("و", "ل"), True, True),
    Proclitic("وك", ("و", "ك"), True, False),
    Proclitic("فب", ("ف", "ب"), True, True),
    Proclitic("فل", ("ف", "ل"), True, True),
    Proclitic("فك", ("ف", "ك"), False, False),
    Proclitic("و", ("و",), True, True),
    Proclitic("ف", ("ف",), True, True),
    Proclitic("ب", ("ب",), True, True),
    Proclitic("ل", ("ل",), True, True),
    Proclitic("ك", ("ك",), True, True),
)

ALL_CLITICS: tuple[str, ...] = tuple(p.form for p in PROCLITICS)

# What may stand before a name as written: conjunctions and prepositions, and the article only inside لل (the
# article of a name stays part of it: الراشد; للراشد is ل + الراشد).
NAME_CLITICS: tuple[str, ...] = tuple(p.form for p in PROCLITICS if p.names)
# The tagger's view: every proclitic it splits off to read the word under it.
TAGGER_CLITICS: tuple[str, ...] = tuple(p.form for p in PROCLITICS if p.tagger)
# What a document's mentions of one word may differ by: a conjunction, the article, or both (والبدري = بدري).
DOCUMENT_CLITICS: tuple[str, ...] = tuple(p.form for p in PROCLITICS if p.tagger and not set(p.parts) & set(PREPOSITIONS))
ONE_LETTER_CLITICS = frozenset(p.form for p in PROCLITICS if len(p.form) == 1)  # و ف ب ل ك


def without_clitic(word: str, clitic: str) -> str:
    """`word` with the name proclitic `clitic` removed from its front, giving back the article that لل absorbed.

    >>> without_clitic("للراشد", "لل"), without_clitic("ولاسري", "و")
    ('الراشد', 'لاسري')
    """
    rest = word[len(clitic):]
    return ARTICLE + rest if clitic.endswith("لل") else rest


def with_clitics(words: frozenset[str]) -> frozenset[str]:
    """Every word as written alone or with a name proclitic (لشركه، ووزاره، and للبنك for البنك).

    >>> sorted(with_clitics(frozenset({"البنك"})))[:4]
    ['البنك', 'بالبنك', 'فالبنك', 'فبالبنك']
    """
    forms = set(words)
    for word in words:
        for clitic in NAME_CLITICS:
            if clitic.endswith("لل"):
                if word.startswith(ARTICLE):
                    forms.add(clitic + word[2:])
            else:
                forms.add(clitic + word)
    return frozenset(forms)
