"""The backend contract, one suite for every backend: each finds exactly tantivy's hits and facet counts (tantivy is
the reference), ranks like it, keeps its choice of engine, and behaves the same on a crash or a second writer."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from indexer import Document, Indexer, open_index, read_inputs
from indexer.backends import adapter, backend_names
from indexer.backends.base import MAX_BUCKETS, AnalysedDoc, MatchAll, Term
from indexer.backends.base import Phrase as EnginePhrase
from indexer.errors import IndexLocked, InputError
from search import Searcher
from search.evaluate import read_qrels, read_queries, score_run
from tests.conftest import ROOT, SAMPLES, SHARED

BACKENDS = backend_names()
OTHERS = [b for b in BACKENDS if b != "tantivy"]
RETRIEVAL = SHARED / "data" / "retrieval"

DOCS = [
    Document("p1", "وول ستريت", "اجتمع ممولو وول ستريت في مكالمةٍ خاصة.", date="2024-07-24"),
    Document("p2", "الأسواق", "ستريت فود في شارع وول الجديد.", date="2024-08-02"),
    Document("p3", "المكالمات", "أجرى ماكجواير المكالمات مع هاستينغز.", date="2023-01-15"),
    Document("p4", "بيان", "قال ماكغواير إن المكالمة انتهت.", date="2023-05-01"),
    Document("p5", "بلا تاريخ", "مكالمة أخرى في وول ستريت"),
]
# Each kind of query the language has: words, phrase, slop, exclusion, must, boolean, exact form, prefix, fuzzy,
# field, dates.
OPERATOR_QUERIES = ["مكالمة", '"وول ستريت"', '"ستريت وول"~2', "مكالمة -ماكجواير", "+وول مكالمة", "وول AND مكالمة",
                    "فود OR هاستينغز", "NOT مكالمة", "'المكالمات'", "هاستين*", "ماكغواير~1", "title:بيان",
                    "مكالمة date:2024", "date:2023-03..", "date:..2023", "وول ستريت مكالمة"]
# On the bundled samples (with entities): words, names in two scripts, entity filters, exclusions, dates.
SAMPLE_QUERIES = ["الحملة", "جمع التبرعات", '"بنك الواحة"', "Nvidia", "نفيديا", "الاندماج -البنك",
                  'person:"سلمى الحداد"', "firm:بلومبرغ", 'مكالمة person:"يوسف القاسمي"', "الانتخابات date:2025..",
                  "(الذكاء OR الرقائق) AND شركة", "بنك*", "الحكومه~1", ""]


def searcher(path: Path) -> Searcher:
    """A searcher that never cuts its work short (the comparisons must not depend on the machine's speed)."""
    return Searcher(path, budget=math.inf, facet_budget=math.inf)


def build(path: Path, backend: str, docs=None, inputs: tuple[Path, ...] = (), entities: bool = False) -> Path:
    with Indexer(path, backend=backend, entities=entities) as ix:
        if docs:
            ix.add(docs)
        for source in inputs:
            ix.index(read_inputs(source), input_path=str(source))
    return path


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> dict[str, Searcher]:
    return {b: searcher(build(tmp_path_factory.mktemp(b) / "ix", b, DOCS)) for b in BACKENDS}


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, Searcher]:
    return {b: searcher(build(tmp_path_factory.mktemp(b) / "ix", b, inputs=(SAMPLES,), entities=True))
            for b in BACKENDS}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, seeds_dir) -> dict[str, Searcher]:
    return {b: searcher(build(tmp_path_factory.mktemp(b) / "ix", b, inputs=(seeds_dir,), entities=True))
            for b in BACKENDS}


def found(searcher: Searcher, query: str) -> tuple[int, list[str], dict]:
    results = searcher.search(query, limit=100, facet_size=50)
    return results.total, sorted(h.id for h in results.hits), results.facets


@pytest.mark.parametrize("backend", OTHERS)
@pytest.mark.parametrize("query", OPERATOR_QUERIES)
def test_each_operator_finds_what_tantivy_finds(small, backend, query):
    assert found(small[backend], query) == found(small["tantivy"], query)


@pytest.mark.parametrize("backend", OTHERS)
@pytest.mark.parametrize("query", SAMPLE_QUERIES)
def test_samples_hits_and_facet_counts_are_tantivys(samples, backend, query):
    assert found(samples[backend], query) == found(samples["tantivy"], query)


@pytest.mark.parametrize("backend", OTHERS)
@pytest.mark.parametrize("query", ['"وول ستريت"', "هوفمان -كونواي", "Lazard", "لازارد", "Reid Hoffman", "التبرعات",
                                   'firm:Lazard', 'person:"ريد هوفمان"'])
def test_seeds_hits_and_facet_counts_are_tantivys(seeds, backend, query):
    assert found(seeds[backend], query) == found(seeds["tantivy"], query)


