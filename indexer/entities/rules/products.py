"""Rules that keep products, models, works and technical terms out of firms: a Latin name after a product word or
with a model number, a technical acronym, a Latin gloss of the Arabic words before it, a model after its brand."""

from __future__ import annotations

import re

from indexer.clitics import ARTICLE, with_clitics
from indexer.entities.document import Doc
from indexer.entities.keys import name_key
from indexer.entities.kinds import FIRM, PERSON
from indexer.entities.lexicon import DESCRIPTOR_FORMS, EXCHANGE_FORMS, FIRM_HEADS, FIRM_TAILS, INDEX_FORMS, MONTHS
from indexer.entities.words import Span, is_nisba, name_of
from indexer.normalize import normalize

# Words that name a product, a work or an event by what follows them (الهاتف Galaxy S6، بتقنية HDR، فيلم Southpaw،
# مؤتمر Black Hat): what follows is no firm. Written for Fahras; apps and platforms are firms and are not here.
PRODUCT_HEADS = frozenset(normalize(w) for w in (
    "هاتف", "هواتف", "جهاز", "أجهزة", "فيلم", "أفلام", "لعبة", "ألعاب", "تقنية", "تقنيات", "شاشة", "معالج", "معالجات",
    "نظام", "سيارة", "سيارات", "ساعة", "خدمة", "ميزة", "مسلسل", "كتاب", "رواية", "أغنية", "ألبوم", "متصفح", "حاسوب",
    "كمبيوتر", "منتج", "شريحة", "رقاقة", "بطاقة", "ذاكرة", "كاميرا", "نسخة", "إصدار", "تحديث", "واجهة", "سلسلة",
    "مؤتمر", "معرض", "طراز", "موديل", "نوع", "كابل", "وضع", "مشروع", "حقل", "ناقلة",
    "فيلمين", "فيلمي", "لعبتي", "خدمات", "مسلسلات", "روايات", "أغاني", "تصميم",
))
PRODUCT_FORMS = with_clitics(PRODUCT_HEADS | {ARTICLE + head for head in PRODUCT_HEADS})
FIRM_FORMS = with_clitics(FIRM_HEADS | {ARTICLE + head for head in FIRM_HEADS})
# Technical acronyms and generic English words that Arabic news writes in Latin script and that name no firm.
# Written for Fahras.
TECHNICAL_WORDS = frozenset(w.casefold() for w in (
    "HDR", "RAM", "ROM", "NFC", "USB", "EV", "GPS", "LTE", "HD", "UHD", "4K", "CPU", "GPU", "SSD", "OS", "PC", "TV",
    "SUV", "LED", "OLED", "AMOLED", "LCD", "SIM", "SMS", "PDF", "VR", "AR", "IoT", "API", "WiFi", "Wi-Fi", "Bluetooth",
    "3G", "4G", "5G", "DDR4", "DDR5", "HTML", "URL", "IP", "GB", "MB", "TB", "QR", "PIN", "ATM", "POS", "CEO", "CFO",
    "IPO", "GDP", "OPEC+", "Photo", "Photos", "Video", "Handout", "Next", "Previous", "Home", "Update", "Preview",
    "Edition", "Pro", "Plus", "Mini", "Max", "Super", "Quad", "Ultra", "Lite", "Design", "Mode", "Vehicle", "Electric",
))
# Heads after which a name is a work, a product or an index, not a person (مؤشر داو جونز، لعبة، فيلم، نظام أندرويد).
WORK_HEADS = frozenset(normalize(w) for w in (
    "مؤشر", "فيلم", "لعبة", "ألعاب", "مسلسل", "رواية", "ألبوم", "أغنية", "طراز", "موديل", "نظام", "تقنية", "معالج", "شاشة",
    "جهاز", "زجاج", "سيارة", "هاتف",
))
WORK_FORMS = with_clitics(WORK_HEADS)  # indefinite: after الفيلم an actor's name may follow (بطولة الفيلم كيفن جيمس)
NUMBER_WORDS = frozenset(normalize(w) for w in ("ألف", "آلاف", "مليون", "ملايين", "مليار", "مليارات", "تريليون"))
OPENING, CLOSING = re.compile("[«“]"), re.compile("[»”″]")  # quotes around a brand or a product, not a person
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"1\d{3}|20\d\d")  # في عام 2016 ولباراك أوباما: a year, not a quantity
CREDIT_WORDS = frozenset({"handout", "photo", "photos", "file"})  # a picture's credit after the agency (AFP HANDOUT)
_MODEL = re.compile(r"[A-Za-z]+\d|\d+[A-Za-z]|\d+\.\d+")  # S6, 4K, 2.0: a model or version, not a name


