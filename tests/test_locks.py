"""requirements*.lock pin every package with hashes and agree with requirements*.txt."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\],]+)==([^\s\\]+)")


def _name(spec: str) -> str:
    return re.sub(r"[-_.]+", "-", spec.split("[")[0]).lower()


def locked(name: str) -> dict[str, str]:
    """Package -> version, asserting each entry carries at least one sha256 hash."""
    pins: dict[str, str] = {}
    entries = re.split(r"\n(?=\S)", (ROOT / name).read_text(encoding="utf-8"))
    for entry in entries:
        match = PIN.match(entry)
        if match:
            assert "--hash=sha256:" in entry, f"{name}: {match.group(1)} has no hash"
            pins[_name(match.group(1))] = match.group(2)
    return pins


def pinned(name: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[_name(match.group(1))] = match.group(2)
    return pins


def test_the_runtime_lock_has_every_pin_of_requirements_txt():
    lock = locked("requirements.lock")
    assert pinned("requirements.txt").items() <= lock.items()
    assert len(lock) > len(pinned("requirements.txt"))  # dependencies are locked too


def test_the_dev_lock_has_every_dev_pin_and_the_same_runtime_versions():
    dev = locked("requirements-dev.lock")
    assert pinned("requirements-dev.txt").items() <= dev.items()
    assert locked("requirements.lock").items() <= dev.items()


def test_manage_py_installs_the_locks_with_require_hashes():
    source = (ROOT / "manage.py").read_text(encoding="utf-8")
    assert '"--require-hashes"' in source
    assert 'ensure_venv("requirements-dev.lock")' in source
    assert 'ensure_venv("requirements.lock")' in source
