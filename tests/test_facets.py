"""Entity facets: one value per real entity, counts equal to a brute-force count, filters by any spelling."""

import json

import pytest

from indexer import Document, Indexer
from indexer.backends.base import MatchAll
from indexer.entities import Entity
from indexer.entities.aliases import Aliases, read_aliases, write_aliases
from search import Searcher
from search.query import Phrase

# A fake extractor: the entities each test document mentions (the extractor itself is tested elsewhere).
MENTIONS = {
    "a": [("person", "مارك لاسري"), ("firm", "لازارد")],
    "b": [("person", "لاسري"), ("firm", "Lazard"), ("firm", "أفينو كابيتال")],
    "c": [("person", "ريد هوفمان"), ("firm", "Avenue Capital"), ("firm", "لازارد"), ("firm", "Lazard")],
    "d": [("person", "هوفمان"), ("person", "كامل هوفمان")],
    "e": [("firm", "زووم")],
}
DOCS = [Document(i, f"خبر {i}", f"نص الخبر {i} عن الأسواق" + (" والتمويل" if i in "ab" else "")) for i in MENTIONS]


def fake_extractor(text: str) -> list[Entity]:
    doc_id = text.split()[1]
    return [Entity(kind, 0, 1, name, name) for kind, name in MENTIONS[doc_id]]


@pytest.fixture
def index(tmp_path):
    with Indexer(tmp_path / "ix", extractor=fake_extractor) as ix:
        ix.add(DOCS)
    return tmp_path / "ix"


def counts(searcher, query=None, kind="firm"):
    return {c.value: c.count for c in searcher.facets(query, kinds=(kind,), top=50)[kind]}


def test_arabic_and_latin_spellings_are_one_facet_value(index):
    assert counts(Searcher(index)) == {"لازارد": 3, "أفينو كابيتال": 2, "زووم": 1}


def test_a_name_found_more_often_as_a_firm_is_not_listed_among_persons(tmp_path):
    mentions = {"a": [("person", "سامسونغ"), ("person", "لسامسونغ"), ("person", "سارة حداد")], "b": [("firm", "سامسونغ")],
                "c": [("firm", "Samsung")]}
    docs = [Document(i, f"خبر {i}", f"نص الخبر {i}") for i in mentions]
    with Indexer(tmp_path / "ix", extractor=lambda text: [Entity(k, 0, 1, n, n) for k, n in mentions[text.split()[1]]]
                 ) as ix:
        ix.add(docs)
    searcher = Searcher(tmp_path / "ix")
    assert counts(searcher, kind="person") == {"سارة حداد": 1}
    assert {h.id: h.persons for h in searcher.search("نص", limit=5).hits}["a"] == ("سارة حداد",)


def test_a_person_value_with_a_proclitic_named_like_a_firm_is_not_listed_among_persons(tmp_path):
    mentions = {"a": [("person", "لنوفا ستار"), ("person", "سارة حداد")], "b": [("firm", "نوفا ستار")]}
    docs = [Document(i, f"خبر {i}", f"نص الخبر {i}") for i in mentions]
    with Indexer(tmp_path / "ix", extractor=lambda text: [Entity(k, 0, 1, n, n) for k, n in mentions[text.split()[1]]]
                 ) as ix:
        ix.add(docs)
    assert counts(Searcher(tmp_path / "ix"), kind="person") == {"سارة حداد": 1}


def test_a_firm_spelled_with_one_silent_letter_more_is_one_value(tmp_path):
    mentions = {"a": [("firm", "ماكدونالدز")], "b": [("firm", "ماكدونالز")], "c": [("firm", "ماكدونا")]}
    docs = [Document(i, f"خبر {i}", f"نص الخبر {i}") for i in mentions]
    with Indexer(tmp_path / "ix", extractor=lambda text: [Entity(k, 0, 1, n, n) for k, n in mentions[text.split()[1]]]
                 ) as ix:
        ix.add(docs)
    assert sorted(counts(Searcher(tmp_path / "ix")).values()) == [1, 2]


