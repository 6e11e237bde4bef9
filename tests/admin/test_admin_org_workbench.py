"""The organisation workbench: state tabs with counts, search, history, and the volunteer roster."""
from admin_helpers import audit_actions, field, refused, text
from order_helpers import ACCEPT_ORG1, APPROVE, COMPLETE_ORG1, DISPATCH_ORG1, gen_order, move, org_id

from core.extensions import db
from volunteers.models import RosterEntry, ServiceHours, Volunteer
from tests.helpers import wx

DISPATCH_ORG2 = ("dispatch", "staff", {"organization_id": "org2"})


def gen_volunteer(name: str, phone: str = "13900001111", status: str = "approved") -> Volunteer:
    volunteer = Volunteer(resident=wx(f"o-{name}-{phone}"), name=name, phone=phone, id_masked="x",
                          id_number_enc="", community="幸福社区", status=status)
    db.session.add(volunteer)
    db.session.commit()
    return volunteer


def test_tabs_count_each_state_and_list_only_it(auth, client):
    new = move(gen_order(), APPROVE, DISPATCH_ORG1)
    serving = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    done_first = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1, COMPLETE_ORG1)
    done_last = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1, COMPLETE_ORG1)
    move(gen_order(), APPROVE, DISPATCH_ORG2)
    auth.login("org1")
    page = text(client.get("/admin/org/"))
    for key, count in (("all", 4), ("dispatched", 1), ("in_service", 1), ("awaiting_rating", 2),
                       ("closed", 0)):
        assert f'data-testid="org-count-{key}">{count}<' in page
    page = text(client.get("/admin/org/?state=dispatched"))
    assert new.number in page and serving.number not in page
    history = text(client.get("/admin/org/?state=awaiting_rating"))
    assert history.index(done_last.number) < history.index(done_first.number)  # latest first
    assert "完成时间" in history and new.number not in history
    counts = client.get("/admin/counts.json").get_json()
    assert counts["org_states"] == {"dispatched": 1, "in_service": 1, "awaiting_rating": 2, "closed": 0}


def described(text_: str):
    order = gen_order(category="repair")
    order.description = text_
    db.session.commit()
    return order


def test_search_by_keyword_and_number_within_its_own_orders(auth, client):
    wheel = move(described("轮椅刹车坏了"), APPROVE, DISPATCH_ORG1)
    other = move(gen_order(), APPROVE, DISPATCH_ORG1)
    theirs = move(described("轮椅也坏了"), APPROVE, DISPATCH_ORG2)
    auth.login("org1")
    page = text(client.get("/admin/org/?q=轮椅"))
    assert wheel.number in page and other.number not in page and theirs.number not in page
    response = client.get(f"/admin/org/?q={other.number}")
    assert response.headers["Location"] == f"/admin/org/orders/{other.id}"
    page = text(client.get(f"/admin/org/?q={theirs.number}"))  # someone else's number: not found
    assert theirs.number in page and f"/admin/org/orders/{theirs.id}" not in page
    assert "没有符合" in page
    page = text(client.get("/admin/org/?q=<script>x</script>"))
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_roster_add_by_name_and_phone_then_remove(auth, client):
    helper = gen_volunteer("王志愿", "13900002222")
    gen_volunteer("周待审", "13900003333", status="pending")
    auth.login("org1")
    page = refused(client, "/admin/org/volunteers", name="王志愿", phone="9999")
    assert "没有找到" in page and 'value="王志愿"' in field(page, "roster-name")
    page = refused(client, "/admin/org/volunteers", name="周待审", phone="3333")
    assert "没有找到" in page  # only approved volunteers
    client.post("/admin/org/volunteers", data={"name": "王志愿", "phone": "2222"})
    page = text(client.get("/admin/org/volunteers"))
    assert "王志愿" in page and "139****2222" in page and "13900002222" not in page
    page = refused(client, "/admin/org/volunteers", name="王志愿", phone="13900002222")
    assert "已在本组织的志愿者名单中" in page
    entry = db.session.scalar(db.select(RosterEntry))
    assert (entry.organization_id, entry.volunteer_id) == (org_id("org1"), helper.id)
    client.post(f"/admin/org/volunteers/{entry.id}/remove")
    assert db.session.scalars(db.select(RosterEntry)).all() == []
    assert audit_actions("volunteer.roster") == ["volunteer.roster_add", "volunteer.roster_remove"]


def test_another_organisations_roster_and_orders_stay_out_of_reach(auth, client):
    volunteer = gen_volunteer("王志愿")
    theirs = RosterEntry(organization_id=org_id("org2"), volunteer_id=volunteer.id)
    db.session.add(theirs)
    order = move(gen_order(), APPROVE, DISPATCH_ORG2, ("accept", "org2", {}))
    db.session.commit()
    auth.login("org1")
    assert client.post(f"/admin/org/volunteers/{theirs.id}/remove").status_code == 404
    assert "王志愿" not in text(client.get("/admin/org/volunteers"))
    for event in ("complete", "accept", "decline"):
        response = client.post(f"/admin/org/orders/{order.id}/{event}", data={
            "version": order.version, "notes": "x", "hours": "1", "volunteer_ids": volunteer.id,
            "reason": "x"})
        assert response.status_code == 404
    assert client.get(f"/admin/org/orders/{order.id}").status_code == 404
    db.session.expire_all()
    assert db.session.get(RosterEntry, theirs.id) is not None
    assert db.session.get(type(order), order.id).state == "in_service"
    assert db.session.scalars(db.select(ServiceHours)).all() == []


def test_a_ticked_volunteer_must_be_on_this_organisations_roster(auth, client):
    stranger = gen_volunteer("赵志愿")  # approved, on no roster of org1
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    auth.login("org1")
    page = refused(client, f"/admin/org/orders/{order.id}/complete", version=order.version,
                   notes="已上门", hours="2", volunteer_ids=stranger.id)
    assert "已不在本组织的名单中" in page
    db.session.expire_all()
    assert db.session.get(type(order), order.id).state == "in_service"
    assert db.session.scalars(db.select(ServiceHours)).all() == []


def test_completion_form_offers_the_roster_as_checkboxes(auth, client):
    mine = gen_volunteer("王志愿")
    other = gen_volunteer("钱志愿", "13900004444")
    db.session.add(RosterEntry(organization_id=org_id("org1"), volunteer_id=mine.id))
    db.session.add(RosterEntry(organization_id=org_id("org2"), volunteer_id=other.id))
    order = move(gen_order(), APPROVE, DISPATCH_ORG1, ACCEPT_ORG1)
    auth.login("org1")
    page = text(client.get(f"/admin/org/orders/{order.id}"))
    roster = page[page.index('data-testid="roster"'):page.index("</fieldset>")]
    assert f'name="volunteer_ids" value="{mine.id}"' in roster and "钱志愿" not in roster
