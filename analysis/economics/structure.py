"""Economic structure: sector contributions to growth, weights, shares and their conventions.

Sector-keyed inputs are pandas Series or dicts keyed by sector, or DataFrames with one
column per sector and one row per draw. Series (or dict) values may be numbers or 1-d
numpy arrays of draws (all the same length), so the Monte Carlo can pass 200,000 draws in
one call. Results follow the inputs: a DataFrame if any input is one, else a Series of
arrays if any input holds draws, else a Series of floats (sums: a Series over the frame's
rows, an array, or a float).

Sector keys: ``industry_construction``, ``services``, ``agriculture``, ``product_taxes``
(the tax line, "thuế sản phẩm trừ trợ cấp sản phẩm"); ``industry`` and ``construction`` may
replace ``industry_construction`` (never together with it: that would count them twice).
Shares, weights and growth rates are fractions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import (
    SUM_TOLERANCE,
    check_finite,
    check_growth,
    check_same_keys,
    check_shares,
)

SECTORS: tuple[str, ...] = ("industry_construction", "services", "agriculture", "product_taxes")
"""The four parts of GRDP as the statistics office publishes them (``gso4``)."""

FINER_SECTORS: tuple[str, ...] = ("industry", "construction")
"""Finer keys allowed in place of ``industry_construction``."""

KNOWN_SECTORS: tuple[str, ...] = SECTORS + FINER_SECTORS

CONVENTIONS: tuple[str, ...] = ("gso4", "taxes_in_services", "gva_only")
"""Structure conventions: taxes separate; taxes folded into services; sector value added only."""

SectorValues = Any  # pandas Series, dict, or DataFrame keyed by sector


@dataclass(frozen=True)
class _Table:
    """Sector-keyed values as a 2-d array: rows are draws (one row for plain numbers)."""

    keys: list[str]
    values: np.ndarray
    kind: str  # "scalar" | "draws" | "frame"
    index: pd.Index | None = None


def _check_keys(keys: list[str], name: str) -> None:
    unknown = [k for k in keys if k not in KNOWN_SECTORS]
    if unknown:
        raise ValueError(f"{name}: unknown sector key(s) {unknown}; allowed: {list(KNOWN_SECTORS)}")
    if "industry_construction" in keys and any(k in keys for k in FINER_SECTORS):
        raise ValueError(
            f"{name}: give either 'industry_construction' or 'industry'/'construction', "
            f"not both (they would be counted twice), got {keys}"
        )
    check_same_keys(keys, keys, name, name)  # duplicates


def _from_items(items: list[tuple[Any, Any]], name: str) -> _Table:
    keys = [str(k) for k, _ in items]
    cols = [check_finite(v, f"{name}['{k}']") for k, (_, v) in zip(keys, items, strict=True)]
    if any(c.ndim > 1 for c in cols):
        raise ValueError(f"{name}: each sector value must be a number or a 1-d array of draws")
    if all(c.ndim == 0 for c in cols):
        return _Table(keys, np.array(cols, dtype=float)[None, :], "scalar")
    try:
        cols = np.broadcast_arrays(*cols)
    except ValueError as exc:
        lengths = sorted({c.shape[0] for c in cols if c.ndim == 1})
        raise ValueError(f"{name}: arrays of draws must have one length, got {lengths}") from exc
    return _Table(keys, np.column_stack(cols), "draws")


def _table(value: SectorValues, name: str) -> _Table:
    """Read a sector-keyed input into a :class:`_Table`, checking keys and finiteness."""
    if isinstance(value, pd.DataFrame):
        table = _Table(
            [str(c) for c in value.columns],
            check_finite(value.to_numpy(dtype=float), name),
            "frame",
            value.index,
        )
    elif isinstance(value, (pd.Series, Mapping)):
        table = _from_items(list(value.items()), name)
    else:
        raise ValueError(
            f"{name}: must be a pandas Series, dict or DataFrame keyed by sector, "
            f"got {type(value).__name__}"
        )
    if not table.keys:
        raise ValueError(f"{name}: must hold at least one sector")
    _check_keys(table.keys, name)
    return table


def _aligned(first: _Table, other: _Table, name_first: str, name_other: str) -> np.ndarray:
    """``other``'s values with columns in ``first``'s key order (keys must match)."""
    check_same_keys(first.keys, other.keys, name_first, name_other)
    order = [other.keys.index(k) for k in first.keys]
    return other.values[:, order]


def _broadcast(named: dict[str, np.ndarray]) -> list[np.ndarray]:
    try:
        return list(np.broadcast_arrays(*named.values()))
    except ValueError as exc:
        rows = {name: arr.shape[0] for name, arr in named.items()}
        raise ValueError(
            f"{', '.join(named)}: numbers of draws must match (or be 1), got {rows}"
        ) from exc


def _output_form(tables: list[_Table]) -> tuple[str, pd.Index | None]:
    """The result's kind and row index, from the inputs."""
    frames = [t for t in tables if t.kind == "frame"]
    for t in frames[1:]:
        if not t.index.equals(frames[0].index):
            raise ValueError("DataFrame inputs: must share the same row index (one row per draw)")
    if frames:
        return "frame", frames[0].index
    if any(t.kind == "draws" for t in tables):
        return "draws", None
    return "scalar", None


