"""Rules that tell places from persons and organisations: a name right after وادي، جبل، نهر is the place's (and
after قناة a canal's), an organisation the tagger alone named like a town is its team or the town, and a "person"
written like a town of two words or more is that town."""

from __future__ import annotations

from indexer.entities.document import Doc
from indexer.entities.kinds import FIRM, ORG, PERSON
from indexer.entities.lexicon import CANAL_FORMS, CANALS, GEOGRAPHIC_FORMS
from indexer.entities.words import Span


def not_after_geographic_heads(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without the names right after the indefinite head of a natural place (في وادي السيليكون، جبل طارق) or
    a canal's name after قناة (عبرت قناة بنما; قناة دبي stays a channel): the place's own name, whatever the
    tagger or a descriptor made of it."""
    words = doc.words

    def is_place(span: Span) -> bool:
        head = words[span.first - 1].norm if span.first else ""
        return head in GEOGRAPHIC_FORMS or (head in CANAL_FORMS and words[span.first].bare in CANALS)

    return [span for span in spans if not is_place(span)]


def towns_not_firms(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans with an organisation the tagger alone found, named exactly like a town (برشلونة، ليفربول، الرياض),
    typed an organisation, not a firm: in news it is the town's team or the town itself. A cue or a list keeps a
    firm named like a town a firm (صحيفة الرياض، سوزوكي)."""
    words, places = doc.words, doc.lists.places

    def town(span: Span) -> bool:
        name = " ".join(words[k].bare if k == span.first else words[k].norm for k in range(span.first, span.last))
        return name in places

    return [span._replace(kind=ORG) if span.kind == FIRM and not span.cue and town(span) else span for span in spans]


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
