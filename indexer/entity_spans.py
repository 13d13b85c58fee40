"""The tagger's spans → cleaned, completed, non-overlapping spans: punctuation, titles, adjectives and verbs cut
off; name links, first names and surnames joined; two people in one span split."""

from __future__ import annotations

import re
from bisect import bisect_left

from indexer.canonical import LETTER_NAMES
from indexer.entity_cues import org_kind
from indexer.entity_text import NAME_BREAK, PERSON_BREAK, Span, Word, is_head, is_title, name_of
from indexer.entity_words import (
    AUXILIARIES,
    CURRENCIES,
    FIRM_TAILS,
    GENERIC_HEAD_FORMS,
    GEOGRAPHIC_FORMS,
    HEAD_FORMS,
    HEADS,
    KUNYA_FORMS,
    LINEAGE_LINKS,
    NAME_LINKS,
    NAMED_AFTER_FORMS,
    NATIONALITIES,
    NOT_PERSONS,
    PLURAL_ENDINGS,
    ROLE_HEAD_FORMS,
    STREET_WORDS,
    THE_COMPANY_FORMS,
)
from indexer.normalize import normalize

INITIALS = frozenset(normalize(name) for name in LETTER_NAMES.values())  # Latin letters as Arabic spells them


def tagger_spans(words: list[Word], offsets: list[tuple[int, int]], tag_spans: list[tuple[str, int, int]]
                 ) -> list[Span]:
    """PER and ORG spans of the tagger that start and end on word boundaries (`offsets`: the words' spans), as
    word-index spans. An ORG span that starts in Latin script ends before an Arabic word unless that word ends
    firm names or is an adjective of origin (Meta | بشأن; CNBC عربية)."""
    out = []
    for label, start, end in tag_spans:
        first, last = bisect_left(offsets, (start,)), bisect_left(offsets, (end,))
        if label not in ("PER", "ORG") or first == len(offsets) or offsets[first][0] != start or last == 0 \
                or offsets[last - 1][1] != end:
            continue
        if label == "ORG" and words[first].latin:
            last = next((k for k in range(first + 1, last) if not words[k].latin and words[k].norm not in FIRM_TAILS
                         and not words[k].norm.endswith(("ي", "يه"))), last)
        kind = "person" if label == "PER" else org_kind(words[first])
        out.append(Span(kind, first, last))
    return out


def misc_words(offsets: list[tuple[int, int]], tag_spans: list[tuple[str, int, int]]) -> set[int]:
    """Indexes of the words (`offsets`: their spans) inside the tagger's MISC spans (names it could not type)."""
    return {i for label, start, end in tag_spans if label == "MISC"
            for i in range(bisect_left(offsets, (start,)), bisect_left(offsets, (end,)))}


def titled_persons(text: str, words: list[Word], offsets: list[tuple[int, int]], misc: set[int],
                    stopwords: frozenset[str]) -> list[Span]:
    """A name the tagger could not type right after a definite title is a person's (والسناتور جيه دي فانس): up
    to three words without the article, stopwords or punctuation between them, the last inside a MISC span."""
    out = []
    for i, word in enumerate(words[:-1]):
        if not (is_title(word) and "ال" in word.norm[:4]):
            continue
        j = i + 1
        while j < len(words) and j - i <= 3 and not words[j].latin and words[j].norm not in stopwords \
                and not words[j].norm.startswith("ال") \
                and not PERSON_BREAK.search(text, offsets[j - 1][1], offsets[j][0]):
            j += 1
        last = max((k for k in range(i + 1, j) if k in misc), default=None)
        if last is not None:
            out.append(Span("person", i + 1, last + 1))
    return out


