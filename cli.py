"""Command line → library calls → printed results. No behaviour lives here; see indexer/ and search/."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from indexer import FahrasError, FieldMap, Indexer, IndexReport, get_analyzer, read_inputs
from indexer.analysis import ANALYZER_SPECS, DEFAULT_ANALYZER
from indexer.documents import count_inputs
from search import Searcher
from search.evaluate import evaluate
from search.render import analysis_lines, render_results
from search.searcher import Explanation

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Fahras: Arabic full-text search. Example: fahras index samples/news && fahras search \"جمع التبرعات\"",
)

IndexOpt = Annotated[Path, typer.Option("--index", "-i", envvar="FAHRAS_INDEX", help="Index directory.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the full traceback of errors.")]


def _out() -> Console:
    """stdout: colours and wrapping only on a terminal; NO_COLOR is respected by rich."""
    return Console(highlight=False, soft_wrap=not sys.stdout.isatty())


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def user_errors(debug: bool = False) -> Iterator[None]:
    """A FahrasError becomes one line on stderr and exit 1; Ctrl-C exits 130 without a traceback."""
    try:
        yield
    except FahrasError as err:
        if debug:
            raise
        _err().print(f"Error: {err}", markup=False)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        _err().print("interrupted; the index keeps everything committed before", markup=False)
        raise typer.Exit(130) from None


@app.command()
def index(
    paths: Annotated[list[str], typer.Argument(help="Folders of .txt/.md files, .jsonl files, or - for stdin.")],
    index: IndexOpt = Path("index"),
    rebuild: Annotated[bool, typer.Option(help="Replace the whole index with these inputs.")] = False,
    analyzer: Annotated[str | None, typer.Option(help=f"One of {', '.join(ANALYZER_SPECS)}.")] = None,
    id_field: Annotated[str, typer.Option(help="JSONL key of the document id.")] = "id",
    title_field: Annotated[str, typer.Option(help="JSONL key of the title.")] = "title",
    text_field: Annotated[str, typer.Option(help="JSONL key of the text.")] = "text",
    date_field: Annotated[str, typer.Option(help="JSONL key of an ISO date (optional).")] = "date",
    batch_size: Annotated[int, typer.Option(min=1, help="Commit every N documents.")] = 5000,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Index Arabic articles (re-indexing an id replaces it).

    Example: fahras index samples/news ; cat news.jsonl | fahras index - --text-field body
    """
    fields = FieldMap(id_field, title_field, text_field, date_field)
    with user_errors(debug), Indexer(index, analyzer, batch_size=batch_size, rebuild=rebuild) as ix:
        report = IndexReport()
        for path in paths:
            _merge(report, _index_one(ix, path, fields))
    _print_report(report, index, as_json)
    if report.problems:
        raise typer.Exit(1)


def _index_one(ix: Indexer, path: str, fields: FieldMap) -> IndexReport:
    items = read_inputs(path, fields)
    if not sys.stderr.isatty():
        return ix.index(items)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), DocsPerSecond(),
               TimeRemainingColumn())
    with Progress(*columns, console=_err(), transient=True) as bar:
        task = bar.add_task(f"indexing {path}", total=count_inputs(path))
        return ix.index(items, on_progress=lambda n: bar.advance(task, n))


