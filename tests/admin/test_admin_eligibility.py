"""政策找人 in the admin: thresholds edited with validation and audit; anonymous counts on the dashboard."""
from __future__ import annotations

from core.audit import AuditEntry
from core.extensions import db
from eligibility import rules
from tests.helpers import Chat

FORM = {"dibao_standard": "1100", "low_income_multiple": "1.5", "asset_limit": "30000",
        "expenditure_income_line": "4000", "elderly_age": "60", "child_age": "18",
        "living_allowance": "110", "orphan_amount": "1500", "unattended_amount": "1500",
        "hardship_child_amount": "800", "elderly_service_amount": "200", "elderly_service_mild": "300",
        "elderly_service_moderate": "500", "elderly_service_severe": "800", "tekun_basic": "1300",
        "tekun_care_self": "130", "tekun_care_partly": "520", "tekun_care_full": "1040",
        "adaptation_amount": "5000", "funeral_basic_amount": "1500", "funeral_extra_amount": "1000",
        "eco_burial_amount": "1000", "funeral_claim_months": "6",
        "age_tiers": "80 100\n90 200\n100 500", "care_grades": "1 150\n2 120"}


def test_staff_change_the_standard_audited_and_the_chat_uses_it(auth, client):
    auth.login("staff")
    page = client.get("/admin/eligibility").get_data(as_text=True)
    assert 'value="1000"' in page and "80 100" in page
    assert client.post("/admin/eligibility", data=FORM).status_code == 302
    assert rules.thresholds()["dibao_standard"] == 1100
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "eligibility.thresholds"))
    assert entry.actor == "staff" and entry.before["dibao_standard"] == 1000
    assert entry.after["dibao_standard"] == 1100
    chat = Chat(client, user="居民-新标准")
    for answer in ["我能领什么补贴", "一个人", "是", "三十", "没有", "一千零五十"]:
        reply = chat.say(answer)
    reply = chat.say("没有")
    assert "低于低保标准1100元" in reply  # 1050 is under the new standard, not the old 1000


def test_bad_values_are_refused_with_the_reason_and_kept(auth, client):
    auth.login("staff")
    page = client.post("/admin/eligibility", data={**FORM, "low_income_multiple": "15"}).get_data(as_text=True)
    assert "低收入倍数应在 1 到 3 之间" in page and 'value="15"' in page
    page = client.post("/admin/eligibility", data={**FORM, "dibao_standard": "一千"}).get_data(as_text=True)
    assert "请填写数字" in page
    page = client.post("/admin/eligibility", data={**FORM, "age_tiers": "80 100\n80 200"}).get_data(as_text=True)
    assert "高龄津贴分档" in page
    assert rules.thresholds()["dibao_standard"] == 1000
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "eligibility.thresholds")) is None


def test_dashboard_shows_counts_per_item(auth, client):
    chat = Chat(client, user="居民-计数")
    for answer in ["我能领什么补贴", "一个人", "是", "八十二", "没有", "一千二", "没有", "没有", "能自理"]:
        chat.say(answer)
    auth.login("staff")
    page = client.get("/admin/").get_data(as_text=True)
    assert 'data-testid="eligibility-counts"' in page
    assert "MZ07 高龄津贴" in page and "居民-计数" not in page
