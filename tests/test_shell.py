"""`fahras shell`: command parsing, the shell's state and replies over a small index, and the real program driven
through a pseudo-terminal (pexpect): type a query, read the highlighted hit, filter by a person, Ctrl-C, Ctrl-D."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from indexer import Document, Indexer
from indexer.entities import Entity
from search import Searcher
from search import query as q
from search.terminal.shell import (
    Command,
    Facets,
    Help,
    Hits,
    Note,
    Opened,
    Quit,
    Shell,
    State,
    exact_words,
    history_path,
    line_reader,
    loop,
    parse_line,
)
from tests.conftest import ROOT

NAMES = {"مارك لاسري": "person", "سلمى الحداد": "person", "لازارد": "firm"}
DOCS = [
    Document("s1", "مكالمة مع مارك لاسري", "أجرى مارك لاسري مكالمةً خاصة مع مصرفيين من لازارد في وول ستريت.",
             date="2024-03-01"),
    Document("s2", "مكالمة الحملة", "قالت سلمى الحداد إن المكالمة جمعت التبرعات.", date="2024-05-01"),
    Document("s3", "صفقة لازارد", "أعلنت لازارد صفقة جديدة دون مكالمات.", date="2024-04-01"),
]


def fake_entities(text: str) -> list[Entity]:
    """Every occurrence of a name in NAMES, as the entity extractor would report it."""
    found = [Entity(kind, m.start(), m.end(), name, name)
             for name, kind in NAMES.items() for m in re.finditer(name, text)]
    return sorted(found, key=lambda e: e.start)


@pytest.fixture(scope="module")
def shell_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shell") / "index"
    with Indexer(path, extractor=fake_entities) as ix:
        ix.add(DOCS)
    return path


@pytest.fixture
def shell(shell_index: Path) -> Shell:
    return Shell(Searcher(shell_index), page_size=2)


def ids(reply) -> list[str]:
    assert isinstance(reply, Hits), reply
    return [h.id for h in reply.results.hits]


# -- parsing -----------------------------------------------------------------------------------------------------

def test_commands_are_parsed_and_everything_else_is_a_search():
    assert parse_line("person مارك لاسري") == Command("person", "مارك لاسري")
    assert parse_line("  firm   لازارد ") == Command("firm", "لازارد")
    assert parse_line("NEXT") == Command("next")
    assert parse_line("n") == Command("next")
    assert parse_line("exit") == Command("quit")
    assert parse_line("open 2") == Command("open", "2")
    assert parse_line("مكالمة خاصة") == Command("search", "مكالمة خاصة")
    assert parse_line('"next"') == Command("search", '"next"')
    assert parse_line('person:"مارك لاسري"') == Command("search", 'person:"مارك لاسري"')
    assert parse_line("   ") is None


def test_exact_mode_quotes_plain_words_only():
    assert exact_words(q.parse("مكالمة")) == q.Exact("مكالمة")
    assert str(exact_words(q.parse('مكالمة +خاصة "وول ستريت" هاستين* OR title:بنك'))) == \
        "(('مكالمة' +'خاصة' \"وول ستريت\" هاستين*) OR title:بنك)"


def test_state_label_shows_query_filters_and_mode():
    state = State("مكالمة", persons=("مارك لاسري",), firms=("لازارد",), exact=True)
    assert state.label() == "مكالمة · person: مارك لاسري · firm: لازارد · exact"
    assert State().label() == ""


# -- the shell's behaviour -----------------------------------------------------------------------------------------

def test_a_query_lists_the_first_page(shell):
    [reply] = shell.handle("مكالمة")
    assert (reply.results.total, reply.offset, reply.label) == (3, 0, "مكالمة")
    assert ids(reply) == ["s2", "s1"]
    assert shell.prompt() == "fahras [مكالمة]> "


def test_paging_forward_and_back(shell):
    shell.handle("مكالمة")
    [page2] = shell.handle("next")
    assert (ids(page2), page2.offset) == (["s3"], 2)
    assert shell.handle("next") == [Note("no more hits")]
    [page1] = shell.handle("prev")
    assert ids(page1) == ["s2", "s1"]
    assert shell.handle("prev") == [Note("already on the first page")]


def test_person_and_firm_filters_add_up_and_clear(shell):
    shell.handle("مكالمة")
    [by_person] = shell.handle("person مارك لاسري")
    assert (ids(by_person), by_person.label) == (["s1"], "مكالمة · person: مارك لاسري")
    [both] = shell.handle("firm لازارد")
    assert ids(both) == ["s1"]
    note, cleared = shell.handle("clear")
    assert (note, ids(cleared)) == (Note("filters cleared"), ["s2", "s1"])
    assert shell.handle("clear") == [Note("no filters to clear")]


def test_a_filter_alone_lists_the_documents_of_the_entity(shell):
    [reply] = shell.handle("firm لازارد")
    assert (reply.label, sorted(ids(reply)), reply.results.total) == ("firm: لازارد", ["s1", "s3"], 2)


def test_open_a_hit_by_number_or_id_with_its_mentions(shell):
    shell.handle("مكالمة")
    [opened] = shell.handle("open 2")
    assert isinstance(opened, Opened)
    assert opened.document.id == "s1"
    assert [(e.kind, e.surface) for e in opened.entities] == [
        ("person", "مارك لاسري"), ("person", "مارك لاسري"), ("firm", "لازارد")]
    [on_next_page] = shell.handle("open 3")
    assert on_next_page.document.id == "s3"
    [by_id] = shell.handle("open s2")
    assert by_id.document.title == "مكالمة الحملة"
    assert shell.handle("open 9") == [Note("no hit number 9; open takes a hit number shown in the list, or a "
                                           "document id")]


def test_facets_of_the_current_query(shell):
    assert shell.handle("facets") == [Note("no search yet: type words to search, then facets")]
    shell.handle("مكالمة")
    [reply] = shell.handle("facets")
    assert isinstance(reply, Facets)
    assert {k: [(c.value, c.count) for c in v] for k, v in reply.facets.items()} == {
        "person": [("سلمى الحداد", 1), ("مارك لاسري", 1)], "firm": [("لازارد", 2)]}


def test_exact_mode_toggles_and_drops_other_forms(shell):
    [stemmed] = shell.handle("مكالمات")
    assert stemmed.results.total == 3  # مكالمات, مكالمةً, المكالمة
    note, exact = shell.handle("exact")
    assert (note, ids(exact), exact.label) == (
        Note("exact mode on: words match only as written"), ["s3"], "مكالمات · exact")
    note, _ = shell.handle("exact")
    assert note == Note("exact mode off: all forms match")


def test_help_lists_every_command(shell):
    [reply] = shell.handle("help")
    assert isinstance(reply, Help)
    assert [syntax for syntax, _ in reply.commands] == [
        "help", "person NAME", "firm NAME", "clear", "next", "prev", "open N", "facets", "exact", "sort date|relevance",
        "count", "export FILE", "quit"]


def test_loop_survives_ctrl_c_and_errors_and_ends_on_quit_or_eof(shell):
    typed = iter([KeyboardInterrupt, "مكالمة", "open", "quit", "never read"])
    shown = []

    def read(prompt: str) -> str:
        item = next(typed)
        if item is KeyboardInterrupt:
            raise KeyboardInterrupt
        return item

    assert loop(shell, read, shown.append) == 0
    assert [type(r).__name__ for r in shown] == ["Hits", "Note"]
    assert next(typed) == "never read"
    assert loop(shell, line_reader(iter(["help"])), shown.append) == 0
    assert isinstance(shown[-1], Help)
    assert Quit() not in shown


def test_visual_prompt_keeps_the_frame_left_to_right(shell_index):
    shell = Shell(Searcher(shell_index), visual=True)
    assert shell.prompt() == "fahras> "
    shell.handle("صفقة")
    assert shell.prompt() == "fahras [\ufe94\ufed8\ufed4\ufebb]> "


def test_typed_line_is_shown_in_display_order_with_logical_editing():
    from prompt_toolkit.document import Document as Typed
    from prompt_toolkit.layout.processors import TransformationInput

    from search.terminal.shell import visual_input

    shown = visual_input().apply_transformation(
        TransformationInput(None, Typed("قال abc"), 0, lambda i: i, [("", "قال abc")], 80, 1))
    assert "".join(text for _, text in shown.fragments) == "abc \ufedd\ufe8e\ufed7"  # لا not joined: one cell each
    assert [shown.source_to_display(i) for i in range(8)] == [6, 5, 4, 3, 0, 1, 2, 7]
    assert [shown.display_to_source(k) for k in range(8)] == [4, 5, 6, 3, 2, 1, 0, 7]


def test_history_lives_in_the_user_data_folder(tmp_path):
    assert history_path({"XDG_DATA_HOME": str(tmp_path)}, tmp_path, "linux") == tmp_path / "fahras" / "history"
    assert history_path({}, Path("/home/u"), "darwin") == Path("/home/u/Library/Application Support/fahras/history")
    assert history_path({"APPDATA": "C:/Users/u/AppData/Roaming"}, Path("C:/Users/u"), "win32") == \
        Path("C:/Users/u/AppData/Roaming/fahras/history")


def test_piped_input_runs_without_a_prompt(shell_index):
    result = CliRunner().invoke(app, ["shell", "-i", str(shell_index)], input="firm لازارد\nquit\n")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "2 hits for «firm: لازارد» (showing 1–2)"


def test_shell_without_index_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(app, ["shell", "-i", str(tmp_path / "none")])
    assert (result.exit_code, result.stderr) == (2, f"Error: no index at {tmp_path / 'none'}; run `fahras index` first\n")


# -- through a pseudo-terminal -------------------------------------------------------------------------------------

ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
PROMPT = "fahras>"  # prompt_toolkit draws the trailing space as a cursor move


def spawn(index: Path, home: Path, *args: str):
    """`fahras shell` in a pseudo-terminal 100 columns wide, colours on, history under `home`."""
    if sys.platform == "win32":
        pytest.skip("pseudo-terminals are POSIX")
    pexpect = pytest.importorskip("pexpect")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "TERM": "xterm", "LANG": "C.UTF-8", "PROMPT_TOOLKIT_NO_CPR": "1", "FAHRAS_BIDI": "off",
           "PYTHONPATH": str(ROOT)}
    child = pexpect.spawn(sys.executable, [str(ROOT / "cli.py"), "shell", "-i", str(index), *args], env=env,
                          encoding="utf-8", timeout=30, dimensions=(40, 100))
    child.expect_exact(PROMPT)
    return child


def test_pty_query_highlight_filter_and_ctrl_d(shell_index, tmp_path):
    child = spawn(shell_index, tmp_path)
    child.sendline("مكالمة")
    child.expect_exact("fahras [مكالمة]>")
    screen = child.before
    assert "3 hits for «مكالمة» (showing 1–3)" in ESCAPES.sub("", screen)
    assert "s1" in ESCAPES.sub("", screen)
    assert "\x1b[1;33mمكالمةً\x1b[0m" in screen  # the matched word, bold yellow, in the snippet of s1

    child.sendline("person مارك لاسري")
    child.expect_exact("fahras [مكالمة · person: مارك لاسري]>")
    text = ESCAPES.sub("", child.before)
    assert "1 hit for «مكالمة · person: مارك لاسري» (showing 1–1)" in text
    assert "1. مكالمة مع مارك لاسري" in text
    assert "s2" not in text

    child.sendcontrol("d")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 0


def test_pty_ctrl_c_cancels_the_line_and_history_is_kept(shell_index, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    child = spawn(shell_index, tmp_path)
    child.send("لازارد")
    child.expect_exact("لازارد")  # echoed on the line being edited
    child.sendcontrol("c")
    child.expect_exact(PROMPT)
    child.sendline("صفقة")
    child.expect_exact("fahras [صفقة]>")
    assert "1 hit for «صفقة»" in ESCAPES.sub("", child.before)
    child.sendline("quit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "+صفقة" in (tmp_path / "data" / "fahras" / "history").read_text(encoding="utf-8").splitlines()
    assert "+لازارد" not in (tmp_path / "data" / "fahras" / "history").read_text(encoding="utf-8").splitlines()

    again = spawn(shell_index, tmp_path)
    again.send("\x1b[A\x1b[A")  # arrow up twice: back past `quit` to the query of the previous session
    again.expect_exact("صفقة")
    again.sendline("")
    again.expect_exact("fahras [صفقة]>")
    again.sendline("quit")
    again.expect(pexpect.EOF)


# -- through a real terminal (tmux): what the line editor draws ------------------------------------------------------

def tmux_screen(index: Path, bidi_mode: str, keys: str, tmp_path: Path) -> list[str]:
    """Start the shell in a detached tmux session, type `keys` (not Enter), and read the screen's lines."""
    import shutil
    import subprocess
    import time

    if not shutil.which("tmux"):
        pytest.skip("tmux is not installed")
    session = f"fahras-{os.getpid()}-{bidi_mode}"
    env = f"env PYTHONPATH={ROOT} HOME={tmp_path} FAHRAS_BIDI={bidi_mode}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "10",
                    f"{env} {sys.executable} {ROOT / 'cli.py'} shell -i {index}"], check=True)
    try:
        for _ in range(100):  # wait for the prompt, however slow the machine
            screen = subprocess.run(["tmux", "capture-pane", "-t", session, "-p"], capture_output=True, text=True)
            if "fahras>" in screen.stdout:
                break
            time.sleep(0.1)
        subprocess.run(["tmux", "send-keys", "-t", session, "-l", keys], check=True)
        for _ in range(100):
            screen = subprocess.run(["tmux", "capture-pane", "-t", session, "-p"], capture_output=True, text=True)
            if len(screen.stdout.split("fahras>", 1)[-1].strip()) >= len(keys):
                break
            time.sleep(0.1)
        return screen.stdout.splitlines()
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


