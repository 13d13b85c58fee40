"""The one index schema: every field a backend keeps, with its kind, declared once for every engine."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.entities.kinds import KINDS

ID, TEXT, KEYWORD, DATE, STORED = "id", "text", "keyword", "date", "stored"


@dataclass(frozen=True)
class Field:
    """A field of the index: `kind` says how an engine keeps it.

    - id: one whole value per document, the key that replaces and deletes it;
    - text: analysed terms (from the one analyzer, space-joined), positions kept for phrases, BM25-scored;
    - keyword: whole values, several per document, counted as facets (one field per entity kind);
    - date: one day per document (or none), for ranges and newest-first order;
    - stored: the record a hit returns (base.encode_record), never searched.
    """

    name: str
    kind: str
    reason: str


SCHEMA: tuple[Field, ...] = (
    Field("id", ID, "the document's id: re-adding it replaces the document"),
    Field("title", TEXT, "the title's stems (weighted above the body)"),
    Field("body", TEXT, "the body's stems"),
    Field("exact", TEXT, "title and body normalized but unstemmed: a word as typed ranks first"),
    *(Field(kind, KEYWORD, f"the document's {kind} entity values (a facet)") for kind in KINDS),
    Field("date", DATE, "the publication day: date ranges and newest-first listing"),
    Field("record", STORED, "the original document, its entity values and mentions, compressed"),
)


def names(kind: str) -> tuple[str, ...]:
    """The names of the schema's fields of one kind, in schema order."""
    return tuple(f.name for f in SCHEMA if f.kind == kind)


TEXT_FIELDS = names(TEXT)
KEYWORD_FIELDS = names(KEYWORD)
