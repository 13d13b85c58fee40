"""Query text → a tree of plain dataclasses with a canonical string form; strict (raises) and lenient parsers.

Syntax: words (OR-ranked), "phrases" ("a b"~2 for slop), 'exact words' (normalized, not stemmed), +must,
-exclude, AND / OR / NOT, parentheses, fields title: person: firm: org: date:, prefix word*, fuzzy word~ / word~1.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from indexer.errors import FahrasError

TEXT_FIELDS = ("title",)
ENTITY_FIELDS = ("person", "firm", "org")
FIELDS = (*TEXT_FIELDS, *ENTITY_FIELDS, "date")
OPERATORS = ("AND", "OR", "NOT")
MAX_DEPTH = 32


class QuerySyntaxError(FahrasError):
    """Where the query is wrong (0-based character position) and what to do about it."""

    def __init__(self, position: int, message: str) -> None:
        super().__init__(f"query error at character {position + 1}: {message}")
        self.position, self.message = position, message


def _field(field: str | None, body: str) -> str:
    return f"{field}:{body}" if field else body


@dataclass(frozen=True)
class Word:
    text: str
    field: str | None = None

    def __str__(self) -> str:
        return _field(self.field, self.text)


@dataclass(frozen=True)
class Phrase:
    text: str
    field: str | None = None
    slop: int = 0

    def __str__(self) -> str:
        return _field(self.field, f'"{self.text}"' + (f"~{self.slop}" if self.slop else ""))


@dataclass(frozen=True)
class Exact:
    text: str

    def __str__(self) -> str:
        return f"'{self.text}'"


@dataclass(frozen=True)
class Prefix:
    text: str

    def __str__(self) -> str:
        return f"{self.text}*"


@dataclass(frozen=True)
class Fuzzy:
    text: str
    distance: int | None = None  # None: 1 for words up to 5 letters, else 2

    def __str__(self) -> str:
        return f"{self.text}~" + ("" if self.distance is None else str(self.distance))


@dataclass(frozen=True)
class DateRange:
    start: date | None
    end: date | None

    def __str__(self) -> str:
        return f"date:{self.start or ''}..{self.end or ''}"


@dataclass(frozen=True)
class Must:
    child: Node

    def __str__(self) -> str:
        return f"+{_operand(self.child)}"


@dataclass(frozen=True)
class Not:
    child: Node

    def __str__(self) -> str:
        return f"-{_operand(self.child)}"


def _operand(child: Node) -> str:
    """A + or - operand; another + or - inside is parenthesized (-(-x)), since "--x" reads as a lone "-"."""
    return f"({child})" if isinstance(child, (Must, Not)) else str(child)


@dataclass(frozen=True)
class Clauses:
    """Juxtaposed terms: plain ones are OR-ranked, +must ones required, -excluded ones forbidden."""

    items: tuple[Node, ...]

    def __str__(self) -> str:
        return "(" + " ".join(map(str, self.items)) + ")"


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.items)) + ")"


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]

    def __str__(self) -> str:
        return "(" + " OR ".join(map(str, self.items)) + ")"


@dataclass(frozen=True)
class Empty:
    def __str__(self) -> str:
        return ""


Node = Word | Phrase | Exact | Prefix | Fuzzy | DateRange | Must | Not | Clauses | And | Or | Empty


# -- lexer ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Tok:
    kind: str  # word phrase exact op mod lparen rparen field eof
    text: str
    pos: int
    slop: int = 0


_WORD_END = re.compile(r"[\s()\"]")
_FIELD = re.compile(r"([A-Za-z]+):(?=[^\s])")
_SLOP = re.compile(r"~(\d{1,3})")


def _clean(text: str) -> str:
    """Control and format characters (bidi marks, zero-width joiners, NUL…) act as spaces; length is kept."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


