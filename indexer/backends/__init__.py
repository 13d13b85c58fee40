"""Backend names → their adapter classes, each imported when first used (only the adapters import an engine)."""

from __future__ import annotations

import importlib
from pathlib import Path

from indexer.backends.base import Backend, BackendFactory
from indexer.errors import BackendUnavailable

# name → (module, class, the pip requirement that brings its engine)
REGISTRY: dict[str, tuple[str, str, str]] = {
    "tantivy": ("indexer.backends.tantivy_backend", "TantivyBackend", "tantivy"),
    "whoosh": ("indexer.backends.whoosh_backend", "WhooshBackend", "whoosh-reloaded"),
}
DEFAULT_BACKEND = "tantivy"


def backend_names() -> list[str]:
    return sorted(REGISTRY)


def adapter(name: str) -> BackendFactory:
    """The adapter class of a backend name (KeyError for an unknown one), its engine imported now."""
    module, cls, requirement = REGISTRY[name]
    try:
        return getattr(importlib.import_module(module), cls)
    except ImportError as err:
        raise BackendUnavailable(name, f"{err.name or 'its engine'} is not installed; "
                                       f"run `pip install {requirement}`") from None


def open_backend(name: str, path: Path, create: bool = False) -> Backend:
    """Open (or with `create`, make) the index of `path` with the named backend."""
    return adapter(name)(path, create=create)
