"""Results, documents, facets and stats → rich renderables: wrapped to the width, in visual order when asked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.style import StyleType
from rich.text import Text

from indexer.analysis import TokenInfo
from indexer.documents import Document
from indexer.entities import Entity
from search.results import FacetCount, Hit, Results
from search.terminal import bidi

if TYPE_CHECKING:  # the shell's replies: imported by render_reply, so a one-shot search does not load the shell
    from search.terminal.shell import Reply

HIGHLIGHT = "bold yellow"
TITLE = "bold cyan"
SOURCE = "green"
ENTITY_STYLES = {"person": "bold magenta", "firm": "bold blue", "org": "bold green"}
FACET_NAMES = {"person": "persons", "firm": "firms", "org": "organisations"}
_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Para:
    """One paragraph of styled text: wrapped to the width with an indent; in visual order (for terminals that do
    not reorder right-to-left text) each line is reordered and shaped, and right-to-left paragraphs are aligned
    right with the indent on the right."""

    text: Text
    indent: int = 0
    visual: bool = False

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = self.text.plain
        width = max(options.max_width - self.indent, 8)
        lines = [(0, len(plain))] if options.no_wrap else wrap_offsets(plain, width)
        par = bidi.paragraph(plain) if self.visual else None
        shaped = bidi.shape(plain) if self.visual else []
        base = console.get_style(self.text.style) if self.text.style else None  # Text.render leaves it out
        for (start, _), line in zip(lines, self.text.divide([start for start, _ in lines[1:]]), strict=True):
            line.rstrip()
            if par is not None:
                line = visual_text(line, par, shaped, start)
            pad = self.indent
            if par is not None and par.rtl and not options.no_wrap:
                pad = max(options.max_width - self.indent - line.cell_len, 0)
            if line.plain:
                yield Segment(" " * pad)
                yield from Segment.apply_style(line.render(console), base)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        words = self.text.plain.split() or [""]
        return Measurement(self.indent + max(cell_len(w) for w in words), self.indent + self.text.cell_len)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """[start, end) of each line of `text` wrapped to `width` cells: lines break after whitespace, and a word wider
    than a line is cut.

    >>> wrap_offsets("جمع التبرعات في وول ستريت", 12)
    [(0, 13), (13, 25)]
    """
    lines: list[tuple[int, int]] = []
    start = 0
    for match in _WORD.finditer(text):
        word_end = match.start() + len(match.group().rstrip())
        if text[start:match.start()].strip() and cell_len(text[start:word_end]) > width:
            lines.append((start, match.start()))
            start = match.start()
        while cell_len(text[start:word_end]) > width:
            lines.append((start, cut := _fit(text, start, width)))
            start = cut
    lines.append((start, len(text)))
    return lines


def _fit(text: str, start: int, width: int) -> int:
    """The end of the longest run of `text` from `start` that fits in `width` cells (at least one char)."""
    used, end = 0, start
    while end < len(text) and used + get_character_cell_size(text[end]) <= width:
        used += get_character_cell_size(text[end])
        end += 1
    return max(end, start + 1)


def visual_text(line: Text, par: bidi.Paragraph, shaped: list[str], start: int) -> Text:
    """A line of `par` (a Text starting at `start`) in display order, every character keeping its styles."""
    styles: list[list[StyleType]] = [[] for _ in line.plain]
    for span in line.spans:
        for k in range(span.start, min(span.end, len(styles))):
            styles[k].append(span.style)
    runs: list[tuple[str, list[StyleType]]] = []
    for index, char in bidi.display_chars(par, shaped, bidi.visual_order(par, start, start + len(line.plain))):
        style = styles[index - start]
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + char, style)
        elif char:
            runs.append((char, style))
    out = Text(end=line.end)
    for chunk, style in runs:
        out.append(chunk)
        for each in style:
            out.stylize(each, len(out.plain) - len(chunk), len(out.plain))
    return out


def isolate(text: str, visual: bool) -> str:
    """In visual mode, `text` isolated so it keeps its own direction and leaves the line's alone."""
    return bidi.isolate(text) if visual else text


def paragraphs(text: Text, indent: int = 0, visual: bool = False) -> list[Para]:
    """One Para per line of `text`."""
    return [Para(line, indent, visual) for line in text.split("\n", allow_blank=True)]


# -- search results --------------------------------------------------------------------------------------------

