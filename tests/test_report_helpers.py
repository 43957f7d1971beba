"""Notebook display helpers: escaping, language choice, deterministic figures."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.report.display import (
    figure_png,
    pick,
    safe,
    say,
    show_html,
    show_markdown,
    table_html,
)


def test_pick_language():
    assert pick("vi", "Mục tiêu", "Target") == "Mục tiêu"
    assert pick("en", "Mục tiêu", "Target") == "Target"
    with pytest.raises(ValueError, match="lang"):
        pick("de", "a", "b")


def test_hostile_text_is_inert():
    hostile = '<script>alert("x")</script>\n# heading `code` [link](../x)'
    out = safe(hostile)
    assert "<script>" not in out
    assert "\n" not in out
    assert "\\#" in out and "\\`" in out and "\\[" in out


def test_table_escapes_cells_and_caption():
    frame = pd.DataFrame({"Kịch bản": ["<b>bold</b>", "a & b"]})
    html = table_html(frame, caption="<i>x</i>")
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "a &amp; b" in html
    assert "<caption>&lt;i&gt;x&lt;/i&gt;</caption>" in html


def test_figure_bytes_are_reproducible():
    def draw():
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3], [3, 1, 2])
        png = figure_png(fig)
        plt.close(fig)
        return png

    first, second = draw(), draw()
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == second


def test_figure_html_carries_alt_text_and_escapes_it():
    from analysis.report.display import figure_html

    fig, ax = plt.subplots()
    ax.plot([1, 2], [1, 2])
    ax.set_ylabel('<b>"GRDP"</b>')
    html = figure_html(fig)
    plt.close(fig)
    assert html.startswith(
        '<img class="report-figure" alt="&lt;b&gt;&quot;GRDP&quot;&lt;/b&gt;" '
        'src="data:image/png;base64,'
    )


def test_table_markup_is_that_of_earlier_reports():
    # The markup before the table moved to a Jinja2 template, byte for byte: alignment rules
    # (words left, numbers right), then the caption after the opening tag, escaped with &quot;.
    frame = pd.DataFrame({"Kịch bản": ["<b>x</b>"], "GRDP": ["14,5"]})
    html = table_html(frame, caption='"Bảng" <1>')
    table_id = html.split('id="', 1)[1].split('"', 1)[0]
    assert html.startswith(
        f"<style>#{table_id} td, #{table_id} th {{text-align: right; padding: 3px 8px;}} "
        f"#{table_id} td:nth-child(1), #{table_id} th:nth-child(1) {{text-align: left;}}</style>"
        f'<table class="dataframe report-table" id="{table_id}">'
        "<caption>&quot;Bảng&quot; &lt;1&gt;</caption>\n  <thead>"
    )
    assert html.endswith("</tbody>\n</table>")
    assert "<caption>" not in table_html(frame)


def test_show_html_displays_the_html_as_given(monkeypatch):
    shown = []
    monkeypatch.setattr("analysis.report.display.display", shown.append)
    show_html('<table class="report-table"><tr><td>1</td></tr></table>')
    assert len(shown) == 1
    assert shown[0].data == '<table class="report-table"><tr><td>1</td></tr></table>'


def test_show_markdown_displays_what_say_displays(monkeypatch):
    shown = []
    monkeypatch.setattr("analysis.report.display.display", shown.append)
    say("en", "Tăng **14,5 %**.", "Growth **14.5 %**.")
    show_markdown("Growth **14.5 %**.")
    assert [type(s).__name__ for s in shown] == ["Markdown", "Markdown"]
    assert shown[0].data == shown[1].data == "Growth **14.5 %**."
