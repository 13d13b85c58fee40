"""Held-out retrieval collections for issue 16's ranking target, written to bench/out/heldout/ (git-ignored).

Usage: python bench/heldout.py [--out bench/out/heldout] [--sources bench/out/sources] [--news FILE]
                               [--only NAME ...]

Measured only: no ranking weight may be chosen by them (tuning is on ../shared/data/retrieval/* alone). Each is
written in the corpus.jsonl / queries.tsv / qrels.tsv format of ../shared/data/retrieval, for
`python bench/ranking_vs_lucene.py --collections bench/out/heldout/*`:

| name | kind | source file (into --sources; none is committed) |
|---|---|---|
| mlqa_ar | paragraph QA | MLQA v1 dev, Arabic context + Arabic question (`MLQA-dev-context-ar-question-ar.json`) |
| tydi_ar | paragraph QA, questions written without seeing the text | TyDi QA GoldP v1.1 dev, Arabic part (`tydiqa-goldp-dev-arabic.json`) |
| mlqa_ar-1s, tydi_ar-1s | one-sentence documents | the two above, cut by bench/one_sentence.py's rules (relevant = the sentence holding the gold answer span) |
| fatwa_ar | community questions | SemEval-2015 Task 3 Arabic (Islamweb fatwas) dev set (`QA-Arabic-dev.xml`) |
| arcd+news, xquad_ar+news | news with 30,179 distractors | ../shared arcd and xquad_ar, queries and qrels unchanged, the SaudiNewsNet articles (--news) added to the corpus (the distractors are held out, the queries are the tuning ones) |
| mlqa_ar+news, tydi_ar+news | news with 30,179 distractors, held-out queries | mlqa_ar and tydi_ar (written first) with the same articles added |

Where the source files come from (stored public snapshots, read with the `fetch` tool; `git show` into --sources):
- github.com/obada-jaras/Arabic-QA-Datasets at c6a8297942f51fcc2872858ce0a8cc8b427c2dc7:
  `All Datasets/MLQA-dev-context-ar-question-ar.json` (MLQA's own file, CC BY-SA 3.0) and
  `All Datasets/tydiqa-goldp-dev-arabic.json` (the Arabic questions of tydiqa-goldp-v1.1-dev.json, Apache 2.0).
- github.com/diyessi/Iyas at 3773b29aa35d63946abcdd02b5081c681e834773:
  `semeval2015-3/data/SemEval2015-Task3-Arabic-data/datasets/QA-Arabic-dev.xml` ("free for general research use").
- --news: bench/saudinews.py's JSONL (SaudiNewsNet, CC BY-NC-SA, research use; default the copy in ../main).

Conversions:
- SQuAD-format (MLQA, TyDi): document = one distinct "context" string, text unchanged, id `<name>-NNNNN` in order of
  first appearance, title = its article's title; query = "question" (TAB/CR/LF → space, stripped), qid = source id;
  qrels = the paragraph the question was asked on, relevance 1. The answer spans stay in answers.jsonl.
- fatwa_ar: document = one answer (a scholar's fatwa; <QURAN>, <HADEETH>, <NE> and stray tags removed, entities
  unescaped, white space collapsed), id `fatwa-<CID>`, no title; an answer listed under two questions is one document
  (the first text kept), and so are answers of different CIDs with the same text (Islamweb republishes a fatwa under
  several numbers; 34 in the dev set, some of them a question's direct answer: two copies would tie at random). Query = QBody, the asker's own question (QSubject, a title Islamweb wrote, is left out: it
  often restates the answer's ruling); qrels = the question's "direct" answer, relevance 1. "related" answers
  (linked from the direct one, or found by the organisers' search) and "irrelevant" ones (random answers to other
  questions) are documents but not relevant.
- +news: the collection's corpus followed by every --news article (id, title, text); ids cannot collide (`snn-`).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import one_sentence  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "retrieval"
SOURCES = ROOT / "bench" / "out" / "sources"
NEWS = ROOT.parent / "main" / "bench" / "out" / "saudinews.jsonl"
SQUAD = {"mlqa_ar": "MLQA-dev-context-ar-question-ar.json", "tydi_ar": "tydiqa-goldp-dev-arabic.json"}
FATWA = "QA-Arabic-dev.xml"
QUESTION = re.compile(r'<Question QID\s*=\s*"([^"]+)"[^>]*>(.*?)</Question>', re.S)
ANSWER = re.compile(r'<Answer CID\s*=\s*"([^"]+)"\s+CGOLD\s*=\s*"([^"]+)"\s*>(.*?)</Answer>', re.S)
TAG = re.compile(r"<[^>]*>")


def one_line(text: str) -> str:
    return " ".join(text.split())


def write(out: Path, docs: list[dict], queries: list[tuple[str, str]], qrels: list[tuple[str, str]]) -> Counter:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    (out / "queries.tsv").write_text("".join(f"{q}\t{t}\n" for q, t in queries), encoding="utf-8")
    (out / "qrels.tsv").write_text("".join(f"{q}\t{d}\t1\n" for q, d in qrels), encoding="utf-8")
    return Counter(documents=len(docs), queries=len(queries), qrels=len(qrels))


def squad(source: Path, name: str, out: Path) -> Counter:
    data = json.loads(source.read_text(encoding="utf-8"))["data"]
    ids: dict[str, str] = {}
    docs, queries, qrels, answers = [], [], [], []
    for article in data:
        for para in article["paragraphs"]:
            context = para["context"]
            if context not in ids:
                ids[context] = f"{name}-{len(ids) + 1:05d}"
                docs.append({"id": ids[context], "title": article.get("title", ""), "text": context})
            for qa in para["qas"]:
                qid = str(qa["id"])
                queries.append((qid, one_line(qa["question"])))
                qrels.append((qid, ids[context]))
                answers.append({"qid": qid, "docid": ids[context], "answers": qa["answers"]})
    if len({q for q, _ in queries}) != len(queries):
        raise SystemExit(f"{source}: question ids repeat")
    stats = write(out, docs, queries, qrels)
    with (out / "answers.jsonl").open("w", encoding="utf-8") as fh:
        for rec in answers:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    stats["paragraphs in source"] = sum(len(a["paragraphs"]) for a in data)
    return stats


def fatwa(source: Path, out: Path) -> Counter:
    text = source.read_text(encoding="utf-8")  # not well-formed XML (stray `href` fragments): read by pattern
    docs: dict[str, dict] = {}
    queries, qrels = [], []
    stats: Counter = Counter()
    by_cid: dict[str, str] = {}  # CID → document id
    by_text: dict[str, str] = {}  # answer text → document id
    for qid, body in QUESTION.findall(text):
        question = re.search(r"<QBody>(.*?)</QBody>", body, re.S)
        queries.append((qid, one_line(html.unescape(TAG.sub(" ", question.group(1))))))
        for cid, gold, answer in ANSWER.findall(body):
            stats[f"answers {gold}"] += 1
            if cid not in by_cid:
                clean = one_line(html.unescape(TAG.sub(" ", answer)))
                if clean in by_text:
                    stats["answers with the text of another CID"] += 1
                else:
                    by_text[clean] = f"fatwa-{cid}"
                    docs[by_text[clean]] = {"id": by_text[clean], "title": "", "text": clean}
                by_cid[cid] = by_text[clean]
            if gold == "direct":
                qrels.append((qid, by_cid[cid]))
    return write(out, list(docs.values()), queries, qrels) + stats


def with_news(collection: Path, news: Path, out: Path) -> Counter:
    out.mkdir(parents=True, exist_ok=True)
    ids = set()
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        for line in (collection / "corpus.jsonl").open(encoding="utf-8"):
            if line.strip():
                ids.add(json.loads(line)["id"])
                fh.write(line if line.endswith("\n") else line + "\n")
        added = 0
        for line in news.open(encoding="utf-8"):
            if line.strip():
                rec = json.loads(line)
                if rec["id"] in ids:
                    raise SystemExit(f"{rec['id']} is in both {collection} and {news}")
                fh.write(json.dumps({"id": rec["id"], "title": rec.get("title", ""), "text": rec["text"]},
                                    ensure_ascii=False) + "\n")
                added += 1
    for name in ("queries.tsv", "qrels.tsv"):
        (out / name).write_text((collection / name).read_text(encoding="utf-8"), encoding="utf-8")
    return Counter(documents=len(ids) + added, distractors=added)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "heldout")
    parser.add_argument("--sources", type=Path, default=SOURCES)
    parser.add_argument("--news", type=Path, default=NEWS)
    parser.add_argument("--only", nargs="*", help="write only these collections")
    args = parser.parse_args()
    wanted = set(args.only or ["mlqa_ar", "tydi_ar", "mlqa_ar-1s", "tydi_ar-1s", "fatwa_ar", "arcd+news",
                               "xquad_ar+news", "mlqa_ar+news", "tydi_ar+news"])

    def need(path: Path) -> Path:
        if not path.is_file():
            raise SystemExit(f"{path} is missing: see --help for where it comes from")
        return path

    for name, file in SQUAD.items():
        if wanted & {name, f"{name}-1s"}:
            source = need(args.sources / file)
            stats = squad(source, name, args.out / name)
            print(f"{args.out / name}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
            if f"{name}-1s" in wanted:
                stats = one_sentence.convert(args.out / name, args.out / f"{name}-1s", source)
                print(f"{args.out / name}-1s: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    if "fatwa_ar" in wanted:
        stats = fatwa(need(args.sources / FATWA), args.out / "fatwa_ar")
        print(f"{args.out / 'fatwa_ar'}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    for name in ("arcd", "xquad_ar", "mlqa_ar", "tydi_ar"):
        if f"{name}+news" in wanted:
            base = SHARED / name if (SHARED / name).is_dir() else args.out / name
            need(base / "corpus.jsonl")
            stats = with_news(base, need(args.news), args.out / f"{name}+news")
            print(f"{args.out / name}+news: " + ", ".join(f"{k} {v}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
