"""Writing the index: replace by id, delete, rebuild, metadata checks, locking and crash safety."""

import json
import re
from pathlib import Path

import pytest

from indexer import Document, Indexer, get_analyzer, open_index
from indexer.backends.base import MatchAll
from indexer.entities.store import EntityStore
from indexer.errors import IndexIncompatible, IndexLocked, IndexNotFound, InputError, UnknownAnalyzer
from tests.conftest import CORPUS, ROOT, build_index


def ids(path) -> list[str]:
    backend = open_index(path).backend
    return sorted(stored.doc.id for _, stored in backend.search(MatchAll(), 1000).hits)


def test_meta_records_analyzer_backend_and_format(corpus_index):
    assert json.loads((corpus_index / "fahras.json").read_text()) == {
        "analyzer": "ar_light@3", "backend": "tantivy", "format": 2, "fingerprint": get_analyzer().fingerprint}


def test_an_index_made_with_other_word_lists_must_be_rebuilt(corpus_index):
    meta = corpus_index / "fahras.json"
    meta.write_text(meta.read_text().replace(get_analyzer().fingerprint, "0123456789abcdef"))
    reason = ("it was built with other word lists for ar_light@3 (stopwords or name parts changed since); rebuild it "
              "with `fahras index --rebuild`")
    with pytest.raises(IndexIncompatible, match=re.escape(reason)):
        open_index(corpus_index)
    with pytest.raises(IndexIncompatible, match=re.escape(reason)):
        Indexer(corpus_index)
    with Indexer(corpus_index, rebuild=True) as ix:
        ix.add(CORPUS)
    assert open_index(corpus_index).meta.fingerprint == get_analyzer().fingerprint


def test_the_fingerprint_covers_the_stopwords_and_name_parts():
    from dataclasses import replace

    a = get_analyzer()
    assert replace(a, stopwords=a.stopwords - {"في"}).fingerprint != a.fingerprint
    assert replace(a, word_lists=(frozenset(a.word_lists[0]) | {"زعفران"},)).fingerprint != a.fingerprint


def test_reindexing_an_id_replaces_the_document(corpus_index):
    with Indexer(corpus_index) as ix:
        ix.add([Document("d1", "عنوان جديد", "نص جديد")])
    backend = open_index(corpus_index).backend
    assert backend.num_docs() == 5
    assert backend.get("d1").doc == Document("d1", "عنوان جديد", "نص جديد")


def test_duplicate_ids_in_one_batch_keep_the_last(tmp_path):
    build_index(tmp_path, [Document("x", "أول", "أ"), Document("x", "ثان", "ب")])
    assert open_index(tmp_path).backend.get("x").doc.title == "ثان"


def test_delete_removes_and_counts_existing_ids(corpus_index):
    with Indexer(corpus_index) as ix:
        assert ix.delete(["d2", "d3", "missing"]) == 2
    assert ids(corpus_index) == ["d1", "d4", "d5"]


def test_rebuild_replaces_everything(corpus_index):
    with Indexer(corpus_index, rebuild=True) as ix:
        ix.add([Document("n1", "جديد", "نص")])
    assert ids(corpus_index) == ["n1"]


def test_rebuild_can_change_the_analyzer(corpus_index):
    with Indexer(corpus_index, "ar_exact@1", rebuild=True) as ix:
        ix.add([Document("n1", "جديد", "نص")])
    assert open_index(corpus_index).analyzer.name == "ar_exact@1"


def test_other_analyzer_without_rebuild_is_refused(corpus_index):
    with pytest.raises(InputError, match="uses ar_light@3; add --rebuild to re-index it with ar_exact@1"):
        Indexer(corpus_index, "ar_exact@1")


def test_missing_index(tmp_path):
    with pytest.raises(IndexNotFound) as err:
        open_index(tmp_path / "nope")
    assert str(err.value) == f"no index at {tmp_path / 'nope'}; run `fahras index` first"


