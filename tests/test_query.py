"""The query language: golden canonical strings, strict errors with positions, a lenient parser that never fails."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.query import (
    DateRange,
    Empty,
    Exact,
    Fuzzy,
    Must,
    Not,
    Phrase,
    Prefix,
    QuerySyntaxError,
    Word,
    parse,
    parse_lenient,
)
from tests.conftest import at_least


@pytest.mark.parametrize("text, canonical", [
    ("وول ستريت", "(وول ستريت)"),
    ('"وول ستريت"', '"وول ستريت"'),
    ('"وول ستريت"~2', '"وول ستريت"~2'),
    ("'المكالمة'", "'المكالمة'"),
    ("هوفمان -كونواي", "(هوفمان -كونواي)"),
    ("+هاريس بايدن", "(+هاريس بايدن)"),
    ("ترامب AND بايدن", "(ترامب AND بايدن)"),
    ("ترامب OR بايدن", "(ترامب OR بايدن)"),
    ("a AND b OR c", "((a AND b) OR c)"),
    ("a b AND c", "((a b) AND c)"),
    ("NOT a", "-a"),
    ("a NOT b", "(a -b)"),
    ("(a OR b) +c", "((a OR b) +c)"),
    ("((a))", "a"),
    ('title:مكالمة title:"وول ستريت"', '(title:مكالمة title:"وول ستريت")'),
    ('person:"مارك لاسري" firm:لازارد', '(person:"مارك لاسري" firm:"لازارد")'),
    ("هاستين*", "هاستين*"),
    ("ماكجواير~", "ماكجواير~"),
    ("ماكجواير~1", "ماكجواير~1"),
    ("date:2024", "date:2024-01-01..2024-12-31"),
    ("date:2024-02", "date:2024-02-01..2024-02-29"),
    ("date:2024-07-31", "date:2024-07-31..2024-07-31"),
    ("date:2024-01..2024-06", "date:2024-01-01..2024-06-30"),
    ("date:..2023", "date:..2023-12-31"),
    ("نص: شرح", "(نص: شرح)"),
    ("and or not", "(and or not)"),
    ("", ""),
])
def test_canonical_form(text, canonical):
    assert str(parse(text)) == canonical


def test_tree_is_plain_data():
    assert parse('+"a b" -c dd* e~1 \'f\'') == parse('+"a b" -c dd* e~1 \'f\'')
    assert parse('+"a b" -c dd* e~1 \'f\'').items == (
        Must(Phrase("a b")), Not(Word("c")), Prefix("dd"), Fuzzy("e", 1), Exact("f"))


def test_date_range_bounds():
    assert parse("date:2024-03..") == DateRange(date(2024, 3, 1), None)


@pytest.mark.parametrize("text, position, message", [
    ("a ( b", 3, "unclosed '('; add the closing ')'"),
    ("a ) b", 3, "unbalanced ')'; remove it or add the opening '('"),
    ('"وول ستريت', 1, 'unclosed "; add the closing "'),
    ("'وول", 1, "unclosed '; add the closing '"),
    ("AND b", 1, "AND needs a search term before it"),
    ("a OR", 3, "OR needs a search term after it"),
    ("NOT", 1, "NOT needs a search term after it"),
    ("a - b", 3, "'-' must be written right before a word, as in -كلمة"),
    ("http://x.com", 1, "unknown field 'http:'; fields are title, person, firm, org, date (put a space after ':' "
                        "to search for the word)"),
    ("date:31-07-2024", 1, "date: takes YYYY, YYYY-MM, YYYY-MM-DD or a range FROM..TO (either side may be left out)"),
    ("title:'x'", 1, 'title: needs a word or a "phrase" right after it'),
    ("()", 1, "empty parentheses; put a search term inside or remove them"),
    ('""', 1, 'empty "" ; put words between the quotes'),
    ("a*", 1, "a prefix needs at least 2 letters before '*'"),
])
def test_strict_parser_says_where_and_what(text, position, message):
    with pytest.raises(QuerySyntaxError) as err:
        parse(text)
    assert (err.value.position + 1, err.value.message) == (position, message)
    assert str(err.value) == f"query error at character {position}: {message}"


@pytest.mark.parametrize("text, canonical", [
    ("a ( b", "(a b)"),
    ("a ) b", "(a b)"),
    ('"وول ستريت', '"وول ستريت"'),
    ("AND", ""),
    ("a AND", "a"),
    ("- a", "a"),
    ("http://x.com", "http://x.com"),
    ("(((", ""),
    (")))", ""),
])
def test_lenient_parser_repairs(text, canonical):
    node, errors = parse_lenient(text)
    assert str(node) == canonical
    assert errors


def test_lenient_parser_has_no_errors_on_valid_queries():
    assert parse_lenient('"وول ستريت" -ترامب') == (parse('"وول ستريت" -ترامب'), [])


def test_bidi_and_control_characters_are_spaces():
    assert str(parse("\u202bوول\u200fستريت\x00")) == "(وول ستريت)"


def test_deep_nesting_is_bounded():
    node, errors = parse_lenient("(" * 5000 + "x" + ")" * 5000)
    assert str(node) == "x"
    assert errors[0].message == "more than 32 nested parentheses; simplify the query"


def test_long_query():
    node, errors = parse_lenient("كلمة " * 2000)
    assert len(node.items) == 2000 and errors == []


QUERY_CHARS = st.sampled_from(list('ab وكلمة"\'()+-*~:AND OR NOT title:date:2024..\u200f\x00\n'))


@settings(max_examples=at_least(400))
@given(st.text(QUERY_CHARS, max_size=60) | st.text(max_size=60))
def test_strict_parser_gives_a_tree_or_a_syntax_error(text):
    try:
        node = parse(text)
    except QuerySyntaxError as err:
        assert 0 <= err.position <= len(text)
    else:
        assert isinstance(str(node), str)


@settings(max_examples=at_least(400))
@given(st.text(QUERY_CHARS, max_size=60) | st.text(max_size=60))
def test_lenient_parser_always_gives_a_tree(text):
    node, errors = parse_lenient(text)
    assert isinstance(str(node), str)
    assert all(0 <= e.position <= len(text) for e in errors)


@settings(max_examples=at_least(200))
@given(st.text(QUERY_CHARS, max_size=60))
def test_canonical_form_parses_to_the_same_tree(text):
    node, _ = parse_lenient(text)
    if not isinstance(node, Empty):
        assert parse_lenient(str(node))[0] == node


def test_nested_signs_keep_their_parentheses_in_the_canonical_form():
    assert str(parse("-(-a)")) == "-(-a)"
    assert parse(str(parse("-(+a)"))) == parse("-(+a)")
