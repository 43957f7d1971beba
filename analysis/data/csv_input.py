"""CSV input files: read safely as text, validated with a pandera schema, errors in words.

:func:`read_raw_csv` reads a file as UTF-8 strings (saying which encoding it probably is when
it is not UTF-8); :func:`validate_frame` validates it against a schema and turns pandera's
failure cases into one :class:`~analysis.errors.InputError` per problem, each naming the file,
the line (the header is line 1) and column, and the rule. Shared by the raw tables
(:mod:`analysis.data.tables`) and the actuals files (:mod:`analysis.data.actuals`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from analysis.errors import InputError, InputErrors


def read_raw_csv(path: Path, data: bytes | None = None) -> pd.DataFrame:
    """Read a raw CSV as strings (UTF-8, empty cells as ''), refusing unreadable files;
    ``data``: the file's bytes, already read (``path`` then only names the file).

    Raises
    ------
    InputError
        The file is missing, empty, not UTF-8, or not parseable as CSV.
    """
    path = Path(path)
    if data is None:
        if not path.is_file():
            raise InputError(str(path), "file", "does not exist")
        data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        rule = "the file must be UTF-8 text" + encoding_hint(data)
        raise InputError(str(path), f"byte {exc.start}", rule) from None
    if not text.strip():
        raise InputError(str(path), "file", "is empty: a header line and rows are needed")
    from io import StringIO

    try:
        frame = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, ValueError) as exc:
        detail = " ".join(str(exc).split())
        raise InputError(str(path), "file", f"is not a well-formed CSV table ({detail})") from None
    frame.columns = [c.strip() for c in frame.columns]
    return frame


def encoding_hint(data: bytes) -> str:
    """What a file that is not UTF-8 seems to be, said in a refusal: UTF-16 (byte-order mark),
    a zip file such as an Excel workbook, or a legacy 8-bit code page."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return " (it is UTF-16 text: save it as UTF-8)"
    if data.startswith(b"PK\x03\x04"):
        return " (it is a zip file, such as an Excel workbook: save it as CSV UTF-8)"
    return " (it looks like a legacy code page such as Latin-1 or Windows-1258: save it as UTF-8)"


_NAN_WORDS = {"nan", "+nan", "-nan", "na", "n/a", "null", "none"}


def _numeric_columns(schema: pa.DataFrameSchema) -> list[str]:
    return [n for n, c in schema.columns.items() if str(c.dtype) in ("float64", "int64")]


def _blank_to_nan(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    out = frame.copy()
    for name in _numeric_columns(schema):
        if name in out:
            stripped = out[name].str.strip()
            out[name] = stripped.where(stripped.ne(""), None)
    return out


def _nan_words(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: Path) -> list[InputError]:
    """Cells that spell 'NaN' or 'null': a missing figure is an empty cell, never a word."""
    errors = []
    for name in _numeric_columns(schema):
        if name not in frame:
            continue
        for index, cell in frame[name].items():
            if isinstance(cell, str) and cell.strip().lower() in _NAN_WORDS:
                where = f"{_line(index)}, column '{name}'"
                rule = f"must be a number or left empty (got {cell!r})"
                errors.append(InputError(str(path), where, rule))
    return errors


# --- messages ------------------------------------------------------------------------------


def _line(index: object) -> str:
    try:
        return f"line {int(index) + 2}"  # header is line 1
    except (TypeError, ValueError):
        return "file"


def _is_consequence(case: object) -> bool:
    text = str(case)
    return text.startswith(("TypeError(", "KeyError(", "ValueError("))


def _rule_text(check: str, column: object, schema: pa.DataFrameSchema) -> str:
    if check.startswith("coerce_dtype") or check.startswith("dtype("):
        kind = "a whole number" if "int" in check else "a number"
        return f"must be {kind}"
    if check == "field_uniqueness":
        return "duplicate value: ids must be unique"
    if check == "column_in_dataframe":
        return "required column is missing"
    if check == "column_in_schema":
        return "unknown column (not part of the table's layout)"
    if check == "not_nullable":
        return "must not be empty"
    return check


def _frame_message(case: pd.Series, frame: pd.DataFrame) -> tuple[str, str]:
    """A row-level rule (a check across columns): name the line and the row's id."""
    index = case["index"]
    ident = ""
    if "indicator_id" in frame and index in frame.index:
        ident = f" (indicator_id {frame.at[index, 'indicator_id']!r})"
    return _line(index), f"{case['check']}{ident}"


def _column_message(case: pd.Series, schema: pa.DataFrameSchema) -> tuple[str, str]:
    check, column, index, value = case["check"], case["column"], case["index"], case["failure_case"]
    where = _where(check, column, index, value)
    rule = _rule_text(str(check), column, schema)
    if check not in ("column_in_dataframe", "column_in_schema"):
        rule = f"{rule} (got {value!r})"
    return where, rule


def _messages(
    exc: SchemaErrors, path: Path, schema: pa.DataFrameSchema, frame: pd.DataFrame
) -> list[InputError]:
    cases = exc.failure_cases
    coerced = {
        (c["column"], c["index"]) for _, c in cases.iterrows() if "coerce" in str(c["check"])
    }
    # A column whose cells were refused one by one also fails its dtype as a whole: that
    # whole-column failure repeats the cells' problem without a line, so it is left out.
    cells_refused = {
        c["column"]
        for _, c in cases.iterrows()
        if c["schema_context"] == "Column" and pd.notna(c["index"])
    }
    errors: list[InputError] = []
    seen: set[tuple[str, str]] = set()
    for _, case in cases.iterrows():
        if _is_consequence(case["failure_case"]):
            continue
        if str(case["check"]).startswith("dtype(") and (
            (case["column"], case["index"]) in coerced
            or (pd.isna(case["index"]) and case["column"] in cells_refused)
        ):
            continue
        frame_level = case["schema_context"] == "DataFrameSchema" and not str(
            case["check"]
        ).startswith("column_in")
        where, rule = _frame_message(case, frame) if frame_level else _column_message(case, schema)
        if (where, rule) not in seen:
            seen.add((where, rule))
            errors.append(InputError(str(path), where, rule))
    return errors


def _where(check: object, column: object, index: object, value: object) -> str:
    if check in ("column_in_dataframe", "column_in_schema"):
        return f"column '{value}'"
    col = "" if column is None or pd.isna(column) else f", column '{column}'"
    return f"{_line(index)}{col}"


def validate_frame(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: Path) -> pd.DataFrame:
    """Validate ``frame`` read from ``path`` against ``schema``; return the typed table.

    Raises
    ------
    InputErrors
        One :class:`InputError` per problem, each naming file, line and column, and rule.
    """
    words = _nan_words(frame, schema, path)
    prepared = _blank_to_nan(frame, schema)
    try:
        validated = schema.validate(prepared, lazy=True)
    except SchemaErrors as exc:
        errors = words + _messages(exc, path, schema, frame)
        if not errors:  # pragma: no cover - defensive: pandera reported only consequences
            errors = [InputError(str(path), "file", str(exc).splitlines()[0])]
        raise InputErrors(errors) from None
    except SchemaError as exc:  # pragma: no cover - lazy=True collects errors
        raise InputErrors([InputError(str(path), "file", str(exc))]) from None
    if words:
        raise InputErrors(words)
    return validated
