"""Fahras search: ranking, snippets on the original text and facets over an index."""

from search.results import FacetCount, Hit, Results, Snippet
from search.searcher import Searcher

__all__ = ["FacetCount", "Hit", "Results", "Searcher", "Snippet"]
