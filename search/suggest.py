"""A query with no or few hits + the index's words and entity names → spelling suggestions, as whole queries."""

from __future__ import annotations

from collections.abc import Sequence

from indexer.normalize import normalize
from search.resolve import BODY, TYPED, Resolved
from search.vocabulary import Vocabulary

FEW_HITS = 3  # fewer hits than this and the query gets suggestions
NAME_WORDS = 4  # queries of at most this many words are also compared with entity names


def suggest(query: str, resolved: Resolved, words: Vocabulary, names: Vocabulary,
            shown: dict[str, str], limit: int = 3) -> list[str]:
    """Queries like `query` with a rare word replaced by the index word it most likely misspells (each rare word
    by its best guess, or one rare word by each of its guesses), then the entity names the whole query most likely
    misspells (`names` holds normalized facet values, `shown` maps them back to the value shown)."""
    rare = []
    for leaf in resolved.leaves:
        typed = [f for f in leaf.forms if f.why == TYPED and f.field == BODY and len(f.words) == 1]
        if typed and len(leaf.forms) == 1 and " " not in leaf.text and leaf.text in query:
            word = typed[0].exact[0]
            guesses = words.suggest(word)
            if guesses:
                rare.append((leaf.text, [g.word for g in guesses]))
    out: list[str] = []
    if len(rare) == 1:
        text, guesses = rare[0]
        out += [query.replace(text, g, 1) for g in guesses]
    elif rare:
        fixed = query
        for text, guesses in rare:
            fixed = fixed.replace(text, guesses[0], 1)
        out.append(fixed)
    if 0 < len(query.split()) <= NAME_WORDS:
        out += [shown[g.word] for g in names.suggest(normalize(" ".join(query.split())))]
    return list(dict.fromkeys(s for s in out if s != query))[:limit]


def name_vocabulary(names: Sequence[tuple[str, int]]) -> tuple[Vocabulary, dict[str, str]]:
    """Facet values with their documents → a vocabulary of their normalized forms, and each form's value."""
    shown: dict[str, str] = {}
    docs: dict[str, int] = {}
    for name, n in names:
        norm = normalize(name)
        shown.setdefault(norm, name)
        docs[norm] = docs.get(norm, 0) + n
    return Vocabulary(sorted(docs.items(), key=lambda kv: -kv[1])), shown
