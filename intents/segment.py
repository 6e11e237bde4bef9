"""jieba segmentation with a compact general dictionary plus the domain words.

jieba's full dictionary (349k words) costs ~0.7 s and ~80 MB to load; residents'
messages need only the common words, so we build a dictionary of the most
frequent ones once per machine and add the domain dictionary on top.
"""
from __future__ import annotations

import hashlib
import logging
import tempfile
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)
GENERAL_WORDS = 60000
_CACHE = Path(tempfile.gettempdir()) / "minzhengtong-jieba"


def general_dictionary(size: int = GENERAL_WORDS) -> Path:
    """Path of a dictionary file with jieba's `size` most frequent words."""
    source = Path(jieba.__file__).parent / "dict.txt"
    tag = hashlib.sha1(f"{source.stat().st_size}:{size}".encode()).hexdigest()[:10]
    target = _CACHE / f"general-{size}-{tag}.txt"
    if not target.exists():
        _CACHE.mkdir(parents=True, exist_ok=True)
        rows = [line.split() for line in source.read_text(encoding="utf-8").splitlines()]
        rows.sort(key=lambda row: -int(row[1]))
        tmp = target.with_suffix(".tmp")
        tmp.write_text("\n".join(" ".join(r) for r in rows[:size]) + "\n", encoding="utf-8")
        tmp.replace(target)  # atomic, so parallel workers never read half a file
    return target


class Segmenter:
    """A jieba tokenizer of its own, so rebuilding never touches the global one."""

    def __init__(self, words: list[tuple[str, int, str]]) -> None:
        self.tokenizer = jieba.Tokenizer(dictionary=str(general_dictionary()))
        self.tokenizer.tmp_dir = str(_CACHE)
        self.tokenizer.initialize()
        self.domain = {word for word, _, _ in words}
        for word, freq, pos in words:
            self.tokenizer.add_word(word, int(freq), pos)

    def cut(self, text: str) -> list[str]:
        """Words of a normalised text, spaces dropped."""
        return [w for w in self.tokenizer.cut(text, HMM=False) if w.strip()]

    def is_common_word(self, word: str) -> bool:
        """A general-language word (not one we added), such as 一共 beside 义工."""
        return self.tokenizer.FREQ.get(word, 0) > 0 and word not in self.domain
