"""The package's HTML templates (analysis.report.templating): found, shipped, autoescaped."""

from __future__ import annotations

import html
import tomllib
from pathlib import Path

import pytest
from markupsafe import Markup

from analysis.report.templating import environment, escape_text, render

TEMPLATES = Path(__file__).resolve().parents[1] / "analysis" / "report" / "templates"
HOSTILE = "<script>alert(\"x\")</script> & 'quotes'"


def _page_templates() -> list[str]:
    return sorted(p.name for p in TEMPLATES.glob("*.j2"))


@pytest.mark.parametrize("name", _page_templates())
def test_every_template_loads_and_is_autoescaped(name):
    env = environment()
    assert env.get_template(name) is not None
    assert env.autoescape(name) is True


def test_values_are_escaped_as_the_standard_library_does():
    assert escape_text(HOSTILE) == html.escape(HOSTILE)
    assert "&quot;" in escape_text(HOSTILE) and "&#x27;" in escape_text(HOSTILE)
    assert escape_text(Markup("<b>safe</b>")) == "<b>safe</b>"
    assert escape_text(3) == "3"


def test_a_rendered_value_cannot_open_markup():
    page = render("figure.html.j2", alt=HOSTILE, title=HOSTILE, png_base64="AAAA")
    assert "<script>" not in page
    hostile = html.escape(HOSTILE)
    assert page == (
        f'<img class="report-figure" alt="{hostile}" title="{hostile}" '
        'src="data:image/png;base64,AAAA" style="max-width: 100%;"/>'
    )


def test_templates_ship_with_the_package():
    config = tomllib.loads((TEMPLATES.parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["analysis.report"]
    shipped = {
        p.relative_to(TEMPLATES.parent)
        for pattern in patterns
        for p in TEMPLATES.parent.glob(pattern)
    }
    every = {p.relative_to(TEMPLATES.parent) for p in TEMPLATES.rglob("*") if p.is_file()}
    assert every == shipped
