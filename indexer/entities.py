"""Arabic news text → named-entity mentions (person, firm, org) with str offsets and a per-document canonical name.

The pipeline: the statistical tagger (indexer/ner.py, trained on ANERcorp), its spans cleaned and completed
(indexer/entity_spans.py), names found by cue words and in Latin script (indexer/entity_cues.py), all over the
document's words (indexer/entity_text.py); then, here, document-level consistency (a name found once is found
everywhere in the document, its surname alone included, with or without an attached proclitic; one kind per name).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from indexer.entity_cues import (
    cue_spans,
    descriptor_complements,
    employer_spans,
    latin_spans,
    named_as_firms,
    sector_spans,
    tailed_spans,
)
from indexer.entity_lists import (
    KnownNames,
    KnownOrganisations,
    famous_persons,
    known_organisations,
    known_persons,
    with_found,
)
from indexer.entity_spans import (
    cut,
    list_persons,
    misc_words,
    not_after_geographic_heads,
    organisations_before_nisba,
    organisations_not_words,
    persons_after_generic_heads,
    persons_after_roles,
    persons_not_adjectives,
    persons_not_places,
    resolve_overlaps,
    split_at_and,
    split_at_marks,
    split_known_persons,
    tagger_spans,
    titled_persons,
    trim_persons,
    with_first_names,
    with_initials,
    with_name_links,
)
from indexer.entity_text import ONE_LETTER_CLITICS, Span, Word, WordForm, in_arabic_line, name_of, words_of
from indexer.normalize import normalize
from indexer.stopwords import load_famous, load_organisations, load_persons, load_places, load_stopwords
from indexer.tokenize import word_spans

if TYPE_CHECKING:
    from indexer.ner import NerTagger

KINDS = ("person", "firm", "org")
DOCUMENT_BREAK = "\n\n"  # between documents tagged in one call (a sentence boundary for the tagger)
# A name's mention typed firm or org outweighs this many typed person: the tagger reads one-word names of
# organisations as surnames far more often than the reverse (ANERcorp 4-fold CV: ORG +0.5, PER +0.2 over 1).
ORGANISATION_VOTE = 2


@dataclass(frozen=True)
class Entity:
    """One mention: `text[start:end]` is `surface`; `canonical` is the value every mention of it in the
    document shares (proclitics stripped, a surname alone mapped to the full name)."""

    kind: str
    start: int
    end: int
    surface: str
    canonical: str


# text and its word spans → (label, start, end) spans, labels PER/ORG/…
TagFn = Callable[[str, Sequence[tuple[int, int]]], Sequence[tuple[str, int, int]]]


@dataclass
class EntityExtractor:
    """Extraction with one tagger; keeps the stopword list it needs. Use `extract_entities` for the default."""

    tag: TagFn | None = None
    stopwords: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    normalize: Callable[[str], str] = normalize
    common: frozenset[str] = frozenset()  # very common words (normalized), which alone never make a name to look for
    frequent: frozenset[str] = frozenset()  # fairly common words (normalized), `common` included: not first names
    places: frozenset[str] = frozenset()  # names of towns and cities (normalized words joined by a space)
    persons: KnownNames = KnownNames()  # full names of real people
    organisations: KnownOrganisations = KnownOrganisations()  # well-known firms and organisations
    famous: frozenset[str] = frozenset()  # one-word names of famous people (normalized)
    _memo: dict[str, WordForm] = field(default_factory=dict, repr=False)

    def __call__(self, text: str) -> list[Entity]:
        return self.extract_many([text])[0]

    def extract_many(self, texts: Sequence[str]) -> list[list[Entity]]:
        """The entities of each text. The tagger runs once over all of them (its decoding is batched, so many
        short documents cost little more than one long one); the rules run per document."""
        spans = [word_spans(text) for text in texts]
        tags = self._tag_many(texts, spans)
        return [self._extract(*args) for args in zip(texts, spans, tags, strict=True)]

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

    def _extract(self, text: str, offsets: list[tuple[int, int]], tag_spans: list[tuple[str, int, int]]
                 ) -> list[Entity]:
        """One text's entities from its word spans (`offsets`) and the tagger's spans."""
        words = words_of(text, self.names, self._memo, offsets, self.normalize)
        tagged = [span for span in tagger_spans(words, offsets, tag_spans)
                  if in_arabic_line(text, offsets[span.first][0])]  # not an English headline or slug
        tagged = trim_persons(words, split_at_marks(text, offsets, tagged), self.names, self.frequent)
        tagged = persons_after_generic_heads(words, offsets, tagged, self.names, self.stopwords)
        tagged = organisations_before_nisba(words, tagged)
        named = latin_spans(text, words, offsets) + cue_spans(words, self.stopwords, tagged, text, offsets) \
            + employer_spans(words, tagged) + sector_spans(text, words, offsets, self.stopwords) \
            + tailed_spans(text, words, offsets, self.stopwords)
        described = descriptor_complements(words, named)
        kept = [span for span in cut(words, offsets, tagged, named, self.stopwords, self.names)
                if not described.issuperset(range(span.first, span.last))]
        titled = titled_persons(text, words, offsets, misc_words(offsets, tag_spans), self.stopwords)
        spans = resolve_overlaps(resolve_overlaps(named) + kept + titled)
        spans = with_name_links(text, words, offsets, spans, self.stopwords, self.names, self.frequent)
        spans = list_persons(text, words, offsets, spans, self.stopwords, self.frequent)
        spans = split_known_persons(words, split_at_and(words, spans))
        spans = with_initials(text, words, offsets, spans, self.stopwords)
        spans = known_persons(text, words, offsets, spans, self.persons, self.stopwords)
        spans = famous_persons(text, words, offsets, spans, self.famous, self.stopwords)
        spans = persons_after_roles(text, words, offsets, spans, self.names, self.frequent, self.stopwords)
        known = known_organisations(text, words, offsets, spans, self.organisations)
        spans = not_after_geographic_heads(words, with_found(words, spans, known))
        spans = _propagate(words, spans, self.stopwords, self.common, named_as_firms(words, named) | set(known))
        spans = persons_not_adjectives(words, spans, self.frequent)
        spans = with_first_names(text, words, offsets, spans, self.names, self.frequent, self.stopwords)
        spans = organisations_not_words(words, persons_not_places(words, spans, self.places))
        return _entities(text, words, offsets, spans, self.organisations)


def _propagate(words: list[Word], spans: list[Span], stopwords: frozenset[str], common: frozenset[str],
               cued: frozenset[Span] | set[Span] = frozenset()) -> list[Span]:
    """Find every other mention of a name found once (its first word with or without the proclitic it may have
    lost, or one it kept: وجيه بي مورغان after جيه بي مورغان), taking in the shorter spans inside it, and a
    person's surname alone, but not a person's name made of `common` words only (علي alone, مصدران); a name
    found as more than one kind takes the kind most of its mentions have (the first found on a tie; a mention as a
    firm or organisation counts ORGANISATION_VOTE times), where a mention found by a cue word or in Latin script
    (`cued`: شركة بلاك روك) outvotes any number the tagger typed alone."""
    named = [(span, tuple(name_of(words, span).split())) for span in spans]
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for span, tokens in named:
        if tokens:
            votes.setdefault(tokens, Counter())[span.kind] += len(words) if span in cued else \
                1 if span.kind == "person" else ORGANISATION_VOTE
    names = {tokens: kinds.most_common(1)[0][0] for tokens, kinds in votes.items()}
    spans = [Span(names.get(tokens, span.kind), span.first, span.last) for span, tokens in named]
    for span, (_, tokens) in zip(spans, named, strict=True):
        if span.kind == "person" and len(tokens) > 1:
            names.setdefault(tokens[-1:], "person")
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for tokens in sorted(names, key=len, reverse=True):
        if names[tokens] != "person" or not all(token in common for token in tokens):
            by_first.setdefault(tokens[0], []).append(tokens)
    owner = {k: span for span in spans for k in range(span.first, span.last)}
    found = set(spans)
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
            inside = {owner[k] for k in range(i, i + n) if k in owner}
            if tuple(w.norm for w in words[i + 1:i + n]) == tokens[1:] and all(s.last <= i + n for s in inside):
                span = Span(names[tokens], i, i + n)
                found = (found - inside) | {span}
                owner.update(dict.fromkeys(range(i, i + n), span))
                break
    return sorted(found, key=lambda s: s.first)


def _entities(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
              known: KnownOrganisations | None = None) -> list[Entity]:
    """Spans → Entities, each shown as its first mention (a Latin name as written: Whitmore & Klein) or, for a
    firm or organisation in `known`, as that list writes it (جوجل → غوغل); a name of several words with a
    one-letter proclitic kept takes the name without it found in the document; a person named by first and last
    name only takes the one longer name with both (بدر المنصور → بدر بن حمد المنصور), and a surname alone the one
    full name it ends, matched with or without the proclitic its word may have lost (كايا كالاس … كالاس, though
    الاس is a name); a surname several people in the document share stays as written."""
    shown_as: dict[str, str] = {}  # normalized name → how its first mention shows it
    names = [name_of(words, span) for span in spans]
    known = known or KnownOrganisations()
    for span, name in zip(spans, names, strict=True):
        if name not in shown_as:
            latin = all(words[k].latin for k in range(span.first, span.last))
            first = words[span.first]
            listed = known.name_at(words, span.first, span.last) \
                if span.kind != "person" and (first.norm in known.starts or first.bare in known.starts) else None
            shown_as[name] = text[offsets[span.first][0]:offsets[span.last - 1][1]] if latin \
                else listed[1] if listed else name_of(words, span, shown=True)
    full_names = _full_names({name for span, name in zip(spans, names, strict=True)
                              if span.kind == "person" and " " in name})
    out = []
    for span, name in zip(spans, names, strict=True):
        canonical = shown_as[name]
        if name[:1] in ONE_LETTER_CLITICS and " " in name and name[1:] in shown_as:  # وجيه بي مورغان
            canonical = shown_as[name[1:]]
        if span.kind == "person":  # also when a proclitic was split off a surname (كالاس: ك + الاس)
            full = full_names.get(name) or full_names.get(words[span.first].norm)
            canonical = shown_as[full] if full else canonical
        start, end = offsets[span.first][0], offsets[span.last - 1][1]
        out.append(Entity(span.kind, start, end, text[start:end], canonical))
    return out


def _full_names(persons: set[str]) -> dict[str, str]:
    """Normalized person names of several words → {a shorter form: the full name it stands for}: first and last
    name → the one longer name that starts and ends with them; surname → the one full name (so resolved) it ends."""
    def longer(name: str) -> str:
        first, *_, last = name.split()
        found = {n for n in persons if len(n) > len(name) and n.split()[0] == first and n.split()[-1] == last}
        return found.pop() if len(found) == 1 else name

    out = {name: longer(name) for name in persons}
    by_surname: dict[str, set[str]] = {}
    for name, full in out.items():
        by_surname.setdefault(name.split()[-1], set()).add(full)
    out.update({surname: fulls.pop() for surname, fulls in by_surname.items() if len(fulls) == 1})
    return {short: full for short, full in out.items() if short != full}


def default_extractor(tagger: NerTagger | None = None) -> EntityExtractor:
    """The shipped tagger (or `tagger`) plus the rules, with the analyzer's stopword list."""
    from indexer.ner import NerTagger

    tagger = tagger or NerTagger.load()
    return EntityExtractor(lambda text, spans: [(s.label, s.start, s.end) for s in tagger.tag(text, spans)],
                           load_stopwords(), tagger.names, tagger.normalized, tagger.common_words(),
                           tagger.common_words(min_class=4), load_places(), KnownNames.of(load_persons()),
                           KnownOrganisations.of(load_organisations(), tagger.common_words(min_class=4)), load_famous())


def extract_entities(text: str, extractor: EntityExtractor | None = None) -> list[Entity]:
    """Mentions of people, firms and other organisations in `text`, in order (loads the model on each call
    without `extractor`: for many texts, make one `default_extractor()` and call it).

    >>> [(e.kind, e.surface, e.canonical) for e in extract_entities("قالت شركة Nvidia إن أرباحها زادت")]
    [('firm', 'Nvidia', 'Nvidia')]
    """
    return (extractor or default_extractor())(text)
