"""mask_text masks ID and mobile numbers exactly where a plain 'not after a digit' reads them."""
from __future__ import annotations

import random
import re

from core.pii import mask_id, mask_text

# The plain forms of core.pii's patterns: a look-behind first.
PLAIN_ID = re.compile(r"(?<![0-9])([1-9][0-9]{5})([0-9]{8})([0-9]{3}[0-9Xx])([1-7][1-4])?(?![0-9])")
PLAIN_MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")


def plain_mask(text: str) -> str:
    text = PLAIN_ID.sub(lambda m: mask_id(m.group(0)), text)
    return PLAIN_MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


def test_numbers_in_text_are_masked():
    assert mask_text("我的电话13912345678，身份证320102199001011234") == \
        "我的电话139****5678，身份证3201**********1234"
    assert mask_text("编号2139123456789") == "编号2139123456789"  # a mobile inside a longer number
    assert mask_text("") == ""


def test_masking_matches_the_plain_patterns_on_random_digit_strings():
    rng = random.Random(17)
    alphabet = "0123456789Xx11133399 号-，"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 48)))
        assert mask_text(text) == plain_mask(text), text
