"""The entity pipeline gives the entities recorded in tests/data/entity_snapshot.json on the seeds, the samples and
the ANERcorp training split: a change that should not change what is found proves it here. A change meant to
change it records the new outputs (`python tests/entity_snapshot.py --write`) in the same commit."""

import json

from tests.entity_snapshot import SNAPSHOT, digests, texts


def test_the_entities_found_are_the_recorded_ones(seeds_dir):
    from indexer.entities import default_extractor

    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    found = digests(default_extractor().extract_many, texts())
    assert sorted(found) == sorted(recorded)
    assert [name for name in found if found[name] != recorded[name]] == []
