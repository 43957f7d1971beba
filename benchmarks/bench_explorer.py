"""Time the what-if explorer: a control's change to the updated page, and the page's first paint.

1. In-process (``Explorer``, as the notebook builds it, default plan, scenario ``target``):
   the time from setting a control's value to the return of its handler, which computes the
   settings (:func:`analysis.outlook.explorer.explore`, the Monte Carlo's smaller draw
   included) and rewrites every panel and the chart; median and 90th percentile over many
   changes, growth moved between 14.5 and 15.5 % and the other sliders and a year-to-date
   field moved too. The computation and the redraw are also timed apart.
2. Under Voilà (``make explore``'s server, :func:`analysis.run.explore_server.start_server`)
   in headless Chromium driven by Playwright: from navigation to the browser's first
   contentful paint, and to the figures shown (GRDP per head on the page), median of a few
   visits, each served by a kernel started ahead; then growth typed 14.5 -> 15.5 % in the
   page and the time until GRDP per head changes there (the browser round trip). Skipped,
   with the reason, without Chromium.

Prints seconds and milliseconds; asserts nothing. ``python benchmarks/bench_explorer.py``
runs it alone; ``benchmarks/run.py`` includes it.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import sys
import tempfile
import time
from typing import Any

from analysis.run.explore_server import HOST, free_port, start_server, wait_until_serving
from analysis.run.pdf import find_chromium

CHANGES = 40
"""Changes timed in-process (each slider and growth back and forth)."""
VISITS = 3
"""Page loads timed under Voilà."""
PER_HEAD = '[data-section="figures"] tr[data-row="per_capita"] td[data-column="1"]'
GROWTH_READOUT = ".explorer-control-growth .widget-readout"


def _ms(seconds: float) -> float:
    return round(1000 * seconds, 1)


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": _ms(statistics.median(ordered)),
        "p90_ms": _ms(ordered[int(0.9 * (len(ordered) - 1))]),
        "max_ms": _ms(ordered[-1]),
        "n": len(ordered),
    }


def time_changes(changes: int = CHANGES) -> dict[str, Any]:
    """A control's change to the updated panels, in-process (computation and redraw)."""
    from analysis.outlook.explorer import explore
    from analysis.report.explorer_widgets import Explorer

    page = Explorer(None, "target")
    moves = [
        ("growth", 15.5),
        ("growth", 14.5),
        ("deflator", 3.5),
        ("deflator", 2.89),
        ("population_growth", 1.9),
        ("population_growth", 1.68),
        ("depreciation", 2.5),
        ("depreciation", 1.7),
        ("ytd:Q1", "8,0"),
        ("ytd:Q1", ""),
    ]
    total, growth, compute, redraw = [], [], [], []
    for i in range(changes):
        key, value = moves[i % len(moves)]
        started = time.perf_counter()
        page.controls[key].value = value
        elapsed = time.perf_counter() - started
        total.append(elapsed)
        if key == "growth":
            growth.append(elapsed)
        started = time.perf_counter()
        explore(page.plan, page.settings, n_draws=page.n_draws, basis=page.basis)
        compute.append(time.perf_counter() - started)
        started = time.perf_counter()
        page.render()
        redraw.append(time.perf_counter() - started)
    return {
        "draws": page.n_draws,
        "change_to_update": _summary(total),
        "growth_14_5_to_15_5": _summary(growth),
        "computation": _summary(compute),
        "redraw": _summary(redraw),
    }


def _visit(browser, port: int) -> dict[str, float]:
    tab = browser.new_page()
    try:
        started = time.perf_counter()
        tab.goto(f"http://{HOST}:{port}/", timeout=300_000)
        tab.locator(PER_HEAD).wait_for(timeout=300_000)
        shown = time.perf_counter() - started
        paint = tab.evaluate(
            "() => { const e = performance.getEntriesByName('first-contentful-paint')[0];"
            " return e ? e.startTime / 1000 : null; }"
        )
        before = tab.locator(PER_HEAD).inner_text()
        tab.locator(GROWTH_READOUT).click()
        tab.keyboard.press("Control+A")
        tab.keyboard.type("15.5")
        started = time.perf_counter()
        tab.keyboard.press("Enter")
        tab.wait_for_function(
            "([sel, old]) => document.querySelector(sel).textContent !== old",
            arg=[PER_HEAD, before],
            timeout=300_000,
        )
        round_trip = time.perf_counter() - started
        return {"first_paint": paint, "figures_shown": shown, "round_trip": round_trip}
    finally:
        tab.close()


def time_page(visits: int = VISITS) -> dict[str, Any]:
    """First paint and figures shown under Voilà, in headless Chromium."""
    chromium = find_chromium()
    if chromium is None:
        return {"skipped": "Chromium is not installed"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright is not installed"}
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:
        process = start_server(None, port=port, log=log)
        try:
            served = wait_until_serving(port, process)
            results = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium)
                for i in range(visits):
                    if i:
                        time.sleep(20)  # the server starts the next kernel ahead
                    results.append(_visit(browser, port))
                browser.close()
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
    paints = [r["first_paint"] for r in results if r["first_paint"] is not None]
    return {
        "server_start_s": round(served, 1),
        "visits": len(results),
        "first_paint_ms": _ms(statistics.median(paints)) if paints else None,
        "figures_shown_ms": _ms(statistics.median(r["figures_shown"] for r in results)),
        "browser_round_trip_ms": _ms(statistics.median(r["round_trip"] for r in results)),
    }


def report(changes: dict[str, Any], page: dict[str, Any]) -> str:
    """The printed table."""
    lines = [f"explorer, in-process ({changes['draws']:,} Monte Carlo draws per change)"]
    for key, name in (
        ("change_to_update", "a control's change -> updated"),
        ("growth_14_5_to_15_5", "growth 14.5 <-> 15.5 %"),
        ("computation", "  of which explore()"),
        ("redraw", "  of which panels + chart"),
    ):
        s = changes[key]
        lines.append(
            f"  {name:32} median {s['median_ms']:6.1f} ms  p90 {s['p90_ms']:6.1f} ms  (n={s['n']})"
        )
    if "skipped" in page:
        lines.append(f"explorer under Voilà: skipped ({page['skipped']})")
    else:
        lines += [
            f"explorer under Voilà (headless Chromium, median of {page['visits']} visits)",
            f"  server up (make explore)          {page['server_start_s']:6.1f} s",
            f"  first contentful paint            {page['first_paint_ms']:6.0f} ms",
            f"  figures shown                     {page['figures_shown_ms']:6.0f} ms",
            f"  growth typed -> per head changed  {page['browser_round_trip_ms']:6.0f} ms",
        ]
    return "\n".join(lines)


def main() -> int:
    changes = time_changes()
    page = time_page()
    print(report(changes, page))
    print(json.dumps({"changes": changes, "page": page}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