def render_hit(rank: int, hit: Hit, visual: bool = False) -> Group:
    """`rank. title  (score)`, then `id · source · date` and the snippet with the matched words highlighted."""
    title = Text(f"{rank}. ", style="bold")
    title.append(isolate(hit.title or hit.id, visual), style=TITLE)
    title.append(f"  ({hit.score:.2f})", style="dim")
    snippet = Text(hit.snippet.text)
    for start, end in hit.snippet.highlights:
        snippet.stylize(HIGHLIGHT, start, end)
    where = Text(" · ".join(_where(hit.id, hit.source, hit.date)), style=SOURCE)
    return Group(Para(title, 0, visual), Para(where, 3, visual), *paragraphs(snippet, 3, visual))


def _where(doc_id: str, source: str, date: str | None) -> list[str]:
    return [doc_id] + [part for part in (source, date) if part and part != doc_id]


def query_label(query: str, persons: Sequence[str] = (), firms: Sequence[str] = (), exact: bool = False,
                sort: str | None = None) -> str:
    """The query with its filters and mode, as shown in headers and the prompt: `مكالمة · person: X · exact`.

    >>> query_label("مكالمة", persons=["مارك لاسري"], sort="date")
    'مكالمة · person: مارك لاسري · by date'
    """
    parts = [query] if query else []
    parts += [f"person: {p}" for p in persons] + [f"firm: {f}" for f in firms]
    parts += ["exact"] if exact else []
    return " · ".join(parts + ([f"by {sort}"] if sort else []))


def render_results(results: Results, offset: int = 0, *, visual: bool = False, facets: bool = True,
                   label: str | None = None) -> Group:
    """A header line, each hit after a blank line, and the facet panel when there are facet counts."""
    label = results.query if label is None else label
    meant = [Para(Text("did you mean: " + " · ".join(f"«{isolate(s, visual)}»" for s in results.suggestions) + "?",
                       style="yellow"), 0, visual)] if results.suggestions else []
    if results.total == 0:
        return Group(Para(Text(f"no hits for «{isolate(label, visual)}»" + _no_terms_hint(results)), 0, visual),
                     *meant)
    shown = len(results.hits)
    span = f"{offset + 1}–{offset + shown}" if shown else "none"
    noun = "hit" if results.total == 1 else "hits"
    parts: list[RenderableType] = [
        Para(Text(f"{results.total} {noun} for «{isolate(label, visual)}» (showing {span})", style="bold"), 0, visual)]
    parts += meant
    for rank, hit in enumerate(results.hits, offset + 1):
        parts += [Text(""), render_hit(rank, hit, visual)]
    panel = render_facets(results.facets, visual) if facets else None
    if panel is not None:
        parts += [Text(""), panel]
    return Group(*parts)


def _no_terms_hint(results: Results) -> str:
    return "" if results.terms else " (only stopwords or punctuation: nothing to search for)"


def render_facets(facets: Mapping[str, Sequence[FacetCount]], visual: bool = False,
                  title: str = "facets") -> Panel | None:
    """A panel with one line per facet (`persons  name (count) · …`), or None when every facet is empty."""
    rows = []
    for name, counts in facets.items():
        if not counts:
            continue
        row = Text(f"{FACET_NAMES.get(name, name)}: ", style="bold")
        for k, count in enumerate(counts):
            row.append(" · " if k else "")
            row.append(isolate(count.value, visual), style=ENTITY_STYLES.get(name, ""))
            row.append(f" ({count.count})")
        rows.append(Para(row, 0, visual))
    # the title as Text: a str title is parsed as markup, which loads rich's table of emoji codes (~3 ms)
    return Panel(Group(*rows), title=Text(title), title_align="left", expand=False) if rows else None


# -- documents -------------------------------------------------------------------------------------------------

def full_text(doc: Document) -> str:
    """The text entity offsets of a document refer to: its title, a newline, its body."""
    return f"{doc.title}\n{doc.body}"


def render_document(doc: Document, entities: Iterable[Entity] = (), *, visual: bool = False,
                    brackets: bool = False) -> Group:
    """Title, `id · source · date`, then the body, each entity mention styled by kind (or put in [brackets] when
    the output has no styles), and a list of the entities mentioned."""
    text = marked_text(full_text(doc), entities, brackets)
    title, body = text.divide([len(text.plain.split("\n", 1)[0])])
    title.stylize(TITLE)
    where = Text(" · ".join(_where(doc.id, doc.source, doc.date)), style=SOURCE)
    parts: list[RenderableType] = [Para(title, 0, visual), Para(where, 0, visual), Text("")]
    parts += paragraphs(body[1:], 0, visual)
    found = mentioned(entities)
    if found:
        parts += [Text(""), render_facets(found, visual, title="mentioned")]
    return Group(*parts)


