"""Knowledge edits: validation, revisions, restore, audit and the live version bump."""
import pytest

from core.audit import AuditEntry
from core.extensions import db
from knowledge import operations as ops
from knowledge import version as kb_version
from knowledge.models import FaqEntry, Guide, Synonym
from knowledge.queries import revisions
from knowledge.validation import KnowledgeError


def test_guide_edit_bumps_version_and_keeps_history(seeded):
    before = kb_version.current()
    original = db.session.get(Guide, "MZ01").fee
    ops.update_guide("MZ01", {"fee": "不收取任何费用。"}, "staff")
    db.session.commit()
    assert kb_version.current() == before + 1
    assert db.session.get(Guide, "MZ01").fee == "不收取任何费用。"
    history = revisions("guide", "MZ01")
    assert [r.action for r in history] == ["update", "original"]
    assert history[1].data["fee"] == original and history[0].actor == "staff"
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="knowledge.guide.update"))
    assert entry.actor == "staff" and entry.after["fee"] == "不收取任何费用。"


def test_unchanged_save_is_not_a_revision(seeded):
    before = kb_version.current()
    assert ops.update_guide("MZ01", {"fee": db.session.get(Guide, "MZ01").fee}, "staff") is None
    assert kb_version.current() == before and revisions("guide", "MZ01") == []


def test_restore_brings_back_the_original(seeded):
    original = db.session.get(Guide, "MZ02").materials
    ops.update_guide("MZ02", {"materials": "1. 身份证。"}, "staff")
    baseline = revisions("guide", "MZ02")[-1]
    ops.restore(baseline.id, "admin")
    db.session.commit()
    assert db.session.get(Guide, "MZ02").materials == original
    assert [r.action for r in revisions("guide", "MZ02")] == ["restore", "update", "original"]


@pytest.mark.parametrize("values, field, message", [
    ({"short_name": " "}, "short_name", "请填写简称"),
    ({"aliases": []}, "aliases", "至少填写一个别名"),
    ({"aliases": ["低保", "高龄津贴"]}, "aliases", "已属于事项"),
    ({"overview": ""}, "overview", "请填写事项简介"),
    ({"process": "很长" * 400}, "process", "微信一条回复放不下"),
])
def test_guide_validation(seeded, values, field, message):
    with pytest.raises(KnowledgeError) as info:
        ops.update_guide("MZ01", values, "staff")
    assert info.value.field == field and message in str(info.value)


def test_faq_create_update_delete_and_restore(seeded):
    values = {"id": "faq-test-new", "service": "MZ01", "aspect": "fee",
              "question": "低保要交钱吗", "alternates": ["办低保收费吗", "", "办低保收费吗"],
              "answer": "不收费。"}
    ops.save_faq(values, "staff", new=True)
    assert db.session.get(FaqEntry, "faq-test-new").alternates == ["办低保收费吗"]
    with pytest.raises(KnowledgeError, match="已被使用"):
        ops.save_faq(values, "staff", new=True)
    ops.delete_entry("faq", "faq-test-new", "staff")
    assert db.session.get(FaqEntry, "faq-test-new") is None
    created = revisions("faq", "faq-test-new")[-1]
    ops.restore(created.id, "staff")
    assert db.session.get(FaqEntry, "faq-test-new").answer == "不收费。"


@pytest.mark.parametrize("values, message", [
    ({"id": "坏编号"}, "编号须为"),
    ({"service": "MZ99"}, "关联事项不存在"),
    ({"question": ""}, "请填写标准问法"),
    ({"answer": " "}, "请填写答复内容"),
])
def test_faq_validation(seeded, values, message):
    base = {"id": "faq-x", "service": None, "aspect": None, "question": "问", "answer": "答"}
    with pytest.raises(KnowledgeError, match=message):
        ops.save_faq({**base, **values}, "staff", new=True)


def test_synonyms_and_words(seeded):
    ops.save_synonym("吃皇粮救济", "最低生活保障", "staff")
    assert db.session.get(Synonym, "吃皇粮救济").canonical == "最低生活保障"
    with pytest.raises(KnowledgeError, match="相同"):
        ops.save_synonym("低保", "低保", "staff")
    with pytest.raises(KnowledgeError, match="2–40"):
        ops.save_synonym("保", "低保", "staff")
    ops.save_word("单人保", 8000, "nz", "staff")
    with pytest.raises(KnowledgeError, match="词性"):
        ops.save_word("单人户", 8000, "NZ!", "staff")
    ops.delete_entry("synonym", "吃皇粮救济", "staff")
    assert db.session.get(Synonym, "吃皇粮救济") is None
    with pytest.raises(KnowledgeError, match="不能删除"):
        ops.delete_entry("guide", "MZ01", "staff")


def test_attach_phrases(seeded):
    ops.add_alternate("faq-dibao-standard-how", "低保一个月给多少钱啊", "staff")
    assert "低保一个月给多少钱啊" in db.session.get(FaqEntry, "faq-dibao-standard-how").alternates
    ops.add_alias("MZ03", "临时困难补助", "staff")
    assert "临时困难补助" in db.session.get(Guide, "MZ03").aliases
