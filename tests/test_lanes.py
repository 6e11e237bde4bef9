"""`python3 manage.py test` in lanes: every module in one lane, balanced, and a failing lane fails the run."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def manage():
    spec = importlib.util.spec_from_file_location("manage_lanes", ROOT / "manage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_module_runs_in_exactly_one_lane_and_the_lanes_are_balanced(manage):
    modules = manage.test_modules()
    assert "tests/test_lanes.py" in modules and "tests/conftest.py" not in modules
    seconds = json.loads(manage.LANES_FILE.read_text(encoding="utf-8"))
    lanes = manage.split_lanes(modules, seconds, 2)
    assert sorted(m for lane in lanes for m in lane) == modules
    loads = [sum(seconds.get(m, 0.0) for m in lane) for lane in lanes]
    assert max(loads) - min(loads) <= max(seconds.values())
    # The modules sharing one Chromium stay together.
    browser = [i for i, lane in enumerate(lanes) for m in lane if manage.GROUPS["browser"](m)]
    assert browser and len(set(browser)) == 1
    # So do those sharing the model trained on the development sets (trained once per lane).
    calibrated = [i for i, lane in enumerate(lanes) for m in lane if manage.GROUPS["calibrated"](m)]
    assert len(calibrated) == len(manage.CALIBRATED) and len(set(calibrated)) == 1


def test_every_module_using_the_trained_model_is_in_its_group(manage):
    import re

    uses = re.compile(r"def \w+\([^)]*\bcalibrated\b", re.S)
    users = {m for m in manage.test_modules() if uses.search((ROOT / m).read_text(encoding="utf-8"))}
    assert users == set(manage.CALIBRATED)


def test_a_module_not_measured_yet_counts_as_the_median(manage):
    seconds = {"a.py": 10.0, "b.py": 1.0, "c.py": 2.0, "d.py": 3.0}
    lanes = manage.split_lanes(["a.py", "b.py", "c.py", "d.py", "new.py"], seconds, 2)
    assert lanes == [["a.py"], ["b.py", "c.py", "d.py", "new.py"]]


# Stands in for pytest: prints a lane's summary and fails in the lane named by FAIL_LANE.
FAKE_PYTEST = """
import os, sys
lane = os.environ["MZT_TEST_LANE"]
modules = [a for a in sys.argv[1:] if a.endswith(".py")]
print(f"========== {len(modules)} passed in 0.01s ==========")
sys.exit(3 if os.environ.get("FAIL_LANE") == lane else 0)
"""


@pytest.mark.parametrize("fail_lane, code", [(None, 0), ("1", 3), ("2", 3)])
def test_the_run_fails_when_any_lane_fails_and_shows_every_lane(manage, monkeypatch, capsys, tmp_path,
                                                                fail_lane, code):
    import tempfile

    monkeypatch.setattr(tempfile, "mkdtemp", lambda prefix: str(tmp_path / "lanes"))
    monkeypatch.setattr(manage, "test_modules", lambda: ["tests/x.py", "tests/y.py", "tests/z.py"])
    env = {"PATH": "/usr/bin:/bin", **({"FAIL_LANE": fail_lane} if fail_lane else {})}
    assert manage.run_lanes([sys.executable, "-c", FAKE_PYTEST], env, 2) == code
    out = capsys.readouterr().out
    assert out.count("passed in 0.01s") == 4  # each lane's own output, then the roll-up
    roll_up = out[out.index("==== 2 test lanes ===="):].splitlines()
    verdicts = {"1": roll_up[1], "2": roll_up[2]}
    for lane, line in verdicts.items():
        assert line.startswith(f"lane {lane}/2: ")
        assert ("FAILED (exit 3)" in line) == (lane == fail_lane)


def test_each_lane_after_the_first_gets_a_database_of_its_own_on_postgresql(manage):
    assert manage.lane_database("postgresql://u@h:5432/test", 1) == "postgresql://u@h:5432/test"
    with pytest.raises(RuntimeError):
        manage.lane_database("sqlite:///x.db", 2)
