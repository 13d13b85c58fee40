"""Logical-order text → visual-order lines for terminals without BiDi (python-bidi levels, mirroring, shaping).

A paragraph's embedding levels come from python-bidi (the Unicode Bidirectional Algorithm, rules P–I); each
wrapped line is then reordered here (rules L1–L4), because python-bidi's `get_display` neither keeps track of
which character went where (needed to carry highlights across) nor mirrors brackets. Arabic letters are shaped
into their joined presentation forms, since terminals that do not reorder do not join letters either.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import bidi
from bidi.mirror import MIRRORED

MODES = ("auto", "on", "off")
MIN_VTE = 5800  # VTE 0.58 (GNOME 3.34) reorders RTL text itself; VTE_VERSION is major*10000 + minor*100 + micro
_LINE_END_CLASSES = frozenset({"WS", "FSI", "LRI", "RLI", "PDI", "BN"})  # rule L1: reset before S/B and line end
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
_FORMS = ("<isolated>", "<final>", "<initial>", "<medial>")
_JOIN_CAUSING = frozenset("\u0640\u200d")  # tatweel, zero-width joiner
_ALEFS = frozenset("\u0622\u0623\u0625\u0627")


def terminal_reorders(env: Mapping[str, str]) -> str | None:
    """The name of the terminal if its environment says it does BiDi itself (so Fahras must not), else None."""
    vte = env.get("VTE_VERSION", "")
    if vte.isdigit() and int(vte) >= MIN_VTE:
        return "VTE"
    if env.get("KONSOLE_VERSION"):
        return "Konsole"
    if env.get("MLTERM"):
        return "mlterm"
    if env.get("TERM_PROGRAM") in ("Apple_Terminal", "mintty"):
        return env["TERM_PROGRAM"]
    return None


def wants_visual(mode: str, env: Mapping[str, str], is_terminal: bool) -> bool:
    """`on`: always reorder; `off`: never; `auto`: only on a terminal that is not known to reorder by itself."""
    if mode not in MODES:
        raise ValueError(f"bidi mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode != "auto":
        return mode == "on"
    return is_terminal and terminal_reorders(env) is None


@dataclass(frozen=True)
class Paragraph:
    """One logical paragraph (no newline) with its base level (0 LTR, 1 RTL) and one resolved level per char."""

    text: str
    base: int
    levels: tuple[int, ...]

    @property
    def rtl(self) -> bool:
        return self.base % 2 == 1


def paragraph(text: str) -> Paragraph:
    """Resolve the embedding levels of `text`, right-to-left when most of its letters are (see `is_rtl`).

    >>> p = paragraph("Nvidia تربح مليارا")
    >>> p.base, p.levels
    (1, (2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
    """
    if not text:
        return Paragraph(text, 0, ())
    base = 1 if is_rtl(text) else 0
    return Paragraph(text, base, _char_levels(text, base))


def is_rtl(text: str) -> bool:
    """Whether most strong letters of `text` outside isolates (FSI/LRI/RLI … PDI) are right-to-left (on a tie, the
    first one decides, as in UAX #9 rule P2). So an Arabic headline that starts with "Nvidia" stays right-to-left.

    >>> is_rtl("Nvidia تربح 30 مليار دولار"), is_rtl("12 hits for «مكالمة»"), is_rtl("2.5")
    (True, False, False)
    """
    strong = []
    depth = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("FSI", "LRI", "RLI"):
            depth += 1
        elif kind == "PDI":
            depth = max(depth - 1, 0)
        elif depth == 0 and kind in ("L", "R", "AL"):
            strong.append(kind != "L")
    rtl = sum(strong)
    return rtl > len(strong) - rtl or (rtl == len(strong) - rtl and bool(strong) and strong[0])


def isolate(text: str) -> str:
    """`text` between RLI or LRI (by `is_rtl`) and PDI: it keeps its own direction inside a line of the other."""
    return ("\u2067" if is_rtl(text) else "\u2066") + text + "\u2069"


def _char_levels(text: str, base: int) -> tuple[int, ...]:
    """python-bidi reports a level per UTF-8 byte in its debug form; keep the level of each char's first byte."""
    info = bidi.get_display(text, base_dir="R" if base else "L", debug=True)
    section = info[info.index("levels:"):info.index("paragraphs:")]
    by_byte = [int(n) for n in _LEVEL.findall(section)]
    levels, offset = [], 0
    for char in text:
        levels.append(by_byte[offset])
        offset += len(char.encode("utf-8"))
    if offset != len(by_byte):
        raise RuntimeError("python-bidi reported an unexpected number of levels; pin python-bidi to 0.6")
    return tuple(levels)


def visual_order(par: Paragraph, start: int = 0, end: int | None = None) -> list[int]:
    """The logical indices of `par.text[start:end]` (one line of it) in display order, left to right.

    Rule L1 resets trailing whitespace to the paragraph level, L2 reverses runs from the highest level down,
    L3 keeps combining marks after their base character.

    >>> p = paragraph("abc مرحبا 12")
    >>> "".join(p.text[i] for i in visual_order(p))
    '12 ابحرم abc'
    """
    end = len(par.text) if end is None else end
    levels = _line_levels(par, start, end)
    clusters = _clusters(par.text, start, end, levels)
    lowest_odd = min(levels, default=1) | 1
    for level in range(max(levels, default=0), lowest_odd - 1, -1):
        clusters = _reverse_runs(clusters, level)
    return [i for _, indices in clusters for i in indices]


def _line_levels(par: Paragraph, start: int, end: int) -> list[int]:
    """Rule L1: separators, and whitespace before them or at the end of the line, take the paragraph level."""
    levels = list(par.levels[start:end])
    trailing = True
    for k in range(end - start - 1, -1, -1):
        kind = unicodedata.bidirectional(par.text[start + k])
        if kind in ("S", "B"):
            levels[k], trailing = par.base, True
        elif trailing and kind in _LINE_END_CLASSES:
            levels[k] = par.base
        else:
            trailing = False
    return levels


def _clusters(text: str, start: int, end: int, levels: list[int]) -> list[tuple[int, list[int]]]:
    """(level, [indices]): each base character with the combining marks after it, so reversal keeps them together."""
    clusters: list[tuple[int, list[int]]] = []
    for k in range(end - start):
        if clusters and unicodedata.combining(text[start + k]):
            clusters[-1][1].append(start + k)
        else:
            clusters.append((levels[k], [start + k]))
    return clusters


def _reverse_runs(clusters: list[tuple[int, list[int]]], level: int) -> list[tuple[int, list[int]]]:
    out: list[tuple[int, list[int]]] = []
    run: list[tuple[int, list[int]]] = []
    for cluster in clusters:
        if cluster[0] >= level:
            run.append(cluster)
            continue
        out += run[::-1] + [cluster]
        run = []
    return out + run[::-1]


def display_chars(par: Paragraph, shaped: list[str], order: list[int]) -> list[tuple[int, str]]:
    """(logical index, what to print) in display order: shaped letters, mirrored brackets in RTL runs, and no
    invisible format characters (their work is done)."""
    out = []
    for i in order:
        char = shaped[i]
        if unicodedata.category(par.text[i]) == "Cf":
            char = ""
        elif par.levels[i] % 2:
            char = MIRRORED.get(char, char)
        out.append((i, char))
    return out


def visual_line(text: str) -> str:
    """One line of plain text in display order, shaped and mirrored (what a non-BiDi terminal must be sent).

    >>> visual_line("قال (نعم)") == "(ﻢﻌﻧ) ﻝﺎﻗ"
    True
    """
    par = paragraph(text)
    return "".join(char for _, char in display_chars(par, shape(text), visual_order(par)))


@cache
def _presentation_forms() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """letter → {form: presentation char}, and alef → {form: lam-alef ligature}, from Unicode decompositions."""
    letters: dict[str, dict[str, str]] = {}
    ligatures: dict[str, dict[str, str]] = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        form, *parts = unicodedata.decomposition(chr(code)).split() or [""]
        if form not in _FORMS:
            continue
        chars = "".join(chr(int(p, 16)) for p in parts)
        if len(chars) == 1:
            letters.setdefault(chars, {})[form] = chr(code)
        elif len(chars) == 2 and chars[0] == "\u0644" and chars[1] in _ALEFS:
            ligatures.setdefault(chars[1], {})[form] = chr(code)
    return letters, ligatures


def _joining(char: str) -> str:
    """D (joins both sides), R (joins the letter before it only), C (join-causing), T (transparent), U (none)."""
    if char in _JOIN_CAUSING:
        return "C"
    if unicodedata.category(char) in ("Mn", "Me"):
        return "T"
    forms = _presentation_forms()[0].get(char, {})
    if "<initial>" in forms or "<medial>" in forms:
        return "D"
    return "R" if "<final>" in forms else "U"


def shape(text: str, ligatures: bool = True) -> list[str]:
    """Each char of `text` as its contextual Arabic presentation form (logical order, same length); a lam
    followed by an alef becomes the lam-alef ligature and the alef an empty string (unless `ligatures` is False).

    >>> "".join(shape("سلام")) == "\ufeb3\ufefc\ufee1", "".join(shape("سلام", ligatures=False)) == "\ufeb3\ufee0\ufe8e\ufee1"
    (True, True)
    """
    letters, lam_alefs = _presentation_forms()
    kinds = [_joining(c) for c in text]
    solid = [k for k, kind in enumerate(kinds) if kind != "T"]
    out = list(text)
    for n, k in enumerate(solid):
        kind = kinds[k]
        if kind not in ("D", "R"):
            continue
        before = n > 0 and kinds[solid[n - 1]] in ("D", "C") and out[solid[n - 1]] != ""
        after_k = solid[n + 1] if n + 1 < len(solid) else None
        if ligatures and text[k] == "\u0644" and after_k is not None and text[after_k] in _ALEFS:
            form = "<final>" if before else "<isolated>"
            out[k], out[after_k] = lam_alefs[text[after_k]][form], ""
            kinds[k] = "R"
            continue
        if out[k] == "":
            continue
        after = kind == "D" and after_k is not None and kinds[after_k] in ("D", "R", "C")
        form = {(True, True): "<medial>", (True, False): "<final>", (False, True): "<initial>"}.get(
            (before, after), "<isolated>")
        forms = letters.get(text[k], {})
        out[k] = forms.get(form) or forms.get("<isolated>", text[k])
    return out
