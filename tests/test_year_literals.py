"""No year written in the package's code: the plan pack says which year is planned.

The source of every module in :data:`SCANNED` is tokenised; numbers, strings (f-strings
included) and names that hold a year 2010-2039 (``2023``, ``"2024-Q1"``, ``grdp_2023``) are
flagged, unless they sit in a comment or a docstring (examples and worked numbers belong
there). Issue 11's acceptance: no year literal left in the package's code.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The whole package: every layer takes its years from the plan pack.
SCANNED: tuple[str, ...] = ("analysis",)

YEAR = re.compile(r"(?<!\d)20[1-3]\d(?!\d)")
_TOKENS = (tokenize.NUMBER, tokenize.STRING, tokenize.NAME)


def _documentation_lines(tree: ast.AST) -> set[int]:
    """Lines of docstrings: every statement that is a bare string (module, class, function and
    attribute docstrings)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            lines.update(range(node.lineno, node.end_lineno + 1))
    return lines


def year_literals(source: str) -> list[tuple[int, str]]:
    """``(line, token)`` of each token of code holding a year; comments and docstrings aside."""
    docs = _documentation_lines(ast.parse(source))
    return [
        (tok.start[0], tok.string)
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type in _TOKENS and tok.start[0] not in docs and YEAR.search(tok.string)
    ]


def _modules() -> list[Path]:
    return sorted(p for folder in SCANNED for p in (ROOT / folder).rglob("*.py"))


def test_the_check_finds_years_in_code_and_leaves_comments_and_docstrings():
    source = '''"""Module docstring: base year 2023, plan year 2024."""
BASE = 2023  # a number
LABEL = "2024-Q1"
grdp_2023 = 1.0
note = f"GRDP {year} × {x}"  # 2023 in a comment is fine
text = f"real increase at 2023 prices"
NEXT = "2045"


def f(year: int) -> str:
    """Docstring: for 2023, 181.9 trillion VND."""
    return f"{year}"


CONST = 12023
"""Attribute docstring: 2016-2019 and 2023."""
'''
    assert year_literals(source) == [
        (2, "2023"),
        (3, '"2024-Q1"'),
        (4, "grdp_2023"),
        (6, 'f"real increase at 2023 prices"'),
    ]


def test_the_scanned_folders_hold_modules():
    modules = _modules()
    assert len(modules) > 20
    assert ROOT / "analysis/outlook/consistency_inputs.py" in modules


@pytest.mark.parametrize(
    "module", _modules(), ids=lambda p: str(p.relative_to(ROOT)).replace("\\", "/")
)
def test_no_year_literal_in_code(module):
    found = year_literals(module.read_text(encoding="utf-8"))
    where = "; ".join(f"line {line}: {token}" for line, token in found)
    assert not found, (
        f"{module.relative_to(ROOT)}: years written in code ({where}); take them from the plan "
        "pack (plan_year, base_year) or the data, or move the example to a docstring"
    )
