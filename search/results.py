"""Search results as plain dataclasses, and their JSON-ready dict form."""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from indexer.entities import Entity


@dataclass(frozen=True)
class Snippet:
    """A window of the original text; `highlights` are [start, end) str offsets into `text`."""

    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    score: float
    snippet: Snippet
    source: str = ""
    date: str | None = None
    persons: tuple[str, ...] = ()
    firms: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()  # mentions in f"{title}\n{body}", `canonical` the facet value


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class Results:
    """`total` counts every match in the index; `hits` is the requested page; `terms` the analysed query terms;
    `parsed` the canonical form of the query; `warnings` what the lenient parser had to fix and what the search cut
    short; `suggestions` queries the user may have meant (when there are few hits); `expansions` each query term
    that matched more than its own words → those forms (an entity's other spellings, a fuzzy word's index words)."""

    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    parsed: str = ""
    warnings: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    expansions: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The `--json` shape: {"query", "parsed", "warnings", "total", "hits": [{"id", "title", "score", "source",
        "snippet"…}], "facets", "suggestions", "expansions"}."""
        return {
            "query": self.query,
            "parsed": self.parsed,
            "warnings": self.warnings,
            "total": self.total,
            "hits": [_hit_dict(h) for h in self.hits],
            "facets": {k: [asdict(c) for c in v] for k, v in self.facets.items()},
            "suggestions": self.suggestions,
            "expansions": self.expansions,
        }


def _hit_dict(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "score": round(hit.score, 4),
        "source": hit.source,
        "date": hit.date,
        "snippet": {"text": hit.snippet.text, "highlights": [list(h) for h in hit.snippet.highlights]},
        "persons": list(hit.persons),
        "firms": list(hit.firms),
        "entities": [{"kind": e.kind, "start": e.start, "end": e.end, "text": e.surface, "value": e.canonical}
                     for e in hit.entities],
        **({"extra": hit.extra} if hit.extra else {}),
    }


EXPORT_FIELDS = ("id", "title", "date", "score", "persons", "firms", "snippet")


def export_rows(results: Results, fmt: str) -> str:
    """The hits as rows a spreadsheet or another tool reads: csv or tsv with a header, or jsonl; persons and firms
    joined by "; ", the snippet as plain text."""
    rows = [{"id": h.id, "title": h.title, "date": h.date or "", "score": round(h.score, 4),
             "persons": "; ".join(h.persons), "firms": "; ".join(h.firms), "snippet": h.snippet.text}
            for h in results.hits]
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    import csv  # here: only an export writes rows

    out = io.StringIO()
    writer = csv.DictWriter(out, EXPORT_FIELDS, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