def test_a_surname_joins_the_one_full_name_that_ends_with_it(index):
    assert counts(Searcher(index), kind="person")["مارك لاسري"] == 2


def test_an_ambiguous_surname_stays_apart(index):
    people = counts(Searcher(index), kind="person")
    assert (people["ريد هوفمان"], people["كامل هوفمان"], people["هوفمان"]) == (1, 1, 1)


def test_facet_counts_equal_a_brute_force_count_over_matching_documents(index):
    s = Searcher(index)
    for query in (None, "التمويل", "الأسواق", "خبر"):
        matching = {h.id for h in s.search(query, limit=100).hits} if query else set(MENTIONS)
        brute: dict[str, int] = {}
        for doc_id in matching:
            names = {s.facet_value("firm", n) for kind, n in MENTIONS[doc_id] if kind == "firm"}
            for name in names:
                brute[name] = brute.get(name, 0) + 1
        assert counts(s, query) == brute, query


def test_filter_by_any_spelling_or_script(index):
    s = Searcher(index)
    for name in ("Lazard", "لازارد", "للازارد"[1:], "LAZARD"):
        ids = sorted(h.id for h in s.search("", filters=[Phrase(name, "firm")], limit=10).hits)
        assert ids == ["a", "b", "c"], name


def test_person_filter_by_surname(index):
    ids = sorted(h.id for h in Searcher(index).search("person:لاسري", limit=10).hits)
    assert ids == ["a", "b"]


def test_hits_list_their_entities_by_facet_name(index):
    hit = [h for h in Searcher(index).search("التمويل").hits if h.id == "b"][0]
    assert (hit.persons, hit.firms) == (("مارك لاسري",), ("لازارد", "أفينو كابيتال"))


def test_aliases_merge_rename_block(index):
    aliases = Aliases()
    aliases.of("firm").merge.append(["زووم", "أفينو كابيتال"])
    aliases.of("firm").rename["Lazard"] = "Lazard Frères"
    aliases.of("person").block.append("هوفمان")
    write_aliases(index, aliases)
    s = Searcher(index)
    assert counts(s) == {"Lazard Frères": 3, "أفينو كابيتال": 3}
    assert "هوفمان" not in counts(s, kind="person")


def test_aliases_file_round_trip(tmp_path):
    aliases = Aliases()
    aliases.of("person").merge.append(["مارك لاسري", 'Marc "Lasry"'])
    aliases.of("firm").rename["Lazard"] = "لازارد"
    aliases.of("org").block.append("الأمم المتحدة")
    write_aliases(tmp_path, aliases)
    assert read_aliases(tmp_path) == aliases


def test_stats_of_all_documents(index):
    s = Searcher(index)
    assert s.facet_counts(MatchAll(), 1) == {"person": s.facets(top=1)["person"], "firm": s.facets(top=1)["firm"]}


def test_alias_commands_take_effect_without_reindexing(index):
    from indexer.entities.aliases import add_block, add_merge, add_rename
    add_merge(index, "firm", ["زووم", "Zoom"])
    add_rename(index, "firm", "زووم", "Zoom Video")
    add_block(index, "firm", "أفينو كابيتال")
    assert counts(Searcher(index)) == {"لازارد": 3, "Zoom Video": 1}


def test_alias_commands_reject_unknown_kinds(index):
    from indexer.entities.aliases import add_block
    from indexer.errors import InputError
    with pytest.raises(InputError, match="unknown entity kind 'company'; use one of person, firm, org"):
        add_block(index, "company", "x")


# -- the command line ------------------------------------------------------------------------------------------

def cli_run(*args):
    from typer.testing import CliRunner

    import cli
    return CliRunner().invoke(cli.app, list(args))


def test_cli_facets_json(index):
    import json
    result = cli_run("facets", "--kind", "firm", "--json", "-i", str(index))
    assert json.loads(result.stdout) == {"firm": [{"value": "لازارد", "count": 3},
                                                  {"value": "أفينو كابيتال", "count": 2},
                                                  {"value": "زووم", "count": 1}]}


