"""arabic-name-romanizer's Wikidata full names → persons_ar.txt: Arabic-script names of real people, normalized.

Run from the repository root: python indexer/data/build_persons.py (needs `pip install '.[train]'`:
arabic-name-romanizer, whose names.sqlite3 holds person labels from Wikidata). Only rows taken from Wikidata (CC0)
are used, only names of two to four words, each written in Arabic letters (Persian and Urdu spellings with letters
Arabic does not use are dropped), and not names made only of common words that are no name part (ممثل مصري, a
mislabelled description; علي معلومات, which reads as على معلومات): a word is common at Zipf 4 or more in wordfreq
(also a training dependency), a name part if names_ar.txt has it. Nothing here comes from an evaluation set.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from indexer.data.build_names import write_wordlist  # noqa: E402
from indexer.entities.tagger.train import frequent_words  # noqa: E402
from indexer.normalize import normalize  # noqa: E402
from indexer.stopwords import load_names  # noqa: E402

ARABIC_WORD = re.compile("^[\u0621-\u064a]{2,}$")
MAX_WORDS = 4
COMMON_ZIPF = 4


def person_names() -> set[str]:
    """Normalized Wikidata full names from arabic-name-romanizer, words joined by one space."""
    path = resources.files("arabic_name_romanizer").joinpath("resources", "names.sqlite3")
    with resources.as_file(path) as db:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = connection.execute("SELECT arabic_key FROM full_names WHERE source = 'wikidata'").fetchall()
        connection.close()
    found = set()
    for (name,) in rows:
        words = [normalize(word) for word in name.split()]
        if 2 <= len(words) <= MAX_WORDS and all(ARABIC_WORD.match(word) for word in words):
            found.add(" ".join(words))
    return found


def descriptive(name: str, common: Mapping[str, int], names: frozenset[str]) -> bool:
    """Is every word of a name a common word and no name part?

    >>> descriptive("ممثل مصري", {"ممثل": 4, "مصري": 5}, frozenset()), descriptive("عمر مصري", {"مصري": 5}, frozenset())
    (True, False)
    """
    return all(word in common and word not in names for word in name.split(" "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    common, names = frequent_words(COMMON_ZIPF), load_names()
    write_wordlist("persons_ar.txt",
                   "# Arabic-script full names of people (normalized; one per line).\n"
                   "# Built by indexer/data/build_persons.py from the Wikidata rows (CC0) of arabic-name-romanizer's\n"
                   "# names.sqlite3; see LICENSE-wikidata-persons-CC0.txt beside this file.\n",
                   (name for name in person_names() if not descriptive(name, common, names)))


if __name__ == "__main__":
    main()
