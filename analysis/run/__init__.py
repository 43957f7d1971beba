"""Orchestration: the report runner, safeguards, PDF copies and the command line.

The runner, split by job: :mod:`~analysis.run.jobs` (folders, arguments, notebooks, jobs),
:mod:`~analysis.run.execution` (worker processes, failures, progress),
:mod:`~analysis.run.export` (leadership HTML), :mod:`~analysis.run.results_files` (results.csv,
the workbook), :mod:`~analysis.run.manifest`, :mod:`~analysis.run.publishing` (lock, staging,
latest, failures kept), :mod:`~analysis.run.index_page`, and :mod:`~analysis.run.runner`, which
calls them in order. :mod:`~analysis.run.conventions` holds their names and defaults, light
enough for the command line's ``--help``.
"""
