"""Input files (folder of .txt/.md, JSONL file, JSONL on stdin) → Document records, and Problems for what is skipped."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from indexer.errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"
MIN_YEAR, MAX_YEAR = 1700, 2261  # what the engine's date field can hold
MAX_DOCUMENT_BYTES = 16 * 2**20  # a document larger than this (a book, a dump) is refused: split it into articles
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape
_SURROGATE = re.compile("[\ud800-\udfff]")  # left in decoded JSON only by a lone \uD800 escape: not text


@dataclass(frozen=True)
class Document:
    """One article as the user gave it. `title` and `body` are kept exactly as written (harakat and all)."""

    id: str
    title: str
    body: str
    source: str = ""
    date: str | None = None  # ISO 8601 date, "2024-07-31"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """An input that was skipped: `path:line: reason` (`path: reason` for the whole file, line 0)."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}" if self.line else f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class FieldMap:
    """Which JSONL keys hold the id, title, text and date; every other key is kept as stored metadata."""

    id: str = "id"
    title: str = "title"
    text: str = "text"
    date: str = "date"


def read_inputs(path: str | Path, fields: FieldMap = FieldMap()) -> Iterator[Document | Problem]:
    """Read a folder (recursively), one .txt/.md/.jsonl file, or "-" for JSONL on stdin."""
    if str(path) == STDIN:
        raw = getattr(sys.stdin, "buffer", None)
        stream = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape") if raw else sys.stdin
        yield from read_jsonl_lines(stream, "<stdin>", fields)
        return
    path = Path(path)
    if path.is_dir():
        for file in input_files(path):
            yield from read_file(file, path, fields)
    elif path.is_file():
        yield from read_file(path, path.parent, fields)
    else:
        raise InputError(f"{path} does not exist; give a folder of .txt/.md files, a .jsonl file, or - for stdin")


