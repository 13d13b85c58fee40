"""Rules that look names up in the shipped lists: real people's full names (علي لاريجاني), famous people named by
one word (بوتين), well-known firms and organisations (جوجل → غوغل)."""

from __future__ import annotations

from indexer.entities.document import Doc
from indexer.entities.kinds import PERSON
from indexer.entities.rules.cues import LIST
from indexer.entities.words import Span, Word, is_title, spelled_otherwise
from indexer.normalize import strip_harakat


def known_persons(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus the full names of real people (persons_ar.txt) written in the text, the longest first (up to four words): free
    words, or person spans inside the name, which it replaces (لاريجاني → علي لاريجاني). The words must be apart
    by spaces only; the first may carry a proclitic (لخالد مشعل) but not be a title (الملك محمد); no word may be
    the preposition على, which normalizes like the name علي."""
    text, words, offsets, stopwords, persons = doc.text, doc.words, doc.offsets, doc.lists.stopwords, doc.lists.persons
    owner = {k: span for span in spans for k in range(span.first, span.last)}

    def free(k: int, first: int, last: int) -> bool:
        span = owner.get(k)
        return span is None or (span.kind == PERSON and first <= span.first and span.last <= last)

    def fits(first: int, last: int, head: str) -> bool:
        return " ".join([head, *(words[k].norm for k in range(first + 1, last))]) in persons.names \
            and all(free(k, first, last) for k in range(first, last)) and not is_title(words[first]) \
            and not any(words[k].norm in stopwords and words[k].text.endswith("ى") for k in range(first, last)) \
            and all(text[offsets[k][1]:offsets[k + 1][0]].isspace() for k in range(first, last - 1))

    found, replaced, after = [], set(), 0
    starts, firsts = persons.starts, persons.firsts
    for k in [k for k, word in enumerate(words[:-1]) if word.norm in firsts or word.bare in firsts]:
        word, second = words[k], words[k + 1]
        pair = f"{word.norm} {second.norm}"
        heads = [word.norm] if pair in starts else []
        if word.bare != word.norm and f"{word.bare} {second.norm}" in starts:
            heads.append(word.bare)
        if not heads or k < after:
            continue
        last = next((k + n for n in (4, 3, 2) for head in heads if k + n <= len(words) and fits(k, k + n, head)),
                    None)
        if last is not None:
            replaced.update(owner[j] for j in range(k, last) if j in owner)
            found.append(Span(PERSON, k, last))
            after = last
    return sorted([span for span in spans if span not in replaced] + found, key=lambda span: span.first)




def famous_persons(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus a person for each free word that alone names a famous person (بوتين، يلتسين: famous_ar.tsv):
    as written, or without a proclitic when five letters or more remain (لبوتين; not بكين → كين, وديان → ديان);
    never a stopword. Right after a person, apart by a space only, it is that person's surname (جيروم | باول)."""
    text, words, offsets, famous, stopwords = doc.text, doc.words, doc.offsets, doc.lists.famous, doc.lists.stopwords
    ends = {span.last: span for span in spans if span.kind == PERSON}
    taken = {k for span in spans for k in range(span.first, span.last)}
    out = list(spans)
    for k in [k for k, word in enumerate(words) if word.norm in famous or word.bare in famous]:
        word = words[k]
        if k in taken or word.norm in stopwords or not (word.norm in famous or len(word.bare) >= 5):
            continue
        before = ends.get(k)
        if before is not None and text[offsets[k - 1][1]:offsets[k][0]].isspace():
            out[out.index(before)] = Span(PERSON, before.first, k + 1)
        else:
            out.append(Span(PERSON, k, k + 1))
    return sorted(out, key=lambda span: span.first)


def known_organisations(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans making room for the well-known organisations written in the text (organisations_ar.tsv), the longest
    spelling first, typed as the list says (آبل firm, اليونيسيف org): words apart by spaces only, the first may
    carry a proclitic. One inside a longer span is left to it (مجلس الأمن in مجلس الأمن القومي; هنري فورد), unless
    that is a person span and the name has several words. A span inside a found one is dropped; one across its
    edge keeps, if a person, its larger part outside (مورغان تشيس جيمي ديمون → جيه بي مورغان تشيس | جيمي ديمون),
    and if a firm or organisation, only a part after it that starts with و: a second name (… الوطني | وإتش إس بي
    سي). A word spelled otherwise than the listed name it normalizes to is another word (أودى بحياة, not أودي;
    وأم, not وام)."""
    text, words, offsets, organisations = doc.text, doc.words, doc.offsets, doc.lists.organisations
    found: list[Span] = []
    after = 0
    for k, paired in organisations.starts_in(words):
        if k < after:
            continue
        heads = organisations.heads(words[k])
        counts = sorted({n for head in heads for n in organisations.lengths[head] if k + n <= len(words)
                         and (n == 1 or paired)}, reverse=True)
        known = next(((k + n, value) for n in counts if (value := organisations.name_at(words, k, k + n, heads))
                      and all(text[offsets[j][1]:offsets[j + 1][0]].isspace() for j in range(k, k + n - 1))), None)
        if not known or (known[0] == k + 1 and spelled_otherwise(strip_harakat(words[k].text), {words[k].bare})):
            continue
        last, (kind, _) = known
        if not any(s.first <= k and last <= s.last and s.last - s.first > last - k
                   and (s.kind != PERSON or last - k == 1) and not _joined_by_wa(words, s, k, last) for s in spans):
            found.append(Span(kind, k, last, LIST))
        after = last
    return _with_found(words, spans, found)


def _joined_by_wa(words: list[Word], span: Span, first: int, last: int) -> bool:
    """Does a firm or organisation span hold words[first:last] and, right after it, a word starting with و (two
    names joined: بنك الإمارات دبي الوطني وإتش إس بي سي)?"""
    return span.kind != PERSON and span.first == first and last < span.last and words[last].norm[:1] == "و"


def _with_found(words: list[Word], spans: list[Span], found: list[Span]) -> list[Span]:
    """`spans` making room for `found` (known_organisations)."""
    taken = {k for span in found for k in range(span.first, span.last)}
    out = list(found)
    for span in spans:
        free = [k for k in range(span.first, span.last) if k not in taken]
        if len(free) == span.last - span.first:
            out.append(span)
            continue
        before = [k for k in free if k < min(taken.intersection(range(span.first, span.last)))]
        after = [k for k in free if k not in before]
        part = before if len(before) >= len(after) else after
        if span.kind != PERSON:
            part = after if after and words[after[0]].norm[:1] == "و" else []
        if part:
            out.append(Span(span.kind, part[0], part[-1] + 1))
    return sorted(out, key=lambda span: span.first)
