"""Reading toneless pinyin typed in Latin letters as characters.

Residents without a Chinese input method type "dibao zenme shenqing". Each run
of Latin letters is segmented, by dynamic programming, into words whose
toneless pinyin is in an index of the domain vocabulary, the most frequent
general words and the function words questions are made of; the run is read
as those words only when every letter is covered (English words and codes,
which are rarely all pinyin, stay as written).
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from pypinyin.pinyin_dict import pinyin_dict

from intents.normalize import to_simplified
from intents.segment import general_dictionary

LATIN_RUN = re.compile(r"[a-z]+(?: [a-z]+)*")
CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# Words questions and requests are built from; read first when two share a sound.
FUNCTION_WORDS = (
    "我 你 您 他 她 的 了 吗 呢 吧 啊 呀 嘛 哦 是 有 没 没有 要 想 能 会 可以 怎么 怎样 如何 "
    "什么 啥 多少 多少钱 哪里 哪儿 哪 在哪 去哪 在 去 到 和 就 都 也 还 又 很 这 那 一下 一个 个 "
    "请问 问 问下 请 需要 得 给 帮 帮我 办 办理 申请 领 领取 现在 怎么办 不 好 你好 您好 谢谢 "
    "再见 材料 条件 流程 手续 多久 时间 电话 地址 标准 钱 交 带 准备 哪些 费用 收费 依据 文件 "
    "政策 补贴 补助 津贴 订单 单子 我的 进度 评价 评分 投诉 人工 转人工 客服 工作人员 取消 "
    "不办了 算了 预约 上门 服务 老人 孩子 家里 一个月 每月 每个月 发 多 少 几 岁 "
    "能不能 可不可以 符合 资格 要求 窗口 办事 社区 街道 民政局 查询 查 进展 到哪了 怎么样 "
    # the words of an order for help at home
    "订 订个 订餐 送餐 送饭 点单 下单 下个单 派人 找人 找个人 打扫 理发 洗澡 陪诊 维修 "
    # booking and the kinds of help by their names; company, errands; where and when
    "约 约个 预约 陪 陪着 陪老人 陪我 聊天 聊聊 说说话 陪聊 助浴 助餐 助洁 助医 助行 陪读 辅导 "
    "托管 买菜 买药 剪头 剃头 家在 住在 地址 下周 明天 后天 上午 下午 晚上 医院 去医院 "
    "我妈 我爸 给我妈 给我爸 订个饭 送个饭 饭 点 几点"
).split()
GENERAL_WORDS = 6000
SINGLE_DOMAIN_COST = 0.95
MAX_KEY = 36


MAX_READINGS = 8


@lru_cache(maxsize=20000)
def syllables(char: str) -> tuple[str, ...]:
    """Toneless readings of a character, commonest first (pypinyin's table, no per-call cost)."""
    marked = pinyin_dict.get(ord(char), "")
    out = []
    for reading in marked.split(","):
        bare = "".join(c for c in unicodedata.normalize("NFD", reading)
                       if not unicodedata.combining(c)).replace("ü", "v")
        if bare and bare not in out:
            out.append(bare)
    return tuple(out)


def keys_of(word: str) -> list[tuple[str, frozenset[int]]]:
    """Each way to read a word (polyphonic characters), with where its syllables end."""
    options = [syllables(ch) for ch in word]
    if not all(options):
        return []
    keys = []
    for combo in itertools.islice(itertools.product(*options), MAX_READINGS):
        ends, at = set(), 0
        for syllable in combo:
            at += len(syllable)
            ends.add(at)
        keys.append(("".join(combo), frozenset(ends)))
    return keys


class PinyinReader:
    """A pinyin index over words; read() rewrites Latin runs it fully covers."""

    def __init__(self, domain_words, general: int = GENERAL_WORDS) -> None:
        # Costs: domain words cheapest, then function words, then general words;
        # fewer, longer words beat many short ones.
        # A one-character domain word (巷, 栋, 户 from addresses) is no better than a
        # function word of the same sound: "xiang" is 想 before it is 巷.
        self.index: dict[str, tuple[str, float, frozenset[int]]] = {}
        for cost, words in ((0.8, domain_words), (0.9, FUNCTION_WORDS),
                            (1.0, self._general_words(general))):
            for word in words:
                if not (word and CJK.match(word) and len(word) <= 12):
                    continue
                word = to_simplified(word)  # jieba's dictionary has traditional entries
                weight = SINGLE_DOMAIN_COST if cost < 0.9 and len(word) == 1 else cost
                for key, ends in keys_of(word):
                    if len(key) <= MAX_KEY and (key not in self.index or weight < self.index[key][1]):
                        self.index[key] = (word, weight, ends)

    @staticmethod
    def _general_words(size: int) -> list[str]:
        words = []
        with open(general_dictionary(), encoding="utf-8") as handle:
            for line in handle:
                words.append(line.split(" ", 1)[0])
                if len(words) >= size:
                    break
        return words

    def read(self, text: str) -> str:
        """The text with each fully covered Latin run read as characters."""
        if not any("a" <= ch <= "z" for ch in text):
            return text
        return LATIN_RUN.sub(lambda m: self._run(m.group(0)), text)

    def _run(self, run: str) -> str:
        letters = run.replace(" ", "")
        # A typed space always falls between syllables; no word may hide one mid-syllable.
        breaks, at = set(), 0
        for token in run.split(" "):
            at += len(token)
            breaks.add(at)
        words = self._segment(letters, breaks)
        return "".join(words) if words else run

    def _segment(self, s: str, breaks: set[int]) -> list[str] | None:
        n = len(s)
        best: list[tuple[float, int, str] | None] = [None] * (n + 1)
        best[0] = (0.0, 0, "")
        for i in range(n):
            if best[i] is None:
                continue
            for j in range(i + 1, min(n, i + MAX_KEY) + 1):
                entry = self.index.get(s[i:j])
                if entry is None:
                    continue
                word, cost, ends = entry
                inner = {b - i for b in breaks if i < b < j}
                if not inner <= ends:
                    continue
                total = best[i][0] + cost
                if best[j] is None or total < best[j][0]:
                    best[j] = (total, i, word)
        if best[n] is None:
            return None
        words, j = [], n
        while j > 0:
            _, i, word = best[j]
            words.append(word)
            j = i
        return words[::-1]
