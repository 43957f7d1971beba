"""Scenario files: refused with file, field, rule; hostile text harmless; percent -> fractions."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.data.scenarios import (
    NAME_PATTERN,
    Scenario,
    check_scenarios,
    load_scenario,
    load_scenarios,
    scenario_path,
)
from analysis.data.tables import load_baselines
from analysis.errors import InputError, InputErrors
from analysis.outlook.inputs import projection_inputs

ROOT = Path(__file__).resolve().parents[1]

VALID: dict[str, Any] = {
    "name": "good",
    "label": {"vi": "Kịch bản thử", "en": "Test scenario"},
    "growth": {"aggregate": 14.5},
    "prices": {"deflator": 2.89},
    "population_growth": 1.68,
    "exchange_rate": {"base": 23934, "depreciation": 1.7},
    "quarterly_weights": [21.0, 25.0, 26.5, 27.5],
    "structure_convention": "taxes_in_services",
}

HOSTILE = [
    "\"double\" and 'single' quotes",
    "line one\nline two\r\nline three",
    "../../etc/passwd",
    '<script>alert("x")</script>',
    "</div><img src=x onerror=alert(1)>",
    "{scenario} %s {{ jinja }}",
]


def write(folder: Path, data: Any, stem: str = "good") -> Path:
    path = folder / f"{stem}.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def with_change(keys: str, value: Any) -> dict[str, Any]:
    """VALID with the dotted key set to value (or removed when value is REMOVE)."""
    data = copy.deepcopy(VALID)
    *parents, last = keys.split(".")
    node = data
    for key in parents:
        node = node.setdefault(key, {})
    if value is REMOVE:
        node.pop(last)
    else:
        node[last] = value
    return data


REMOVE = object()


def named(stem: str) -> dict[str, Any]:
    """VALID named ``stem``, with a label of its own (a run's labels must differ)."""
    return with_change("name", stem) | {"label": {"vi": f"Thử {stem}", "en": f"Test {stem}"}}


def refused(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_scenario(path)
    return info.value


# --- valid files --------------------------------------------------------------------------


def test_valid_file_loads_with_values_as_written(tmp_path):
    path = write(tmp_path, VALID)
    s = load_scenario(path)
    assert isinstance(s, Scenario)
    assert s.name == "good"
    assert s.path == path
    assert s.growth.aggregate == 14.5
    assert s.exchange_rate.base == 23934.0
    assert s.quarterly_weights == [21.0, 25.0, 26.5, 27.5]
    assert s.ytd_actuals.given() == []
    assert s.label_in("en") == "Test scenario"
    assert s.label_in("vi") == "Kịch bản thử"


def test_scenario_is_frozen(tmp_path):
    s = load_scenario(write(tmp_path, VALID))
    with pytest.raises(ValueError, match="frozen"):
        s.population_growth = 3.0


@pytest.mark.parametrize(
    "path", sorted((ROOT / "scenarios" / "bac-giang-2024").glob("*.yaml")), ids=lambda p: p.stem
)
def test_project_scenarios_are_valid(path):
    assert load_scenario(path).name == path.stem


def test_project_has_the_four_required_scenarios():
    names = {s.name for s in load_scenarios(None, ROOT / "scenarios" / "bac-giang-2024")}
    assert {"target", "continuation", "low", "high"} <= names


def test_target_deflator_makes_the_per_head_target_consistent():
    s = load_scenario(ROOT / "scenarios" / "bac-giang-2024" / "target.yaml")
    # pi* = (4500 / 3950)(1.0168)(1.017) / 1.145 - 1
    #     = 1.1392405 x 1.0168 x 1.017 / 1.145 - 1 = 1.1780722 / 1.145 - 1 = 0.028884 -> 2.89 %
    assert s.growth.aggregate == 14.5
    assert s.prices.deflator == pytest.approx(2.8884, abs=0.005)
    assert s.population_growth == 1.68  # 31,800 / 1,890,000 = 1.683 %
    assert s.exchange_rate.base == 23934  # 181.9e12 / 7.6e9 = 23,934.2


def test_continuation_uses_2023_rates():
    s = load_scenario(ROOT / "scenarios" / "bac-giang-2024" / "continuation.yaml")
    # 2023 sector growth, provincial statistics report (published_statistics.csv); the
    # aggregate is implied by them
    assert s.growth.aggregate is None
    assert s.growth.sectors.given() == {
        "industry_construction": 17.25,
        "services": 6.56,
        "agriculture": 2.63,
        "product_taxes": 7.14,
    }
    assert s.prices.deflator == 2.3


# --- refusals: one message with file, field and rule -------------------------------------------

BAD_VALUES = [
    # (dotted key, value, expected field path, fragment of the rule)
    ("growht", 14.5, "growht", "unknown key"),
    ("growth.aggregat", 14.5, "growth.aggregat", "unknown key (allowed: aggregate, sectors)"),
    ("growth.sectors.mining", 3.0, "growth.sectors.mining", "unknown key"),
    ("growth.aggregate", "14.5", "growth.aggregate", "must be a number, got '14.5'"),
    ("growth.aggregate", True, "growth.aggregate", "must be a number"),
    ("growth.aggregate", [14.5], "growth.aggregate", "must be a number"),
    ("growth.aggregate", 250, "growth.aggregate", "within -50..60 %, got 250"),
    ("growth.aggregate", -60, "growth.aggregate", "within -50..60 %"),
    ("growth.aggregate", float("nan"), "growth.aggregate", "must be a finite number"),
    ("growth.aggregate", float("inf"), "growth.aggregate", "must be a finite number"),
    ("growth.aggregate", 1e300, "growth.aggregate", "within -50..60 %"),
    ("growth.aggregate", 10**40, "growth.aggregate", "within -50..60 %, got 1e+40"),
    ("growth.aggregate", 10**400, "growth.aggregate", "must be a number, got a 401-digit number"),
    ("growth.sectors.services", 75.0, "growth.sectors.services", "within -50..60 %"),
    ("growth", REMOVE, "growth", "is required"),
    ("growth", {}, "growth", "give growth.aggregate, or the growth of all four sectors"),
    ("growth", 14.5, "growth", "must be a mapping"),
    ("prices.deflator", 60, "prices.deflator", "within -30..50 %"),
    ("prices.deflator", REMOVE, "prices", "give prices.deflator"),
    ("population_growth", -8, "population_growth", "within -5..10 %"),
    ("population_growth", 11, "population_growth", "within -5..10 %"),
    ("population_growth", -float("inf"), "population_growth", "must be a finite number"),
    ("exchange_rate.base", 5000, "exchange_rate.base", "within 10,000..50,000 VND per USD"),
    ("exchange_rate.base", 60000, "exchange_rate.base", "within 10,000..50,000 VND per USD"),
    ("exchange_rate.depreciation", 55, "exchange_rate.depreciation", "within -50..50 %"),
    ("exchange_rate.depreciation", REMOVE, "exchange_rate.depreciation", "is required"),
    ("quarterly_weights", [-1.0, 35.0, 33.0, 33.0], "quarterly_weights[0]", "within 0..100 %"),
    ("quarterly_weights", [21.0, 25.0, 26.5, 27.0], "quarterly_weights", "sum to 100 within 0.01"),
    ("quarterly_weights", [30.0, 35.0, 35.0], "quarterly_weights", "must hold 4 values"),
    ("quarterly_weights", "21/25/26.5/27.5", "quarterly_weights", "must be a list"),
    ("quarterly_growth", [10.0, 12.0, 14.0], "quarterly_growth", "must hold 4 values"),
    ("quarterly_growth", [5.0, 5.0, 5.0, 5.0], "quarterly_growth", "must agree within 0.05"),
    ("structure_convention", "gso5", "structure_convention", "taxes_in_services"),
    ("ytd_actuals.Q2", 8.0, "ytd_actuals.Q2", "unknown key (allowed: Q1, 6M, 9M)"),
    ("ytd_actuals.6M", 9.0, "ytd_actuals", "without gaps"),
    ("ytd_actuals.Q1", 99.0, "ytd_actuals.Q1", "within -50..60 %"),
    ("label.en", REMOVE, "label.en", "is required"),
    ("label.vi", "", "label.vi", "at least 1 character"),
    ("label.vi", 42, "label.vi", "must be text"),
    ("uncertainty.deflator_sigma", -1.0, "uncertainty.deflator_sigma", "within 0..100 %"),
    ("uncertainty.sigma_lower", 0.0, "uncertainty.sigma_lower", "within 0.01..100 %"),
    ("uncertainty.growth", 3.0, "uncertainty.growth", "unknown key (allowed: sigma_lower, "),
    ("name", "other", "name", "must equal the file name without .yaml ('good')"),
    ("name", "Good", "name", "[a-z0-9_-]+"),
]


def _case_id(value: object) -> str:
    """Stable test ids (the same in every xdist worker): no object addresses."""
    return "removed" if value is REMOVE else str(value)[:30]


@pytest.mark.parametrize(("key", "value", "where", "rule"), BAD_VALUES, ids=_case_id)
def test_bad_value_refused_with_file_field_and_rule(tmp_path, key, value, where, rule):
    path = write(tmp_path, with_change(key, value))
    exc = refused(path)
    assert exc.file == str(path)
    assert exc.where == where
    assert rule in exc.rule
    assert str(exc) == f"{path}: {where}: {exc.rule}"
    assert "\n" not in str(exc)


def test_refused_file_in_message_and_nothing_else_needed(tmp_path):
    path = write(tmp_path, with_change("growth.aggregate", 250))
    message = str(refused(path))
    assert str(path) in message and "growth.aggregate" in message and "60" in message


MALFORMED = [
    # (file text, start of the location, fragment of the rule)
    ("name: good\nlabel: [unclosed\n", "line", "malformed YAML"),
    ("name: good\n  label: x\n", "line 2", "malformed YAML"),
    ("name: good\nname: good\n", "line 2", "key 'name' is given twice"),
    ("- name\n- good\n", "(top level)", "must be a mapping of keys to values, got list"),
    ("", "(top level)", "got an empty file"),
    ("just text\n", "(top level)", "got str"),
    ("name: !!python/name:os.system\n", "line 1", "YAML tags are not allowed"),
]


@pytest.mark.parametrize(("text", "where", "rule"), MALFORMED, ids=lambda v: str(v)[:25])
def test_malformed_yaml_refused(tmp_path, text, where, rule):
    path = write(tmp_path, text)
    exc = refused(path)
    assert exc.file == str(path)
    assert exc.where.startswith(where)
    assert rule in exc.rule


def test_python_object_tags_never_run(tmp_path):
    marker = tmp_path / "pwned"
    text = f"name: !!python/object/apply:os.system ['touch {marker}']\n"
    exc = refused(write(tmp_path, text))
    assert "YAML tags are not allowed" in exc.rule
    assert not marker.exists()


def test_file_that_is_not_utf8_refused(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_bytes("name: good\nlabel: {vi: 'Kịch bản'}\n".encode("utf-16"))
    exc = refused(path)
    assert (exc.where, exc.rule) == ("(file)", "must be UTF-8 text")


def test_missing_file_refused(tmp_path):
    exc = refused(tmp_path / "absent.yaml")
    assert exc.where == "(file)"
    assert "cannot be read" in exc.rule


def test_several_problems_reported_together(tmp_path):
    data = with_change("growth.aggregate", 250)
    data["population_growth"] = "fast"
    data["colour"] = "red"
    path = write(tmp_path, data)
    with pytest.raises(InputErrors) as info:
        load_scenario(path)
    found = {e.where for e in info.value.errors}
    assert found == {"growth.aggregate", "population_growth", "colour"}
    assert all(e.file == str(path) for e in info.value.errors)


# --- hostile strings ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_labels_are_kept_exactly_as_written(tmp_path, text):
    data = with_change("label", {"vi": text, "en": text})
    data["description"] = {"vi": text, "en": text}
    s = load_scenario(write(tmp_path, data))
    assert s.label.vi == text
    assert s.description.en == text


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_names_refused_in_one_line(tmp_path, text):
    exc = refused(write(tmp_path, with_change("name", text)))
    assert exc.where == "name"
    assert "[a-z0-9_-]+" in exc.rule
    assert "\n" not in str(exc) and "\r" not in str(exc)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=0, max_size=40))
def test_any_name_outside_the_pattern_is_refused(tmp_path, name):
    path = write(tmp_path, with_change("name", name))
    try:
        load_scenario(path)
    except InputError as exc:
        assert exc.where == "name"
        assert "\n" not in str(exc)
        assert name != "good"
    else:
        assert NAME_PATTERN.fullmatch(name) and name == "good"


def test_name_given_on_the_command_line_cannot_escape_the_folder(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    assert scenario_path("target", folder) == folder / "target.yaml"
    # anything with a slash is a path, never joined to the folder; the stem must still equal
    # the name inside the file
    assert scenario_path("../target", folder) == Path("../target")
    outside = write(tmp_path, with_change("name", "elsewhere"), stem="elsewhere")
    assert load_scenarios([str(outside)], folder)[0].name == "elsewhere"


# --- properties ---------------------------------------------------------------------------------

plausible = st.floats(min_value=-50, max_value=60, allow_nan=False)
implausible = st.one_of(
    st.floats(max_value=-50, exclude_max=True, allow_nan=False, allow_infinity=False),
    st.floats(min_value=60, exclude_min=True, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(growth=plausible)
def test_plausible_growth_accepted(tmp_path, growth):
    s = load_scenario(write(tmp_path, with_change("growth.aggregate", growth)))
    assert s.growth.aggregate == growth


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(growth=implausible)
def test_implausible_growth_refused(tmp_path, growth):
    exc = refused(write(tmp_path, with_change("growth.aggregate", growth)))
    assert exc.where == "growth.aggregate"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.lists(st.integers(min_value=1, max_value=1000), min_size=4, max_size=4),
)
def test_weights_summing_to_100_accepted(tmp_path, raw):
    # integers scaled to sum to 100 exactly, up to float rounding (far below 0.01)
    weights = [100.0 * r / sum(raw) for r in raw]
    s = load_scenario(write(tmp_path, with_change("quarterly_weights", weights)))
    assert s.quarterly_weights == weights


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(miss=st.floats(min_value=0.011, max_value=50, allow_nan=False))
def test_weights_missing_100_refused(tmp_path, miss):
    weights = [25.0, 25.0, 25.0, 25.0 - miss]
    exc = refused(write(tmp_path, with_change("quarterly_weights", weights)))
    assert exc.where in ("quarterly_weights", "quarterly_weights[3]")


# --- several files ------------------------------------------------------------------------------


def test_load_scenarios_by_name_in_order_given(tmp_path):
    for stem in ("b", "a"):
        write(tmp_path, named(stem), stem=stem)
    assert [s.name for s in load_scenarios(["b", "a"], tmp_path)] == ["b", "a"]
    assert [s.name for s in load_scenarios(None, tmp_path)] == ["a", "b"]


def test_load_scenarios_reports_every_bad_file(tmp_path):
    write(tmp_path, named("a") | {"growth": {"aggregate": 99}}, stem="a")
    write(tmp_path, "name: b\n  bad: indent\n", stem="b")
    write(tmp_path, named("c"), stem="c")
    with pytest.raises(InputErrors) as info:
        load_scenarios(None, tmp_path)
    files = sorted(Path(e.file).name for e in info.value.errors)
    assert files == ["a.yaml", "b.yaml"]


def test_load_scenarios_refuses_a_name_given_twice(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    first = write(tmp_path, VALID)
    second = write(other, VALID)
    with pytest.raises(InputError) as info:
        load_scenarios([first, second])
    assert info.value.where == "name"
    assert "'good' is also" in info.value.rule


def test_load_scenarios_in_an_empty_folder_refused(tmp_path):
    with pytest.raises(InputError, match="holds no scenario files"):
        load_scenarios(None, tmp_path)


def test_unknown_scenario_name_refused(tmp_path):
    with pytest.raises(InputError) as info:
        load_scenarios(["nonexistent"], tmp_path)
    assert info.value.file == str(tmp_path / "nonexistent.yaml")


def test_check_scenarios_lists_each_file(tmp_path):
    write(tmp_path, VALID)
    assert check_scenarios(tmp_path) == [f"ok  scenario good: {tmp_path / 'good.yaml'}"]


def test_check_scenarios_refuses_a_yml_file(tmp_path):
    write(tmp_path, VALID)
    (tmp_path / "extra.yml").write_text("name: extra\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        check_scenarios(tmp_path)
    assert info.value.rule == "use the .yaml extension"


# --- percent becomes fractions, once --------------------------------------------------------------


def test_projection_inputs_are_fractions(tmp_path):
    s = load_scenario(write(tmp_path, VALID))
    inputs = projection_inputs(s, load_baselines(), base_year=2023)
    assert inputs.real_growth == pytest.approx(0.145)
    assert inputs.deflator == pytest.approx(0.0289)
    assert inputs.population_growth == pytest.approx(0.0168)
    assert inputs.depreciation == pytest.approx(0.017)
    assert inputs.quarterly_weights == pytest.approx((0.21, 0.25, 0.265, 0.275))
    # the base year's own conversion, 181.9e12 / 7.6e9 = 23,934.2105 (the file's 23,934 agrees
    # to the dong)
    assert inputs.exchange_rate_base == pytest.approx(23934.2105, abs=1e-4)
    # 2023 baselines (resolution, opening paragraph): 181.9 trillion VND, 3,950 USD per head
    assert inputs.grdp_nominal_base == 181.9
    assert inputs.per_capita_usd_base == 3950.0


def test_a_base_rate_other_than_the_baselines_own_is_refused(tmp_path):
    # 181.9e12 / 7.6e9 = 23,934.2105 VND per USD; 23,772 (the national GSO-implied 2023 rate)
    # is 162.2 away, beyond the half dong the file's rounding explains
    data = copy.deepcopy(VALID)
    data["exchange_rate"]["base"] = 23772
    s = load_scenario(write(tmp_path, data))
    with pytest.raises(InputError) as info:
        projection_inputs(s, load_baselines(), base_year=2023)
    assert info.value.where == "exchange_rate.base"
    assert info.value.rule.startswith(
        "23,772 VND per USD disagrees with the base year's own conversion, "
        "181.9 trillion VND / 7.6 bn USD = 23,934.21"
    )
    assert info.value.rule.endswith("write 23934")


def test_quarterly_path_and_ytd_are_fractions(tmp_path):
    data = with_change("quarterly_growth", [8.0, 13.5, 15.0, 19.0])
    # 0.21 x 8 + 0.25 x 13.5 + 0.265 x 15 + 0.275 x 19 = 1.68 + 3.375 + 3.975 + 5.225 = 14.255
    data["growth"]["aggregate"] = 14.255
    data["ytd_actuals"] = {"Q1": 8.0, "6M": 11.1}
    s = load_scenario(write(tmp_path, data))
    assert s.ytd_fractions() == pytest.approx({"Q1": 0.08, "6M": 0.111})
    inputs = projection_inputs(s, load_baselines(), base_year=2023)
    assert inputs.quarterly_growth == pytest.approx((0.08, 0.135, 0.15, 0.19))


SECTORS_2023 = {
    "industry_construction": 17.25,
    "services": 6.56,
    "agriculture": 2.63,
    "product_taxes": 7.14,
}


def test_growth_implied_by_sectors_uses_2023_weights(tmp_path):
    data = with_change("growth", {"sectors": SECTORS_2023})
    s = load_scenario(write(tmp_path, data))
    inputs = projection_inputs(s, load_baselines(), base_year=2023)
    # 2023 weights rolled forward (methodology §2, published 2023 contributions / growth):
    # 0.7124 / 0.1576 / 0.1102 / 0.0199 of 2023 GRDP at constant prices;
    # g = 0.7124 x 17.25 + 0.1576 x 6.56 + 0.1102 x 2.63 + 0.0199 x 7.14
    #   = 12.2889 + 1.0339 + 0.2898 + 0.1421 = 13.7547 %  (weights rounded: +- 0.01 point)
    assert inputs.real_growth == pytest.approx(0.137547, abs=1e-4)


def test_deflator_implied_by_sector_prices(tmp_path):
    data = with_change("growth", {"sectors": SECTORS_2023})
    data["prices"] = {"sectors": dict.fromkeys(SECTORS_2023, 3.0)}
    s = load_scenario(write(tmp_path, data))
    inputs = projection_inputs(s, load_baselines(), base_year=2023)
    # 2023 current-price shares, four parts: 65.7 / (21.3 - 2.1) / 13.0 / 2.1 (2022 tax share)
    # sum s_i (1 + g_i) = 0.657 x 1.1725 + 0.192 x 1.0656 + 0.130 x 1.0263 + 0.021 x 1.0714
    #                   = 0.77033 + 0.20460 + 0.13342 + 0.02250 = 1.13085
    # 1 + pi = 1.13085 x 1.03 / 1.137547 = 1.16477 / 1.137547 -> pi = 0.02393
    assert inputs.deflator == pytest.approx(0.02393, abs=2e-4)


def test_continuation_aggregate_is_implied_by_the_2023_weights():
    s = load_scenario(ROOT / "scenarios" / "bac-giang-2024" / "continuation.yaml")
    inputs = projection_inputs(s, load_baselines(), base_year=2023)
    # 2023 weights (2022 weights 0.6887 / 0.1677 / 0.1217 / 0.0210 rolled forward one year):
    # 0.7124 × 17.25 + 0.1576 × 6.56 + 0.1102 × 2.63 + 0.0199 × 7.14 = 13.755 %
    assert inputs.annual_real_growth == pytest.approx(0.13755, abs=2e-4)


def test_aggregate_that_disagrees_with_all_four_sectors_is_refused(tmp_path):
    data = with_change(
        "growth",
        {
            "aggregate": 13.45,
            "sectors": {
                "industry_construction": 17.25,
                "services": 6.56,
                "agriculture": 2.63,
                "product_taxes": 7.14,
            },
        },
    )
    s = load_scenario(write(tmp_path, data))
    with pytest.raises(InputError) as info:
        projection_inputs(s, load_baselines(), base_year=2023)
    assert info.value.where == "growth.aggregate"
    assert "the four sectors imply 13.75 %" in info.value.rule
