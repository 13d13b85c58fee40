"""The terminal: rich renderables for results and documents (render.py), right-to-left text in visual order
(bidi.py) and the interactive shell (shell.py). The search library does not import it."""