def _rebuild(keys: list[str], values: np.ndarray, kind: str, index: pd.Index | None) -> Any:
    if kind == "frame":
        index = index if index is not None and len(index) == values.shape[0] else None
        return pd.DataFrame(values, index=index, columns=keys)
    if kind == "draws":
        return pd.Series([values[:, j] for j in range(len(keys))], index=keys, dtype=object)
    return pd.Series(values[0], index=keys, dtype=float)


def _reduce(total: np.ndarray, kind: str, index: pd.Index | None) -> Any:
    if kind == "frame":
        index = index if index is not None and len(index) == total.shape[0] else None
        return pd.Series(total, index=index)
    if kind == "draws":
        return total
    return float(total[0])


def _weighted(
    sector_growth: SectorValues, weights: SectorValues, tol: float
) -> tuple[list[str], np.ndarray, str, pd.Index | None]:
    """Checked w_i g_i as a 2-d array, with the keys and the result's form."""
    w = _table(weights, "weights")
    g = _table(sector_growth, "sector_growth")
    check_growth(g.values, "sector_growth")
    w_values = check_shares(_aligned(g, w, "sector_growth", "weights"), "weights", tol, g.keys)
    kind, index = _output_form([g, w])
    g_values, w_values = _broadcast({"sector_growth": g.values, "weights": w_values})
    return g.keys, w_values * g_values, kind, index


def contributions(
    sector_growth: SectorValues, weights: SectorValues, *, tol: float = SUM_TOLERANCE
) -> Any:
    """Contribution of each sector to GRDP growth, in points as fractions.

    Parameters
    ----------
    sector_growth : Series, dict or DataFrame
        Real growth of each sector g_i, fractions.
    weights : Series, dict or DataFrame
        Each sector's share of the previous year's GRDP at constant 2010 prices w_i, tax line
        included; non-negative, summing to 1 within ``tol``.
    tol : float, default SUM_TOLERANCE
        Tolerance on the sum of ``weights``; pass e.g. 0.005 for weights implied by rounded
        published figures.

    Returns
    -------
    Series or DataFrame
        c_i in ``sector_growth``'s key order (0.1188 means 11.88 points).

    Raises
    ------
    ValueError
        On unknown or mismatched sector keys, growth at or below -1, negative weights or
        weights not summing to 1.

    Notes
    -----
    ``c_i = w_{i,t−1} g_i``; the contributions add up to aggregate growth, ``Σ c_i = g``.

    References
    ----------
    Methodology reference, section 2.
    """
    keys, products, kind, index = _weighted(sector_growth, weights, tol)
    return _rebuild(keys, products, kind, index)


def implied_weights(contributions: SectorValues, sector_growth: SectorValues) -> Any:
    """Previous-year constant-price weights revealed by published growth and contributions.

    Parameters
    ----------
    contributions : Series, dict or DataFrame
        Published contributions c_i, fractions (11.88 points → 0.1188).
    sector_growth : Series, dict or DataFrame
        Published sector growth g_i, fractions; must be non-zero.

    Returns
    -------
    Series or DataFrame
        w_i in ``contributions``' key order. The weights are not forced to sum to 1: that
        they do, within rounding, is the check a planner makes on a release.

    Raises
    ------
    ValueError
        On unknown or mismatched sector keys, a growth rate of zero (no weight can be
        revealed) or at or below -1.

    Notes
    -----
    ``w_i = c_i / g_i``. Published 2023: industry-construction 11.88 pt / 17.25 % → 0.689;
    services 1.10 / 6.56 → 0.168; agriculture 0.32 / 2.63 → 0.122; taxes 0.15 / 7.14 → 0.021.

    References
    ----------
    Methodology reference, section 2; Bắc Giang statistics report for 2023 (provincial portal).
    """
    c = _table(contributions, "contributions")
    g = _table(sector_growth, "sector_growth")
    g_values = check_growth(_aligned(c, g, "contributions", "sector_growth"), "sector_growth")
    zero = g_values == 0.0
    if zero.any():
        sector = c.keys[int(np.nonzero(zero.any(axis=0))[0][0])]
        raise ValueError(
            f"sector_growth: must be non-zero to reveal a weight (w = c / g), got 0 for '{sector}'"
        )
    kind, index = _output_form([c, g])
    c_values, g_values = _broadcast({"contributions": c.values, "sector_growth": g_values})
    return _rebuild(c.keys, c_values / g_values, kind, index)


