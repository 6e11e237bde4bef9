"""The `georeport` client library (PyPI) against the app served live on loopback.

georeport 0.3.1 has no discovery call and sends the api_key with no GET, so it
can read services and service definitions but not requests, which here need
a key (residents' privacy; see README). Discovery and listing with a key are
driven over the same live server with `requests`.
"""
from __future__ import annotations

import threading

import pytest
import requests
from werkzeug.serving import make_server

from open311_helpers import KEY, KEYS

georeport = pytest.importorskip("georeport")

SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type",
                  "keywords", "group"}
ATTRIBUTE_FIELDS = {"variable", "code", "datatype", "required", "datatype_description",
                    "order", "description"}
REQUEST_FIELDS = {"service_request_id", "status", "status_notes", "service_name",
                  "service_code", "description", "agency_responsible", "service_notice",
                  "requested_datetime", "updated_datetime", "expected_datetime", "address",
                  "address_id", "zipcode", "lat", "long", "media_url"}


@pytest.fixture
def live(kit, app):
    """The app on 127.0.0.1 and a free port, in a thread; stopped after the test."""
    app.config["OPEN311_API_KEYS"] = KEYS
    app.config["OPEN311_JURISDICTION"] = "mzt.example.gov.cn"
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def _discovered(live: str) -> str:
    response = requests.get(f"{live}/open311/v2/discovery.json", timeout=10)
    response.raise_for_status()
    endpoint = response.json()["endpoints"][0]
    assert {"text/xml", "application/json"} <= set(endpoint["formats"])
    return endpoint["url"]


def test_discovery_gives_a_root_the_client_can_use(live):
    root = _discovered(live)
    # The absolute URL keeps the live server's port.
    assert root == f"{live}/open311/v2/"
    client = georeport.GeoReport(root, jurisdiction="mzt.example.gov.cn")
    assert "meal" in {s["service_code"] for s in client.get_service_list()}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_services_and_definitions_through_georeport(live, fmt):
    client = georeport.GeoReport(_discovered(live), jurisdiction="mzt.example.gov.cn",
                                 output_format=fmt)
    services = client.get_service_list()
    assert len(services) >= 5 and all(SERVICE_FIELDS <= set(s) for s in services)
    cleaning = next(s for s in services if s["service_code"] == "cleaning")
    assert cleaning["service_name"] == "助洁" and str(cleaning["metadata"]).lower() == "true"
    definition = client.get_service_definition("cleaning")
    assert definition["service_code"] == "cleaning"
    attributes = definition["attributes"]
    if fmt == "xml":  # xmltodict: <attributes><attribute>… is {"attribute": [...]}
        attributes = attributes["attribute"]
    assert [a["code"] for a in attributes] == ["preferred_time", "community"]
    assert all(ATTRIBUTE_FIELDS <= set(a) for a in attributes)
    with pytest.raises(requests.HTTPError) as missing:
        client.get_service_definition("nope")
    assert missing.value.response.status_code == 404


def test_an_unknown_jurisdiction_is_refused(live):
    client = georeport.GeoReport(_discovered(live), jurisdiction="other.city")
    with pytest.raises(requests.HTTPError) as refused:
        client.get_service_list()
    assert refused.value.response.status_code == 404
    assert refused.value.response.json()[0]["code"] == 404


def test_requests_are_listed_with_a_key_and_not_without(live):
    root = _discovered(live)
    created = requests.post(f"{root}requests.json", timeout=10, data={
        "api_key": KEY, "service_code": "meal", "address_string": "光明社区5号楼302",
        "description": "需要送午饭"})
    assert created.status_code == 200, created.text
    number = created.json()[0]["service_request_id"]
    listed = requests.get(f"{root}requests.json", timeout=10,
                          params={"api_key": KEY, "status": "open,closed"})
    assert [r["service_request_id"] for r in listed.json()] == [number]
    assert REQUEST_FIELDS <= set(listed.json()[0])
    # georeport keeps the key but sends it with no GET: listing is refused in the spec's shape.
    client = georeport.GeoReport(root, api_key=KEY)
    with pytest.raises(requests.HTTPError) as refused:
        client.get_service_requests()
    assert refused.value.response.status_code == 403
    assert refused.value.response.json()[0]["code"] == 403
