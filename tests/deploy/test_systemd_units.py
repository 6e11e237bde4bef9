"""deploy/systemd: ordering, restarts, the worker's stop, one control socket per web instance."""
import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest

from confparse import last, read_unit, values
from core.config import Config

ROOT = Path(__file__).resolve().parent.parent.parent
UNITS = ROOT / "deploy" / "systemd"
NAMES = ["mzt-web@.service", "mzt-worker@.service", "mzt-scheduler.service"]
HARDENING = {"ProtectSystem": "strict", "PrivateTmp": "yes", "NoNewPrivileges": "yes",
             "ProtectHome": "yes"}


def unit(name: str) -> dict:
    return read_unit(UNITS / name)


def seconds(span: str) -> float:
    """A systemd time span ("150", "150s", "2min 30s") in seconds."""
    scale = {"": 1, "s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600}
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", span)
    assert parts and "".join(n + u for n, u in parts) == span.replace(" ", ""), span
    return sum(float(n) * scale[u] for n, u in parts)


def test_every_unit_is_listed():
    assert sorted(p.name for p in UNITS.glob("*.service")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_waits_for_the_network_and_restarts_after_a_pause(name):
    u = unit(name)
    wants = " ".join(values(u, "Unit", "Wants")).split()
    after = " ".join(values(u, "Unit", "After")).split()
    # After= alone orders nothing unless something pulls network-online in.
    assert "network-online.target" in wants and "network-online.target" in after
    assert last(u, "Service", "Restart") == "on-failure"
    assert seconds(last(u, "Service", "RestartSec") or "0") >= 1


@pytest.mark.parametrize("name", NAMES)
def test_reads_the_env_file_and_is_hardened(name):
    u = unit(name)
    workdir = last(u, "Service", "WorkingDirectory")
    assert values(u, "Service", "EnvironmentFile") == [f"{workdir}/.env"]
    for key, expected in HARDENING.items():
        assert last(u, "Service", key) == expected, key
    writable = " ".join(values(u, "Service", "ReadWritePaths")).split()
    # The default SPOOL_DIR (instance/spool) must stay writable under ProtectSystem=strict.
    spool = Path(Config.SPOOL_DIR).resolve().relative_to(ROOT)
    assert any(spool.is_relative_to(Path(w).relative_to(workdir)) for w in writable), writable


def test_worker_stop_lets_the_running_job_finish():
    u = unit("mzt-worker@.service")
    # Only the worker gets SIGTERM (RQ's warm shutdown); the default control-group
    # mode would kill the work-horse mid-send.
    assert last(u, "Service", "KillMode") == "mixed"
    assert seconds(last(u, "Service", "TimeoutStopSec") or "0") >= Config.JOB_TIMEOUT


def _gunicorn_settings(instance: str, monkeypatch) -> dict:
    """Load deploy/gunicorn.conf.py with the environment the web unit gives an instance."""
    u = unit("mzt-web@.service")
    for line in values(u, "Service", "Environment"):
        key, _, value = line.replace("%i", instance).partition("=")
        monkeypatch.setenv(key, value)
    for key in ("GUNICORN_CONTROL_SOCKET", "GUNICORN_PIDFILE"):
        if not any(line.startswith(key + "=") for line in values(u, "Service", "Environment")):
            monkeypatch.delenv(key, raising=False)
    from gunicorn.config import Config as GunicornConfig

    cfg = GunicornConfig()
    for key, value in runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py")).items():
        if key in cfg.settings:
            cfg.set(key, value)
    return {"bind": cfg.bind, "control_socket": cfg.control_socket, "pidfile": cfg.pidfile,
            "runtime": [d.replace("%i", instance)
                        for d in values(u, "Service", "RuntimeDirectory")]}


def test_each_web_instance_has_its_own_control_socket_and_pid_file(monkeypatch):
    one, two = (_gunicorn_settings(i, monkeypatch) for i in ("8000", "8001"))
    assert one["bind"] == ["127.0.0.1:8000"] and two["bind"] == ["127.0.0.1:8001"]
    assert one["control_socket"] != two["control_socket"]
    assert one["pidfile"] and one["pidfile"] != two["pidfile"]
    for settings in (one, two):
        # In the instance's own RuntimeDirectory, which systemd creates and removes.
        (runtime,) = settings["runtime"]
        for path in (settings["control_socket"], settings["pidfile"]):
            assert Path(path).parent == Path("/run") / runtime


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_accepts_every_key(tmp_path):
    """`systemd-analyze verify` on the units, with /srv/minzhengtong pointing here."""
    (tmp_path / "instance").mkdir()
    (tmp_path / ".env").write_text("")
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    paths = []
    for name in NAMES:
        text = (UNITS / name).read_text(encoding="utf-8").replace("/srv/minzhengtong", str(tmp_path))
        target = tmp_path / name.replace("@.", "@1.")
        target.write_text(re.sub(r"(?m)^(User|Group)=.*$", r"\1=root", text))
        paths.append(str(target))
    result = subprocess.run(["systemd-analyze", "verify", *paths], capture_output=True,
                            text=True, timeout=60)
    complaints = [line for line in (result.stdout + result.stderr).splitlines()
                  if str(tmp_path) in line]
    assert complaints == []
