"""The command line, driven through typer's CliRunner: exact output, exit codes, one-line errors."""

import json
import re

import pytest
from typer.testing import CliRunner

from cli import app
from tests.conftest import SAMPLES

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_search_prints_ranked_hits_with_snippets(corpus_index):
    result = run("search", "مكالمة", "--index", str(corpus_index))
    assert result.exit_code == 0
    assert result.stdout == (
        "2 hits for «مكالمة» (showing 1–2)\n"
        "\n"
        "1. مكالمة خاصة  (2.15)\n"
        "   d4\n"
        "   جرت مكالمةٌ خاصة بين المستثمرين عبر تطبيق زووم.\n"
        "\n"
        "2. حملة جمع التبرعات  (0.74)\n"
        "   d1\n"
        "   بدأت الحملةُ بجمعِ التبرعاتِ في وول ستريت، وقال المنظمون إن المكالمة نجحت.\n"
    )


def test_search_pipe_output_has_no_escape_codes(corpus_index):
    assert "\x1b" not in run("search", "مكالمة", "-i", str(corpus_index)).stdout


def test_search_json(corpus_index):
    result = run("search", "زووم", "--json", "-i", str(corpus_index))
    data = json.loads(result.stdout)
    assert (data["query"], data["total"], [h["id"] for h in data["hits"]]) == ("زووم", 1, ["d4"])
    snippet = data["hits"][0]["snippet"]
    assert [snippet["text"][a:b] for a, b in snippet["highlights"]] == ["زووم"]


def test_search_limit_and_offset(corpus_index):
    data = json.loads(run("search", "وول ستريت", "--json", "--limit", "1", "--offset", "1",
                          "-i", str(corpus_index)).stdout)
    assert (data["total"], len(data["hits"])) == (2, 1)


def test_search_of_stopwords_only(corpus_index):
    result = run("search", "في من", "-i", str(corpus_index))
    assert (result.exit_code, result.stdout) == (
        1, "no hits for «في من» (only stopwords or punctuation: nothing to search for)\n")


