"""Original text + matched word spans → the best window of that text with its highlights (str offsets)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from indexer.analysis import Token
from search.results import Snippet

ELLIPSIS = "…"


@dataclass(frozen=True)
class Match:
    """A matched word of the original text and the query term it matched."""

    start: int
    end: int
    term: str


def term_matches(tokens: Iterable[Token], terms: set[str]) -> list[Match]:
    """Every token whose indexed term is one of the query's terms (the same test the ranking used)."""
    return [Match(t.start, t.end, t.term) for t in tokens if t.term in terms]


def make_snippet(text: str, matches: list[Match], max_chars: int = 200) -> Snippet:
    """The window of at most `max_chars` with the most distinct matched terms (then most matches), cut at spaces,
    whitespace runs shown as one space, "…" where text was cut.

    >>> s = make_snippet("ذهب إلى المدرسةِ", [Match(8, 16, "مدرس")])
    >>> s.text[s.highlights[0][0]:s.highlights[0][1]]
    'المدرسةِ'
    """
    start, end = _best_window(text, matches, max_chars)
    inside = [m for m in matches if start <= m.start and m.end <= end]
    fragment, offsets = _compact(text, start, end)
    lead = ELLIPSIS if start > 0 and fragment else ""
    tail = ELLIPSIS if end < len(text) and fragment else ""
    shift = len(lead)
    return Snippet(lead + fragment + tail, [(offsets[m.start] + shift, offsets[m.end] + shift) for m in inside])


def _best_window(text: str, matches: list[Match], max_chars: int) -> tuple[int, int]:
    if len(text) <= max_chars:
        return 0, len(text)
    lead = max_chars // 4
    best, best_score = 0, (-1, -1)
    for m in matches:
        begin = max(0, min(m.start - lead, len(text) - max_chars))
        inside = [x for x in matches if begin <= x.start and x.end <= begin + max_chars]
        score = (len({x.term for x in inside}), len(inside))
        if score > best_score:
            best, best_score = begin, score
    return _snap(text, best, best + max_chars)


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Move `start` back to the beginning of its word and `end` back to the last space, never past a word."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    if end < len(text) and not text[end].isspace():
        cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
        end = cut if cut > start else end
    return start, end


def _compact(text: str, start: int, end: int) -> tuple[str, dict[int, int]]:
    """text[start:end] with whitespace runs as one space and ends stripped; maps every original offset in
    [start, end] to its offset in the result."""
    out: list[str] = []
    offsets: dict[int, int] = {}
    for i in range(start, end):
        ch = text[i]
        offsets[i] = len(out)
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(ch)
    offsets[end] = len(out)
    while out and out[-1] == " ":
        out.pop()
    return "".join(out), {k: min(v, len(out)) for k, v in offsets.items()}
