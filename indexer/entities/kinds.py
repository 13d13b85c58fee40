"""The kinds of names: the entity kinds the index keeps as facet fields, what the tagger's labels mean, and one
mention of a name (Entity, what the index stores and a search reads, apart from the extraction modules)."""

from __future__ import annotations

from dataclasses import dataclass

PERSON, FIRM, ORG = "person", "firm", "org"
KINDS = (PERSON, FIRM, ORG)  # each is a keyword field of the index and a facet
PLACE, OTHER = "place", "other"  # what else the tagger finds: read by the rules, never kept

# The tagger's labels (ANERcorp's) → kinds; an organisation is then a firm or an org by its first word (org_kind).
TAGGER_KINDS = {"PER": PERSON, "ORG": ORG, "LOC": PLACE, "MISC": OTHER}


@dataclass(frozen=True)
class Entity:
    """One mention: `text[start:end]` is `surface`; `canonical` is the value every mention of it in the
    document shares (proclitics stripped, a surname alone mapped to the full name)."""

    kind: str
    start: int
    end: int
    surface: str
    canonical: str
