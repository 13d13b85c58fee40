"""Command line → library calls → printed results. No behaviour lives here; see indexer/ and search/."""

__version__ = "0.1.0"  # the package's version (pyproject.toml reads it); importlib.metadata costs --version ~35 ms

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from indexer.analyzers import ANALYZER_NAMES, DEFAULT_ANALYZER
from indexer.errors import FahrasError, InputError
from search.terminal import options

options.install()  # plain option values converted without pydantic (typer's way costs more than a search)
BACKEND_HELP = "Engine: tantivy (default: compiled, fastest) or whoosh (pure Python)."
ANALYZER_HELP = f"One of {', '.join(ANALYZER_NAMES)}."

if TYPE_CHECKING:  # imported where a command needs them (rich and the search library cost time at start)
    from rich.console import Console

    from indexer import Document, FieldMap, Indexer, IndexReport, Problem
    from indexer.entities import Trace
    from search.searcher import Explanation, Searcher

# click's ClickException (typer re-exports only its subclasses; newer typers vendor click under another module name)
ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class OneLineErrors(typer.core.TyperGroup):
    """Usage errors (a missing argument, a bad option value) as one line on stderr with the next step, exit 2."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except ClickException as err:
            if not standalone_mode:
                raise
            if type(err).__name__ == "NoArgsIsHelpError":  # `fahras` alone: the help, as click prints it
                _err().print(err.format_message(), markup=False)
                sys.exit(2)
            argv = kwargs.get("args") or (args[0] if args else sys.argv[1:])
            _err().print(f"Error: {_one_line(err, list(argv or []))}", markup=False)
            sys.exit(err.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            sys.exit(130)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def _one_line(err: Exception, argv: list[str]) -> str:
    message = " ".join(err.format_message().split()).rstrip(".")
    option = getattr(err, "option_name", "") or ""
    if option.startswith("-") and not option[1:2].isascii():  # -ترامب: a query word, not an option
        word = next((a for a in argv if a.startswith(option)), option)
        return f"{message}; a query starting with - goes last, after --: fahras search [OPTIONS] -- \"{word}\""
    ctx = getattr(err, "ctx", None)
    if ctx is not None and message.startswith("No such command") and hasattr(ctx.command, "list_commands"):
        return f"{message}; the commands are {', '.join(ctx.command.list_commands(ctx))}"
    return f"{message}; see `{ctx.command_path} --help`" if ctx is not None else message


app = typer.Typer(
    cls=OneLineErrors,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Fahras: Arabic full-text search. Example: fahras index samples/news && fahras search \"جمع التبرعات\" "
         "&& fahras shell",
)


class Sort(str, Enum):
    relevance = "relevance"
    date = "date"


class Format(str, Enum):
    csv = "csv"
    tsv = "tsv"
    jsonl = "jsonl"


class BidiMode(str, Enum):
    auto = "auto"
    on = "on"
    off = "off"


IndexOpt = Annotated[Path, typer.Option("--index", "-i", envvar="FAHRAS_INDEX", help="Index directory.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the full traceback of errors.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colours or styles (also: NO_COLOR=1).")]
BIDI_HELP = ("Right-to-left text: on = reorder lines for terminals without BiDi, off = logical order (for terminals "
             "that reorder, and pipes), auto = on unless the terminal reorders itself or output is not a terminal.")
BidiOpt = Annotated[BidiMode | None, typer.Option("--bidi", help=BIDI_HELP + " [default: the global --bidi]")]


class Display(NamedTuple):  # not a dataclass: creating one costs every command's start ~1 ms
    """How to print: with colours and styles or plain, in logical or visual (reordered) order."""

    color: bool = False
    visual: bool = False


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fahras {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    ctx: typer.Context,
    no_color: NoColorOpt = False,
    bidi_mode: Annotated[BidiMode, typer.Option("--bidi", envvar="FAHRAS_BIDI", help=BIDI_HELP)] = BidiMode.auto,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    ctx.obj = (no_color, bidi_mode)


def _display(ctx: typer.Context, no_color: bool = False, bidi_mode: BidiMode | None = None) -> Display:
    """Command options over global ones; colour only on a terminal without NO_COLOR."""
    from search.terminal import bidi

    global_no_color, global_bidi = ctx.obj or (False, BidiMode.auto)
    tty = sys.stdout.isatty()
    color = tty and not (no_color or global_no_color or os.environ.get("NO_COLOR"))
    mode = (bidi_mode or global_bidi).value
    return Display(color=color, visual=bidi.wants_visual(mode, os.environ, tty))


PIPE_WIDTH = 10_000  # in a pipe nothing wraps or is cut: panels grow to their content


def _out(display: Display = Display()) -> "Console":
    """stdout: styles only when `display.color` (never escape codes in a pipe); wrapping only on a terminal."""
    from rich.console import Console

    tty = sys.stdout.isatty()
    return Console(highlight=False, markup=False, emoji=False, soft_wrap=not tty, width=None if tty else PIPE_WIDTH,
                   color_system="auto" if display.color else None)


def _err() -> "Console":
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _searcher(index: Path) -> "Searcher":
    """The index's Searcher, saying on stderr when opening it first groups its entity values again (after a hand
    edit of the aliases file, or an upgrade: seconds on a large index)."""
    from search.searcher import Searcher

    return Searcher(index, on_regroup=lambda: _err().print(
        "grouping the index's people and firms again (its aliases file was edited, or a newer version reads it); "
        "once only…", markup=False))


@contextmanager
def user_errors(debug: bool = False) -> Iterator[None]:
    """A FahrasError (a usage or input error) becomes one line on stderr and exit 2; Ctrl-C exits 130 without a
    traceback."""
    try:
        yield
    except FahrasError as err:
        if debug:
            raise
        _err().print(f"Error: {err}", markup=False)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        _err().print("interrupted; the index keeps everything committed before", markup=False)
        raise typer.Exit(130) from None


@app.command()
def index(
    paths: Annotated[list[str], typer.Argument(help="Folders of .txt/.md files, .jsonl files, or - for stdin.")],
    index: IndexOpt = Path("index"),
    rebuild: Annotated[bool, typer.Option(help="Replace the whole index with these inputs.")] = False,
    analyzer: Annotated[str | None, typer.Option(help=ANALYZER_HELP)] = None,
    backend: Annotated[str | None, typer.Option(help=BACKEND_HELP + " Kept by the index once made.")] = None,
    id_field: Annotated[str, typer.Option(help="JSONL key of the document id.")] = "id",
    title_field: Annotated[str, typer.Option(help="JSONL key of the title.")] = "title",
    text_field: Annotated[str, typer.Option(help="JSONL key of the text.")] = "text",
    date_field: Annotated[str, typer.Option(help="JSONL key of an ISO date (optional).")] = "date",
    batch_size: Annotated[int, typer.Option(min=1, help="Commit every N documents.")] = 5000,
    entities: Annotated[bool, typer.Option(help="Find people, firms and organisations for facets (slower).")] = True,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes analysing documents "
                                      "(default: all cores).")] = os.cpu_count() or 1,
    sync: Annotated[bool, typer.Option(help="Delete the documents an earlier run took from these inputs that they "
                                            "no longer have.")] = False,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Index Arabic articles (re-indexing an id replaces it; unchanged documents are skipped).

    Example: fahras index samples/news ; echo '{"id": "n1", "text": "مكالمة خاصة"}' | fahras index -
    """
    from indexer import FieldMap, Indexer, IndexReport

    fields = FieldMap(id_field, title_field, text_field, date_field)
    with user_errors(debug), Indexer(index, analyzer, backend=backend, batch_size=batch_size, rebuild=rebuild,
                                     entities=entities, jobs=jobs) as ix:
        report = IndexReport()
        for path in paths:
            _merge(report, _index_one(ix, path, fields, sync))
    _print_report(report, index, as_json)
    if report.problems:
        raise typer.Exit(1)


