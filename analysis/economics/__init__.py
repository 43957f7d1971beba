"""The economics core: pure planning arithmetic.

Floats, numpy arrays, pandas Series and DataFrames in and out: growth and per-head arithmetic,
quarters, structure and contributions, the projection, the structure solver, the consistency
checks, uncertainty and the scorecard's arithmetic. No file I/O, no plotting, no printing, no
HTML; the modules here import nothing from the rest of the package but :mod:`analysis.errors`.
"""
