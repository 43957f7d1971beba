"""The explorer served by Voilà, in headless Chromium driven by Playwright.

``make explore``'s server (:func:`analysis.run.explore_server.start_server`) is started on a
free port of 127.0.0.1; Playwright drives the system Chromium (it never downloads a browser):
the page shows the figures without any code, the growth control is moved from 14.5 to 15.5 %
by typing into its readout as a planner would, and GRDP per head changes from 4.500 to
4.539 USD. Skipped, with the reason, when Chromium or Playwright is missing; ``.ci/run``
installs Debian's ``chromium``.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator

import psutil
import pytest

from analysis.run.explore_server import HOST, free_port, start_server, wait_until_serving
from analysis.run.pdf import CHROMIUM_NAMES, find_chromium

CHROMIUM = find_chromium()
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the lock installs it
    sync_playwright = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason=f"Chromium is not installed (looked for {', '.join(CHROMIUM_NAMES)} on PATH); "
        ".ci/run installs Debian's chromium",
    ),
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed"),
]

PER_HEAD = '[data-section="figures"] tr[data-row="per_capita"] td[data-column="1"]'
GROWTH = '[data-section="figures"] tr[data-row="grdp_growth"] td[data-column="1"]'
GROWTH_READOUT = ".explorer-control-growth .widget-readout"
WAIT_MS = 180_000
"""Generous waits (a shared machine): they bound a wait, they measure nothing."""


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[int, int]]:
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:
        process = start_server("bac-giang-2024", port=port, log=log)
        try:
            try:
                wait_until_serving(port, process)
            except RuntimeError:
                log.seek(0)
                pytest.fail(f"Voilà did not serve the explorer:\n{log.read()[-3000:]}")
            yield port, process.pid
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except Exception:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture
def page(server):
    port, _ = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            tab = browser.new_page()
            tab.goto(f"http://{HOST}:{port}/", timeout=WAIT_MS)
            tab.locator(PER_HEAD).wait_for(timeout=WAIT_MS)
            yield tab
        finally:
            browser.close()


def test_served_on_this_computer_only(server):
    _, pid = server
    listening = [
        c.laddr
        for p in [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        for c in p.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and p.pid == pid
    ]
    assert listening and {address.ip for address in listening} == {HOST}


def test_page_shows_the_figures_and_no_code(page):
    assert page.locator(PER_HEAD).inner_text() == "4.500 USD"
    assert page.locator(GROWTH).inner_text() == "14,50 %"
    assert "Khám phá kịch bản năm 2024" in page.inner_text("body")
    assert page.get_attribute("html", "lang") == "vi"  # as the page opens
    assert page.title() == "Khám phá kịch bản kế hoạch"  # the notebook's title metadata
    text = page.content()
    assert "open_explorer" not in text and "import " not in page.inner_text("body")


def test_moving_growth_to_15_5_changes_gdp_per_head(page):
    readout = page.locator(GROWTH_READOUT)
    assert readout.inner_text() == "14.50"
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("15.5")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "sel => document.querySelector(sel).textContent !== '4.500 USD'",
        arg=PER_HEAD,
        timeout=WAIT_MS,
    )
    # 3,950 x 1.155 x 1.0289 / (1.0168 x 1.017) = 4,539.37 USD
    assert page.locator(PER_HEAD).inner_text() == "4.539 USD"
    assert page.locator(GROWTH).inner_text() == "15,50 %"
    assert readout.inner_text() == "15.50"
