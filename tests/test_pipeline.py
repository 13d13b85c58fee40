"""The entity pipeline: one table of rules in order, each (doc, spans) → spans, and traces of what each rule did."""

import pytest

from indexer.entities import RULES, EntityExtractor, Lists, default_extractor, extract_entities
from indexer.entities.document import Doc
from indexer.entities.pipeline import Rule, run
from indexer.entities.trace import Step, Tracer
from indexer.entities.words import Span, words_of
from indexer.stopwords import load_names, load_stopwords
from indexer.tokenize import word_spans


def tagger_finding(*names_and_labels):
    """A stand-in tagger that tags the first occurrence of each given string."""
    def tag(text, spans):
        return [(label, text.find(name), text.find(name) + len(name)) for name, label in names_and_labels
                if name in text]
    return tag


def traced(text, *tagged):
    """(surface, [str(step)]) of each entity, and (name, [str(step)]) of each dropped span."""
    trace = EntityExtractor(tagger_finding(*tagged), Lists(load_stopwords(), load_names())).trace(text)
    return ([(t.entity.surface, [str(s) for s in t.steps]) for t in trace.entities],
            [(name, [str(s) for s in steps]) for name, steps in trace.dropped])


def doc_of(text):
    offsets = word_spans(text)
    return Doc(text, words_of(text), offsets, [], Lists())


# -- the table ---------------------------------------------------------------------------------------------------

def test_every_rule_is_listed_once_with_a_one_line_reason():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names)) == 46
    assert all(rule.reason and "\n" not in rule.reason for rule in RULES)


def test_rules_run_in_the_order_of_the_table_each_from_the_spans_before():
    seen = []
    rules = (Rule("a", lambda doc, spans: seen.append(("a", spans)) or [Span("person", 0, 1)], "first"),
             Rule("b", lambda doc, spans: seen.append(("b", spans)) or spans[:0], "second"))
    assert run(doc_of("زيد قال"), rules) == []
    assert seen == [("a", []), ("b", [Span("person", 0, 1)])]


def test_the_extractor_is_loaded_once_per_process():
    assert default_extractor() is default_extractor()
    assert extract_entities("قالت شركة Nvidia إن")[0].canonical == "Nvidia"


# -- traces ------------------------------------------------------------------------------------------------------

def test_a_trace_names_the_rule_that_created_an_entity_and_why_its_value():
    entities, _ = traced("قالت شركة Nvidia إن")
    assert entities == [("Nvidia", ["latin: created firm: Nvidia", "canonical: named Nvidia (in Latin script, as "
                                    "written)"])]


def test_a_trace_follows_a_span_a_rule_changed():
    entities, _ = traced("قال رئيس شركة لازارد راي ماكجواير إن", ("لازارد راي ماكجواير", "ORG"))
    assert entities[1] == ("راي ماكجواير", [
        "tagger: created firm: لازارد راي ماكجواير",
        "cut-around-cues: changed firm: لازارد راي ماكجواير → person: راي ماكجواير",
        "canonical: named راي ماكجواير (its name's first mention, as written)"])


def test_a_trace_shows_a_mention_found_again_and_its_full_name():
    entities, _ = traced("التقى كريم داود بالوزير. وقال لداود الوزير", ("كريم داود", "PER"))
    assert entities[1] == ("لداود", ["propagate: created person: لداود",
                                     "canonical: named كريم داود (the one fuller name of this person in the document)"])


def test_a_trace_lists_the_names_a_rule_dropped():
    _, dropped = traced("جمع 1.8 مليار ريال أمس", ("ريال", "ORG"))
    assert dropped == [("firm: ريال", ["tagger: created firm: ريال", "organisation-word: dropped firm: ريال"])]


def test_a_traced_extraction_finds_what_the_plain_one_finds():
    text = "قال رئيس شركة لازارد راي ماكجواير إن مارك لاسري التقى لاسري"
    extract = EntityExtractor(tagger_finding(("لازارد راي ماكجواير", "ORG"), ("مارك لاسري", "PER")),
                              Lists(load_stopwords(), load_names()))
    assert [t.entity for t in extract.trace(text).entities] == extract(text)


@pytest.mark.parametrize("before, after, step", [
    ([], [Span("person", 0, 2)], Step("r", "created", (), "person: زيد عمرو")),
    ([Span("person", 0, 2)], [Span("person", 0, 3)], Step("r", "changed", ("person: زيد عمرو",), "person: زيد عمرو بكر")),
    ([Span("person", 0, 1), Span("person", 1, 2)], [Span("person", 0, 2)],
     Step("r", "merged", ("person: زيد", "person: عمرو"), "person: زيد عمرو")),
    ([Span("person", 0, 2)], [Span("firm", 0, 2)], Step("r", "retyped", ("person: زيد عمرو",), "firm: زيد عمرو")),
])
def test_tracer_names_what_a_rule_did(before, after, step):
    tracer = Tracer(doc_of("زيد عمرو بكر"))
    tracer.record("r", before, after)
    assert tracer.steps[after[-1]][-1] == step


def test_tracer_names_a_split_and_a_drop():
    tracer = Tracer(doc_of("زيد عمرو بكر"))
    tracer.record("r", [Span("person", 0, 2), Span("firm", 2, 3)], [Span("person", 0, 1), Span("person", 1, 2)])
    assert [tracer.steps[s][-1].action for s in (Span("person", 0, 1), Span("person", 1, 2))] == ["split", "split"]
    assert tracer.dropped == [(Span("firm", 2, 3), (Step("r", "dropped", ("firm: بكر",)),))]
