"""Display helpers for the notebooks: narrative text, tables and figures, in one language.

Notebooks call these instead of printing, so the executed report holds clean Markdown, HTML
tables (every string escaped) and PNG figures, and nothing else. Figures are rendered once to
PNG with fixed metadata and closed, so two runs on the same inputs give the same bytes. The
HTML comes from the templates ``figure.html.j2`` and ``report_table.html.j2``
(:mod:`analysis.report.templating`).
"""

from __future__ import annotations

import base64
import hashlib
import io
from html import escape

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display
from markupsafe import Markup
from matplotlib.figure import Figure

from analysis.report.chart_style import source_text
from analysis.report.labels import check_lang
from analysis.report.templating import render
from analysis.report.titles import report_title

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


def show_markdown(text: str) -> None:
    """Display narrative (Markdown) a page module has written in the report's language."""
    display(Markdown(text))


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes with no timestamp or version metadata."""
    buffer = io.BytesIO()
    fig.savefig(
        buffer, format="png", dpi=FIGURE_DPI, bbox_inches="tight", metadata={"Software": None}
    )
    return buffer.getvalue()


def figure_alt_text(fig: Figure) -> str:
    """A short description of a figure for screen readers: its title, each panel's title and
    axis labels, and its source line (:mod:`analysis.report.chart_style`)."""
    words = [fig.get_suptitle()]
    for ax in fig.axes:
        words += [ax.get_title(), ax.get_ylabel(), ax.get_xlabel()]
    words.append(source_text(fig))
    text = "; ".join(w.replace("\n", " ") for w in words if w)
    return text or "chart"


def figure_html(fig: Figure, alt: str | None = None) -> str:
    """The figure as an ``<img>`` with an embedded PNG, alt text and its title (escaped)."""
    return render(
        "figure.html.j2",
        alt=alt if alt is not None else figure_alt_text(fig),
        title=fig.get_suptitle(),
        png_base64=base64.b64encode(figure_png(fig)).decode("ascii"),
    )


def show_figure(fig: Figure, alt: str | None = None) -> None:
    """Display a figure once (PNG with alt text) and release it."""
    html = figure_html(fig, alt)
    plt.close(fig)
    display(HTML(html))


_NUMBER_START = tuple("0123456789-–+")


def _text_columns(frame: pd.DataFrame) -> list[int]:
    """1-based positions of columns holding words (left-aligned); numbers stay right-aligned."""
    out = []
    for i, col in enumerate(frame.columns, start=1):
        cells = [str(v).strip() for v in frame[col] if str(v).strip()]
        if cells and not all(c.startswith(_NUMBER_START) for c in cells):
            out.append(i)
    return out


def table_html(frame: pd.DataFrame, caption: str | None = None) -> str:
    """An HTML table of already-formatted cells, every string escaped, no index.

    Columns of words are left-aligned, columns of numbers right-aligned.
    """
    digest = hashlib.sha256(frame.to_json().encode("utf-8")).hexdigest()[:10]
    table_id = f"t{digest}"
    table = frame.to_html(
        index=False, escape=True, border=0, classes=TABLE_CLASS, na_rep="–", table_id=table_id
    )
    start, opening, rest = table.partition(f'id="{table_id}">')
    return render(
        "report_table.html.j2",
        table_id=table_id,
        text_columns=_text_columns(frame),
        table_start=Markup(start + opening),  # pandas escaped every cell
        table_rest=Markup(rest),
        caption=caption,
    )


def show_table(frame: pd.DataFrame, caption: str | None = None) -> None:
    """Display a formatted table (strings escaped, no index)."""
    display(HTML(table_html(frame, caption)))


def show_html(html: str) -> None:
    """Display HTML the package built and escaped (a styled table): never text from a file."""
    display(HTML(html))


def show_title(report: str, year: int, lang: str) -> None:
    """Show a report's title (:func:`analysis.report.titles.report_title`) as its heading."""
    display(Markdown(f"# {safe(report_title(report, year, lang))}"))
