"""The entity rules, each `(doc, spans) → spans`; pipeline.py lists them in order."""
