"""Missed questions: grouping, attach to a FAQ entry or guide, new FAQ, out of scope."""
from conversations.models import MissedQuestion
from conversations.operations import log_missed
from conversations.queries import missed_groups
from core.extensions import db
from knowledge.models import FaqEntry

from admin_helpers import text

QUESTION = "领了低保证还能领其他补助么"


def _miss(*texts, guesses=None):
    for t in texts:
        log_missed(t, guesses or [{"intent": "guide", "service": "MZ01", "aspect": "overview"}], 0.3)
    db.session.commit()


def _ask(client, text_: str) -> str:
    return "\n".join(client.post("/api/chat", json={"user": "居民问", "text": text_})
                     .get_json()["replies"])


def test_similar_questions_are_grouped(seeded):
    _miss("低保怎么申请", "低保如何申请", "低保怎么申请？", "殡仪馆几点开门")
    groups = missed_groups()
    assert [g.count for g in groups] == [3, 1]
    assert groups[0].top_guesses()[0] == ("MZ01", "overview", 3)


def test_page_lists_groups_with_counts_and_guesses(auth, client):
    _miss("低保怎么申请", "低保如何申请")
    auth.login("staff")
    page = text(client.get("/admin/unanswered"))
    assert "2 次" in page and "低保·事项简介" in page and "共 2 条，1 组" in page


def test_attach_to_faq_teaches_the_bot(auth, client):
    _miss(QUESTION, QUESTION)
    ids = ",".join(str(i) for i in db.session.scalars(db.select(MissedQuestion.id)))
    auth.login("staff")
    response = client.post("/admin/unanswered/attach", data={
        "ids": ids, "text": QUESTION, "target": "faq:faq-dibao-vs-lowincome"})
    assert "机器人今后能回答" in text(client.get(response.headers["Location"]))
    assert QUESTION in db.session.get(FaqEntry, "faq-dibao-vs-lowincome").alternates
    assert {m.status for m in db.session.scalars(db.select(MissedQuestion))} == {"attached"}
    answer = _ask(client, QUESTION)
    assert db.session.get(FaqEntry, "faq-dibao-vs-lowincome").answer.strip()[:20] in answer


def test_attach_as_guide_alias(auth, client):
    _miss("兜底补贴")
    auth.login("staff")
    client.post("/admin/unanswered/attach", data={"ids": "1", "text": "兜底补贴",
                                                 "target": "guide:MZ01"})
    assert "【低保" in _ask(client, "兜底补贴怎么办")


def test_attach_refuses_a_bad_target(auth, client):
    _miss("低保怎么申请")
    auth.login("staff")
    response = client.post("/admin/unanswered/attach", data={"ids": "1", "text": "低保",
                                                            "target": "guide:MZ06"})
    assert "已属于事项" in text(client.get(response.headers["Location"]))
    assert db.session.get(MissedQuestion, 1).status == "open"


def test_new_faq_from_a_missed_question_closes_it(auth, client):
    _miss("孤儿证怎么补办")
    auth.login("staff")
    response = client.post("/admin/unanswered/new-faq", data={"ids": "1", "text": "孤儿证怎么补办"})
    form_page = text(client.get(response.headers["Location"]))
    assert "孤儿证怎么补办" in form_page and "来源的未答问题" in form_page
    client.post(response.headers["Location"], data={
        "id": "faq-orphan-card", "question": "孤儿证怎么补办", "answer": "到区民政局补办。",
        "service": "", "aspect": "", "missed_ids": "1"})
    assert db.session.get(MissedQuestion, 1).status == "created"


def test_out_of_scope(auth, client):
    _miss("明天天气怎么样")
    auth.login("staff")
    response = client.post("/admin/unanswered/out-of-scope", data={"ids": "1"})
    assert "不属于民政业务" in text(client.get(response.headers["Location"]))
    assert db.session.get(MissedQuestion, 1).status == "out_of_scope"
    assert "暂无未答问题" in text(client.get("/admin/unanswered"))