def test_unknown_analyzer_in_meta_fails_clearly(corpus_index):
    meta = corpus_index / "fahras.json"
    meta.write_text(meta.read_text().replace("ar_light@3", "ar_light@7"))
    with pytest.raises(UnknownAnalyzer, match="'ar_light@7', which this build of Fahras does not know"):
        open_index(corpus_index)


def test_other_format_fails_clearly(corpus_index):
    meta = corpus_index / "fahras.json"
    meta.write_text(meta.read_text().replace('"format": 2', '"format": 99'))
    with pytest.raises(IndexIncompatible, match="format 99 and this build reads format 2; rebuild it"):
        open_index(corpus_index)


def test_refuses_a_non_empty_directory_that_is_not_an_index(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match="is not empty and holds no Fahras index"):
        Indexer(tmp_path)


def test_second_writer_is_told_the_index_is_busy(corpus_index):
    import os

    with Indexer(corpus_index) as first:
        first.add([Document("z", "ز", "ز")])
        with pytest.raises(IndexLocked) as refused:
            Indexer(corpus_index).add([Document("y", "ي", "ي")])
    assert str(refused.value) == (f"process {os.getpid()} is writing to the index at {corpus_index} (it holds "
                                  f"{corpus_index / '.tantivy-writer.lock'}); wait for it to finish and retry")


def test_corpus_fixture_has_five_documents(corpus_index):
    assert ids(corpus_index) == sorted(d.id for d in CORPUS)


def test_rank_reads_ids_from_fast_fields_after_updates_and_rebuilds(corpus_index):
    from indexer.backends.base import Term
    with Indexer(corpus_index) as ix:
        ix.add([Document("d9", "زووم", "زووم")])
    assert sorted(i for i, _ in open_index(corpus_index).backend.rank(Term("body", "زووم"), 10)) == ["d4", "d9"]
    with Indexer(corpus_index, rebuild=True) as ix:
        ix.add([Document("r1", "زووم", "زووم")])
    assert [i for i, _ in open_index(corpus_index).backend.rank(Term("body", "زووم"), 10)] == ["r1"]


def test_key_sidecar_ignores_a_line_cut_short_by_a_crash(tmp_path):
    from indexer.backends.tantivy_backend import KeyMap, id_key
    file = tmp_path / "keys.tsv"
    file.write_text(f"{id_key('a')}\ta\n{id_key('b')}\tb", encoding="utf-8")
    assert KeyMap(file).lookup([id_key("a"), id_key("b")]) == ["a", ""]


def index_contents(path) -> tuple:
    """What an index holds: its stored documents with entity values and mentions, every field's terms with their
    counts, and the entity groups."""
    opened = open_index(path)
    stored = sorted(((s.doc, s.values, s.mentions) for _, s in opened.backend.search(MatchAll(), 1000).hits),
                    key=lambda d: d[0].id)
    terms = {field: sorted(opened.backend.terms(field)) for field in ("title", "body", "exact")}
    return stored, terms, EntityStore(path).names(("person", "firm", "org"))


def test_worker_processes_build_the_same_index_as_one_process(tmp_path):
    from indexer import read_inputs

    built = {}
    for jobs in (1, 2):
        with Indexer(tmp_path / f"jobs{jobs}", batch_size=8, jobs=jobs) as ix:  # 8 a chunk: 4 chunks for the workers
            ix.index(read_inputs(ROOT / "samples" / "news"))
        built[jobs] = index_contents(tmp_path / f"jobs{jobs}")
    assert built[1] == built[2] and len(built[1][0]) == 34  # 30 articles and 4 wire items


# -- incremental runs ---------------------------------------------------------------------------------------------

@pytest.fixture
def news(tmp_path):
    """A copy of the bundled samples that tests may change."""
    import shutil

    return Path(shutil.copytree(ROOT / "samples" / "news", tmp_path / "news"))


def index_folder(index, folder, sync=False):
    from indexer import read_inputs

    with Indexer(index) as ix:
        return ix.index(read_inputs(folder), input_path=str(folder), sync=sync)


