"""Columns of `fahras index`'s progress bar: documents and MB of title and text per second so far."""

from __future__ import annotations

from rich.progress import ProgressColumn, Task
from rich.text import Text


class DocsPerSecond(ProgressColumn):
    """Progress column: documents per second so far."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:,.0f} docs/s")


class MegabytesPerSecond(ProgressColumn):
    """Progress column: MB of title and text per second so far."""

    def render(self, task: Task) -> Text:
        seconds = task.elapsed or 0.0
        return Text(f"{task.fields.get('bytes', 0) / 1e6 / seconds if seconds else 0:,.2f} MB/s")
