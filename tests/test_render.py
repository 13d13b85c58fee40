"""Rendering: snapshots of search results at 80 and 120 columns in logical and visual (--bidi on) order, highlights
and entity marks, the visual reordering itself (mixed Arabic/Latin/digits, brackets, shaping), the `auto` terminal
check, and the CLI's show, stats, filters, NO_COLOR, pipes and one-line errors.

Visual-order strings below are what a terminal without BiDi must be sent: an editor that does BiDi shows them
reversed again.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from io import StringIO
from pathlib import Path

import bidi as python_bidi
import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

import cli
from indexer import Document, Indexer
from indexer.entities import Entity
from search.results import FacetCount, Hit, Results, Snippet
from search.terminal import bidi
from search.terminal.render import marked_text, render_document, render_results, wrap_offsets
from tests.conftest import ROOT
from tests.test_shell import fake_entities

runner = CliRunner()

SNIPPET = ("…قال مارك لاسري إن المكالمة مع شركة Nvidia استمرت 45 دقيقة، وإن الحملة جمعت 2.5 مليون دولار (أي نحو 9.4 "
           "مليون ريال) من 60 مصرفياً في وول ستريت.")
SHORT = "أعلنت Nvidia (إنفيديا) أرباحاً قياسية."


def spans(text: str, *words: str) -> list[tuple[int, int]]:
    return [(text.index(w), text.index(w) + len(w)) for w in words]


RESULTS = Results(
    query="مكالمة Nvidia", total=12, terms=["مكالم", "nvidia"],
    hits=[Hit("01_call.txt", "مكالمة لاسري مع مصرفيي وول ستريت", 8.2154, Snippet(SNIPPET, spans(SNIPPET, "المكالمة", "Nvidia")),
              "news/01_call.txt", "2024-07-01"),
          Hit("d2", "Nvidia تربح 30 مليار دولار", 3.5, Snippet(SHORT, spans(SHORT, "Nvidia")))],
    facets={"person": [FacetCount("مارك لاسري", 4), FacetCount("سلمى الحداد", 1)],
            "firm": [FacetCount("Nvidia", 2), FacetCount("لازارد", 1)]})


def printed(renderable, width: int, color: bool = False) -> str:
    buf = StringIO()
    Console(file=buf, width=width, color_system="standard" if color else None, force_terminal=color).print(renderable)
    return buf.getvalue()


LOGICAL_80 = """\
12 hits for «مكالمة Nvidia» (showing 11–12)

11. مكالمة لاسري مع مصرفيي وول ستريت  (8.22)
   01_call.txt · news/01_call.txt · 2024-07-01
   …قال مارك لاسري إن المكالمة مع شركة Nvidia استمرت 45 دقيقة، وإن الحملة جمعت
   2.5 مليون دولار (أي نحو 9.4 مليون ريال) من 60 مصرفياً في وول ستريت.

12. Nvidia تربح 30 مليار دولار  (3.50)
   d2
   أعلنت Nvidia (إنفيديا) أرباحاً قياسية.

╭─ facets ──────────────────────────────────╮
│ persons: مارك لاسري (4) · سلمى الحداد (1) │
│ firms: Nvidia (2) · لازارد (1)            │
╰───────────────────────────────────────────╯
"""

LOGICAL_120 = """\
12 hits for «مكالمة Nvidia» (showing 11–12)

11. مكالمة لاسري مع مصرفيي وول ستريت  (8.22)
   01_call.txt · news/01_call.txt · 2024-07-01
   …قال مارك لاسري إن المكالمة مع شركة Nvidia استمرت 45 دقيقة، وإن الحملة جمعت 2.5 مليون دولار (أي نحو 9.4 مليون ريال)
   من 60 مصرفياً في وول ستريت.

12. Nvidia تربح 30 مليار دولار  (3.50)
   d2
   أعلنت Nvidia (إنفيديا) أرباحاً قياسية.

╭─ facets ──────────────────────────────────╮
│ persons: مارك لاسري (4) · سلمى الحداد (1) │
│ firms: Nvidia (2) · لازارد (1)            │
╰───────────────────────────────────────────╯
"""

VISUAL_80 = """\
12 hits for «Nvidia ﺔﻤﻟﺎﻜﻣ» (showing 11–12)