@pytest.mark.parametrize("bidi_mode, shown", [("on", "ﻡﺎﻠﺴﻟﺍ"), ("off", "السلام")])
def test_the_line_editor_draws_lam_alef_as_two_letters(shell_index, tmp_path, bidi_mode, shown):
    """--bidi on: the typed السلام drawn in display order, shaped, lam and alef in their own cells (no ligature and
    no extra alef); --bidi off: as typed, for a terminal that reorders."""
    lines = tmux_screen(shell_index, bidi_mode, "السلام", tmp_path)
    assert [line.rstrip() for line in lines if line.startswith("fahras>")] == [f"fahras> {shown}"]


# -- listing and export ------------------------------------------------------------------------------------------------

def test_sort_by_date_lists_the_newest_first(shell):
    shell.handle("مكالمة")
    (reply,) = shell.handle("sort date")
    assert ids(reply) == ["s2", "s3"] and shell.prompt() == "fahras [مكالمة · by date]> "


def test_a_filter_alone_lists_its_documents_newest_first(shell):
    (reply,) = shell.handle("firm لازارد")
    assert ids(reply) == ["s3", "s1"]


def test_count_says_how_many_documents_match(shell):
    shell.handle("مكالمة")
    assert shell.handle("count") == [Note("3 documents match «مكالمة»")]


def test_export_writes_every_hit_as_rows_of_the_files_kind(shell, tmp_path):
    import csv

    shell.handle("مكالمة")
    assert shell.handle(f"export {tmp_path / 'hits.csv'}") == [Note(f"wrote 3 of 3 hits to {tmp_path / 'hits.csv'}")]
    rows = list(csv.DictReader((tmp_path / "hits.csv").open(encoding="utf-8")))
    assert sorted(r["id"] for r in rows) == ["s1", "s2", "s3"] and rows[0]["date"].startswith("2024-")
    assert shell.handle(f"export {tmp_path / 'hits.xlsx'}") == [Note("usage: export FILE.csv, FILE.tsv or FILE.jsonl")]
