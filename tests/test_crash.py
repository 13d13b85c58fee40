"""Crash safety: `fahras index` killed with SIGKILL at random moments leaves an index that opens, holds exactly the
documents of its last commit, and the same command run again completes it."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from indexer import open_index
from indexer.backends.base import MatchAll
from tests.conftest import ROOT

DOCS, BATCH = 2_000, 256  # commits fall every 256 documents (a multiple of the 64 analysed at a time)


def full_run_seconds(news_jsonl, tmp_path_factory, backend: str) -> float:
    """How long a whole run takes on this machine: kills are drawn over it, so they land mid-run on any machine."""
    start = time.monotonic()
    subprocess.run(index_command(news_jsonl, tmp_path_factory.mktemp("full") / "ix", backend), check=True,
                   capture_output=True)
    return time.monotonic() - start


@pytest.fixture(scope="module")
def run_seconds(news_jsonl, tmp_path_factory) -> float:
    return full_run_seconds(news_jsonl, tmp_path_factory, "tantivy")


@pytest.fixture(scope="module")
def whoosh_run_seconds(news_jsonl, tmp_path_factory) -> float:
    return full_run_seconds(news_jsonl, tmp_path_factory, "whoosh")


@pytest.fixture(scope="module")
def news_jsonl(tmp_path_factory):
    """2,000 short articles, ids in order, each naming a person and a firm (so entities are grouped too)."""
    path = tmp_path_factory.mktemp("crash") / "news.jsonl"
    names = ["مارك لاسري", "ريد هوفمان", "سلمى الحداد"]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(DOCS):
            text = f"قال {names[i % 3]} إن شركة لازارد رفعت أرباحها في الربع {i}، وإن الأسواق ارتفعت."
            fh.write(json.dumps({"id": f"n{i:05d}", "title": f"خبر {i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def index_command(jsonl, index, backend: str = "tantivy") -> list[str]:
    return [sys.executable, str(ROOT / "cli.py"), "index", str(jsonl), "--index", str(index),
            "--batch-size", str(BATCH), "--jobs", "2", "--json", "--backend", backend]


def kill_at(command: list[str], delay: float) -> int:
    """Run `command`, SIGKILL it (and its workers) after `delay` seconds unless it ended; its return code."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return proc.returncode


def stored_ids(index) -> list[str]:
    return sorted(s.doc.id for _, s in open_index(index).backend.search(MatchAll(), DOCS + 1).hits)


def one_trial(news_jsonl, tmp_path, seed: int, run_seconds: float, backend: str = "tantivy") -> None:
    index = tmp_path / f"ix{seed}"
    started = time.monotonic()
    code = kill_at(index_command(news_jsonl, index, backend), random.Random(seed).uniform(0.1, 1.1) * run_seconds)
    if not (index / "fahras.json").exists():
        assert code == -signal.SIGKILL  # killed before the index was made: nothing to check
    else:
        held = stored_ids(index)
        assert len(held) % BATCH == 0 or len(held) == DOCS, (seed, len(held))
        assert held == [f"n{i:05d}" for i in range(len(held))], seed  # a prefix: exactly whole commits
    done = subprocess.run(index_command(news_jsonl, index, backend), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert stored_ids(index) == [f"n{i:05d}" for i in range(DOCS)], (seed, time.monotonic() - started)
    assert open_index(index).backend.num_docs() == DOCS


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_killed_indexer_leaves_its_last_commit_and_a_rerun_completes_it(news_jsonl, tmp_path, seed, run_seconds):
    one_trial(news_jsonl, tmp_path, seed, run_seconds)


@pytest.mark.parametrize("seed", [4])
def test_a_killed_whoosh_indexer_leaves_its_last_commit_too(news_jsonl, tmp_path, seed, whoosh_run_seconds):
    one_trial(news_jsonl, tmp_path, seed, whoosh_run_seconds, backend="whoosh")


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(100, 120))
def test_twenty_more_kills_at_random_moments(news_jsonl, tmp_path, seed, run_seconds):
    one_trial(news_jsonl, tmp_path, seed, run_seconds)


# -- readers while a writer commits ------------------------------------------------------------------------------------

def test_readers_search_while_a_writer_commits(news_jsonl, tmp_path):
    """Four reader threads, each with its own Searcher, search while `fahras index` commits every 256 documents:
    no reader fails, each sees whole snapshots that only grow, and each sees the last commit soon after it."""
    import threading

    from indexer import Document, Indexer
    from search import Searcher

    index = tmp_path / "ix"
    with Indexer(index) as ix:  # the index exists before the readers open it
        ix.add([Document("seed", "خبر", "قال مارك لاسري إن الأسواق ارتفعت")])
    writer = subprocess.Popen(index_command(news_jsonl, index), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: dict[int, list[int]] = {}
    failures: list[BaseException] = []

    def read(k: int) -> None:
        searcher = Searcher(index)
        totals = seen.setdefault(k, [])
        deadline = None
        try:
            while True:
                if writer.poll() is not None:  # the writer is done: its last commit shows up shortly after
                    deadline = deadline or time.monotonic() + 30
                    if totals[-1:] == [DOCS + 1] or time.monotonic() > deadline:
                        break
                results = searcher.search("الأسواق لازارد", limit=5)
                assert len(results.hits) <= results.total
                totals.append(results.total)
        except BaseException as err:  # noqa: BLE001 - any failure of a reader is the test's failure
            failures.append(err)

    threads = [threading.Thread(target=read, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert writer.wait(timeout=300) == 0, writer.stderr.read() if writer.stderr else ""
    assert failures == []
    for totals in seen.values():
        assert totals == sorted(totals) and totals[-1] == DOCS + 1
