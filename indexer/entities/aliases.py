"""aliases.toml in an index directory ↔ the user's entity merges, renames and blocks (applied when the index regroups
its entity values: at once after `fahras entities merge|rename|block`, at the next open after a hand edit)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

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
    """Write aliases.toml atomically."""
    lines = ["# Entity aliases of this index; edit with `fahras entities merge|rename|block`.", ""]
    for kind in KINDS:
        a = aliases.of(kind)
        if not (a.merge or a.rename or a.block):
            continue
        lines.append(f"[{kind}]")
        lines.append("merge = [" + ", ".join("[" + ", ".join(map(_q, g)) + "]" for g in a.merge) + "]")
        lines.append("block = [" + ", ".join(map(_q, a.block)) + "]")
        lines.append(f"[{kind}.rename]")
        lines += [f"{_q(k)} = {_q(v)}" for k, v in a.rename.items()]
        lines.append("")
    tmp = index / f".{ALIASES_FILE}.tmp"
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, index / ALIASES_FILE)


def _q(text: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these characters)."""
    return json.dumps(text, ensure_ascii=False)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InputError(f"unknown entity kind {kind!r}; use one of {', '.join(KINDS)}")


def add_merge(index: Path, kind: str, names: list[str]) -> Aliases:
    """Record that `names` are one entity (takes effect at the next search; nothing is re-indexed)."""
    _check_kind(kind)
    if len(names) < 2:
        raise InputError("merge needs at least two names, e.g. fahras entities merge \"مارك لاسري\" \"Marc Lasry\"")
    aliases = read_aliases(index)
    aliases.of(kind).merge.append(list(names))
    write_aliases(index, aliases)
    return aliases


def add_rename(index: Path, kind: str, name: str, new_name: str) -> Aliases:
    """Show the entity called `name` as `new_name`."""
    _check_kind(kind)
    aliases = read_aliases(index)
    aliases.of(kind).rename[name] = new_name
    write_aliases(index, aliases)
    return aliases


def add_block(index: Path, kind: str, name: str) -> Aliases:
    """Never show the entity called `name` as a facet value (a false extraction, say)."""
    _check_kind(kind)
    aliases = read_aliases(index)
    if name not in aliases.of(kind).block:
        aliases.of(kind).block.append(name)
    write_aliases(index, aliases)
    return aliases
