"""Exporting an executed notebook as HTML for leadership: no code, nothing from the internet.

The page comes from nbconvert's lab template, narrowed by the package's own template
``analysis/report/templates/nbconvert/leadership.html.j2`` (no require.js, MathJax or mermaid
scripts), with input cells, prompts, stderr, tracebacks of cells allowed to fail and removed
cells left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

LEADERSHIP_TEMPLATE = "leadership.html.j2"
"""The nbconvert template of the reports, in :data:`NBCONVERT_TEMPLATES`."""

NBCONVERT_TEMPLATES = ("analysis.report", "templates/nbconvert")
"""Package and folder of the templates nbconvert may load (kept apart from the package's own
pages, so that no name there can shadow one of nbconvert's)."""

STYLES = ("analysis.report", "templates/styles")
"""Package and folder of the stylesheet every leadership page shares (``leadership.css``),
included by the reports' template and by the index's."""

REMOVED_CELL_TAGS = frozenset({"remove-cell", "remove_cell", "parameters", "injected-parameters"})
"""Cells with one of these tags are left out of the HTML entirely."""


def export_html(
    notebook: Path,
    target: Path,
    lang: str = "vi",
    title: str = "",
    masthead: Mapping[str, str] | None = None,
) -> Path:
    """Write ``notebook`` as HTML for leadership: no code, no prompts, no stderr or warnings,
    nothing loaded from the internet (:data:`LEADERSHIP_TEMPLATE`).

    Parameters
    ----------
    notebook : Path
        An executed notebook.
    target : Path
        The HTML file to write.
    lang : {"vi", "en"}
        The page's language attribute.
    title : str
        The page title (nbconvert's template escapes it).
    masthead : mapping, optional
        The title block above the report: ``province`` and ``document`` (the resolution's
        title), escaped by the template; none when not given.

    Returns
    -------
    Path
        ``target``.
    """
    import nbformat

    nb = strip_for_leadership(nbformat.read(notebook, as_version=4))
    resources: dict[str, Any] = {"metadata": {"name": title or notebook.stem}}  # escaped there
    if masthead:
        resources["masthead"] = dict(masthead)
    body, _ = leadership_exporter(lang).from_notebook_node(nb, resources=resources)
    target.write_text(body, encoding="utf-8")
    return target


@cache
def leadership_exporter(lang: str) -> Any:
    """nbconvert's HTML exporter with :data:`LEADERSHIP_TEMPLATE`, made once per language and
    process (its templates are compiled once, not once per page)."""
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        extra_loaders=[jinja2.PackageLoader(*NBCONVERT_TEMPLATES), jinja2.PackageLoader(*STYLES)],
        template_file=LEADERSHIP_TEMPLATE,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
    )


def strip_for_leadership(nb: Any) -> Any:
    """Drop stderr streams (warnings included), tracebacks of cells allowed to fail, removed
    cells and code cells left empty."""
    kept = []
    for cell in nb.cells:
        if REMOVED_CELL_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not _is_stderr(o)]
            if not cell.outputs:
                continue
        kept.append(cell)
    nb.cells = kept
    return nb


def _is_stderr(output: Any) -> bool:
    kind = output.get("output_type")
    return kind == "error" or (kind == "stream" and output.get("name") == "stderr")