def aggregate_growth(
    weights: SectorValues, sector_growth: SectorValues, *, tol: float = SUM_TOLERANCE
) -> Any:
    """Aggregate real growth as the weighted sum of sector growth.

    Parameters
    ----------
    weights : Series, dict or DataFrame
        Previous-year constant-price weights w_i, non-negative, summing to 1 within ``tol``.
    sector_growth : Series, dict or DataFrame
        Real growth of each sector g_i, fractions.
    tol : float, default SUM_TOLERANCE
        Tolerance on the sum of ``weights``.

    Returns
    -------
    float, numpy.ndarray or Series
        g: a float for plain numbers, an array for Series of draws, a Series over the rows
        of a DataFrame input.

    Raises
    ------
    ValueError
        As :func:`contributions`.

    Notes
    -----
    ``g = Σ_i w_i g_i`` (equivalently ``1 + g = Σ_i w_i (1 + g_i)``).

    References
    ----------
    Methodology reference, sections 2 and 4.
    """
    _, products, kind, index = _weighted(sector_growth, weights, tol)
    return _reduce(products.sum(axis=1), kind, index)


def _price_table(price_change: Any, shares: _Table) -> _Table:
    """Sector price changes; None means none, a plain number applies to every sector."""
    if price_change is None:
        price_change = 0.0
    if np.ndim(price_change) == 0 and not isinstance(price_change, (pd.Series, Mapping)):
        value = check_growth(price_change, "price_change")
        return _Table(shares.keys, np.full((1, len(shares.keys)), float(value)), "scalar")
    return _table(price_change, "price_change")


def project_shares(
    shares: SectorValues,
    sector_growth: SectorValues,
    price_change: Any = None,
    *,
    tol: float = SUM_TOLERANCE,
) -> Any:
    """Next year's current-price shares from this year's shares, real growth and prices.

    Parameters
    ----------
    shares : Series, dict or DataFrame
        Current-price shares s_i of the parts of GRDP, non-negative, summing to 1 within
        ``tol``.
    sector_growth : Series, dict or DataFrame
        Real growth g_i of each part, fractions.
    price_change : Series, dict, DataFrame, float or None, default None
        Price change p_i of each part, fractions; a float applies to every part, None
        means no change.
    tol : float, default SUM_TOLERANCE
        Tolerance on the sum of ``shares``.

    Returns
    -------
    Series or DataFrame
        s_i' in ``shares``' key order; they sum to 1 (each draw).

    Raises
    ------
    ValueError
        On unknown or mismatched sector keys, negative shares or shares not summing to 1,
        or growth or price change at or below -1.

    Notes
    -----
    ``1 + N = Σ_i s_i (1 + g_i)(1 + p_i)`` and ``s_i' = s_i (1 + g_i)(1 + p_i) / (1 + N)``.

    References
    ----------
    Methodology reference, section 4.
    """
    s = _table(shares, "shares")
    s_values = check_shares(s.values, "shares", tol, s.keys)
    g = _table(sector_growth, "sector_growth")
    g_values = check_growth(_aligned(s, g, "shares", "sector_growth"), "sector_growth")
    p = _price_table(price_change, s)
    p_values = check_growth(_aligned(s, p, "shares", "price_change"), "price_change")
    kind, index = _output_form([s, g, p])
    s_values, g_values, p_values = _broadcast(
        {"shares": s_values, "sector_growth": g_values, "price_change": p_values}
    )
    nominal = s_values * (1.0 + g_values) * (1.0 + p_values)
    return _rebuild(s.keys, nominal / nominal.sum(axis=1, keepdims=True), kind, index)


def _check_convention_keys(keys: list[str], convention: str, name: str) -> None:
    has_industry = "industry_construction" in keys or all(k in keys for k in FINER_SECTORS)
    missing = [k for k in ("services", "agriculture") if k not in keys]
    if not has_industry:
        missing.insert(0, "industry_construction")
    if convention == "gso4" and "product_taxes" not in keys:
        missing.append("product_taxes")
    if missing:
        raise ValueError(f"{name}: the '{convention}' convention needs sector(s) {missing}")
    if convention != "gso4" and "product_taxes" in keys:
        raise ValueError(
            f"{name}: the '{convention}' convention has no separate 'product_taxes' part; "
            "use source='gso4' for four-part shares"
        )