@pytest.mark.parametrize("backend", OTHERS)
@pytest.mark.parametrize("slop", range(5))
def test_two_word_phrases_with_slop_match_as_in_tantivy(tmp_path, backend, slop):
    """Words in order up to `slop` apart, or swapped (a swap costs 2), as tantivy and Lucene count slop."""
    texts = ["a b", "b a", "a x b", "b x a", "a x x b", "b x x a", "a b c", "c b a", "a c b", "b a c", "b c a"]
    found = {}
    for b in ("tantivy", backend):
        engine = adapter(b)(tmp_path / b, create=True)
        engine.add([AnalysedDoc(Document(t, "", t), [], t.split(), []) for t in texts])
        engine.commit()
        found[b] = sorted(s.doc.id for _, s in engine.search(EnginePhrase("body", ("a", "b"), slop), 20).hits)
        engine.close()
    assert found[backend] == found["tantivy"]


@pytest.mark.parametrize("backend", OTHERS)
def test_a_filter_alone_lists_newest_first_as_tantivy_does(samples, backend):
    listed = lambda s: [h.id for h in s.search('person:"سلمى الحداد"', limit=50).hits]  # noqa: E731
    assert listed(samples[backend]) == listed(samples["tantivy"])


@pytest.mark.parametrize("backend", OTHERS)
def test_scores_are_tantivys_bm25(small, backend):
    scores = lambda s: {h.id: round(h.score, 3) for h in s.search("مكالمة وول").hits}  # noqa: E731
    assert scores(small[backend]) == scores(small["tantivy"])


@pytest.mark.parametrize("backend", OTHERS)
def test_values_terms_and_stats_agree_with_tantivy(samples, backend):
    mine, ref = samples[backend].backend, samples["tantivy"].backend
    for field in ("person", "firm", "org"):
        assert mine.values(field) == ref.values(field)
    assert mine.terms("body", "تبرع") == ref.terms("body", "تبرع")
    asked = [("body", "تبرع"), ("title", "تبرع"), ("body", "لا-يوجد")]
    assert mine.doc_freqs(asked) == ref.doc_freqs(asked)
    assert mine.num_docs() == ref.num_docs() == mine.stats().documents
    assert mine.stats().segments >= 1 and mine.stats().size_bytes > 0


def sampled_queries(collection: Path, every: int) -> list[tuple[str, str]]:
    return read_queries(collection / "queries.tsv")[::every]


@pytest.fixture(scope="module")
def collections(tmp_path_factory) -> dict[tuple[str, str], Searcher]:
    """xquad_ar and arcd indexed by each backend (without entities: the ranking is what is compared)."""
    if not RETRIEVAL.is_dir():
        pytest.skip(f"{RETRIEVAL} is absent")
    return {(name, b): searcher(build(tmp_path_factory.mktemp(f"{name}-{b}") / "ix", b,
                                      inputs=(RETRIEVAL / name / "corpus.jsonl",)))
            for name in ("xquad_ar", "arcd") for b in BACKENDS}


@pytest.mark.parametrize("backend", OTHERS)
@pytest.mark.parametrize("name", ["xquad_ar", "arcd"])
def test_top_ten_overlaps_tantivys_and_mrr_is_within_0_02(collections, backend, name):
    """Every fourth question of each collection: top-10 overlap ≥ 0.8, MRR@10 within 0.02 (bench/backends.py runs
    all of them)."""
    queries = sampled_queries(RETRIEVAL / name, 4)
    runs: dict[str, dict[str, list[tuple[str, float]]]] = {}
    for b in ("tantivy", backend):
        runs[b] = {qid: collections[name, b].rank(text, 10) for qid, text in queries}
    overlaps = [len({d for d, _ in runs[backend][qid]} & {d for d, _ in runs["tantivy"][qid]})
                / max(len(runs["tantivy"][qid]), 1) for qid, _ in queries]
    assert sum(overlaps) / len(overlaps) >= 0.8
    qrels = read_qrels(RETRIEVAL / name / "qrels.tsv")
    mrr = {b: score_run(run, qrels)["RR@10"] for b, run in runs.items()}
    assert abs(mrr[backend] - mrr["tantivy"]) <= 0.02, mrr


# -- the choice of engine is kept -------------------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_the_backend_is_recorded_and_found_again_on_open(tmp_path, backend):
    build(tmp_path, backend, DOCS[:1])
    assert open_index(tmp_path).meta.backend == backend
    assert open_index(tmp_path).backend.name == backend
    with Indexer(tmp_path) as ix:  # no --backend: the index keeps its own
        ix.add(DOCS[1:2])
    assert open_index(tmp_path).backend.num_docs() == 2


