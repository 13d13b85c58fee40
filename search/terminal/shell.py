"""Lines typed at `fahras shell` → commands → searches and replies (plain data); the prompt loop and its history."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from indexer.documents import Document
from indexer.entities import Entity
from indexer.errors import FahrasError
from search import query as q
from search.results import FacetCount, Results, export_rows
from search.searcher import Searcher
from search.terminal import bidi
from search.terminal.render import query_label

# (name, syntax, what it does), in the order `help` lists them.
COMMANDS = (
    ("help", "help", "list these commands"),
    ("person", "person NAME", "keep only hits that mention this person (again to add another)"),
    ("firm", "firm NAME", "keep only hits that mention this firm (again to add another)"),
    ("clear", "clear", "remove the person and firm filters"),
    ("next", "next", "show the next page of hits"),
    ("prev", "prev", "show the previous page of hits"),
    ("open", "open N", "show hit number N in full, entity mentions marked (or: open ID)"),
    ("facets", "facets", "top persons and firms over all hits of the query"),
    ("exact", "exact", "toggle exact mode: words match only as written, not their other forms"),
    ("sort", "sort date|relevance", "hits newest first, or best first (the default with words)"),
    ("count", "count", "how many documents the query and filters match"),
    ("export", "export FILE", "write all hits (up to 10,000) to FILE as .csv, .tsv or .jsonl rows"),
    ("quit", "quit", "leave the shell (Ctrl-D too; Ctrl-C only clears the line)"),
)
EXPORT_FORMATS = ("csv", "tsv", "jsonl")
EXPORT_LIMIT = 10_000  # hits written by export at most
ALIASES = {"?": "help", "n": "next", "p": "prev", "more": "next", "back": "prev", "exit": "quit", "q": "quit"}
USAGE_HINT = "anything else is a search, in the query language of `fahras search`; quote a word to search for a " \
             'command name ("next")'


@dataclass(frozen=True)
class Command:
    name: str  # a name from COMMANDS, or "search"
    arg: str = ""


def parse_line(line: str) -> Command | None:
    """A typed line → a command, a search (anything that is not a command), or None for a blank line.

    >>> parse_line("person مارك لاسري"), parse_line("مكالمة خاصة"), parse_line("  ")
    (Command(name='person', arg='مارك لاسري'), Command(name='search', arg='مكالمة خاصة'), None)
    """
    text = line.strip()
    if not text:
        return None
    word, _, rest = text.partition(" ")
    name = ALIASES.get(word.lower(), word.lower())
    if name in {n for n, _, _ in COMMANDS}:
        return Command(name, rest.strip())
    return Command("search", text)


@dataclass(frozen=True)
class State:
    """What the shell searches for: the query, the entity filters, exact mode and the page offset."""

    query: str = ""
    persons: tuple[str, ...] = ()
    firms: tuple[str, ...] = ()
    exact: bool = False
    offset: int = 0
    sort: str | None = None  # "date" or "relevance"; None: relevance with words, newest first for filters alone

    def filters(self) -> list[q.Node]:
        return [q.Phrase(p, "person") for p in self.persons] + [q.Phrase(f, "firm") for f in self.firms]

    def label(self) -> str:
        """The query with its filters and mode, as shown in headers and the prompt: `مكالمة · person: X · exact`."""
        return query_label(self.query, self.persons, self.firms, self.exact, self.sort)

    def searchable(self) -> bool:
        return bool(self.query or self.persons or self.firms)


# Replies: what the loop shows (render.render_reply turns them into terminal output).
@dataclass(frozen=True)
class Hits:
    results: Results
    offset: int
    label: str


@dataclass(frozen=True)
class Opened:
    document: Document
    entities: list[Entity]


@dataclass(frozen=True)
class Facets:
    facets: dict[str, list[FacetCount]]


@dataclass(frozen=True)
class Help:
    commands: tuple[tuple[str, str], ...]
    hint: str


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Quit:
    pass


Reply = Hits | Opened | Facets | Help | Note | Quit


def exact_words(node: q.Node) -> q.Node:
    """The query tree with every plain word (not a field, phrase, prefix or fuzzy term) made an 'exact' word.

    >>> print(exact_words(q.parse('مكالمة -خاصة "وول ستريت" title:بنك')))
    ('مكالمة' -'خاصة' "وول ستريت" title:بنك)
    """
    if isinstance(node, q.Word) and node.field is None:
        return q.Exact(node.text)
    if isinstance(node, (q.Must, q.Not)):
        return replace(node, child=exact_words(node.child))
    if isinstance(node, (q.Clauses, q.And, q.Or)):
        return replace(node, items=tuple(exact_words(item) for item in node.items))
    return node


class Shell:
    """The shell's state and commands; `handle(line)` returns what to show. Knows nothing about terminals."""

    def __init__(self, searcher: Searcher, page_size: int = 10, visual: bool = False) -> None:
        self.searcher = searcher
        self.page_size = page_size
        self.visual = visual
        self.state = State()
        self.last: Results | None = None

    def prompt(self) -> str:
        """`fahras [query · filters · mode]> `; in visual order when the terminal does not reorder."""
        label = self.state.label()
        if not label:
            return "fahras> "
        return bidi.visual_line(f"fahras [{bidi.isolate(label)}]> ") if self.visual else f"fahras [{label}]> "

    def handle(self, line: str) -> list[Reply]:
        command = parse_line(line)
        if command is None:
            return []
        return getattr(self, f"_{command.name}")(command.arg)

    def _search(self, text: str) -> list[Reply]:
        return self._run(replace(self.state, query=text, offset=0))

    def _person(self, name: str) -> list[Reply]:
        if not name:
            return [Note("usage: person NAME, e.g. person مارك لاسري")]
        return self._run(replace(self.state, persons=(*self.state.persons, name), offset=0))

    def _firm(self, name: str) -> list[Reply]:
        if not name:
            return [Note("usage: firm NAME, e.g. firm لازارد")]
        return self._run(replace(self.state, firms=(*self.state.firms, name), offset=0))

    def _clear(self, _: str) -> list[Reply]:
        if not (self.state.persons or self.state.firms):
            return [Note("no filters to clear")]
        return [Note("filters cleared"), *self._run(replace(self.state, persons=(), firms=(), offset=0))]

    def _next(self, _: str) -> list[Reply]:
        if self.last is None:
            return [Note("nothing to page through yet: type words to search")]
        if self.state.offset + self.page_size >= self.last.total:
            return [Note("no more hits")]
        return self._run(replace(self.state, offset=self.state.offset + self.page_size))

    def _prev(self, _: str) -> list[Reply]:
        if self.last is None or self.state.offset == 0:
            return [Note("already on the first page")]
        return self._run(replace(self.state, offset=max(self.state.offset - self.page_size, 0)))

    def _open(self, arg: str) -> list[Reply]:
        if not arg:
            return [Note("usage: open N (a hit number) or open ID")]
        doc_id = self._hit_id(int(arg)) if arg.isdigit() else arg
        document = self.searcher.get(doc_id) if doc_id else None
        if document is None:
            what = f"hit number {arg}" if arg.isdigit() else f"document with id {arg!r}"
            return [Note(f"no {what}; open takes a hit number shown in the list, or a document id")]
        return [Opened(document, self.searcher.mentions(doc_id))]

    def _hit_id(self, rank: int) -> str | None:
        if self.last is None or rank < 1:
            return None
        index = rank - 1 - self.state.offset
        if 0 <= index < len(self.last.hits):
            return self.last.hits[index].id
        hits = self._search_page(self.state, rank - 1, 1).hits
        return hits[0].id if hits else None

    def _facets(self, _: str) -> list[Reply]:
        if self.last is None:
            return [Note("no search yet: type words to search, then facets")]
        if not any(self.last.facets.values()):
            return [Note("no persons or firms among these hits")]
        return [Facets(self.last.facets)]

    def _exact(self, _: str) -> list[Reply]:
        state = replace(self.state, exact=not self.state.exact, offset=0)
        note = Note("exact mode on: words match only as written" if state.exact else "exact mode off: all forms match")
        if not state.searchable():
            self.state = state
            return [note]
        return [note, *self._run(state)]

    def _sort(self, arg: str) -> list[Reply]:
        if arg not in ("date", "relevance"):
            return [Note("usage: sort date (newest first) or sort relevance (best first)")]
        state = replace(self.state, sort=arg, offset=0)
        if not state.searchable():
            self.state = state
            return [Note(f"hits will be sorted by {arg}")]
        return self._run(state)

    def _count(self, _: str) -> list[Reply]:
        if not self.state.searchable():
            return [Note("type words to search, or person/firm NAME, then count")]
        total = self._search_page(self.state, 0, 0).total
        return [Note(f"{total:,} document{'s' if total != 1 else ''} match «{self.state.label()}»")]

    def _export(self, arg: str) -> list[Reply]:
        path = Path(arg).expanduser() if arg else None
        fmt = path.suffix.lower().lstrip(".") if path else ""
        if path is None or fmt not in EXPORT_FORMATS:
            return [Note("usage: export FILE.csv, FILE.tsv or FILE.jsonl")]
        if not self.state.searchable():
            return [Note("type words to search, or person/firm NAME, then export")]
        results = self._search_page(self.state, 0, EXPORT_LIMIT)
        try:
            path.write_text(export_rows(results, fmt), encoding="utf-8")
        except OSError as err:
            return [Note(f"cannot write {path} ({err.strerror or err}); choose a path you can write to")]
        return [Note(f"wrote {len(results.hits):,} of {results.total:,} hits to {path}")]

    def _help(self, _: str) -> list[Reply]:
        return [Help(tuple((syntax, what) for _, syntax, what in COMMANDS), USAGE_HINT)]

    def _quit(self, _: str) -> list[Reply]:
        return [Quit()]

    def _run(self, state: State) -> list[Reply]:
        self.state = state
        if not state.searchable():
            return [Note("type words to search, or help")]
        self.last = self._search_page(state, state.offset, self.page_size)
        notes = [Note(f"note: {w}; searched for: {self.last.parsed}") for w in self.last.warnings]
        return [*notes, Hits(self.last, state.offset, state.label())]

    def _search_page(self, state: State, offset: int, limit: int) -> Results:
        node, _ = q.parse_lenient(state.query)
        query: str | q.Node = exact_words(node) if state.exact else state.query
        return self.searcher.search(query, limit=limit, offset=offset, filters=state.filters(), sort=state.sort,
                                    facets=limit > 0)