def split_at_marks(text: str, offsets: list[tuple[int, int]], spans: list[Span]) -> list[Span]:
    """A span is cut where punctuation stands between two of its words: a comma, colon, bracket or quote ends any
    name, and a hyphen or slash between the only two words of a person span joins two people (تذكرة ترامب-فانس;
    جونغ-هو بارك stays one name)."""
    out = []
    for span in spans:
        marks = PERSON_BREAK if span.kind == "person" and span.last - span.first == 2 else NAME_BREAK
        first = span.first
        for k in range(span.first + 1, span.last):
            if marks.search(text, offsets[k - 1][1], offsets[k][0]):
                out.append(Span(span.kind, first, k))
                first = k
        out.append(Span(span.kind, first, span.last))
    return out


def trim_persons(words: list[Word], spans: list[Span], names: frozenset[str], frequent: frozenset[str] = frozenset()
                  ) -> list[Span]:
    """Person spans without the titles inside them (ترامب والسناتور → ترامب), cut before an auxiliary or speech
    verb (… كونواي كانا) or a number (لجنة ترامب 47), and without a trailing plural or feminine adjective
    (… البارزين), nor a first word that is the dual or plural of a `frequent` word (قال مصدران، الشابان أرنولد),
    nor an indefinite accusative noun (عزت أبو عوف برنامجا), nor a leading verb in the future (وسيغيب إيتو), nor a
    leading preposition على spelt with ى (أفضلية على شابيرو: the name علي is spelt with ي); a plural verb cuts
    the span (وول ستريت يصطفون خلف شابيرو).
    Not persons, dropped: a name ending in a street word (وول ستريت), a name after the indefinite head of a place,
    prize or event named after someone (جائزة نوبل، ملعب سانتياغو برنابيو), and الله alone."""
    out = []
    for span in spans:
        if span.kind != "person":
            out.append(span)
            continue
        run: list[int] = []
        for k in [*range(span.first, span.last), None]:
            if k is not None and not is_title(words[k]) and not (k > span.first and words[k].norm in AUXILIARIES) \
                    and not any(c.isdigit() for c in words[k].norm) \
                    and not (k == span.first and _is_plural_noun(words[k], names, frequent)) \
                    and not _is_accusative_noun(words[k], names, frequent) \
                    and not (k == span.first and _is_future_verb(words[k], names)) \
                    and not (k == span.first and k + 1 < span.last and words[k].text == "على") \
                    and not _is_plural_verb(words[k], names):
                run.append(k)
            elif run:
                last = run[-1]
                if len(run) > 1 and _is_plural_adjective(words[last], names):
                    run.pop()
                if not _is_named_place(words, run):
                    out.append(Span("person", run[0], run[-1] + 1))
                run = []
    return out


def persons_after_roles(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                        names: frozenset[str], frequent: frozenset[str], stopwords: frozenset[str]) -> list[Span]:
    """Spans plus the person a role phrase introduces when the tagger missed it: an indefinite role word and its
    definite complement, then a first name of the name list without the article and one more word, a name part or
    else neither `frequent` nor starting with و, and no stopword, all apart by spaces only (وقال وزير المالية
    منصور الشهري; not رئيس الدولة الرابع والأربعين)."""
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
            found.append(Span("person", i + 2, i + 4))
    return sorted(spans + found, key=lambda span: span.first)


def not_after_geographic_heads(words: list[Word], spans: list[Span]) -> list[Span]:
    """Spans without the names right after the indefinite head of a natural place (في وادي السيليكون، جبل طارق):
    the place's own name, whatever the tagger made of it."""
    return [span for span in spans if span.first == 0 or words[span.first - 1].norm not in GEOGRAPHIC_FORMS]


def organisations_not_words(words: list[Word], spans: list[Span]) -> list[Span]:
    """Spans without the firms and organisations of one word that is a currency (مليار ريال), an organisation's
    head alone (بنك), or a definite word right after الشركة, which it describes (الشركة الأم، الشركة الناشئة)."""
    def is_word(span: Span) -> bool:
        word = words[span.first]
        return span.last - span.first == 1 and (
            word.bare in CURRENCIES or word.norm in CURRENCIES or word.norm in HEAD_FORMS or word.bare in HEADS
            or (span.first > 0 and words[span.first - 1].norm in THE_COMPANY_FORMS and word.norm.startswith("ال")))

    return [span for span in spans if span.kind == "person" or not is_word(span)]


