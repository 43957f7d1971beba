"""Display helpers for the notebooks: narrative text, tables and figures, in one language.

Notebooks call these instead of printing, so the executed report holds clean Markdown, HTML
tables (every string escaped) and PNG figures, and nothing else. Figures are rendered once to
PNG with fixed metadata and closed, so two runs on the same inputs give the same bytes.
"""

from __future__ import annotations

import io
from html import escape

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Image, Markdown, display
from matplotlib.figure import Figure

from analysis.labels import check_lang

FIGURE_DPI = 110
TABLE_CLASS = "report-table"


def pick(lang: str, vi: str, en: str) -> str:
    """The Vietnamese or the English text, by ``lang``."""
    return en if check_lang(lang) == "en" else vi


def safe(text: object) -> str:
    """Text from a scenario file or a data file, escaped for Markdown and HTML."""
    out = escape(str(text), quote=True)
    for ch in "\\`*_[]{}#|":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ").replace("\r", " ")


def say(lang: str, vi: str, en: str) -> None:
    """Display a paragraph of narrative (Markdown) in the report's language."""
    display(Markdown(pick(lang, vi, en)))


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes with no timestamp or version metadata."""
    buffer = io.BytesIO()
    fig.savefig(
        buffer, format="png", dpi=FIGURE_DPI, bbox_inches="tight", metadata={"Software": None}
    )
    return buffer.getvalue()


def show_figure(fig: Figure) -> None:
    """Display a figure once as PNG and release it."""
    png = figure_png(fig)
    plt.close(fig)
    display(Image(data=png, format="png"))


def table_html(frame: pd.DataFrame, caption: str | None = None) -> str:
    """An HTML table of already-formatted cells, every string escaped, no index."""
    html = frame.to_html(index=False, escape=True, border=0, classes=TABLE_CLASS, na_rep="–")
    if caption:
        html = html.replace(
            f'class="dataframe {TABLE_CLASS}">',
            f'class="dataframe {TABLE_CLASS}"><caption>{escape(caption)}</caption>',
            1,
        )
    return html


def show_table(frame: pd.DataFrame, caption: str | None = None) -> None:
    """Display a formatted table (strings escaped, no index)."""
    display(HTML(table_html(frame, caption)))
