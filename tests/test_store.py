"""Entity groups made when the index is written (INDEX/entities.sqlite) and mentions kept with each document: searches
only look them up, and they follow added and deleted documents, alias edits and a crash before grouping."""

import pytest

from indexer import Document, Indexer
from indexer.entities import Entity
from indexer.entities.aliases import Aliases, write_aliases
from indexer.entities.store import EntityStore
from search import Searcher

MENTIONS = {
    "a": [("person", "مارك لاسري"), ("firm", "لازارد")],
    "b": [("person", "لاسري"), ("firm", "Lazard")],
    "c": [("person", "ريد هوفمان")],
}


def extractor(text):
    """The mentions of MENTIONS for the document whose body starts with its id, at made-up offsets."""
    return [Entity(kind, 0, len(name), name, name) for kind, name in MENTIONS[text.split("\n")[1].split()[0]]]


def add(path, *ids, **kwargs):
    with Indexer(path, extractor=extractor, **kwargs) as ix:
        ix.add([Document(i, f"خبر {i}", f"{i} نص الخبر") for i in ids])
    return path


def groups(path, kind):
    store = EntityStore(path)
    return {value: group.name for value, (_, group) in store.groups(kind, [n for m in MENTIONS.values()
                                                                          for k, n in m if k == kind]).items()}


def test_a_commit_stores_one_group_per_entity(tmp_path):
    add(tmp_path, "a", "b", "c")
    assert groups(tmp_path, "firm") == {"لازارد": "لازارد", "Lazard": "لازارد"}
    assert groups(tmp_path, "person") == {"مارك لاسري": "مارك لاسري", "لاسري": "مارك لاسري",
                                          "ريد هوفمان": "ريد هوفمان"}


def test_a_search_reads_the_stored_groups_without_grouping(tmp_path, monkeypatch):
    add(tmp_path, "a", "b")
    import indexer.entities.store as store

    monkeypatch.setattr(store, "group", lambda *args: pytest.fail("grouped at search time"))
    hits = {h.id: h for h in Searcher(tmp_path).search("الخبر").hits}
    assert (hits["b"].persons, hits["b"].firms) == (("مارك لاسري",), ("لازارد",))


def test_groups_follow_added_documents(tmp_path):
    add(tmp_path, "b")
    assert groups(tmp_path, "person") == {"لاسري": "لاسري"}
    add(tmp_path, "a")
    assert groups(tmp_path, "person") == {"لاسري": "مارك لاسري", "مارك لاسري": "مارك لاسري"}


def test_groups_follow_deleted_documents(tmp_path):
    add(tmp_path, "a", "b")
    with Indexer(tmp_path, extractor=extractor) as ix:
        ix.delete(["a"])
    assert groups(tmp_path, "person") == {"لاسري": "لاسري"}


def test_groups_follow_an_aliases_file_edited_by_hand(tmp_path):
    add(tmp_path, "a", "c")
    aliases = Aliases()
    aliases.of("person").rename["ريد هوفمان"] = "Reid Hoffman"
    write_aliases(tmp_path, aliases)
    assert Searcher(tmp_path).facet_value("person", "ريد هوفمان") == "Reid Hoffman"
    assert groups(tmp_path, "person")["ريد هوفمان"] == "Reid Hoffman"


def test_values_indexed_after_the_last_grouping_are_their_own_entities_until_the_next_writer(tmp_path):
    add(tmp_path, "a")
    ix = Indexer(tmp_path, extractor=extractor)
    ix.add([Document("b", "خبر b", "b نص الخبر")])
    ix._commit(group=False)  # a crash right after the engine's commit
    ix.close()
    assert Searcher(tmp_path).facet_value("person", "لاسري") == "لاسري"
    Indexer(tmp_path, extractor=extractor).close()
    assert Searcher(tmp_path).facet_value("person", "لاسري") == "مارك لاسري"


