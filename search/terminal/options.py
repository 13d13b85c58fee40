"""Command-line values → Python values without pydantic where that is plain: typer ≥ 0.2x converts every option
through a pydantic TypeAdapter, which costs more at start (importing pydantic, building one adapter per option) than
the rest of a one-shot search. `install()` gives typer's parameters a conversion that handles the values Fahras's
options take (str, int within its bounds, Path, a choice, a list of str) as typer would and hands anything else,
and every error, to typer's own conversion, so messages and odd values are unchanged. On a typer without that
machinery it does nothing."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

_SLOW = object()  # "not plain: let typer convert it"


def install() -> bool:
    """Patch typer's parameters to convert plain values directly; False when this typer has no such hook."""
    try:
        from typer import _coercion, _param_types, core
    except ImportError:
        return False
    parameter = getattr(core, "_TyperParameter", None)
    if parameter is None or not hasattr(parameter, "get_runtime_param") or not all(
            hasattr(m, n) for m, n in ((_coercion, "build_runtime_param"), (_param_types, "coerce_cli_choice"),
                                       (_param_types, "coerce_cli_path"))):
        return False
    if getattr(parameter.get_runtime_param, "fahras", False):
        return True

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            self._runtime_param = Quick(self.type_descriptor)
        return self._runtime_param

    get_runtime_param.fahras = True  # type: ignore[attr-defined]
    parameter.get_runtime_param = get_runtime_param
    return True


class Quick:
    """typer's runtime conversion of one parameter, with plain values converted here."""

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self._slow: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        if not (multi and isinstance(value, str)):
            try:
                quick = convert(self.descriptor, value, param, ctx)
            except Exception:  # noqa: BLE001 (typer's conversion raises the error, with its message)
                quick = _SLOW
            if quick is not _SLOW:
                return quick
        return self.slow().coerce(value, param=param, ctx=ctx)

    def slow(self) -> Any:
        """typer's own conversion (pydantic), built on first need."""
        if self._slow is None:
            from typer._coercion import build_runtime_param

            self._slow = build_runtime_param(self.descriptor)
        return self._slow


def convert(descriptor: Any, value: Any, param: Any = None, ctx: Any = None) -> Any:
    """A plain value as typer's conversion returns it, or _SLOW."""
    from typer._param_types import coerce_cli_choice, coerce_cli_path

    annotation, info = descriptor.annotation, descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None:
        return _SLOW
    if get_origin(annotation) is list:
        if get_args(annotation) == (str,) and isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
            return list(value)
        return _SLOW
    if annotation is str:
        return value if type(value) is str else _SLOW
    if annotation is int:
        if type(value) is str and value.isascii() and value.isdigit() and len(value) < 16:
            value = int(value)
        if type(value) is not int or info.clamp or (info.min is not None and value < info.min) or (
                info.max is not None and value > info.max):
            return _SLOW
        return value
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return coerce_cli_choice(value, choices=tuple(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
    if annotation is Path and info.path_type in (None, Path):
        if type(value) is str and value:
            value = Path(value)
        if not isinstance(value, Path):
            return _SLOW
        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    return _SLOW
