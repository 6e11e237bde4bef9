"""deploy/local_prod.py: the README's production layout on loopback, smoke-tested through nginx."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
import local_prod  # noqa: E402  (deploy/ is scripts, not a package)

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
MISSING = [tool for tool in ("nginx", "redis-server", "openssl")
           if shutil.which(tool) is None and not os.access(f"/usr/sbin/{tool}", os.X_OK)]
CHECKS = ["/healthz 200", "plain http → 301", "retry of its MsgId got the same reply",
          "120 signed messages from one address", "forged signature refused 403",
          "/admin/login 200", "worker ran the scheduler's and --once's",
          "access logs without query strings", "no secret in any log"]


def test_render_refuses_a_sample_it_does_not_recognise(tmp_path):
    layout = local_prod.Layout(tmp_path)
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    rendered = local_prod.render_nginx(text, layout, tmp_path / "c.pem", tmp_path / "k.pem")
    assert f"listen 127.0.0.1:{layout.ports['https']} ssl" in rendered
    assert "8000" not in rendered and "/etc/ssl" not in rendered and "/var/log" not in rendered
    with pytest.raises(RuntimeError, match="update render_nginx"):
        local_prod.render_nginx(text.replace("listen 80;", "listen 8080;"), layout,
                                tmp_path / "c.pem", tmp_path / "k.pem")


def _unmet() -> str | None:
    if MISSING:
        return f"not installed: {', '.join(MISSING)} (apt-get install -y nginx redis-server openssl)"
    if not TEST_DATABASE_URL or not TEST_DATABASE_URL.startswith("postgres"):
        return "needs TEST_DATABASE_URL on PostgreSQL (the smoke makes its own database there)"
    return None


@pytest.mark.deploy
def test_production_layout_smoke_through_nginx():
    unmet = _unmet()
    if unmet:
        # CI (.ci/run) sets MZT_SMOKE_REQUIRED: there the smoke must run, not be skipped.
        if os.environ.get("MZT_SMOKE_REQUIRED"):
            pytest.fail(unmet)
        pytest.skip(unmet)
    server = TEST_DATABASE_URL.replace("+psycopg", "").rsplit("/", 1)[0]
    env = dict(os.environ, MZT_SMOKE_POSTGRES=f"{server}/postgres")
    result = subprocess.run([sys.executable, str(ROOT / "deploy" / "local_prod.py"),
                             "--timeout", "180"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    ok_lines = [line for line in result.stdout.splitlines() if line.startswith("ok ")]
    assert [any(check in line for line in ok_lines) for check in CHECKS] == [True] * len(CHECKS), \
        result.stdout
    assert "torn down" in result.stdout
