"""The spans before and after each rule → the steps that made every span: which rule created, changed, merged,
split, retyped or dropped it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a search imports Step; the extraction modules load only to extract
    from indexer.entities.document import Doc
    from indexer.entities.words import Span


@dataclass(frozen=True)
class Step:
    """What one rule did to a name: `before` the spans it came from (none when created), `after` the span it made
    (empty when dropped), each shown as "kind: words"."""

    rule: str
    action: str  # created, changed, merged, split, retyped, dropped, named (its canonical value), grouped
    before: tuple[str, ...] = ()
    after: str = ""

    def __str__(self) -> str:
        before = " + ".join(self.before)
        arrow = f"{before} → {self.after}" if before and self.after else before or self.after
        return f"{self.rule}: {self.action} {arrow}"


@dataclass
class Tracer:
    """Follows the spans through the rules of one document: for each live span the steps that made it, and the
    spans dropped on the way with theirs."""

    doc: Doc
    steps: dict[Span, tuple[Step, ...]] = field(default_factory=dict)
    dropped: list[tuple[Span, tuple[Step, ...]]] = field(default_factory=list)

    def shown(self, span: Span) -> str:
        """A span as "kind: words as written"."""
        start, end = self.doc.offsets[span.first][0], self.doc.offsets[span.last - 1][1]
        return f"{span.kind}: {self.doc.text[start:end]}"

    def record(self, rule: str, before: list[Span], after: list[Span]) -> None:
        """What `rule` did, from the spans it was given and those it returned."""
        old, new = set(before), set(after)
        removed = [span for span in dict.fromkeys(before) if span not in new]
        added = [span for span in dict.fromkeys(after) if span not in old]
        children = {span: [a for a in added if _overlap(span, a)] for span in removed}
        for span in added:
            parents = [r for r in removed if _overlap(r, span)]
            action = "created" if not parents else "merged" if len(parents) > 1 \
                else "split" if len(children[parents[0]]) > 1 \
                else "retyped" if parents[0][1:3] == span[1:3] and parents[0].kind != span.kind else "changed"
            history = tuple(step for parent in parents for step in self.steps.get(parent, ()))
            self.steps[span] = (*dict.fromkeys(history), Step(rule, action, tuple(map(self.shown, parents)),
                                                               self.shown(span)))
        for span in removed:
            if not children[span]:
                self.dropped.append((span, (*self.steps.get(span, ()), Step(rule, "dropped", (self.shown(span),)))))
        for span in removed:
            self.steps.pop(span, None)


def _overlap(a: Span, b: Span) -> bool:
    return a.first < b.last and b.first < a.last