def _index_one(ix: "Indexer", path: str, fields: "FieldMap", sync: bool) -> "IndexReport":
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from indexer import Problem, read_inputs
    from indexer.documents import STDIN, count_inputs
    from search.terminal.progress import DocsPerSecond, MegabytesPerSecond

    items = read_inputs(path, fields)
    source = path if path == STDIN else str(Path(path).resolve())
    if not sys.stderr.isatty():
        return ix.index(items, input_path=source, sync=sync)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), DocsPerSecond(),
               MegabytesPerSecond(), TimeRemainingColumn())
    read = [0]  # bytes of title and text read so far (the writer is at most a few chunks behind)

    def counted() -> "Iterator[Document | Problem]":
        for item in items:
            if not isinstance(item, Problem):
                read[0] += len(item.title.encode("utf-8", "surrogatepass")) + len(item.body.encode("utf-8",
                                                                                                  "surrogatepass"))
            yield item

    with Progress(*columns, console=_err(), transient=True) as bar:
        task = bar.add_task(f"indexing {path}", total=count_inputs(path), bytes=0)
        return ix.index(counted(), on_progress=lambda n: bar.update(task, advance=n, bytes=read[0]),
                        input_path=source, sync=sync)


def _merge(total: "IndexReport", part: "IndexReport") -> None:
    total.added += part.added
    total.problems += part.problems
    total.seconds += part.seconds
    total.chars += part.chars
    total.unchanged += part.unchanged
    total.deleted += part.deleted


