"""Fahras search: ranking, snippets on the original text and facets over an index. Names are imported when first
used, so that a command loads only what it needs."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from search.results import FacetCount, Hit, Results, Snippet
    from search.searcher import Searcher

_LAZY = {"FacetCount": "results", "Hit": "results", "Results": "results", "Snippet": "results",
         "Searcher": "searcher"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"search.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'search' has no attribute {name!r}")


__all__ = ["FacetCount", "Hit", "Results", "Searcher", "Snippet"]
