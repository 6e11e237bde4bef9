"""A 残疾人证 number is the holder's ID plus 残疾类别 and 等级: checked, stored encrypted, masked."""
from __future__ import annotations

import pytest

from applications.models import Application
from applications.queries import unsealed
from core import pii
from core.extensions import db
from forms.validators import Invalid, disability_cert
from tests.helpers import Chat, gen_id, mistype, years_ago

HOLDER = gen_id(years_ago(50))


def test_a_certificate_number_is_an_id_then_category_and_grade():
    assert disability_cert(f" {HOLDER[:6]} {HOLDER[6:]}42 ") == HOLDER + "42"
    assert disability_cert(HOLDER[:17] + HOLDER[17].lower() + "11") == (HOLDER + "11").upper()


@pytest.mark.parametrize("text, says", [
    (HOLDER, "20 位"),                        # the ID alone
    ("abc", "20 位"),
    (mistype(HOLDER) + "41", "身份证号"),      # a mistyped ID inside it
    (HOLDER + "81", "类别"),                  # no 8th category
    (HOLDER + "45", "等级"),                  # grades run 1 to 4
])
def test_a_wrong_certificate_number_says_what_to_check(text, says):
    with pytest.raises(Invalid) as why:
        disability_cert(text)
    assert says in str(why.value)


def test_an_id_inside_a_certificate_number_is_masked_in_free_text():
    masked = pii.mask_text(f"我的残疾证号是{HOLDER}42，麻烦了")
    assert HOLDER not in masked and HOLDER[6:14] not in masked


def test_in_chat_the_certificate_is_asked_again_when_wrong_and_kept_encrypted(seeded, client):
    chat = Chat(client)
    chat.say("我要申请残疾人两项补贴")
    replies = []
    for said in ("李四", HOLDER, "13812345678", "1", "幸福路12号3栋201室"):
        replies.append(chat.say(said))
    for _ in range(4):  # whatever else the form asks before the certificate
        if "残疾人证号" in replies[-1]:
            break
        replies.append(chat.say("是"))
    assert "残疾人证号" in replies[-1]
    assert "20 位" in chat.say("12345")
    summary = chat.say(HOLDER + "42")
    for _ in range(3):
        if "确认" in summary:
            break
        summary = chat.say("是")
    assert HOLDER + "42" not in summary
    chat.say("确认")
    row = db.session.scalars(db.select(Application).order_by(Application.id.desc())).first()
    assert row is not None and HOLDER + "42" not in str(row.answers)
    # Shown masked to staff; the full number only in the sealed values the audited reveal opens.
    assert pii.mask_id(HOLDER + "42") in str(row.answers), row.answers
    assert HOLDER + "42" in unsealed(row).values()
