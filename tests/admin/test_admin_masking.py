"""One masking rule: phones masked by default, a full number only on request, audited."""
from admin_helpers import audit_actions
from core.extensions import db
from volunteers.models import Volunteer


def test_volunteer_list_masks_phones_and_audits_a_reveal(auth, client):
    v = Volunteer(resident="o-mask", name="赵志愿", phone="13900001111", id_masked="x",
                  id_number_enc="", status="pending")
    db.session.add(v)
    db.session.commit()
    auth.login("staff")
    page = client.get("/admin/volunteers").get_data(as_text=True)
    assert "13900001111" not in page and "139****1111" in page
    assert "volunteer.view_phone" not in audit_actions("volunteer.")
    page = client.get(f"/admin/volunteers?show={v.id}").get_data(as_text=True)
    assert "13900001111" in page
    assert audit_actions("volunteer.")[-1] == "volunteer.view_phone"


def test_a_phone_inside_a_rating_comment_is_masked(auth, client):
    from order_helpers import ACCEPT_ORG1, APPROVE, COMPLETE_ORG1, DISPATCH_ORG1, gen_order, move
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1, COMPLETE_ORG1,
                 ("rate", "resident", {"score": 1, "resolved": False,
                                       "comment": "没人来，打我13812345678"}))
    for who in ("staff", "org1"):
        auth.login(who)
        path = f"/admin/orders/{order.id}" if who == "staff" else f"/admin/org/orders/{order.id}"
        page = client.get(path).get_data(as_text=True)
        assert "13812345678" not in page, who
        auth.logout()