11. ﺖﻳﺮﺘﺳ ﻝﻭﻭ ﻲﻴﻓﺮﺼﻣ ﻊﻣ ﻱﺮﺳﻻ ﺔﻤﻟﺎﻜﻣ  (8.22)
   01_call.txt · news/01_call.txt · 2024-07-01
   ﺖﻌﻤﺟ ﺔﻠﻤﺤﻟﺍ ﻥﺇﻭ ،ﺔﻘﻴﻗﺩ 45 ﺕﺮﻤﺘﺳﺍ Nvidia ﺔﻛﺮﺷ ﻊﻣ ﺔﻤﻟﺎﻜﻤﻟﺍ ﻥﺇ ﻱﺮﺳﻻ ﻙﺭﺎﻣ ﻝﺎﻗ…
            .ﺖﻳﺮﺘﺳ ﻝﻭﻭ ﻲﻓ ﺎًﻴﻓﺮﺼﻣ 60 ﻦﻣ (ﻝﺎﻳﺭ ﻥﻮﻴﻠﻣ 9.4 ﻮﺤﻧ ﻱﺃ) ﺭﻻﻭﺩ ﻥﻮﻴﻠﻣ 2.5

12. ﺭﻻﻭﺩ ﺭﺎﻴﻠﻣ 30 ﺢﺑﺮﺗ Nvidia  (3.50)
   d2
                                        .ﺔﻴﺳﺎﻴﻗ ﺎًﺣﺎﺑﺭﺃ (ﺎﻳﺪﻴﻔﻧﺇ) Nvidia ﺖﻨﻠﻋﺃ

╭─ facets ──────────────────────────────────╮
│ persons: ﻱﺮﺳﻻ ﻙﺭﺎﻣ (4) · ﺩﺍﺪﺤﻟﺍ ﻰﻤﻠﺳ (1)  │
│ firms: Nvidia (2) · ﺩﺭﺍﺯﻻ (1)             │
╰───────────────────────────────────────────╯
"""

VISUAL_120 = """\
12 hits for «Nvidia ﺔﻤﻟﺎﻜﻣ» (showing 11–12)

11. ﺖﻳﺮﺘﺳ ﻝﻭﻭ ﻲﻴﻓﺮﺼﻣ ﻊﻣ ﻱﺮﺳﻻ ﺔﻤﻟﺎﻜﻣ  (8.22)
   01_call.txt · news/01_call.txt · 2024-07-01
    (ﻝﺎﻳﺭ ﻥﻮﻴﻠﻣ 9.4 ﻮﺤﻧ ﻱﺃ) ﺭﻻﻭﺩ ﻥﻮﻴﻠﻣ 2.5 ﺖﻌﻤﺟ ﺔﻠﻤﺤﻟﺍ ﻥﺇﻭ ،ﺔﻘﻴﻗﺩ 45 ﺕﺮﻤﺘﺳﺍ Nvidia ﺔﻛﺮﺷ ﻊﻣ ﺔﻤﻟﺎﻜﻤﻟﺍ ﻥﺇ ﻱﺮﺳﻻ ﻙﺭﺎﻣ ﻝﺎﻗ…
                                                                                           .ﺖﻳﺮﺘﺳ ﻝﻭﻭ ﻲﻓ ﺎًﻴﻓﺮﺼﻣ 60 ﻦﻣ

12. ﺭﻻﻭﺩ ﺭﺎﻴﻠﻣ 30 ﺢﺑﺮﺗ Nvidia  (3.50)
   d2
                                                                                .ﺔﻴﺳﺎﻴﻗ ﺎًﺣﺎﺑﺭﺃ (ﺎﻳﺪﻴﻔﻧﺇ) Nvidia ﺖﻨﻠﻋﺃ

