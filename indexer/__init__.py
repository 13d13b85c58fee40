"""Fahras indexing: Arabic analysis, input reading and writing the on-disk index. Names are imported when first
used, so that a command loads only what it needs."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from indexer.analysis import DEFAULT_ANALYZER, Analyzer, Token, TokenInfo, get_analyzer
    from indexer.documents import Document, FieldMap, Problem, read_inputs
    from indexer.entities import Entity, extract_entities
    from indexer.errors import FahrasError
    from indexer.index import Indexer, IndexReport, OpenIndex, open_index

_LAZY = {"DEFAULT_ANALYZER": "analysis", "Analyzer": "analysis", "Token": "analysis", "TokenInfo": "analysis",
         "get_analyzer": "analysis", "Document": "documents", "FieldMap": "documents", "Problem": "documents",
         "read_inputs": "documents", "Entity": "entities", "extract_entities": "entities", "FahrasError": "errors",
         "Indexer": "index", "IndexReport": "index", "OpenIndex": "index", "open_index": "index"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"indexer.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'indexer' has no attribute {name!r}")


__all__ = [
    "DEFAULT_ANALYZER", "Analyzer", "Document", "Entity", "FahrasError", "FieldMap", "IndexReport", "Indexer", "OpenIndex",
    "Problem", "Token", "TokenInfo", "extract_entities", "get_analyzer", "open_index", "read_inputs",
]
