"""A resident's store key is distinct for every (channel, id), and WeChat's stays as it was."""
from __future__ import annotations

from itertools import product

from core.residents import NOBODY, WECHAT, Resident


def test_wechat_keys_are_the_bare_openid_so_open_conversations_survive_the_upgrade():
    assert Resident(WECHAT, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").key == "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"
    assert Resident("simulator", "居民A").key == "simulator:居民A"


def test_no_two_residents_share_a_key():
    channels = (WECHAT, "simulator", "cli", "sms")
    ids = ("居民A", "oAbc", "simulator:居民A", "wechat:oAbc", "a:b", "", ":")
    residents = [Resident(c, i) for c, i in product(channels, ids)]
    assert len({r.key for r in residents}) == len(residents)


def test_nobody_is_falsy_and_a_resident_is_not():
    assert not NOBODY and Resident("simulator", "居民A")
    assert Resident("simulator", "居民A") != Resident(WECHAT, "居民A")
