"""Shared fixtures: a small Arabic corpus written for the tests, indexes built through the library API."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from indexer import Document, Indexer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLES = ROOT / "samples" / "news"

CORPUS = [
    Document("d1", "حملة جمع التبرعات", "بدأت الحملةُ بجمعِ التبرعاتِ في وول ستريت، وقال المنظمون إن المكالمة نجحت."),
    Document("d2", "أسواق المال", "ارتفعت أسهم الشركات في وول ستريت بعد إعلان النتائج."),
    Document("d3", "تقنية", "أطلقت شركة Nvidia شريحة جديدة للذكاء الاصطناعي."),
    Document("d4", "مكالمة خاصة", "جرت مكالمةٌ خاصة بين المستثمرين عبر تطبيق زووم."),
    Document("d5", "الانتخابات", "يستعد الناخبون للانتخابات المقبلة في المدينة."),
]


def build_index(path: Path, docs: list[Document], entities: bool = False) -> Path:
    """An index of `docs`; entity extraction is off unless asked (its own tests build with it)."""
    with Indexer(path, entities=entities) as ix:
        ix.add(docs)
    return path


@pytest.fixture
def corpus_index(tmp_path: Path) -> Path:
    """An index of CORPUS in a fresh directory."""
    return build_index(tmp_path / "index", CORPUS)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the seed articles live in ../shared beside the repository")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    from indexer import read_inputs

    path = tmp_path_factory.mktemp("seeds") / "index"
    with Indexer(path) as ix:
        report = ix.index(read_inputs(seeds_dir))
    assert report.problems == []
    return path


# Hypothesis: no deadline (a loaded machine must not fail a test) and the same examples on every run, so the suite
# cannot turn red by chance; FAHRAS_HYPOTHESIS=explore draws new examples (to look for bugs), `slow` many more.
settings.register_profile("default", deadline=None, derandomize=True, print_blob=True)
settings.register_profile("explore", deadline=None)
settings.register_profile("slow", deadline=None, max_examples=10_000)
settings.load_profile(os.environ.get("FAHRAS_HYPOTHESIS", "default"))


def at_least(examples: int) -> int:
    """A test's own number of examples, or the profile's when that is more (the slow profile: 10,000)."""
    return max(examples, settings().max_examples)
