"""Open311 GeoReport v2 conformance: XML, errors under the whole prefix, filters, paging."""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from core.audit import utcnow
from core.extensions import db
from open311_helpers import KEY, KEYS, filed, post, xml

BASE = "/open311/v2"


@pytest.fixture
def api(kit, app, client):
    app.config["OPEN311_API_KEYS"] = KEYS
    app.config["OPEN311_JURISDICTION"] = "mzt.example.gov.cn"
    return client


def test_every_endpoint_speaks_the_specs_xml(api):
    discovery = xml(api.get(f"{BASE}/discovery.xml"))
    assert discovery.tag == "discovery"
    assert [f.text for f in discovery.iter("format")] == ["text/xml", "application/json"]
    services = xml(api.get(f"{BASE}/services.xml"))
    assert services.tag == "services" and services[0].tag == "service"
    assert services.find("service/service_code").text == "meal"
    assert services.find("service/metadata").text == "true"
    definition = xml(api.get(f"{BASE}/services/cleaning.xml"))
    assert definition.tag == "service_definition"
    assert definition.find("attributes/attribute/code").text == "preferred_time"
    created = xml(post(api, "xml", service_code="meal", address_string="光明社区5号楼302"))
    assert created.tag == "service_requests" and created[0].tag == "request"
    number, token = created.findtext("request/service_request_id"), created.findtext(
        "request/token")
    listed = xml(api.get(f"{BASE}/requests.xml?api_key={KEY}"))
    assert [r.findtext("service_request_id") for r in listed.iter("request")] == [number]
    one = xml(api.get(f"{BASE}/requests/{number}.xml?api_key={KEY}"))
    assert one.findtext("request/status") == "open"
    assert one.findtext("request/address") == "光明社区5号楼302"
    assert xml(api.get(f"{BASE}/tokens/{token}.xml?api_key={KEY}")).findtext(
        "request/service_request_id") == number


@pytest.mark.parametrize("method,path,status", [
    ("get", "/nope.json", 404), ("get", "/services.html", 404), ("get", "/", 404),
    ("get", "/services/meal/extra.json", 404), ("delete", "/requests.json", 405),
    ("put", "/services.json", 405), ("post", "/discovery.json", 405),
])
def test_whole_prefix_answers_errors_in_the_specs_json(api, method, path, status):
    response = getattr(api, method)(BASE + path)
    assert response.status_code == status and response.is_json
    body = response.get_json()
    assert body[0]["code"] == status and body[0]["description"], body
    if status == 405:
        assert "GET" in response.headers["Allow"]


def test_errors_follow_the_xml_suffix(api):
    response = api.get(f"{BASE}/nope.xml")
    root = xml(response)
    assert response.status_code == 404 and root.tag == "errors"
    assert root.findtext("error/code") == "404" and root.findtext("error/description")
    refused = xml(api.get(f"{BASE}/requests.xml?api_key=wrong"))
    assert refused.findtext("error/code") == "403"
    assert xml(api.delete(f"{BASE}/requests.xml")).findtext("error/code") == "405"


def test_status_takes_a_comma_list(api, kit):
    opened = filed(api)
    closed = filed(api)
    kit.do(closed, "reject", "staff", reason="信息不全")
    db.session.commit()

    def numbers(status):
        response = api.get(f"{BASE}/requests.json?api_key={KEY}&status={status}")
        assert response.status_code == 200, response.get_json()
        return {r["service_request_id"] for r in response.get_json()}

    assert numbers("open,closed") == numbers("closed, open") == {opened.number, closed.number}
    assert numbers("open") == {opened.number} and numbers("closed") == {closed.number}
    assert api.get(f"{BASE}/requests.json?api_key={KEY}&status=open,done").status_code == 400


def test_service_request_ids_take_a_comma_list_and_override_filters(api):
    orders = [filed(api) for _ in range(3)]
    ids = f"{orders[0].number}, {orders[2].number}"
    listed = api.get(f"{BASE}/requests.json?api_key={KEY}&service_request_id={ids}"
                     "&status=closed&service_code=repair").get_json()
    assert {r["service_request_id"] for r in listed} == {orders[0].number, orders[2].number}