╭─ facets ──────────────────────────────────╮
│ persons: ﻱﺮﺳﻻ ﻙﺭﺎﻣ (4) · ﺩﺍﺪﺤﻟﺍ ﻰﻤﻠﺳ (1)  │
│ firms: Nvidia (2) · ﺩﺭﺍﺯﻻ (1)             │
╰───────────────────────────────────────────╯
"""



@pytest.mark.parametrize(("visual", "width", "expected"), [
    (False, 80, LOGICAL_80), (False, 120, LOGICAL_120), (True, 80, VISUAL_80), (True, 120, VISUAL_120)])
def test_results_snapshot(visual, width, expected):
    assert printed(render_results(RESULTS, 10, visual=visual), width) == expected


def test_highlights_keep_their_style_in_both_orders():
    logical = printed(render_results(RESULTS, 10), 80, color=True)
    assert "\x1b[1;33mالمكالمة\x1b[0m" in logical
    assert "\x1b[32m01_call.txt · news/01_call.txt · 2024-07-01\x1b[0m" in logical
    visual = printed(render_results(RESULTS, 10, visual=True), 80, color=True)
    assert f"\x1b[1;33m{bidi.visual_line('المكالمة')}\x1b[0m" in visual


def test_no_hits_and_facets_omitted():
    empty = Results("زووم", 0, [], terms=["زووم"])
    assert printed(render_results(empty), 80) == "no hits for «زووم»\n"
    one = Results("زووم", 1, [Hit("d4", "مكالمة", 1.0, Snippet("عبر زووم", [(4, 8)]))], {"person": [], "firm": []})
    assert printed(render_results(one), 80) == "1 hit for «زووم» (showing 1–1)\n\n1. مكالمة  (1.00)\n   d4\n   عبر زووم\n"


def test_long_words_are_cut_and_lines_break_after_spaces():
    assert wrap_offsets("جمع التبرعات في وول ستريت", 12) == [(0, 13), (13, 25)]
    assert wrap_offsets("abcdefghijkl mn", 5) == [(0, 5), (5, 10), (10, 15)]
    assert wrap_offsets("", 5) == [(0, 0)]


# -- visual order ------------------------------------------------------------------------------------------------

def order(text: str) -> str:
    """The characters of `text` in display order, unshaped and unmirrored (readable in tests)."""
    return "".join(text[i] for i in bidi.visual_order(bidi.paragraph(text)))


def test_mixed_arabic_latin_and_digits_keep_their_order():
    # read right to left: شركة Nvidia ربحت 2.5 مليار ; Latin and numbers stay left to right
    assert order("شركة Nvidia ربحت 2.5 مليار") == "رايلم 2.5 تحبر Nvidia ةكرش"
    assert order("سعر السهم 12.5% في 2024") == "2024 يف %12.5 مهسلا رعس"
    # a mostly Latin line stays left to right, with the Arabic run reversed inside it
    assert order("Nvidia earnings beat estimates, says ميرا") == "Nvidia earnings beat estimates, says اريم"
    # an Arabic headline that starts with a Latin name is still right to left
    assert order("Nvidia تربح 30 مليار دولار") == "رالود رايلم 30 حبرت Nvidia"


def test_brackets_are_mirrored_and_letters_shaped():
    assert bidi.visual_line("قال (نعم)") == "(\ufee2\ufecc\ufee7) \ufedd\ufe8e\ufed7"
    assert bidi.visual_line("«سلام»") == "«\ufee1\ufefc\ufeb3»"  # lam-alef ligature, guillemets mirrored
    assert bidi.visual_line("Nvidia (2024)") == "Nvidia (2024)"


def test_combining_marks_follow_their_letter():
    assert bidi.visual_line("مكالمةٌ") == "\ufe94\u064c\ufee4\ufedf\ufe8e\ufedc\ufee3"


def test_reordering_agrees_with_python_bidi():
    for text in ["abc مرحبا 12", "قال «نعم» [1] ثم Nvidia (2024) أمس", "x ٣٤ ٥ y", "أ، ب: ج - د/هـ 10+20"]:
        base = "R" if bidi.is_rtl(text) else "L"
        expected = python_bidi.get_display(text, base_dir=base)
        assert order(text) == expected


@pytest.mark.parametrize(("mode", "env", "tty", "visual"), [
    ("on", {}, False, True),
    ("off", {}, True, False),
    ("auto", {}, False, False),                               # a pipe or a file: logical order
    ("auto", {"TERM": "xterm-256color"}, True, True),         # xterm, kitty, alacritty… do not reorder
    ("auto", {"WT_SESSION": "1"}, True, True),                # Windows Terminal does not reorder either
    ("auto", {"VTE_VERSION": "7600"}, True, False),           # GNOME Terminal and other VTE terminals do
    ("auto", {"VTE_VERSION": "5202"}, True, True),            # VTE before 0.58 did not
    ("auto", {"KONSOLE_VERSION": "230804"}, True, False),
    ("auto", {"MLTERM": "3.9.3"}, True, False),
    ("auto", {"TERM_PROGRAM": "Apple_Terminal"}, True, False),
    ("auto", {"TERM_PROGRAM": "mintty"}, True, False),
])
def test_auto_reorders_only_on_terminals_that_do_not(mode, env, tty, visual):
    assert bidi.wants_visual(mode, env, tty) is visual


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="bidi mode must be one of auto, on, off, not 'left'"):
        bidi.wants_visual("left", {}, True)


# -- documents and entity marks --------------------------------------------------------------------------------

DOC = Document("s4", "مكالمة مع مارك لاسري", "أجرى مارك لاسري مكالمةً خاصة مع مصرفيين من لازارد.\nوقال لاسري إنها نجحت.",
               "news/s4.txt", "2024-07-01")
MENTIONS = [Entity("person", 10, 20, "مارك لاسري", "مارك لاسري"), Entity("person", 26, 36, "مارك لاسري", "مارك لاسري"),
            Entity("firm", 64, 70, "لازارد", "لازارد"), Entity("person", 77, 82, "لاسري", "مارك لاسري")]


def test_document_with_mentions_in_brackets_when_unstyled():
    assert printed(render_document(DOC, MENTIONS, brackets=True), 80) == """\