def loop(shell: Shell, read: Callable[[str], str], show: Callable[[Reply], None], debug: bool = False) -> int:
    """Read lines until `quit` or end of input (Ctrl-D); Ctrl-C drops the line being typed or stops a search.
    User errors are shown as a note and the shell goes on (with `debug`, they are raised). Returns 0."""
    while True:
        try:
            line = read(shell.prompt())
        except KeyboardInterrupt:
            continue
        except EOFError:
            return 0
        try:
            replies = shell.handle(line)
        except KeyboardInterrupt:
            replies = [Note("cancelled")]
        except FahrasError as err:
            if debug:
                raise
            replies = [Note(f"error: {err}")]
        for reply in replies:
            if isinstance(reply, Quit):
                return 0
            show(reply)


def history_path(env: Mapping[str, str] = os.environ, home: Path | None = None, platform: str = sys.platform) -> Path:
    """Where the shell keeps its history: $XDG_DATA_HOME/fahras/history, else the platform's user data folder.

    >>> history_path({"XDG_DATA_HOME": "/data"}, Path("/home/u"), "linux").as_posix()
    '/data/fahras/history'
    >>> history_path({}, Path("/home/u"), "linux").as_posix()
    '/home/u/.local/share/fahras/history'
    """
    home = home or Path.home()
    if env.get("XDG_DATA_HOME"):
        base = Path(env["XDG_DATA_HOME"])
    elif platform == "win32":
        base = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = home / ".local" / "share"
    return base / "fahras" / "history"


