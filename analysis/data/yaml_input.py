"""YAML input files (scenarios, plan packs): read safely, validated by pydantic, errors in words.

:func:`read_yaml` reads one document with plain values only and no duplicate keys;
:func:`read_mapping` also requires a mapping at the top. :func:`input_errors` turns a pydantic
``ValidationError`` into one :class:`~analysis.errors.InputError` per problem, each naming the
file, the field path and the rule (unknown keys list the allowed ones).
"""

from __future__ import annotations

import reprlib
import typing
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from analysis.errors import InputError, InputErrors

MAX_FILE_BYTES = 256_000
"""Input YAML files are a few hundred bytes; anything this large is not one of them."""

_NO_VALUE = object()


# --- the models' common ground ------------------------------------------------------------


class Strict(BaseModel):
    """Frozen, strict, closed: unknown keys, strings for numbers, NaN and inf are refused."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


class Bilingual(Strict):
    """Text in Vietnamese and English (shown escaped in every HTML page)."""

    vi: Annotated[str, Field(min_length=1, max_length=200)]
    en: Annotated[str, Field(min_length=1, max_length=200)]


class LongBilingual(Strict):
    """A longer description in Vietnamese and English."""

    vi: Annotated[str, Field(max_length=4000)] = ""
    en: Annotated[str, Field(max_length=4000)] = ""


class _UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that also refuses a key given twice in one mapping."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            duplicate = key in seen
        except TypeError:  # unhashable key: let construct_mapping report it
            break
        if duplicate:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is given twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxlevel, _SHORT_REPR.maxlist, _SHORT_REPR.maxdict = 2, 4, 4
_SHORT_REPR.maxstring, _SHORT_REPR.maxother = 80, 80
"""repr that stops early: a value built from YAML aliases (nine lists of nine lists of nine...)
would take exponential time and memory to print in full."""


def show(value: Any, limit: int = 60) -> str:
    """A value quoted for an error message: repr (newlines escaped), shortened."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**15:
        return f"a {len(str(abs(value)))}-digit number"
    text = _SHORT_REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _yaml_problem(file: str, exc: yaml.YAMLError) -> InputError:
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, yaml.constructor.ConstructorError) and "constructor for the tag" in problem:
        rule = f"YAML tags are not allowed, write plain values ({problem})"
    else:
        rule = f"malformed YAML: {problem}"
    return InputError(file, where, rule)


def read_yaml(path: str | Path) -> Any:
    """Read one YAML document safely (plain values only, no duplicate keys).

    Raises
    ------
    InputError
        Missing, unreadable, over-large or malformed file, or a YAML tag.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), "(file)", f"cannot be read: {exc.strerror}") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(str(path), "(file)", f"is larger than {MAX_FILE_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), "(file)", "must be UTF-8 text") from exc
    try:
        # A SafeLoader subclass: plain values only, as yaml.safe_load.
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise _yaml_problem(str(path), exc) from exc


# --- turning pydantic errors into planner messages ------------------------------------------


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``annotation`` (unwrapping Optional/Annotated), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _allowed_keys(loc: tuple[Any, ...], model: type[BaseModel]) -> list[str] | None:
    """The keys the schema allows in the mapping holding ``loc``'s last key."""
    found: type[BaseModel] | None = model
    for part in loc[:-1]:
        fields = {f.alias or n: f for n, f in found.model_fields.items()}
        if part not in fields:
            return None
        found = _model_in(fields[part].annotation)
        if found is None:
            return None
    return [f.alias or n for n, f in found.model_fields.items()]


def _rule(error: dict[str, Any], model: type[BaseModel]) -> str:
    kind, value = error["type"], error.get("input", _NO_VALUE)
    if kind == "extra_forbidden":
        allowed = _allowed_keys(error["loc"], model)
        return "unknown key" + (f" (allowed: {', '.join(allowed)})" if allowed else "")
    if kind == "missing":
        return "is required"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    texts = {
        "float_type": "must be a number",
        "string_type": "must be text",
        "finite_number": "must be a finite number",
        "list_type": "must be a list",
        "model_type": "must be a mapping of keys to values",
        "model_attributes_type": "must be a mapping of keys to values",
        "dict_type": "must be a mapping of keys to values",
    }
    text = texts.get(kind, error["msg"][:1].lower() + error["msg"][1:])
    if value is _NO_VALUE:
        return text
    return f"{text}, got {show(value)}{_exponent_hint(value)}"


def _exponent_hint(value: Any) -> str:
    """YAML reads ``1e5`` or ``2.4e4`` (no sign in the exponent) as text: say how to write it."""
    if not isinstance(value, str) or "e" not in value.lower():
        return ""
    try:
        float(value)
    except ValueError:
        return ""
    return " (YAML reads a number like 2.4e4 as text: write 24000, or 2.4e+4)"


def input_errors(file: str, exc: ValidationError, model: type[BaseModel]) -> list[InputError]:
    """One :class:`InputError` per problem pydantic found, in words a planner understands."""
    return [InputError(file, _where(e["loc"]), _rule(e, model)) for e in exc.errors()]


def raise_collected(errors: list[InputError]) -> None:
    """Raise nothing, the one error, or all of them together."""
    if errors:
        raise collected(errors)


def collected(errors: list[InputError]) -> InputError | InputErrors:
    """The one error, or several together (one line each)."""
    return errors[0] if len(errors) == 1 else InputErrors(errors)


def as_list(exc: InputError | InputErrors) -> list[InputError]:
    """The single errors inside ``exc``."""
    return list(exc.errors) if isinstance(exc, InputErrors) else [exc]


def read_mapping(path: str | Path) -> dict[str, Any]:
    """Read one YAML file that must hold a mapping of keys to values at the top level."""
    path = Path(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        kind = "an empty file" if data is None else type(data).__name__
        raise InputError(
            str(path), "(top level)", f"must be a mapping of keys to values, got {kind}"
        )
    return data
