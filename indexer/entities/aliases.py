"""aliases.toml in an index directory ↔ the user's entity merges, renames and blocks (applied when the index regroups
its entity values: at once after `fahras aliases merge|rename|block|unmerge|unblock`, at the next open after a hand
edit)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from indexer.entities.kinds import KINDS
from indexer.errors import InputError

ALIASES_FILE = "aliases.toml"


@dataclass
class KindAliases:
    merge: list[list[str]] = field(default_factory=list)  # each list: names that are one entity
    rename: dict[str, str] = field(default_factory=dict)  # name → the name to show
    block: list[str] = field(default_factory=list)  # names never shown as facets


@dataclass
class Aliases:
    kinds: dict[str, KindAliases] = field(default_factory=lambda: {k: KindAliases() for k in KINDS})

    def of(self, kind: str) -> KindAliases:
        return self.kinds[kind]


def read_aliases(index: Path) -> Aliases:
    """The aliases of an index; an absent file means none. A malformed file is an InputError naming it."""
    file = index / ALIASES_FILE
    aliases = Aliases()
    if not file.is_file():
        return aliases
    tomllib = toml_reader()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for kind in KINDS:
            table = data.get(kind, {})
            aliases.kinds[kind] = KindAliases([list(map(str, group)) for group in table.get("merge", [])],
                                              {str(k): str(v) for k, v in table.get("rename", {}).items()},
                                              [str(n) for n in table.get("block", [])])
    except (tomllib.TOMLDecodeError, AttributeError, TypeError) as err:
        raise InputError(f"{file} is not a valid aliases file ({err}); fix it or delete it") from None
    return aliases


def write_aliases(index: Path, aliases: Aliases) -> None:
    """Write aliases.toml atomically (tomli-w: hand-editable TOML, never built by string concatenation)."""
    data = {kind: {"merge": a.merge, "block": a.block, "rename": a.rename}
            for kind in KINDS if (a := aliases.of(kind)).merge or a.rename or a.block}
    text = "# Entity aliases of this index; edit with `fahras aliases merge|rename|block|unmerge|unblock` or here.\n\n"
    import tomli_w  # here: only an edit writes the file

    tmp = index / f".{ALIASES_FILE}.tmp"
    tmp.write_text(text + tomli_w.dumps(data), encoding="utf-8")
    os.replace(tmp, index / ALIASES_FILE)


def toml_reader() -> ModuleType:
    """The TOML reader, imported when a file is read (most indexes have none; a search starts faster without it)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InputError(f"unknown entity kind {kind!r}; use one of {', '.join(KINDS)}")


def _edit(index: Path, kind: str, change: Callable[[KindAliases], None]) -> Aliases:
    """Read the aliases, apply `change` to those of `kind` (it may refuse with an InputError), write them back."""
    check_kind(kind)
    aliases = read_aliases(index)
    change(aliases.of(kind))
    write_aliases(index, aliases)
    return aliases


def add_merge(index: Path, kind: str, names: list[str]) -> Aliases:
    """Record that `names` are one entity (takes effect at the next search; nothing is re-indexed)."""
    if len(names) < 2:
        raise InputError("merge needs at least two names, e.g. fahras aliases merge \"مارك لاسري\" \"Marc Lasry\"")
    return _edit(index, kind, lambda a: a.merge.append(list(names)))


def add_rename(index: Path, kind: str, name: str, new_name: str) -> Aliases:
    """Show the entity called `name` as `new_name`."""
    return _edit(index, kind, lambda a: a.rename.update({name: new_name}))


def add_block(index: Path, kind: str, name: str) -> Aliases:
    """Never show the entity called `name` as a facet value (a false extraction, say)."""
    return _edit(index, kind, lambda a: a.block.append(name) if name not in a.block else None)


def remove_merge(index: Path, kind: str, name: str) -> Aliases:
    """Forget every merge that lists `name` (its names are grouped by the index alone again)."""

    def unmerge(a: KindAliases) -> None:
        kept = [group for group in a.merge if name not in group]
        if len(kept) == len(a.merge):
            raise InputError(f"no merge of {kind} names lists {name!r}; see them with `fahras aliases list`")
        a.merge = kept

    return _edit(index, kind, unmerge)


def remove_block(index: Path, kind: str, name: str) -> Aliases:
    """Show the entity called `name` as a facet value again."""

    def unblock(a: KindAliases) -> None:
        if name not in a.block:
            raise InputError(f"{name!r} is not a blocked {kind}; see the blocked names with `fahras aliases list`")
        a.block.remove(name)

    return _edit(index, kind, unblock)
