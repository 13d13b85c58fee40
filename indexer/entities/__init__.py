"""Named entities in Arabic news: text → person, firm and org mentions with canonical values (extractor.py), and
their grouping across documents into facet values (grouping.py). The extractor, its tagger (numpy) and its rules are
imported when first used, so that searching does not load them."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from indexer.entities.kinds import FIRM, KINDS, ORG, PERSON, Entity
from indexer.entities.trace import Step

if TYPE_CHECKING:
    from indexer.entities.extractor import (
        EntityExtractor,
        Trace,
        Traced,
        default_extractor,
        extract_entities,
        shipped_extractor,
    )
    from indexer.entities.lists import Lists
    from indexer.entities.pipeline import RULES, Rule

_LAZY = {"EntityExtractor": "extractor", "Trace": "extractor", "Traced": "extractor", "default_extractor": "extractor",
         "extract_entities": "extractor", "shipped_extractor": "extractor", "Lists": "lists", "RULES": "pipeline",
         "Rule": "pipeline"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"indexer.entities.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'indexer.entities' has no attribute {name!r}")


__all__ = [
    "FIRM", "KINDS", "ORG", "PERSON", "RULES", "Entity", "EntityExtractor", "Lists", "Rule", "Step", "Trace", "Traced",
    "default_extractor", "extract_entities", "shipped_extractor",
]