def test_why_a_value_joined_its_group(tmp_path):
    add(tmp_path, "a", "b")
    store = EntityStore(tmp_path)
    assert store.why("firm", "لازارد") == ("لازارد", "same key: Lazard")
    assert store.why("firm", "Lazard") == ("لازارد", "")  # the value the others joined
    assert store.why("person", "لاسري") == ("مارك لاسري", "surname: مارك لاسري")


def test_mentions_are_kept_with_the_document_and_valued_as_facets(tmp_path, monkeypatch):
    add(tmp_path, "b", "a")
    import indexer.entities.extractor as extraction

    monkeypatch.setattr(extraction, "default_extractor", lambda: pytest.fail("tagger run at read time"))
    searcher = Searcher(tmp_path)
    text = "خبر b\nb نص الخبر"  # the title, a newline, the body: what mention offsets point into
    assert [(e.kind, e.start, e.end, e.surface, e.canonical) for e in searcher.mentions("b")] == [
        ("person", 0, 5, text[:5], "مارك لاسري"), ("firm", 0, 6, text[:6], "لازارد")]
    hit = [h for h in searcher.search("الخبر").hits if h.id == "b"][0]
    assert [e.canonical for e in hit.entities] == ["مارك لاسري", "لازارد"]
    assert hit.entities == tuple(searcher.mentions("b"))


def test_groups_made_by_another_version_are_made_again_at_the_next_open(tmp_path, monkeypatch):
    add(tmp_path, "a", "b")
    import indexer.entities.store as store

    monkeypatch.setattr(store, "version", lambda: "other")
    assert not EntityStore(tmp_path).is_current()
    Searcher(tmp_path)
    assert EntityStore(tmp_path).is_current()
    assert groups(tmp_path, "person")["لاسري"] == "مارك لاسري"


@pytest.mark.parametrize("kind, value", [("person", "مارك لاسري"), ("person", "لاسري"), ("firm", "Lazard"),
                                         ("firm", "بنك قطر الوطني الأهلي"), ("firm", "3X Long Gold"), ("org", "16"),
                                         ("person", "ريد هوفمان"), ("firm", "A\x1fB\x01"), ("person", "")])
def test_a_values_keys_are_stored_compactly_and_read_back_the_same(kind, value):
    from indexer.entities.grouping import ValueKeys
    from indexer.entities.store import _dumps, _loads

    keys = ValueKeys.of(kind, value)
    assert _loads(value, _dumps(keys)) == keys


def test_an_index_grouped_by_an_older_version_loses_its_lookup_indexes_and_reads_the_same(tmp_path):
    import sqlite3

    add(tmp_path, "a", "b", "c")
    with sqlite3.connect(tmp_path / "entities.sqlite") as db:
        db.execute("CREATE INDEX val_norm ON val (kind, norm)")
        db.execute("UPDATE meta SET value = 'old' WHERE name = 'version'")
    assert EntityStore(tmp_path).values_for("person", "لاسري") == ["لاسري", "مارك لاسري"]
    EntityStore(tmp_path).regroup()
    with sqlite3.connect(tmp_path / "entities.sqlite") as db:
        assert not db.execute("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'val' "
                              "AND name NOT LIKE 'sqlite_%'").fetchall()
    assert EntityStore(tmp_path).values_for("person", "لاسري") == ["لاسري", "مارك لاسري"]
    assert EntityStore(tmp_path).values_for("firm", "Lazard") == ["Lazard", "لازارد"]


def test_a_run_whose_last_document_ends_a_batch_still_groups_at_its_end(tmp_path):
    with Indexer(tmp_path, extractor=extractor, batch_size=2) as ix:  # the batch commit at "b" groups not yet
        ix.add([Document(i, f"خبر {i}", f"{i} نص الخبر") for i in ("a", "b")])
    assert EntityStore(tmp_path).stamp() == Searcher(tmp_path).backend.stamp()
    assert groups(tmp_path, "person")["لاسري"] == "مارك لاسري"
