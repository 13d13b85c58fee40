"""Texts (seeds, samples, ANERcorp train split) → a digest of each one's extracted entities, to show that a change
to the entity code changes no output (`python tests/entity_snapshot.py --write` records the current outputs)."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SNAPSHOT = ROOT / "tests" / "data" / "entity_snapshot.json"
ANERCORP = SHARED / "data" / "ner" / "anercorp" / "train.conll"
SENTENCES_PER_TEXT = 20  # ANERcorp sentences joined into one article-sized text


def anercorp_texts(path: Path = ANERCORP, size: int = SENTENCES_PER_TEXT) -> list[str]:
    """The ANERcorp train split's sentences (tokens joined by spaces), `size` to a text, joined by newlines."""
    sentences, tokens = [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            tokens.append(line.split("\t")[0])
        elif tokens:
            sentences.append(" ".join(tokens))
            tokens = []
    return ["\n".join(sentences[i:i + size]) for i in range(0, len(sentences), size)]


def texts() -> dict[str, str]:
    """Every text the snapshot covers, by a stable name."""
    out = {f"seeds/{f.name}": f.read_text(encoding="utf-8") for f in sorted((SHARED / "seeds").glob("*.txt"))}
    out |= {f"samples/{f.name}": f.read_text(encoding="utf-8")
            for f in sorted((ROOT / "samples" / "news").glob("*.txt"))}
    out |= {f"anercorp/{i:03d}": text for i, text in enumerate(anercorp_texts())}
    return out


def digests(extract_many: Callable[[Sequence[str]], list[list]], named: dict[str, str]) -> dict[str, str]:
    """Name → a digest of the text's entities (kind, start, end, canonical), extracted 64 texts at a time."""
    names = list(named)
    out = {}
    for i in range(0, len(names), 64):
        batch = names[i:i + 64]
        for name, entities in zip(batch, extract_many([named[n] for n in batch]), strict=True):
            rows = [[e.kind, e.start, e.end, e.canonical] for e in entities]
            out[name] = hashlib.sha1(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the current outputs as the snapshot")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from indexer.entities import default_extractor

    found = digests(default_extractor().extract_many, texts())
    if args.write:
        SNAPSHOT.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {len(found)} digests to {SNAPSHOT}")
    else:
        old = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
        changed = sorted(n for n in found if old.get(n) != found[n])
        print(f"{len(changed)} of {len(found)} texts changed: {changed[:20]}")


if __name__ == "__main__":
    main()
