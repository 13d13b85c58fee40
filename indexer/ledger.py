"""The documents an index holds (id → content hash, the input it came from) and each input's last run ↔
INDEX/documents.sqlite: what lets a run skip unchanged documents and delete those whose input dropped them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path

from indexer.documents import Document

LEDGER_FILE = "documents.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS doc (id TEXT PRIMARY KEY, hash TEXT NOT NULL, input TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_input ON doc (input);
CREATE TABLE IF NOT EXISTS input (path TEXT PRIMARY KEY, indexed_at TEXT NOT NULL, documents INTEGER NOT NULL,
                                  added INTEGER NOT NULL, unchanged INTEGER NOT NULL, deleted INTEGER NOT NULL);
"""


def content_hash(doc: Document) -> str:
    """A digest of everything the index stores of a document (id, title, body, source, date, metadata)."""
    data = json.dumps(asdict(doc), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class InputRun:
    """An input's last indexing run: when (UTC, ISO 8601), the documents it had, and what the run did."""

    path: str
    indexed_at: str
    documents: int
    added: int
    unchanged: int
    deleted: int


class Ledger:
    """The ledger of one index directory. A writer records what it committed, right after each commit, with the
    engine's commit stamp; a ledger whose stamp is not the engine's (a crash between the two) is not trusted: it is
    emptied, and the next run re-indexes everything once."""

    def __init__(self, index: Path) -> None:
        self.file = index / LEDGER_FILE

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.file, timeout=30)
        db.executescript(_SCHEMA)
        return db

    def hashes(self, stamp: str) -> dict[str, str]:
        """id → content hash of every document recorded, if the ledger was written at the engine's commit `stamp`
        (else it is emptied and nothing is known)."""
        with closing(self._connect()) as db, db:
            if _meta(db, "stamp") != stamp:
                db.execute("DELETE FROM doc")
                return {}
            return dict(db.execute("SELECT id, hash FROM doc"))

    def record(self, docs: Iterable[tuple[str, str, str]], deleted: Iterable[str], stamp: str) -> None:
        """After a commit: documents written as (id, hash, input), ids deleted, and the engine's new stamp."""
        with closing(self._connect()) as db, db:
            db.executemany("INSERT OR REPLACE INTO doc VALUES (?, ?, ?)", docs)
            db.executemany("DELETE FROM doc WHERE id = ?", ((i,) for i in deleted))
            db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))

    def clear(self, stamp: str) -> None:
        """Forget every document (the index was emptied)."""
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM doc")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))

    def ids_from(self, input_path: str) -> set[str]:
        """The ids recorded as coming from this input."""
        with closing(self._connect()) as db:
            return {i for (i,) in db.execute("SELECT id FROM doc WHERE input = ?", (input_path,))}

    def ran(self, run: InputRun) -> None:
        with closing(self._connect()) as db, db:
            db.execute("INSERT OR REPLACE INTO input VALUES (?, ?, ?, ?, ?, ?)",
                       (run.path, run.indexed_at, run.documents, run.added, run.unchanged, run.deleted))

    def inputs(self) -> list[InputRun]:
        """Every input indexed into this index, most recent first."""
        if not self.file.is_file():
            return []
        with closing(self._connect()) as db:
            return [InputRun(*row) for row in db.execute("SELECT * FROM input ORDER BY indexed_at DESC, path")]


def _meta(db: sqlite3.Connection, name: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None