def test_more_waiting_than_grouped_says_so_with_the_true_total(auth, client, monkeypatch):
    # Grouping reads only the newest rows, so the page must not pass them off as all.
    monkeypatch.setattr("conversations.queries.MAX_ROWS", 3)
    _miss("低保怎么申请", "低保如何申请", "殡仪馆几点开门", "养老院怎么收费", "残疾证怎么办")
    auth.login("staff")
    page = text(client.get("/admin/unanswered"))
    assert "共 5 条" in page
    assert "只合并了最近的 3 条" in page and "更早的 2 条" in page


def test_all_grouped_shows_no_partial_notice(auth, client):
    _miss("低保怎么申请", "低保如何申请")
    auth.login("staff")
    response = client.get("/admin/unanswered")
    assert 'data-testid="missed-partial"' not in response.get_data(as_text=True)


def _distinct(n: int) -> list[str]:
    """n questions no two of which group together."""
    return ["".join(chr(0x4e00 + (i * 7919 + k * 104729) % 20000) for k in range(8)) + "吗"
            for i in range(n)]


def _bulk(client, picks: dict, action: str = "attach", q: str = ""):
    data = {"action": action, "pick": list(picks)}
    for n, (ids, wording, target) in picks.items():
        data.update({f"ids-{n}": ids, f"text-{n}": wording, f"target-{n}": target})
    return client.post("/admin/unanswered/bulk" + (f"?q={q}" if q else ""), data=data)


def test_page_masks_names_phones_ids_and_house_numbers(auth, client):
    _miss("我叫王小明，住幸福路12号3栋，电话0571-88886666，低保怎么办", "身份证320102199001011234丢了怎么办")
    auth.login("staff")
    page = client.get("/admin/unanswered").get_data(as_text=True)
    for secret in ("王小明", "12号", "3栋", "88886666", "19900101"):
        assert secret not in page
    assert "我叫王**" in page and "幸福路**号*栋" in page


def test_hostile_question_text_is_escaped(auth, client):
    _miss('<script>alert(1)</script>=HYPERLINK("x")怎么办')
    auth.login("staff")
    page = client.get("/admin/unanswered").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_search_and_paging_reach_every_group(auth, client):
    _miss(*_distinct(70))
    _miss("殡仪馆几点开门")
    auth.login("staff")
    first = text(client.get("/admin/unanswered"))
    groups = len(missed_groups())
    assert groups > 30 and "第 1 / " in first
    last_page = -(-groups // 30)
    last = client.get(f"/admin/unanswered?page={last_page}").get_data(as_text=True)
    assert last.count('data-testid="missed-group"') == groups - 30 * (last_page - 1)
    found = text(client.get("/admin/unanswered?q=殡仪馆"))
    assert "殡仪馆几点开门" in found and "共 1 条，1 组" in found


def test_bulk_set_aside_and_bulk_attach_report_each_group(auth, client):
    _miss("明天天气怎么样", "明天天气怎么样")
    _miss("兜底补贴")
    _miss("低保申请表哪里下载")
    rows = {m.text: m.id for m in db.session.scalars(db.select(MissedQuestion))}
    weather = ",".join(str(m.id) for m in db.session.scalars(
        db.select(MissedQuestion).filter_by(text="明天天气怎么样")))
    auth.login("staff")
    _bulk(client, {"1": (weather, "明天天气怎么样", "")}, action="out_of_scope")
    assert {m.status for m in db.session.scalars(
        db.select(MissedQuestion).filter_by(text="明天天气怎么样"))} == {"out_of_scope"}
    response = _bulk(client, {"2": (str(rows["兜底补贴"]), "兜底补贴", "guide:MZ01"),
                              "3": (str(rows["低保申请表哪里下载"]), "低保", "guide:MZ06")})
    page = text(client.get(response.headers["Location"]))
    assert "机器人今后能回答" in page and "“低保”未能加入" in page
    assert db.session.get(MissedQuestion, rows["兜底补贴"]).status == "attached"
    assert db.session.get(MissedQuestion, rows["低保申请表哪里下载"]).status == "open"
    assert "【低保" in _ask(client, "兜底补贴怎么办")


def test_page_with_many_groups_stays_small(auth, client):
    _miss(*_distinct(300))
    auth.login("staff")
    body = client.get("/admin/unanswered").get_data()
    assert len(body) < 200_000
