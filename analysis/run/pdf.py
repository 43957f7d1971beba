"""PDF copies of the HTML reports for leadership, printed by headless Chromium.

``python -m analysis run --pdf`` prints every code-free HTML report of a run to a PDF file
beside it (``target/01_grdp_trajectory.pdf``), in the staging folder, before the run is
published; ``index.html`` links each copy. Chromium is looked up on ``PATH`` under the names
:data:`CHROMIUM_NAMES` (Debian's package is ``chromium``). Without it the run still succeeds,
and says so on standard error and in ``manifest.json``.

Chromium runs headless with a throw-away profile, no network services and no page header or
footer. As root it needs ``--no-sandbox``; it is added only then (the pages printed are the
run's own reports, which load nothing from the network).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Executable names tried, in order, on ``PATH``."""

CHROMIUM_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)
"""Flags of every headless Chromium call."""

PDF_TIMEOUT = 180.0
"""Seconds one page may take to print."""

NOT_INSTALLED = (
    "no PDF copies: Chromium is not installed (looked for {names} on PATH); "
    "install it (Debian: apt-get install chromium) and run again with --pdf"
)


class PdfError(RuntimeError):
    """A page could not be printed (Chromium failed, timed out or wrote no PDF)."""


def find_chromium() -> str | None:
    """The path of the first Chromium found on ``PATH``, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def not_installed_message() -> str:
    """What the run says when ``--pdf`` is asked for and no Chromium is found."""
    return NOT_INSTALLED.format(names=", ".join(CHROMIUM_NAMES))


def chromium_command(chromium: str, profile: Path, *arguments: str) -> list[str]:
    """A headless Chromium command line with a throw-away ``profile`` folder."""
    sandbox = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [chromium, *CHROMIUM_FLAGS, *sandbox, f"--user-data-dir={profile}", *arguments]


def chromium_version(chromium: str) -> str | None:
    """``chromium --version`` (e.g. "Chromium 120.0.6099.224"), or None if it fails."""
    try:
        done = subprocess.run(
            [chromium, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def print_pdf(chromium: str, page: Path, target: Path, timeout: float = PDF_TIMEOUT) -> Path:
    """Print the HTML ``page`` to ``target`` (A4/Letter as Chromium's default, no header).

    The PDF is written under a temporary name and renamed when complete.

    Raises
    ------
    PdfError
        Chromium failed, timed out, or wrote no PDF.
    """
    partial = target.with_name(target.name + ".part")
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        command = chromium_command(
            chromium,
            Path(profile),
            "--no-pdf-header-footer",
            f"--print-to-pdf={partial}",
            Path(page).resolve().as_uri(),
        )
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            partial.unlink(missing_ok=True)
            raise PdfError(f"{page.name}: Chromium took longer than {timeout:g} s") from None
    if done.returncode != 0 or not _is_pdf(partial):
        partial.unlink(missing_ok=True)
        raise PdfError(f"{page.name}: Chromium wrote no PDF (exit status {done.returncode})")
    os.replace(partial, target)
    return target


def _is_pdf(path: Path) -> bool:
    with contextlib.suppress(OSError), path.open("rb") as handle:
        return handle.read(5) == b"%PDF-"
    return False


def print_pdfs(
    chromium: str, pages: Sequence[Path], workers: int = 1, timeout: float = PDF_TIMEOUT
) -> dict[Path, str | None]:
    """Print each HTML page to a PDF beside it, ``workers`` at a time.

    Returns
    -------
    dict
        Page -> None when printed, else the reason it was not.
    """
    if workers < 1:
        raise ValueError(f"workers: must be >= 1, got {workers}")

    def one(page: Path) -> str | None:
        try:
            print_pdf(chromium, page, page.with_suffix(".pdf"), timeout)
        except PdfError as exc:
            return str(exc)
        return None

    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        return dict(zip(pages, pool.map(one, pages), strict=True))
    except BaseException:  # interrupted: stop the browsers before waiting for the threads
        from analysis.run.safeguards import stop_children

        stop_children()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
