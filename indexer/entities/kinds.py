"""The kinds of names: the entity kinds the index keeps as facet fields, and what the tagger's labels mean."""

from __future__ import annotations

PERSON, FIRM, ORG = "person", "firm", "org"
KINDS = (PERSON, FIRM, ORG)  # each is a keyword field of the index and a facet
PLACE, OTHER = "place", "other"  # what else the tagger finds: read by the rules, never kept

# The tagger's labels (ANERcorp's) → kinds; an organisation is then a firm or an org by its first word (org_kind).
TAGGER_KINDS = {"PER": PERSON, "ORG": ORG, "LOC": PLACE, "MISC": OTHER}
