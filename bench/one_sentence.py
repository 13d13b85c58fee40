"""The retrieval collections of ../shared cut into one-sentence documents: the short-document case of issue 16.

Usage: python bench/one_sentence.py [--out bench/out/one_sentence] [--xquad-json F] [--arcd-json F] [--overlap-only]
                                    [--clauses]

Each paragraph of corpus.jsonl is split into sentences, each sentence one document (id `<paragraph id>-sNN`, the
paragraph's title kept); queries.tsv is copied unchanged; qrels.tsv names the sentence(s) of the relevant paragraph
that hold the question's gold answer. Written to `<out>/<collection>-1s/`, which is git-ignored (bench/out/).

The rule for the relevant sentence, decided without any ranking of ours:
1. The gold answer span of the source dataset (XQuAD `xquad.ar.json`, ARCD `arcd.json` of SOQAL; the corpus
   paragraphs are their "context" strings unchanged, so `answer_start` offsets hold): every sentence the span
   overlaps is relevant (a span across a sentence boundary makes two relevant sentences).
2. A span that does not sit at its `answer_start` (6 in ARCD, a source inconsistency): the occurrence of the answer
   text in the paragraph nearest to `answer_start`.
3. No answer text found (or `--overlap-only`): the sentence of the relevant paragraph sharing the most distinct
   words with the question, words compared as plain normalized tokens (harakat, tatweel and alef forms folded, no
   stemming, no stopwords); ties to the earlier sentence.
The source files are not in ../shared (only the converted collections are); get them with
`git show <commit>:xquad.ar.json` from github.com/google-deepmind/xquad and `git show <commit>:data/arcd.json` from
github.com/husseinmozannar/SOQAL at the commits in ../shared/data/retrieval/*/SOURCE.md, into bench/out/sources/.

Sentences: a sentence ends at `.`, `!`, `?`, `؟` or `…` followed by white space or the end of the paragraph, and at a
line break; a piece of fewer than 4 words (initials such as «سي. بي. إس.», «هـ.», a stray closing quote) is joined to
the next sentence (the last one to the previous). With `--clauses` a piece also ends at `،` `؛` `,` (documents of
about 13 words instead of 23–32; written to `<collection>-clauses/`): the shortest-document case. A sentence whose text (spaces collapsed) already appeared earlier
in the collection is not written again: its qrels point to the first copy (ARCD repeats paragraph openings, and two
identical documents would tie at random).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.normalize import normalize  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "retrieval"
SOURCES = ROOT / "bench" / "out" / "sources"
SOURCE_JSON = {"xquad_ar": "xquad.ar.json", "arcd": "arcd.json"}
SENTENCE_END = re.compile(r"[.!?؟…]+[\"»”)]*(?=\s|$)|\n+")
CLAUSE_END = re.compile(r"[.!?؟…،؛,]+[\"»”)]*(?=\s|$)|\n+")
WORD = re.compile(r"\w+")
MIN_WORDS = 4


def sentence_spans(text: str, end: re.Pattern[str] = SENTENCE_END) -> list[tuple[int, int]]:
    """Paragraph → (start, end) of each sentence in str offsets, white space around it left out."""
    pieces, start = [], 0
    for m in end.finditer(text):
        pieces.append((start, m.end()))
        start = m.end()
    pieces.append((start, len(text)))
    pieces = [_strip(text, s, e) for s, e in pieces]
    pieces = [(s, e) for s, e in pieces if e > s]
    merged: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    for s, e in pieces:
        if pending:
            s = pending[0]
            pending = None
        if len(WORD.findall(text[s:e])) < MIN_WORDS:
            pending = (s, e)
        else:
            merged.append((s, e))
    if pending:
        if merged:
            merged[-1] = (merged[-1][0], pending[1])
        else:
            merged.append(pending)
    return merged


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def plain_words(text: str) -> set[str]:
    return {normalize(w) for w in WORD.findall(text)} - {""}


def answer_spans(path: Path) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """Source SQuAD-format JSON → qid → (context, answer spans located in it; [] when not found)."""
    out = {}
    for article in json.loads(path.read_text(encoding="utf-8"))["data"]:
        for para in article["paragraphs"]:
            context = para["context"]
            for qa in para["qas"]:
                spans = []
                for ans in qa["answers"]:
                    text, at = ans["text"], ans["answer_start"]
                    if text and context[at:at + len(text)] == text:
                        spans.append((at, at + len(text)))
                        continue
                    found = [m.start() for m in re.finditer(re.escape(text.strip()), context)] if text.strip() else []
                    if found:
                        best = min(found, key=lambda f: abs(f - at))
                        spans.append((best, best + len(text.strip())))
                out[str(qa["id"])] = (context, spans)
    return out


def convert(collection: Path, out: Path, source: Path | None, end: re.Pattern[str] = SENTENCE_END) -> Counter:
    docs = [json.loads(line) for line in (collection / "corpus.jsonl").open(encoding="utf-8") if line.strip()]
    queries = [line.split("\t", 1) for line in (collection / "queries.tsv").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    qrels = [line.split() for line in (collection / "qrels.tsv").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    answers = answer_spans(source) if source else {}
    stats: Counter = Counter()
    seen: dict[str, str] = {}  # collapsed sentence text → the id it was written under
    sentences: dict[str, list[tuple[str, int, int]]] = {}  # paragraph id → (sentence id, start, end)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        for doc in docs:
            text = doc["text"]
            sentences[doc["id"]] = []
            for n, (s, e) in enumerate(sentence_spans(text, end), 1):
                key = " ".join(text[s:e].split())
                sid = seen.get(key)
                if sid is None:
                    sid = seen[key] = f"{doc['id']}-s{n:02d}"
                    fh.write(json.dumps({"id": sid, "title": doc.get("title", ""), "text": text[s:e]},
                                        ensure_ascii=False) + "\n")
                    stats["sentences"] += 1
                else:
                    stats["duplicate sentences"] += 1
                sentences[doc["id"]].append((sid, s, e))
    text_of = {d["id"]: d["text"] for d in docs}
    query_text = {q: t for q, t in queries}
    with (out / "qrels.tsv").open("w", encoding="utf-8") as fh:
        for qid, docid, rel, *_ in qrels:
            parts = sentences[docid]
            context, spans = answers.get(qid, (None, []))
            if context is not None and context != text_of[docid]:
                raise SystemExit(f"{qid}: the source paragraph differs from {docid}'s text; wrong source file?")
            relevant = sorted({sid for sid, s, e in parts for a, b in spans if a < e and b > s})
            if relevant:
                stats["by answer span"] += 1
                stats["answer over 2+ sentences"] += len(relevant) > 1
            else:
                words = plain_words(query_text[qid])
                overlap = [len(words & plain_words(text_of[docid][s:e])) for _, s, e in parts]
                relevant = [parts[overlap.index(max(overlap))][0]]
                stats["by word overlap"] += 1
            for sid in relevant:
                fh.write(f"{qid}\t{sid}\t{rel}\n")
    (out / "queries.tsv").write_text((collection / "queries.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    stats["paragraphs"] = len(docs)
    stats["queries"] = len(queries)
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collections", nargs="*", type=Path, default=[SHARED / "xquad_ar", SHARED / "arcd"])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "one_sentence")
    parser.add_argument("--xquad-json", type=Path, default=SOURCES / SOURCE_JSON["xquad_ar"])
    parser.add_argument("--arcd-json", type=Path, default=SOURCES / SOURCE_JSON["arcd"])
    parser.add_argument("--overlap-only", action="store_true",
                        help="ignore the answer spans: the relevant sentence is the one with the most query words")
    parser.add_argument("--clauses", action="store_true", help="cut at commas and semicolons too")
    args = parser.parse_args()
    source_of = {"xquad_ar": args.xquad_json, "arcd": args.arcd_json}
    for collection in args.collections:
        source = None if args.overlap_only else source_of.get(collection.name)
        if source is not None and not source.is_file():
            raise SystemExit(f"{source} is missing: fetch the source dataset (see --help), or pass --overlap-only")
        out = args.out / f"{collection.name}-{'clauses' if args.clauses else '1s'}"
        stats = convert(collection, out, source, CLAUSE_END if args.clauses else SENTENCE_END)
        print(f"{out}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
