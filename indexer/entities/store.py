"""An index's entity values (documents per value, from the engine) + its aliases ↔ INDEX/entities.sqlite: each
value's grouping keys, kept across commits, and the groups, regrouped by the writer so that searches only look up."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from dataclasses import astuple, dataclass, field
from pathlib import Path

from indexer.entities.aliases import ALIASES_FILE, Aliases, read_aliases
from indexer.entities.grouping import Group, ValueKeys, firms_among_persons, group
from indexer.entities.keys import key_of
from indexer.entities.kinds import FIRM, KINDS, PERSON
from indexer.normalize import normalize
from indexer.stopwords import load_organisations

STORE_FILE = "entities.sqlite"
FORMAT = "5"  # of the tables and of ValueKeys, and of the grouping passes (2: same key needs close spellings;
# 3: across scripts, a plausible transliteration; 4: keys in a compact text form, no index on val or grp: searches
# look values up in the table they hold in memory; 5: a firm's key without a leading مجموعة, a person shown by a
# name enough documents write)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS keys (kind TEXT, value TEXT, keys TEXT NOT NULL, PRIMARY KEY (kind, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS grp (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, norm TEXT NOT NULL,
                                blocked INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS val (kind TEXT, value TEXT, docs INTEGER NOT NULL, grp INTEGER NOT NULL, norm TEXT NOT NULL,
                                key TEXT NOT NULL, last_key TEXT NOT NULL, why TEXT NOT NULL,
                                PRIMARY KEY (kind, value)) WITHOUT ROWID;
"""
# format 3's indexes on val and grp (13 MB of 33 on 30,000 news articles), for lookups the in-memory Table now
# answers: a writer drops them (a reader may have a read-only copy)
_OLD_INDEXES = ("val_grp", "val_norm", "val_key", "val_last", "grp_norm")
_ARABIC = re.compile("[\u0600-\u06ff]")


