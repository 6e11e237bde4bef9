from accounts.models import Organization
from core.audit import AuditEntry
from core.extensions import db

from admin.forms import split_communities
from admin_helpers import text


def _org(name: str) -> Organization | None:
    db.session.expire_all()
    return db.session.scalar(db.select(Organization).filter_by(name=name))


def _form(**fields):
    data = {"name": "幸福家园服务社", "contact_phone": "0000-1234509",
            "categories": ["meal", "repair"], "communities": "幸福社区，和平社区、 光明社区,幸福社区"}
    data.update(fields)
    return data


def test_list_shows_categories_and_communities(auth, client):
    auth.login("admin")
    page = text(client.get("/admin/organizations"))
    assert "阳光为老服务中心" in page and "助餐" in page and "幸福社区" in page


def test_create_organisation(auth, client):
    auth.login("admin")
    form = text(client.get("/admin/organizations/new"))
    assert "上门理发" in form  # choices come from the catalogue's order_categories
    response = client.post("/admin/organizations/new", data=_form())
    assert response.status_code == 302
    org = _org("幸福家园服务社")
    assert org.categories == ["meal", "repair"]
    assert org.communities == ["幸福社区", "和平社区", "光明社区"]
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="organization.create",
                                                              target=f"organization:{org.id}"))
    assert entry.actor == "admin"


def test_organisation_validation(auth, client):
    auth.login("admin")
    response = client.post("/admin/organizations/new", data=_form(categories=["teleport"]))
    assert "不是有效选项" in text(response)
    assert "请至少选择一项服务类别" in text(client.post("/admin/organizations/new",
                                                        data=_form(categories=[])))
    assert "请至少填写一个服务社区" in text(client.post("/admin/organizations/new",
                                                        data=_form(communities="，、")))
    assert "已存在" in text(client.post("/admin/organizations/new",
                                        data=_form(name="阳光为老服务中心")))
    assert "联系电话只能包含" in text(client.post("/admin/organizations/new",
                                                  data=_form(contact_phone="call me")))
    assert _org("幸福家园服务社") is None


def test_edit_organisation_audits_before_and_after(auth, client):
    auth.login("admin")
    org = _org("春苗儿童关爱站")
    page = text(client.get(f"/admin/organizations/{org.id}/edit"))
    assert 'value="春苗儿童关爱站"' in page and "幸福社区，光明社区，新华社区" in page
    response = client.post(f"/admin/organizations/{org.id}/edit",
                           data=_form(name="春苗儿童关爱站", categories=["child_care"],
                                      communities="幸福社区"))
    assert response.status_code == 302
    org = _org("春苗儿童关爱站")
    assert org.categories == ["child_care"] and org.communities == ["幸福社区"]
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="organization.update"))
    assert entry.before["communities"] == ["幸福社区", "光明社区", "新华社区"]
    assert entry.after["communities"] == ["幸福社区"]


def test_edit_cannot_take_another_organisations_name(auth, client):
    auth.login("admin")
    org = _org("春苗儿童关爱站")
    response = client.post(f"/admin/organizations/{org.id}/edit",
                           data=_form(name="阳光为老服务中心"))
    assert "已存在" in text(response)
    assert _org("春苗儿童关爱站") is not None


def test_split_communities():
    assert split_communities(" 幸福社区，和平社区、幸福社区;新华社区\n") == [
        "幸福社区", "和平社区", "新华社区"]
    assert split_communities("") == []