مكالمة مع [مارك لاسري]
s4 · news/s4.txt · 2024-07-01

أجرى [مارك لاسري] مكالمةً خاصة مع مصرفيين من [لازارد].
وقال [لاسري] إنها نجحت.

╭─ mentioned ─────────────╮
│ persons: مارك لاسري (3) │
│ firms: لازارد (1)       │
╰─────────────────────────╯
"""


def test_mentions_are_styled_by_kind():
    text = marked_text("قال مارك لاسري من لازارد", [Entity("person", 4, 14, "مارك لاسري", "مارك لاسري"),
                                                     Entity("firm", 18, 24, "لازارد", "لازارد")])
    assert text.plain == "قال مارك لاسري من لازارد"
    assert [(text.plain[s.start:s.end], s.style) for s in text.spans] == [
        ("مارك لاسري", "bold magenta"), ("لازارد", "bold blue")]


# -- the CLI ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def entity_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.test_shell import DOCS

    path = tmp_path_factory.mktemp("render") / "index"
    with Indexer(path, extractor=fake_entities) as ix:
        ix.add([*DOCS, DOC])
    return path


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(cli.app, list(args), env=env)


def test_show_marks_mentions(entity_index, monkeypatch):
    result = run("show", "s3", "-i", str(entity_index))
    assert (result.exit_code, result.stdout) == (0, """\
صفقة [لازارد]
s3 · 2024-04-01

أعلنت [لازارد] صفقة جديدة دون مكالمات.

