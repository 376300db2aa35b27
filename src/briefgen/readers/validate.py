"""Turn pydantic validation errors into located, readable problems."""

from __future__ import annotations

import difflib
import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from briefgen.problems import Problem
from briefgen.readers.yamlfile import Located

Model = TypeVar("Model", bound=BaseModel)

_TAG = re.compile(r"^[a-z_-]+\[.*\]$|^(int|float|str|date|bool|list|dict|none)$")


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union and validator tags, keeping the data path."""
    return tuple(part for part in loc if not (isinstance(part, str) and _TAG.match(part)))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"


def _message(error: Any, model: type[BaseModel], path: tuple[str | int, ...]) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, path[:-1])
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(allowed)}" if allowed else ""
        return f"unknown field {path[-1]!r}{hint}"
    if kind == "string_type":
        hint = " (put it in quotes)" if isinstance(value, (bool, int, float, _AsWritten)) else ""
        return f"expected text, got {_shown(value)}{hint}"
    if kind in ("int_type", "float_type", "int_parsing", "float_parsing"):
        return f"expected a number, got {_shown(value)}"
    if kind == "bool_type":
        return f"expected true or false, got {_shown(value)}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, got {_shown(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {_shown(value)}"
    if kind == "enum":
        return f"expected one of {error['ctx']['expected']}, got {_shown(value)}"
    if kind == "string_pattern_mismatch":
        if error["ctx"]["pattern"].startswith("^[a-z0-9]"):
            return f"expected a lower-case id (letters, digits, hyphens), got {_shown(value)}"
        if "https" in error["ctx"]["pattern"]:
            return f"expected an https:// address, got {_shown(value)}"
        if "@" in error["ctx"]["pattern"]:
            return f"expected an e-mail address, got {_shown(value)}"
        return f"does not match the required form, got {_shown(value)}"
    if kind == "too_short":
        return "must not be empty"
    if kind.startswith("date"):
        return f"expected a date as YYYY-MM-DD, got {_shown(value)}"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _allowed_fields(model: type[BaseModel], path: tuple[str | int, ...]) -> list[str]:
    current: Any = model
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        current = _inner_model(field.annotation) if field else None
    return sorted(current.model_fields) if current is not None and hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    for meta in getattr(annotation, "__metadata__", ()):
        del meta
    origin = getattr(annotation, "__origin__", None)
    return _inner_model(origin) if origin is not None and origin is not annotation else None


def validate(model: type[Model], located: Located) -> tuple[Model | None, list[Problem]]:
    """Validate located YAML data against ``model``; problems carry file, line and column.

    Validation is strict and JSON-like (the data is plain YAML: text, numbers, true/false,
    lists, mappings): ``no``, ``0`` or ``'yes'`` are never booleans and numbers never become
    text or the other way round, so a YAML 1.1 habit cannot silently change a value.
    """
    try:
        return model.model_validate_json(json.dumps(located.data, ensure_ascii=False), strict=True), []
    except ValidationError as error:
        problems: list[Problem] = []
        seen: set[tuple[str | int, ...]] = set()
        for item in error.errors():
            path = _clean_loc(item["loc"])
            if path in seen:
                continue
            seen.add(path)
            if path in located.raw:  # show ``1.10`` as written, not as the number it became
                item = {**item, "input": _AsWritten(located.raw[path])}
            problems.append(located.problem(path, _message(item, model, path), key=item["type"] == "extra_forbidden"))
        return None, problems


class _AsWritten(str):
    """A scalar's source text, shown without quotes in messages."""

    def __repr__(self) -> str:
        return str(self)
