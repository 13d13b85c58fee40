"""Searching: BM25 over title and body, snippets, JSON shape, paging; end to end on the seed articles."""

import pytest

from search import Searcher, Snippet


def highlighted(hit) -> list[str]:
    return [hit.snippet.text[a:b] for a, b in hit.snippet.highlights]


def test_any_inflected_form_finds_the_document(corpus_index):
    results = Searcher(corpus_index).search("مكالمات")
    assert [h.id for h in results.hits] == ["d4", "d1"]


def test_title_match_ranks_first(corpus_index):
    assert Searcher(corpus_index).search("مكالمة").hits[0].id == "d4"


def test_total_counts_every_match_not_just_the_page(corpus_index):
    results = Searcher(corpus_index).search("وول ستريت", limit=1)
    assert (results.total, len(results.hits)) == (2, 1)


def test_offset_pages_through_hits(corpus_index):
    s = Searcher(corpus_index)
    first, second = s.search("وول ستريت", limit=1), s.search("وول ستريت", limit=1, offset=1)
    assert {first.hits[0].id, second.hits[0].id} == {"d1", "d2"}


def test_highlights_cover_the_whole_original_word(corpus_index):
    hit = Searcher(corpus_index).search("حملات التبرع").hits[0]
    assert hit.id == "d1"
    assert highlighted(hit) == ["الحملةُ", "التبرعاتِ"]


def test_latin_names_match_case_insensitively(corpus_index):
    assert [h.id for h in Searcher(corpus_index).search("nvidia").hits] == ["d3"]


@pytest.mark.parametrize("query", ["في من على", "،؛؟!", "", "   ", "\u200f\u202b"])
def test_stopwords_or_punctuation_only_give_zero_hits(corpus_index, query):
    results = Searcher(corpus_index).search(query)
    assert (results.total, results.hits, results.terms) == (0, [], [])


def test_json_shape(corpus_index):
    data = Searcher(corpus_index).search("زووم").to_dict()
    assert data == {
        "query": "زووم",
        "parsed": "زووم",
        "warnings": [],
        "total": 1,
        "hits": [{
            "id": "d4", "title": "مكالمة خاصة", "score": data["hits"][0]["score"], "source": "", "date": None,
            "snippet": {"text": "جرت مكالمةٌ خاصة بين المستثمرين عبر تطبيق زووم.", "highlights": [[42, 46]]},
            "persons": [], "firms": [], "entities": [],
        }],
        "facets": {"person": [], "firm": []},
        "suggestions": [],
        "expansions": {},
    }
    assert data["hits"][0]["score"] > 0


def test_get_returns_the_stored_original(corpus_index):
    doc = Searcher(corpus_index).get("d1")
    assert doc.body.startswith("بدأت الحملةُ بجمعِ")


def test_len_is_the_document_count(corpus_index):
    assert len(Searcher(corpus_index)) == 5


def test_snippet_type(corpus_index):
    assert isinstance(Searcher(corpus_index).search("زووم").hits[0].snippet, Snippet)


# -- the seed articles (../shared/seeds) ---------------------------------------------------------------------

def test_seeds_wall_street_is_in_the_first_two_articles(seeds_index):
    hits = Searcher(seeds_index).search("وول ستريت").hits
    assert sorted(h.id[:3] for h in hits) == ["000", "001"]


def test_seeds_fundraising_ranks_the_fundraising_call_first(seeds_index):
    hits = Searcher(seeds_index).search("جمع التبرعات").hits
    assert hits[0].id == "000_08890fabd002bed0.txt"
    assert "التبرعات" in highlighted(hits[0])


def test_seeds_latin_name_inside_arabic_text(seeds_index):
    hits = Searcher(seeds_index).search("cnbc").hits
    assert [h.id[:3] for h in hits] == ["000", "002"]
    assert [highlighted(h) for h in hits] == [["CNBC", "CNBC"], ["CNBC"]]


def test_seeds_call_highlights_prefixed_forms(seeds_index):
    hit = Searcher(seeds_index).search("مكالمة").hits[0]
    assert set(highlighted(hit)) <= {"مكالمة", "المكالمة", "بالمكالمة", "للمكالمة", "المكالمات", "مكالمات"}
    assert highlighted(hit)


def test_a_name_does_not_match_words_its_stem_would_collide_with(tmp_path):
    from indexer import Document
    from tests.conftest import build_index
    path = build_index(tmp_path / "ix", [Document("n", "سلمان", "زار سلمان المدينة"),
                                         Document("w", "سلم", "صعد السلم إلى الطابق")])
    assert [h.id for h in Searcher(path).search("سلمان").hits] == ["n"]


def test_exact_form_ranks_above_other_forms_of_the_stem(tmp_path):
    from indexer import Document
    from tests.conftest import build_index
    path = build_index(tmp_path / "ix", [Document("a", "", "نشر المعلمون بيانات المدارس"),
                                         Document("b", "", "نشر المعلم بيانا عن المدارس")])
    assert [h.id for h in Searcher(path).search("المعلمون").hits] == ["a", "b"]