def not_products(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without the firms in Latin script that name a product, a work or a technical term: right after a
    product word, alone or with one word between (الهاتف Galaxy S6، جهاز نينتندو Wii U، بتقنية «HDR»), with a model
    or version number (UFS 2.0, P – 56 Petrobras; 32 Advisors is a name), or made only of technical words (RAM، Quad
    HD), opening a sentence about a work (_titled), or joined by و to one of those (Night Run وSunrise); a
    picture's credit after a firm is cut off (AFP HANDOUT → AFP)."""
    words = doc.words

    def is_product(span: Span) -> bool:
        tokens = [words[k].text for k in range(span.first, span.last)]
        return (_after_product_word(doc, span.first)
                or any(_MODEL.fullmatch(t) for t in tokens) or any(t.isdigit() for t in tokens[1:])
                or all(t.casefold() in TECHNICAL_WORDS for t in tokens))

    def credited(span: Span) -> Span:  # AFP HANDOUT → AFP
        last = span.last
        while last - span.first > 1 and words[last - 1].text.casefold() in CREDIT_WORDS:
            last -= 1
        return span if last == span.last else span._replace(last=last)

    latin = [span.kind == FIRM and all(words[k].latin for k in range(span.first, span.last)) for span in spans]
    products: set[Span] = set()
    for span, is_latin in zip(spans, latin, strict=True):
        if is_latin and (is_product(span) or _titled(doc, span) or any(
                _coordinated(doc, other, span) for other in products)):
            products.add(span)
    return [credited(span) if is_latin else span for span, is_latin in zip(spans, latin, strict=True)
            if span not in products]


def _coordinated(doc: Doc, before: Span, span: Span) -> bool:
    """Is `span` joined by و right after `before` (Night Run وSunrise: a second item of the same kind)?"""
    return before.last == span.first and doc.gap(span.first).strip() == "و"


# Words of films, series, games and books and the people who make them: a sentence that opens on a Latin title and
# holds one of these presents a work (Sunrise يؤدي الممثل … دور البطولة في هذا الفيلم). Written for Fahras.
WORK_WORDS = with_clitics(frozenset(normalize(w) for w in (
    "فيلم", "الفيلم", "أفلام", "الأفلام", "مسلسل", "المسلسل", "لعبة", "اللعبة", "رواية", "الرواية", "ألبوم", "الألبوم",
    "دراما", "كوميديا", "بطولة", "البطولة", "المخرج", "المخرجة", "الممثل", "الممثلة", "السينما", "سينمائي",
)))
_SENTENCE_START = re.compile(r"(^|[.!?؟\n])\s*$")


def _titled(doc: Doc, span: Span) -> bool:
    """Does the Latin name open a sentence, Arabic right after it, in a sentence about a work (Sunrise يؤدي الممثل …
    في هذا الفيلم، Blue Harbor دراما شبابية …)? Arabic sentences open on a verb or a noun; one that opens on a Latin
    name, as a review lists its works, titles what it then describes."""
    words, text, offsets = doc.words, doc.text, doc.offsets
    before = text[offsets[span.first - 1][1] if span.first else 0:offsets[span.first][0]]
    if not _SENTENCE_START.search(before) or span.last >= len(words) or words[span.last].latin:
        return False
    end = len(words)
    for k in range(span.last, len(words)):
        if k > span.last and re.search(r"[.!?؟\n]", doc.gap(k)):
            end = k
            break
    return any(words[k].norm in WORK_WORDS for k in range(span.last, end))


PRODUCT_REACH = 5  # Arabic words between a product word and the name it introduces (لعبة مغامرة الفضاء (…))
PRODUCT_STOPS = with_clitics(frozenset(normalize(w) for w in ("من", "عن", "لدى", "عبر", "مع")))  # provenance
_CLAUSE_BREAK = re.compile(r"[.،,؛;:!?؟\n]")
_NAME_OPENING = re.compile(r"^\s*[(«“\"]?\s*$")  # what may stand between a product word's phrase and the name


def _after_product_word(doc: Doc, first: int) -> bool:
    """Does the Latin name at word `first` come after a product word in its clause: right after it, or after the
    product word and up to PRODUCT_REACH Arabic words that describe it, the name maybe opening a bracket or a quote
    (الهاتف Galaxy، مخرج الفيلمين الناجحين Night Run، ولعبة البقاء على قيد الحياة (The Long Dark)، مؤتمر أمن
    المعلومات Black Hat)? Not past a word of provenance (هاتف جديد من Samsung), a firm's head (هاتف شركة Sony) or
    punctuation: what follows those names a maker."""
    words = doc.words
    if first == 0 or not _NAME_OPENING.match(doc.gap(first)):
        return False
    for k in range(first - 1, max(first - 1 - PRODUCT_REACH, -1), -1):
        word = words[k]
        if word.norm in PRODUCT_FORMS:
            return True
        if word.latin or word.norm in PRODUCT_STOPS or word.norm in DESCRIPTOR_FORMS or word.norm in FIRM_FORMS \
                or (k > 0 and _CLAUSE_BREAK.search(doc.gap(k))):
            return False
    return False


def persons_not_products(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without the "persons" that name a product, a work, an index or a unit, and without the other mentions
    of their names in the document: right after a number (not a year: في عام 2016 ولباراك أوباما; nor a minute in
    brackets: مالودا ( 7 ) ولويس ساها) or a word for one, only a space between (4000 ميلي أمبير، 6.9 تريليون وون
    كوري), right after a work or product word (مؤشر داو جونز، نظام أندرويد), or opening a quotation that closes
    within two words, the quote opening on the name or one word before it (سماعات الرأس «بيتس»، “إكس بوكس وان”، «آي
    بود»: news quotes brands and products, not people), or glued to a Latin model letter (فورد C-ماكس). A number
    after a name says nothing: a score, a minute, an age (يانكو تيبساروفيتش 4 - 6، مالودا ( 7 ))."""
    words = doc.words

    def is_product(span: Span) -> bool:
        before = words[span.first - 1] if span.first else None
        opens = span.first > 0 and OPENING.search(doc.gap(span.first)) is not None or (
            span.first > 1 and OPENING.search(doc.gap(span.first - 1)) is not None and doc.gap(span.first).isspace())
        quoted = opens and any(CLOSING.search(doc.gap(k)) for k in range(span.last, min(span.last + 3, len(words))))
        glued = before is not None and before.latin and doc.gap(span.first) in ("-", "")  # C-ماكس: a model's name
        return _after_quantity(doc, span) or quoted or glued or (before is not None and before.norm in WORK_FORMS)

    products = {name_of(words, span) for span in spans if span.kind == PERSON and is_product(span)}
    return [span for span in spans if span.kind != PERSON or name_of(words, span) not in products]


def not_indexes(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without the stock indexes: a firm right after an index word (مؤشر نوفكس الألماني، مؤشر سيدرا
    100) unless it is an exchange (مؤشر سوق دبي), and any name followed by a number and an adjective of origin (نوفاك
    40 الفرنسي، نيكي 225 الياباني)."""
    words = doc.words

    def is_index(span: Span) -> bool:
        after_index = span.first > 0 and words[span.first - 1].norm in INDEX_FORMS and span.kind == FIRM \
            and words[span.first].norm not in EXCHANGE_FORMS
        numbered = span.last + 1 < len(words) and words[span.last].text.isdigit() and is_nisba(words[span.last + 1]) \
            and doc.spaced(span.last - 1, span.last + 2)
        return after_index or numbered

    return [span for span in spans if not is_index(span)]


def not_dates(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without a name of one word that is a month next to the other calendar's month (في نيسان (أبريل)، أبريل
    نيسان الماضي): a date, whatever the tagger made of it (نيسان is also a carmaker)."""
    words = doc.words

    def month(k: int) -> bool:
        return 0 <= k < len(words) and words[k].bare in MONTHS

    return [span for span in spans
            if not (span.last - span.first == 1 and month(span.first) and (month(span.first - 1) or month(span.last)))]


def brands_not_models(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans with a firm of two Arabic words whose first word alone is a listed organisation and which the list does not
    name whole cut to that first word: the second word is the brand's product or model (كيا سبورتاج، غوغل درايف)
    or an adjective of origin (رينو الفرنسية), no part of the firm's name; one the list types an organisation
    becomes one (أوبك عبد → أوبك). Not when the second word ends firm names
    (روش هولدينغ) or is a place (فودافون قطر)."""
    words, lists = doc.words, doc.lists
    organisations = lists.organisations

    def brand(span: Span) -> str:
        """The listed kind of the span's first word when the rest is its model, else ""."""
        if span.kind != FIRM or span.last - span.first != 2:
            return ""
        first, second = words[span.first], words[span.first + 1]
        listed = organisations.name_at(words, span.first, span.first + 1)
        model = (listed is not None and not first.latin and not second.latin and doc.gap(span.first + 1).isspace()
                 and organisations.name_at(words, span.first, span.last) is None
                 and second.norm not in FIRM_TAILS and second.norm not in lists.places)
        return listed[0] if model and listed else ""

    return [span._replace(kind=kind, last=span.first + 1) if (kind := brand(span)) else span for span in spans]


def persons_not_units(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans without the persons, found by a shipped list too, right after a number or a word for one (4000 ميلي
    أمبير: the famous ميلي is a unit there), nor the other mentions of their names. A list's name between quotes or
    after a work word stays a person («غورباتشوف»، نظام جمال عبد الناصر): the list knows it is one."""
    units = {name_of(doc.words, span) for span in spans if span.kind == PERSON and _after_quantity(doc, span)}
    return [span for span in spans if span.kind != PERSON or name_of(doc.words, span) not in units]


def _after_quantity(doc: Doc, span: Span) -> bool:
    """Does the span come right after a number (not a year) or a word for one, only a space between?"""
    before = doc.words[span.first - 1] if span.first else None
    return before is not None and not _YEAR.fullmatch(before.text) and doc.gap(span.first).isspace() \
        and (bool(_NUMBER.fullmatch(before.text)) or before.norm in NUMBER_WORDS)


def latin_glosses(doc: Doc, spans: list[Span]) -> list[Span]:
    """A span across Arabic words and the same name in Latin script right after them (غارتنر Gartner) is cut in
    two: the Latin name repeats the Arabic one."""
    out = []
    for span in spans:
        start = next((k for k in range(span.first + 1, span.last) if doc.words[k].latin), None)
        arabic = _glossed(doc, start, span.last) if start is not None else None
        out += [span._replace(last=start), Span(span.kind, start, span.last)] if arabic and arabic[0] >= span.first \
            else [span]
    return out


def _glossed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """(first, last) of the one to three Arabic words right before the Latin words [start, end) that are written
    the same (their name keys agree), or None."""
    words = doc.words
    latin = name_key(" ".join(words[k].text for k in range(start, end)))
    for n in (1, 2, 3):
        first = start - n
        if first < 0 or any(words[k].latin for k in range(first, start)):
            return None
        if latin and name_key(" ".join(words[k].bare for k in range(first, start))) == latin:
            return first, start
    return None
