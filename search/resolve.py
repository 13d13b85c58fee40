"""Parsed query (search.query nodes) + the index's analyzer, words and entity names → Resolved: the query analysed
once, each term with every form it matches (as typed; the index words a fuzzy or prefix word stands for; the other
spellings and scripts of an entity it names). The planner, the highlighter, --explain and --json all read it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from indexer.analysis import Analyzer
from indexer.entities.keys import key_of, transliterates
from indexer.entities.kinds import PERSON
from indexer.entities.store import Named
from indexer.spelling import close_spellings, one_script
from search import query as q
from search.query import ENTITY_FIELDS
from search.vocabulary import MAX_EXPANSIONS, Vocabulary

# Fields a form searches: "body" the stems in the body (the planner adds the title and the unstemmed words), "title"
# the stems in the title only, "exact" the normalized, unstemmed words, "stem" one stem in the body.
BODY, TITLE, EXACT, STEM = "body", "title", "exact", "stem"
TYPED, FUZZY, PREFIX = "typed", "fuzzy", "prefix"  # why a form is there, besides an entity's spellings
NAME_WORDS = 4  # the most words a name found among a query's plain words may have
NAME_QUERY_WORDS = 32  # plain words beyond which a query is pasted text: its names are not looked up
MAX_CLAUSES = 1024  # index words all fuzzy and prefix words of a query stand for at most (Lucene's max clause count)
SPELLINGS = 8  # other spellings of an entity searched beside the typed one at most
DEFAULT_BUDGET = 0.2  # seconds for fuzzy and prefix expansion per query; past it, words are searched as typed


@dataclass(frozen=True)
class Form:
    """One way a query term matches a document: `words` of `field`, in order within `slop` (None: each word on its
    own, their scores added)."""

    field: str
    words: tuple[str, ...]
    exact: tuple[str, ...] = ()  # a body form's words normalized, unstemmed (the planner boosts them)
    slop: int | None = 0
    why: str = TYPED  # typed, fuzzy, prefix, or the entity whose spelling it is ("firm Lazard")


@dataclass(frozen=True)
class Leaf:
    """A term of the query: a document matches it through any of its forms, scored by the best one."""

    text: str  # as the query writes it: the key of its highlights and of --explain's line
    forms: tuple[Form, ...]
    entity: str = ""  # "firm Lazard" when the term names an entity the index knows


@dataclass(frozen=True)
class EntityFilter:
    """person: firm: org: — the stored values the user's name for an entity may mean."""

    field: str
    text: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """must: all match; should: OR-ranked; must_not: none matches; filters: restrict without scoring. `near` lists
    the stems of the plain words, in query order, for the proximity boost."""

    must: tuple[Node, ...] = ()
    should: tuple[Node, ...] = ()
    must_not: tuple[Node, ...] = ()
    filters: tuple[Node, ...] = ()
    near: tuple[str, ...] = ()


Node = Leaf | EntityFilter | q.DateRange | Group


@dataclass(frozen=True)
class Resolved:
    """The resolved tree (None: nothing to search for), its positive leaves in query order (what is highlighted),
    and what the resolution had to cut short."""

    root: Node | None
    leaves: tuple[Leaf, ...] = ()
    warnings: tuple[str, ...] = ()

    def terms(self) -> list[str]:
        """The analysed words of the positive leaves as typed (a fuzzy or prefix term as the query writes it)."""
        out: list[str] = []
        for leaf in self.leaves:
            out += [w for f in leaf.forms if f.why == TYPED for w in f.words] or [leaf.text]
        return list(dict.fromkeys(out))

    def expansions(self) -> dict[str, list[str]]:
        """Each positive leaf with forms beyond the typed one → those forms (an entity's spellings, index words)."""
        out: dict[str, list[str]] = {}
        for leaf in self.leaves:
            more = list(dict.fromkeys(" ".join(f.words) for f in leaf.forms if f.why != TYPED))
            if more:
                out.setdefault(leaf.text, [])
                out[leaf.text] += [m for m in more if m not in out[leaf.text]]
        return out


Terms = Callable[[str, str, int | None], list[tuple[str, int]]]  # (field, prefix, limit) → (term, documents)


def no_terms(field: str, prefix: str, limit: int | None) -> list[tuple[str, int]]:
    return []


def no_names(text: str) -> Named | None:
    return None


def literal_entity(field: str, text: str) -> list[str]:
    """The value as typed (entity facets map aliases to canonical values; see search/facets)."""
    return [" ".join(text.split())]


