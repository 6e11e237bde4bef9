"""deploy/nginx.conf: no per-IP limit on WeChat, HSTS, logs without query strings, proxy hop."""
from pathlib import Path

import pytest

from confparse import Directive, read_nginx

ROOT = Path(__file__).resolve().parent.parent.parent
CONF = read_nginx(ROOT / "deploy" / "nginx.conf")
# Variables that carry the query string (signature, nonce, openid, api_key) or a referrer.
LEAKY = ("$request ", "$request\"", "$request_uri", "$args", "$query_string", "$arg_",
         "$http_referer", "$is_args")


def servers() -> list[Directive]:
    """The server blocks (not the upstream's `server` lines)."""
    return [d for d in CONF.children if d.name == "server"]


def tls_server() -> Directive:
    (server,) = [s for s in servers() if any("ssl" in d.args for d in s.find("listen"))]
    return server


def test_wechat_has_its_own_location_without_a_rate_limit():
    server = tls_server()
    wechat = server.location("=", "/wechat")
    assert wechat.find("limit_req") == [], "WeChat posts a whole city from a few IPs"
    assert wechat.find("proxy_pass"), "/wechat must reach the app"
    # A server-level limit_req would be inherited by /wechat.
    assert [d for d in server.children if d.name == "limit_req"] == []


def test_admin_login_keeps_a_limit():
    login = tls_server().location("=", "/admin/login")
    zones = [arg.split("=", 1)[1] for d in login.find("limit_req") for arg in d.args
             if arg.startswith("zone=")]
    assert "mzt_login" in zones
    (zone,) = [d for d in CONF.find("limit_req_zone") if "zone=mzt_login:10m" in d.args]
    # Keyed on POSTs only, so loading the sign-in page never counts.
    key = zone.args[0]
    (mapping,) = [m for m in CONF.find("map") if m.args[1] == key]
    assert {(d.name, tuple(d.args)) for d in mapping.children} == {
        ("POST", ("$binary_remote_addr",)), ("default", ("",))}


def test_hsts_on_every_tls_response():
    server = tls_server()
    (hsts,) = [d for d in server.children if d.name == "add_header"
               and d.args[0].lower() == "strict-transport-security"]
    max_age = int(hsts.args[1].split("max-age=")[1].split(";")[0])
    assert max_age >= 180 * 86400 and hsts.args[-1] == "always"
    # nginx drops inherited add_header lines in a block that has its own.
    assert all(not loc.find("add_header") for loc in server.find("location"))


def test_plain_http_only_redirects():
    (plain,) = [s for s in servers() if s is not tls_server()]
    assert [d.args for d in plain.find("return")] == [["301", "https://$host$request_uri"]]
    assert not plain.find("proxy_pass")


@pytest.mark.parametrize("index", [0, 1])
def test_access_logs_never_write_query_strings(index):
    server = servers()[index]
    formats = {d.args[0]: " ".join(d.args[1:]) for d in CONF.find("log_format")}
    logs = server.find("access_log")
    # Without its own access_log a server inherits Debian's "combined" ($request).
    assert logs, "each server names its access log and format"
    for log in logs:
        assert log.args[0] == "off" or len(log.args) >= 2, "default format logs $request"
        if log.args[0] == "off":
            continue
        text = formats[log.args[1]] + " "
        assert "$uri" in text
        assert not [v for v in LEAKY if v in text], text


def test_every_proxied_location_sends_one_forwarded_hop():
    server = tls_server()
    for location in server.find("location"):
        if not location.find("proxy_pass"):
            continue
        own = {d.args[0]: d.args[1] for d in location.find("proxy_set_header")}
        inherited = {d.args[0]: d.args[1] for d in server.children if d.name == "proxy_set_header"}
        headers = own or inherited  # nginx: a block's own proxy_set_header replaces all inherited
        assert headers.get("X-Forwarded-For") == "$proxy_add_x_forwarded_for", location.args
        assert headers.get("X-Forwarded-Proto") == "$scheme", location.args
        # $http_host keeps the port the client used, which Open311's absolute URLs need.
        assert headers.get("X-Forwarded-Host") == "$http_host", location.args
        assert headers.get("Host") == "$http_host", location.args


def test_proxy_count_one_trusts_only_the_address_nginx_appended(backend):
    """nginx's $proxy_add_x_forwarded_for appends the peer; a client's own value comes first."""
    from admin.security import client_ip
    from core import create_app

    config = {k: v for k, v in backend.items() if k != "name"}
    app = create_app(dict(config, PROXY_COUNT=1))
    app.add_url_rule("/_client_ip", "client_ip_probe", lambda: client_ip())
    response = app.test_client().get("/_client_ip", headers={
        "X-Forwarded-For": "198.51.100.66, 203.0.113.9", "X-Forwarded-Proto": "https"})
    assert response.get_data(as_text=True) == "203.0.113.9"
