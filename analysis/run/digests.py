"""SHA-256 digests of files, folders and plain data, for the manifest and for reusing work.

Standard library only, so that every part of the runner (the worker processes included) can
use them without loading anything else.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SKIPPED_NAMES = frozenset({"__pycache__", ".ipynb_checkpoints", ".DS_Store"})
"""Files and folders left out of a folder's digest (caches and editor droppings)."""

SKIPPED_SUFFIXES = (".pyc", ".pyo")
"""File suffixes left out of a folder's digest."""


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_of_data(data: Any) -> str:
    """The SHA-256 of plain data (dicts, lists, strings, numbers), written as canonical JSON."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def folder_files(folder: Path) -> list[Path]:
    """The files below ``folder`` that count for its digest, in a fixed order."""
    found = []
    for path in sorted(Path(folder).rglob("*")):
        relative = path.relative_to(folder).parts
        if SKIPPED_NAMES & set(relative) or path.suffix in SKIPPED_SUFFIXES:
            continue
        if path.is_file():
            found.append(path)
    return found


def sha256_of_folder(folder: Path) -> str:
    """The SHA-256 of every file below ``folder`` (its path inside the folder and its bytes),
    without caches (:data:`SKIPPED_NAMES`, :data:`SKIPPED_SUFFIXES`); of nothing when it does
    not exist."""
    folder = Path(folder)
    return sha256_of_data(
        {p.relative_to(folder).as_posix(): sha256_of(p) for p in folder_files(folder)}
        if folder.is_dir()
        else {}
    )


def sha256_of_files(files: Iterable[Path], root: Path) -> dict[str, str]:
    """``{path relative to root (or absolute outside it): SHA-256}`` of ``files``."""
    out = {}
    for path in files:
        resolved = Path(path).resolve()
        try:
            name = resolved.relative_to(root).as_posix()
        except ValueError:
            name = resolved.as_posix()
        out[name] = sha256_of(resolved)
    return dict(sorted(out.items()))