def _print_report(report: "IndexReport", index: Path, as_json: bool) -> None:
    err = _err()
    for problem in report.problems:
        err.print(str(problem), markup=False)
    if as_json:
        data = {"indexed": report.added, "unchanged": report.unchanged, "deleted": report.deleted,
                "skipped": len(report.problems), "seconds": round(report.seconds, 3),
                "problems": [asdict(p) for p in report.problems], "index": str(index)}
        _print_json(data)
        return
    rate = report.added / report.seconds if report.seconds else 0.0
    unchanged = f"; {_plural(report.unchanged, 'document')} unchanged" if report.unchanged else ""
    deleted = f"; deleted {_plural(report.deleted, 'document')} no longer in the input" if report.deleted else ""
    skipped = f"; skipped {len(report.problems)} (see above)" if report.problems else ""
    err.print(f"indexed {_plural(report.added, 'document')} into {index} in {report.seconds:.1f}s "
              f"({rate:,.0f} docs/s){unchanged}{deleted}{skipped}", markup=False)


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words (all their forms match), "phrases", \'exact\', +must, -not, '
                                              "AND/OR/NOT, (groups), title: person: firm: date:, prefix*, fuzzy~. "
                                              "May be left out with --person/--firm (lists their documents). A query "
                                              "starting with - goes after --.")] = "",
    index: IndexOpt = Path("index"),
    limit: Annotated[int, typer.Option(min=0, help="How many hits to show.")] = 10,
    offset: Annotated[int, typer.Option(min=0, help="How many hits to skip (for paging).")] = 0,
    sort: Annotated[Sort | None, typer.Option(help="relevance, or date (newest first; the default without words).")]
    = None,
    count: Annotated[bool, typer.Option("--count", "-c", help="Print only the number of matching documents.")]
    = False,
    ids: Annotated[bool, typer.Option("--ids", "-l", help="Print only the ids of the hits, one per line.")] = False,
    fmt: Annotated[Format | None, typer.Option("--format", help="Hits as csv, tsv or jsonl rows (id, title, date, "
                                               "score, persons, firms, snippet).")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="The same as --format jsonl: one JSON object per hit.")]
    = False,
    explain: Annotated[bool, typer.Option(help="Show the parsed query and each word's analysis; search nothing.")]
    = False,
    person: Annotated[list[str] | None, typer.Option("--person", help="Only documents that mention this person "
                                                     "(repeatable).")] = None,
    firm: Annotated[list[str] | None, typer.Option("--firm", help="Only documents that mention this firm "
                                                   "(repeatable).")] = None,
    as_json: JsonOpt = False,
    no_color: NoColorOpt = False,
    bidi_mode: BidiOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Search the index; print ranked hits with the matched words highlighted in the original text. Exit status: 0
    hits, 1 no hits, 2 a usage or input error.

    Example: fahras search "جمع التبرعات" --limit 5 ; fahras search '"وول ستريت" -ترامب' --person "مارك لاسري" ;
    fahras search --firm Lazard --format csv > lazard.csv ; fahras search -- "-ترامب بايدن"
    """
    from search.query import Phrase

    filters = [Phrase(name, "person") for name in person or []] + [Phrase(name, "firm") for name in firm or []]
    fmt = Format.jsonl if jsonl else fmt
    if not query.strip() and not filters:
        _err().print("Error: give words to search for, or --person/--firm NAME to list their documents; see "
                     "`fahras search --help`", markup=False)
        raise typer.Exit(2)
    with user_errors(debug):
        searcher = _searcher(index)
        if explain:
            _print_explanation(searcher.explain(query), as_json)
            return
        results = searcher.search(query, limit=0 if count else limit, offset=offset, filters=filters,
                                  sort=sort.value if sort else None, facets=not (count or ids or fmt))
    found = 0 if results.total else 1
    if count:
        typer.echo(results.total)
        raise typer.Exit(found)
    if ids:
        for hit in results.hits:
            typer.echo(hit.id)
        raise typer.Exit(found)
    if fmt is not None:
        from search.results import export_rows

        sys.stdout.write(export_rows(results, fmt.value))
        raise typer.Exit(found)
    if as_json:
        _print_json(results.to_dict())
        raise typer.Exit(found)
    from search.terminal.render import query_label, render_results

    for warning in results.warnings:
        _err().print(f"note: {warning}; searched for: {results.parsed}", markup=False)
    display = _display(ctx, no_color, bidi_mode)
    label = query_label(query, person or (), firm or ())
    _out(display).print(render_results(results, offset, visual=display.visual, label=label))
    raise typer.Exit(found)


def _print_explanation(explanation: "Explanation", as_json: bool) -> None:
    from search.terminal.render import analysis_lines

    if as_json:
        data = asdict(explanation)
        data["words"] = [w._asdict() for w in explanation.words]
        _print_json(data)
        return
    typer.echo(f"parsed: {explanation.parsed}")
    for error in explanation.errors:
        typer.echo(f"fixed:  {error}")
    for line in analysis_lines(explanation.words):
        typer.echo(f"word:   {line}")
    for line in explanation.terms:
        typer.echo(f"term:   {line}")
    typer.echo(f"engine: {explanation.engine}")


@app.command()
def show(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="A document id, as printed by `fahras search`.")],
    index: IndexOpt = Path("index"),
    as_json: JsonOpt = False,
    no_color: NoColorOpt = False,
    bidi_mode: BidiOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Print a whole document with its person, firm and organisation mentions marked.

    Example: fahras search "مارك لاسري" ; fahras show 01_fundraising-call.txt
    """
    from search.terminal.render import render_document

    with user_errors(debug):
        searcher = _searcher(index)
        document = searcher.document(doc_id)
        entities = searcher.mentions(doc_id)
    if as_json:
        data = {**asdict(document), "entities": [asdict(e) for e in entities]}
        _print_json(data)
        return
    display = _display(ctx, no_color, bidi_mode)
    _out(display).print(render_document(document, entities, visual=display.visual, brackets=not display.color))


