"""deploy/gunicorn.conf.py: the access log writes paths, never query strings."""
import datetime
import runpy
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

ROOT = Path(__file__).resolve().parent.parent.parent
SECRETS = ("signature=", "0123456789abcdef0123456789abcdef01234567", "openid=",
           "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "api_key=", "K3y-0f-4n-0pen311-c1ient", "nonce=")


def load(monkeypatch, accesslog: Path) -> Config:
    """The settings gunicorn takes from deploy/gunicorn.conf.py."""
    monkeypatch.setenv("GUNICORN_ACCESSLOG", str(accesslog))
    cfg = Config()
    for key, value in runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py")).items():
        if key in cfg.settings:
            cfg.set(key, value)
    return cfg


def log_request(cfg: Config, path: str, query: str, referer: str) -> None:
    logger = Logger(cfg)
    environ = {"REQUEST_METHOD": "POST", "RAW_URI": f"{path}?{query}", "PATH_INFO": path,
               "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": referer, "HTTP_USER_AGENT": "Mozilla/4.0"}
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", "203.0.113.7"), ("REFERER", referer)])
    response = SimpleNamespace(status="200 OK", headers=[("Content-Type", "text/xml")], sent=42)
    logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.flush()
        handler.close()


def test_access_log_has_the_path_and_no_query_string(tmp_path, monkeypatch):
    log = tmp_path / "access.log"
    cfg = load(monkeypatch, log)
    wechat = ("signature=0123456789abcdef0123456789abcdef01234567&timestamp=1764590000"
              "&nonce=1320562132&openid=oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
    log_request(cfg, "/wechat", wechat, "-")
    log_request(cfg, "/open311/v2/requests.json", "api_key=K3y-0f-4n-0pen311-c1ient",
                "https://mzt.example.gov.cn/admin/?api_key=K3y-0f-4n-0pen311-c1ient")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert '"POST /wechat HTTP/1.1" 200 42' in lines[0]
    assert "/open311/v2/requests.json" in lines[1] and "203.0.113.7" in lines[1]
    assert [s for s in SECRETS if s in "\n".join(lines)] == []
    assert "?" not in "\n".join(lines)