class _Lexer:
    def __init__(self, text: str, report) -> None:
        self.text, self.report, self.i = text, report, 0

    def tokens(self) -> list[_Tok]:
        out = []
        while True:
            tok = self.next()
            out.append(tok)
            if tok.kind == "eof":
                return out

    def next(self) -> _Tok:
        text = self.text
        while self.i < len(text) and text[self.i].isspace():
            self.i += 1
        start = self.i
        if start >= len(text):
            return _Tok("eof", "", start)
        ch = text[start]
        if ch in "()":
            self.i += 1
            return _Tok("lparen" if ch == "(" else "rparen", ch, start)
        if ch == '"':
            return self._quoted(start, '"', "phrase")
        if ch == "'":
            return self._quoted(start, "'", "exact")
        if ch in "+-":
            if start + 1 < len(text) and not text[start + 1].isspace() and text[start + 1] not in "+-)":
                self.i += 1
                return _Tok("mod", ch, start)
            self.i += 1
            self.report(start, f"'{ch}' must be written right before a word, as in {ch}كلمة")
            return self.next()
        field = _FIELD.match(text, start)
        if field and field.group(1).lower() in FIELDS:
            self.i = field.end()
            return _Tok("field", field.group(1).lower(), start)
        if field:
            self.report(start, f"unknown field '{field.group(1)}:'; fields are {', '.join(FIELDS)} "
                               f"(put a space after ':' to search for the word)")
        end = _WORD_END.search(text, start)
        self.i = end.start() if end else len(text)
        word = text[start:self.i]
        return _Tok("op" if word in OPERATORS else "word", word, start)

    def _quoted(self, start: int, quote: str, kind: str) -> _Tok:
        close = self.text.find(quote, start + 1)
        if close < 0:
            self.report(start, f"unclosed {quote}; add the closing {quote}")
            close = len(self.text)
        self.i = close + 1
        slop = _SLOP.match(self.text, self.i) if kind == "phrase" else None
        if slop:
            self.i = slop.end()
        return _Tok(kind, self.text[start + 1:close].strip(), start, int(slop.group(1)) if slop else 0)


# -- parser --------------------------------------------------------------------------------------------------------

class _Parser:
    def __init__(self, text: str, strict: bool) -> None:
        self.strict = strict
        self.errors: list[QuerySyntaxError] = []
        self.toks = _Lexer(_clean(text), self.fail).tokens()
        self.k = 0
        self.depth = 0

    def fail(self, pos: int, message: str) -> None:
        error = QuerySyntaxError(pos, message)
        if self.strict:
            raise error
        self.errors.append(error)

    @property
    def tok(self) -> _Tok:
        return self.toks[self.k]

    def take(self) -> _Tok:
        tok = self.toks[self.k]
        self.k = min(self.k + 1, len(self.toks) - 1)
        return tok

    def parse(self) -> Node:
        parts = [self.parse_or()]
        while self.tok.kind != "eof":  # only a stray ')' can stop parse_or early
            self.fail(self.tok.pos, "unbalanced ')'; remove it or add the opening '('")
            self.take()
            parts.append(self.parse_or())
        return _simplify(Clauses, [p for p in parts if not isinstance(p, Empty)])

    def parse_or(self) -> Node:
        items = [self.parse_and()]
        while self.tok.kind == "op" and self.tok.text == "OR":
            op = self.take()
            items.append(self.parse_and(after=op))
        return _simplify(Or, [i for i in items if not isinstance(i, Empty)])

    def parse_and(self, after: _Tok | None = None) -> Node:
        items = [self.parse_seq(after)]
        while self.tok.kind == "op" and self.tok.text == "AND":
            op = self.take()
            items.append(self.parse_seq(op))
        return _simplify(And, [i for i in items if not isinstance(i, Empty)])

    def parse_seq(self, after: _Tok | None) -> Node:
        items: list[Node] = []
        while self.tok.kind not in ("eof", "rparen") and not (self.tok.kind == "op" and self.tok.text != "NOT"):
            node = self.parse_unary()
            if not isinstance(node, Empty):
                items.append(node)
        if not items and after is not None:
            self.fail(after.pos, f"{after.text} needs a search term after it")
        elif not items and self.tok.kind == "op":
            self.fail(self.tok.pos, f"{self.tok.text} needs a search term before it")
        return _simplify(Clauses, items)

    def parse_unary(self) -> Node:
        tok = self.tok
        if (tok.kind == "op" and tok.text == "NOT") or tok.kind == "mod":
            self.take()
            if self.tok.kind in ("eof", "rparen", "op") and not (self.tok.kind == "op" and self.tok.text == "NOT"):
                self.fail(tok.pos, f"{tok.text} needs a search term after it")
                return Empty()
            if self.depth >= MAX_DEPTH:
                self.fail(tok.pos, f"more than {MAX_DEPTH} nested operators; simplify the query")
                return self.parse_unary()
            self.depth += 1
            child = self.parse_unary()
            self.depth -= 1
            if isinstance(child, Empty):
                return child
            return Must(child) if tok.text == "+" else Not(child)
        return self.parse_primary()

    def parse_primary(self) -> Node:
        tok = self.take()
        if tok.kind == "lparen":
            if self.depth >= MAX_DEPTH:
                self.fail(tok.pos, f"more than {MAX_DEPTH} nested parentheses; simplify the query")
                return Empty()
            self.depth += 1
            node = self.parse_or()
            self.depth -= 1
            if self.tok.kind == "rparen":
                self.take()
                if isinstance(node, Empty):
                    self.fail(tok.pos, "empty parentheses; put a search term inside or remove them")
            else:
                self.fail(tok.pos, "unclosed '('; add the closing ')'")
            return node
        if tok.kind == "field":
            return self.parse_field(tok)
        return self.term(tok, None)

    def parse_field(self, field_tok: _Tok) -> Node:
        tok = self.take()
        if field_tok.text == "date":
            return self.date(tok, field_tok)
        if tok.kind not in ("word", "phrase"):
            self.fail(field_tok.pos, f"{field_tok.text}: needs a word or a \"phrase\" right after it")
            return self.term(tok, None) if tok.kind in ("exact",) else Empty()
        if field_tok.text in ENTITY_FIELDS:
            return Phrase(tok.text, field_tok.text) if tok.text else Empty()
        node = self.term(tok, field_tok.text)
        if isinstance(node, (Exact, Prefix, Fuzzy)):
            self.fail(field_tok.pos, f"{field_tok.text}: takes plain words or \"phrases\"")
        return node

    def term(self, tok: _Tok, field: str | None) -> Node:
        if tok.kind == "phrase":
            if not tok.text:
                self.fail(tok.pos, 'empty "" ; put words between the quotes')
                return Empty()
            return Phrase(tok.text, field, tok.slop)
        if tok.kind == "exact":
            if not tok.text:
                self.fail(tok.pos, "empty '' ; put words between the quotes")
                return Empty()
            return Exact(tok.text)
        if tok.kind == "word":
            return self.word(tok, field)
        if tok.kind == "rparen":
            self.fail(tok.pos, "unbalanced ')'; remove it or add the opening '('")
            return Empty()
        if tok.kind == "op":
            self.fail(tok.pos, f"{tok.text} needs a search term before it")
            return Empty()
        return Empty()

    def word(self, tok: _Tok, field: str | None) -> Node:
        text = tok.text
        if text.endswith("*") and field is None:
            stem = text.rstrip("*")
            if len(stem) < 2:
                self.fail(tok.pos, "a prefix needs at least 2 letters before '*'")
                return Word(stem) if stem else Empty()
            return Prefix(stem)
        fuzzy = re.fullmatch(r"(.+?)~([0-2])?", text)
        if fuzzy and field is None:
            return Fuzzy(fuzzy.group(1), int(fuzzy.group(2)) if fuzzy.group(2) else None)
        return Word(text, field)

    def date(self, tok: _Tok, field_tok: _Tok) -> Node:
        value = tok.text if tok.kind == "word" else ""
        lo, sep, hi = value.partition("..")
        try:
            start = _date_bound(lo, first=True)
            end = _date_bound(hi if sep else lo, first=False)
        except ValueError:
            self.fail(field_tok.pos, "date: takes YYYY, YYYY-MM, YYYY-MM-DD or a range FROM..TO (either side may "
                                     "be left out)")
            return Empty()
        if start is None and end is None:
            self.fail(field_tok.pos, "date: needs at least one date")
            return Empty()
        return DateRange(start, end)