def persons_not_places(words: list[Word], spans: list[Span], places: frozenset[str]) -> list[Span]:
    """Spans without the persons that are, or begin, a town or city of two words or more in `places` (words
    normalized, joined by one space): هونج كونج is a place, whatever the tagger made of its name-like words, and
    so is هونج taken alone before كونج."""
    def is_place(span: Span) -> bool:
        for last in range(max(span.last, span.first + 2), min(span.last + 2, len(words)) + 1):
            rest = " ".join(words[k].norm for k in range(span.first + 1, last))
            if f"{words[span.first].norm} {rest}" in places or f"{words[span.first].bare} {rest}" in places:
                return True
        return False

    return [span for span in spans if span.kind != "person" or not is_place(span)]


def persons_not_adjectives(words: list[Word], spans: list[Span], frequent: frozenset[str]) -> list[Span]:
    """Spans without a one-word definite person right after a definite `frequent` word that is not a title: an
    adjective (رأس المال الصبور), not a name, unless the document names someone with it as a surname (خلدون
    المبارك … أكد المبارك)."""
    surnames = {words[span.last - 1].norm for span in spans if span.kind == "person" and span.last - span.first > 1}

    def is_adjective(span: Span) -> bool:
        word, before = words[span.first], words[span.first - 1]
        return (word.norm.startswith("ال") and before.norm.startswith("ال") and before.norm in frequent
                and not is_title(before) and word.norm not in surnames)

    return [span for span in spans
            if span.kind != "person" or span.last - span.first > 1 or span.first == 0 or not is_adjective(span)]


def _is_plural_verb(word: Word, names: frozenset[str]) -> bool:
    """Is the word a verb of the plural, not a name: imperfect, ي or ت, three letters or more, then ون (يصطفون،
    تتنافسون; ماكرون starts otherwise), or perfect, ending in وا (اندسوا)?"""
    bare = word.bare
    return bare not in names and ((len(bare) > 5 and bare[0] in "يت" and bare.endswith("ون"))
                                  or (len(bare) > 3 and bare.endswith("وا")))


def _is_future_verb(word: Word, names: frozenset[str]) -> bool:
    """Is the word و or ف, then the future's س, then an imperfect prefix (وسيغيب، فستبقى), and not a name with or
    without the و (وستيفن)?"""
    return len(word.norm) > 4 and word.norm[:2] in ("وس", "فس") and word.norm[2] in "يتن" \
        and word.norm not in names and word.norm[1:] not in names


def _is_accusative_noun(word: Word, names: frozenset[str], frequent: frozenset[str]) -> bool:
    """Is the word an indefinite accusative (the alif of tanween) on a `frequent` word, and not a name itself
    (قدم برنامجا)?"""
    bare = word.bare
    return len(bare) > 3 and bare.endswith("ا") and bare[:-1] in frequent and bare not in names


def _is_plural_noun(word: Word, names: frozenset[str], frequent: frozenset[str]) -> bool:
    """Is the word, without its article, the dual or plural of a `frequent` word of three letters or more and not
    a name itself (مصدران، مسؤولون، الشابان; not عنان)?"""
    bare = word.bare[2:] if word.bare.startswith("ال") else word.bare
    return len(bare) > 4 and bare.endswith(("ان", "ون", "ين")) and bare[:-2] in frequent and bare not in names


def _is_named_place(words: list[Word], run: list[int]) -> bool:
    """Do the words `run` (a tagged person's) name a street, a place, prize or event, or God (trim_persons)?"""
    return (len(run) > 1 and words[run[-1]].bare in STREET_WORDS) or (
        run[0] > 0 and words[run[0] - 1].norm in NAMED_AFTER_FORMS) or (
        len(run) == 1 and words[run[0]].bare in NOT_PERSONS)


