#!/usr/bin/env python3
"""Set up .venv/ and run the bot or the tests: `python3 manage.py run|test|lanes|lint|chat|lock`.

Standard library only, so it works on a fresh machine with just Python 3.11+.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
# Packages an earlier lock had -> the locked one with the same module name (both are
# `opencc`): never both. Both go, then the lock puts its own back whole.
REPLACED = {"opencc-python-reimplemented": "opencc"}


def ensure_venv(lock: str) -> None:
    """Create .venv/ and install the locked requirements (hash-checked) when they changed."""
    if not (BIN / "python").exists():
        print("创建虚拟环境 .venv/ …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / lock).read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{lock}-{digest}"
    if stamp.exists():
        return
    print(f"安装依赖（{lock}）…", flush=True)
    python = [str(BIN / "python"), "-m", "pip"]
    for old, new in REPLACED.items():
        if subprocess.run(python + ["show", "-q", old], capture_output=True).returncode == 0:
            subprocess.run(python + ["uninstall", "-y", "-q", old, new], check=True)
    pip = python + ["install", "--disable-pip-version-check", "-q"]
    # Every package, dependencies included, must match a hash in the lock file.
    subprocess.run(pip + ["--require-hashes", "-r", str(ROOT / lock)], check=True)
    stamp.touch()


def lock(args: list[str]) -> int:
    """Regenerate requirements*.lock from requirements*.txt with pip-tools, in a throwaway venv."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        venv.EnvBuilder(with_pip=True).create(tmp)
        tool = Path(tmp) / BIN.name
        # Hashes of what PyPI serves: no local mirror or wheel folder from pip's config.
        env = {k: v for k, v in os.environ.items()
               if k not in ("PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL")}
        env.update(CUSTOM_COMPILE_COMMAND="python3 manage.py lock", PIP_CONFIG_FILE=os.devnull)
        subprocess.run([str(tool / "python"), "-m", "pip", "install", "-q", "pip-tools==7.6.2"],
                       env=env, check=True)
        for name in ("requirements", "requirements-dev"):
            subprocess.run([str(tool / "pip-compile"), "-q", "--generate-hashes", "--no-strip-extras",
                            "--no-emit-index-url", "--no-emit-find-links", *args,
                            "--output-file", f"{name}.lock", f"{name}.txt"],
                           cwd=ROOT, env=env, check=True)
    return 0


def load_env_file() -> None:
    """Add .env's variables (parsed by python-dotenv in .venv) to those not already set.

    The flask and gunicorn processes read .env themselves (wsgi.py); this is for
    what manage.py reads itself (PORT). `test` never reads .env: tests are hermetic.
    """
    path = os.environ.get("MZT_ENV_FILE", str(ROOT / ".env"))
    if not path or not Path(path).is_file():
        return
    code = "import json, sys, dotenv; print(json.dumps(dotenv.dotenv_values(sys.argv[1])))"
    out = subprocess.run([str(BIN / "python"), "-c", code, path], check=True,
                         capture_output=True, text=True).stdout
    for key, value in json.loads(out).items():
        os.environ.setdefault(key, value or "")


def flask(*args: str) -> None:
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, check=True)


def run(args: list[str]) -> int:
    ensure_venv("requirements.lock")
    load_env_file()
    flask("db", "upgrade")
    flask("seed")
    # The learned reading beside the rules (intents/model.py); without it the rules answer alone.
    flask("nlu", "train")
    port = os.environ.get("PORT", "5000")
    print(f"\n民政通已启动：\n  聊天模拟器  http://127.0.0.1:{port}/simulator\n"
          f"  管理后台    http://127.0.0.1:{port}/admin/  （演示账号见 README）\n"
          f"  微信接口    http://127.0.0.1:{port}/wechat\n按 Ctrl+C 停止。\n", flush=True)
    return subprocess.call([str(BIN / "flask"), "--app", "wsgi", "run", "--port", port, *args],
                           cwd=ROOT)


# `python3 manage.py test` with no arguments runs the suite in lanes: one pytest process
# per lane (two on a machine with two cores or more), each given whole test modules so that
# the lanes' measured durations (tests/lanes.json) are about equal. Each lane has its own
# pytest temporary directory (so its own SQLite files), its own Redis key prefixes and
# queue (tests/conftest.py reads MZT_TEST_LANE), its own pytest cache and, on PostgreSQL,
# its own database (TEST_DATABASE_URL's name + "_lane<N>", created if missing).
# With arguments, or MZT_TEST_LANES=1, it is one plain pytest run.
LANES_FILE = ROOT / "tests" / "lanes.json"
# Each lane's durations, as pytest reports them (JUnit XML), for `python3 manage.py lanes`.
LANE_REPORT = ".pytest_cache/lane{}/durations.xml"
# Modules that share a costly session fixture stay in one lane: one headless Chromium, and
# the model tests/intents/conftest.py trains on the development sets (`calibrated`).
CALIBRATED = ("tests/intents/test_calibration.py", "tests/intents/test_categories.py")
GROUPS = {"browser": lambda path: path.startswith("tests/browser/") or path.endswith("_browser.py"),
          "calibrated": lambda path: path in CALIBRATED}
