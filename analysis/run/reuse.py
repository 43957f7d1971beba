"""Reusing unchanged work: a notebook run, or a scenario's results table, whose inputs are all
unchanged since a published run is copied from that run instead of being made again.

The inputs of a notebook run are hashed together into its *key* (:func:`job_key`):

- the notebook file;
- the scenario files it reads (:func:`scenarios_read`): a per-scenario notebook its own; the
  comparison and the summary every scenario of the run and every file of the plan's scenarios
  folder, so that editing one scenario runs these again; the scorecard and the plan against
  outturn the scenario they are given and the plan's own;
- its parameters (the plan, the scenario files by their place in the project, the language,
  the seed, its results folder inside the run) and its title;
- the plan pack: its id and its files (``data/raw/plans/<plan-id>/``, ``plan.yaml`` and actual
  results included), and the shared published series;
- the package's source: every file of ``analysis/`` but caches (templates included);
- the Python environment: its version and every installed distribution with its version;
- the kernel's name, its ``PYTHONHASHSEED`` and :data:`REUSE_FORMAT`.

A scenario's results table has a key of its own (:func:`results_key`): the scenario file, the
plan pack, the series, the package, the environment and the seed; the run's workbook one of its
own (:func:`workbook_key`): its scenarios' results keys and the language.

Each published run records the keys in its ``manifest.json``: ``notebooks[].inputs_key`` with
the files the notebook run wrote (``notebooks[].files``: path in the run, SHA-256),
``results.<scenario>.inputs_key`` and ``workbook.inputs_key``. A new run looks for each key in
the published runs of its reports folder, ``latest`` first, then the others from the newest
(:class:`EarlierRuns`); an entry counts when its status is ``ok`` and every file it lists is
still there with the same SHA-256. Its files are copied into the new run, and the new manifest
says which run they were copied from (``reused_from``) and which run executed the notebook
(``executed_in``). ``--fresh`` reuses nothing.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.data import paths
from analysis.data.scenarios import Scenario, scenario_path
from analysis.run.conventions import (
    INDEX_FILE,
    KERNEL_HASH_SEED,
    KERNEL_LOG,
    KERNEL_NAME,
    LATEST,
    MANIFEST_FILE,
    RESULTS_FILE,
    WORKBOOK_FILE,
)
from analysis.run.digests import sha256_of, sha256_of_data, sha256_of_folder
from analysis.run.execution import Outcome
from analysis.run.jobs import Job, Run, is_once_per_run, reads_run_results

REUSE_FORMAT = 3
"""Changes when the meaning of a key changes, so that older keys never match."""

RUN_NAME = re.compile(r"\d{4}-\d{2}-\d{2}_\d{6}(-\d+)?")
"""The folder name of a published run (:func:`analysis.run.publishing.new_stamp`)."""

TIMED_RUNS = 3
"""Published runs read at most for the time each notebook took
(:meth:`EarlierRuns.expected_seconds`)."""

RUN_FILES = frozenset({MANIFEST_FILE, INDEX_FILE, WORKBOOK_FILE, KERNEL_LOG})
"""Files of the run itself, which no notebook run owns."""


# --- keys ------------------------------------------------------------------------------------


@dataclass
class Fingerprints:
    """The digests a run's keys share, each computed once."""

    plan_id: str
    plan: str
    series: str
    package: str
    environment: str
    run_scenarios: dict[str, str]
    files: dict[Path, str] = field(default_factory=dict)

    def file(self, path: Path) -> str:
        """The SHA-256 of ``path``, computed once."""
        path = Path(path).resolve()
        if path not in self.files:
            self.files[path] = sha256_of(path)
        return self.files[path]


def fingerprints(run: Run) -> Fingerprints:
    """The digests shared by the keys of ``run``."""
    folders = run.folders
    series = folders.series
    prints = Fingerprints(
        plan_id=run.plan.id,
        plan=sha256_of_folder(folders.plan.folder),
        series=sha256_of(series) if series.is_file() else "",
        package=sha256_of_folder(paths.PACKAGE_DIR),
        environment=environment_digest(),
        run_scenarios={},
    )
    files = {Path(s.path) for s in run.scenarios} | set(folders.scenarios.glob("*.yaml"))
    prints.run_scenarios = {_name(p, run): prints.file(p) for p in sorted(files)}
    return prints


def environment_digest() -> str:
    """The SHA-256 of the Python version and of every distribution installed on the module path
    (their ``*.dist-info`` and ``*.egg-info`` folders name them with their versions)."""
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return sha256_of_data(
        {
            "python": sys.version,
            "implementation": sys.implementation.name,
            "machine": platform.machine(),
            "distributions": sorted(found),
        }
    )


