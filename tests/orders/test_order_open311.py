"""Open311 GeoReport v2 over orders."""
from __future__ import annotations

import pytest

KEY = "k-12345"


@pytest.fixture
def api(kit, app, client):
    app.config["OPEN311_API_KEYS"] = f"12345热线:{KEY},other:k-other"
    return client


def post(api, **form):
    return api.post("/open311/v2/requests.json", data={"api_key": KEY, **form})


def test_discovery_and_services(api):
    assert api.get("/open311/v2/discovery.json").get_json()["endpoints"][0]["formats"] == [
        "text/xml", "application/json"]
    services = api.get("/open311/v2/services.json").get_json()
    assert {"service_code": "cleaning", "service_name": "助洁"}.items() <= services[1].items()
    definition = api.get("/open311/v2/services/cleaning.json").get_json()
    assert definition["attributes"][0]["code"] == "preferred_time"
    missing = api.get("/open311/v2/services/nope.json")
    assert missing.status_code == 404 and missing.get_json()[0]["code"] == 404


def test_post_then_follow(api):
    created = post(api, service_code="repair", address_string="新华社区8号楼",
                   description="水管漏水", phone="13900000000",
                   **{"attribute[preferred_time]": "明天"})
    assert created.status_code == 200, created.get_json()
    body = created.get_json()[0]
    number, token = body["service_request_id"], body["token"]
    one = api.get(f"/open311/v2/requests/{number}.json?api_key={KEY}").get_json()[0]
    assert (one["status"], one["service_code"], one["address"]) == ("open", "repair", "新华社区8号楼")
    assert one["requested_datetime"].endswith("+08:00") and one["expected_datetime"]
    assert api.get(f"/open311/v2/tokens/{token}.json?api_key={KEY}").get_json() == [
        {"service_request_id": number, "token": token}]
    listed = api.get(f"/open311/v2/requests.json?api_key={KEY}&status=open").get_json()
    assert [r["service_request_id"] for r in listed] == [number]
    assert api.get(f"/open311/v2/requests.json?api_key={KEY}&status=closed").get_json() == []


def test_other_clients_and_chat_orders_stay_private(api, kit):
    kit.new()  # a resident's chat order
    number = post(api, service_code="meal", lat="31.2", long="121.4").get_json()[0][
        "service_request_id"]
    assert api.get("/open311/v2/requests.json?api_key=k-other").get_json() == []
    assert api.get(f"/open311/v2/requests/{number}.json?api_key=k-other").status_code == 404
    assert len(api.get(f"/open311/v2/requests.json?api_key={KEY}").get_json()) == 1


@pytest.mark.parametrize("form,status", [
    ({"api_key": "wrong", "service_code": "meal", "address_string": "x路1号"}, 403),
    ({"service_code": "nope", "address_string": "x路1号"}, 400),
    ({"service_code": "meal"}, 400),
    ({"service_code": "meal", "lat": "abc", "long": "1"}, 400),
])
def test_errors_in_spec_format(api, form, status):
    response = api.post("/open311/v2/requests.json", data={"api_key": KEY, **form})
    assert response.status_code == status
    assert response.get_json()[0]["code"] == status and response.get_json()[0]["description"]
