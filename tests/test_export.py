"""Leadership HTML (analysis.run.export): no code, no stderr, nothing from the internet."""

from __future__ import annotations

import re

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.run.export import export_html

CODE_MARKER = "CODE_MARKER_FIXTURE"
HIDDEN = "planners must not see"


def test_export_html_hides_code_stderr_warnings_and_tracebacks(tmp_path):
    cell = new_code_cell(f"{CODE_MARKER} = 1\nprint('shown to planners')")
    cell.outputs = [
        new_output("stream", name="stdout", text="shown to planners\n"),
        new_output("stream", name="stderr", text=f"UserWarning: {HIDDEN}\n"),
    ]
    quiet = new_code_cell("import warnings  # only stderr output")
    quiet.outputs = [new_output("stream", name="stderr", text=f"{HIDDEN}\n")]
    allowed_to_fail = new_code_cell("1 / 0")
    allowed_to_fail.metadata["tags"] = ["raises-exception"]
    allowed_to_fail.outputs = [
        new_output("error", ename="ZeroDivisionError", evalue=HIDDEN, traceback=[HIDDEN])
    ]
    removed = new_code_cell("x = 1")
    removed.metadata["tags"] = ["remove-cell"]
    removed.outputs = [new_output("stream", name="stdout", text=f"{HIDDEN} (removed cell)\n")]
    cells = [new_markdown_cell("# Heading kept"), cell, quiet, allowed_to_fail, removed]
    nb = new_notebook(cells=cells)
    source = tmp_path / "n.ipynb"
    nbformat.write(nb, source)
    html_text = export_html(
        source, tmp_path / "n.html", "en", '<script>"title"</script>'
    ).read_text()
    assert "shown to planners" in html_text
    assert "Heading kept" in html_text
    assert CODE_MARKER not in html_text
    assert HIDDEN not in html_text
    title = re.search(r"<title>(.*)</title>", html_text).group(1)
    assert title.startswith("&lt;script&gt;") and "<" not in title
    assert '<html lang="en">' in html_text


def test_every_page_shares_the_print_stylesheet_and_its_title_block(tmp_path):
    # One stylesheet for every report and the index: DejaVu Sans, A4 pages with margins and
    # page numbers, rows and charts never split; the title block names province and resolution.
    from analysis.report.templating import render

    source = tmp_path / "n.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Báo cáo")]), source)
    block = {"province": "Tỉnh Bắc Giang", "document": "Nghị quyết <số 1> & 'x'"}
    page = export_html(source, tmp_path / "n.html", "vi", "t", block).read_text()
    sheet = render("styles/leadership.css")
    assert sheet in page, "the report includes the shared stylesheet whole"
    assert page.rfind("--jp-ui-font-family:", 0, page.index(sheet)) > 0, "after JupyterLab's"
    assert '<div class="province">Tỉnh Bắc Giang</div>' in page
    assert "<div class=\"document\">Nghị quyết &lt;số 1&gt; &amp; 'x'</div>" in page
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", sheet)
    assert re.search(r"@bottom-center\s*\{[^}]*counter\(page\)", sheet)
    assert re.search(r"tr,[^{]*\{[^}]*break-inside:\s*avoid", sheet)
    assert '"DejaVu Sans"' in sheet
    plain = export_html(source, tmp_path / "p.html", "vi", "t").read_text()
    assert sheet in plain and 'class="masthead"' not in plain
