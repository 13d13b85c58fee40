"""Named entities in Arabic news: text → person, firm and org mentions with canonical values (extractor.py), and
their grouping across documents into facet values (grouping.py)."""

from indexer.entities.canonical import Entity
from indexer.entities.extractor import (
    EntityExtractor,
    Trace,
    Traced,
    default_extractor,
    extract_entities,
    shipped_extractor,
)
from indexer.entities.kinds import FIRM, KINDS, ORG, PERSON
from indexer.entities.lists import Lists
from indexer.entities.pipeline import RULES, Rule
from indexer.entities.trace import Step

__all__ = [
    "FIRM", "KINDS", "ORG", "PERSON", "RULES", "Entity", "EntityExtractor", "Lists", "Rule", "Step", "Trace", "Traced",
    "default_extractor", "extract_entities", "shipped_extractor",
]