def prompt_reader(history: Path, visual: bool = False) -> Callable[[str], str]:
    """An interactive line reader (prompt_toolkit, history in `history`, or in memory if that cannot be written);
    `visual` shows the line being typed in display order, for terminals that do not reorder."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, History, InMemoryHistory

    try:
        history.parent.mkdir(parents=True, exist_ok=True)
        history.touch()
        kept: History = FileHistory(str(history))
    except OSError:
        kept = InMemoryHistory()
    session: PromptSession[str] = PromptSession(history=kept, input_processors=[visual_input()] if visual else [])
    return lambda prompt: session.prompt(prompt)


def visual_input():  # -> prompt_toolkit Processor (imported lazily, as prompt_toolkit is only needed here)
    """A prompt_toolkit input processor: the typed line is shown reordered and shaped (no ligatures, so every
    character keeps its own cell); the cursor and editing stay in logical order."""
    from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
    from prompt_toolkit.layout.utils import explode_text_fragments

    class VisualInput(Processor):
        def apply_transformation(self, ti: TransformationInput) -> Transformation:
            fragments = explode_text_fragments(ti.fragments)
            text = "".join(f[1] for f in fragments)
            if not text:
                return Transformation(ti.fragments)
            par = bidi.paragraph(text)
            order = bidi.visual_order(par)
            shown = dict(bidi.display_chars(par, bidi.shape(text, ligatures=False), order))
            where = {source: column for column, source in enumerate(order)}
            return Transformation([(fragments[i][0], shown[i] or fragments[i][1]) for i in order],
                                  source_to_display=lambda i: where.get(i, len(order)),
                                  display_to_source=lambda k: order[k] if k < len(order) else len(order))

    return VisualInput()


def line_reader(lines: Iterator[str]) -> Callable[[str], str]:
    """A reader over lines of piped input (no prompt shown); EOFError when they run out."""

    def read(_: str) -> str:
        line = next(lines, None)
        if line is None:
            raise EOFError
        return line

    return read
