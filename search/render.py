"""Results and analyses → rich Text for the terminal (colour only where the console allows it)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from indexer.analysis import TokenInfo
from search.results import Hit, Results

HIGHLIGHT = "bold yellow"


def render_hit(rank: int, hit: Hit) -> Text:
    """`rank. title  (score)`, then the id/source line and the snippet with matched words highlighted."""
    text = Text()
    text.append(f"{rank}. ", style="bold")
    text.append(hit.title or hit.id, style="bold cyan")
    text.append(f"  ({hit.score:.2f})\n", style="dim")
    text.append(f"   {hit.id}\n", style="green")
    snippet = Text("   " + hit.snippet.text)
    for start, end in hit.snippet.highlights:
        snippet.stylize(HIGHLIGHT, start + 3, end + 3)
    text.append_text(snippet)
    return text


def render_results(results: Results, offset: int = 0) -> Group:
    """A header line, each hit separated by a blank line, and the facet counts if any."""
    shown = len(results.hits)
    if results.total == 0:
        return Group(Text(f"no hits for «{results.query}»" + _no_terms_hint(results)))
    span = f"{offset + 1}–{offset + shown}" if shown else "none"
    noun = "hit" if results.total == 1 else "hits"
    parts: list[Text] = [Text(f"{results.total} {noun} for «{results.query}» (showing {span})", style="bold")]
    for rank, hit in enumerate(results.hits, offset + 1):
        parts += [Text(""), render_hit(rank, hit)]
    facets = [f"{name}: " + ", ".join(f"{c.value} ({c.count})" for c in counts)
              for name, counts in results.facets.items() if counts]
    if facets:
        parts += [Text(""), Text("\n".join(facets), style="magenta")]
    return Group(*parts)


def _no_terms_hint(results: Results) -> str:
    return "" if results.terms else " (only stopwords or punctuation: nothing to search for)"


def analysis_lines(infos: list[TokenInfo]) -> list[str]:
    """One tab-separated line per word: position, start:end, original, normalized form, indexed term."""
    return [f"{t.pos}\t{t.start}:{t.end}\t{t.original}\t{t.normalized}\t{t.term or '(stopword)'}" for t in infos]