def _name(path: str | Path, run: Run) -> str:
    """``path`` as a key names it: inside the project, relative to the project root."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(run.folders.root).as_posix()
    except ValueError:
        return resolved.as_posix()


def portable_parameters(job: Job, run: Run) -> dict[str, Any]:
    """The job's parameters with paths named inside the project and the run (not the staging
    folder, whose name changes from run to run)."""
    out = dict(job.parameters)
    if "scenario" in out:
        out["scenario"] = _name(out["scenario"], run)
    if "scenarios" in out:
        out["scenarios"] = [_name(s, run) for s in out["scenarios"]]
    if "results_dir" in out:
        results = Path(out["results_dir"])
        out["results_dir"] = (
            results.relative_to(run.staging).as_posix()
            if results.is_relative_to(run.staging)
            else _name(results, run)
        )
    return out


def job_key(job: Job, run: Run, prints: Fingerprints) -> str:
    """The key of a notebook run: the SHA-256 of everything it reads (module docstring).

    The comparison and the summary read the run's results tables: made by a results function
    other than the package's own (:attr:`Run.results_reusable` false, tests only), their key
    names this run, so that no other run ever copies them nor they another's.
    """
    made_by = "package" if run.results_reusable else f"this run's own function ({run.stamp})"
    return sha256_of_data(
        {
            "format": REUSE_FORMAT,
            "notebook": [_name(job.notebook, run), prints.file(job.notebook)],
            "results": made_by if reads_run_results(job.notebook) else None,
            "scenarios": scenarios_read(job, run, prints),
            "parameters": portable_parameters(job, run),
            "title": job.title,
            "lang": job.lang,
            **_shared(prints),
        }
    )


def scenarios_read(job: Job, run: Run, prints: Fingerprints) -> dict[str, str]:
    """The scenario files a notebook run reads, with their digests.

    A notebook given every scenario of the run (the comparison, the summary) reads those and,
    left without them, every file of the scenarios folder: all of them count. Any other reads
    the scenario it is given, and a once-per-run one (the scorecard, the plan against outturn)
    also the plan's own scenario file, which the plan against outturn reads whatever it is
    given. Editing another scenario leaves these two to be copied.
    """
    if "scenarios" in job.parameters:
        return prints.run_scenarios
    given = job.parameters.get("scenario")
    files = [Path(given)] if given else []
    if is_once_per_run(job.notebook):
        own = scenario_path(run.plan.default_scenario, run.folders.plan.scenarios)
        if own.is_file():
            files.append(own)
    return {_name(p, run): prints.file(p) for p in files}


def results_key(scenario: Scenario, run: Run, prints: Fingerprints) -> str:
    """The key of a scenario's results table: its scenario file, the data, the seed."""
    return sha256_of_data(
        {
            "format": REUSE_FORMAT,
            "results": [_name(scenario.path, run), prints.file(Path(scenario.path))],
            "seed": run.seed,
            **_shared(prints),
        }
    )


def workbook_key(run: Run, results_keys: Sequence[str]) -> str:
    """The key of the run's workbook: its scenarios' results keys in the run's order (which
    cover the scenario files, labels included, the data, the package and the seed) and the
    language of its sheets."""
    return sha256_of_data(
        {"format": REUSE_FORMAT, "workbook": list(results_keys), "lang": run.lang}
    )


def _shared(prints: Fingerprints) -> dict[str, Any]:
    return {
        "plan_id": prints.plan_id,
        "plan": prints.plan,
        "series": prints.series,
        "package": prints.package,
        "environment": prints.environment,
        "kernel": [KERNEL_NAME, KERNEL_HASH_SEED],
    }


# --- earlier runs --------------------------------------------------------------------------------


def published_runs(reports: Path) -> list[Path]:
    """The published runs of ``reports``: the one ``latest`` names first, then the others from
    the newest."""
    if not reports.is_dir():
        return []
    runs = sorted(
        (p for p in reports.iterdir() if RUN_NAME.fullmatch(p.name) and not p.is_symlink()),
        reverse=True,
    )
    latest = reports / LATEST
    if latest.is_symlink():
        target = reports / os.readlink(latest)
        runs.sort(key=lambda p: p.name != target.name)
    return [p for p in runs if p.is_dir()]


@dataclass
class Found:
    """A reusable earlier entry: the run it is in and its manifest entry."""

    run: Path
    entry: dict[str, Any]


