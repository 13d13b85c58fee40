"""Rules on person names: completed over name links, initials and first names, the other items of a list of
people, split where two people or two names joined by و share a span, a person after a role phrase, adjectives
dropped."""

from __future__ import annotations

import re
from bisect import bisect_left

from indexer.clitics import ARTICLE, CONJUNCTIONS
from indexer.entities.document import Doc
from indexer.entities.keys import LETTER_NAMES, LINEAGE_LINKS
from indexer.entities.kinds import PERSON
from indexer.entities.lexicon import HEAD_FORMS, KUNYA_FORMS, NAME_LINKS, ROLE_HEAD_FORMS, SPEECH_FORMS
from indexer.entities.words import PERSON_BREAK, Span, Word, is_head, is_title, name_of
from indexer.normalize import normalize

INITIALS = frozenset(normalize(name) for name in LETTER_NAMES.values())  # Latin letters as Arabic spells them
INITIAL_GAP = re.compile(r"\.\s?")  # what stands after an initial: a full stop, then at most one space
COMPOUND_FIRSTS = frozenset(normalize(w) for w in ("عبد", "أبو"))  # عبد الله، أبو بكر: one first name of two words
DEFINITE = (ARTICLE, *(c + ARTICLE for c in CONJUNCTIONS))  # the article, alone or after و/ف
_LIST_COMMA = re.compile(r"[،,]")
_LIST_END = re.compile(r"[.!?؟:؛;()\[\]«»\"“”\n]")


def with_name_links(doc: Doc, spans: list[Span]) -> list[Span]:
    """Person spans completed over the words that tie a name together: one ending on a link takes the next word
    (محمد بن | سلمان), one followed by a link and a word takes both (حمد بن عيسى | آل خليفة; ألكسندر | فان دير
    بيلن), one starting with بن، ابن، بنت or ولد, or right after one, takes the word before (معاوية | بن أبي سفيان،
    عائشة بنت | أبي بكر), one right after the first word of a kunya takes that word (أبي | وقاص), and one ending on
    a lineage link and a name takes a family name with the article that is not frequent right after it (ناصر بن
    عبدالعزيز | المنصور). A taken word must be free or start (or end) a person span, which then joins; it must not be a
    single letter (1258 م ولد …), a title, a stopword unless a name too (علي), nor, after a link other than عبد,
    carry the article (ابن الرئيس), nor be set apart by punctuation."""
    text, words, offsets = doc.text, doc.words, doc.offsets
    stopwords, names, frequent = doc.lists.stopwords, doc.lists.names, doc.lists.frequent
    owner = {k: span for span in spans for k in range(span.first, span.last)}
    out: list[Span] = []

    def joinable(k: int, after: int) -> bool:
        word, other = words[k], owner.get(k)
        return (len(word.norm) > 1 and not word.latin and (word.norm not in stopwords or word.norm in names
                                                            or word.text == "فان")  # van, not فإن
                and not is_title(word) and (other is None or other.kind == PERSON)
                and not PERSON_BREAK.search(text, offsets[min(k, after)][1], offsets[max(k, after)][0]))

    def article_ok(link: int, k: int) -> bool:
        return words[link].norm == "عبد" or not words[k].norm.startswith("ال")

    for span in spans:
        if out and out[-1].last > span.first:
            continue  # the person before took it in
        if span.kind != PERSON:
            out.append(span)
            continue
        first, last = span.first, span.last
        if first > 0 and words[first - 1].norm in KUNYA_FORMS and first - 1 not in owner:
            first -= 1
        while first > 0 and words[first].norm in LINEAGE_LINKS and joinable(first - 1, first):
            first = owner[first - 1].first if first - 1 in owner else first - 1
        if first > 1 and words[first - 1].norm in LINEAGE_LINKS and first - 1 not in owner \
                and joinable(first - 1, first) and joinable(first - 2, first - 1):
            first = owner[first - 2].first if first - 2 in owner else first - 2
        while True:
            if last < len(words) and words[last - 1].norm in NAME_LINKS and joinable(last, last - 1) \
                    and article_ok(last - 1, last):
                last = owner[last].last if last in owner else last + 1
            elif last + 1 < len(words) and words[last].norm in NAME_LINKS and last not in owner \
                    and joinable(last, last - 1) and joinable(last + 1, last) and article_ok(last, last + 1):
                last = owner[last + 1].last if last + 1 in owner else last + 2
            else:
                break
        if last < len(words) and last not in owner and last - 2 >= first and words[last - 2].norm in LINEAGE_LINKS \
                and words[last].norm.startswith("ال") and words[last].norm not in frequent and joinable(last, last - 1) \
                and text[offsets[last - 1][1]:offsets[last][0]].isspace():
            last += 1
        while out and out[-1].first >= first:
            out.pop()
        out.append(span if (first, last) == (span.first, span.last) else Span(PERSON, first, last))
    return out


