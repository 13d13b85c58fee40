"""Rules that find names by cue words and script: capitalised Latin runs, a name after a descriptor (شركة X، بنك
X، الرئيس التنفيذي لـX فلان), with a sector complement or a borrowed firm ending; firms and organisations that
are only a word."""

from __future__ import annotations

import re
from bisect import bisect_left

from indexer.clitics import with_clitics
from indexer.entities.document import Doc
from indexer.entities.keys import REGISTERED_HEADS
from indexer.entities.kinds import FIRM, ORG, PERSON
from indexer.entities.lexicon import (
    ADJECTIVES,
    BANK_ADJECTIVES,
    BANK_FORMS,
    BANK_FUNCTIONS,
    COMPANY_FORMS,
    COMPLEMENT_HEADS,
    CURRENCIES,
    DEFINITE_NAME_FORMS,
    DESCRIPTOR_FORMS,
    DUAL_FORMS,
    EMPLOYER_ROLES,
    EXCHANGE_FORMS,
    EXPERT_FORMS,
    FIRM_TAILS,
    FOREIGN_FIRM_TAILS,
    HEAD_FORMS,
    HEADS,
    INDEX_FORMS,
    LONE_NAME_FORMS,
    ORG_DESCRIPTOR_FORMS,
    PERSONAL_DESCRIPTOR_FORMS,
    PRAYERS,
    PREPOSITION_NOUNS,
    ROLE_FORMS,
    SECTOR_DESCRIPTOR_FORMS,
    TAGGED_DESCRIPTOR_FORMS,
    THE_COMPANY_FORMS,
    TOLD_FORMS,
)
from indexer.entities.words import ARABIC_LETTER, Span, Word, in_arabic_line, is_head, is_nisba, org_kind
from indexer.normalize import normalize, strip_harakat

ANY_DESCRIPTOR_FORMS = DESCRIPTOR_FORMS | ORG_DESCRIPTOR_FORMS | TAGGED_DESCRIPTOR_FORMS  # where descriptor_names looks
QUOTES = {"«": "»", '"': '"', "“": "”"}  # an opening quotation mark → its closing one
QUOTE_MARK = re.compile('[«»"“”]')  # a quotation mark between two Latin words ends the name before it
CLAUSE_BREAK = re.compile(r"[،,؛;:.()\[\]\n]")  # punctuation that ends what a descriptor names
LATIN_CONNECTORS = frozenset({"of", "de", "del", "der", "des", "du", "la", "le", "van", "von", "the", "for"})
WEB_DOMAINS = frozenset({"com", "net", "org", "io", "ai", "co", "app"})  # the end of a firm's name (Checkout.com)
LIST = "list"  # the cue of a name found in a shipped list


def latin_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus the runs of capitalised Latin words (CNBC, Avenue Capital, 32 Advisors, Bank of America: a connector
    between two capitalised words stays inside, and so do & and a web domain: Whitmore & Klein, Checkout.com) as
    firms, except a run after a possessive, which names a person (Bessemer Venture's Deeter, Acme's Jane Roe). An Arabic letter between two words ends a run (AMD وNvidia: two firms), and so does a full stop
    after a word (Sunrise. Blue Harbor; not J. P. Morgan, Inc.); a lone
    capital letter is no name, nor a lone model or grade (A321neo, Baa3), nor anything on a line without Arabic
    (an English headline or slug: Harvard_University) or a translation after a language's name ((بالهولندية:
    Koninkrijk der Nederlanden))."""
    text, words, offsets = doc.text, doc.words, doc.offsets

    def joined(k: int) -> bool:  # does word k follow word k - 1 within the same Latin phrase?
        gap = text[offsets[k - 1][1]:offsets[k][0]] if k < len(words) else ""
        return k < len(words) and words[k].latin and (len(gap) <= 2 or gap.strip() == "&") \
            and not ARABIC_LETTER.search(gap) and not _sentence_end(words[k - 1].text, gap)

    def capitalised(k: int) -> bool:
        return words[k].text[0].isupper() or words[k].text[0].isdigit() or (
            words[k].text in WEB_DOMAINS and text[offsets[k - 1][1]:offsets[k][0]] == ".")

    out, j = [], 0
    for i in [i for i, w in enumerate(words) if w.latin and w.text[0].isupper()]:
        if i < j:
            continue  # inside the run before
        j = i + 1
        while joined(j) and (capitalised(j) or (words[j].text.lower() in LATIN_CONNECTORS and joined(j + 1)
                                                and words[j + 1].text[0].isupper())):
            j += 1
        if (j > i + 1 or (len(words[i].text) > 1 and not _is_model(words[i].text))) \
                and in_arabic_line(text, offsets[i][0]) and not _is_gloss(text, words, offsets, i):
            person = _after_possessive(words, offsets, i) or (i > 0 and words[i - 1].text == "by") or (
                i > 0 and words[i - 1].norm in EXPERT_FORMS) or (  # an expert, or experts and their field
                i > 1 and words[i - 2].norm in EXPERT_FORMS and words[i - 1].norm.startswith("ال")) or (
                i > 1 and words[i - 1].norm == "و" and bool(out) and out[-1][0] == PERSON and out[-1][2] == i - 1)
            out.append(Span(PERSON if person else FIRM, i, j, "latin"))
    return spans + out


LATIN_ABBREVIATIONS = frozenset({"inc", "co", "corp", "ltd", "bros", "jr", "sr", "st", "mr", "dr", "no", "vs"})


def _sentence_end(before: str, gap: str) -> bool:
    """Does a full stop after the Latin word `before` end a sentence (Sunrise. Blue Harbor: two titles), rather than
    an initial or an abbreviation (J. P. Morgan، Inc. Group)?"""
    return gap.startswith(".") and gap[1:2].isspace() and len(before) > 1 and before.casefold() not in LATIN_ABBREVIATIONS


def _is_model(token: str) -> bool:
    """Is a Latin word a model or grade rather than a name: digits and lower-case letters (A321neo، Baa3)?"""
    return any(c.isdigit() for c in token) and any(c.islower() for c in token)


def _is_gloss(text: str, words: list[Word], offsets: list[tuple[int, int]], i: int) -> bool:
    """Is Latin word i the start of a translation, after a language's name and a colon (بالإنجليزية:)?"""
    before = words[i - 1].norm if i > 0 else ""
    return before.startswith("بال") and before.endswith("يه") and ":" in text[offsets[i - 1][1]:offsets[i][0]]


