"""A Doc's final spans → Entity mentions, each with the canonical value every mention of its name in the document
shares, and why that value."""

from __future__ import annotations

from indexer.clitics import NAME_CLITICS, ONE_LETTER_CLITICS, without_clitic
from indexer.entities.document import Doc
from indexer.entities.keys import LINEAGE_LINKS, REGISTERED_HEADS
from indexer.entities.kinds import FIRM, PERSON, Entity
from indexer.entities.lexicon import DESCRIPTOR_FORMS
from indexer.entities.words import Span, is_head, name_of
from indexer.normalize import normalize, strip_harakat, strip_tatweel

# Why a mention has its canonical value (traces show these).
AS_WRITTEN = "its name's first mention, as written"
AS_LATIN = "in Latin script, as written"
WITHOUT_CLITIC = "the same name without the proclitic, found in the document"
FULL_NAME = "the one fuller name of this person in the document"
GROUP_NAME = "the group's name in the document"


def entities(doc: Doc, spans: list[Span]) -> list[tuple[Entity, str]]:
    """Spans → (Entity, why its canonical value), each shown as its first mention (a Latin name as written:
    Whitmore & Klein; a listed organisation as the document writes it, without the proclitic the list tells off:
    واليونيسيف → اليونيسيف, جوجل, which the index groups with غوغل); a name of several words with a one-letter
    proclitic kept takes the name without it found in the document; a person named by first and last name only takes the one longer name with both (بدر المنصور → بدر
    بن حمد المنصور), and a surname alone the one full name it ends, matched with or without the proclitic its word
    may have lost (كايا كالاس … كالاس, though الاس is a name); a firm named without the group it is registered as,
    the group's name the document writes (نوفا ستار → مجموعة نوفا ستار); a surname several people in the document share stays
    as written."""
    text, words, offsets = doc.text, doc.words, doc.offsets
    shown_as: dict[str, tuple[str, str]] = {}  # normalized name → how its first mention shows it, and why
    listed = [_listed_without_clitic(doc, span) for span in spans]
    names = [bare[0] if bare else name_of(words, span) for span, bare in zip(spans, listed, strict=True)]
    for span, name, bare in zip(spans, names, listed, strict=True):
        if name not in shown_as:
            latin = all(words[k].latin for k in range(span.first, span.last))
            shown_as[name] = (text[offsets[span.first][0]:offsets[span.last - 1][1]], AS_LATIN) if latin \
                else (bare[1], AS_WRITTEN) if bare else (name_of(words, span, shown=True), AS_WRITTEN)
    full_names = _full_names({name for span, name in zip(spans, names, strict=True)
                              if span.kind == PERSON and " " in name})
    out = []
    for span, name in zip(spans, names, strict=True):
        canonical, why = shown_as[name]
        if name[:1] in ONE_LETTER_CLITICS and " " in name and name[1:] in shown_as:  # وجيه بي مورغان
            canonical, why = shown_as[name[1:]][0], WITHOUT_CLITIC
        if span.kind == FIRM and (group := next((f"{head} {name}" for head in REGISTERED_HEADS
                                                 if f"{head} {name}" in shown_as), "")):  # نوفا ستار → مجموعة نوفا ستار
            canonical, why = shown_as[group][0], GROUP_NAME
        if span.kind == PERSON:  # a surname alone also when a proclitic was split off it (كالاس: ك + الاس)
            alone = span.last - span.first == 1
            full = full_names.get(name) or (full_names.get(words[span.first].norm) if alone else None)
            if full:
                canonical, why = shown_as[full][0], FULL_NAME
        start, end = offsets[span.first][0], offsets[span.last - 1][1]
        out.append((Entity(span.kind, start, end, text[start:end], canonical), why))
    return out


# Words that start a firm's own name, which a proclitic is told off (لسوق أبوظبي → سوق أبوظبي، لبنك برقان).
NAME_HEADS = frozenset(normalize(w) for w in ("سوق", "بورصة", "بنك", "مصرف"))


def _listed_without_clitic(doc: Doc, span: Span) -> tuple[str, str] | None:
    """(normalized, shown) name of a firm or organisation whose first word carries a proclitic that the list of
    organisations tells off (واليونيسيف → اليونيسيف، للبورصة المصرية → البورصة المصرية), or that is written on a
    word that starts a firm's name (لسوق أبوظبي → سوق أبوظبي), or None."""
    words, first = doc.words, doc.words[span.first]
    if span.kind == PERSON or first.norm != first.bare or first.latin or is_head(first, DESCRIPTOR_FORMS):
        return None
    for clitic in NAME_CLITICS:
        head = without_clitic(first.norm, clitic)
        if first.norm.startswith(clitic) and len(head) > 2 and (head in NAME_HEADS or doc.lists.organisations.name_at(
                words, span.first, span.last, [head])):
            plain = strip_tatweel(strip_harakat(first.text))
            rest = [words[k] for k in range(span.first + 1, span.last)]
            return (" ".join([head, *(w.norm for w in rest)]),
                    " ".join([without_clitic(plain if len(plain) == len(first.norm) else first.norm, clitic),
                              *(strip_tatweel(strip_harakat(w.text)) for w in rest)]))
    return None


def _full_names(persons: set[str]) -> dict[str, str]:
    """Normalized person names of several words → {a shorter form: the full name it stands for}: a first and last
    name alone → the one longer name that starts and ends with them (not a name of three words or more: فيصل بن
    سعود بن عبد العزيز is another man than فيصل بن فهد بن عبد العزيز); a name ending in a father's name → the one
    longer name that goes on with his lineage (محمد بن نايف → محمد بن نايف بن عبد العزيز); surname → the one full
    name (so resolved) it ends."""
    def longer(name: str) -> str:
        tokens = name.split()
        if len(tokens) == 2:
            found = {n for n in persons if len(n) > len(name) and n.split()[0] == tokens[0]
                     and n.split()[-1] == tokens[1]}
        elif len(tokens) > 2 and tokens[-2] in LINEAGE_LINKS:
            found = {n for n in persons if n.startswith(name + " ") and n.split()[len(tokens)] in LINEAGE_LINKS}
        else:
            return name
        return found.pop() if len(found) == 1 else name

    out = {name: longer(name) for name in persons}
    by_surname: dict[str, set[str]] = {}
    for name, full in out.items():
        by_surname.setdefault(name.split()[-1], set()).add(full)
    out.update({surname: fulls.pop() for surname, fulls in by_surname.items() if len(fulls) == 1})
    return {short: full for short, full in out.items() if short != full}