def test_jurisdiction_id_the_configured_one_or_404(api):
    assert api.get(f"{BASE}/services.json?jurisdiction_id=mzt.example.gov.cn").status_code == 200
    for path in ("/services.json", "/services/meal.json", f"/requests.json?api_key={KEY}"):
        sep = "&" if "?" in path else "?"
        response = api.get(f"{BASE}{path}{sep}jurisdiction_id=other.city")
        assert response.status_code == 404 and response.get_json()[0]["code"] == 404
    created = post(api, service_code="meal", address_string="x路1号", jurisdiction_id="other")
    assert created.status_code == 404


def test_dates_default_to_the_last_90_days_and_span_at_most_90(api):
    recent, old = filed(api), filed(api)
    old.created_at = utcnow() - timedelta(days=120)
    db.session.commit()

    def numbers(query):
        response = api.get(f"{BASE}/requests.json?api_key={KEY}{query}")
        assert response.status_code == 200, response.get_json()
        return {r["service_request_id"] for r in response.get_json()}

    assert numbers("") == {recent.number}
    then = (utcnow() - timedelta(days=121)).strftime("%Y-%m-%dT%H:%M:%SZ")
    until = (utcnow() - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    assert numbers(f"&start_date={then}&end_date={until.replace('+', '%2B')}") == {old.number}
    assert numbers(f"&start_date={then}") == {recent.number, old.number}
    for query in ("&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
                  "&start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z",
                  "&start_date=yesterday"):
        response = api.get(f"{BASE}/requests.json?api_key={KEY}{query}")
        assert response.status_code == 400 and response.get_json()[0]["description"]


def test_requests_are_paged(api):
    numbers = [filed(api).number for _ in range(5)]
    first = api.get(f"{BASE}/requests.json?api_key={KEY}&page_size=2")
    assert [r["service_request_id"] for r in first.get_json()] == numbers[::-1][:2]
    following = first.headers["Link"]
    assert 'rel="next"' in following and "page=2" in following and KEY not in following
    third = api.get(f"{BASE}/requests.json?api_key={KEY}&page_size=2&page=3").get_json()
    assert [r["service_request_id"] for r in third] == numbers[:1]
    last = api.get(f"{BASE}/requests.json?api_key={KEY}&page_size=2&page=3")
    assert "Link" not in last.headers
    for query in ("page=0", "page=x", "page_size=1001", "page_size=-1", "page=٣"):
        response = api.get(f"{BASE}/requests.json?api_key={KEY}&{query}")
        assert response.status_code == 400, query


def test_absolute_urls_keep_the_port(api):
    body = api.get(f"{BASE}/discovery.json", base_url="http://mzt.example:8443").get_json()
    assert body["endpoints"][0]["url"] == "http://mzt.example:8443/open311/v2/"


def test_absolute_urls_keep_the_port_behind_the_sample_nginx(app, api):
    """The headers deploy/nginx.conf sets, for a client that asked for host:8443."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    variables = {"$host": "mzt.example.gov.cn", "$http_host": "mzt.example.gov.cn:8443",
                 "$scheme": "https", "$proxy_add_x_forwarded_for": "10.0.0.9",
                 "$remote_addr": "10.0.0.9"}
    conf = (Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf").read_text()
    sent = dict(re.findall(r"^\s*proxy_set_header\s+(\S+)\s+(\$\w+);", conf, re.MULTILINE))
    headers = {name: variables[value] for name, value in sent.items()}
    plain = app.wsgi_app
    app.wsgi_app = ProxyFix(plain, x_for=1, x_proto=1, x_host=1)
    try:
        body = api.get(f"{BASE}/discovery.json", headers=headers).get_json()
    finally:
        app.wsgi_app = plain
    assert body["endpoints"][0]["url"] == "https://mzt.example.gov.cn:8443/open311/v2/"