def test_cli_facets_of_a_query(index):
    import json
    result = cli_run("facets", "--query", "التمويل", "--kind", "person", "--json", "-i", str(index))
    assert json.loads(result.stdout) == {"person": [{"value": "مارك لاسري", "count": 2}]}


def test_cli_entities_merge_rename_block(index):
    import json
    assert cli_run("entities", "merge", "زووم", "Zoom", "--kind", "firm", "-i", str(index)).exit_code == 0
    assert cli_run("entities", "rename", "زووم", "Zoom Video", "--kind", "firm", "-i", str(index)).exit_code == 0
    result = cli_run("entities", "block", "أفينو كابيتال", "--kind", "firm", "-i", str(index))
    assert result.stderr == f"block: أفينو كابيتال (firm); saved in {index / 'aliases.toml'}\n"
    counts = json.loads(cli_run("facets", "--kind", "firm", "--json", "-i", str(index)).stdout)["firm"]
    assert counts == [{"value": "لازارد", "count": 3}, {"value": "Zoom Video", "count": 1}]


def test_cli_entities_rename_needs_two_names(index):
    result = cli_run("entities", "rename", "زووم", "-i", str(index))
    assert (result.exit_code, result.stderr) == (
        2, "Error: rename takes NAME NEW_NAME; see `fahras entities --help`\n")


def test_cli_search_with_person_filter(index):
    import json
    data = json.loads(cli_run("search", "خبر", "--person", "لاسري", "--json",
                              "-i", str(index)).stdout)
    assert sorted(h["id"] for h in data["hits"]) == ["a", "b"]


def test_cli_entities_rules_lists_the_table_in_order():
    lines = cli_run("entities", "--rules").stdout.splitlines()
    assert (len(lines), lines[0]) == (46, " 1. tagger               the statistical tagger finds most persons and organisations")


def test_cli_entities_trace_json_gives_each_entity_its_steps():
    import json
    data = json.loads(cli_run("entities", "--trace", "--json", "قالت شركة Nvidia إن").stdout)
    assert data["entities"] == [{
        "kind": "firm", "start": 10, "end": 16, "surface": "Nvidia", "canonical": "Nvidia",
        "trace": [{"rule": "latin", "action": "created", "before": [], "after": "firm: Nvidia"},
                  {"rule": "canonical", "action": "named", "before": [], "after": "Nvidia (in Latin script, as written)"}]}]
    assert all(set(d) == {"name", "trace"} for d in data["dropped"])


def test_cli_entities_of_a_document_by_id_traced_to_its_facet_value(tmp_path):
    with Indexer(tmp_path / "ix") as ix:
        ix.add([Document("n1", "أرباح", "أعلنت شركة Nvidia أرباحها، وقالت Nvidia إن")])
    lines = cli_run("entities", "--doc", "n1", "--trace", "-i", str(tmp_path / "ix")).stdout.splitlines()
    assert lines[:4] == ["firm\t17:23\tNvidia\tNvidia", "    latin: created firm: Nvidia",
                         "    canonical: named Nvidia (in Latin script, as written)",
                         "    grouped: facet value Nvidia → Nvidia (the first value of its group)"]
    stored = cli_run("entities", "--doc", "n1", "-i", str(tmp_path / "ix")).stdout.splitlines()
    assert stored == ["firm\t17:23\tNvidia\tNvidia", "firm\t39:45\tNvidia\tNvidia"]


def test_a_person_is_not_hidden_by_a_firm_in_the_other_script_that_is_no_transliteration_of_it(tmp_path):
    mentions = {"a": [("person", "تواصل")], "b": [("firm", "Tesla")], "c": [("firm", "Tesla")]}
    docs = [Document(i, f"خبر {i}", f"نص الخبر {i}") for i in mentions]
    with Indexer(tmp_path / "ix", extractor=lambda text: [Entity(k, 0, 1, n, n) for k, n in mentions[text.split()[1]]]
                 ) as ix:
        ix.add(docs)
    assert counts(Searcher(tmp_path / "ix"), kind="person") == {"تواصل": 1}


