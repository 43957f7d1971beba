"""Report number formats and labels, pinned to how the resolution writes its figures."""

import math

import pytest

from analysis.report.labels import (
    format_fraction_as_percent,
    format_fraction_as_points,
    format_number,
    format_percent,
    format_quantity,
    label,
)


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        # the resolution writes "181,9 nghìn tỷ đồng", "3.950 USD", "103.500 tỷ đồng", "13,45%"
        (181.9, 1, "vi", "181,9"),
        (3950, 0, "vi", "3.950"),
        (103500, 0, "vi", "103.500"),
        (13.45, 2, "vi", "13,45"),
        (1924051, 0, "vi", "1.924.051"),
        (181.9, 1, "en", "181.9"),
        (3950, 0, "en", "3,950"),
        (1924051, 0, "en", "1,924,051"),
        (-2.5, 1, "vi", "-2,5"),
        (-0.01, 1, "vi", "0,0"),
    ],
)
def test_format_number(value, decimals, lang, expected):
    assert format_number(value, decimals, lang) == expected


def test_missing_values_show_a_dash():
    assert format_number(None) == "–"
    assert format_number(math.nan) == "–"
    assert format_percent(math.inf) == "– %"


def test_percent_and_fraction_boundary():
    assert format_percent(13.45, 2, "vi") == "13,45 %"
    assert format_fraction_as_percent(0.145, 1, "vi") == "14,5 %"
    assert format_fraction_as_percent(0.145, 1, "en") == "14.5 %"


def test_fraction_as_percentage_points():
    # 0.0123 of GRDP growth is 1.23 points; a scale of 0.005 is half a point.
    assert format_fraction_as_points(0.0123, 2, "vi") == "1,23"
    assert format_fraction_as_points(0.005, 1, "en") == "0.5"
    assert format_fraction_as_points(-0.0184, 1, "en") == "-1.8"
    assert format_fraction_as_points(None) == "–"


def test_quantity_with_unit_label():
    assert format_quantity(181.9, "trillion VND", 1, "vi") == "181,9 nghìn tỷ đồng"
    assert format_quantity(181.9, "trillion VND", 1, "en") == "181.9 trillion VND"
    assert format_quantity(7.6, "bn USD", 1, "vi") == "7,6 tỷ USD"
    assert format_quantity(14.5, "% growth", 1, "vi") == "14,5 %"


def test_labels_in_both_languages_and_unknown_keys_pass_through():
    assert label("industry_construction", "vi") == "Công nghiệp - xây dựng"
    assert label("industry_construction", "en") == "Industry and construction"
    assert label("a_new_variable", "en") == "a_new_variable"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang: must be one of vi, en"):
        format_number(1.0, lang="fr")


def test_consistency_check_ids_read_as_words():
    from analysis.report.labels import check_label, unit_label

    assert check_label("structure.equal_prices.services", "vi") == (
        "Giá các ngành tăng như nhau: tăng trưởng cần có, Dịch vụ"
    )
    assert check_label("structure.min_deviation.relative_price.agriculture", "en") == (
        "Minimum deviation: relative price, Agriculture, forestry, fishery"
    )
    assert check_label("productivity.services", "en") == "Relative labour productivity: Services"
    assert check_label("icor.current_prices", "vi") == "ICOR hàm ý (giá hiện hành)"
    assert check_label("something.new", "vi") == "something.new"
    assert unit_label("standard deviations", "vi") == "độ lệch chuẩn"
    assert unit_label("trillion VND", "vi") == "nghìn tỷ đồng"


@pytest.mark.parametrize(
    ("period", "lang", "expected"),
    [
        # as the province's reports write periods
        ("2024", "vi", "Năm 2024"),
        ("2024-Q1", "vi", "Quý I/2024"),
        ("2024-6M", "vi", "6 tháng 2024"),
        ("2025-9M", "vi", "9 tháng 2025"),
        ("2024", "en", "2024"),
        ("2024-Q1", "en", "2024 Q1"),
        ("2024-6M", "en", "2024, 6 months"),
        ("2023-Q2 (single quarter)", "vi", "2023-Q2 (single quarter)"),
    ],
)
def test_period_labels(period, lang, expected):
    from analysis.report.labels import period_label

    assert period_label(period, lang) == expected


def _word_tables():
    """Every table of words keyed by language in the report layer (module, name, table)."""
    import importlib
    import pkgutil

    import analysis.report

    for info in pkgutil.iter_modules(analysis.report.__path__):
        module = importlib.import_module(f"analysis.report.{info.name}")
        for name, value in vars(module).items():
            if (
                name.isupper()
                and isinstance(value, dict)
                and value
                and all(isinstance(v, dict) and set(v) == {"vi", "en"} for v in value.values())
            ):
                yield f"{info.name}.{name}", value


def test_the_label_tables_are_in_one_language_each_way():
    from language_check import foreign_sentences

    tables = dict(_word_tables())
    assert {"labels.TEXT", "labels.CHECK_LABELS", "labels.RESULT_LABELS"} <= set(tables)
    assert "titles.REPORT_TITLES" in tables
    for where, table in tables.items():
        for key, words in table.items():
            for lang in ("vi", "en"):
                assert not foreign_sentences(words[lang], lang), (where, key, lang, words[lang])


def test_the_stop_word_check():
    from language_check import foreign_sentences, stop_words

    assert stop_words("Tăng trưởng of the year", "vi") == ["of", "the"]
    assert stop_words("cột as_of của tệp", "vi") == []  # a machine id is not a word
    assert foreign_sentences("Growth. Tăng trưởng của tỉnh; GRDP", "en") == ["Tăng trưởng của tỉnh"]
