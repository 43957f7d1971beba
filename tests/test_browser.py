"""The reports in a real browser (headless Chromium), and their PDF copies.

A small real run (notebook 01 and the seeded-chart fixture for the target scenario, the
comparison fixture, ``--pdf``) is opened in headless Chromium: ``index.html`` and the reports
each get a small script (in a copy of the run folder) that records, once the page has loaded,
every image (loaded, natural size), every link as the browser resolved it, every resource
that failed to load and every resource fetched from outside the run folder, and writes them
into the page, which ``--dump-dom`` prints. Every link must lead to a file of the run (or an
anchor of the page), every chart must load with a non-zero size, nothing may fail or come
from the internet. Screenshots of the index and a report are saved under the run folder
(``screenshots/``). Skipped, with the reason, when Chromium is not installed; ``.ci/run``
installs Debian's ``chromium``.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from project_copies import make_copy, run_cli

from analysis.run.pdf import CHROMIUM_NAMES, chromium_command, find_chromium
from analysis.run.runner import run_reports

CHROMIUM = find_chromium()
NEEDS_CHROMIUM = pytest.mark.skipif(
    CHROMIUM is None,
    reason=f"Chromium is not installed (looked for {', '.join(CHROMIUM_NAMES)} on PATH); "
    ".ci/run installs Debian's chromium",
)
REPORTS = ("target/01_grdp_trajectory", "target/07_seeded_chart", "04_scenario_comparison")

CHECK_SCRIPT = """<script>
window.__failed = [];
window.addEventListener('error', function (e) {
  var t = e.target;
  if (t && t !== window) {
    window.__failed.push((t.tagName || '?') + ' ' + (t.currentSrc || t.src || t.href || ''));
  }
}, true);
window.addEventListener('load', function () {
  var here = location.href.split('#')[0];
  var resources = Array.from(document.querySelectorAll('script[src], link[href], img[src]'))
    .map(function (e) { return e.src || e.href; });
  var report = {
    images: Array.from(document.images).map(function (i) {
      return {complete: i.complete, width: i.naturalWidth, height: i.naturalHeight,
              alt: i.getAttribute('alt'), title: i.getAttribute('title')};
    }),
    text: document.body.innerText,
    overflow: Array.from(document.querySelectorAll('td, th, img'))
      .filter(function (e) {
        return e.scrollWidth > e.clientWidth + 1
          || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
      })
      .map(function (e) { return e.tagName + ' ' + (e.textContent || '').slice(0, 60); }),
    links: Array.from(document.querySelectorAll('a[href]')).map(function (a) { return a.href; }),
    missing_anchors: Array.from(document.querySelectorAll('a[href^="#"]'))
      .map(function (a) { return a.hash.slice(1); })
      .filter(function (id) {  // as browsers look for a fragment: as written, then decoded
        return id && !document.getElementById(id)
          && !document.getElementById(decodeURIComponent(id));
      }),
    external: resources.filter(function (u) { return !/^(file|data|blob):/.test(u); }),
    failed: window.__failed,
    here: here,
    title: document.title
  };
  var pre = document.createElement('pre');
  pre.id = 'browser-check';
  pre.textContent = JSON.stringify(report);
  document.body.appendChild(pre);
});
</script>"""


def chromium(*arguments: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """Run headless Chromium with a throw-away profile."""
    with tempfile.TemporaryDirectory(prefix="chromium-test-") as profile:
        return subprocess.run(
            chromium_command(CHROMIUM, Path(profile), *arguments),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def inject_check(page: Path) -> None:
    """Put :data:`CHECK_SCRIPT` first in the page's head (before anything loads)."""
    text = page.read_text(encoding="utf-8")
    head = re.search(r"<head[^>]*>", text)
    assert head, page
    page.write_text(text[: head.end()] + CHECK_SCRIPT + text[head.end() :], encoding="utf-8")


def browser_check(page: Path) -> dict:
    """Open ``page`` (a copy with :func:`inject_check` applied) and return what it recorded."""
    done = chromium("--virtual-time-budget=15000", "--dump-dom", page.resolve().as_uri())
    found = re.search(r'<pre id="browser-check">(.*?)</pre>', done.stdout, re.S)
    assert found, f"no result from Chromium for {page}: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def local_file(url: str) -> Path:
    parsed = urlparse(url)
    assert parsed.scheme == "file", url
    return Path(unquote(parsed.path))


