"""One exception family for the project.

Every error a planner can cause (a bad raw file, a bad scenario, a bad command-line argument)
is an :class:`InputError` whose message names the file, the row or field, and the rule broken.
The command line turns it into exit status 2 before anything is written.
"""

from __future__ import annotations

import signal


class AnalysisError(Exception):
    """Base of every error raised on purpose by the package."""


class InputError(AnalysisError, ValueError):
    """Refused input: names the file, the location (row or field) and the rule.

    Parameters
    ----------
    file : str
        The file (or argument) that holds the bad value.
    where : str
        The row, field or column, e.g. ``"row 7, column 'target'"`` or ``"growth.aggregate"``.
    rule : str
        The rule broken, in words a planner understands.
    """

    def __init__(self, file: str, where: str, rule: str) -> None:
        self.file = str(file)
        self.where = where
        self.rule = rule
        super().__init__(f"{self.file}: {where}: {rule}")


class InputErrors(AnalysisError, ValueError):  # noqa: N818 - a collection, named as such
    """Several refused inputs reported together (one line each)."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class RunError(AnalysisError):
    """A notebook failed while a report was being built.

    Names the scenario, the notebook and the failing cell, and where the failed executed
    notebook was kept for inspection.
    """

    def __init__(
        self,
        scenario: str,
        notebook: str,
        cell: str | None,
        detail: str,
        kept_at: str | None = None,
    ) -> None:
        self.scenario = scenario
        self.notebook = notebook
        self.cell = cell
        self.detail = detail
        self.kept_at = kept_at
        where = f"cell {cell}" if cell is not None else "before any cell ran"
        msg = f"scenario '{scenario}', notebook '{notebook}', {where}: {detail}"
        if kept_at:
            msg += f" (failed notebook kept at {kept_at})"
        super().__init__(msg)


class LockedError(AnalysisError):
    """Another report run holds the lock."""


class Interrupted(BaseException):
    """A report run stopped by a signal (SIGTERM, SIGINT, SIGHUP) before it was published.

    A ``BaseException`` like ``KeyboardInterrupt``, so that no ``except Exception`` on the way
    turns it into an ordinary failure. The command line exits with ``128 + signal_number``
    (143 for SIGTERM, 130 for SIGINT), the shell's convention for a process ended by a signal.
    """

    def __init__(self, signal_number: int) -> None:
        self.signal_number = int(signal_number)
        self.signal_name = signal.Signals(self.signal_number).name
        super().__init__(f"interrupted by {self.signal_name}")
