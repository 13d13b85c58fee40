"""Every `fahras` command in the README's shell blocks runs on the bundled samples and shows something: exit 0 (a
search with hits) and output. Each runs in a fresh working directory holding an index of samples/news, the samples
and ../shared, and news.jsonl / big.jsonl made from the samples, so the README cannot drift from what works."""

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, SHARED

README = ROOT / "README.md"


def readme_commands() -> list[str]:
    """The lines of the README's ```sh blocks that run fahras (pip lines left out)."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if "fahras " in line and not line.lstrip().startswith("pip ")]


def segments(line: str) -> list[list[str]]:
    """A command line → its commands (split at ;), comments dropped; | and > stay as tokens."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";|>")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    out: list[list[str]] = [[]]
    for token in lexer:
        if token == ";":
            out.append([])
        else:
            out[-1].append(token)
    return [s for s in out if s]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """An index of the samples, made once with the command the README gives."""
    work = tmp_path_factory.mktemp("readme")
    (work / "samples").symlink_to(SAMPLES.parent)
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "index", "samples/news"], cwd=work, check=True,
                   capture_output=True)
    return work / "index"


def run_line(line: str, work: Path) -> list[subprocess.CompletedProcess]:
    done = []
    for tokens in segments(line):
        stdin = None
        if "|" in tokens:  # cat FILE | fahras …
            i = tokens.index("|")
            stdin = (work / tokens[i - 1]).read_text(encoding="utf-8")
            tokens = tokens[i + 1:]
        target = None
        if ">" in tokens:
            i = tokens.index(">")
            tokens, target = tokens[:i], tokens[i + 1]
        assert tokens[0] == "fahras", line
        if tokens[1:] == ["shell"]:
            stdin = "جمع التبرعات\nquit\n"  # a search typed at its prompt
        result = subprocess.run([sys.executable, str(ROOT / "cli.py"), *tokens[1:]], cwd=work, input=stdin,
                                capture_output=True, text=True, timeout=600)
        if target:
            (work / target).write_text(result.stdout, encoding="utf-8")
        done.append(result)
    return done


@pytest.mark.parametrize("line", readme_commands())
def test_the_readme_command_works_on_the_samples(line, built, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "samples").symlink_to(SAMPLES.parent)
    (tmp_path / "shared").symlink_to(SHARED)
    shutil.copytree(built, work / "index")
    wire = [json.loads(row) for row in (SAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines()]
    (work / "news.jsonl").write_text("".join(json.dumps({"id": r["id"], "title": r["title"], "body": r["text"]},
                                                        ensure_ascii=False) + "\n" for r in wire), encoding="utf-8")
    shutil.copy(SAMPLES / "wire.jsonl", work / "big.jsonl")
    for result in run_line(line, work):
        assert result.returncode == 0, (line, result.stderr)
        assert (result.stdout + result.stderr).strip() or ">" in line, line


def test_every_command_of_the_quick_start_is_checked():
    assert {"fahras index samples/news", "fahras shell"} <= {" ".join(segments(c)[0][:3]) for c in readme_commands()}
