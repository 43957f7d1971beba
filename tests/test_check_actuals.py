"""``python -m analysis check`` validates the actuals files of the plan pack's ``actuals/`` too."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = "bac-giang-2024"
FIXTURE = ROOT / "tests" / "fixtures" / "actuals" / "illustrative_actuals_2024.csv"
HEADER = "indicator_id,period,value,unit,kind,as_of,source\n"


def _project_copy(tmp_path: Path) -> Path:
    """A copy of the project's inputs (raw data and scenarios) to run the command line on."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw", ignore=_no_actuals)
    shutil.copytree(ROOT / "scenarios", root / "scenarios")
    return root


def _no_actuals(folder: str, names: list[str]) -> list[str]:
    """Leave out the project's own actuals folder: each test writes the one it needs."""
    return ["actuals"] if Path(folder) == ROOT / "data" / "raw" / "plans" / PLAN else []


def _check(root: Path) -> subprocess.CompletedProcess:
    env = {"BACGIANG_PLAN_ROOT": str(root), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "analysis", "check"], capture_output=True, text=True, env=env
    )


def _actuals_dir(root: Path) -> Path:
    folder = root / "data" / "raw" / "plans" / PLAN / "actuals"
    folder.mkdir()
    return folder


def test_a_bad_actuals_file_is_refused_with_file_line_and_rule(tmp_path):
    root = _project_copy(tmp_path)
    bad = _actuals_dir(root) / "results_2024.csv"
    bad.write_text(
        HEADER
        + "poverty_rate,2024,1.6,%,estimate,2024-12-20,Provincial report\n"  # line 2: fine
        + "poverty_rate_typo,2024,1.6,%,estimate,2024-12-20,Provincial report\n"  # line 3
        + 'budget_revenue,2024,"15,200",billion VND,actual,2025-03-15,Finance report\n',  # 4
        encoding="utf-8",
    )
    proc = _check(root)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"{bad}: line 3, column 'indicator_id'" in proc.stderr
    assert "unknown indicator" in proc.stderr
    assert f"{bad}: line 4, column 'value'" in proc.stderr
    assert "no thousands separator" in proc.stderr
    assert not (root / "data" / "processed").exists()


def test_a_unit_other_than_the_targets_is_refused(tmp_path):
    root = _project_copy(tmp_path)
    bad = _actuals_dir(root) / "a.csv"
    # poverty_rate's unit in targets.csv is "%".
    bad.write_text(
        HEADER + "poverty_rate,2024,1.6,persons,estimate,2024-12-20,Report\n", encoding="utf-8"
    )
    proc = _check(root)
    assert proc.returncode == 2
    assert f"{bad}: line 2, column 'unit'" in proc.stderr


def test_good_actuals_files_add_a_summary_line(tmp_path):
    root = _project_copy(tmp_path)
    shutil.copy(FIXTURE, _actuals_dir(root) / "illustrative.csv")
    proc = _check(root)
    assert proc.returncode == 0, proc.stderr
    # The fixture has 27 lines below its header; hospital_beds_per_10k's value is empty
    # ("no data"), so 26 figures are read.
    assert "ok  bac-giang-2024 actuals: 26 figures from 1 CSV file(s)" in proc.stdout


def test_no_actuals_folder_is_no_problem(tmp_path):
    root = _project_copy(tmp_path)
    proc = _check(root)
    assert proc.returncode == 0, proc.stderr
    assert "ok  actuals" not in proc.stdout
    assert "ok  bac-giang-2024 targets: 47 rows" in proc.stdout
