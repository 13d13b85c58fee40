"""SaudiNewsNet snapshot (bare git dir) → JSONL corpus {"id", "title", "text", "date", "source"} (research use only).

Ids are `snn-<day>-<NNNN>`, NNNN the article's 1-based position in that day's JSON array (as in
../shared/data/news_entities/SOURCE.md). Empty contents and exact (title, content) repeats (first kept) are dropped.
The texts are CC BY-NC-SA and never committed: write them under bench/out/ (git-ignored).
Usage: python bench/saudinews.py GIT_DIR [--out FILE] [--limit N]   (GIT_DIR: a clone of
github.com/parallelfold/SaudiNewsNet, bare or not)
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True).stdout


def days(git_dir: Path) -> list[str]:
    """The days of the snapshot's dataset/<day>.zip files, in order."""
    names = git(git_dir, "ls-tree", "--name-only", "HEAD", "dataset/").decode().split()
    return sorted(Path(n).stem for n in names if n.endswith(".zip"))


def articles(git_dir: Path, day: str) -> list[dict]:
    """The JSON array inside dataset/<day>.zip."""
    with zipfile.ZipFile(io.BytesIO(git(git_dir, "show", f"HEAD:dataset/{day}.zip"))) as z:
        return json.loads(z.read(f"{day}.json").decode("utf-8"))


def records(git_dir: Path) -> Iterator[dict]:
    """Every kept article as a corpus record, day by day."""
    seen: set[tuple[str, str]] = set()
    for day in days(git_dir):
        for n, art in enumerate(articles(git_dir, day), 1):
            title, text = art.get("title") or "", art.get("content") or ""
            if not text.strip() or (title, text) in seen:
                continue
            seen.add((title, text))
            yield {"id": f"snn-{day}-{n:04d}", "title": title, "text": text, "date": day,
                   "source": art.get("source") or ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", type=Path, help="a clone of github.com/parallelfold/SaudiNewsNet (its git dir)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "saudinews.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="stop after N articles")
    args = parser.parse_args()
    if not (args.git_dir / "HEAD").exists():
        sys.exit(f"{args.git_dir} is not a git dir: fetch github:parallelfold/SaudiNewsNet first")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with args.out.open("w", encoding="utf-8") as out:
        for record in records(args.git_dir):
            if args.limit is not None and count >= args.limit:
                break
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    print(f"wrote {count:,} articles ({args.out.stat().st_size / 1e6:.1f} MB) to {args.out}")


if __name__ == "__main__":
    main()
