"""../shared/data/names (transliteration pairs) → names_ar.txt: Arabic-script name parts the stemmer leaves whole.

Run from the repository root: python indexer/data/build_names.py [--shared ../shared]
Sources (both redistributable, licences beside this file): google/transliteration ar2en pairs (Apache-2.0) and
Wikidata person-name tokens aligned to Arabic (CC0). Wikidata alignments seen fewer than 3 times are dropped as
likely alignment errors. Nothing here comes from an evaluation set.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from indexer.normalize import normalize  # noqa: E402
from indexer.stopwords import load_stopwords  # noqa: E402

ARABIC_ONLY = re.compile("^[\u0621-\u064a]{3,}$")
MIN_WIKIDATA_COUNT = 3


def name_parts(shared: Path) -> set[str]:
    src = shared / "data" / "names"
    names = set()
    for line in (src / "google_ar2en.tsv").read_text(encoding="utf-8").splitlines():
        names.add(normalize(line.split("\t")[0]))
    for line in (src / "wikidata_en2ar_tokens.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and int(parts[2]) >= MIN_WIKIDATA_COUNT:
            names.add(normalize(parts[1].replace(" ", "")))
    stop = load_stopwords()
    return {n for n in names if ARABIC_ONLY.match(n) and n not in stop}


def write_wordlist(name: str, header: str, lines: Iterable[str]) -> None:
    """Write a word list beside this file: `header` (comment lines, each starting with #), then the lines sorted."""
    lines = sorted(lines)
    (HERE / name).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} lines to {HERE / name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent.parent / "shared")
    args = parser.parse_args()
    write_wordlist("names_ar.txt",
                   "# Arabic-script name parts kept whole by the name-safe stemmer (normalized; one per line).\n"
                   "# Built by indexer/data/build_names.py from google/transliteration ar2en (Apache-2.0) and Wikidata\n"
                   "# name tokens (CC0); see the LICENSE-* files beside this one.\n", name_parts(args.shared))


if __name__ == "__main__":
    main()
