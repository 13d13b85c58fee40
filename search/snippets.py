"""Original text + matched word spans → the best window of that text with its highlights (str offsets)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from search.results import Snippet

ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Match:
    """A matched word of the original text and the query term it matched."""

    start: int
    end: int
    term: str


def make_snippet(text: str, matches: list[Match], max_chars: int = 200) -> Snippet:
    """The window of at most `max_chars` with the most distinct matched terms (then most matches), cut at spaces,
    whitespace runs shown as one space, "…" where text was cut.

    >>> s = make_snippet("ذهب إلى المدرسةِ", [Match(8, 16, "مدرس")])
    >>> s.text[s.highlights[0][0]:s.highlights[0][1]]
    'المدرسةِ'
    """
    start, end = _best_window(text, matches, max_chars)
    inside = [m for m in matches if start <= m.start and m.end <= end]
    fragment, offset = _compact(text, start, end)
    lead = ELLIPSIS if start > 0 and fragment else ""
    tail = ELLIPSIS if end < len(text) and fragment else ""
    shift = len(lead)
    return Snippet(lead + fragment + tail, [(offset(m.start) + shift, offset(m.end) + shift) for m in inside])


def _best_window(text: str, matches: list[Match], max_chars: int) -> tuple[int, int]:
    if len(text) <= max_chars:
        return 0, len(text)
    lead = max_chars // 4
    best, best_score = 0, (-1, -1)
    matches = sorted(matches, key=lambda x: x.start)
    starts = [x.start for x in matches]
    for m in matches:
        begin = max(0, min(m.start - lead, len(text) - max_chars))
        window = matches[bisect_left(starts, begin):bisect_left(starts, begin + max_chars)]
        inside = [x for x in window if x.end <= begin + max_chars]
        score = (len({x.term for x in inside}), len(inside))
        if score > best_score:
            best, best_score = begin, score
    return _snap(text, best, best + max_chars)


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Move `start` forward past a word it would cut, and `end` back to the last space, so no word is cut and
    the window never grows."""
    while 0 < start < end and not text[start - 1].isspace() and not text[start].isspace():
        start += 1
    if end < len(text) and not text[end].isspace():
        cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
        end = cut if cut > start else end
    return start, end


def _compact(text: str, start: int, end: int) -> tuple[str, Callable[[int], int]]:
    """text[start:end] with whitespace runs as one space and the ends stripped, and a function mapping an
    original offset in [start, end] to its offset in the result."""
    kept: list[str] = []
    ends: list[int] = []  # original offsets where a whitespace run ends
    cuts: list[int] = []  # characters removed up to that run's end
    cut, last = 0, start
    for run in _SPACES.finditer(text, start, end):
        a, b = run.span()
        kept.append(text[last:a])
        at_edge = a == start or b == end
        cut += (b - a) if at_edge else (b - a - 1)
        if not at_edge:
            kept.append(" ")
        ends.append(b)
        cuts.append(cut)
        last = b
    kept.append(text[last:end])
    fragment = "".join(kept)

    def offset(i: int) -> int:
        k = bisect_right(ends, i)
        return min(max(0, i - start - (cuts[k - 1] if k else 0)), len(fragment))

    return fragment, offset
