"""Hostile text through Open311: escaped in JSON and XML, refused where it cannot be stored."""
from __future__ import annotations

import pytest

from core.extensions import db
from open311_helpers import KEY, KEYS, filed, post, xml

BASE = "/open311/v2"
HOSTILE = "</description><script>alert('x')</script>&amp; \"q\" =HYPERLINK(\"http://e\") @SUM"


@pytest.fixture
def api(kit, app, client):
    app.config["OPEN311_API_KEYS"] = KEYS
    return client


def test_hostile_text_comes_back_intact_and_escaped(api, kit):
    order = filed(api, description=HOSTILE, address_string="<b>幸福</b>&路 -1号")
    kit.do(order, "reject", "staff", reason="<img src=x onerror=alert(1)>")
    db.session.commit()
    response = api.get(f"{BASE}/requests/{order.number}.xml?api_key={KEY}")
    raw = response.get_data()
    assert b"<script>" not in raw and b"<img" not in raw and b"&lt;script&gt;" in raw
    request = xml(response).find("request")
    assert request.findtext("description") == HOSTILE
    assert request.findtext("address") == "<b>幸福</b>&路 -1号"
    assert request.findtext("status_notes").endswith("<img src=x onerror=alert(1)>")
    one = api.get(f"{BASE}/requests/{order.number}.json?api_key={KEY}")
    assert one.get_json()[0]["description"] == HOSTILE
    assert one.headers["X-Content-Type-Options"] == "nosniff"


def test_control_characters_stored_still_give_well_formed_xml(api):
    order = filed(api)
    # A chat order or an older row may hold characters XML 1.0 cannot carry at all.
    order.description = "第一行\x01\x0b\x1f\ufffe结束"
    db.session.commit()
    response = api.get(f"{BASE}/requests.xml?api_key={KEY}")
    assert xml(response).findtext("request/description") == "第一行\ufffd\ufffd\ufffd\ufffd结束"
    assert api.get(f"{BASE}/requests.json?api_key={KEY}").get_json()[0][
        "description"] == "第一行\x01\x0b\x1f\ufffe结束"


@pytest.mark.parametrize("path", [
    f"/requests.json?api_key={KEY}&service_request_id=DD%00",
    f"/requests.json?api_key={KEY}&status=open%00",
    f"/requests.json?api_key={KEY}&status=open&status=%00",
    f"/requests.json?api_key={KEY}&service_code=meal%00",
    f"/requests.json?api_key={KEY}&start_date=2026-11-01%00",
    f"/requests/DD20261123-0001%00.json?api_key={KEY}",
    f"/tokens/abc%00.xml?api_key={KEY}",
    "/services.json?jurisdiction_id=%00",
])
def test_nul_in_a_parameter_is_a_400_in_the_specs_shape(api, path):
    response = api.get(BASE + path)
    assert response.status_code == 400
    body = xml(response).findtext("error/code") if path.split("?")[0].endswith(".xml") \
        else response.get_json()[0]["code"]
    assert str(body) == "400"


@pytest.mark.parametrize("field", ["description", "address_string", "phone",
                                   "attribute[preferred_time]", "attribute[community]"])
def test_nul_or_overlong_post_fields_are_refused_and_nothing_is_filed(api, field):
    from orders.models import Order

    for value in ("有\x00空字符", "长" * 4001):
        response = post(api, **{"service_code": "meal", "address_string": "x路1号",
                                field: value})
        assert response.status_code == 400, (field, value[:5], response.get_data()[:200])
        assert response.get_json()[0]["description"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Order)) == 0


def test_an_unexpected_failure_is_a_json_500(api, monkeypatch):
    from orders import categories

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(categories, "codes", broken)
    response = api.get(f"{BASE}/services.json")
    assert response.status_code == 500 and response.get_json()[0]["code"] == 500
    assert "boom" not in response.get_data(as_text=True)
