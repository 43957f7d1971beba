"""Shared test settings.

Hypothesis runs without per-example deadlines: the suite runs on two cores beside notebook
kernels, and speed is measured in ``make bench``, never asserted in tests.
"""

from hypothesis import settings

settings.register_profile("project", deadline=None, print_blob=True)
settings.load_profile("project")