@dataclass
class _Work:
    """What one resolution has done so far: its deadline, the fuzzy words' expansions, the leaves, what it cut."""

    deadline: float
    names: bool  # look the query's words up among entity names (not in pasted text)
    limit: int  # index words one fuzzy or prefix word stands for at most
    fuzzy: dict[tuple[str, int], list[str] | None] = field(default_factory=dict)
    leaves: list[Leaf] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)  # words searched as typed: the budget was spent
    capped: list[str] = field(default_factory=list)  # words that matched more index words than `limit`


@dataclass(frozen=True)
class Resolver:
    """Resolves parsed queries against one index: its analyzer, its terms, its stems (a Vocabulary, loaded when a
    fuzzy word first needs it) and its entity names."""

    analyzer: Analyzer
    terms: Terms = no_terms
    stems: Callable[[], Vocabulary] = lambda: Vocabulary([])
    names: Callable[[str], Named | None] = no_names
    entity_values: Callable[[str, str], list[str]] = literal_entity
    conjunctive: bool = False  # plain words all required (AND) instead of OR-ranked
    budget: float = DEFAULT_BUDGET

    def resolve(self, node: q.Node) -> Resolved:
        leaves = list(_leaves(node))
        plain = sum(1 for leaf in leaves if _plain(leaf) or isinstance(leaf, q.Phrase))
        expanding = sum(1 for leaf in leaves if isinstance(leaf, (q.Prefix, q.Fuzzy)))
        limit = min(MAX_EXPANSIONS, max(1, MAX_CLAUSES // max(expanding, 1)))
        work = _Work(time.monotonic() + self.budget, plain <= NAME_QUERY_WORDS, limit)
        self._expand_fuzzy(node, work)
        root = self._node(node, work, positive=True)
        warnings = [f"time budget of {self.budget * 1000:.0f} ms spent: {', '.join(work.cut[:5])}"
                    f"{' …' if len(work.cut) > 5 else ''} searched as typed"] if work.cut else []
        if work.capped:
            capped = list(dict.fromkeys(work.capped))
            warnings.append(f"{', '.join(capped[:5])}{' …' if len(capped) > 5 else ''}: only the {work.limit} most "
                            f"frequent matching words searched; make the word longer or the distance smaller")
        return Resolved(root, tuple(work.leaves), tuple(warnings))

    # -- expansion ------------------------------------------------------------------------------------------------

    def _expand_fuzzy(self, node: q.Node, work: _Work) -> None:
        """Every fuzzy word of the query compared with the index's stems at once, until the budget runs out."""
        wanted = list(dict.fromkeys((w.term, fuzzy_distance(w.exact, leaf.distance))
                                    for leaf in _leaves(node) if isinstance(leaf, q.Fuzzy)
                                    for w in query_words(self.analyzer, leaf.text)))
        if not wanted:
            return
        loading = time.monotonic()
        stems = self.stems()  # read once per commit of the index: not counted in the budget
        work.deadline += time.monotonic() - loading
        found = stems.near([t for t, _ in wanted], [d for _, d in wanted], work.deadline, work.limit + 1)
        work.fuzzy.update(zip(wanted, found, strict=True))

    def _prefixed(self, prefix: str, label: str, work: _Work) -> list[Form] | None:
        """The most frequent index words and stems starting with `prefix` (None past the budget)."""
        if time.monotonic() > work.deadline:
            return None
        found: dict[str, tuple[int, str]] = {}
        for kind in (EXACT, STEM):  # a word that is a stem as well is searched as a stem
            for t, n in self.terms(_ENGINE_FIELD[kind], prefix, work.limit + 1):
                found[t] = (max(n, found.get(t, (0, ""))[0]), kind)
        best = sorted(found.items(), key=lambda f: -f[1][0])
        if len(best) > work.limit:
            work.capped.append(label)
        return [Form(kind, (t,), why=PREFIX) for t, (_, kind) in best[:work.limit]]

    # -- the tree -------------------------------------------------------------------------------------------------

    def _node(self, node: q.Node, work: _Work, positive: bool) -> Node | None:
        if isinstance(node, q.Word):
            return self._word(node, work, positive)
        if isinstance(node, q.Phrase):
            return self._phrase(node, work, positive)
        if isinstance(node, q.Exact):
            words = tuple(self.analyzer.exact_terms(node.text))
            return self._leaf(str(node), (Form(EXACT, words),), work, positive) if words else None
        if isinstance(node, q.Prefix):
            prefix = self.analyzer.normalize_term(node.text)
            if not prefix:
                return None
            forms = self._prefixed(prefix, str(node), work)
            if forms is None:
                work.cut.append(str(node))
                forms = [Form(EXACT, (prefix,))]
            return self._leaf(str(node), tuple(forms), work, positive)
        if isinstance(node, q.Fuzzy):
            return self._fuzzy(node, work, positive)
        if isinstance(node, q.DateRange):
            return node
        if isinstance(node, q.Must):
            return self._node(node.child, work, positive)
        if isinstance(node, q.Not):
            child = self._node(node.child, work, positive=False)
            return Group(must_not=(child,)) if child else None
        if isinstance(node, q.Clauses):
            return self._clauses(node, work, positive)
        if isinstance(node, q.And):
            parts = tuple(p for p in (self._node(i, work, positive) for i in node.items) if p is not None)
            return Group(must=parts) if parts else None
        if isinstance(node, q.Or):
            parts = tuple(p for p in (self._node(i, work, positive) for i in node.items) if p is not None)
            return _any(parts)
        return None  # q.Empty

    def _leaf(self, text: str, forms: tuple[Form, ...], work: _Work, positive: bool, entity: str = "") -> Leaf:
        leaf = Leaf(text, forms, entity)
        if positive:
            work.leaves.append(leaf)
        return leaf

    def _word(self, node: q.Word, work: _Work, positive: bool) -> Node | None:
        words = query_words(self.analyzer, node.text)
        if node.field == TITLE:
            leaves = [self._leaf(str(node), (Form(TITLE, (w.term,)),), work, positive) for w in words]
        else:
            named = self.names(node.text) if work.names and words else None
            leaves = [self._leaf(str(node), (Form(BODY, (w.term,), (w.exact,)), *self._spellings(named, [w])),
                                 work, positive, _entity(named)) for w in words]
        return _any(tuple(leaves))

    def _phrase(self, node: q.Phrase, work: _Work, positive: bool) -> Node | None:
        if node.field in ENTITY_FIELDS:
            return EntityFilter(node.field, node.text, tuple(self.entity_values(node.field, node.text)))
        words = query_words(self.analyzer, node.text, unique=False)
        if not words:
            return None
        terms, exact = tuple(w.term for w in words), tuple(w.exact for w in words)
        if node.field == TITLE:
            return self._leaf(str(node), (Form(TITLE, terms, slop=node.slop),), work, positive)
        named = self.names(node.text) if work.names else None
        return self._leaf(str(node), (Form(BODY, terms, exact, node.slop), *self._spellings(named, words)), work,
                          positive, _entity(named))

    def _fuzzy(self, node: q.Fuzzy, work: _Work, positive: bool) -> Node | None:
        leaves = []
        for w in query_words(self.analyzer, node.text):
            found = work.fuzzy.get((w.term, fuzzy_distance(w.exact, node.distance)))
            if found is None:
                work.cut.append(str(node))
                forms = (Form(STEM, (w.term,)),)
            else:
                if len(found) > work.limit:
                    work.capped.append(str(node))
                forms = tuple(Form(STEM, (t,), why=FUZZY) for t in found[:work.limit])
            leaves.append(self._leaf(str(node), forms, work, positive))
        return _any(tuple(leaves))

    def _clauses(self, node: q.Clauses, work: _Work, positive: bool) -> Node | None:
        """Juxtaposed terms: +must required, -not excluded, the others OR-ranked (all required when conjunctive);
        dates and entity fields written beside them filter the result; plain words that together name an entity
        are one term."""
        must: list[Node] = []
        should: list[Node] = []
        must_not: list[Node] = []
        filters: list[Node] = []
        items = list(node.items)
        plain = [i for i in items if _plain(i)]
        runs = self._names_in(items) if work.names and len(plain) > 1 else {}
        k = 0
        while k < len(items):
            item = items[k]
            if k in runs:
                n, named = runs[k]
                built: Node | None = self._name_run(items[k:k + n], named, work, positive)
                k += n
            else:
                k += 1
                if _is_filter(item):
                    built = self._node(item, work, positive)
                    if built is not None:
                        filters.append(built)
                    continue
                child = item.child if isinstance(item, (q.Must, q.Not)) else item
                built = self._node(child, work, positive and not isinstance(item, q.Not))
                if built is None:
                    continue
                if isinstance(item, q.Not):
                    must_not.append(built)
                    continue
                if isinstance(item, q.Must):
                    must.append(built)
                    continue
            if built is not None:
                (must if self.conjunctive else should).append(built)
        near = tuple(w.term for i in plain for w in query_words(self.analyzer, i.text))
        if not (must or should or must_not or filters):
            return None
        return Group(tuple(dict.fromkeys(must)), tuple(dict.fromkeys(should)), tuple(must_not), tuple(filters), near)

    def _names_in(self, items: list[q.Node]) -> dict[int, tuple[int, Named]]:
        """Runs of 2 to NAME_WORDS neighbouring plain words that name one entity (the longest from each word on),
        by the place of their first word among the clauses' items."""
        runs: dict[int, tuple[int, Named]] = {}
        k = 0
        while k < len(items):
            for n in range(NAME_WORDS, 1, -1):
                run = items[k:k + n]
                if len(run) == n and all(map(_plain, run)):
                    named = self.names(" ".join(w.text for w in run if isinstance(w, q.Word)))
                    if named is not None:
                        runs[k] = (n, named)
                        break
            k += runs[k][0] if k in runs else 1
        return runs

    def _name_run(self, words: Sequence[q.Node], named: Named, work: _Work, positive: bool) -> Node | None:
        text = " ".join(w.text for w in words if isinstance(w, q.Word))
        analysed = query_words(self.analyzer, text, unique=False)
        typed = Form(BODY, tuple(w.term for w in analysed), tuple(w.exact for w in analysed), None)
        return self._leaf(text, (typed, *self._spellings(named, analysed)), work, positive, _entity(named))

    def _spellings(self, named: Named | None, typed: Sequence[QueryWord]) -> list[Form]:
        """The forms of an entity's stored spellings that are the typed name (same_name) and can match documents
        the typed words do not: not read as typed, not holding the typed words in a row (هوفمان finds ريد هوفمان
        already), at most SPELLINGS."""
        if named is None:
            return []
        own = tuple(w.term for w in typed)
        text = " ".join(w.exact for w in typed)
        seen = {own}
        out = []
        for value in named.values:
            words = query_words(self.analyzer, value, unique=False)
            terms = tuple(w.term for w in words)
            exact = " ".join(w.exact for w in words)
            if terms and terms not in seen and not _holds(terms, own) and same_name(named.kind, text, exact):
                seen.add(terms)
                out.append(Form(BODY, terms, tuple(w.exact for w in words), 0, _entity(named)))
        return out[:SPELLINGS]


_ENGINE_FIELD = {EXACT: "exact", STEM: "body"}  # the engine field whose terms each kind of form reads


@dataclass(frozen=True)
class QueryWord:
    """One content word of a query: its stem (indexed term) and its normalized, unstemmed form."""

    term: str
    exact: str


def query_words(analyzer: Analyzer, text: str, unique: bool = True) -> list[QueryWord]:
    """The content words of `text`, stopwords dropped (first occurrence kept when `unique`)."""
    words = [QueryWord(i.term, i.normalized) for i in analyzer.explain(text) if i.term is not None]
    return list(dict.fromkeys(words)) if unique else words


def fuzzy_distance(word: str, asked: int | None) -> int:
    """The edit distance for a fuzzy word: as asked, else 1 up to 5 letters and 2 beyond."""
    return asked if asked is not None else (1 if len(word) <= 5 else 2)


def same_name(kind: str, typed: str, value: str) -> bool:
    """Is a stored value (normalized) the name typed (normalized), not just something grouping joined to it? The
    same name in the other script (Lazard, لازارد: one transliteration key, vowels where a transliteration puts them;
    Tesla is no تواصل), a shorter or longer form sharing a word (مبارك, حسني مبارك), or a spelling a few cheap edits
    away (ماكجواير, ماكغواير). Same-script keys are too loose for this (كينيدي and غاندي share one).

    >>> same_name("firm", "lazard", "لازارد"), same_name("person", "ماكغواير", "ماكجواير")
    (True, True)
    >>> same_name("person", "كينيدي", "غاندي"), same_name("person", "سعيد", "سعود")
    (False, False)
    """
    if not one_script(typed, value):
        return key_of(kind)(typed) == key_of(kind)(value) and transliterates(typed, value, kind)
    return bool(set(typed.split()) & set(value.split())) or close_spellings(typed, value, short_vowels=kind != PERSON)


def _holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Does `words` hold `part` as a run of neighbouring words?"""
    return any(words[k:k + len(part)] == part for k in range(len(words) - len(part) + 1))


def _entity(named: Named | None) -> str:
    return f"{named.kind} {named.name}" if named else ""


def _plain(node: q.Node) -> bool:
    return isinstance(node, q.Word) and node.field is None


def _is_filter(node: q.Node) -> bool:
    """Dates and entity fields restrict the results when written beside words (مكالمة date:2024)."""
    return isinstance(node, q.DateRange) or isinstance(node, q.Phrase) and node.field in ENTITY_FIELDS


def _any(parts: tuple[Node, ...]) -> Node | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Group(should=parts)


def _leaves(node: q.Node) -> Iterator[q.Node]:
    """Every leaf of a query tree, positive or not."""
    if isinstance(node, (q.Must, q.Not)):
        yield from _leaves(node.child)
    elif isinstance(node, (q.Clauses, q.And, q.Or)):
        for item in node.items:
            yield from _leaves(item)
    else:
        yield node