def test_a_second_run_skips_the_unchanged_documents(tmp_path, news):
    first, again = index_folder(tmp_path / "ix", news), index_folder(tmp_path / "ix", news)
    assert (first.added, again.added, again.unchanged) == (34, 0, 34)


def test_a_changed_document_is_indexed_again(tmp_path, news):
    index_folder(tmp_path / "ix", news)
    changed = sorted(news.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nسطر أضيف لاحقا عن الزعفران", encoding="utf-8")
    report = index_folder(tmp_path / "ix", news)
    assert (report.added, report.unchanged) == (1, 33)
    from search import Searcher
    assert [h.id for h in Searcher(tmp_path / "ix").search("الزعفران").hits] == [changed.name]


def test_sync_deletes_the_documents_whose_files_are_gone(tmp_path, news):
    index_folder(tmp_path / "ix", news)
    sorted(news.glob("*.txt"))[0].unlink()
    report = index_folder(tmp_path / "ix", news, sync=True)
    assert (report.added, report.unchanged, report.deleted) == (0, 33, 1)
    assert open_index(tmp_path / "ix").backend.num_docs() == 33


def test_without_sync_documents_of_deleted_files_stay(tmp_path, news):
    index_folder(tmp_path / "ix", news)
    sorted(news.glob("*.txt"))[0].unlink()
    assert index_folder(tmp_path / "ix", news).deleted == 0
    assert open_index(tmp_path / "ix").backend.num_docs() == 34


def test_a_ledger_written_for_another_commit_is_not_trusted(tmp_path, news):
    import sqlite3

    index_folder(tmp_path / "ix", news)
    with sqlite3.connect(tmp_path / "ix" / "documents.sqlite") as db:  # as if the writer died before recording
        db.execute("UPDATE meta SET value = 'another' WHERE name = 'stamp'")
    assert index_folder(tmp_path / "ix", news).added == 34


def test_each_input_keeps_its_last_run(tmp_path, news):
    from indexer.ledger import Ledger

    index_folder(tmp_path / "ix", news)
    (run,) = Ledger(tmp_path / "ix").inputs()
    assert (run.path, run.documents, run.added, run.unchanged, run.deleted) == (str(news), 34, 34, 0, 0)
    assert run.indexed_at.endswith("+00:00")


def test_an_index_path_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="is a file, not a directory; give --index a new or empty directory"):
        Indexer(tmp_path / "file")


def test_an_index_path_that_cannot_be_made_is_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="cannot create the index directory .*; give --index a path you can write to"):
        Indexer(tmp_path / "file" / "index")


def test_records_are_stored_compressed_and_old_uncompressed_ones_still_read():
    import json as jsonlib
    import zlib

    from indexer.backends.base import AnalysedDoc, decode_record, encode_record

    analysed = AnalysedDoc(Document("a", "عنوان", "نص الخبر " * 50), [], [], [], {"person": ("مارك لاسري",)},
                           (("person", 0, 3, "مارك لاسري"),))
    record = encode_record(analysed)
    assert len(record) < len(("نص الخبر " * 50).encode()) / 4
    stored = decode_record(record)
    assert (stored.doc, stored.values["person"], stored.mentions) == (analysed.doc, ("مارك لاسري",), analysed.mentions)
    plain = zlib.decompress(record)
    assert decode_record(plain) == stored and jsonlib.loads(plain)["id"] == "a"


def _long_docs(n, start=0):
    return [Document(f"d{i}", f"خبر رقم {i}", f"قال المتحدث باسم الوزارة في بيان اليوم إن الاجتماع {i} " * 40)
            for i in range(start, start + n)]