def screenshot(page: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    chromium(
        "--hide-scrollbars", "--window-size=1280,1600", f"--screenshot={target}", page.as_uri()
    )
    return target


def is_blank(png: Path) -> bool:
    import matplotlib.image

    pixels = matplotlib.image.imread(png)
    return float(pixels.std()) == 0.0


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    root = make_copy(
        base,
        notebooks=["01_grdp_trajectory.ipynb"],
        fixtures=["07_seeded_chart.ipynb", "04_scenario_comparison.ipynb"],
        scenarios=["target"],
    )
    stream = io.StringIO()
    run = run_reports(root=root, jobs=2, pdf=True, stream=stream)
    checked = base / "checked"
    shutil.copytree(run, checked)
    for page in checked.rglob("*.html"):
        inject_check(page)
    return {"run": run, "checked": checked, "progress": stream.getvalue()}


@NEEDS_CHROMIUM
@pytest.mark.browser
@pytest.mark.notebook
def test_index_links_resolve_and_nothing_fails(published):
    run, checked = published["run"], published["checked"]
    seen = browser_check(checked / "index.html")
    assert seen["failed"] == [] and seen["external"] == []
    targets = [local_file(link) for link in seen["links"]]
    assert targets, "the index links the reports"
    for target in targets:
        relative = target.relative_to(checked)
        assert (run / relative).is_file(), relative
    linked = {t.relative_to(checked).as_posix() for t in targets}
    for report in REPORTS:
        assert f"{report}.html" in linked and f"{report}.pdf" in linked, report
    assert {"results.xlsx", "manifest.json", "target/results.csv"} <= linked


@NEEDS_CHROMIUM
@pytest.mark.browser
@pytest.mark.notebook
@pytest.mark.parametrize("report", REPORTS)
def test_reports_load_every_chart_and_nothing_else(published, report):
    seen = browser_check(published["checked"] / f"{report}.html")
    assert seen["failed"] == [], seen["failed"]
    assert seen["external"] == [], "leadership pages load nothing from the internet"
    assert seen["missing_anchors"] == []
    for image in seen["images"]:
        assert image["complete"] and image["width"] > 0 and image["height"] > 0, image
    for link in seen["links"]:
        target = local_file(link)
        assert target.is_file(), link
    if report != "04_scenario_comparison":
        assert seen["images"], f"{report} shows its charts"


@NEEDS_CHROMIUM
@pytest.mark.browser
@pytest.mark.notebook
def test_screenshots_saved_under_the_run_folder(published):
    run = published["run"]
    shots = [
        screenshot(run / "index.html", run / "screenshots" / "index.png"),
        screenshot(
            run / "target" / "01_grdp_trajectory.html",
            run / "screenshots" / "target_01_grdp_trajectory.png",
        ),
    ]
    for shot in shots:
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert not is_blank(shot), shot


@NEEDS_CHROMIUM
@pytest.mark.browser
@pytest.mark.notebook
def test_pdf_copies_beside_every_report(published):
    run = published["run"]
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    status = manifest["pdf"]
    assert status["requested"] is True and status["failed"] == {}
    assert status["chromium"].startswith(("Chromium", "Google Chrome", "/"))
    assert sorted(status["printed"]) == sorted(f"{r}.pdf" for r in REPORTS)
    for report in REPORTS:
        data = (run / f"{report}.pdf").read_bytes()
        assert data.startswith(b"%PDF-"), report
        assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 1, report
    chart_pdf = (run / "target" / "01_grdp_trajectory.pdf").read_bytes()
    assert re.search(rb"/Subtype\s*/Image", chart_pdf), "the charts are in the PDF"
    assert not list(run.rglob("*.part"))
    assert "printed 3 PDF copies with" in published["progress"]


@NEEDS_CHROMIUM
@pytest.mark.browser
def test_the_check_catches_broken_images_links_and_outside_resources(tmp_path):
    (tmp_path / "real.html").write_text("<p>here</p>", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>t</title>"
        '<link rel="stylesheet" href="https://example.invalid/style.css"></head><body>'
        '<img src="missing.png"><img src="data:image/png;base64,iVBORw0KGgo=">'
        '<a href="real.html">ok</a><a href="gone.html">gone</a><a href="#nowhere">x</a>'
        "</body></html>",
        encoding="utf-8",
    )
    inject_check(page)
    seen = browser_check(page)
    assert [image["width"] for image in seen["images"]] == [0, 0]
    assert any("missing.png" in failure for failure in seen["failed"])
    assert seen["external"] == ["https://example.invalid/style.css"]
    assert seen["missing_anchors"] == ["nowhere"]
    exists = {local_file(link).name: local_file(link).is_file() for link in seen["links"]}
    assert exists == {"real.html": True, "gone.html": False, "page.html": True}


@pytest.mark.notebook
def test_pdf_without_chromium_says_so_and_the_run_succeeds(tmp_path):
    import sys

    root = make_copy(tmp_path, fixtures=["01_ok.ipynb"], scenarios=["target"])
    done = run_cli(root, "run", "--pdf", path=str(Path(sys.executable).parent))
    assert done.returncode == 0, done.stderr
    assert "warning: no PDF copies: Chromium is not installed" in done.stderr
    run = Path(done.stdout.strip())
    status = json.loads((run / "manifest.json").read_text(encoding="utf-8"))["pdf"]
    assert status["requested"] is True and status["chromium"] is None
    assert "Chromium is not installed" in status["note"]
    assert not list(run.rglob("*.pdf"))
    assert "PDF" not in (run / "index.html").read_text(encoding="utf-8")
