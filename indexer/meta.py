"""Index directory ↔ fahras.json: the analyzer name@version (and its word lists' fingerprint), backend and format an
index was built with."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from indexer.errors import IndexIncompatible, IndexNotFound

META_FILE = "fahras.json"
FORMAT = 2  # bump when the schema changes; older indexes must then be rebuilt (2: entity mentions and groups)


@dataclass(frozen=True)
class IndexMeta:
    analyzer: str
    backend: str
    format: int = FORMAT
    fingerprint: str = ""  # of the analyzer's word lists when the index was made ("" in indexes made before)


def write_meta(path: Path, meta: IndexMeta) -> None:
    """Write fahras.json atomically (temp file + rename), so a crash never leaves half a file."""
    tmp = path / f".{META_FILE}.tmp"
    tmp.write_text(json.dumps(asdict(meta), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path / META_FILE)


def read_meta(path: Path) -> IndexMeta:
    """Read fahras.json; a missing file means there is no index here."""
    file = path / META_FILE
    if not file.is_file():
        raise IndexNotFound(str(path))
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        meta = IndexMeta(analyzer=str(data["analyzer"]), backend=str(data["backend"]), format=int(data["format"]),
                         fingerprint=str(data.get("fingerprint", "")))
    except (ValueError, KeyError, TypeError) as err:
        raise IndexIncompatible(str(path), f"{META_FILE} is unreadable ({err})") from None
    if meta.format != FORMAT:
        raise IndexIncompatible(str(path), f"it has format {meta.format} and this build reads format {FORMAT}")
    return meta


def check_fingerprint(path: Path, meta: IndexMeta, fingerprint: str) -> None:
    """An index made with other word lists than this build's analyzer of the same name would match queries wrongly
    (a stopword dropped here, kept there): it must be rebuilt."""
    if meta.fingerprint and meta.fingerprint != fingerprint:
        raise IndexIncompatible(str(path), f"it was built with other word lists for {meta.analyzer} (stopwords or "
                                           "name parts changed since)")


def is_index(path: Path) -> bool:
    return (path / META_FILE).is_file()