class EntityStore:
    """The entity tables of one index directory. A writer calls `refresh` after each commit of the engine (and
    `regroup` when the aliases change); readers look values up. A value the store does not know (indexed after
    a crash, before the next refresh) is its own group."""

    def __init__(self, index: Path) -> None:
        self.index = index
        self.file = index / STORE_FILE
        self._keys: dict[str, dict[str, ValueKeys]] = {}  # a writer's cache of the keys table
        self._table: tuple[tuple[int, int], Table] | None = None  # the groups in memory, by the file's mtime and size

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.file, timeout=30)
        db.executescript(_SCHEMA)
        return db

    def _keys_current(self, db: sqlite3.Connection) -> None:
        """Forget the stored keys when they were computed by another version (of the tables, the key functions or
        the list of organisations): they are computed again as the values are grouped."""
        if _meta(db, "version") not in (None, version()):
            db.execute("DELETE FROM keys")
            self._keys.clear()

    # -- writing ---------------------------------------------------------------------------------------------
    def refresh(self, counts: Mapping[str, Mapping[str, int]], stamp: str) -> None:
        """Group the values the engine holds now (`counts`: kind → value → documents), committed with `stamp`
        (the engine's commit); keys are computed only for values never seen before."""
        with closing(self._connect()) as db, db:
            self._keys_current(db)
            ordered = {kind: dict(sorted(counts.get(kind, {}).items(), key=lambda vn: (-vn[1], vn[0])))
                       for kind in KINDS}
            keys = {kind: self._keys_of(db, kind, ordered[kind]) for kind in KINDS}
            self._write(db, ordered, keys, read_aliases(self.index), stamp)
        self._vacuum()

    def regroup(self) -> None:
        """Group the stored values again, with the aliases file as it is now (after an edit)."""
        with closing(self._connect()) as db, db:
            self._keys_current(db)
            counts = {kind: _stored_counts(db, kind) for kind in KINDS}
            keys = {kind: self._keys_of(db, kind, counts[kind]) for kind in KINDS}
            self._write(db, counts, keys, read_aliases(self.index), _meta(db, "stamp") or "")
        self._vacuum()

    def _vacuum(self) -> None:
        """Give the file's free pages back when they are over a quarter of it (the indexes of format 3 dropped, many
        values gone): a regrouping reuses the pages it frees, so this is rare."""
        with closing(sqlite3.connect(self.file, timeout=30)) as db:
            free, pages = (db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("freelist_count", "page_count"))
            if free * 4 > pages:
                db.execute("VACUUM")

    def _keys_of(self, db: sqlite3.Connection, kind: str, values: Iterable[str]) -> dict[str, ValueKeys]:
        """The ValueKeys of `values`: cached, stored, or computed now (and stored)."""
        cache = self._keys.setdefault(kind, {})
        missing = [v for v in values if v not in cache]
        if missing and not cache:
            cache.update((value, _loads(value, blob)) for value, blob in
                         db.execute("SELECT value, keys FROM keys WHERE kind = ?", (kind,)))
            missing = [v for v in missing if v not in cache]
        new = {value: ValueKeys.of(kind, value) for value in missing}
        db.executemany("INSERT OR REPLACE INTO keys VALUES (?, ?, ?)",
                       [(kind, value, _dumps(k)) for value, k in sorted(new.items())])
        cache.update(new)
        return {value: cache[value] for value in values}

    def _write(self, db: sqlite3.Connection, counts: dict[str, dict[str, int]], keys: dict[str, dict[str, ValueKeys]],
               aliases: Aliases, stamp: str) -> None:
        hidden = firms_among_persons(counts[PERSON], counts[FIRM], keys[PERSON])
        for name in _OLD_INDEXES:
            db.execute(f"DROP INDEX IF EXISTS {name}")
        db.execute("DELETE FROM val")
        db.execute("DELETE FROM grp")
        rows = []
        for kind in KINDS:
            grouping = group(kind, counts[kind], keys[kind], aliases.of(kind), hidden if kind == PERSON else frozenset())
            ids = {}
            for one in grouping.groups:
                ids[id(one)] = db.execute("INSERT INTO grp (kind, name, norm, blocked) VALUES (?, ?, ?, ?)",
                                          (kind, one.name, normalize(one.name), int(one.blocked))).lastrowid
            for value, one in grouping.group_of.items():
                k = keys[kind].get(value) or ValueKeys.of(kind, value)  # a name merged by the user, not stored
                rows.append((kind, value, counts[kind].get(value, 0), ids[id(one)], k.norm, k.key, k.last,
                             grouping.why.get(value, "")))
        db.executemany("INSERT INTO val VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sorted(rows))  # in key order: full pages
        _set_meta(db, version=version(), stamp=stamp, aliases=aliases_digest(self.index))

    # -- reading ---------------------------------------------------------------------------------------------
    def stamp(self) -> str | None:
        """The engine commit the groups were last made for (None before any)."""
        if not self.file.is_file():
            return None
        with closing(self._connect()) as db:
            return _meta(db, "stamp")

    def is_current(self) -> bool:
        """Were the groups made with the aliases file as it is now, by this version?"""
        if not self.file.is_file():
            return True
        with closing(self._connect()) as db:
            return _meta(db, "aliases") in (None, aliases_digest(self.index)) and _meta(db, "version") in (None, version())

    def groups(self, kind: str, values: Iterable[str]) -> dict[str, tuple[int, Group]]:
        """(group id, Group without its values) of each known value among `values`."""
        known = self.table().group_of.get(kind, {})
        return {v: known[v] for v in values if v in known}

    def table(self) -> Table:
        """The groups in memory, read again when the file changes (a commit of the writer, a regroup)."""
        try:
            st = self.file.stat()
            seen = (st.st_mtime_ns, st.st_size)
        except OSError:
            return Table()
        if self._table is None or self._table[0] != seen:
            with closing(self._connect()) as db:
                self._table = (seen, Table.read(db))
        return self._table[1]

    def why(self, kind: str, value: str) -> tuple[str, str] | None:
        """(its group's name, why the value joined it: "" for the value that names it alone) of a stored value."""
        if not self.file.is_file():
            return None
        with closing(self._connect()) as db:
            return db.execute("SELECT g.name, v.why FROM val v JOIN grp g ON v.grp = g.id WHERE v.kind = ? AND "
                              "v.value = ?", (kind, value)).fetchone()

    def values_for(self, kind: str, text: str) -> list[str]:
        """Every stored value a user's name for an entity may mean: any spelling, script, alias or surname (the
        name itself when it means none or several entities)."""
        typed = " ".join(text.split())
        if not self.file.is_file():
            return [typed]
        table = self.table()
        wanted, key = normalize(typed), key_of(kind)(text)
        found = table.by_norm.get(kind, {}).get(wanted)  # a stored value or a facet value, normalized
        ids = [min(found)] if found else []
        if not ids and key:
            ids = list({gid for gid, _ in table.by_key.get(kind, {}).get(key, ())})
            if not ids and len(text.split()) == 1:
                ids = list(table.by_last.get(kind, {}).get(key, ()))
        if len(ids) != 1:
            return [typed]
        return sorted(table.values[ids[0]])

    def names(self, kinds: Iterable[str] = (PERSON, FIRM)) -> list[tuple[str, int]]:
        """Every facet value of `kinds` (not blocked) with the documents of its stored values, most first."""
        table = self.table()
        kinds = set(kinds)
        found = [(g.name, table.docs[gid]) for gid, g in table.group.items() if g.kind in kinds and not g.blocked]
        return sorted(found, key=lambda nd: (-nd[1], nd[0]))

    def named(self, text: str, kinds: Iterable[str] = (PERSON, FIRM), forms: int = 50) -> Named | None:
        """The one entity a query's words name, if they name exactly one: a stored value or facet value as typed
        (normalized: a surname counts where the index stored it alone), or, for Latin text, the transliteration
        key of an Arabic value (Lazard = لازارد, Reid Hoffman = ريد هوفمان). Looser matches (an Arabic word's key,
        a surname's key) would take common words for names."""
        typed = " ".join(text.split())
        if len(typed) < 3:
            return None
        table = self.table()
        wanted = normalize(typed)
        latin = not _ARABIC.search(typed)
        found: set[int] = set()
        for kind in kinds:
            ids = table.by_norm.get(kind, {}).get(wanted, set())
            if not ids and latin and (key := key_of(kind)(typed)):
                ids = {gid for gid, value in table.by_key.get(kind, {}).get(key, ()) if _ARABIC.search(value)}
            found |= ids
        if len(found) != 1:
            return None
        gid = found.pop()
        one = table.group[gid]
        return None if one.blocked else Named(one.kind, one.name, tuple(table.values[gid][:forms]))


@dataclass(frozen=True)
class Table:
    """entities.sqlite's groups in memory, for searches: each value's group, groups by the normalized form of a
    value or of their name, values by transliteration key, groups by the key of a value's last word, each group's
    values (most documents first) and documents."""

    group_of: dict[str, dict[str, tuple[int, Group]]] = field(default_factory=dict)  # kind → value → group
    group: dict[int, Group] = field(default_factory=dict)
    by_norm: dict[str, dict[str, set[int]]] = field(default_factory=dict)
    by_key: dict[str, dict[str, list[tuple[int, str]]]] = field(default_factory=dict)
    by_last: dict[str, dict[str, set[int]]] = field(default_factory=dict)  # groups by the key of a value's last word
    values: dict[int, list[str]] = field(default_factory=dict)
    docs: dict[int, int] = field(default_factory=dict)

    @classmethod
    def read(cls, db: sqlite3.Connection) -> Table:
        table = cls()
        for gid, kind, name, norm, blocked in db.execute("SELECT id, kind, name, norm, blocked FROM grp"):
            table.group[gid] = Group(kind, name, (), bool(blocked))
            table.by_norm.setdefault(kind, {}).setdefault(norm, set()).add(gid)
            table.values[gid], table.docs[gid] = [], 0
        for kind, value, docs, gid, norm, key, last in db.execute("SELECT kind, value, docs, grp, norm, key, last_key "
                                                                   "FROM val ORDER BY docs DESC, value"):
            table.group_of.setdefault(kind, {})[value] = (gid, table.group[gid])
            table.by_norm.setdefault(kind, {}).setdefault(norm, set()).add(gid)
            table.by_key.setdefault(kind, {}).setdefault(key, []).append((gid, value))
            table.by_last.setdefault(kind, {}).setdefault(last, set()).add(gid)
            table.values[gid].append(value)
            table.docs[gid] += docs
        return table


@dataclass(frozen=True)
class Named:
    """An entity the index knows, named by a query: its kind, facet value and stored spellings, most documents first."""

    kind: str
    name: str
    values: tuple[str, ...]


@functools.cache
def version() -> str:
    """The store's format and a digest of the list of organisations its keys read (a new list, new keys)."""
    rows = "\n".join("\t".join([kind, name, *forms]) for kind, name, forms in load_organisations())
    return f"{FORMAT}:{hashlib.blake2b(rows.encode('utf-8'), digest_size=8).hexdigest()}"


def aliases_digest(index: Path) -> str:
    """A digest of the aliases file as it is now ("" when there is none)."""
    file = index / ALIASES_FILE
    return hashlib.blake2b(file.read_bytes(), digest_size=8).hexdigest() if file.is_file() else ""


def _stored_counts(db: sqlite3.Connection, kind: str) -> dict[str, int]:
    """The stored values of one kind with their documents, most documents first (as `refresh` orders them)."""
    return dict(db.execute("SELECT value, docs FROM val WHERE kind = ? AND docs > 0 ORDER BY docs DESC, value",
                           (kind,)).fetchall())


# A value's keys in entities.sqlite: its fields in order, apart from `words` and `norm` (recomputed from the value),
# each after a field separator; a list writes each item after an item separator, a part its place (a-d) then each
# key after a part separator; a string (or a one-item list) equal to the value's key is written _SAME. About 60
# bytes a value where JSON took 150. A key holding one of these characters is written as JSON after _JSON.
_FIELD, _ITEM, _PART, _SAME, _JSON = "\x1f", "\x1e", "\x1d", "\x01", "\x1c"
_RESERVED = re.compile("[\x01\x1c-\x1f]")
_PLACES = {(0, 1): "a", (-1, 1): "b", (0, 2): "c", (-1, 2): "d"}  # (end: 0 first / -1 last, n words) of a part
_PLACE_OF = {code: place for place, code in _PLACES.items()}


def _dumps(k: ValueKeys) -> str:
    strings = [k.german, k.joined, k.name, k.last, k.listed, *k.bare, *k.as_firm, *k.own,
               *(key for _, _, keys in k.parts for key in keys)]
    if _RESERVED.search(k.key) or any(_RESERVED.search(one) for one in strings) or any(
            (end, n) not in _PLACES for end, n, _ in k.parts):
        return _JSON + json.dumps(astuple(k), ensure_ascii=False)

    def one(text: str) -> str:
        return _SAME if text == k.key else text

    def items(texts: tuple[str, ...]) -> str:
        return _SAME if texts == (k.key,) else "".join(_ITEM + one(t) for t in texts)

    parts = "".join(_ITEM + _PLACES[end, n] + "".join(_PART + one(key) for key in keys) for end, n, keys in k.parts)
    return _FIELD.join((k.key, one(k.german), one(k.joined), items(k.bare), items(k.as_firm), one(k.name),
                        items(k.own), str(k.own_len), parts, one(k.last), one(k.listed)))


def _loads(value: str, blob: str) -> ValueKeys:
    """The ValueKeys of `value` stored as `blob` (_dumps)."""
    if blob.startswith(_JSON):
        key, german, joined, bare, as_firm, name, own, own_len, words, parts, norm, last, listed = json.loads(blob[1:])
        return ValueKeys(key, german, joined, tuple(bare), tuple(as_firm), name, tuple(own), own_len, words,
                         tuple((end, n, tuple(k)) for end, n, k in parts), norm, last, listed)
    key, german, joined, bare, as_firm, name, own, own_len, parts, last, listed = blob.split(_FIELD)

    def one(text: str) -> str:
        return key if text == _SAME else text

    def items(text: str) -> tuple[str, ...]:
        return (key,) if text == _SAME else tuple(one(t) for t in text.split(_ITEM)[1:])

    return ValueKeys(key, one(german), one(joined), items(bare), items(as_firm), one(name), items(own), int(own_len),
                     len(value.split()),
                     tuple((*_PLACE_OF[part[0]], tuple(one(t) for t in part[1:].split(_PART)[1:]))
                           for part in parts.split(_ITEM)[1:]),
                     normalize(value), one(last), one(listed))


def _meta(db: sqlite3.Connection, name: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def _set_meta(db: sqlite3.Connection, **values: str) -> None:
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(values.items()))