def test_a_person_keyed_by_one_letter_is_not_hidden_by_a_firm_keyed_alike(tmp_path):
    mentions = {"a": [("person", "Tao Wei")], "b": [("firm", "تي")]}
    docs = [Document(i, f"خبر {i}", f"نص الخبر {i}") for i in mentions]
    with Indexer(tmp_path / "ix", extractor=lambda text: [Entity(k, 0, 1, n, n) for k, n in mentions[text.split()[1]]]
                 ) as ix:
        ix.add(docs)
    assert counts(Searcher(tmp_path / "ix"), kind="person") == {"Tao Wei": 1}


# -- fahras aliases ----------------------------------------------------------------------------------------------------

def test_aliases_merge_list_and_unmerge(index):
    assert cli_run("aliases", "merge", "زووم", "Zoom", "--kind", "firm", "-i", str(index)).exit_code == 0
    listed = cli_run("aliases", "list", "--kind", "firm", "-i", str(index))
    assert listed.stdout == "firm\tmerge\tزووم = Zoom\n"
    assert cli_run("aliases", "unmerge", "Zoom", "--kind", "firm", "-i", str(index)).exit_code == 0
    assert json.loads(cli_run("aliases", "list", "--json", "-i", str(index)).stdout)["firm"]["merge"] == []


def test_aliases_block_and_unblock(index):
    cli_run("aliases", "block", "زووم", "--kind", "firm", "-i", str(index))
    assert "زووم" not in [c.value for c in Searcher(index).facets(kinds=("firm",))["firm"]]
    cli_run("aliases", "unblock", "زووم", "--kind", "firm", "-i", str(index))
    assert "زووم" in [c.value for c in Searcher(index).facets(kinds=("firm",))["firm"]]


def test_the_aliases_file_stays_toml_a_hand_can_edit(index):
    from indexer.entities.aliases import toml_reader

    tomllib = toml_reader()
    cli_run("aliases", "rename", "زووم", 'Zoom "Video"', "--kind", "firm", "-i", str(index))
    data = tomllib.loads((index / "aliases.toml").read_text(encoding="utf-8"))
    assert data["firm"]["rename"] == {"زووم": 'Zoom "Video"'}


def test_an_unknown_aliases_command_lists_the_valid_ones(index):
    result = cli_run("aliases", "forget", "x", "-i", str(index))
    assert result.exit_code == 2
    assert result.stderr.endswith("the commands are list, merge, rename, block, unmerge, unblock\n")


def test_unblocking_a_name_that_is_not_blocked_says_so(index):
    result = cli_run("aliases", "unblock", "نور", "-i", str(index))
    assert (result.exit_code, result.stderr) == (2, "Error: 'نور' is not a blocked person; see the blocked names "
                                                    "with `fahras aliases list`\n")


def test_paging_through_a_query_counts_its_facets_once(index):
    s = Searcher(index)
    calls = []
    count_values = s.backend.count_values
    s.backend.count_values = lambda *args: calls.append(args) or count_values(*args)
    first, second = s.search("الأسواق", limit=2), s.search("الأسواق", limit=2, offset=2)
    assert second.facets == first.facets and len(calls) == 1


def test_facet_counts_follow_a_new_commit(index):
    s = Searcher(index)
    assert counts(s)["زووم"] == 1
    with Indexer(index, extractor=fake_extractor) as ix:
        ix.delete(["e"])
    assert "زووم" not in counts(s)


def test_facet_names_follow_an_alias_edit_made_by_another_process(index):
    from indexer.entities.aliases import add_rename

    s = Searcher(index)
    assert "زووم" in counts(s)
    add_rename(index, "firm", "زووم", "Zoom Video")
    Searcher(index)  # another process opening the index regroups its entities
    assert "Zoom Video" in counts(s) and "زووم" not in counts(s)


def test_the_cli_says_once_on_stderr_when_opening_the_index_groups_its_entities_again(index):
    from indexer.entities.aliases import add_rename

    add_rename(index, "firm", "زووم", "Zoom Video")
    first, second = cli_run("facets", "--index", str(index)), cli_run("facets", "--index", str(index))
    assert "grouping the index's people and firms again" in first.stderr
    assert second.stderr == ""
