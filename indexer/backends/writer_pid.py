"""An index directory ↔ the PID of the process writing to it (noted beside the engine's lock), for the message a
second writer gets."""

from __future__ import annotations

import os
from pathlib import Path

WRITER_PID = "fahras-writer.pid"


def note_writer(path: Path) -> None:
    (path / WRITER_PID).write_text(str(os.getpid()), encoding="utf-8")


def forget_writer(path: Path) -> None:
    (path / WRITER_PID).unlink(missing_ok=True)


def writer_holder(path: Path) -> int | None:
    """The PID the writer noted, if it is a number of a running process."""
    try:
        pid = int((path / WRITER_PID).read_text(encoding="utf-8"))
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid
