"""Knowledge pages: edit a guide field, preview, validation, history and restore, lexicon."""
from core.extensions import db
from knowledge import version as kb_version
from knowledge.models import ASPECTS, FaqEntry, Guide, Synonym
from knowledge.queries import revisions

from admin_helpers import audit_actions, text


def _guide_form(code: str, **changes) -> dict:
    data = db.session.get(Guide, code).as_dict()
    data.update(changes)
    for key in ("aliases", "keywords"):
        data[key] = "\n".join(data[key]) if isinstance(data[key], list) else data[key]
    form = {k: v for k, v in data.items() if k in ("short_name", "aliases", "keywords")}
    form.update({f"text_{a}": data[a] for a in ASPECTS})
    return form


def _ask(client, text_: str) -> str:
    return "\n".join(client.post("/api/chat", json={"user": "居民测", "text": text_})
                     .get_json()["replies"])


def test_pages_render_for_staff(auth, client):
    auth.login("staff")
    for path in ("/admin/knowledge/", "/admin/knowledge/guides/MZ01", "/admin/knowledge/faq",
                 "/admin/knowledge/faq/new", "/admin/knowledge/synonyms", "/admin/knowledge/words",
                 "/admin/knowledge/faq/faq-dibao-standard-how",
                 "/admin/knowledge/history/guide/MZ01", "/admin/unanswered"):
        assert client.get(path).status_code == 200, path
    assert "知识库" in text(client.get("/admin/")) and "未答问题" in text(client.get("/admin/"))


def test_org_users_cannot_edit(auth, client):
    auth.login("org1")
    assert client.get("/admin/knowledge/").status_code == 403
    assert client.post("/admin/knowledge/guides/MZ01", data={}).status_code == 403


def test_edit_guide_is_live_for_residents(auth, client):
    assert "新的收费说明" not in _ask(client, "低保收费吗")
    auth.login("staff")
    before = kb_version.current()
    response = client.post("/admin/knowledge/guides/MZ01",
                           data=_guide_form("MZ01", fee="新的收费说明：全程免费。"))
    assert response.status_code == 302
    assert "已保存并发布" in text(client.get(response.headers["Location"]))
    assert kb_version.current() == before + 1
    assert "新的收费说明" in _ask(client, "低保收费吗")
    assert audit_actions("knowledge.")[-1] == "knowledge.guide.update"


def test_preview_does_not_save(auth, client):
    auth.login("staff")
    page = text(client.post("/admin/knowledge/guides/MZ01", data={
        **_guide_form("MZ01", fee="预览用的收费说明"), "preview": "1", "preview_aspect": "fee"}))
    assert "居民将看到的回复" in page and "【低保·收费标准】" in page and "预览用的收费说明" in page
    assert "预览用的收费说明" not in db.session.get(Guide, "MZ01").fee


def test_guide_validation_message_on_the_field(auth, client):
    auth.login("staff")
    page = text(client.post("/admin/knowledge/guides/MZ01",
                            data=_guide_form("MZ01", aliases="低保\n高龄津贴")))
    assert "已属于事项" in page and "aria-invalid" in page
    assert "高龄津贴" not in db.session.get(Guide, "MZ01").aliases


def test_history_and_restore(auth, client):
    auth.login("staff")
    original = db.session.get(Guide, "MZ02").fee
    client.post("/admin/knowledge/guides/MZ02", data=_guide_form("MZ02", fee="改过的"))
    page = text(client.get("/admin/knowledge/history/guide/MZ02"))
    assert "修改前的原始内容" in page and "当前版本" in page
    baseline = revisions("guide", "MZ02")[-1]
    response = client.post(f"/admin/knowledge/revisions/{baseline.id}/restore")
    assert "已恢复到" in text(client.get(response.headers["Location"]))
    db.session.expire_all()
    assert db.session.get(Guide, "MZ02").fee == original


def test_faq_create_with_preview_and_delete(auth, client):
    auth.login("staff")
    data = {"id": "faq-new-one", "question": "低保能在手机上查吗", "alternates": "手机查低保\n网上查低保",
            "service": "MZ01", "aspect": "", "answer": "可以在民政通里查询。"}
    page = text(client.post("/admin/knowledge/faq/new", data={**data, "preview": "1"}))
    assert "可以在民政通里查询。" in page and db.session.get(FaqEntry, "faq-new-one") is None
    client.post("/admin/knowledge/faq/new", data=data)
    assert db.session.get(FaqEntry, "faq-new-one").alternates == ["手机查低保", "网上查低保"]
    page = text(client.post("/admin/knowledge/faq/new", data=data))
    assert "已被使用" in page
    client.post("/admin/knowledge/faq/faq-new-one/delete")
    db.session.expire_all()
    assert db.session.get(FaqEntry, "faq-new-one") is None


def test_synonyms_and_words_pages(auth, client):
    auth.login("staff")
    client.post("/admin/knowledge/synonyms", data={"term": "领低保钱", "canonical": "最低生活保障"})
    assert db.session.get(Synonym, "领低保钱") is not None
    page = text(client.post("/admin/knowledge/synonyms", data={"term": "低", "canonical": "低保"}))
    assert "2–40 字" in page
    assert "领低保钱" in text(client.get("/admin/knowledge/synonyms?q=领低保"))
    client.post("/admin/knowledge/synonym/delete", data={"key": "领低保钱"})
    db.session.expire_all()
    assert db.session.get(Synonym, "领低保钱") is None
    page = text(client.post("/admin/knowledge/words", data={"word": "单人保户", "freq": "0",
                                                          "pos": "nz"}))
    assert "词频须为" in page


def test_browser_line_breaks_are_saved_as_typed_with_lf(auth, client):
    auth.login("staff")
    typed = "第一行：带身份证\r\n第二行：带户口本\r\n\r\n第四行"
    before = db.session.get(Guide, "MZ01").as_dict()
    form = _guide_form("MZ01", materials=typed)
    # A browser posts every text area back with CRLF line breaks.
    form = {k: v.replace("\r\n", "\n").replace("\n", "\r\n") if k.startswith("text_") else v
            for k, v in form.items()}
    client.post("/admin/knowledge/guides/MZ01", data=form)
    saved = db.session.get(Guide, "MZ01")
    assert saved.materials == "第一行：带身份证\n第二行：带户口本\n\n第四行"
    # Only the field typed into changed: the others were posted back with CRLF too.
    changed = {k for k, v in saved.as_dict().items() if before[k] != v}
    assert changed == {"materials"}
    assert "\r" not in _ask(client, "低保要带什么材料")


def test_faq_answer_line_breaks_are_lf(auth, client):
    auth.login("staff")
    client.post("/admin/knowledge/faq/new", data={
        "id": "faq-crlf", "question": "换行测试问题", "answer": "一\r\n二", "service": "", "aspect": ""})
    assert db.session.get(FaqEntry, "faq-crlf").answer == "一\n二"
