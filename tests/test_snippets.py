"""Snippets: the best window of the original text, highlights as str offsets over whole original words."""

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import get_analyzer
from search.highlight import query_matches
from search.snippets import ELLIPSIS, Match, make_snippet
from tests.conftest import at_least

A = get_analyzer()


def highlighted(snippet) -> list[str]:
    return [snippet.text[a:b] for a, b in snippet.highlights]


def snippet_for(text: str, query: str, max_chars: int = 200):
    return make_snippet(text, query_matches(query, A, text), max_chars)


def test_short_text_is_whole_and_highlights_whole_diacritized_words():
    s = snippet_for("اتفقوا بالمكالمةِ على خطة", "مكالمة")
    assert s.text == "اتفقوا بالمكالمةِ على خطة"
    assert highlighted(s) == ["بالمكالمةِ"]


def test_whitespace_runs_become_one_space():
    s = snippet_for("سطر أول\n\n  المكالمة", "مكالمة")
    assert (s.text, highlighted(s)) == ("سطر أول المكالمة", ["المكالمة"])


def test_window_prefers_more_distinct_terms():
    text = "التبرعات " + "كلام " * 60 + "جمع التبرعات هنا " + "حشو " * 60
    s = snippet_for(text, "جمع التبرعات", max_chars=80)
    assert highlighted(s) == ["جمع", "التبرعات"]
    assert s.text.startswith("…") and s.text.endswith("…")
    assert len(s.text) <= 82


def test_cut_text_never_splits_a_word():
    text = "كلمة " * 100 + "المكالمة " + "كلمة " * 100
    s = snippet_for(text, "مكالمة", max_chars=60)
    assert s.text.strip("…").split(" ")[0] == "كلمة"
    assert s.text.strip("…").split(" ")[-1] == "كلمة"


def test_no_match_gives_the_beginning_without_highlights():
    s = make_snippet("بداية النص " * 50, [], max_chars=30)
    assert s.text == "بداية النص بداية النص بداية…"
    assert s.highlights == []


def test_highlights_are_offsets_into_the_snippet_text_not_the_document():
    text = "أ " * 200 + "المكالمةِ"
    s = make_snippet(text, [Match(400, 409, "مكالم")], max_chars=50)
    assert highlighted(s) == ["المكالمةِ"]


@settings(max_examples=at_least(200))
@given(st.lists(st.sampled_from(["كلمة", "المكالمة", "و", "طويلةجدا" * 3, "\n", "  "]), max_size=200),
       st.integers(min_value=20, max_value=300))
def test_snippet_never_exceeds_max_chars_and_highlights_are_whole_words(words, max_chars):
    text = " ".join(words)
    s = snippet_for(text, "مكالمة", max_chars)
    assert len(s.text.strip(ELLIPSIS)) <= max_chars
    assert all(s.text[a:b] == "المكالمة" for a, b in s.highlights)
