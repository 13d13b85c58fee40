"""Instant start (issue 19 item 7): a command imports only what it needs, and the option conversion that spares
typer's pydantic adapters gives what typer's own conversion gives. Timings: bench/start_time.py."""

from __future__ import annotations

import json
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest
import typer

import cli
from search.terminal import options

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("numpy", "pydantic", "rapidfuzz", "ir_measures", "multiprocessing", "prompt_toolkit",
         "indexer.entities.tagger", "indexer.entities.extractor", "indexer.entities.canonical",
         "indexer.entities.lists")  # the last two: the extraction's rules and word lists


def imported_by(*args: str) -> set[str]:
    """The top modules and the fahras modules in sys.modules after `fahras ARGS` ran in a fresh process."""
    code = ("import sys, json, cli\nsys.argv = ['fahras', *json.loads(sys.argv[1])]\ntry:\n    cli.main()\n"
            "except SystemExit:\n    pass\nsys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code, json.dumps(args)], cwd=REPO, capture_output=True, text=True,
                          check=True)
    return set(json.loads(done.stderr.rsplit("MODULES ", 1)[1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("start") / "ix"
    subprocess.run([sys.executable, "cli.py", "index", "samples/news", "--index", str(path), "--jobs", "1"], cwd=REPO,
                   check=True, capture_output=True)
    return path


def test_a_one_shot_search_loads_no_tagger_numpy_pydantic_or_worker_pool(index: Path) -> None:
    modules = imported_by("search", "جمع التبرعات", "--index", str(index), "--limit", "3", "--sort", "relevance")
    assert "search.searcher" in modules and "rich.console" in modules  # it did search and print
    assert heavy(modules) == []
    assert "search.terminal.shell" not in modules and "rich._emoji_codes" not in modules


def test_a_one_shot_search_loads_none_of_the_entity_rules_word_lists(index: Path) -> None:
    modules = imported_by("search", "جمع التبرعات", "--index", str(index), "--limit", "3")
    assert "search.searcher" in modules and "indexer.entities.lexicon" not in modules


def test_a_search_with_suggestions_loads_rapidfuzz_but_no_numpy(index: Path) -> None:
    """Few hits: the suggestions compare the query with the index's words (rapidfuzz); numpy only ranks fuzzy
    expansions."""
    modules = imported_by("search", "كلمةغريبة", "--index", str(index))
    assert "rapidfuzz" in modules
    assert heavy([m for m in modules if not m.startswith("rapidfuzz")]) == []


def test_help_and_version_load_neither_the_search_library_nor_rich() -> None:
    for args in (["--help"], ["--version"], ["search", "--help"]):
        modules = imported_by(*args)
        assert heavy(modules) == [], args
        assert [m for m in modules if m.startswith(("search.searcher", "rich", "tantivy", "indexer.analysis"))] == [], \
            args


def _parameters() -> list[tuple[str, typer.core.TyperOption | typer.core.TyperArgument]]:
    group = typer.main.get_command(cli.app)
    found = []

    def walk(command: typer.core.TyperCommand, path: str) -> None:
        found.extend((f"{path} {p.name}", p) for p in command.params)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(group, "")
    return found


def _samples(annotation: object) -> list[object]:
    plain = ["", "x", "-", "10", "007", " 5", "+3", "-1", "0", "1_000", "٣", "²", "99999999999999999999", "a b",
             "relevance", "DATE", "Csv", "on", "index", "/tmp/x", "true"]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [*plain, *annotation]
    if annotation is int:
        return [*plain, 0, 1, 10, -1, True, 2.5]
    if annotation is Path:
        return [*plain, Path("index"), Path("a/b")]
    if annotation == list[str]:
        return [("a",), ("a", "b"), (), ["x"], ("1", 2), "a"]
    return [*plain, 3, None]


@pytest.mark.parametrize(("name", "param"), _parameters(), ids=lambda v: v if isinstance(v, str) else "")
def test_options_convert_as_typer_does(name: str, param: typer.core.TyperOption | typer.core.TyperArgument) -> None:
    """Every value either converts to what typer's pydantic conversion gives, or goes to it (errors included)."""
    from typer._coercion import build_runtime_param

    assert options.install()
    slow = build_runtime_param(param.type_descriptor)
    quick = options.Quick(param.type_descriptor)
    ctx = typer.Context(typer.main.get_command(cli.app))
    for value in _samples(param.type_descriptor.annotation):
        try:
            want: object = slow.coerce(value, param=param, ctx=ctx)
        except Exception as err:  # noqa: BLE001
            want = (type(err), str(err))
        try:
            got: object = quick.coerce(value, param=param, ctx=ctx)
        except Exception as err:  # noqa: BLE001
            got = (type(err), str(err))
        assert (type(got), got) == (type(want), want), (name, value)