@app.command()
def stats(
    ctx: typer.Context,
    index: IndexOpt = Path("index"),
    top: Annotated[int, typer.Option("--limit", "--top", min=0, help="How many persons and firms to list.")] = 10,
    as_json: JsonOpt = False,
    no_color: NoColorOpt = False,
    bidi_mode: BidiOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Print the number of documents, the size on disk, the analyzer, the backend and the top entities.

    Example: fahras stats --json ; top persons such as «مارك لاسري» come with their document counts
    """
    from search.terminal.render import render_stats

    with user_errors(debug):
        info = _searcher(index).stats(top)
    data = asdict(info)
    if as_json:
        _print_json(data)
        return
    data.pop("top")
    display = _display(ctx, no_color, bidi_mode)
    _out(display).print(render_stats(data, info.top, visual=display.visual))


@app.command()
def shell(
    ctx: typer.Context,
    index: IndexOpt = Path("index"),
    page_size: Annotated[int, typer.Option(min=1, help="Hits per page.")] = 10,
    no_color: NoColorOpt = False,
    bidi_mode: BidiOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Search interactively: type words to search, `help` for the commands (person, firm, clear, next, prev,
    open, facets, exact), Ctrl-D or `quit` to leave. History is kept across sessions.

    Example: fahras shell, then type: مكالمة خاصة ; person مارك لاسري ; open 1
    """
    from search.terminal.render import render_reply
    from search.terminal.shell import Shell, history_path, line_reader, loop, prompt_reader

    with user_errors(debug):
        searcher = _searcher(index)
    display = _display(ctx, no_color, bidi_mode)
    console = _out(display)
    read = prompt_reader(history_path(), display.visual) if sys.stdin.isatty() else line_reader(iter(sys.stdin))
    code = loop(Shell(searcher, page_size, visual=display.visual), read,
                lambda reply: console.print(render_reply(reply, display.visual, brackets=not display.color)), debug)
    raise typer.Exit(code)


@app.command(name="eval")
def evaluate_collection(
    collection: Annotated[Path, typer.Argument(help="Folder with corpus.jsonl, queries.tsv and optionally qrels.tsv.")],
    run: Annotated[Path | None, typer.Option("--run", help="Write the TREC run (top 1000) here.")] = None,
    analyzer: Annotated[str | None, typer.Option(help=ANALYZER_HELP)] = None,
    backend: Annotated[str, typer.Option(help=BACKEND_HELP)] = "tantivy",
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Index a test collection in a temporary index, run its queries, print MRR@10, nDCG@10, Recall@10/100.

    Example: fahras eval ../shared/data/retrieval/arcd --run arcd.trec (queries.tsv lines: q1<TAB>من أسس الشركة؟)
    """
    from search.evaluate import evaluate

    with user_errors(debug):
        report = evaluate(collection, run_path=run, analyzer=analyzer, backend=backend)
    if as_json:
        _print_json(asdict(report))
        return
    typer.echo(f"{report.collection}: {report.documents} documents, {report.queries} queries, "
               f"indexed in {report.index_seconds:.2f}s")
    for name, value in report.metrics.items():
        typer.echo(f"{name:<8} {value:.4f}")
    lat = report.latency_ms
    typer.echo(f"latency  p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms (top 1000, no snippets)")


@app.command()
def facets(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Count over the hits of this query.")] = None,
    kind: Annotated[list[str] | None, typer.Option("--kind", help="person, firm or org (repeatable).")] = None,
    top: Annotated[int, typer.Option("--limit", "--top", min=1, help="How many values per kind.")] = 10,
    index: IndexOpt = Path("index"),
    as_json: JsonOpt = False,
    no_color: NoColorOpt = False,
    bidi_mode: BidiOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Count documents per person and firm (one value per real entity, whatever its spelling or script).

    Example: fahras facets --query "جمع التبرعات" --kind person --limit 5
    """
    from search.terminal.render import render_facets

    with user_errors(debug):
        counts = _searcher(index).facets(query, kinds=tuple(kind or ("person", "firm")), top=top)
    if as_json:
        _print_json({k: [asdict(c) for c in v] for k, v in counts.items()})
        return
    panel = render_facets(counts, _display(ctx, no_color, bidi_mode).visual)
    _out(_display(ctx, no_color, bidi_mode)).print(panel if panel is not None else "no entities")


@app.command()
def entities(
    ctx: typer.Context,
    args: Annotated[list[str] | None, typer.Argument(
        help="TEXT to find entities in (merge, rename and block, to edit how the index groups entities, are "
             "`fahras aliases` commands now; here they still work).")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the text from this file.")] = None,
    doc: Annotated[str | None, typer.Option("--doc", "-d", metavar="ID", help="A document of the index: its text, "
                                            "and with --trace the facet value each name gets there.")] = None,
    trace: Annotated[bool, typer.Option("--trace", help="For each entity, the rules that created, changed, merged or "
                                        "dropped it, and why its value; then the names the rules dropped.")] = False,
    rules: Annotated[bool, typer.Option("--rules", help="List the extraction rules in the order they run.")] = False,
    kind: Annotated[str, typer.Option(help="Kind edited by merge/rename/block: person, firm or org.")] = "person",
    index: IndexOpt = Path("index"),
    as_json: JsonOpt = False,
    no_color: NoColorOpt = False,
    bidi_mode: BidiOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Find people, firms and organisations in Arabic text, and see why (--trace); `fahras aliases` edits how the
    index groups them. JSON: a list of {kind, start, end, surface, canonical}; with --trace each has a "trace" list, in
    {"entities": [...], "dropped": [...]}.

    Example: fahras entities "قال الرئيس التنفيذي لشركة أفينو كابيتال إن" ; fahras entities --trace --doc ID ;
    fahras aliases merge "لازارد" "Lazard Frères" --kind firm
    """
    from indexer.entities import Trace, default_extractor, extract_entities

    words = list(args or [])
    with user_errors(debug):
        if rules:
            _print_rules(as_json)
            return
        if words and words[0] in ALIAS_ACTIONS:
            _edit_aliases(index, kind, words[0], words[1:])
            return
        if doc is not None:
            searcher = _searcher(index)
            found = searcher.trace(doc) if trace else searcher.mentions(doc)
        else:
            text = file.read_text(encoding="utf-8") if file else " ".join(words)
            if not text.strip():
                raise InputError("give TEXT, --file F or --doc ID; see `fahras entities --help`")
            found = default_extractor().trace(text) if trace else extract_entities(text)
    if isinstance(found, Trace):
        _print_trace(found, as_json)
    elif as_json:
        _print_json([asdict(e) for e in found])
    else:
        _print_lines(ctx, [f"{e.kind}\t{e.start}:{e.end}\t{e.surface}\t{e.canonical}" for e in found], no_color,
                     bidi_mode)


def _print_lines(ctx: typer.Context, lines: list[str], no_color: bool, bidi_mode: BidiMode | None) -> None:
    """Plain lines, in visual order for a terminal that does not reorder right-to-left text (--bidi)."""
    display = _display(ctx, no_color, bidi_mode)
    if not display.visual:
        for line in lines:
            typer.echo(line)
        return
    from search.terminal.render import render_lines

    _out(display).print(render_lines([line.replace("\t", "  ") for line in lines], visual=True))


def _print_trace(trace: "Trace", as_json: bool) -> None:
    if as_json:
        data = {"entities": [{**asdict(t.entity), "trace": [asdict(s) for s in t.steps]} for t in trace.entities],
                "dropped": [{"name": name, "trace": [asdict(s) for s in steps]} for name, steps in trace.dropped]}
        _print_json(data)
        return
    for t in trace.entities:
        e = t.entity
        typer.echo(f"{e.kind}\t{e.start}:{e.end}\t{e.surface}\t{e.canonical}")
        for step in t.steps:
            typer.echo(f"    {step}")
    if trace.dropped:
        typer.echo("dropped:")
    for name, steps in trace.dropped:
        typer.echo(f"  {name}")
        for step in steps:
            typer.echo(f"    {step}")


def _print_rules(as_json: bool) -> None:
    from indexer.entities import RULES

    if as_json:
        _print_json([{"name": r.name, "reason": r.reason} for r in RULES])
        return
    for n, rule in enumerate(RULES, 1):
        typer.echo(f"{n:2}. {rule.name:<20} {rule.reason}")


ALIAS_ACTIONS = ("merge", "rename", "block")


def _edit_aliases(index: Path, kind: str, action: str, names: list[str]) -> None:
    from indexer.entities.aliases import ALIASES_FILE, add_block, add_merge, add_rename
    from indexer.entities.store import EntityStore

    _require_index(index)
    if action == "merge":
        add_merge(index, kind, names)
    elif len(names) != (2 if action == "rename" else 1):
        raise InputError(f"{action} takes {'NAME NEW_NAME' if action == 'rename' else 'one NAME'}; "
                         f"see `fahras entities --help`")
    elif action == "rename":
        add_rename(index, kind, names[0], names[1])
    else:
        add_block(index, kind, names[0])
    EntityStore(index).regroup()
    _err().print(f"{action}: {' / '.join(names)} ({kind}); saved in {index / ALIASES_FILE}", markup=False)


aliases_app = typer.Typer(cls=OneLineErrors, no_args_is_help=True, help="List and edit how the index groups entity "
                          "names into facet values (INDEX/aliases.toml, applied at once, nothing re-indexed).\n\n"
                          "Example: fahras aliases merge \"لازارد\" \"Lazard Frères\" --kind firm ; fahras aliases list")
app.add_typer(aliases_app, name="aliases")
KindOpt = Annotated[str, typer.Option(help="person, firm or org.")]


@aliases_app.command("list")
def aliases_list(
    index: IndexOpt = Path("index"),
    kind: Annotated[str | None, typer.Option(help="Only this kind: person, firm or org.")] = None,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """The merges, renames and blocks in force, by kind.

    Example: fahras aliases list --kind firm --json
    """
    from indexer.entities import KINDS
    from indexer.entities.aliases import ALIASES_FILE, check_kind, read_aliases

    with user_errors(debug):
        _require_index(index)
        if kind:
            check_kind(kind)
        aliases = read_aliases(index)
        kinds = [kind] if kind else list(KINDS)
    data = {k: asdict(aliases.of(k)) for k in kinds}
    if as_json:
        _print_json(data)
        return
    lines = [f"{k}\tmerge\t{' = '.join(group)}" for k in kinds for group in data[k]["merge"]]
    lines += [f"{k}\trename\t{name} → {new}" for k in kinds for name, new in data[k]["rename"].items()]
    lines += [f"{k}\tblock\t{name}" for k in kinds for name in data[k]["block"]]
    typer.echo("\n".join(lines) if lines else f"no aliases in {index / ALIASES_FILE}")


def _aliases_edit(index: Path, debug: bool, what: str, edit: Callable[[], object]) -> None:
    from indexer.entities.aliases import ALIASES_FILE
    from indexer.entities.store import EntityStore

    with user_errors(debug):
        _require_index(index)
        edit()
        EntityStore(index).regroup()
    _err().print(f"{what}; saved in {index / ALIASES_FILE}", markup=False)


@aliases_app.command("merge")
def aliases_merge(names: Annotated[list[str], typer.Argument(help="Two or more names of one entity.")],
                  kind: KindOpt = "person", index: IndexOpt = Path("index"), debug: DebugOpt = False) -> None:
    """Make these names one entity (one facet value).

    Example: fahras aliases merge "لازارد" "Lazard Frères" --kind firm
    """
    from indexer.entities.aliases import add_merge

    _aliases_edit(index, debug, f"merged {' = '.join(names)} ({kind})", lambda: add_merge(index, kind, names))


@aliases_app.command("rename")
def aliases_rename(name: Annotated[str, typer.Argument(help="The entity's name now.")],
                   new_name: Annotated[str, typer.Argument(help="The name to show.")],
                   kind: KindOpt = "person", index: IndexOpt = Path("index"), debug: DebugOpt = False) -> None:
    """Show an entity under another name.

    Example: fahras aliases rename "لاسري" "مارك لاسري"
    """
    from indexer.entities.aliases import add_rename

    _aliases_edit(index, debug, f"renamed {name} → {new_name} ({kind})", lambda: add_rename(index, kind, name, new_name))


@aliases_app.command("block")
def aliases_block(name: Annotated[str, typer.Argument(help="A name never to show as a facet value.")],
                  kind: KindOpt = "person", index: IndexOpt = Path("index"), debug: DebugOpt = False) -> None:
    """Never show this name as a facet value (a false extraction, say).

    Example: fahras aliases block "يرحمه الله"
    """
    from indexer.entities.aliases import add_block

    _aliases_edit(index, debug, f"blocked {name} ({kind})", lambda: add_block(index, kind, name))


@aliases_app.command("unmerge")
def aliases_unmerge(name: Annotated[str, typer.Argument(help="A name listed in a merge.")],
                    kind: KindOpt = "person", index: IndexOpt = Path("index"), debug: DebugOpt = False) -> None:
    """Undo the merges that list this name.

    Example: fahras aliases unmerge "Lazard Frères" --kind firm
    """
    from indexer.entities.aliases import remove_merge

    _aliases_edit(index, debug, f"unmerged {name} ({kind})", lambda: remove_merge(index, kind, name))


@aliases_app.command("unblock")
def aliases_unblock(name: Annotated[str, typer.Argument(help="A blocked name.")],
                    kind: KindOpt = "person", index: IndexOpt = Path("index"), debug: DebugOpt = False) -> None:
    """Show a blocked name as a facet value again.

    Example: fahras aliases unblock "يرحمه الله"
    """
    from indexer.entities.aliases import remove_block

    _aliases_edit(index, debug, f"unblocked {name} ({kind})", lambda: remove_block(index, kind, name))


@app.command()
def analyze(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Arabic text to analyse.")],
    analyzer: Annotated[str, typer.Option(help=ANALYZER_HELP)] = DEFAULT_ANALYZER,
    as_json: JsonOpt = False,
    no_color: NoColorOpt = False,
    bidi_mode: BidiOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Show what the analyzer does with each word: position, start:end, original, normalized, indexed term.

    Example: fahras analyze "وبالمكالمةِ الخاصة"
    """
    from indexer import get_analyzer
    from search.terminal.render import analysis_lines

    with user_errors(debug):
        infos = get_analyzer(analyzer).explain(text)
    if as_json:
        _print_json([i._asdict() for i in infos])
    else:
        _print_lines(ctx, analysis_lines(infos), no_color, bidi_mode)


@app.command()
def delete(
    ids: Annotated[list[str], typer.Argument(help="Document ids, e.g. 01_fundraising-call.txt")],
    index: IndexOpt = Path("index"),
    debug: DebugOpt = False,
) -> None:
    """Delete documents by id.

    Example: fahras delete 01_fundraising-call.txt "تقرير-الميزانية.txt"
    """
    from indexer import Indexer

    with user_errors(debug):
        _require_index(index)
        with Indexer(index) as ix:
            deleted = ix.delete(ids)
    _err().print(f"deleted {deleted} of {_plural(len(ids), 'document')}", markup=False)
    if deleted < len(set(ids)):
        raise typer.Exit(1)


def _print_json(data: object) -> None:
    """One JSON value on stdout, Arabic as it is (json loads only for the commands that print it)."""
    import json

    typer.echo(json.dumps(data, ensure_ascii=False))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _require_index(path: Path) -> None:
    """Writing commands other than `index` must not create an index by accident."""
    from indexer.meta import read_meta

    read_meta(path)


def main() -> None:
    try:
        app()
    finally:
        # The process ends next: its last garbage collection need not walk every object the command made (~20 ms of
        # a one-shot search). Everything that must be released (the index writer, databases, files) is closed
        # explicitly before this; only cyclic garbage is left for the OS, as Python never promises to finalize it.
        gc.freeze()


if __name__ == "__main__":
    main()