def _tax_share(product_tax_share: Any, source: str, cols: dict, tol: float) -> np.ndarray:
    """The product-tax share t: from the shares (gso4) or the keyword (3-part sources)."""
    if source == "gso4":
        t = cols["product_taxes"]
        if product_tax_share is not None:
            given = check_finite(product_tax_share, "product_tax_share")
            if np.any(np.abs(given - t) > tol):
                raise ValueError(
                    "product_tax_share: must agree with shares['product_taxes'] for a gso4 "
                    f"source within {tol:g}, got {np.ravel(given)[0]:.6g} against "
                    f"{np.ravel(t)[0]:.6g}"
                )
        return t
    if product_tax_share is None:
        raise ValueError(
            f"product_tax_share: required to convert from '{source}', which does not carry "
            "the tax share (fraction of GRDP, e.g. 0.021)"
        )
    t = check_finite(product_tax_share, "product_tax_share")
    if t.ndim > 1 or np.any((t < 0.0) | (t >= 1.0)):
        raise ValueError(f"product_tax_share: must be a fraction in [0, 1), got {t.ravel()[0]}")
    return t


def _to_gso4(cols: dict, source: str, t: np.ndarray) -> dict:
    if source == "gso4":
        return dict(cols)
    if source == "taxes_in_services":
        out = dict(cols, services=cols["services"] - t)
        if np.any(out["services"] < 0.0):
            raise ValueError(
                "product_tax_share: must not exceed the services share it is folded into "
                f"('taxes_in_services'), got {np.ravel(t).max():.6g}"
            )
    else:  # gva_only: sector parts are shares of (1 - t) of GRDP
        out = {k: v * (1.0 - t) for k, v in cols.items()}
    out["product_taxes"] = t
    return out


def _from_gso4(cols: dict, target: str) -> dict:
    out = dict(cols)
    if target == "gso4":
        return out
    t = out.pop("product_taxes")
    if target == "taxes_in_services":
        out["services"] = out["services"] + t
        return out
    if np.any(t >= 1.0):
        raise ValueError("shares: a product-tax share of 1 leaves no value added to share out")
    return {k: v / (1.0 - t) for k, v in out.items()}


def convert_structure(
    shares: SectorValues,
    source: str,
    target: str,
    *,
    product_tax_share: Any = None,
    tol: float = SUM_TOLERANCE,
) -> Any:
    """Convert current-price shares between the structure conventions.

    Parameters
    ----------
    shares : Series, dict or DataFrame
        Shares as fractions in the ``source`` convention, summing to 1 within ``tol``.
    source, target : {"gso4", "taxes_in_services", "gva_only"}
        ``gso4``: industry_construction, services, agriculture, product_taxes (four parts);
        ``taxes_in_services``: three parts, product taxes folded into services;
        ``gva_only``: three parts, shares of the sum of sector value added (taxes excluded).
    product_tax_share : float or array_like, optional
        Product taxes less subsidies as a fraction of GRDP. Required when ``source`` is a
        three-part convention and ``target`` differs from it; for a gso4 source it is read
        from the shares (a value given must agree with them within ``tol``).
    tol : float, default SUM_TOLERANCE
        Tolerance on the sum of ``shares``; pass e.g. 0.005 for rounded published shares.

    Returns
    -------
    Series or DataFrame
        Shares in the ``target`` convention (``product_taxes`` last for gso4).

    Raises
    ------
    ValueError
        On an unknown convention, sector keys that do not fit ``source``, shares that are
        negative or do not sum to 1, or a missing or impossible ``product_tax_share``.

    Notes
    -----
    With tax share t: taxes_in_services has services + t; gva_only divides each sector
    share by (1 − t). Bắc Giang 2022 gso4 62.3 / 20.7 / 14.9 / 2.1 → taxes_in_services
    62.3 / 22.8 / 14.9, → gva_only 63.64 / 21.14 / 15.22.

    References
    ----------
    Methodology reference, section 1; 2022 shares: CafeF, 16/01/2023, citing GSO.
    """
    for name, value in (("source", source), ("target", target)):
        if value not in CONVENTIONS:
            raise ValueError(f"{name}: must be one of {list(CONVENTIONS)}, got {value!r}")
    table = _table(shares, "shares")
    _check_convention_keys(table.keys, source, "shares")
    values = check_shares(table.values, "shares", tol, table.keys)
    if source == target:
        return _rebuild(table.keys, values, table.kind, table.index)
    cols = {k: values[:, j] for j, k in enumerate(table.keys)}
    t = _tax_share(product_tax_share, source, cols, tol)
    out = _from_gso4(_to_gso4(cols, source, t), target)
    keys = [k for k in table.keys if k in out] + [k for k in out if k not in table.keys]
    stacked = np.column_stack(np.broadcast_arrays(*(out[k] for k in keys)))
    kind = "draws" if table.kind == "scalar" and stacked.shape[0] > 1 else table.kind
    return _rebuild(keys, stacked, kind, table.index)