def test_another_backend_needs_rebuild_which_keeps_the_aliases(tmp_path):
    build(tmp_path, "tantivy", DOCS)
    (tmp_path / "aliases.toml").write_text('[merge]\n"مارك لاسري" = ["لاسري"]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"uses the tantivy backend; add --rebuild to re-index it with whoosh"):
        Indexer(tmp_path, backend="whoosh")
    with Indexer(tmp_path, backend="whoosh", rebuild=True) as ix:
        ix.add(DOCS[:2])
    assert open_index(tmp_path).backend.name == "whoosh" and open_index(tmp_path).backend.num_docs() == 2
    assert (tmp_path / "aliases.toml").read_text(encoding="utf-8").startswith("[merge]")
    assert not (tmp_path / "meta.json").exists()  # tantivy's files are gone


def test_unknown_backend_is_a_usage_error(tmp_path):
    with pytest.raises(InputError, match="unknown backend 'lucene'; choose one of tantivy, whoosh"):
        Indexer(tmp_path, backend="lucene")


# -- the contract's edges ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_facet_counts_are_bounded(small, backend):
    with pytest.raises(ValueError, match="at most 65536 values"):
        small[backend].backend.count_values(MatchAll(), ["person"], MAX_BUCKETS + 1)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_id_added_twice_before_a_commit_is_one_document(tmp_path, backend):
    with Indexer(tmp_path, backend=backend) as ix:
        ix.add([Document("a", "أول", "نص أول"), Document("a", "ثان", "نص ثان")])
    ix = open_index(tmp_path)
    assert ix.backend.num_docs() == 1 and ix.backend.get("a").doc.title == "ثان"


@pytest.mark.parametrize("backend", BACKENDS)
def test_delete_counts_what_the_last_commit_held(tmp_path, backend):
    build(tmp_path, backend, DOCS)
    with Indexer(tmp_path) as ix:
        assert ix.delete(["p1", "p2", "nope"]) == 2
    assert open_index(tmp_path).backend.count(Term("id", "p1")) == 0
    assert open_index(tmp_path).backend.num_docs() == 3


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_rebuild_replaces_everything_in_one_commit(tmp_path, backend):
    build(tmp_path, backend, DOCS)
    with Indexer(tmp_path, rebuild=True) as ix:
        ix.add(DOCS[:1])
    assert sorted(s.doc.id for _, s in open_index(tmp_path).backend.search(MatchAll(), 10).hits) == ["p1"]


# -- crash and lock behaviour -----------------------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_second_writer_is_refused(tmp_path, backend):
    build(tmp_path, backend, DOCS[:1])
    with Indexer(tmp_path) as first:
        first.add([Document("z", "ز", "ز")])
        with pytest.raises(IndexLocked, match=f"process {os.getpid()} is writing to the index at {tmp_path}"):
            Indexer(tmp_path).add([Document("y", "ي", "ي")])
    with Indexer(tmp_path) as later:  # released on close
        later.add([Document("y", "ي", "ي")])
    assert open_index(tmp_path).backend.num_docs() == 3


def numbered(n: int, interrupt_at: int):
    for i in range(n):
        if i == interrupt_at:
            raise KeyboardInterrupt
        yield Document(f"n{i:03d}", f"خبر {i}", "نص الخبر عن الأسواق")


@pytest.mark.parametrize("backend", BACKENDS)
def test_ctrl_c_keeps_the_last_commit_and_releases_the_lock(tmp_path, backend):
    with pytest.raises(KeyboardInterrupt), Indexer(tmp_path, backend=backend, batch_size=50, entities=False) as ix:
        ix.index(numbered(200, interrupt_at=120))
    assert open_index(tmp_path).backend.num_docs() == 100
    with Indexer(tmp_path) as ix:
        ix.add([Document("after", "بعد", "نص")])
    assert open_index(tmp_path).backend.num_docs() == 101


@pytest.mark.parametrize("backend", BACKENDS)
def test_kill_9_mid_indexing_leaves_the_last_commit(tmp_path, backend):
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from indexer import Document, Indexer
        def docs():
            for i in range(1000):
                if i == 120:
                    os.kill(os.getpid(), signal.SIGKILL)
                yield Document(f"n{{i}}", "خبر", "نص الخبر")
        Indexer({str(tmp_path)!r}, backend={backend!r}, batch_size=50, entities=False).index(docs())
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr
    assert open_index(tmp_path).backend.num_docs() == 100
    with Indexer(tmp_path) as ix:  # no stale lock after a kill
        ix.add([Document("after", "بعد", "نص")])
    assert open_index(tmp_path).backend.num_docs() == 101


def test_a_backend_whose_engine_is_not_installed_says_what_to_install(monkeypatch):
    from indexer.backends import REGISTRY, adapter
    from indexer.errors import BackendUnavailable

    monkeypatch.setitem(REGISTRY, "absent", ("indexer.backends.absent_backend", "AbsentBackend", "absent-engine"))
    with pytest.raises(BackendUnavailable, match=r"^the absent backend cannot be used: .* is not installed; run "
                                                 r"`pip install absent-engine`$"):
        adapter("absent")


@pytest.mark.parametrize("backend", BACKENDS)
def test_asking_for_more_facet_values_than_the_bound_is_not_an_error(small, backend):
    assert small[backend].facets(top=10_000) == {"person": [], "firm": []}