def _date_bound(text: str, first: bool) -> date | None:
    """'2024' → 2024-01-01 (first) or 2024-12-31; '2024-02' → 2024-02-01 or 2024-02-29; '' → None."""
    if not text:
        return None
    parts = text.split("-")
    if not all(p.isdigit() for p in parts) or len(parts) > 3 or len(parts[0]) != 4:
        raise ValueError(text)
    year, month, day = int(parts[0]), int(parts[1]) if len(parts) > 1 else None, int(parts[2]) if len(parts) > 2 else None
    if day is not None:
        return date(year, month, day)
    if month is None:
        return date(year, 1, 1) if first else date(year, 12, 31)
    if first:
        return date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def _simplify(kind, items: list[Node]) -> Node:
    if not items:
        return Empty()
    return items[0] if len(items) == 1 else kind(tuple(items))


def parse(text: str) -> Node:
    """Strict: the tree, or QuerySyntaxError(position, message) at the first problem.

    >>> str(parse('هوفمان -كونواي title:"وول ستريت"'))
    '(هوفمان -كونواي title:"وول ستريت")'
    """
    return _Parser(text, strict=True).parse()


def parse_lenient(text: str) -> tuple[Node, list[QuerySyntaxError]]:
    """Never raises: unbalanced quotes and parentheses are closed, stray operators and unknown fields are read
    as words or dropped; the problems are returned beside the tree.

    >>> node, errors = parse_lenient('"وول ستريت')
    >>> str(node), [e.message for e in errors]
    ('"وول ستريت"', ['unclosed "; add the closing "'])
    """
    parser = _Parser(text, strict=False)
    return parser.parse(), parser.errors
