"""Fahras indexing: Arabic analysis, input reading and writing the on-disk index."""

from indexer.analysis import DEFAULT_ANALYZER, Analyzer, Token, TokenInfo, get_analyzer
from indexer.documents import Document, FieldMap, Problem, read_inputs
from indexer.entities import Entity, extract_entities
from indexer.errors import FahrasError
from indexer.index import Indexer, IndexReport, OpenIndex, open_index

__all__ = [
    "DEFAULT_ANALYZER", "Analyzer", "Document", "Entity", "FahrasError", "FieldMap", "IndexReport", "Indexer", "OpenIndex",
    "Problem", "Token", "TokenInfo", "extract_entities", "get_analyzer", "open_index", "read_inputs",
]
