"""Arabic news texts → Entity mentions (person, firm, org): words → the tagger's spans → the rules (pipeline.py) →
canonical values; the tagger and the word lists are loaded once per extractor."""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from indexer.entities.canonical import Entity, entities
from indexer.entities.document import Doc
from indexer.entities.kinds import TAGGER_KINDS
from indexer.entities.lists import KnownNames, KnownOrganisations, Lists
from indexer.entities.pipeline import RULES, Rule, run
from indexer.entities.trace import Step, Tracer
from indexer.entities.words import Span, WordForm, words_of
from indexer.normalize import normalize
from indexer.stopwords import load_famous, load_organisations, load_persons, load_places, load_stopwords
from indexer.tokenize import word_spans

DOCUMENT_BREAK = "\n\n"  # between documents tagged in one call (a sentence boundary for the tagger)

# text and its word spans → (label, start, end) of each name the tagger finds, labels PER/ORG/LOC/MISC
TagFn = Callable[[str, Sequence[tuple[int, int]]], Sequence[tuple[str, int, int]]]


@dataclass(frozen=True)
class Traced:
    """An entity and the steps that made it: the rules, then its canonical value."""

    entity: Entity
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Trace:
    """What the pipeline did with one text: its entities with their steps, and the names it dropped on the way."""

    entities: list[Traced]
    dropped: list[tuple[str, tuple[Step, ...]]]  # (kind: words, steps)


@dataclass
class EntityExtractor:
    """The tagger, the word lists and the rules, loaded once: call it on a text, or `extract_many` on many.

    >>> extract = EntityExtractor(lists=Lists(stopwords=load_stopwords()))
    >>> [(e.kind, e.surface, e.canonical) for e in extract("قالت شركة Nvidia إن أرباحها زادت")]
    [('firm', 'Nvidia', 'Nvidia')]
    """

    tag: TagFn | None = None
    lists: Lists = Lists()
    normalize: Callable[[str], str] = normalize
    rules: tuple[Rule, ...] = RULES
    _memo: dict[str, WordForm] = field(default_factory=dict, repr=False)

    def __call__(self, text: str) -> list[Entity]:
        return self.extract_many([text])[0]

    def extract_many(self, texts: Sequence[str], spans: Sequence[list[tuple[int, int]]] | None = None
                     ) -> list[list[Entity]]:
        """The entities of each text (`spans`: their word_spans, when the caller has them). The tagger runs once
        over all of them (its decoding is batched, so many short documents cost little more than one long one);
        the rules run per document."""
        return [[entity for entity, _ in entities(doc, run(doc, self.rules))] for doc in self.docs(texts, spans)]

    def trace(self, text: str) -> Trace:
        """The entities of `text`, each with the rules that made it and its canonical value's reason, and the
        names the rules dropped."""
        doc = self.docs([text])[0]
        tracer = Tracer(doc)
        spans = run(doc, self.rules, tracer)
        traced = [Traced(entity, (*tracer.steps.get(span, ()), Step("canonical", "named", (), f"{entity.canonical}"
                                                                             f" ({why})")))
                  for span, (entity, why) in zip(spans, entities(doc, spans), strict=True)]
        return Trace(traced, [(tracer.shown(span), steps) for span, steps in tracer.dropped])

    def docs(self, texts: Sequence[str], spans: Sequence[list[tuple[int, int]]] | None = None) -> list[Doc]:
        """Each text as the rules read it: its words and the tagger's spans."""
        offsets = [word_spans(text) for text in texts] if spans is None else spans
        tags = self._tag_many(texts, offsets)
        return [Doc(text, words_of(text, self.lists.names, self._memo, spans, self.normalize), spans,
                    _word_spans(spans, tagged), self.lists)
                for text, spans, tagged in zip(texts, offsets, tags, strict=True)]

    def _tag_many(self, texts: Sequence[str], spans: Sequence[list[tuple[int, int]]]
                  ) -> list[list[tuple[str, int, int]]]:
        """Tagger spans per text, from one call over the texts joined by blank lines (offsets mapped back); the
        joined text's word spans are the texts' own, shifted."""
        if self.tag is None:
            return [[] for _ in texts]
        starts, joined_spans, pos = [], [], 0
        for text, text_spans in zip(texts, spans, strict=True):
            starts.append(pos)
            joined_spans += [(a + pos, b + pos) for a, b in text_spans]
            pos += len(text) + len(DOCUMENT_BREAK)
        out: list[list[tuple[str, int, int]]] = [[] for _ in texts]
        for label, start, end in self.tag(DOCUMENT_BREAK.join(texts), joined_spans):
            k = bisect_right(starts, start) - 1
            out[k].append((label, start - starts[k], end - starts[k]))
        return out


def _word_spans(offsets: list[tuple[int, int]], tagged: list[tuple[str, int, int]]) -> list[Span]:
    """The tagger's (label, start, end) → Spans of the words they cover (kinds from TAGGER_KINDS), those that start
    and end on word boundaries."""
    out = []
    for label, start, end in tagged:
        first, last = bisect_left(offsets, (start,)), bisect_left(offsets, (end,))
        if label in TAGGER_KINDS and first < len(offsets) and offsets[first][0] == start and last > 0 \
                and offsets[last - 1][1] == end:
            out.append(Span(TAGGER_KINDS[label], first, last))
    return out


def shipped_extractor(tagger: object | None = None) -> EntityExtractor:
    """The shipped tagger (or `tagger`, a NerTagger) with the rules and the lists in indexer/data, loaded now."""
    from indexer.entities.tagger import NerTagger

    tagger = tagger or NerTagger.load()
    frequent = tagger.common_words(min_class=4)
    lists = Lists(load_stopwords(), tagger.names, tagger.common_words(), frequent, load_places(),
                  KnownNames.of(load_persons()), KnownOrganisations.of(load_organisations(), frequent), load_famous())
    return EntityExtractor(tagger.tag, lists, tagger.normalized)


@functools.cache
def default_extractor() -> EntityExtractor:
    """The shipped extractor, loaded on the first call and shared by every later one in the process."""
    return shipped_extractor()


def extract_entities(text: str, extractor: EntityExtractor | None = None) -> list[Entity]:
    """Mentions of people, firms and other organisations in `text`, in order (by the shared default extractor).

    >>> [(e.kind, e.surface, e.canonical) for e in extract_entities("قالت شركة Nvidia إن أرباحها زادت")]
    [('firm', 'Nvidia', 'Nvidia')]
    """
    return (extractor or default_extractor())(text)
