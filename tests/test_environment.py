"""environment.yml, pyproject.toml and requirements.lock name the same packages and versions."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject_packages() -> set[str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = meta["dependencies"] + meta["optional-dependencies"]["dev"]
    return {_norm(re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0]) for r in reqs}


def _conda_packages() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and dep not in ("pip",) and not dep.startswith("python="):
            name, _, version = dep.partition("=")
            out[_norm(name)] = version
    return out


def _locked() -> dict[str, str]:
    out = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            out[_norm(name)] = version.strip()
    return out


def test_environment_yml_lists_exactly_the_pyproject_packages():
    assert set(_conda_packages()) == _pyproject_packages()


def test_environment_yml_pins_the_locked_versions():
    locked = _locked()
    assert {n: v for n, v in _conda_packages().items()} == {n: locked[n] for n in _conda_packages()}


def test_lock_covers_every_declared_package():
    assert _pyproject_packages() <= set(_locked())


def test_environment_installs_the_project_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section


def _requirements_of(name: str) -> list[str]:
    """The packages ``name`` needs here (its installed metadata, markers evaluated)."""
    from importlib import metadata

    from packaging.requirements import Requirement

    needed = []
    for text in metadata.distribution(name).requires or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            needed.append(_norm(requirement.name))
    return needed


def test_lock_holds_every_dependency_of_what_it_locks():
    """``make setup`` installs the lock, then the project with ``--no-deps``: every package a
    locked package needs must be locked too (read from the metadata of the environment the
    tests run in, which is installed from the lock)."""
    from importlib import metadata

    locked = _locked()
    missing, differing = [], []
    for name, version in locked.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            missing.append(f"{name} (locked, not installed)")
            continue
        if installed != version:
            differing.append(f"{name}: locked {version}, installed {installed}")
        missing += [
            f"{dep} (needed by {name})" for dep in _requirements_of(name) if dep not in locked
        ]
    assert not missing, missing
    assert not differing, differing
    assert {"ipywidgets", "voila", "playwright"} <= set(locked)


def test_the_notebook_tooling_imports_no_grammar_compiler():
    """papermill and nbconvert load nbformat, which loads jsonschema's format checks: from
    jsonschema 4.24 these import rfc3987-syntax, which compiles 39 lark grammars at import
    (2-3 s in every runner, worker and command-line process). The lock keeps jsonschema below
    4.24 and neither package installed (pyproject.toml says why)."""
    import subprocess
    import sys

    code = (
        "import papermill, nbconvert, sys; "
        "print(sorted({'lark', 'rfc3987_syntax'} & set(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
    locked = _locked()
    assert "lark" not in locked and "rfc3987-syntax" not in locked
    assert tuple(int(p) for p in locked["jsonschema"].split(".")[:2]) < (4, 24)