╭─ mentioned ───────╮
│ firms: لازارد (2) │
╰───────────────────╯
""")
    data = json.loads(run("show", "s3", "--json", "-i", str(entity_index)).stdout)
    assert (data["id"], data["title"]) == ("s3", "صفقة لازارد")
    assert data["entities"][0] == {"kind": "firm", "start": 5, "end": 11, "surface": "لازارد", "canonical": "لازارد"}


def test_show_unknown_id_is_one_line(entity_index):
    result = run("show", "nope", "-i", str(entity_index))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: no document with id 'nope' in {entity_index}; find ids with `fahras search WORDS`\n"


def test_stats_text_and_json(entity_index):
    result = run("stats", "-i", str(entity_index))
    lines = result.stdout.splitlines()
    assert lines[0] == "documents  4"
    assert re.fullmatch(r"size       [\d.]+ KB \([\d,]+ bytes\)", lines[1])
    assert lines[2:5] == ["analyzer   ar_light@3", "backend    tantivy", f"index      {entity_index}"]
    assert "│ persons: مارك لاسري (2) · سلمى الحداد (1) │" in lines
    data = json.loads(run("stats", "--json", "-i", str(entity_index)).stdout)
    assert {k: data[k] for k in ("documents", "analyzer", "backend")} == {
        "documents": 4, "analyzer": "ar_light@3", "backend": "tantivy"}
    assert data["size_bytes"] == sum(f.stat().st_size for f in entity_index.rglob("*") if f.is_file())
    assert data["top"]["firm"] == [{"value": "لازارد", "count": 3}]


def test_search_filters_by_person_and_firm(entity_index):
    def hits(*args: str) -> list[str]:
        return [h["id"] for h in json.loads(run("search", "مكالمة", "--json", "-i", str(entity_index), *args).stdout)
                ["hits"]]

    assert sorted(hits()) == ["s1", "s2", "s3", "s4"]
    assert sorted(hits("--person", "مارك لاسري")) == ["s1", "s4"]
    assert sorted(hits("--person", "مارك لاسري", "--firm", "لازارد")) == ["s1", "s4"]
    assert hits("--firm", "لازارد", "--person", "سلمى الحداد") == []
    text = run("search", "مكالمة", "--person", "مارك لاسري", "-i", str(entity_index)).stdout
    assert text.splitlines()[0] == "2 hits for «مكالمة · person: مارك لاسري» (showing 1–2)"


def test_bidi_on_reorders_pipe_output_without_wrapping(entity_index):
    by_flag = run("--bidi", "on", "search", "صفقة", "-i", str(entity_index))
    by_env = run("search", "صفقة", "-i", str(entity_index), env={"FAHRAS_BIDI": "on"})
    by_command = run("search", "صفقة", "--bidi", "on", "-i", str(entity_index))
    assert by_flag.stdout == by_env.stdout == by_command.stdout
    assert by_flag.stdout.splitlines()[2].startswith(f"1. {bidi.visual_line('صفقة لازارد')}  (")
    assert run("search", "صفقة", "-i", str(entity_index), env={"FAHRAS_BIDI": "on"}).stdout != \
        run("--bidi", "off", "search", "صفقة", "-i", str(entity_index), env={"FAHRAS_BIDI": "on"}).stdout


def test_pipe_output_has_no_escape_codes(entity_index, monkeypatch):
    for args in (["search", "مكالمة"], ["--bidi", "on", "search", "مكالمة"], ["show", "s1"], ["stats"]):
        result = run(*args, "-i", str(entity_index))
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout


@pytest.mark.parametrize(("env", "args", "styled"), [
    ({}, [], True), ({"NO_COLOR": "1"}, [], False), ({}, ["--no-color"], False)])
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_terminal_output_is_plain_with_no_color(entity_index, tmp_path, env, args, styled):
    pexpect = pytest.importorskip("pexpect")
    child_env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "TERM": "xterm", "LANG": "C.UTF-8",
                 "PYTHONPATH": str(ROOT), "FAHRAS_BIDI": "off", **env}
    command = shlex.join([sys.executable, str(ROOT / "cli.py"), "search", "مكالمة", "-i", str(entity_index), *args])
    output = pexpect.run(command, env=child_env, encoding="utf-8", timeout=30)
    assert "hits for «مكالمة»" in output
    assert ("\x1b[" in output) is styled


def test_every_command_has_help_with_an_arabic_example():
    commands = sorted(typer.main.get_command(cli.app).commands)
    assert {"search", "show", "stats", "shell"} <= set(commands)
    for command in commands:
        result = run(command, "--help")
        assert result.exit_code == 0
        example = result.stdout.split("Example:", 1)[1]
        assert re.search("[\u0600-\u06ff]", example.split("\n\n")[0]), command


def test_usage_errors_are_one_line_with_a_next_step():
    result = run("search")
    assert (result.exit_code, result.stderr) == (2, "Error: give words to search for, or --person/--firm NAME to list "
                                                    "their documents; see `fahras search --help`\n")
    result = run("--bidi", "sideways", "stats")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Error: Invalid value for '--bidi'")


def test_debug_shows_the_traceback(tmp_path):
    result = run("stats", "-i", str(tmp_path / "none"), "--debug")
    assert type(result.exception).__name__ == "IndexNotFound"