def marked_text(text: str, entities: Iterable[Entity], brackets: bool = False) -> Text:
    """`text` with each mention styled by kind; with `brackets`, mentions are also written [like this].

    >>> marked_text("قال مارك لاسري", [Entity("person", 4, 14, "مارك لاسري", "مارك لاسري")], True).plain
    'قال [مارك لاسري]'
    """
    out, pos = Text(), 0
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        if entity.start < pos:
            continue
        out.append(text[pos:entity.start])
        mention = text[entity.start:entity.end]
        out.append(f"[{mention}]" if brackets else mention, style=ENTITY_STYLES.get(entity.kind, "bold"))
        pos = entity.end
    out.append(text[pos:])
    return out


def mentioned(entities: Iterable[Entity]) -> dict[str, list[FacetCount]]:
    """Canonical names per kind with their number of mentions, most mentioned first."""
    counts: dict[str, dict[str, int]] = {}
    for entity in entities:
        names = counts.setdefault(entity.kind, {})
        names[entity.canonical] = names.get(entity.canonical, 0) + 1
    return {kind: [FacetCount(v, c) for v, c in sorted(names.items(), key=lambda vc: (-vc[1], vc[0]))]
            for kind, names in counts.items()}


# -- stats, help, analysis -------------------------------------------------------------------------------------

def render_stats(stats: Mapping[str, object], top: Mapping[str, Sequence[FacetCount]], visual: bool = False) -> Group:
    """`name  value` lines (documents, size, analyzer, backend, index, each input's last run) and the top entities
    panel."""
    lines = [("documents", f"{stats['documents']:,}"), ("size", human_size(int(stats["size_bytes"]))),
             ("analyzer", str(stats["analyzer"])), ("backend", str(stats["backend"])), ("index", str(stats["index"])),
             ("segments", f"{stats.get('segments', 0):,}")]
    lines += [("input", f"{run['path']}  {run['indexed_at']}  {run['documents']:,} documents (last run: "
                        f"{run['added']:,} indexed, {run['unchanged']:,} unchanged, {run['deleted']:,} deleted)")
              for run in stats.get("inputs", [])]  # type: ignore[attr-defined]
    parts: list[RenderableType] = [Para(Text(f"{name:<10} {value}"), 0, visual) for name, value in lines]
    panel = render_facets(top, visual, title="top entities")
    if panel is not None:
        parts += [Text(""), panel]
    return Group(*parts)


def human_size(size: int) -> str:
    """Bytes as B, KB, MB or GB (powers of 1024), with the exact byte count.

    >>> human_size(1536)
    '1.5 KB (1,536 bytes)'
    """
    value, unit = float(size), "B"
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    return f"{size:,} bytes" if unit == "B" else f"{value:.1f} {unit} ({size:,} bytes)"


def render_help(commands: Sequence[tuple[str, str]], visual: bool = False) -> Group:
    """One `syntax  what it does` line per command."""
    width = max(len(syntax) for syntax, _ in commands)
    return Group(*(Para(Text(f"{syntax:<{width}}  {what}"), 2, visual) for syntax, what in commands))


def render_lines(lines: Iterable[str], visual: bool = False) -> Group:
    """Plain lines as paragraphs (reordered and shaped when `visual`)."""
    return Group(*(Para(Text(line), 0, visual) for line in lines))


def analysis_lines(infos: list[TokenInfo]) -> list[str]:
    """One tab-separated line per word: position, start:end, original, normalized form, indexed term."""
    return [f"{t.pos}\t{t.start}:{t.end}\t{t.original}\t{t.normalized}\t{t.term or '(stopword)'}" for t in infos]


def render_reply(reply: Reply, visual: bool = False, brackets: bool = False) -> RenderableType:
    """What the shell shows for one reply."""
    from search.terminal.shell import Facets, Help, Hits, Note, Opened

    if isinstance(reply, Hits):
        return render_results(reply.results, reply.offset, visual=visual, facets=False, label=reply.label)
    if isinstance(reply, Opened):
        return render_document(reply.document, reply.entities, visual=visual, brackets=brackets)
    if isinstance(reply, Facets):
        return render_facets(reply.facets, visual) or Text("")
    if isinstance(reply, Help):
        return Group(render_help(reply.commands, visual), Para(Text(reply.hint, style="dim"), 0, visual))
    return Para(Text(reply.text if isinstance(reply, Note) else "", style="dim"), 0, visual)
