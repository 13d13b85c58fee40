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
# A document's row holds its content hash as 16 bytes and its input as a number (the `src` table names them): 1.4 MB
# for 30,000 news articles, where hex hashes, input paths and an index on them took 5.4 (the old `doc` table, copied
# over and dropped when a writer opens it). --sync reads every row to find an input's documents.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS src (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, hash BLOB NOT NULL, src INTEGER NOT NULL) WITHOUT ROWID;
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
        if db.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'doc'").fetchone():
            _migrate(db)
        return db

    def hashes(self, stamp: str) -> dict[str, str]:
        """id → content hash of every document recorded, if the ledger was written at the engine's commit `stamp`
        (else it is emptied and nothing is known)."""
        with closing(self._connect()) as db, db:
            if _meta(db, "stamp") != stamp:
                db.execute("DELETE FROM docs")
                return {}
            return {i: h.hex() for i, h in db.execute("SELECT id, hash FROM docs")}

    def record(self, docs: Iterable[tuple[str, str, str]], deleted: Iterable[str], stamp: str) -> None:
        """After a commit: documents written as (id, hash, input), ids deleted, and the engine's new stamp."""
        with closing(self._connect()) as db, db:
            _write(db, docs)
            db.executemany("DELETE FROM docs WHERE id = ?", ((i,) for i in deleted))
            db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))

    def clear(self, stamp: str) -> None:
        """Forget every document (the index was emptied)."""
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM docs")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))

    def ids_from(self, input_path: str) -> set[str]:
        """The ids recorded as coming from this input."""
        with closing(self._connect()) as db:
            return {i for (i,) in db.execute("SELECT docs.id FROM docs JOIN src ON docs.src = src.id "
                                             "WHERE src.path = ?", (input_path,))}

    def ran(self, run: InputRun) -> None:
        with closing(self._connect()) as db, db:
            db.execute("INSERT OR REPLACE INTO input VALUES (?, ?, ?, ?, ?, ?)",
                       (run.path, run.indexed_at, run.documents, run.added, run.unchanged, run.deleted))

    def inputs(self) -> list[InputRun]:
        """Every input indexed into this index, most recent first."""
        if not self.file.is_file():
            return []
        with closing(sqlite3.connect(self.file, timeout=30)) as db:  # no schema: a reader may not write
            try:
                return [InputRun(*row) for row in db.execute("SELECT * FROM input ORDER BY indexed_at DESC, path")]
            except sqlite3.OperationalError:  # no run recorded yet
                return []


def _write(db: sqlite3.Connection, docs: Iterable[tuple[str, str, str]]) -> None:
    """Record documents as (id, hex hash, input path)."""
    docs = list(docs)
    sources = dict(db.execute("SELECT path, id FROM src"))
    for path in {path for _, _, path in docs} - sources.keys():
        sources[path] = db.execute("INSERT INTO src (path) VALUES (?)", (path,)).lastrowid
    db.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?, ?)",
                   sorted((i, bytes.fromhex(h), sources[path]) for i, h, path in docs))


def _migrate(db: sqlite3.Connection) -> None:
    """A ledger of the first layout (hex hashes, input paths, an index on them) → this one."""
    with db:
        _write(db, db.execute("SELECT id, hash, input FROM doc").fetchall())
        db.execute("DROP TABLE doc")
    db.execute("VACUUM")


def _meta(db: sqlite3.Connection, name: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None
