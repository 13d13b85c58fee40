"""The analyzer pipeline: tokens with original offsets, positions, stopwords, names and versions."""

import pytest

from indexer import Token, get_analyzer
from indexer.analysis import ANALYZER_SPECS
from indexer.analyzers import ANALYZER_NAMES, DEFAULT_ANALYZER
from indexer.errors import UnknownAnalyzer
from indexer.stopwords import load_stopwords, parse_stopwords


def test_the_cli_lists_the_registered_analyzers():
    """indexer/analyzers.py names them for the CLI's help without loading the analysis."""
    assert tuple(ANALYZER_SPECS) == ANALYZER_NAMES and DEFAULT_ANALYZER in ANALYZER_SPECS


def test_tokens_carry_terms_offsets_and_positions():
    text = "اجتمع الممولون في المكالمةِ"
    assert get_analyzer().tokens(text) == [
        Token("اجتمع", 0, 5, 0), Token("ممول", 6, 14, 1), Token("مكالم", 18, 27, 3)]


def test_stopwords_are_dropped_but_keep_their_position():
    assert [t.pos for t in get_analyzer().tokens("جمع من التبرعات")] == [0, 2]


def test_original_word_with_harakat_is_the_token_span():
    text = "بالمكالمةِ"
    (token,) = get_analyzer().tokens(text)
    assert (text[token.start:token.end], token.term) == ("بالمكالمةِ", "مكالم")


def test_query_and_document_forms_meet_on_one_term():
    a = get_analyzer()
    assert a.terms("مكالمة") == a.terms("بالمكالمةِ") == a.terms("المكالمه") == ["مكالم"]


def test_latin_names_are_casefolded_not_stemmed():
    assert get_analyzer().terms("شركة LinkedIn ولـCNBC") == ["شرك", "linkedin", "cnbc"]


def test_exact_terms_are_normalized_not_stemmed_and_keep_stopwords():
    assert get_analyzer().exact_terms("في المكالمةِ") == ["في", "المكالمه"]


def test_exact_analyzer_does_not_stem():
    assert get_analyzer("ar_exact@1").terms("المكالمةِ الخاصة") == ["المكالمه", "الخاصه"]


def test_explain_reports_every_word():
    infos = get_analyzer().explain("في المكالمةِ")
    assert [(i.pos, i.start, i.end, i.original, i.normalized, i.term) for i in infos] == [
        (0, 0, 2, "في", "في", None), (1, 3, 12, "المكالمةِ", "المكالمه", "مكالم")]


def test_analyzer_name_carries_a_version():
    assert get_analyzer().name == "ar_light@3"


def test_unknown_analyzer_lists_the_known_ones():
    with pytest.raises(UnknownAnalyzer) as err:
        get_analyzer("ar_light@9")
    assert str(err.value).startswith("the index uses analyzer 'ar_light@9', which this build of Fahras does not "
                                     "know (it knows: ar_exact@1, ar_light@1, ar_light@2, ar_light@3)")


def test_stopword_list_is_normalized_when_loaded():
    words = load_stopwords()
    assert "الي" in words and "إلى" not in words
    assert {"في", "وفي", "ففي", "ماذا", "متي"} <= words


def test_parse_stopwords_skips_comments_and_blanks():
    assert parse_stopwords(["# x", "", "على"]) == frozenset({"علي", "وعلي", "فعلي"})


def test_only_stopwords_give_no_terms():
    assert get_analyzer().terms("في من إلى، على؟") == []


def test_default_analyzer_keeps_known_names_whole():
    a = get_analyzer()
    assert a.terms("سلمان ولسلمان") == ["سلمان", "سلمان"]
    assert get_analyzer("ar_light@1").terms("سلمان") == ["سلم"]


def test_name_safe_stemming_still_stems_ordinary_words():
    assert get_analyzer().terms("المكالمات") == ["مكالم"]


def test_index_terms_gives_stems_and_exact_words_in_one_pass():
    assert get_analyzer().index_terms("في المكالمةِ") == (["مكالم"], ["في", "المكالمه"])


def test_stacked_proclitics_give_the_bare_words_term():
    a = get_analyzer()
    assert a.terms("وللمستثمرين وبالتبرعات") == a.terms("المستثمرين التبرعات") == ["مستثمر", "تبرع"]


def test_indexes_built_before_stacked_proclitics_keep_their_analyzer():
    assert get_analyzer("ar_light@2").terms("وبالتبرعات") == ["بالتبرع"]


def test_a_name_with_its_article_keeps_it_after_a_conjunction():
    assert get_analyzer().terms("والاديب") == ["الاديب"]


def fresh():
    """The default analyzer with nothing remembered (every word is new to it)."""
    from dataclasses import replace

    return replace(get_analyzer(), _memo={}, _normalized={})


def test_words_screened_stems_only_words_that_contain_a_wanted_term():
    from indexer.analysis import SKIPPED

    text = "وقال المستثمرون إن الأسواق في المدينة"
    assert list(fresh().words(text, screen={"سوق", "اسواق"})) == [
        (0, 4, "وقال", SKIPPED), (5, 15, "المستثمرون", SKIPPED), (16, 18, "ان", None),
        (19, 26, "الاسواق", "اسواق"), (27, 29, "في", None), (30, 37, "المدينه", SKIPPED)]


def test_highlighting_with_a_fresh_analyzer_marks_what_a_warm_one_marks():
    from search.highlight import query_matches

    text = "اجتمع ممولو وول ستريت في مكالمةٍ خاصة، وقال ممولو المدينة إن وول ستريت هادئة."
    for query in ['"وول ستريت"', "مكالمة", '"ممولو المدينة" ستريت', "'المدينة' خاصة", '"ستريت وول"~2']:
        warm = get_analyzer()
        warm.tokens(text)
        assert query_matches(query, fresh(), text) == query_matches(query, warm, text), query