def persons_after_generic_heads(words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                                 names: frozenset[str], stopwords: frozenset[str]) -> list[Span]:
    """An organisation span that starts with a definite generic head followed by a person's name is that person,
    named after a reference to their employer (في البنك سارة المهيري، للصندوق كريستالينا غورغييفا، رئيسة الهيئة
    سعاد المطيري): the name's first word is a known name part without the article, or two or more words without
    the article follow the head. A lone first name takes the next word as surname."""
    out = []
    for span in spans:
        rest = range(span.first + 1, span.last)
        first_name = bool(rest) and words[rest[0]].bare in names and not words[rest[0]].bare.startswith("ال")
        if span.kind == "person" or not rest or words[span.first].norm not in GENERIC_HEAD_FORMS or not (
                first_name or (len(rest) > 1 and not any(words[k].bare.startswith("ال") for k in rest))):
            out.append(span)
            continue
        last = _with_surname(words, offsets, span.last, stopwords) if len(rest) == 1 else span.last
        out.append(Span("person", rest[0], last))
    return out


def organisations_before_nisba(words: list[Word], spans: list[Span]) -> list[Span]:
    """A tagged person of one or two words followed by an adjective of nationality is an organisation, mostly a
    team (يوفنتوس الإيطالي، ريال مدريد الإسباني): Arabic news puts a person's nationality before the name."""
    out = []
    for span in spans:
        if span.kind == "person" and span.last - span.first <= 2 and span.last < len(words) \
                and words[span.last].norm in NATIONALITIES:
            span = Span("org", span.first, span.last)
        out.append(span)
    return out


def _is_plural_adjective(word: Word, names: frozenset[str]) -> bool:
    """البارزين, الأمريكيون, العربيه: a definite word with a plural or feminine ending after a stem of three letters
    or more (not الزين، الدين، الحسين), not a known name part."""
    return word.bare.startswith("ال") and word.bare.endswith(PLURAL_ENDINGS) and len(word.bare) >= 7 \
        and word.bare not in names


def cut(words: list[Word], offsets: list[tuple[int, int]], tagged: list[Span], named: list[Span],
         stopwords: frozenset[str], names: frozenset[str]) -> list[Span]:
    """Tagger spans with the words of rule-found names taken out (Lazard راي ماكجواير → راي ماكجواير). A leftover
    organisation piece just after a rule-found firm is the person the role phrase names (الرئيس التنفيذي لشركة
    X مارك لاسري): it joins the person span that follows it, or, when it starts with a known first name, takes
    the next word as the surname; otherwise it is dropped. A piece that is only a descriptor (شركة) is dropped."""
    fixed = {k for span in named for k in range(span.first, span.last)}
    pieces: list[Span] = []
    for span in tagged:
        run: list[int] = []
        for k in [*range(span.first, span.last), None]:
            if k is not None and k not in fixed:
                run.append(k)
            elif run:
                pieces.append(Span(span.kind, run[0], run[-1] + 1))
                run = []
    out: list[Span] = []
    for piece in sorted(pieces, key=lambda p: p.first):
        if all(is_head(words[k], HEAD_FORMS) for k in range(piece.first, piece.last)):
            continue
        after_name = piece.first - 1 in fixed and piece.first not in {s.first for s in tagged}
        if piece.kind != "person" and after_name:
            nxt = next((p for p in pieces if p.first == piece.last and p.kind == "person"), None)
            if nxt is not None:
                pieces.remove(nxt)
                out.append(Span("person", piece.first, nxt.last))
            elif words[piece.first].bare in names:
                out.append(Span("person", piece.first, _with_surname(words, offsets, piece.last, stopwords)))
            continue
        out.append(piece)
    return out