class DocsPerSecond(ProgressColumn):
    """Progress column: documents per second so far."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:,.0f} docs/s")


def _merge(total: IndexReport, part: IndexReport) -> None:
    total.added += part.added
    total.problems += part.problems
    total.seconds += part.seconds
    total.chars += part.chars


def _print_report(report: IndexReport, index: Path, as_json: bool) -> None:
    err = _err()
    for problem in report.problems:
        err.print(str(problem), markup=False)
    if as_json:
        data = {"indexed": report.added, "skipped": len(report.problems), "seconds": round(report.seconds, 3),
                "problems": [asdict(p) for p in report.problems], "index": str(index)}
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    rate = report.added / report.seconds if report.seconds else 0.0
    skipped = f"; skipped {len(report.problems)} (see above)" if report.problems else ""
    err.print(f"indexed {_plural(report.added, 'document')} into {index} in {report.seconds:.1f}s "
              f"({rate:,.0f} docs/s){skipped}", markup=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all their forms match), "phrases", \'exact\', +must, -not, '
                                              "AND/OR/NOT, (groups), title: person: firm: date:, prefix*, fuzzy~.")],
    index: IndexOpt = Path("index"),
    limit: Annotated[int, typer.Option(min=0, help="How many hits to show.")] = 10,
    offset: Annotated[int, typer.Option(min=0, help="How many hits to skip (for paging).")] = 0,
    explain: Annotated[bool, typer.Option(help="Show the parsed query and each word's analysis; search nothing.")]
    = False,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Search the index; print ranked hits with the matched words highlighted in the original text.

    Example: fahras search "جمع التبرعات" --limit 5 ; fahras search '"وول ستريت" -ترامب'
    """
    with user_errors(debug):
        searcher = Searcher(index)
        if explain:
            _print_explanation(searcher.explain(query), as_json)
            return
        results = searcher.search(query, limit=limit, offset=offset)
    if as_json:
        typer.echo(json.dumps(results.to_dict(), ensure_ascii=False))
        return
    for warning in results.warnings:
        _err().print(f"note: {warning}; searched for: {results.parsed}", markup=False)
    _out().print(render_results(results, offset))


def _print_explanation(explanation: Explanation, as_json: bool) -> None:
    if as_json:
        data = asdict(explanation)
        data["words"] = [w._asdict() for w in explanation.words]
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    typer.echo(f"parsed: {explanation.parsed}")
    for error in explanation.errors:
        typer.echo(f"fixed:  {error}")
    for line in analysis_lines(explanation.words):
        typer.echo(f"word:   {line}")
    typer.echo(f"engine: {explanation.engine}")


@app.command(name="eval")
def evaluate_collection(
    collection: Annotated[Path, typer.Argument(help="Folder with corpus.jsonl, queries.tsv and optionally qrels.tsv.")],
    run: Annotated[Path | None, typer.Option("--run", help="Write the TREC run (top 1000) here.")] = None,
    analyzer: Annotated[str | None, typer.Option(help=f"One of {', '.join(ANALYZER_SPECS)}.")] = None,
    backend: Annotated[str, typer.Option(help="Engine to evaluate: tantivy.")] = "tantivy",
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Index a test collection in a temporary index, run its queries, print MRR@10, nDCG@10, Recall@10/100.

    Example: fahras eval ../shared/data/retrieval/arcd --run arcd.trec
    """
    with user_errors(debug):
        report = evaluate(collection, run_path=run, analyzer=analyzer, backend=backend)
    if as_json:
        typer.echo(json.dumps(asdict(report), ensure_ascii=False))
        return
    typer.echo(f"{report.collection}: {report.documents} documents, {report.queries} queries, "
               f"indexed in {report.index_seconds:.2f}s")
    for name, value in report.metrics.items():
        typer.echo(f"{name:<8} {value:.4f}")
    lat = report.latency_ms
    typer.echo(f"latency  p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms (top 1000, no snippets)")


@app.command()
def analyze(
    text: Annotated[str, typer.Argument(help="Arabic text to analyse.")],
    analyzer: Annotated[str, typer.Option(help=f"One of {', '.join(ANALYZER_SPECS)}.")] = DEFAULT_ANALYZER,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Show what the analyzer does with each word: position, start:end, original, normalized, indexed term.

    Example: fahras analyze "وبالمكالمةِ الخاصة"
    """
    with user_errors(debug):
        infos = get_analyzer(analyzer).explain(text)
    if as_json:
        typer.echo(json.dumps([i._asdict() for i in infos], ensure_ascii=False))
    else:
        for line in analysis_lines(infos):
            typer.echo(line)


@app.command()
def delete(
    ids: Annotated[list[str], typer.Argument(help="Document ids, e.g. 01_fundraising-call.txt")],
    index: IndexOpt = Path("index"),
    debug: DebugOpt = False,
) -> None:
    """Delete documents by id. Example: fahras delete 01_fundraising-call.txt"""
    with user_errors(debug):
        _require_index(index)
        with Indexer(index) as ix:
            deleted = ix.delete(ids)
    _err().print(f"deleted {deleted} of {_plural(len(ids), 'document')}", markup=False)
    if deleted < len(set(ids)):
        raise typer.Exit(1)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _require_index(path: Path) -> None:
    """Writing commands other than `index` must not create an index by accident."""
    from indexer.meta import read_meta
    read_meta(path)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
