"""Document consistency: a name found once is found at its every other mention in the document, its surname alone
included, and it has one kind there."""

from __future__ import annotations

from collections import Counter

from indexer.clitics import ONE_LETTER_CLITICS
from indexer.entities.document import Doc
from indexer.entities.kinds import PERSON
from indexer.entities.rules.cues import outvotes
from indexer.entities.words import Span, name_of, spelled_otherwise
from indexer.normalize import strip_harakat

# A name's mention typed firm or org outweighs this many typed person: the tagger reads one-word names of
# organisations as surnames far more often than the reverse (ANERcorp 4-fold CV: ORG +0.5, PER +0.2 over 1).
ORGANISATION_VOTE = 2


def propagate(doc: Doc, spans: list[Span]) -> list[Span]:
    """Every other mention of a name found once (its first word with or without the proclitic it may have lost,
    or one it kept: وجيه بي مورغان after جيه بي مورغان), taking in the shorter spans inside it, and a person's
    surname alone, but not a person's name made of very common words only (علي alone, مصدران); a name found as
    more than one kind takes the kind most of its mentions have (the first found on a tie; a mention as a firm or
    organisation counts ORGANISATION_VOTE times), where a mention found by a cue word, in Latin script or in a
    shipped list (outvotes: شركة بلاك روك) outvotes any number the tagger typed alone. A one-word name is not found
    in a word spelled otherwise (spelled_otherwise: أودي, أودى بحياة)."""
    words, stopwords, common = doc.words, doc.lists.stopwords, doc.lists.common
    named = [(span, tuple(name_of(words, span).split())) for span in spans]
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for span, tokens in named:
        if tokens:
            votes.setdefault(tokens, Counter())[span.kind] += len(words) if outvotes(doc, span) else \
                1 if span.kind == PERSON else ORGANISATION_VOTE
    names = {tokens: kinds.most_common(1)[0][0] for tokens, kinds in votes.items()}
    spans = [span._replace(kind=names.get(tokens, span.kind)) for span, tokens in named]
    for span, (_, tokens) in zip(spans, named, strict=True):
        if span.kind == PERSON and len(tokens) > 1:
            names.setdefault(tokens[-1:], PERSON)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for tokens in sorted(names, key=len, reverse=True):
        if names[tokens] != PERSON or not all(token in common for token in tokens):
            by_first.setdefault(tokens[0], []).append(tokens)
    owner = {k: span for span in spans for k in range(span.first, span.last)}
    found = set(spans)
    spelled: dict[tuple[str, ...], set[str]] = {}  # a one-word name → its found mentions' letters
    for span, tokens in named:
        if len(tokens) == 1:
            spelled.setdefault(tokens, set()).add(strip_harakat(words[span.first].text))
    for i, word in enumerate(words):
        if i in owner or word.norm in stopwords:
            continue
        rest = word.norm[1:] if word.norm[:1] in ONE_LETTER_CLITICS and word.norm[1:] != word.bare else ""
        if word.bare not in by_first and word.norm not in by_first and rest not in by_first:
            continue
        candidates = by_first.get(word.bare, []) + by_first.get(word.norm, []) * (word.norm != word.bare)
        if rest:
            candidates += [tokens for tokens in by_first.get(rest, []) if len(tokens) > 1]
        for tokens in candidates:
            n = len(tokens)
            if n == 1 and spelled_otherwise(strip_harakat(word.text), spelled.get(tokens, set())):
                continue  # أودى بحياة after أودي, وأم after وام: another word the normalized spelling makes the name
            inside = {owner[k] for k in range(i, i + n) if k in owner}
            if tuple(w.norm for w in words[i + 1:i + n]) == tokens[1:] and all(s.last <= i + n for s in inside):
                span = Span(names[tokens], i, i + n)
                found = (found - inside) | {span}
                owner.update(dict.fromkeys(range(i, i + n), span))
                break
    return sorted(found, key=lambda s: s.first)