def _with_surname(words: list[Word], offsets: list[tuple[int, int]], end: int, stopwords: frozenset[str]) -> int:
    """The end of a name that may go on with one more word: an Arabic word right after it (one space), not a
    stopword, descriptor, title or organisation head."""
    if end < len(words) and offsets[end][0] - offsets[end - 1][1] == 1 and not words[end].latin:
        word = words[end]
        if word.norm not in stopwords and not is_title(word) and not is_head(word, HEAD_FORMS):
            return end + 1
    return end


def with_name_links(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                    stopwords: frozenset[str], names: frozenset[str], frequent: frozenset[str] = frozenset()
                    ) -> list[Span]:
    """Person spans completed over the words that tie a name together: one ending on a link takes the next word
    (محمد بن | سلمان), one followed by a link and a word takes both (حمد بن عيسى | آل خليفة; ألكسندر | فان دير
    بيلن), one starting with بن، ابن، بنت or ولد, or right after one, takes the word before (معاوية | بن أبي سفيان،
    عائشة بنت | أبي بكر), one right after the first word of a kunya takes that word (أبي | وقاص), and one ending on
    a lineage link and a name takes a family name with the article that is not `frequent` right after it (ناصر بن
    عبدالعزيز | المنصور). A taken word must be free or start (or end) a person span, which then joins; it must not be a
    single letter (1258 م ولد …), a title, a stopword unless a name too (علي), nor, after a link other than عبد,
    carry the article (ابن الرئيس), nor be set apart by punctuation."""
    owner = {k: span for span in spans for k in range(span.first, span.last)}
    out: list[Span] = []

    def joinable(k: int, after: int) -> bool:
        word, other = words[k], owner.get(k)
        return (len(word.norm) > 1 and not word.latin and (word.norm not in stopwords or word.norm in names
                                                            or word.text == "فان")  # van, not فإن
                and not is_title(word) and (other is None or other.kind == "person")
                and not PERSON_BREAK.search(text, offsets[min(k, after)][1], offsets[max(k, after)][0]))

    def article_ok(link: int, k: int) -> bool:
        return words[link].norm == "عبد" or not words[k].norm.startswith("ال")

    for span in spans:
        if out and out[-1].last > span.first:
            continue  # the person before took it in
        if span.kind != "person":
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
        out.append(Span("person", first, last))
    return out


INITIAL_GAP = re.compile(r"\.\s?")  # what stands after an initial: a full stop, then at most one space


def with_initials(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                  stopwords: frozenset[str]) -> list[Span]:
    """Spans with the persons written with initials: Latin letters spelt in Arabic, each followed by a full stop,
    then a name without the article (توماس دبليو. كالاهان، جيه. بي. بريتزكر): one person from the person span that
    ends among or right before them, or from the first initial, to the name; the spans inside give way."""
    def initial(k: int) -> bool:
        return k + 1 < len(words) and words[k].norm in INITIALS \
            and INITIAL_GAP.fullmatch(text, offsets[k][1], offsets[k + 1][0]) is not None

    persons = [span for span in spans if span.kind == "person"]
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
        found.append(Span("person", before.first if before else k, last + 1))
        after = last + 1
    if not found:
        return spans
    taken = {j for span in found for j in range(span.first, span.last)}
    kept = [span for span in spans if not taken.intersection(range(span.first, span.last))]
    return sorted(kept + found, key=lambda span: span.first)


def split_known_persons(words: list[Word], spans: list[Span]) -> list[Span]:
    """A person span made of two people the document names elsewhere is cut in two (إدارة بايدن هاريس: بايدن is
    the surname of one full name, هاريس of another)."""
    full_names = {tuple(name_of(words, s).split()) for s in spans if s.kind == "person"}
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
        cut = next((k for k in range(1, len(name)) if span.kind == "person" and len(name) == span.last - span.first
                    and known(name[:k], name) and known(name[k:], name)), None)
        if cut is None:
            out.append(span)
        else:
            out += [Span("person", span.first, span.first + cut), Span("person", span.first + cut, span.last)]
    return out


