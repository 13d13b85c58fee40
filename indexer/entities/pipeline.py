"""A Doc → its names as spans of words: the entity rules, each `(doc, spans) → spans`, run in the order of one table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from indexer.entities.document import Doc
from indexer.entities.rules import consistency, cues, listed, persons, places, products, tagged
from indexer.entities.trace import Tracer
from indexer.entities.words import Span


@dataclass(frozen=True)
class Rule:
    """One step of the pipeline: its name (shown by traces), what it does, and why it is there."""

    name: str
    apply: Callable[[Doc, list[Span]], list[Span]]
    reason: str


RULES: tuple[Rule, ...] = (
    # the tagger's names, cleaned
    Rule("tagger", tagged.tagger_names, "the statistical tagger finds most persons and organisations"),
    Rule("marks", tagged.split_at_marks, "punctuation ends a name; a hyphen between two words joins two people"),
    Rule("trim-persons", tagged.trim_persons, "titles, verbs, numbers and adjectives are no part of a person's name"),
    Rule("employer-head", tagged.persons_after_generic_heads, "البنك سارة المهيري names a person after her employer"),
    Rule("team-nationality", tagged.organisations_before_nisba, "يوفنتوس الإيطالي: news puts a person's nationality first"),
    # names found by cues, then the tagger's spans around them
    Rule("latin", cues.latin_names, "capitalised Latin runs in Arabic text are firm names"),
    Rule("descriptor", cues.descriptor_names, "شركة X، شركة المراعي، نادي X: a descriptor names what follows"),
    Rule("bank", cues.bank_names, "بنك الواحة الوطني: a bank's head, a definite word and a bank's adjective name a bank"),
    Rule("employer", cues.employer_names, "الرئيس التنفيذي لـX فلان: the firm between a role and a person"),
    Rule("sector", cues.sector_names, "شركة الرواسي للرعاية الطبية: a name with a sector complement"),
    Rule("firm-ending", cues.tailed_names, "مسار كابيتال: a borrowed firm ending makes a firm"),
    Rule("shares", cues.share_names, "أسهم «المراعي» و«جرير»: names quoted after a word for shares are listed firms"),
    Rule("exchanges", cues.exchange_names, "مؤشر سوق دبي: an exchange named by its town after an index word"),
    Rule("byline", cues.byline_names, "عين اليوم – متابعات: the outlet an article's byline names"),
    Rule("addressed", cues.addressed_names, "قال لـ«نخلة»: the outlet a speaker told, quoted after لـ"),
    Rule("cut-around-cues", tagged.without_cue_words, "a cue-found name is no part of the tagger's span around it"),
    Rule("titled", tagged.titled_persons, "السناتور جيه دي فانس: a name the tagger left untyped after a title"),
    Rule("overlaps", tagged.resolve_overlaps, "one span per word: the longest, cue-found names first"),
    Rule("latin-gloss", products.latin_glosses, "غارتنر Gartner: a Latin name repeating the Arabic before it is apart"),
    Rule("products", products.not_products,
         "الهاتف Galaxy S6، بتقنية HDR، a title opening a sentence about a film: products, works and terms are no firms"),
    Rule("indexes", products.not_indexes, "مؤشر نوفكس، نوفاك 40 الفرنسي: a stock index is no firm and no person"),
    Rule("dates", products.not_dates, "نيسان (أبريل): a month beside the other calendar's is a date, no name"),
    Rule("person-products", products.persons_not_products, "4000 ميلي أمبير، مؤشر داو جونز: units and works are no persons"),
    # persons completed
    Rule("name-links", persons.with_name_links, "بن، آل، أبو، فان tie the parts of one name together"),
    Rule("list-of-persons", persons.list_persons, "the other items of a list of people are people"),
    Rule("split-at-and", persons.split_at_and, "غوغل وميكروسوفت: two names joined by و"),
    Rule("split-persons", persons.split_known_persons, "بايدن هاريس: two people the document names apart"),
    Rule("speaker-title", persons.persons_before_titles, "قال نبيل وجيه، المتحدث: a speaker a title follows"),
    Rule("initials", persons.with_initials, "توماس دبليو. كالاهان: initials belong to the name"),
    # the shipped lists
    Rule("known-persons", listed.known_persons, "real people's full names (Wikidata) the tagger missed or cut"),
    Rule("famous-persons", listed.famous_persons, "بوتين: famous people named by one word"),
    Rule("role-person", persons.persons_after_roles, "وزير المالية منصور الشهري: a person after a role phrase"),
    Rule("known-organisations", listed.known_organisations, "well-known firms and organisations, typed by the list"),
    Rule("brand-model", products.brands_not_models, "كيا سبورتاج، غوغل درايف: a listed brand's model is no part of its name"),
    Rule("geographic-head", places.not_after_geographic_heads, "وادي السيليكون, جبل طارق, قناة بنما: a place's own name"),
    Rule("town-organisation", places.towns_not_firms, "برشلونة، ليفربول: a town the tagger alone typed a firm is its team"),
    Rule("list-of-firms", cues.firm_lists, "a list where two items are firms is a list of firms (sponsors, listings)"),
    Rule("surname", persons.with_surnames, "عبد الله دحمشة: a first name alone goes on with a rare word"),
    Rule("listed-units", products.persons_not_units, "4000 ميلي أمبير: a listed name after a quantity is a unit too"),
    # the document as a whole
    Rule("propagate", consistency.propagate, "a name found once is found everywhere, with one kind"),
    # last checks
    Rule("person-adjective", persons.persons_not_adjectives, "رأس المال الصبور: a definite adjective, no name"),
    Rule("first-name", persons.with_first_names, "خلدون المبارك: a first name before a surname"),
    Rule("person-town", places.persons_not_places, "هونج كونج: a town of two words is no person"),
    Rule("organisation-word", cues.organisations_not_words, "ريال، بنك، الشركة الأم، يرحمه الله: a currency, a bare head or a prayer"),
    Rule("group-head", cues.with_name_heads, "مجموعة نخلة المالية: a group's name starts with مجموعة"),
    Rule("indefinite-head", cues.organisations_not_indefinite, "حزبٌ البنوكَ: a head with tanween is indefinite, no name"),
)


def run(doc: Doc, rules: tuple[Rule, ...] = RULES, tracer: Tracer | None = None) -> list[Span]:
    """The spans of `doc` after every rule in turn (the first starts from none); `tracer` records each step."""
    spans: list[Span] = []
    for rule in rules:
        after = rule.apply(doc, spans)
        if tracer is not None:
            tracer.record(rule.name, spans, after)
        spans = after
    return spans
