"""User-facing error types: each message is one line that says what to do next."""

from __future__ import annotations


class FahrasError(Exception):
    """Base of every error a user can cause; the CLI prints `Error: <message>` and exits 1."""


class IndexNotFound(FahrasError):
    def __init__(self, path: str) -> None:
        super().__init__(f"no index at {path}; run `fahras index` first")
        self.path = path


class UnknownAnalyzer(FahrasError):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(
            f"the index uses analyzer {name!r}, which this build of Fahras does not know "
            f"(it knows: {', '.join(known)}); upgrade Fahras or re-index with `fahras index --rebuild`"
        )
        self.name, self.known = name, known


class IndexLocked(FahrasError):
    def __init__(self, path: str, lock: str = "", pid: int | None = None) -> None:
        holder = f"process {pid}" if pid else "another process"
        held = f" (it holds {lock})" if lock else ""
        super().__init__(f"{holder} is writing to the index at {path}{held}; wait for it to finish and retry")
        self.path, self.lock, self.pid = path, lock, pid


class IndexIncompatible(FahrasError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"the index at {path} cannot be used: {reason}; rebuild it with `fahras index --rebuild`")
        self.path = path


class InputError(FahrasError):
    """An input path or option that cannot be read at all (a bad line is a Problem, not an error)."""


class DocumentNotFound(FahrasError):
    def __init__(self, doc_id: str, path: str) -> None:
        super().__init__(f"no document with id {doc_id!r} in {path}; find ids with `fahras search WORDS`")
        self.doc_id = doc_id


class BackendUnavailable(FahrasError):
    """The engine behind an index cannot be used: its library is not installed, or (a remote engine) not reached."""

    def __init__(self, backend: str, reason: str) -> None:
        super().__init__(f"the {backend} backend cannot be used: {reason}")
        self.backend = backend