LANE_DATABASE = r"""
import sys
import sqlalchemy as sa

url = sa.make_url(sys.argv[1])
name = f"{url.database}_lane{sys.argv[2]}"
server = url.set(drivername="postgresql+psycopg", database="postgres")
engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
with engine.connect() as conn:
    if conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) is None:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
engine.dispose()
print(url.set(database=name).render_as_string(hide_password=False))
"""


def test_modules() -> list[str]:
    """The modules pytest collects from testpaths (tests/), relative to ROOT, sorted."""
    found = []
    for path in (ROOT / "tests").rglob("test_*.py"):
        rel = path.relative_to(ROOT)
        if not any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            found.append(rel.as_posix())
    return sorted(found)


def split_lanes(modules: list[str], seconds: dict[str, float], count: int) -> list[list[str]]:
    """Whole modules (a group's modules together) to `count` lanes, longest first to the
    lane with least so far; a module not yet measured counts as the median one."""
    units: dict[str, list[str]] = {}
    for module in modules:
        group = next((name for name, member in GROUPS.items() if member(module)), module)
        units.setdefault(group, []).append(module)
    known = sorted(seconds[m] for m in modules if m in seconds)
    default = known[len(known) // 2] if known else 1.0
    cost = {unit: sum(seconds.get(m, default) for m in members) for unit, members in units.items()}
    loads = [0.0] * count
    lanes: list[list[str]] = [[] for _ in range(count)]
    for unit in sorted(units, key=lambda u: (-cost[u], u)):
        lane = loads.index(min(loads))
        loads[lane] += cost[unit]
        lanes[lane].extend(units[unit])
    return [sorted(lane) for lane in lanes]


def lane_database(url: str, lane: int) -> str:
    """TEST_DATABASE_URL for a lane: lane 1 keeps it, lane N its own database beside it."""
    if lane == 1:
        return url
    if not url.startswith("postgres"):
        raise RuntimeError(f"cannot derive a database per lane from {url.split(':')[0]}: URLs")
    result = subprocess.run([str(BIN / "python"), "-c", LANE_DATABASE, url, str(lane)],
                            capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError((result.stderr.strip().splitlines() or ["failed"])[-1])
    return result.stdout.strip()


def lane_count(env: dict[str, str]) -> int:
    wanted = env.get("MZT_TEST_LANES", "2")
    return max(1, min(int(wanted) if wanted.isdigit() else 2, os.cpu_count() or 1))


def summary_line(output: str) -> str:
    """pytest's last '=== 10 passed, 2 skipped in 3.1s ===' line, without its rules."""
    lines = [line.strip("= ") for line in output.splitlines() if line.startswith("=") and " in " in line]
    return lines[-1] if lines else "no summary (the lane stopped early)"


def run_lanes(pytest: list[str], env: dict[str, str], count: int) -> int:
    """One pytest process per lane at once; lane 1 shown as it runs, the others after it.

    Exits with the first failing lane's code; the last lines sum the lanes up.
    """
    import shutil
    import tempfile
    import threading

    seconds = json.loads(LANES_FILE.read_text(encoding="utf-8")) if LANES_FILE.exists() else {}
    lanes = [lane for lane in split_lanes(test_modules(), seconds, count) if lane]
    envs = []
    try:
        for number in range(1, len(lanes) + 1):
            lane_env = dict(env, MZT_TEST_LANE=str(number))
            if env.get("TEST_DATABASE_URL"):
                lane_env["TEST_DATABASE_URL"] = lane_database(env["TEST_DATABASE_URL"], number)
            envs.append(lane_env)
    except (RuntimeError, OSError, ValueError) as exc:
        print(f"no database of its own for each test lane ({exc}): running the tests in one lane",
              flush=True)
        return subprocess.call(pytest, cwd=ROOT, env=env)
    total, scratch = len(lanes), Path(tempfile.mkdtemp(prefix="mzt-lanes-"))
    outputs: list[list[str]] = [[] for _ in lanes]
    procs, readers = [], []
    print(f"==== {total} test lanes at once; lane 1 shown as it runs, then the others ====", flush=True)
    for number, (modules, lane_env) in enumerate(zip(lanes, envs, strict=True), start=1):
        command = pytest + ["--basetemp", str(scratch / f"lane{number}"),
                            "-o", f"cache_dir=.pytest_cache/lane{number}",
                            f"--junitxml={LANE_REPORT.format(number)}", *modules]
        proc = subprocess.Popen(command, cwd=ROOT, env=lane_env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
        procs.append(proc)

        def read(proc=proc, kept=outputs[number - 1], live=number == 1) -> None:
            with proc.stdout:
                for line in proc.stdout:
                    kept.append(line)
                    if live:
                        sys.stdout.write(f"[1] {line}")
                        sys.stdout.flush()

        readers.append(threading.Thread(target=read, daemon=True))
        readers[-1].start()
    try:
        codes = [proc.wait() for proc in procs]
    except KeyboardInterrupt:
        for proc in procs:
            proc.terminate()
        raise
    for reader in readers:
        reader.join()
    for number in range(2, total + 1):
        print(f"\n==== lane {number}/{total}: {len(lanes[number - 1])} modules ====")
        sys.stdout.write("".join(f"[{number}] {line}" for line in outputs[number - 1]))
    print(f"\n==== {total} test lanes ====")
    for number, code in enumerate(codes, start=1):
        verdict = "ok" if code == 0 else f"FAILED (exit {code})"
        print(f"lane {number}/{total}: {verdict}: {summary_line(''.join(outputs[number - 1]))}")
    failed = next((code for code in codes if code), 0)
    if failed:
        print(f"a lane failed; its temporary files are kept in {scratch}", flush=True)
    else:
        shutil.rmtree(scratch, ignore_errors=True)
        print("all lanes passed", flush=True)
    return failed


def test(args: list[str]) -> int:
    """The suite in lanes (no arguments), or one pytest run with the arguments given."""
    ensure_venv("requirements-dev.lock")
    # Bytecode is kept (in the gitignored __pycache__/ folders) even where the shell says
    # PYTHONDONTWRITEBYTECODE: else the run and every app process the tests start compile
    # each module again, and pytest rewrites every test module's asserts again.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    pytest = [str(BIN / "python"), "-m", "pytest"]
    count = 1 if args else lane_count(env)
    if count < 2:
        return subprocess.call(pytest + args, cwd=ROOT, env=env)
    return run_lanes(pytest, env, count)


def measure_lanes(args: list[str]) -> int:
    """Measure each test module's duration for the lanes' split (tests/lanes.json).

    `python3 manage.py lanes [report.xml …]`: from pytest JUnit reports (--junitxml), or,
    without any, from the last lanes' reports (when every lane left one), else from a
    serial run of the suite made for it.
    """
    import tempfile
    import xml.etree.ElementTree as ElementTree

    ensure_venv("requirements-dev.lock")
    reports = [Path(a) for a in args]
    if not reports:
        last = sorted(ROOT.glob(LANE_REPORT.format("*")))
        if len(last) == lane_count(dict(os.environ)):
            reports = last
    with tempfile.TemporaryDirectory() as tmp:
        if not reports:
            reports = [Path(tmp) / "suite.xml"]
            code = test([f"--junitxml={reports[0]}"])
            if code:
                return code
        seconds: dict[str, float] = {}
        for report in reports:
            for case in ElementTree.parse(report).iter("testcase"):
                parts = (case.get("classname") or "").split(".")
                module = next((m for m in ("/".join(parts[:k]) + ".py" for k in range(len(parts), 0, -1))
                               if (ROOT / m).is_file()), None)
                if module:
                    seconds[module] = seconds.get(module, 0.0) + float(case.get("time") or 0)
    # Modules the reports do not name keep their last figure; removed modules are dropped.
    kept = json.loads(LANES_FILE.read_text(encoding="utf-8")) if LANES_FILE.exists() else {}
    merged = {m: round(seconds[m] if m in seconds else kept[m], 1)
              for m in test_modules() if m in seconds or m in kept}
    LANES_FILE.write_text(json.dumps(merged, indent=0) + "\n", encoding="utf-8")
    print(f"{LANES_FILE.relative_to(ROOT)}: {len(seconds)} of {len(merged)} modules measured again, "
          f"{sum(merged.values()):.0f} s in all (from {', '.join(str(r) for r in reports)})")
    return 0


def lint(args: list[str]) -> int:
    """ruff and mypy as configured in pyproject.toml (CI runs this before the tests)."""
    ensure_venv("requirements-dev.lock")
    ruff = subprocess.call([str(BIN / "ruff"), "check", *args, "."], cwd=ROOT)
    mypy = subprocess.call([str(BIN / "mypy")], cwd=ROOT)
    return ruff or mypy


def chat(args: list[str]) -> int:
    ensure_venv("requirements.lock")
    load_env_file()
    flask("db", "upgrade")
    flask("seed")
    # The learned reading beside the rules (intents/model.py); without it the rules answer alone.
    flask("nlu", "train")
    return subprocess.call([str(BIN / "flask"), "--app", "wsgi", "chat", *args], cwd=ROOT)


COMMANDS = {"run": run, "test": test, "lanes": measure_lanes, "lint": lint, "chat": chat, "lock": lock}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"用法：python3 manage.py {{{'|'.join(COMMANDS)}}} [参数…]")
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
