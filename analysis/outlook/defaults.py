"""Defaults of the composing layer, kept in a module that imports nothing heavy."""

DEFAULT_SEED = 1
"""Seed of the Monte Carlo when a caller gives none. Reports never use it: a run hands every
notebook its plan pack's seed (``plan.yaml``, key ``seed``), recorded in the manifest."""