def input_files(folder: Path) -> list[Path]:
    """Every .txt, .md and .jsonl file under `folder`, in a stable order; hidden files and folders are skipped."""
    suffixes = TEXT_SUFFIXES + JSONL_SUFFIXES
    return sorted(
        p for p in folder.rglob("*")
        if p.suffix.lower() in suffixes and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def count_inputs(path: str | Path) -> int | None:
    """How many documents `path` holds at most (text files + JSONL lines), or None for stdin."""
    if str(path) == STDIN:
        return None
    path = Path(path)
    files = input_files(path) if path.is_dir() else [path] if path.is_file() else []
    return sum(_count_lines(f) if f.suffix.lower() in JSONL_SUFFIXES else 1 for f in files)


def _count_lines(file: Path) -> int:
    with file.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def read_file(file: Path, root: Path, fields: FieldMap) -> Iterator[Document | Problem]:
    """One file: JSONL by its suffix, a text article (.txt, .md) whose id is its path relative to `root`, or a Problem
    for any other kind of file or one that cannot be read."""
    suffix = file.suffix.lower()
    if suffix not in TEXT_SUFFIXES + JSONL_SUFFIXES:
        yield Problem(str(file), 0, f"not a .txt, .md or .jsonl file ({suffix or 'no suffix'}); convert it to text or "
                                    f"JSON lines (one object per line, named .jsonl) and index that")
        return
    try:
        yield from _read_file(file, root, fields)
    except OSError as err:
        yield Problem(str(file), 0, f"cannot be read ({err.strerror or err}); check its permissions")


def _read_file(file: Path, root: Path, fields: FieldMap) -> Iterator[Document | Problem]:
    if file.suffix.lower() not in JSONL_SUFFIXES and (size := file.stat().st_size) > MAX_DOCUMENT_BYTES:
        yield Problem(str(file), 0, _too_large(size))
        return
    if file.suffix.lower() in JSONL_SUFFIXES:
        with file.open(encoding="utf-8", errors="surrogateescape", newline="") as fh:
            yield from read_jsonl_lines(fh, str(file), fields)
        return
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        yield Problem(str(file), line, f"not UTF-8 (byte 0x{data[err.start]:02x}); convert it, e.g. "
                                       f"`iconv -f cp1256 -t utf-8`, and index it again")
        return
    doc = text_document(text, file.relative_to(root).as_posix(), str(file))
    yield doc if doc.title or doc.body else Problem(str(file), 1, "empty document, skipped")


def text_document(text: str, doc_id: str, source: str) -> Document:
    """A text article: the first non-empty line is the title, the rest is the body.

    >>> text_document("\\nعنوان\\n\\nنص الخبر", "a.txt", "a.txt").body
    'نص الخبر'
    """
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    title = lines[first].strip() if first < len(lines) else ""
    return Document(doc_id, title, "\n".join(lines[first + 1:]).strip(), source)


def read_jsonl_lines(lines: Iterable[str], source: str, fields: FieldMap) -> Iterator[Document | Problem]:
    """JSONL: one object per line; a bad line becomes a Problem and reading goes on. When no line of the input has
    the text field, one more Problem lists the keys the lines have (the text is likely under another key)."""
    keys: dict[str, None] = {}
    objects = with_text = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if len(line) > MAX_DOCUMENT_BYTES:  # characters, at least as many bytes
            yield Problem(source, number, _too_large(len(line.encode("utf-8", "surrogateescape"))))
            continue
        try:
            record = json_record(line)
        except ValueError as err:
            yield Problem(source, number, str(err))
            continue
        objects += 1
        with_text += fields.text in record
        if not with_text and len(keys) < 50:
            keys.update(dict.fromkeys(record))
        try:
            yield json_document(record, fields, source)
        except ValueError as err:
            yield Problem(source, number, str(err))
    if objects and not with_text:
        yield Problem(source, 0, f"no line has the text field {fields.text!r} (keys seen: {', '.join(keys)}); name "
                                 f"the text field with --text-field and index the file again")


def json_record(line: str) -> dict[str, Any]:
    """One JSONL line → its object; ValueError says what is wrong with the line."""
    if _UNDECODABLE.search(line):
        raise ValueError("not UTF-8; convert the file to UTF-8 (e.g. `iconv -f cp1256 -t utf-8`) and index it again")
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON ({err.msg} at column {err.colno})") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    if "\\u" in line and _SURROGATE.search(json.dumps(record, ensure_ascii=False)):
        raise ValueError("holds a lone UTF-16 surrogate escape (such as \\ud800), which is not text; "
                         "fix the file's producer or remove the escape")
    return record


def json_document(record: dict[str, Any], fields: FieldMap, source: str) -> Document:
    """One JSONL object → Document; ValueError says what is wrong with it."""
    doc_id = _scalar(record, fields.id, required=True)
    title = _scalar(record, fields.title)
    body = _scalar(record, fields.text)
    if not (title.strip() or body.strip()):
        raise ValueError(f"empty document (no {fields.title!r} or {fields.text!r} text), skipped")
    known = {fields.id, fields.title, fields.text, fields.date}
    extra = {k: v for k, v in record.items() if k not in known}
    return Document(doc_id, title.strip(), body.strip(), source, _date(record.get(fields.date), fields.date), extra)


def _too_large(size: int) -> str:
    return (f"{size / 2**20:,.0f} MB is larger than a document may be ({MAX_DOCUMENT_BYTES // 2**20} MB); split it "
            "into articles (one per file, or one per JSONL line)")


def _scalar(record: dict[str, Any], key: str, required: bool = False) -> str:
    value = record.get(key)
    if value is None:
        if required:
            raise ValueError(f"no {key!r} field; name the id field with --id-field")
        return ""
    if isinstance(value, (dict, list)):
        raise ValueError(f"field {key!r} must be a string, not {type(value).__name__}")
    return str(value)


def _date(value: Any, key: str) -> str | None:
    """An ISO date or datetime string → "YYYY-MM-DD"; None stays None."""
    if value in (None, ""):
        return None
    try:
        day = (datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
               if "T" in str(value) or " " in str(value) else date.fromisoformat(str(value)))
    except ValueError:
        raise ValueError(f"field {key!r} is not an ISO date (YYYY-MM-DD): {value!r}") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"field {key!r} is outside the years {MIN_YEAR}–{MAX_YEAR}: {value!r}")
    return day.isoformat()