def _after_possessive(words: list[Word], offsets: list[tuple[int, int]], i: int) -> bool:
    """Does word i follow a Latin possessive ('s written right after a Latin word: Venture's)?"""
    return i >= 2 and words[i - 1].text == "s" and words[i - 2].latin and offsets[i - 1][0] - offsets[i - 2][1] == 1


def descriptor_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus a name right after an indefinite descriptor (شركة، قناة، منصة … for firms; فريق، نادي for other organisations; بنك،
    مصرف، صندوق only before a tagged or Latin name or one ending like a firm's), past a firm's definite complement (شركة
    المحاماة X, شركة رأس المال الاستثماري X; after حزب the complement is the party's own name, and a name after it is a
    person's: حزب التجديد الوطني سلمى الحداد): a Latin run, a word followed by words that end firm names (أفينو
    كابيتال), or a name the tagger found there, whatever kind it gave it (شركة لازارد راي …: لازارد; صحيفة واشنطن بوست)
    but a person after مكتب (the person's office), or after some firm descriptors one untagged word that looks like a
    name (تطبيق زووم), or a name of up to four words between guillemets (شركة التكنولوجيا المالية «كنز باي»). An organisation's name the tagger found with its descriptor (حزب الله) is
    left to it. Other words after a descriptor are usually adjectives (شركة ناشئة) or a preposition (شركة ضمن …), and a
    number alone (وكالة و5900 شباك) is no name."""
    words, stopwords = doc.words, doc.lists.stopwords
    tagged = [span for span in spans if not span.cue]

    tagged_at = {span.first: span for span in tagged}
    in_name = {k for span in tagged for k in range(span.first, span.last)}
    out = []
    for i in [i for i, w in enumerate(words[:-1]) if w.norm in ANY_DESCRIPTOR_FORMS]:
        w = words[i]
        kind = FIRM if is_head(w, DESCRIPTOR_FORMS) else ORG if is_head(w, ORG_DESCRIPTOR_FORMS) else ""
        if is_head(w, TAGGED_DESCRIPTOR_FORMS) and (i + 1 in tagged_at or words[i + 1].latin or (
                i + 2 < len(words) and words[i + 2].norm in FIRM_TAILS and not words[i + 1].norm.startswith("ال")
                and words[i + 1].norm not in ADJECTIVES)):
            kind = FIRM
        if not kind or "ال" in w.norm[:3] or (kind == ORG and i in in_name) or CLAUSE_BREAK.search(doc.gap(i + 1)):
            continue  # a definite head refers back; after a comma a new clause starts (13 شركة، بلغ …)
        if w.norm in DUAL_FORMS and not any(words[k].norm[:1] == "و" and len(words[k].norm) > 2
                                            for k in range(i + 2, min(i + 5, len(words)))):
            continue  # شركتي سألت نفسي: "my company", no two firms
        past = _past_complement(words, i + 1) if kind == FIRM else i + 1
        named_past = past < len(words) and (words[past].latin or bool(_quoted_end(doc, past)))  # the complement describes it
        for j in dict.fromkeys((past, i + 1) if named_past else (i + 1, past)):
            if words[j].norm in stopwords or words[j].norm in PREPOSITION_NOUNS or is_head(words[j], HEAD_FORMS):
                continue
            k = j + 1
            while k < len(words) and k - j < 4 and (words[k].norm in FIRM_TAILS or (
                    words[j].latin and words[k].latin and not ARABIC_LETTER.search(doc.gap(k))
                    and not QUOTE_MARK.search(doc.gap(k)))):
                k += 1
            if k == j + 1 and words[j].text.isdigit():
                continue
            if j in tagged_at and tagged_at[j].kind == PERSON and is_head(w, PERSONAL_DESCRIPTOR_FORMS):
                break
            if kind == FIRM and (quoted := _quoted_end(doc, j)):
                k = quoted
            elif kind == FIRM and j == i + 1 and k == j + 1 and (phrase := _definite_phrase_end(doc, i)):
                k = phrase
            elif j in tagged_at and k == j + 1:
                k = _tagged_name_end(words, i, tagged_at[j])
            elif not (words[j].latin or k > j + 1 or (j in in_name and j == i + 1) or (
                    j == i + 1 and w.norm in LONE_NAME_FORMS and _is_lone_name(doc, j))):
                continue
            out.append(Span(kind, j, k, "descriptor"))
            break
    return spans + out


def bank_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus a bank named by its head, a definite word and an adjective banks are named with (بنك الواحة
    الوطني، لبنك الخليج الأول), head included, as banks are written (بنك البلاد): not after the article (البنك
    الأهلي is listed or tagged), nor when the definite word says what the bank does (بنك التنمية الإسلامي), nor across
    punctuation."""
    words = doc.words
    out = []
    for i in range(len(words) - 2):
        head, name, adjective = words[i], words[i + 1], words[i + 2]
        if (is_head(head, BANK_FORMS) and "ال" not in head.norm[:3] and name.norm.startswith("ال")
                and name.norm not in BANK_FUNCTIONS and name.norm not in doc.lists.stopwords
                and adjective.norm in BANK_ADJECTIVES and doc.spaced(i, i + 3)):
            out.append(Span(FIRM, i, i + 3, "descriptor"))
    return spans + out


def sector_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus the names made of one to three words and a sector complement (الرواسي للرعاية الطبية، دبي لصناعات الطيران،
    ميثاق للمحاماة): right after a firm's descriptor (شركة، مكتب، بنك; not تطبيق: تطبيق زووم لحشد الدعم) or between
    guillemets («العربية للطيران»). The complement is a word with لل, or a plural with ل before a definite word
    (لصناعات الطيران; not لحشد الدعم), then up to two definite adjectives. The name's words are no stopwords, no
    preposition made of a noun (ضمن) and no indefinite adjective (شركة تابعة للحكومة), and nothing but spaces stands
    between them, and no definite adjective (شركة الطاقة العملاقة نتائج للمساهمين). An organisation's head starts an organisation (هيئة … للطيران), anything else a firm."""
    text, words, offsets, stopwords, gap = doc.text, doc.words, doc.offsets, doc.lists.stopwords, doc.gap

    def complement_end(k: int) -> int:
        """The end of a sector complement starting at word k, or 0 when none starts there."""
        norm = words[k].norm
        if norm.startswith("لل") and len(norm) > 4:
            end = k + 1
        elif norm[:1] == "ل" and norm.endswith("ات") and len(norm) > 4 and k + 1 < len(words) \
                and words[k + 1].norm.startswith("ال") and gap(k + 1).isspace():
            end = k + 2
        else:
            return 0
        while end < len(words) and end - k < 4 and gap(end).isspace() and words[end].norm.startswith("ال") \
                and words[end].norm.endswith(("ي", "يه", "ه")) and words[end].norm not in stopwords:
            end += 1
        return end

    def may_name(k: int) -> bool:
        word = words[k]
        adjective = word.norm.startswith("ال") and word.norm[2:].removesuffix("ه") in ADJECTIVES  # العملاقة
        return not word.latin and word.norm not in stopwords and word.norm not in ADJECTIVES and len(word.norm) > 1 \
            and not adjective \
            and word.norm not in PREPOSITION_NOUNS \
            and not (word.norm.endswith("ه") and not word.norm.startswith("ال"))

    quotes = [m.end() for m in re.finditer("«", text)]
    after_quote = {bisect_left(offsets, (end,)) for end in quotes}  # the word right after each «
    out = []
    for i in sorted(after_quote | {i for i, w in enumerate(words) if w.norm in SECTOR_DESCRIPTOR_FORMS}):
        if i >= len(words) - 1:
            continue
        quoted = i in after_quote and (gap(i) if i else text[:offsets[0][0]]).rstrip().endswith("«")
        start = i + 1 if is_head(words[i], SECTOR_DESCRIPTOR_FORMS) else i
        if start == i and not quoted:
            continue
        if start > i and "«" in gap(start):
            quoted = True
        for k in range(start + 1, min(start + 4, len(words))):
            if not may_name(k - 1) or (k - 1 > start and not gap(k - 1).isspace()) or not gap(k).isspace():
                break
            end = complement_end(k)
            if end and (not quoted or text[offsets[end - 1][1]:].lstrip().startswith("»")):
                out.append(Span(org_kind(words[start]), start, end, "sector"))
                break
    return spans + out


def tailed_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus a word and the firm-name endings borrowed from English after it (مسار كابيتال، رائد فنتشرز، ماكنزي آند
    كومباني، الدريني وشركاه): a firm, cue or not. The word is Arabic, no stopword and no ending itself, and only
    spaces stand between the words."""
    words, stopwords, spaced = doc.words, doc.lists.stopwords, doc.spaced
    out: list[Span] = []
    for k in [k for k, word in enumerate(words) if k > 0 and word.norm in FOREIGN_FIRM_TAILS]:
        first = k - 2 if k > 1 and words[k - 1].norm == "اند" else k - 1
        if (out and out[-1].last > first) or words[first].latin or words[first].norm in stopwords \
                or words[first].norm in FIRM_TAILS or not spaced(first, k + 1):
            continue
        last = k + 1
        while last < len(words) and words[last].norm in FOREIGN_FIRM_TAILS and spaced(last - 1, last + 1):
            last += 1
        out.append(Span(FIRM, first, last, "tail"))
    return spans + out


def employer_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus the firm in "role word + ل + firm + person" (الرئيس التنفيذي لجيه بي مورغان جيمي ديمون) when the tagger
    read it all, or all but the ل-word, as one person of three or more words: the firm is all but the last two
    words, which cut leaves to the person."""
    words, out = doc.words, []
    for span in [span for span in spans if not span.cue]:
        i = span.first - 1 if span.first > 1 and words[span.first - 2].norm in EMPLOYER_ROLES else span.first
        if span.kind == PERSON and i > 0 and words[i - 1].norm in EMPLOYER_ROLES and words[i].norm[:1] == "ل" \
                and words[i].norm[:2] != "لل" and words[i].bare != words[i].norm and span.last - i >= 3:
            out.append(Span(FIRM, i, span.last - 2, "employer"))
    return spans + out


# Words for a company's shares (سهم، الأسهم القيادية): names between guillemets right after them are listed firms.
SHARE_FORMS = with_clitics(frozenset(normalize(w) for w in ("سهم", "أسهم", "الأسهم", "سهمي", "أسهمها")))
QUOTED_NAME_WORDS = 4  # words a name between guillemets may have


def share_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus the listed firms named after a word for shares: names between guillemets within two words after
    it, one by one in a list joined by و or commas (وصعدت أسهم «الاتصالات السعودية» و«صافولا»; الأسهم القيادية
    «سابك»), and the unquoted name right after a singular سهم (سهم جلفار للهندسة والمقاولات هبط، سهم بنك برقان 1.2):
    a rare first word (or a bank's head), then its definite words, places, sector complements, firm endings and rare
    words, up to a number, a stopword, a market report's verb or word (بواقع، المركز) or a common word."""
    words, out = doc.words, []
    for i in [i for i, word in enumerate(words) if word.norm in SHARE_FORMS]:
        j = next((k for k in range(i + 1, min(i + 4, len(words))) if "«" in doc.gap(k)), None)
        if j is None and words[i].bare == "سهم" and i + 1 < len(words) and doc.gap(i + 1) == " " \
                and (end := _share_name_end(doc, i + 1)):
            out.append(Span(FIRM, i + 1, end, "share"))
        while j is not None and (end := _quoted_end(doc, j)):
            out.append(Span(FIRM, j, end, "share"))
            j = end + 1 if end + 1 < len(words) and words[end].norm == "و" and "«" in doc.gap(end + 1) \
                else end if end < len(words) and "«" in doc.gap(end) and "،" in doc.gap(end) else None
    return spans + out


# An exchange is named by its head and its place (سوق دبي، بورصة الكويت); an index word before it (مؤشر سوق دبي،
# المؤشر العام لسوق أبوظبي) or a financial ending after it (سوق مسقط للأوراق المالية) says it is the exchange.
FINANCIAL_ENDINGS = frozenset(normalize(w) for w in ("المالي", "المالية", "للأوراق"))


def exchange_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus the stock exchanges named by سوق or بورصة and a town after an index word or before a financial
    ending (مؤشر سوق دبي، المؤشر العام لسوق أبوظبي، سوق مسقط للأوراق المالية): firms."""
    words, out = doc.words, []
    for i in [i for i, word in enumerate(words[:-1]) if word.norm in EXCHANGE_FORMS]:
        if words[i + 1].norm not in doc.lists.places or doc.gap(i + 1) != " ":
            continue
        end = i + 2
        if end < len(words) and words[end].norm in FINANCIAL_ENDINGS and doc.gap(end) == " ":
            end += 2 if words[end].norm == normalize("للأوراق") and end + 1 < len(words) else 1
        indexed = any(words[k].norm in INDEX_FORMS for k in range(max(i - 2, 0), i))
        if indexed or end > i + 2:
            out.append(Span(FIRM, i, end, "exchange"))
    return spans + out


def _share_name_end(doc: Doc, j: int) -> int:
    """The end of an unquoted company name starting at word j after سهم, or 0 when none starts there."""
    words, lists = doc.words, doc.lists
    first = words[j]
    if first.latin or first.norm in lists.stopwords or any(c.isdigit() for c in first.norm) \
            or first.norm in MARKET_VERBS or first.norm in MARKET_WORDS \
            or (first.norm in lists.frequent and first.bare not in SHARE_BANKS) or is_head(first, DESCRIPTOR_FORMS):
        return 0
    k = j + 1
    while k < len(words) and k - j < 5 and doc.gap(k) == " ":
        word = words[k].norm
        if word in lists.stopwords or word in MARKET_VERBS or word in MARKET_WORDS or any(c.isdigit() for c in word) or not (
                word.startswith(("ال", "لل", "وال")) or word in FIRM_TAILS or word in lists.places
                or word not in lists.frequent):
            break
        k += 1
    return k if k > j + 1 or first.bare in SHARE_BANKS or first.norm not in lists.frequent else 0


SHARE_BANKS = frozenset(normalize(w) for w in ("بنك", "مصرف"))  # a bank's name keeps its head (بنك برقان)
# Verbs of market reports, which end a company's name before them (سهم جلفار للهندسة والمقاولات هبط). Written for Fahras.
MARKET_VERBS = with_clitics(frozenset(normalize(w) for w in (
    "هبط", "صعد", "ارتفع", "انخفض", "تراجع", "قفز", "زاد", "نزل", "خسر", "ربح", "كسب", "أغلق", "استقر", "سجل",
    "فقد", "تقدم", "هوى", "ارتد", "واصل", "تلاه", "تلته", "توزعت", "تصدر", "تصدرت")))
# Other words of market reports that end a company's name (سهم نخلة بواقع 10 ملايين، سهم الواحة المركز الأول).
MARKET_WORDS = with_clitics(frozenset(normalize(w) for w in (
    "بواقع", "المركز", "بقيمة", "بنسبة", "بحجم", "بإجمالي", "بعدد", "قيمة", "نسبة", "حجم")))


def _quoted_end(doc: Doc, j: int) -> int:
    """The end of a name of up to QUOTED_NAME_WORDS words between guillemets that opens right before word j, or 0."""
    text, offsets = doc.text, doc.offsets
    if "«" not in doc.gap(j):
        return 0
    return next((k + 1 for k in range(j, min(j + QUOTED_NAME_WORDS, len(doc.words)))
                 if "»" in text[offsets[k][1]:offsets[k][1] + 2] and "«" not in text[offsets[j][0]:offsets[k][1]]), 0)


def descriptor_complements(doc: Doc, named: list[Span]) -> set[int]:
    """A firm descriptor and its definite complement right before a firm they name (شركة المدفوعات العالمية
    Checkout.com، مكتب المحاماة Latham & Watkins): a description, never a name of its own."""
    words = doc.words
    out: set[int] = set()
    for span in named:
        k = span.first
        while k > 0 and span.first - k < 3 and (words[k - 1].norm.startswith("ال") or words[k - 1].norm in COMPLEMENT_HEADS):
            k -= 1
        if k < span.first and k > 0 and is_head(words[k - 1], DESCRIPTOR_FORMS) and "ال" not in words[k - 1].norm[:3]:
            out.update(range(k - 1, span.first))
    return out


def _is_lone_name(doc: Doc, j: int) -> bool:
    """May the word after a firm's descriptor be a one-word name (تطبيق زووم، لشركة تسلا، شركة مرجانة، شركة
    المراعي)? Not with a pronoun suffix, not ending like an adjective (ـي: كبرى; ـة when it or the word without it is
    a common word or a known adjective, or in ـية: شركة ناشئة، شركة عائلية), not a common adjective (جديد، مهم) nor a
    complement's head (رأس المال), not a very common word nor a common word shaped like an imperfect verb (تطبيق
    يمثل; تسلا is rare) unless a name part, and not followed by a stopword (شركة تعمل في …: a clause; a word in ـة
    is no verb: شركة نخلة إن …), and after تطبيق not a fairly common word (تطبيق قوانين: applying laws). With the
    article, a word that is not even fairly common (شركة الوسام; not شركة الطيران: the company's trade)."""
    words, lists = doc.words, doc.lists
    word = words[j].norm
    if word.startswith("ال"):
        return _is_definite_name(doc, j)
    followed = j + 1 < len(words) and words[j + 1].norm in lists.stopwords and not word.endswith("ه")  # no verb
    verb = word[:1] in "يت" and word in lists.frequent and word not in lists.names
    applied = words[j - 1].bare == APPLYING and word in lists.frequent  # تطبيق قوانين: "applying laws"
    adjective = word.endswith("ه") and (word.endswith("يه") or word in lists.frequent or word[:-1] in lists.frequent
                                        or word[:-1] in ADJECTIVES)
    return (not word.endswith(("ي", "ها")) and not adjective and len(word) > 2
            and word not in ADJECTIVES and word not in COMPLEMENT_HEADS and not followed
            and word not in lists.common and not verb and not applied)


APPLYING = normalize("تطبيق")  # an app, and the verbal noun "applying": before a fairly common word, the latter


def _is_definite_name(doc: Doc, j: int) -> bool:
    """Is the definite word after a firm's descriptor its name (شركة النخيل، شركة الوسام عن …)? Only after a head
    that names nothing but a firm or an outlet (DEFINITE_NAME_FORMS), where a definite word is its complement, a
    name when it is rare: not a fairly common word (شركة الطيران، شركة
    العائلة: the trade or the owner), an adjective (ـية) nor a head; and not a complement a name follows (شركة المحاماة
    لازارد، شركة المحاماة Latham), which descriptor_names reads past, nor a quoted one (منصة “سامر الحربي“: the
    quotes hold the whole name)."""
    words, lists = doc.words, doc.lists
    word = words[j].norm
    if words[j - 1].norm not in DEFINITE_NAME_FORMS:
        return False
    return (doc.gap(j).isspace() and len(word) > 4 and word not in lists.frequent and not word.endswith("يه") and word[2:] not in HEADS
            and word not in COMPLEMENT_HEADS and not _name_at(doc, j + 1))


def _name_at(doc: Doc, k: int) -> bool:
    """Does a Latin name or one the tagger found start at word k, right after a space (what a descriptor's definite
    complement describes: شركة المحاماة Latham)?"""
    return k < len(doc.words) and (doc.words[k].latin or (
        doc.gap(k).isspace() and any(span.first == k for span in doc.tagged)))


def _definite_phrase_end(doc: Doc, head: int) -> int:
    """The end of a firm's name made of a definite noun and one or two definite adjectives after an indefinite
    شركة (في شركة الأسمدة الوطنية، شركة الموانئ البحرية بقيمة): a company so defined is one company, named by the
    phrase; 0 when none starts after `head`. Each word is spaced from the last, no stopword, head or common
    adjective (شركة النفط العملاقة), and no Latin or tagged name follows (the phrase is then that name's
    complement: شركة المحاماة الدولية Latham)."""
    words, stopwords = doc.words, doc.lists.stopwords

    def definite(k: int) -> bool:
        norm = words[k].norm
        return norm.startswith("ال") and len(norm) > 3 and norm not in stopwords and norm[2:] not in HEADS \
            and norm[2:] not in ADJECTIVES and norm[2:].removesuffix("ه") not in ADJECTIVES

    j = head + 1
    if words[head].norm not in COMPANY_FORMS or not definite(j):
        return 0
    end = j + 1
    while end < len(words) and end - j < 3 and doc.gap(end).isspace() and definite(end):
        end += 1
    return 0 if end == j + 1 or _name_at(doc, end) else end


def _tagged_name_end(words: list[Word], head: int, tagged: Span) -> int:
    """Where a firm's name ends in a tagged name after its descriptor at `head`. After a role (رئيس
    شركة X، الرئيس التنفيذي لشركة X) a person's first and last name usually follow the firm's, so a run of three
    or more words keeps all but the last two for the firm (رئيس شركة لازارد راي ماكجواير), as does a person span
    of four or more words after any descriptor, unless it ends with a word that ends firm names (سي ستريت
    الاستشارية). Otherwise a tagged organisation is taken whole but for a trailing nationality (شركة سامسونغ
    الكورية), and a tagged person whole when it has at most two words (شركة أندريسن هورويتز), else only its first
    word."""
    kind, first, last = tagged.kind, tagged.first, tagged.last
    after_role = head > 0 and words[head - 1].norm in ROLE_FORMS
    if (after_role and last - first >= 3 or kind == PERSON and last - first >= 4) \
            and words[last - 1].norm not in FIRM_TAILS:
        return last - 2
    if kind != PERSON or last - first <= 2:
        while last - first > 1 and not words[first].norm.startswith("ال") and is_nisba(words[last - 1]):
            last -= 1
        return _with_tails(words, last)
    return first + 1


def _past_complement(words: list[Word], j: int) -> int:
    """The first word after a descriptor's definite complement (شركة المحاماة، شركة رأس المال الاستثماري), at
    most three words on; `j` itself when there is none. A complement is only skipped when a tagged or Latin
    name may follow, which the caller checks."""
    k = j
    while k < len(words) and k - j < 3 and (words[k].norm.startswith("ال") or words[k].norm in COMPLEMENT_HEADS):
        k += 1
    return k if k < len(words) and not words[k].norm.startswith("ال") else j


def _with_tails(words: list[Word], end: int) -> int:
    """The end of a firm name extended over the words that end firm names (… الاستشارية), and over one
    other word without the article before such a word (سي | ستريت الاستشارية, not Nvidia | الأمريكية للتقنية)."""
    while end < len(words) and (words[end].norm in FIRM_TAILS or (
            end + 1 < len(words) and words[end + 1].norm in FIRM_TAILS and not words[end].norm.startswith("ال"))):
        end += 1
    return end


def outvotes(doc: Doc, span: Span) -> bool:
    """Does a name count over the tagger's kind for its other mentions (propagate): one a shipped list names, or a
    cue-found firm in Latin script or right after a firm's descriptor (شركة X)?"""
    words, k = doc.words, span.first
    after_descriptor = k > 0 and (is_head(words[k - 1], DESCRIPTOR_FORMS) or is_head(words[k - 1], TAGGED_DESCRIPTOR_FORMS))
    return span.cue == LIST or (bool(span.cue) and span.kind == FIRM and (words[k].latin or after_descriptor))


def organisations_not_words(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without the firms and organisations of one word that is a currency (مليار ريال), an organisation's
    head alone (بنك), a definite word right after الشركة, which it describes (الشركة الأم، الشركة الناشئة), or a
    very common word only the tagger took for a name (الأمن، السنة; صحيفة الوطن, found by its cue, stays) or a word
    it found written with ى (أودى بحياة: a verb, not أودي), nor
    those that start with a prayer said after a name (يرحمه الله) or are a currency and its adjective (ريال سعودي)."""
    words, common = doc.words, doc.lists.common

    def is_no_name(span: Span) -> bool:
        word = words[span.first]
        currency = word.bare in CURRENCIES or word.norm in CURRENCIES
        return word.norm in PRAYERS or (currency and all(is_nisba(words[k]) or words[k].norm.endswith("ي")
                                                         for k in range(span.first + 1, span.last))) \
            or span.last - span.first == 1 and (
                word.norm in HEAD_FORMS or word.bare in HEADS or (not span.cue and word.bare in common)
                or (not span.cue and strip_harakat(word.text).endswith("ى"))
                or (span.first > 0 and words[span.first - 1].norm in THE_COMPANY_FORMS and word.norm.startswith("ال")))

    return [span for span in spans if span.kind == PERSON or not is_no_name(span)]


TANWEEN = frozenset("\u064b\u064c\u064d")  # fathatan, dammatan, kasratan: the marks of an indefinite noun


def organisations_not_indefinite(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without the firms and organisations whose first word carries tanween: it marks an indefinite noun, and
    a name's head is definite or in construct, never indefinite (كيف يراقب حزبٌ البنوكَ: a party, then its object)."""
    return [span for span in spans if span.kind == PERSON or not TANWEEN & set(doc.words[span.first].text)]


# What follows an outlet's name in the byline that opens an article (عين اليوم – متابعات، الرياض - واس). Written for
# Fahras.
BYLINE_WORDS = frozenset(normalize(w) for w in ("متابعات", "خاص", "وكالات", "واس"))
BYLINE_DASH = re.compile(r"^\s*(?:[-–—]|ـ+)\s*$")  # a dash, or one drawn with tatweel (نخلة اليوم ــ جدة)
BYLINE_END = re.compile(r"\s*(?:\n|:)")  # what follows a byline's town: the end of its line, or a colon
BYLINE_REACH = 30  # words from an article's start (its title included) where a byline may stand


def byline_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus the outlet an article's byline names: one to three Arabic words before a dash and a byline word
    or a town near its start (عين اليوم – متابعات، نخلة اليوم ــ جدة), a firm (media count as firms); a town alone
    there is a dateline (الرياض - واس), and a name before a town a reporter's (سامر الوادي – جدة); a town ends
    the byline's own line (or stands before a colon: سبق- الدمام: قالت …)."""
    words, lists = doc.words, doc.lists
    for k in range(1, min(BYLINE_REACH, len(words))):
        if (words[k].norm in BYLINE_WORDS or words[k].norm in lists.places) and BYLINE_DASH.match(doc.gap(k)):
            first = k
            while first > 0 and k - first < 3 and not words[first - 1].latin \
                    and words[first - 1].norm not in lists.stopwords and (first == k or doc.gap(first).isspace()):
                first -= 1
                if first > 0 and "\n" in doc.gap(first):
                    break  # the byline starts its line
            town = " ".join(words[j].norm for j in range(first, k)) in lists.places
            own_line = (first == 0 or "\n" in doc.gap(first)) and (k + 1 == len(words) or BYLINE_END.match(doc.gap(k + 1)))
            reporter = words[k].norm not in BYLINE_WORDS and (  # سامر الوادي – جدة: a reporter and the town
                not own_line or words[first].bare in lists.names
                or any(kind == PERSON and a < k and b > first for kind, a, b, _ in doc.tagged))
            return spans + [Span(FIRM, first, k, "byline")] if first < k and not town and not reporter else spans
    return spans


def addressed_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans plus a name of up to three words quoted right after لـ and a word of speech (قال لـ«نخلة»، في تصريح
    لـ"الواحة اليومية"، وفقا لـ«سيدرا»): the outlet spoken to, a firm (the list of organisations retypes one that is
    not: أوبك)."""
    text, words, offsets = doc.text, doc.words, doc.offsets
    out = []
    for k in range(2, len(words)):
        if words[k - 1].norm != "ل" or words[k - 2].norm not in TOLD_FORMS:
            continue
        opening = doc.gap(k).strip()
        if opening not in QUOTES:
            continue
        closing = QUOTES[opening]
        end = next((e + 1 for e in range(k, min(k + 3, len(words)))
                    if text[offsets[e][1]:offsets[e][1] + 1] == closing), 0)
        if end and all(doc.gap(e).isspace() for e in range(k + 1, end)) and not words[k].text.isdigit():
            out.append(Span(FIRM, k, end, "addressed"))
    return spans + out


LIST_BREAK = re.compile(r"[،,]|\s[-–]\s")  # between the items of a list: a comma, or a dash between spaces
LIST_END = re.compile(r"[.!?؟:؛;()\[\]\n]")  # the end of a list


def with_name_heads(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans with the indefinite descriptor a firm is registered with put back before its name, a proclitic on it
    left out (لمجموعة نخلة المالية → مجموعة نخلة المالية): the group is part of the firm's name, as Group is in
    Nakhla Financial Group."""
    words, gap = doc.words, doc.gap
    return [span._replace(first=span.first - 1)
            if span.kind == FIRM and span.first > 0 and words[span.first - 1].bare in REGISTERED_HEADS
            and gap(span.first).isspace() else span
            for span in spans]


def firm_lists(doc: Doc, spans: list[Span]) -> list[Span]:
    """In a list of three items or more set apart by commas or dashes, each of five words at most but the first and
    last, where half the items and at least two name firms (a sponsors' list: شركة سامر الحداد - نوفكو، شاي
    نسيم، حلويات ركن الواحة), every item is one firm: its words
    after a descriptor (شركة، مصنع، إذاعة) up to a stopword, a number or a word starting with و, one to five words,
    taking in the name found at its start; an item that is a person's name alone stays one, unless the person runs
    across the item's edge or does not start with a name part (الحداد - نوفكو، شاي نسيم), and an item whose first
    word is common or starts with و names nothing unless a name was found there."""
    words, stopwords, frequent = doc.words, doc.lists.stopwords, doc.lists.frequent
    if sum(span.kind == FIRM for span in spans) < 2:
        return spans
    owner = {k: span for span in spans for k in range(span.first, span.last)}
    found, replaced = [], set()
    for items in _lists(doc, sorted(doc.offsets[span.first][0] for span in spans if span.kind == FIRM)):
        firms = sum(any(k in owner and owner[k].kind == FIRM for k in range(a, b)) for a, b in items)
        if len(items) < 3 or firms < max(2, len(items) / 2) or any(b - a > 5 for a, b in items[1:-1]):
            continue  # not a list of names: prose set apart by commas has long items with few names
        for a, b in items:
            start = a + 1 if b - a > 1 and is_head(words[a], LIST_DESCRIPTOR_FORMS) else a
            end = next((j for j in range(start, b) if words[j].norm in stopwords or any(c.isdigit() for c in words[j].norm)
                        or (j > start and words[j].norm[:1] == "و")), b)
            found_here = {owner[k] for k in range(start, end) if k in owner}
            inside = {span for span in found_here if not _no_person(doc, span, a, b)}
            person = any(span.kind == PERSON and (span.first, span.last) == (start, end) for span in inside)
            named = any(span.first == start for span in found_here)
            if not 1 <= end - start <= 5 or (person and start == a) or any(
                    span.first < start or span.last > end for span in inside) or (inside and not named) or (
                    not named and (words[start].norm[:1] == "و" or words[start].norm in frequent)):
                continue  # a clause (وقال …، حينها), or a name inside other words (رئيس طيران الإمارات)
            replaced |= found_here
            found.append(Span(FIRM, start, end, "firm-list"))
    return sorted([span for span in spans if span not in replaced] + found, key=lambda span: span.first)


def _no_person(doc: Doc, span: Span, a: int, b: int) -> bool:
    """Is a person found in the list item [a, b) of a list of firms a firm's name instead: one that runs across the
    item's edge (الحداد - نوفكو) or does not start with a name part (شاي نسيم)?"""
    first = doc.words[span.first]
    return span.kind == PERSON and (span.first < a or span.last > b
                                    or (not first.latin and first.norm not in doc.lists.names))


# Descriptors a list item's firm is named after (شركة نجمة الصباح، إذاعة واحد واحد); مجموعة stays in a name.
LIST_DESCRIPTOR_FORMS = with_clitics(frozenset(normalize(w) for w in (
    "شركة", "مصنع", "إذاعة", "صحيفة", "جريدة", "مجلة", "قناة", "مؤسسة", "مكتب", "متجر", "محلات", "مطعم")))


def _lists(doc: Doc, names: list[int]) -> list[list[tuple[int, int]]]:
    """The lists of a document: in each stretch of text up to the end of a sentence or a colon that holds two list
    breaks or more and two of `names` (where names start, sorted str offsets), its items (word ranges [a, b)) set
    apart by commas or dashes."""
    text, starts, out, pos = doc.text, [a for a, _ in doc.offsets], [], 0
    for end in [m.start() for m in LIST_END.finditer(text)] + [len(text)]:
        if bisect_left(names, end) - bisect_left(names, pos) >= 2 and len(LIST_BREAK.findall(text, pos, end)) >= 2:
            first, last = bisect_left(starts, pos), bisect_left(starts, end)
            breaks = sorted({k for m in LIST_BREAK.finditer(text, pos, end)
                             if first < (k := bisect_left(starts, m.end())) < last})
            out.append(list(zip([first, *breaks], [*breaks, last], strict=True)))
        pos = end + 1
    return out