def test_search_without_index_is_one_line_and_exit_2(tmp_path):
    result = run("search", "مكالمة", "-i", str(tmp_path / "none"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: no index at {tmp_path / 'none'}; run `fahras index` first\n"
    assert result.stdout == ""


def test_analyze_prints_position_offsets_original_and_term():
    result = run("analyze", "في المكالمةِ وCNBC")
    assert result.stdout == (
        "0\t0:2\tفي\tفي\t(stopword)\n"
        "1\t3:12\tالمكالمةِ\tالمكالمه\tمكالم\n"
        "2\t14:18\tCNBC\tcnbc\tcnbc\n"
    )


def test_analyze_json():
    data = json.loads(run("analyze", "كتـــاب", "--json").stdout)
    assert data == [{"pos": 0, "start": 0, "end": 7, "original": "كتـــاب", "normalized": "كتاب", "term": "كتاب"}]


def test_analyze_unknown_analyzer():
    result = run("analyze", "نص", "--analyzer", "ar_heavy@1")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: the index uses analyzer 'ar_heavy@1', which this build")


def test_index_folder_then_search(tmp_path):
    index = tmp_path / "index"
    result = run("index", str(SAMPLES), "-i", str(index))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("indexed 34 documents into ")
    data = json.loads(run("search", "جمع التبرعات", "--json", "-i", str(index)).stdout)
    assert data["total"] >= 4


def test_index_reports_bad_lines_indexes_the_rest_and_exits_1(tmp_path):
    index = tmp_path / "index"
    stdin = '{"id": "s1", "text": "مكالمة"}\nnot json\n{"id": "s2", "text": "زووم"}\n'
    result = run("index", "-", "-i", str(index), input=stdin)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "<stdin>:2: invalid JSON (Expecting value at column 1)"
    assert result.stderr.splitlines()[1].startswith("indexed 2 documents into ")
    assert result.stderr.splitlines()[1].endswith("; skipped 1 (see above)")


def test_index_json_summary(tmp_path):
    result = run("index", "-", "-i", str(tmp_path / "ix"), "--json", input='{"id": "1", "text": "نص"}\n')
    data = json.loads(result.stdout)
    assert (data["indexed"], data["skipped"], data["problems"]) == (1, 0, [])


def test_index_missing_input_path(tmp_path):
    result = run("index", str(tmp_path / "nope"), "-i", str(tmp_path / "ix"))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {tmp_path / 'nope'} does not exist; give a folder of .txt/.md files, "
                             "a .jsonl file, or - for stdin\n")


def test_delete_then_search(corpus_index):
    result = run("delete", "d4", "-i", str(corpus_index))
    assert (result.exit_code, result.stderr) == (0, "deleted 1 of 1 document\n")
    data = json.loads(run("search", "مكالمة", "--json", "-i", str(corpus_index)).stdout)
    assert [h["id"] for h in data["hits"]] == ["d1"]


def test_delete_unknown_id_exits_1(corpus_index):
    result = run("delete", "nope", "-i", str(corpus_index))
    assert (result.exit_code, result.stderr) == (1, "deleted 0 of 1 document\n")


def test_delete_does_not_create_an_index(tmp_path):
    result = run("delete", "x", "-i", str(tmp_path / "none"))
    assert result.exit_code == 2
    assert not (tmp_path / "none").exists()


def test_every_command_has_help_with_an_arabic_example():
    for command in ("index", "search", "analyze", "delete"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.stdout


def test_index_without_entities(tmp_path):
    import json as _json
    index = tmp_path / "index"
    result = run("index", "-", "-i", str(index), "--no-entities", input='{"id": "1", "text": "قالت شركة Nvidia"}\n')
    assert result.exit_code == 0
    assert _json.loads(run("facets", "--json", "-i", str(index)).stdout) == {"person": [], "firm": []}


def test_nothing_is_written_outside_the_index_directory(tmp_path):
    """Every writing command, run from an empty working directory with an empty home: the only new files are in the
    index directory."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT, SAMPLES

    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "PYTHONDONTWRITEBYTECODE": "1"}
    commands = [["index", str(SAMPLES)], ["index", str(SAMPLES), "--sync"], ["search", "التبرعات"],
                ["search", "Lazzard"], ["stats"], ["entities", "merge", "--kind", "firm", "لازارد", "Lazard"],
                ["delete", "01_fundraising-call.txt"], ["index", str(SAMPLES), "--rebuild", "--jobs", "2"]]
    for command in commands:
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), *command, "--index", "ix"], cwd=work, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, 1), (command, done.stderr)  # 1: a search without hits
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written and all(p.startswith("work/ix/") for p in written), written


# -- conventions, listing and export --------------------------------------------------------------------------------

def test_version_and_short_help():
    from importlib.metadata import version

    assert run("--version").stdout == f"fahras {version('fahras')}\n"
    assert run("search", "-h").stdout.startswith("Usage: ")


def test_search_exits_0_with_hits_and_1_without(corpus_index):
    assert run("search", "زووم", "-i", str(corpus_index)).exit_code == 0
    assert run("search", "قطار", "-i", str(corpus_index)).exit_code == 1


def test_a_query_starting_with_a_dash_is_told_to_go_after_the_double_dash(corpus_index):
    result = run("search", "-وول ستريت", "-i", str(corpus_index))
    assert (result.exit_code, result.stderr) == (2, "Error: No such option: -و; a query starting with - goes last, "
                                                    'after --: fahras search [OPTIONS] -- "-وول ستريت"\n')
    assert run("search", "-i", str(corpus_index), "--ids", "--", "-ارتفعت وول").stdout == "d1\n"


def test_count_and_ids(corpus_index):
    assert run("search", "وول", "-i", str(corpus_index), "-c").stdout == "2\n"
    assert sorted(run("search", "وول", "-i", str(corpus_index), "-l").stdout.split()) == ["d1", "d2"]


def test_csv_export_has_the_spreadsheet_fields(corpus_index):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run("search", "زووم", "-i", str(corpus_index), "--format", "csv").stdout)))
    assert [(r["id"], r["title"], r["persons"], r["snippet"]) for r in rows] == [
        ("d4", "مكالمة خاصة", "", "جرت مكالمةٌ خاصة بين المستثمرين عبر تطبيق زووم.")]
    assert list(rows[0]) == ["id", "title", "date", "score", "persons", "firms", "snippet"]


def test_filters_alone_list_the_documents_newest_first(tmp_path):
    from indexer import Document
    from tests.conftest import build_index

    docs = [Document(f"n{i}", "خبر", "قال مارك لاسري إن الأسواق ارتفعت", date=f"2024-0{i}-01") for i in (3, 1, 2)]
    index = build_index(tmp_path / "ix", docs, entities=True)
    result = run("search", "--person", "مارك لاسري", "-i", str(index), "--ids")
    assert (result.exit_code, result.stdout) == (0, "n3\nn2\nn1\n")


@pytest.mark.parametrize("command", [["analyze", "وبالمكالمةِ الخاصة"], ["entities", "قال يوسف القاسمي إن الأسواق ارتفعت"]])
def test_analyze_and_entities_honour_bidi(command):
    logical, visual = run(*command).stdout, run(*command, "--bidi", "on").stdout
    assert not re.search("[\ufe70-\ufeff]", logical)
    assert re.search("[\ufe70-\ufeff]", visual)  # shaped letters in visual order for a terminal that cannot


# -- backends -----------------------------------------------------------------------------------------------------
def test_index_with_the_whoosh_backend_is_kept_and_reported(tmp_path):
    index = str(tmp_path / "ix")
    assert run("index", str(SAMPLES / "wire.jsonl"), "--backend", "whoosh", "--no-entities", "-i", index).exit_code == 0
    stats = json.loads(run("stats", "--json", "-i", index).stdout)
    assert (stats["backend"], stats["documents"], stats["segments"]) == ("whoosh", 4, 1)
    assert run("search", "مكالمة", "-i", index).stdout.startswith("1 hit for «مكالمة»")
    refused = run("index", str(SAMPLES / "wire.jsonl"), "--backend", "tantivy", "-i", index)
    assert refused.exit_code == 2
    assert refused.stderr.strip() == (f"Error: the index at {index} uses the whoosh backend; add --rebuild to re-index "
                                      "it with tantivy")


@pytest.mark.parametrize("backend", ["tantivy", "whoosh"])
def test_eval_runs_a_collection_on_each_backend(tmp_path, backend):
    docs = [("c1", "وول ستريت", "اجتمع ممولو وول ستريت في مكالمة خاصة"), ("c2", "الأسواق", "ارتفعت أسهم الشركات"),
            ("c3", "تقنية", "أطلقت شركة شريحة جديدة")]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps({"id": i, "title": t, "text": x}, ensure_ascii=False)
                                                   + "\n" for i, t, x in docs), encoding="utf-8")
    (tmp_path / "queries.tsv").write_text("q1\tمكالمة وول ستريت\nq2\tأسهم الشركات\n", encoding="utf-8")
    (tmp_path / "qrels.tsv").write_text("q1\tc1\t1\nq2\tc2\t1\n", encoding="utf-8")
    result = run("eval", str(tmp_path), "--backend", backend, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["documents"], report["queries"], report["metrics"]["RR@10"]) == (3, 2, 1.0)