def test_records_deflated_with_a_dictionary_of_the_first_documents_read_back_the_same_and_smaller():
    from indexer.backends.base import AnalysedDoc, decode_record, encode_record, make_dictionary

    assert make_dictionary([Document("a", "قصير", "نص قصير")]) == b""  # too little text for a dictionary
    dictionary = make_dictionary(_long_docs(20))
    assert len(dictionary) == 32_768
    analysed = AnalysedDoc(_long_docs(1, start=99)[0], [], [], [], {"person": ("مارك لاسري",)},
                           (("person", 0, 3, "مارك لاسري"),))
    plain, deflated = encode_record(analysed), encode_record(analysed, dictionary)
    assert deflated[:1] == b"\x01" and len(deflated) < len(plain)
    assert decode_record(deflated, dictionary) == decode_record(plain)


@pytest.mark.parametrize("backend", ["tantivy", "whoosh"])
def test_an_index_makes_its_record_dictionary_once_from_the_first_documents_that_fill_it(tmp_path, backend):
    from indexer.backends.base import DICTIONARY_FILE
    from search import Searcher

    with Indexer(tmp_path, backend=backend, entities=False) as ix:
        ix.add([Document("s", "قصير", "نص قصير")])
    assert not (tmp_path / DICTIONARY_FILE).exists()  # a short first run makes none: its record is plain zlib
    with Indexer(tmp_path, entities=False) as ix:
        ix.add(_long_docs(80))
    dictionary = (tmp_path / DICTIONARY_FILE).read_bytes()
    with Indexer(tmp_path, entities=False) as ix:
        ix.add(_long_docs(80, start=500))
    assert (tmp_path / DICTIONARY_FILE).read_bytes() == dictionary  # never replaced: records use it
    searcher = Searcher(tmp_path)
    assert len(searcher) == 161
    assert searcher.backend.get("s").doc == Document("s", "قصير", "نص قصير")
    assert searcher.backend.get("d7").doc == _long_docs(8)[7]
    assert searcher.backend.get("d507").doc == _long_docs(1, start=507)[0]
    (tmp_path / DICTIONARY_FILE).unlink()
    with pytest.raises(IndexIncompatible, match="records need records.zdict, which is missing; rebuild it"):
        Searcher(tmp_path).backend.get("d7")


def test_worker_processes_deflate_records_with_the_index_dictionary(tmp_path):
    from indexer.backends.base import DICTIONARY_FILE
    from search import Searcher

    docs = _long_docs(200)
    for jobs in (1, 2):
        with Indexer(tmp_path / str(jobs), entities=False, jobs=jobs) as ix:
            ix.add(docs)
    one, two = Searcher(tmp_path / "1"), Searcher(tmp_path / "2")
    assert (tmp_path / "1" / DICTIONARY_FILE).read_bytes() == (tmp_path / "2" / DICTIONARY_FILE).read_bytes()
    assert all(one.backend.get(d.id) == two.backend.get(d.id) for d in docs[::7])
    assert one.backend.stats().size_bytes == two.backend.stats().size_bytes



def test_a_ledger_of_the_first_layout_is_carried_over(tmp_path, news):
    import sqlite3

    from indexer.ledger import Ledger

    index_folder(tmp_path / "ix", news)
    ledger = Ledger(tmp_path / "ix")
    stamp = open_index(tmp_path / "ix").backend.stamp()
    hashes = ledger.hashes(stamp)
    with sqlite3.connect(ledger.file) as db:  # as an older build wrote it: hex hashes and input paths
        db.execute("DROP TABLE docs")
        db.execute("CREATE TABLE doc (id TEXT PRIMARY KEY, hash TEXT NOT NULL, input TEXT NOT NULL) WITHOUT ROWID")
        db.execute("CREATE INDEX doc_input ON doc (input)")
        db.executemany("INSERT INTO doc VALUES (?, ?, ?)", [(i, h, str(news)) for i, h in hashes.items()])
    assert Ledger(tmp_path / "ix").hashes(stamp) == hashes
    assert Ledger(tmp_path / "ix").ids_from(str(news)) == set(hashes)
    with sqlite3.connect(ledger.file) as db:
        assert not db.execute("SELECT name FROM sqlite_schema WHERE name IN ('doc', 'doc_input')").fetchall()
    assert index_folder(tmp_path / "ix", news).unchanged == 34
