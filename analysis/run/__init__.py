"""Orchestration: the papermill runner, safeguards, PDF copies and the command line."""
