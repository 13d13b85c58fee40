"""Rules that tell places from persons and organisations: a name right after وادي، جبل، نهر is the place's, and a
"person" written like a town of two words or more is that town."""

from __future__ import annotations

from indexer.entities.document import Doc
from indexer.entities.kinds import PERSON
from indexer.entities.lexicon import GEOGRAPHIC_FORMS
from indexer.entities.words import Span


def not_after_geographic_heads(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without the names right after the indefinite head of a natural place (في وادي السيليكون، جبل طارق):
    the place's own name, whatever the tagger made of it."""
    words = doc.words
    return [span for span in spans if span.first == 0 or words[span.first - 1].norm not in GEOGRAPHIC_FORMS]


def persons_not_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without the persons that are, or begin, a town or city of two words or more in the list of places: هونج كونج is a place, whatever the tagger made of its name-like words, and
    so is هونج taken alone before كونج."""
    words, places = doc.words, doc.lists.places

    def is_place(span: Span) -> bool:
        for last in range(max(span.last, span.first + 2), min(span.last + 2, len(words)) + 1):
            rest = " ".join(words[k].norm for k in range(span.first + 1, last))
            if f"{words[span.first].norm} {rest}" in places or f"{words[span.first].bare} {rest}" in places:
                return True
        return False

    return [span for span in spans if span.kind != PERSON or not is_place(span)]