def persons_before_titles(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus the person a speech verb introduces and a definite title follows, after a comma or not (قال شهاب
    وجيه، المتحدث الإعلامي; قال يه كيه شين الرئيس التنفيذي): two or three free Arabic words, no stopword or title,
    the first a name part or no common word, only spaces between them."""
    words, stopwords, lists = doc.words, doc.lists.stopwords, doc.lists
    taken = {k for span in spans for k in range(span.first, span.last)}
    found = []
    for i in [i for i, word in enumerate(words[:-3]) if word.norm in SPEECH_FORMS]:
        if words[i + 1].norm in lists.frequent and words[i + 1].norm not in lists.names:
            continue  # أكد ممثل الإمارات: a common word starts no name
        for end in (i + 3, i + 4):
            name = range(i + 1, end)
            if end < len(words) and is_title(words[end]) and words[end].norm.startswith(("ال", "وال")) \
                    and doc.gap(end).strip() in ("", "،", ",") and doc.spaced(i + 1, end) \
                    and not any(k in taken or words[k].latin or words[k].norm in stopwords or is_title(words[k])
                                for k in name):
                found.append(Span(PERSON, i + 1, end))
                break
    return sorted(spans + found, key=lambda span: span.first)


def with_initials(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans with the persons written with initials: Latin letters spelt in Arabic, each followed by a full stop,
    then a name without the article (توماس دبليو. كالاهان، جيه. بي. بريتزكر): one person from the person span that
    ends among or right before them, or from the first initial, to the name; the spans inside give way."""
    text, words, offsets, stopwords = doc.text, doc.words, doc.offsets, doc.lists.stopwords

    def initial(k: int) -> bool:
        return k + 1 < len(words) and words[k].norm in INITIALS \
            and INITIAL_GAP.fullmatch(text, offsets[k][1], offsets[k + 1][0]) is not None

    persons = [span for span in spans if span.kind == PERSON]
    found: list[Span] = []
    after = 0
    for k in [k for k, word in enumerate(words) if word.norm in INITIALS]:
        if k < after:
            continue
        last = k
        while initial(last):
            last += 1
        name = words[last] if last > k and last < len(words) else None
        if name is None or name.latin or name.norm in stopwords or name.norm in INITIALS or name.norm[:2] == "ال":
            continue
        before = next((span for span in persons if span.first < k <= span.last <= last
                       and (span.last > k or text[offsets[k - 1][1]:offsets[k][0]].isspace())), None)
        found.append(Span(PERSON, before.first if before else k, last + 1))
        after = last + 1
    if not found:
        return spans
    taken = {j for span in found for j in range(span.first, span.last)}
    kept = [span for span in spans if not taken.intersection(range(span.first, span.last))]
    return sorted(kept + found, key=lambda span: span.first)


def split_known_persons(doc: Doc, spans: list[Span]) -> list[Span]:
    """A person span made of two people the document names elsewhere is cut in two (إدارة بايدن هاريس: بايدن is
    the surname of one full name, هاريس of another); a first name of two words alone names nobody (عبد الله
    الخضيري is one man)."""
    words = doc.words
    full_names = {name for s in spans if s.kind == PERSON
                  and not _compound_first(name := tuple(name_of(words, s).split()))}
    surnames: dict[str, set[tuple[str, ...]]] = {}
    for name in full_names:
        if len(name) > 1:
            surnames.setdefault(name[-1], set()).add(name)

    def known(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
        """A full name found on its own, or one word that is the surname of another full name."""
        if len(part) == 1:
            return bool(surnames.get(part[0], set()) - {whole})
        return part in full_names

    out = []
    for span in spans:
        name = tuple(name_of(words, span).split())
        cut = next((k for k in range(1, len(name)) if span.kind == PERSON and len(name) == span.last - span.first
                    and known(name[:k], name) and known(name[k:], name)), None)
        if cut is None:
            out.append(span)
        else:
            out += [Span(PERSON, span.first, span.first + cut), Span(PERSON, span.first + cut, span.last)]
    return out


def _compound_first(name: tuple[str, ...]) -> bool:
    """Is a name only a first name of two words (عبد الله، أبو بكر), nobody's full name?"""
    return len(name) == 2 and name[0] in COMPOUND_FIRSTS


def split_at_and(doc: Doc, spans: list[Span]) -> list[Span]:
    """Two names joined by و inside one span become two spans (غوغل وميكروسوفت, كونواي وهوفمان) when the word
    after و is known on its own (in the document or the name lists)."""
    words, out = doc.words, []
    for span in spans:
        first = span.first
        for k in range(span.first + 1, span.last):
            if words[k].norm.startswith("و") and words[k].bare == words[k].norm[1:]:
                out.append(Span(span.kind, first, k))
                first = k
        out.append(span if first == span.first else Span(span.kind, first, span.last))
    return out


def persons_after_roles(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus the person a role phrase introduces when the tagger missed it: an indefinite role word and its
    definite complement, then a first name of the name list without the article and one more word, a name part or
    else neither frequent nor starting with و, and no stopword, all apart by spaces only (وقال وزير المالية
    منصور الشهري; not رئيس الدولة الرابع والأربعين)."""
    text, words, offsets, lists = doc.text, doc.words, doc.offsets, doc.lists
    names, frequent, stopwords = lists.names, lists.frequent, lists.stopwords
    taken = {k for span in spans for k in range(span.first, span.last)}
    found = []
    for i in range(len(words) - 3):
        first, last = words[i + 2], words[i + 3]
        if words[i].norm in ROLE_HEAD_FORMS and words[i + 1].norm.startswith("ال") \
                and not taken.intersection(range(i + 2, i + 4)) and first.norm in names \
                and not first.norm.startswith("ال") and last.norm not in stopwords \
                and (last.norm in names or (last.norm not in frequent and last.norm[0] != "و")) \
                and not first.latin and not last.latin \
                and all(text[offsets[k][1]:offsets[k + 1][0]].isspace() for k in range(i, i + 3)):
            found.append(Span(PERSON, i + 2, i + 4))
    return sorted(spans + found, key=lambda span: span.first)


def with_surnames(doc: Doc, spans: list[Span]) -> list[Span]:
    """A person span that is only a first name (عبد الله، كريستيان: words of the name list, neither a famous
    one-word name nor the surname of another person the document names) takes the word right after it as the
    surname (عبد الله دحمشة، كريستيان شتراوس) when that is a rare Arabic word (not frequent), free, with no conjunction,
    article or preposition written on it, that does not look like a verb (نجاد ليؤكد، شيراك سيقرر) unless it is a
    name part, and is no stopword, name link, title or head, with only a space between."""
    words, lists = doc.words, doc.lists
    taken = {k for s in spans for k in range(s.first, s.last)}
    surnames = {words[s.last - 1].norm for s in spans if s.kind == PERSON and s.last - s.first > 1
                and not (s.last - s.first == 2 and words[s.first].norm in COMPOUND_FIRSTS)}

    def first_name(span: Span) -> bool:
        return span.kind == PERSON and span.last - span.first <= 2 and span.last < len(words) \
            and span.last not in taken and doc.gap(span.last) == " " and words[span.last - 1].norm not in surnames \
            and all(words[j].norm in lists.names and words[j].norm not in lists.famous
                    for j in range(span.first, span.last))

    def surname(word: Word) -> bool:
        verb = word.norm not in lists.names and (word.norm[:1] in "يتن" or word.norm[:2] in ("سي", "ست", "سن")
                                                  or _is_plural_verb(word))
        return not word.latin and word.norm not in lists.frequent and word.bare not in lists.frequent \
            and not word.norm.startswith((*CONJUNCTIONS, *DEFINITE[1:], "لل", "بال", "ل", "ب")) and not verb \
            and word.norm not in lists.stopwords and word.norm not in NAME_LINKS and not is_title(word) \
            and not is_head(word, HEAD_FORMS) and not any(c.isdigit() for c in word.norm)

    return [span._replace(last=span.last + 1) if first_name(span) and surname(words[span.last]) else span
            for span in spans]


def _is_plural_verb(word: Word) -> bool:
    """A verb of the plural: imperfect ending in ون (يصطفون), perfect ending in وا (استنكروا)."""
    return (len(word.norm) > 5 and word.norm[0] in "يت" and word.norm.endswith("ون")) or \
        (len(word.norm) > 3 and word.norm.endswith("وا"))


def with_first_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """A one-word person span takes the word before it when that is a first name: a name-list word, not
    frequent (وأكد، أمير), a stopword, a title or a head, with no punctuation between (لمبادلة خلدون المبارك
    → خلدون المبارك)."""
    text, words, offsets, lists = doc.text, doc.words, doc.offsets, doc.lists
    names, frequent, stopwords = lists.names, lists.frequent, lists.stopwords
    taken = {k for s in spans for k in range(s.first, s.last)}
    out = []
    for span in spans:
        i = span.first - 1
        if span.kind == PERSON and span.last - span.first == 1 and i >= 0 and i not in taken:
            word = words[i]
            if word.norm == word.bare and word.norm in names and word.norm not in frequent \
                    and word.norm not in stopwords and not word.latin \
                    and not is_title(word) and not is_head(word, HEAD_FORMS) \
                    and not PERSON_BREAK.search(text, offsets[i][1], offsets[span.first][0]):
                span = Span(PERSON, i, span.last)
        out.append(span)
    return out


def persons_not_adjectives(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without a one-word definite person right after a definite frequent word that is not a title: an
    adjective (رأس المال الصبور), not a name, unless the document names someone with it as a surname (خلدون
    المبارك … أكد المبارك)."""
    words, frequent = doc.words, doc.lists.frequent
    surnames = {words[span.last - 1].norm for span in spans if span.kind == PERSON and span.last - span.first > 1}

    def is_adjective(span: Span) -> bool:
        word, before = words[span.first], words[span.first - 1]
        return (word.norm.startswith("ال") and before.norm.startswith("ال") and before.norm in frequent
                and not is_title(before) and word.norm not in surnames)

    return [span for span in spans
            if span.kind != PERSON or span.last - span.first > 1 or span.first == 0 or not is_adjective(span)]


def list_persons(doc: Doc, spans: list[Span]) -> list[Span]:
    """In a list of items set apart by commas where at least two items are whole persons (the first may start
    with other words: قدمه احمد السقا ، وأحمد رزق ، وغادة عادل), the other items of two or three free words are
    persons too, unless the first word carries the article (والراقصة دينا) or is a frequent word (وفقا لهؤلاء
    الأشخاص), or a word is a stopword, a title, a number or Latin."""
    text, words, offsets, stopwords, frequent = doc.text, doc.words, doc.offsets, doc.lists.stopwords, doc.lists.frequent
    if sum(span.kind == PERSON for span in spans) < 2:
        return spans
    owner = {k: span for span in spans for k in range(span.first, span.last)}
    found = list(spans)
    person_starts = sorted(span.first for span in spans if span.kind == PERSON)
    word_starts = [a for a, _ in offsets]
    k = 0
    while k < len(words):
        end = _LIST_END.search(text, offsets[k][1])
        k_end = bisect_left(word_starts, end.start()) if end else len(words)
        if bisect_left(person_starts, k_end) - bisect_left(person_starts, k) < 2:
            k = max(k_end, k + 1)  # fewer than two persons up to the end of this list: no list of persons
            continue
        items, start = [], k  # one list: items up to a gap that is no comma
        while k < len(words):
            if k + 1 < len(words) and offsets[k + 1][0] - offsets[k][1] == 1 and text[offsets[k][1]] == " ":
                k += 1
                continue  # one space: the item goes on
            gap = text[offsets[k][1]:offsets[k + 1][0]] if k + 1 < len(words) else "."
            k += 1
            if _LIST_END.search(gap):
                items.append((start, k))
                break
            if _LIST_COMMA.search(gap):
                items.append((start, k))
                start = k
        whole = [(a, b) for n, (a, b) in enumerate(items) if b - 1 in owner and owner[b - 1].kind == PERSON
                 and owner[b - 1].last == b and (owner[b - 1].first >= a if n == 0 else owner[b - 1].first == a)]
        if len(whole) < 2 or len(items) < 3:
            continue
        for a, b in items:
            free = all(j not in owner and not words[j].latin and words[j].norm not in stopwords
                       and not is_title(words[j]) and not any(c.isdigit() for c in words[j].norm) for j in range(a, b))
            if 2 <= b - a <= 3 and free and not words[a].norm.startswith(DEFINITE) \
                    and words[a].bare not in frequent:
                found.append(Span(PERSON, a, b))
    return sorted(found, key=lambda span: span.first)
