"""One table of yes and no words (core.answer_words) behind every yes/no question."""
from __future__ import annotations

import pytest

from core import answer_words
from eligibility import answers
from forms import validators
from handlers import form_reading, order, order_status, rate

# The short answers: every yes word (with particles and stops) is yes wherever a yes/no question is asked.
WHOLE_YES = {"closed step": form_reading.YES, "summary": form_reading.YES_RUN,
             "cancel an order": order_status.CONFIRM, "use the location": order.USE_LOCATION}


@pytest.mark.parametrize("reader", WHOLE_YES.values(), ids=WHOLE_YES.keys())
def test_every_yes_word_is_yes_to_every_yes_no_question(reader):
    for word in answer_words.YES:
        for said in (word, word + "吧", word + "的。", word * 2, word.upper()):
            assert reader.match(said), (reader.pattern, said)


@pytest.mark.parametrize("reader", WHOLE_YES.values(), ids=WHOLE_YES.keys())
def test_a_no_or_a_question_is_not_yes(reader):
    for said in (*answer_words.NO, "是不是", "好像没有", "不对吧", "11"):
        assert not reader.match(said), (reader.pattern, said)


def test_every_no_word_is_no_at_a_closed_step():
    for word in answer_words.NO:
        assert form_reading.no(word + "了") and not form_reading.yes(word), word


# Answers that run on are read by their first word; a no word that begins a yes word is not no.
LEADING = {"rating": (rate.YES, rate.NO), "interview": (answers.YES, answers.NO),
           "yes/no field": validators.YES_NO}


@pytest.mark.parametrize("yes, no", LEADING.values(), ids=LEADING.keys())
def test_leading_answers_and_the_no_words_that_begin_a_yes(yes, no):
    for said in ("是的，就是这样", "对，没错", "嗯嗯", "没错", "没问题的"):
        assert not no.match(said), (no.pattern, said)
    for said in ("是的，就是这样", "对，没错", "没错"):
        assert yes.match(said), (yes.pattern, said)
    for said in ("不是的", "没有呢", "否"):
        assert no.match(said), (no.pattern, said)


def test_a_yes_no_field_reads_the_words_of_the_table():
    assert validators.yes_no("没错") == "是" and validators.yes_no("没有") == "否"
    assert validators.yes_no("y") == "是" and validators.yes_no("n") == "否"
    with pytest.raises(validators.Invalid):
        validators.yes_no("随便")
