"""Application reviews: refused ones come back as typed; the review page's look."""
import pytest
from admin_helpers import audit_actions, field, refused, text

from applications import operations as ops
from applications.models import Application
from core.extensions import db
from notifications.models import Notification
from tests.helpers import gen_id, wx, years_ago

ID = gen_id(years_ago(85))
PHONE = "13812345678"


def gen_application(openid: str = "o居民A") -> Application:
    person = ops.Person(name="张三丰", phone=PHONE, id_number=ID, community="幸福社区")
    record = ops.submit_application(wx(openid), "MZ07", "高龄津贴", person,
                                    {"老人姓名": "张三丰", "老人身份证号": ID[:4] + "*" * 10 + ID[-4:],
                                     "联系电话": PHONE, "所在社区": "幸福社区"},
                                    {"id_number": ID}, key="k-" + openid)
    db.session.commit()
    return record


def status_of(record) -> str:
    db.session.expire_all()
    return db.session.get(Application, record.id).status


def test_rejection_without_reason_comes_back_with_the_error(auth, client):
    record = gen_application()
    auth.login("staff")
    page = refused(client, f"/admin/applications/{record.id}/status", status="rejected",
                   reason=" ")
    box = field(page, "reason-rejected")
    assert "退回补充材料或不予通过时，请填写原因。" in box and "autofocus" in box
    folded = page[page.rindex("<details", 0, page.index('id="reason-rejected"')):]
    assert folded.startswith('<details class="step" open>')
    assert status_of(record) == "submitted" and db.session.scalar(
        db.select(db.func.count(Notification.id))) == 0


@pytest.mark.parametrize("status", ["need_info", "rejected", "approved"])
def test_too_long_reason_is_kept_as_typed(auth, client, status):
    record = gen_application()
    auth.login("staff")
    long = "请补充户口簿复印件和近三个月的收入证明。" * 30
    page = refused(client, f"/admin/applications/{record.id}/status", status=status,
                   reason=long)
    box = field(page, f"reason-{status}")
    assert long in box and "说明最多 500 字" in box and status_of(record) == "submitted"


def test_review_of_an_application_someone_else_decided_keeps_the_reason(auth, client):
    record = gen_application()
    ops.change_status(record, "approved", actor="admin")
    db.session.commit()
    auth.login("staff")
    page = refused(client, f"/admin/applications/{record.id}/status", status="rejected",
                   reason="收入证明与申报不符")
    assert "“已通过”的申请不能改为“未通过”" in page and 'data-testid="actions"' not in page
    unsent = page[page.index('data-testid="unsent"'):]
    assert "收入证明与申报不符" in unsent[:unsent.index("</section>")]
    assert status_of(record) == "approved"


def test_accepted_review_redirects_and_a_refused_one_shows_no_personal_data(auth, client):
    record = gen_application()
    auth.login("staff")
    page = refused(client, f"/admin/applications/{record.id}/status", status="need_info")
    # The refused page is the application's page again: masked, so no look is recorded.
    assert ID not in page and audit_actions("application.view") == []
    response = client.post(f"/admin/applications/{record.id}/status",
                           data={"status": "need_info", "reason": "请补充户口簿"})
    assert response.headers["Location"] == f"/admin/applications/{record.id}"
    assert status_of(record) == "need_info"


def test_application_page_has_cards_timeline_and_the_same_masking(auth, client):
    record = gen_application()
    ops.change_status(record, "under_review", actor="staff")
    ops.change_status(record, "need_info", actor="staff", reason="请补充户口簿")
    db.session.commit()
    auth.login("staff")
    page = text(client.get(f"/admin/applications/{record.id}"))
    for heading in ("申请信息", "申请人填写的内容", "处理", "办理记录"):
        assert f"<h2>{heading}</h2>" in page, heading
    # The four above and the notices' delivery card (通知送达).
    assert page.count('<section class="card"') == 5 and "<h2>通知送达" in page
    timeline = page[page.index('data-testid="timeline"'):]
    assert timeline.index("已提交") < timeline.index("已提交 → 审核中") < timeline.index(
        "审核中 → 需补充材料") and "请补充户口簿" in timeline
    assert "民政工作人员 · 民政局 王科员" in timeline and '<div class="who">居民</div>' in timeline
    # Personal values masked until 显示完整个人信息, which shows the full ID and answers.
    start = page.index('data-testid="personal"')
    personal = page[start:page.index("</dl>", start)]
    assert ID not in personal and PHONE not in personal and "o居民A" not in page
    shown = text(client.get(f"/admin/applications/{record.id}?show=personal"))
    start = shown.index('data-testid="personal"')
    assert ID in shown[start:shown.index("</dl>", start)] and PHONE in shown
    assert 'data-event="under_review"' in page and 'data-event="approved"' in page
    assert 'data-event="need_info"' not in page  # only the steps allowed from 需补充材料


def test_decided_application_offers_no_steps(auth, client):
    record = gen_application()
    ops.change_status(record, "rejected", actor="staff", reason="不符合年龄条件")
    db.session.commit()
    auth.login("staff")
    page = text(client.get(f"/admin/applications/{record.id}"))
    assert 'data-testid="actions"' not in page and "不符合年龄条件" in page
    assert "badge app-rejected" in page


def test_reloading_a_refused_review_opens_the_application_not_a_405(auth, client):
    record = gen_application()
    auth.login("staff")
    response = client.get(f"/admin/applications/{record.id}/status")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/admin/applications/{record.id}")