class EarlierRuns:
    """The keys recorded by the published runs of a reports folder, read as they are needed."""

    def __init__(self, reports: Path) -> None:
        self.waiting = published_runs(reports)
        self.notebooks: dict[str, Found] = {}
        self.results: dict[str, Found] = {}
        self.workbooks: dict[str, Found] = {}
        self.seconds: dict[tuple[str, str], float] = {}
        self.read: list[Path] = []

    def notebook(self, key: str) -> Found | None:
        """The newest reusable notebook run with ``key`` (its files checked), or None."""
        return self._find(key, self.notebooks)

    def results_table(self, key: str) -> Found | None:
        """The newest run whose results table of a scenario has ``key``, or None."""
        return self._find(key, self.results)

    def workbook(self, key: str) -> Found | None:
        """The newest run whose workbook has ``key`` (its file checked), or None."""
        return self._find(key, self.workbooks)

    def expected_seconds(self, job: Job, runs: int = TIMED_RUNS) -> float | None:
        """How long ``job`` took when last executed, read from up to ``runs`` runs (the
        same notebook for another scenario will do); None when not known."""
        while self.waiting and len(self.read) < runs:
            self._read(self.waiting.pop(0))
        stem = job.notebook.stem
        exact = self.seconds.get((job.scenario, stem))
        if exact is not None:
            return exact
        others = [s for (_, name), s in self.seconds.items() if name == stem]
        return max(others) if others else None

    def _find(self, key: str, index: dict[str, Found]) -> Found | None:
        while key not in index and self.waiting:
            self._read(self.waiting.pop(0))
        return index.get(key)

    def _read(self, run: Path) -> None:
        self.read.append(run)
        try:
            manifest = json.loads((run / MANIFEST_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(manifest, dict) or manifest.get("status") != "ok":
            return
        for entry in manifest.get("notebooks") or []:
            if isinstance(entry, dict) and entry.get("reused_from") is None:
                where = (str(entry.get("scenario")), str(entry.get("notebook")))
                self.seconds.setdefault(where, float(entry.get("seconds") or 0))
            if _usable(entry, run) and entry["inputs_key"] not in self.notebooks:
                self.notebooks[entry["inputs_key"]] = Found(run, entry)
        for entry in (manifest.get("results") or {}).values():
            files = {entry.get("file", ""): entry.get("sha256", "")}
            usable = isinstance(entry, dict) and entry.get("inputs_key") and _intact(files, run)
            if usable and entry["inputs_key"] not in self.results:
                self.results[entry["inputs_key"]] = Found(run, entry)
        workbook = manifest.get("workbook")
        if isinstance(workbook, dict) and workbook.get("inputs_key"):
            files = {str(workbook.get("file", "")): str(workbook.get("sha256", ""))}
            if _intact(files, run) and workbook["inputs_key"] not in self.workbooks:
                self.workbooks[workbook["inputs_key"]] = Found(run, workbook)


def _usable(entry: Any, run: Path) -> bool:
    """An entry that executed well, has a key and lists files still there unchanged."""
    return (
        isinstance(entry, dict)
        and entry.get("status") == "ok"
        and bool(entry.get("inputs_key"))
        and bool(entry.get("files"))
        and _intact(entry["files"], run)
    )


def _intact(files: dict[str, str], run: Path) -> bool:
    """Every file (path in ``run``: SHA-256) is inside ``run`` and unchanged."""
    for name, digest in files.items():
        path = run / name
        if not name or ".." in Path(name).parts or not path.is_file():
            return False
        if sha256_of(path) != digest:
            return False
    return True


# --- reusing -------------------------------------------------------------------------------------


def reuse_notebooks(
    run: Run, jobs: Sequence[Job], keys: Sequence[str], earlier: EarlierRuns
) -> dict[int, Outcome]:
    """Copy into the staging folder the notebook runs found unchanged in ``earlier``.

    Returns
    -------
    dict
        Index of the job in ``jobs`` -> its outcome (``ok``, ``reused_from`` set).
    """
    reused = {}
    for index, (job, key) in enumerate(zip(jobs, keys, strict=True)):
        found = earlier.notebook(key)
        if found is None:
            continue
        start = time.perf_counter()
        files = copy_files(found.run, run.staging, found.entry["files"])
        reused[index] = Outcome(
            scenario=job.scenario,
            notebook=job.notebook.stem,
            output=str(job.output),
            status="ok",
            seconds=time.perf_counter() - start,
            inputs_key=key,
            files=files,
            reused_from=found.run.name,
            executed_in=found.entry.get("executed_in") or found.run.name,
        )
    return reused


def copy_files(source: Path, target: Path, files: dict[str, str]) -> dict[str, str]:
    """Copy ``files`` (path in ``source``: SHA-256) to the same paths in ``target``; return
    them as paths in ``target``."""
    copied = {}
    for name, digest in files.items():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, destination)
        copied[str(destination)] = digest
    return copied


def claim_files(outcomes: Sequence[Outcome], jobs: Sequence[Job], run: Run) -> None:
    """Keep in each executed outcome's ``files`` only what its notebook run wrote itself.

    A worker records every file that appeared or changed in the notebook's results folder while
    it ran; other notebooks may have written there meanwhile. Their reports, the other
    notebooks' results folders and the run's own files (:data:`RUN_FILES`, ``results.csv``)
    are left out.
    """
    reports = {str(j.output.with_suffix(s)): j for j in jobs for s in (".ipynb", ".html", ".pdf")}
    folders = {Path(j.parameters.get("results_dir", j.output.parent)) for j in jobs}
    for outcome, job in zip(outcomes, jobs, strict=True):
        if outcome.reused_from is not None:
            continue
        own = Path(job.parameters.get("results_dir", job.output.parent))
        others = [f for f in folders if f != own and f.is_relative_to(own)]
        outcome.files = {
            path: digest
            for path, digest in outcome.files.items()
            if reports.get(path, job) is job
            and Path(path).name not in RUN_FILES
            and Path(path).name != RESULTS_FILE
            and not any(Path(path).is_relative_to(f) for f in others)
        }


def stamp_executed(outcomes: Sequence[Outcome], run: Run) -> None:
    """Record this run as where each executed notebook run was executed."""
    for outcome in outcomes:
        if outcome.reused_from is None and outcome.status == "ok":
            outcome.executed_in = run.stamp


@dataclass
class Reuse:
    """What a run reuses: the keys of its jobs and results tables, the earlier runs they are
    looked up in (none with ``--fresh``), and, once made, the record of its results tables."""

    run: Run
    jobs: list[Job]
    prints: Fingerprints
    keys: list[str]
    earlier: EarlierRuns | None

    @classmethod
    def start(cls, run: Run, jobs: Sequence[Job]) -> Reuse:
        """Hash the inputs of ``run``'s ``jobs``; find the earlier runs (unless fresh)."""
        prints = fingerprints(run)
        return cls(
            run=run,
            jobs=list(jobs),
            prints=prints,
            keys=[job_key(job, run, prints) for job in jobs],
            earlier=None if run.fresh else EarlierRuns(run.folders.reports),
        )

    def notebooks(self) -> dict[int, Outcome]:
        """Copy the unchanged notebook runs into the staging folder; their outcomes by index."""
        if self.earlier is None:
            return {}
        return reuse_notebooks(self.run, self.jobs, self.keys, self.earlier)

    def results(self) -> dict[str, Path]:
        """Scenario name -> its unchanged ``results.csv`` in a published run; records the
        keys in ``run.results_record``. Nothing is reused from a results function other than
        the package's own (it is not among the hashed inputs)."""
        found: dict[str, Path] = {}
        for scenario in self.run.scenarios:
            key = results_key(scenario, self.run, self.prints)
            if not self.run.results_reusable:  # not the package's function: for no other run
                key = f"{key}-made-by-{self.run.stamp}"
            entry = {"inputs_key": key, "file": f"{scenario.name}/{RESULTS_FILE}"}
            earlier = self.earlier.results_table(key) if self.earlier else None
            if earlier is not None and self.run.results_reusable:
                found[scenario.name] = earlier.run / earlier.entry["file"]
                entry["reused_from"] = earlier.run.name
            self.run.results_record[scenario.name] = entry
        return found

    def workbook(self) -> Path | None:
        """The unchanged workbook in a published run, or None; records its key in
        ``run.workbook_record`` (after :meth:`results`, whose keys it is made of)."""
        keys = [self.run.results_record[s.name]["inputs_key"] for s in self.run.scenarios]
        key = workbook_key(self.run, keys)
        self.run.workbook_record = {"inputs_key": key, "file": WORKBOOK_FILE}
        found = self.earlier.workbook(key) if self.earlier else None
        if found is None or not self.run.results_reusable:
            return None
        self.run.workbook_record["reused_from"] = found.run.name
        return found.run / found.entry["file"]

    def record_results(self) -> None:
        """Add the SHA-256 of each results file and of the workbook to ``run.results_record``
        and ``run.workbook_record`` once written."""
        for entry in [*self.run.results_record.values(), self.run.workbook_record]:
            path = self.run.staging / entry["file"]
            entry["sha256"] = sha256_of(path) if path.is_file() else None
            entry.setdefault("reused_from", None)

    def expected_seconds(self) -> list[float | None]:
        """How long each job took when last executed (None when not known, or fresh)."""
        if self.earlier is None:
            return [None] * len(self.jobs)
        return [self.earlier.expected_seconds(job) for job in self.jobs]

    def finish(self, outcomes: Sequence[Outcome]) -> None:
        """Give each outcome its key, its own files and the run that executed it."""
        for outcome, key in zip(outcomes, self.keys, strict=True):
            outcome.inputs_key = key
        claim_files(outcomes, self.jobs, self.run)
        stamp_executed(outcomes, self.run)
