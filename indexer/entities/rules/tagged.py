"""Rules on the tagger's spans: taken as persons and organisations, cut at punctuation, titles and verbs trimmed,
a person after an employer's head, cut around the names the cues found, titled names, overlaps resolved."""

from __future__ import annotations

from indexer.clitics import CONJUNCTIONS
from indexer.entities.document import Doc
from indexer.entities.kinds import ORG, OTHER, PERSON
from indexer.entities.lexicon import (
    AUXILIARIES,
    FIRM_TAILS,
    GENERIC_HEAD_FORMS,
    HEAD_FORMS,
    NAME_LINKS,
    NAMED_AFTER_FORMS,
    NAMED_AFTER_TITLES,
    NATIONALITIES,
    NOT_PERSONS,
    PLURAL_ENDINGS,
    PRAYERS,
    SAINT_WORDS,
    STREET_WORDS,
)
from indexer.entities.rules.cues import descriptor_complements
from indexer.entities.words import NAME_BREAK, PERSON_BREAK, Span, Word, in_arabic_line, is_head, is_title, org_kind


def tagger_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus the tagger's persons and organisations on lines with an Arabic letter (not an English headline or
    slug); an organisation is a firm unless its first word is an organisation's head (org_kind). One that starts in
    Latin script ends before an Arabic word unless that word ends firm names or is an adjective of origin (Meta |
    بشأن; CNBC عربية)."""
    words, out = doc.words, list(spans)
    for kind, first, last, _ in doc.tagged:
        if kind not in (PERSON, ORG) or not in_arabic_line(doc.text, doc.offsets[first][0]):
            continue
        if kind == ORG and words[first].latin:
            last = next((k for k in range(first + 1, last) if not words[k].latin and words[k].norm not in FIRM_TAILS
                         and not words[k].norm.endswith(("ي", "يه"))), last)
        out.append(Span(PERSON if kind == PERSON else org_kind(words[first]), first, last))
    return out


def split_at_marks(doc: Doc, spans: list[Span]) -> list[Span]:
    """A span is cut where punctuation stands between two of its words: a comma, colon, bracket or quote ends any
    name, and a hyphen or slash between the only two words of a person span joins two people (تذكرة ترامب-فانس;
    جونغ-هو بارك stays one name)."""
    out = []
    for span in spans:
        marks = PERSON_BREAK if span.kind == PERSON and span.last - span.first == 2 else NAME_BREAK
        first = span.first
        for k in range(span.first + 1, span.last):
            if marks.search(doc.gap(k)):
                out.append(Span(span.kind, first, k))
                first = k
        out.append(span if first == span.first else Span(span.kind, first, span.last))
    return out


def trim_persons(doc: Doc, spans: list[Span]) -> list[Span]:
    """Person spans without the titles inside them (ترامب والسناتور → ترامب; but محمد آل الشيخ: after a name link
    a title is a family's name), cut before an auxiliary or speech verb (… كونواي كانا), a prayer (عبدالمجيد بن
    عبدالعزيز رحمه الله; a prayer alone is no name) or a number (لجنة ترامب 47), and without a trailing plural or
    feminine adjective (… البارزين), nor a first word that is the dual or plural of a frequent word (قال مصدران، الشابان أرنولد),
    nor an indefinite accusative noun (عزت أبو عوف برنامجا), nor a leading verb in the future (وسيغيب إيتو), nor a
    leading preposition على spelt with ى (أفضلية على شابيرو: the name علي is spelt with ي), nor a leading stopword
    that is no name part (بلا حسيب، إن); a plural verb cuts
    the span (وول ستريت يصطفون خلف شابيرو).
    Not persons, dropped: a name ending in a street word (وول ستريت) or starting with "Saint" (سان ريمو), a name after
    the indefinite head of a place, prize, event or institution named after someone, a title maybe between (جائزة
    نوبل، ملعب سانتياغو برنابيو، مركز الملك خالد), and الله alone."""
    words, names, frequent = doc.words, doc.lists.names, doc.lists.frequent
    out = []
    for span in spans:
        if span.kind != PERSON:
            out.append(span)
            continue
        run: list[int] = []
        for k in [*range(span.first, span.last), None]:
            linked = k is not None and k > span.first and words[k - 1].norm in NAME_LINKS  # آل الشيخ: a family name
            if k is not None and (linked or not is_title(words[k])) \
                    and not (k > span.first and words[k].norm in AUXILIARIES) and words[k].norm not in PRAYERS \
                    and not any(c.isdigit() for c in words[k].norm) \
                    and not (k == span.first and _is_plural_noun(words[k], names, frequent)) \
                    and not _is_accusative_noun(words[k], names, frequent) \
                    and not (k == span.first and _is_future_verb(words[k], names)) \
                    and not (k == span.first and k + 1 < span.last and words[k].text == "على") \
                    and not (k == span.first and words[k].norm in doc.lists.stopwords and words[k].norm not in names
                             and words[k].text != "علي") \
                    and not _is_plural_verb(words[k], names):
                run.append(k)
            elif run:
                last = run[-1]
                if len(run) > 1 and _is_plural_adjective(words[last], names):
                    run.pop()
                if not _is_named_place(words, run):
                    out.append(span if (run[0], run[-1] + 1) == (span.first, span.last)
                               else Span(PERSON, run[0], run[-1] + 1))
                run = []
    return out


def _is_plural_verb(word: Word, names: frozenset[str]) -> bool:
    """Is the word a verb of the plural, not a name: imperfect, ي or ت, three letters or more, then ون (يصطفون،
    تتنافسون; ماكرون starts otherwise), or perfect, ending in وا (اندسوا)?"""
    bare = word.bare
    return bare not in names and ((len(bare) > 5 and bare[0] in "يت" and bare.endswith("ون"))
                                  or (len(bare) > 3 and bare.endswith("وا")))


def _is_future_verb(word: Word, names: frozenset[str]) -> bool:
    """Is the word و or ف, then the future's س, then an imperfect prefix (وسيغيب، فستبقى), and not a name with or
    without the و (وستيفن)?"""
    return len(word.norm) > 4 and word.norm[0] in CONJUNCTIONS and word.norm[1] == "س" and word.norm[2] in "يتن" \
        and word.norm not in names and word.norm[1:] not in names


def _is_accusative_noun(word: Word, names: frozenset[str], frequent: frozenset[str]) -> bool:
    """Is the word an indefinite accusative (the alif of tanween) on a frequent word, and not a name itself
    (قدم برنامجا)?"""
    bare = word.bare
    return len(bare) > 3 and bare.endswith("ا") and bare[:-1] in frequent and bare not in names


def _is_plural_noun(word: Word, names: frozenset[str], frequent: frozenset[str]) -> bool:
    """Is the word, without its article, the dual or plural of a frequent word of three letters or more and not
    a name itself (مصدران، مسؤولون، الشابان; not عنان)?"""
    bare = word.bare[2:] if word.bare.startswith("ال") else word.bare
    return len(bare) > 4 and bare.endswith(("ان", "ون", "ين")) and bare[:-2] in frequent and bare not in names


def _is_plural_adjective(word: Word, names: frozenset[str]) -> bool:
    """البارزين, الأمريكيون, العربيه: a definite word with a plural or feminine ending after a stem of three letters
    or more (not الزين، الدين، الحسين), not a known name part."""
    return word.bare.startswith("ال") and word.bare.endswith(PLURAL_ENDINGS) and len(word.bare) >= 7 \
        and word.bare not in names


def _is_named_place(words: list[Word], run: list[int]) -> bool:
    """Do the words `run` (a tagged person's) name a street, a place (سان ريمو), a place, prize, event or institution
    named after someone, maybe through a title (ملعب سانتياغو برنابيو، مركز الملك خالد الحضاري), or God
    (trim_persons)?"""
    first = run[0]
    titled = first > 1 and words[first - 1].norm in NAMED_AFTER_TITLES
    return (len(run) > 1 and words[run[-1]].bare in STREET_WORDS) or (
        len(run) > 1 and words[first].bare in SAINT_WORDS) or (
        first > 0 and words[first - 1].norm in NAMED_AFTER_FORMS) or (
        titled and words[first - 2].norm in NAMED_AFTER_FORMS) or (
        len(run) == 1 and words[first].bare in NOT_PERSONS)


def persons_after_generic_heads(doc: Doc, spans: list[Span]) -> list[Span]:
    """An organisation span that starts with a definite generic head followed by a person's name is that person,
    named after a reference to their employer (في البنك سارة المهيري، للصندوق كريستالينا غورغييفا، رئيسة الهيئة
    سعاد المطيري): the name's first word is a known name part without the article, or two or more words without
    the article follow the head. A lone first name takes the next word as surname."""
    words, names = doc.words, doc.lists.names
    out = []
    for span in spans:
        rest = range(span.first + 1, span.last)
        first_name = bool(rest) and words[rest[0]].bare in names and not words[rest[0]].bare.startswith("ال")
        if span.kind == PERSON or not rest or words[span.first].norm not in GENERIC_HEAD_FORMS or not (
                first_name or (len(rest) > 1 and not any(words[k].bare.startswith("ال") for k in rest))):
            out.append(span)
            continue
        last = with_surname(doc, span.last) if len(rest) == 1 else span.last
        out.append(Span(PERSON, rest[0], last))
    return out


def organisations_before_nisba(doc: Doc, spans: list[Span]) -> list[Span]:
    """A tagged person of one or two words followed by an adjective of nationality is an organisation, mostly a
    team (يوفنتوس الإيطالي، ريال مدريد الإسباني): Arabic news puts a person's nationality before the name."""
    words = doc.words
    out = []
    for span in spans:
        if span.kind == PERSON and span.last - span.first <= 2 and span.last < len(words) \
                and words[span.last].norm in NATIONALITIES:
            span = span._replace(kind=ORG)
        out.append(span)
    return out


def without_cue_words(doc: Doc, spans: list[Span]) -> list[Span]:
    """The tagger's spans with the words of cue-found names (those with a cue) taken out (Lazard راي ماكجواير →
    راي ماكجواير), and none made only of a descriptor and its complement before a cue-found firm (descriptor_complements).
    A leftover organisation piece just after a cue-found firm is the person the role phrase names (الرئيس التنفيذي
    لشركة X مارك لاسري): it joins the person span that follows it, or, when it starts with a known first name,
    takes the next word as the surname; otherwise it is dropped. A piece that is only a descriptor (شركة) is
    dropped."""
    words, names = doc.words, doc.lists.names
    named = [span for span in spans if span.cue]
    tagged = [span for span in spans if not span.cue]
    fixed = {k for span in named for k in range(span.first, span.last)}
    pieces: list[Span] = []
    for span in tagged:
        run: list[int] = []
        for k in [*range(span.first, span.last), None]:
            if k is not None and k not in fixed:
                run.append(k)
            elif run:
                pieces.append(span if len(run) == span.last - span.first else Span(span.kind, run[0], run[-1] + 1))
                run = []
    out: list[Span] = []
    for piece in sorted(pieces, key=lambda p: p.first):
        if all(is_head(words[k], HEAD_FORMS) for k in range(piece.first, piece.last)):
            continue
        after_name = piece.first - 1 in fixed and piece.first not in {s.first for s in tagged}
        if piece.kind != PERSON and after_name:
            nxt = next((p for p in pieces if p.first == piece.last and p.kind == PERSON), None)
            if nxt is not None:
                pieces.remove(nxt)
                out.append(Span(PERSON, piece.first, nxt.last))
            elif words[piece.first].bare in names:
                out.append(Span(PERSON, piece.first, with_surname(doc, piece.last)))
            continue
        out.append(piece)
    described = descriptor_complements(doc, named)
    return named + [span for span in out if not described.issuperset(range(span.first, span.last))]


def with_surname(doc: Doc, end: int) -> int:
    """The end of a name that may go on with one more word: an Arabic word right after it (one space), not a
    stopword, descriptor, title or organisation head."""
    words, offsets = doc.words, doc.offsets
    if end < len(words) and offsets[end][0] - offsets[end - 1][1] == 1 and not words[end].latin:
        word = words[end]
        if word.norm not in doc.lists.stopwords and not is_title(word) and not is_head(word, HEAD_FORMS):
            return end + 1
    return end


def titled_persons(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus a person for a name the tagger could not type right after a definite title (والسناتور جيه دي
    فانس): up to three words without the article, stopwords or punctuation between them, the last inside one of
    the tagger's untyped (other) spans."""
    words, stopwords = doc.words, doc.lists.stopwords
    misc = {k for span in doc.tagged if span.kind == OTHER for k in range(span.first, span.last)}
    out = list(spans)
    for i, word in enumerate(words[:-1]):
        if not (is_title(word) and "ال" in word.norm[:4]):
            continue
        j = i + 1
        while j < len(words) and j - i <= 3 and not words[j].latin and words[j].norm not in stopwords \
                and not words[j].norm.startswith("ال") and not PERSON_BREAK.search(doc.gap(j)):
            j += 1
        last = max((k for k in range(i + 1, j) if k in misc), default=None)
        if last is not None:
            out.append(Span(PERSON, i + 1, last + 1))
    return out


def resolve_overlaps(doc: Doc, spans: list[Span]) -> list[Span]:
    """Where spans overlap, the longest is kept: first among the cue-found names, then among all (on a tie the
    earlier in the list wins, cue-found names first)."""
    named = _longest([span for span in spans if span.cue])
    return _longest(named + [span for span in spans if not span.cue])


def _longest(spans: list[Span]) -> list[Span]:
    """Keep the longest span where spans overlap (ties: the earlier one in the list wins), in text order."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: -(s.last - s.first)):
        if not taken.intersection(range(span.first, span.last)):
            chosen.append(span)
            taken.update(range(span.first, span.last))
    return sorted(chosen, key=lambda s: s.first)
