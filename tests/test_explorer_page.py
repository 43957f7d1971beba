"""The explorer's panels and chart as text: well-formed, escaped, and the figures they show."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from analysis.data.plans import load_plan
from analysis.outlook.explorer import explore, explorer_basis
from analysis.outlook.explorer_settings import settings_from_scenario, with_ytd
from analysis.report import explorer_view as view
from analysis.report.explorer_chart import HEIGHT, MARGINS, chart_geometry, chart_svg, nice_ticks
from analysis.report.explorer_words import refusal_text

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def target():
    plan = load_plan("bac-giang-2024")
    basis = explorer_basis(plan)
    settings = settings_from_scenario(plan.scenario("target"))
    return plan, basis, settings


def test_chart_is_well_formed_svg_with_the_path_bands_and_target(target):
    plan, basis, settings = target
    x = explore(plan, settings, basis=basis, n_draws=4_000)
    root = ET.fromstring(chart_svg(x, "vi"))
    assert root.tag == f"{SVG}svg"
    classes = [e.get("class") for e in root.iter() if e.get("class")]
    assert {"band90", "band50", "target", "path"} <= set(classes)
    assert "required" not in classes and "published" not in classes
    geometry = chart_geometry(x, "vi")
    # every quarter at 14.5 %: the path is flat, on the target line
    assert {p["y"] for p in geometry["path_points"]} == {geometry["target"]["y"]}
    assert MARGINS["top"] <= geometry["target"]["y"] <= HEIGHT - MARGINS["bottom"]
    assert geometry["target"]["text"] == "Mục tiêu 14,5 %"
    assert chart_geometry(x, "en")["target"]["text"] == "Target 14.5 %"


def test_chart_shows_published_quarters_and_the_path_the_target_needs(target):
    plan, basis, settings = target
    x = explore(plan, with_ytd(settings, {"Q1": 8.0}), basis=basis, n_draws=4_000)
    root = ET.fromstring(chart_svg(x, "en"))
    classes = [e.get("class") for e in root.iter() if e.get("class")]
    assert classes.count("published") == 1 and "required" in classes
    geometry = chart_geometry(x, "en")
    # 8.0 % lies below the 14.5 % line (a larger y in pixels)
    assert geometry["published"][0]["y"] > geometry["target"]["y"]


def test_nice_ticks_cover_the_range():
    assert nice_ticks(9.3, 17.8) == [8.0, 10.0, 12.0, 14.0, 16.0, 18.0]
    assert nice_ticks(3.0, 3.0) == [2.0, 2.5, 3.0, 3.5, 4.0]
    with pytest.raises(ValueError, match="finite"):
        nice_ticks(float("nan"), 1.0)


def test_panels_escape_what_they_show(target):
    html = view.section_html(
        "figures", "<b>title</b>", ["a"], [{"key": "k", "cells": ["<script>x</script>"]}]
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;title&lt;/b&gt;" in html


def test_panels_show_the_figures_in_each_language(target):
    plan, basis, settings = target
    x = explore(plan, replace(settings, growth=15.5), basis=basis, n_draws=4_000)
    vi, en = view.figures_html(x, "vi"), view.figures_html(x, "en")
    assert "4.539 USD" in vi and "4,539 USD" in en
    assert "216,2 nghìn tỷ đồng" in vi
    assert "+39 USD" in vi  # 4,539.37 - 4,500
    structure = view.structure_html(x, "en")
    assert 'data-row="industry_construction"' in structure
    probabilities = view.probabilities_html(x, "en")
    for event in ("growth", "per_capita", "structure", "joint"):
        assert f'data-row="{event}"' in probabilities
    assert "4,000" in probabilities  # the draws, with their seed


@pytest.mark.parametrize(
    ("field", "rule", "vi"),
    [
        ("name", "must use only lower-case letters ... ([a-z0-9_-]+), got 'A'", "[a-z0-9_-]+"),
        ("name", "a scenario named 'target' exists already: tick overwrite", "Ghi đè nếu đã có"),
        (
            "growth.aggregate",
            "real growth must lie within -50..60 %, got 250",
            "giá trị phải nằm trong khoảng -50..60",
        ),
        (
            "ytd_actuals",
            "implausible growth: 45 %; outside the plausible range 0.8..26.32 % (the record)",
            "ngoài khoảng hợp lý 0,8..26,32",
        ),
        ("exchange_rate.base", "must lie within 1,000..100,000 VND, got -1", "1.000..100.000"),
        ("population_growth", "must be a finite number, got nan", "phải là một số"),
        ("quarterly_weights", "must sum to 100", "quy tắc của tệp kịch bản"),
    ],
)
def test_a_refusal_in_vietnamese_gives_the_rule_in_vietnamese(field, rule, vi):
    from language_check import foreign_sentences

    text = refusal_text(field, rule, "vi")
    assert text.startswith("Không nhận: ") and vi in text
    assert not foreign_sentences(text, "vi")
    assert refusal_text(field, rule, "en") == f"Refused: {rule}"