def split_at_and(words: list[Word], spans: list[Span]) -> list[Span]:
    """Two names joined by و inside one span become two spans (غوغل وميكروسوفت, كونواي وهوفمان) when the word
    after و is known on its own (in the document or the name lists)."""
    out = []
    for span in spans:
        first = span.first
        for k in range(span.first + 1, span.last):
            if words[k].norm.startswith("و") and words[k].bare == words[k].norm[1:]:
                out.append(Span(span.kind, first, k))
                first = k
        out.append(Span(span.kind, first, span.last))
    return out


def resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the longest span where spans overlap (ties: the earlier one in the list wins)."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: -(s.last - s.first)):
        if not taken.intersection(range(span.first, span.last)):
            chosen.append(span)
            taken.update(range(span.first, span.last))
    return sorted(chosen, key=lambda s: s.first)


def with_first_names(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                      names: frozenset[str], frequent: frozenset[str], stopwords: frozenset[str]) -> list[Span]:
    """A one-word person span takes the word before it when that is a first name: a name-list word, not
    `frequent` (وأكد، أمير), a stopword, a title or a head, with no punctuation between (لمبادلة خلدون المبارك
    → خلدون المبارك)."""
    taken = {k for s in spans for k in range(s.first, s.last)}
    out = []
    for span in spans:
        i = span.first - 1
        if span.kind == "person" and span.last - span.first == 1 and i >= 0 and i not in taken:
            word = words[i]
            if word.norm == word.bare and word.norm in names and word.norm not in frequent \
                    and word.norm not in stopwords and not word.latin \
                    and not is_title(word) and not is_head(word, HEAD_FORMS) \
                    and not PERSON_BREAK.search(text, offsets[i][1], offsets[span.first][0]):
                span = Span("person", i, span.last)
        out.append(span)
    return out


_LIST_COMMA = re.compile(r"[،,]")
_LIST_END = re.compile(r"[.!?؟:؛;()\[\]«»\"“”\n]")


def list_persons(text: str, words: list[Word], offsets: list[tuple[int, int]], spans: list[Span],
                 stopwords: frozenset[str], frequent: frozenset[str] = frozenset()) -> list[Span]:
    """In a list of items set apart by commas where at least two items are whole persons (the first may start
    with other words: قدمه احمد السقا ، وأحمد رزق ، وغادة عادل), the other items of two or three free words are
    persons too, unless the first word carries the article (والراقصة دينا) or is a `frequent` word (وفقا لهؤلاء
    الأشخاص), or a word is a stopword, a title, a number or Latin."""
    if sum(span.kind == "person" for span in spans) < 2:
        return spans
    owner = {k: span for span in spans for k in range(span.first, span.last)}
    found = list(spans)
    k = 0
    while k < len(words):
        items, start = [], k  # one list: items up to a gap that is no comma
        while k < len(words):
            gap = text[offsets[k][1]:offsets[k + 1][0]] if k + 1 < len(words) else "."
            k += 1
            if gap == " ":
                continue
            if _LIST_END.search(gap):
                items.append((start, k))
                break
            if _LIST_COMMA.search(gap):
                items.append((start, k))
                start = k
        whole = [(a, b) for n, (a, b) in enumerate(items) if b - 1 in owner and owner[b - 1].kind == "person"
                 and owner[b - 1].last == b and (owner[b - 1].first >= a if n == 0 else owner[b - 1].first == a)]
        if len(whole) < 2 or len(items) < 3:
            continue
        for a, b in items:
            free = all(j not in owner and not words[j].latin and words[j].norm not in stopwords
                       and not is_title(words[j]) and not any(c.isdigit() for c in words[j].norm) for j in range(a, b))
            if 2 <= b - a <= 3 and free and not words[a].norm.startswith(("ال", "وال", "فال")) \
                    and words[a].bare not in frequent:
                found.append(Span("person", a, b))
    return sorted(found, key=lambda span: span.first)
