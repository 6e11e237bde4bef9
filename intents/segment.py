"""Word segmentation: jieba's algorithm (rjieba, in Rust) over a compact dictionary.

jieba's full dictionary (349k words) costs time and memory to load; residents'
messages need only the common words, so we build a dictionary of the most
frequent ones once per machine and add the domain dictionary on top. The
words come from the jieba package's own dictionary file; segmenting them is
rjieba's (jieba-rs), which cuts the same words as jieba without its HMM,
about 50 times faster (bench/parts_agree.py compares the two on every
development text).
"""
from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import tempfile
from pathlib import Path

GENERAL_WORDS = 60000
_CACHE = Path(tempfile.gettempdir()) / "minzhengtong-jieba"


def _tokenizer_class():
    """rjieba's Jieba class, from its compiled module alone.

    `import rjieba` builds a default tokenizer over jieba's full dictionary
    (0.1-0.8 s and ~30 MB) that is never used here; the compiled module has
    the class without it. Any surprise in the package's layout falls back
    to the plain import.
    """
    spec = importlib.util.find_spec("rjieba")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for path in Path(folder).glob("rjieba*.so"):
            loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(path))
            found = importlib.util.spec_from_file_location("rjieba.rjieba", str(path), loader=loader)
            if found is not None:
                module = importlib.util.module_from_spec(found)
                loader.exec_module(module)
                return module.Jieba
    import rjieba

    return rjieba.Jieba


Jieba = _tokenizer_class()


def _jieba_dictionary() -> Path:
    # jieba's word list, found without importing jieba (only its data file is used).
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise RuntimeError("the jieba package (its dictionary file) is not installed")
    return Path(spec.origin).parent / "dict.txt"


def general_dictionary(size: int = GENERAL_WORDS) -> Path:
    """Path of a dictionary file with jieba's `size` most frequent words."""
    source = _jieba_dictionary()
    tag = hashlib.sha1(f"{source.stat().st_size}:{size}".encode()).hexdigest()[:10]
    target = _CACHE / f"general-{size}-{tag}.txt"
    if not target.exists():
        _CACHE.mkdir(parents=True, exist_ok=True)
        rows = [line.split() for line in source.read_text(encoding="utf-8").splitlines()]
        rows.sort(key=lambda row: -int(row[1]))
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("\n".join(" ".join(r) for r in rows[:size]) + "\n", encoding="utf-8")
        tmp.replace(target)  # atomic, so parallel workers never read half a file
    return target


class Segmenter:
    """A tokenizer of its own over the compact dictionary plus the domain words."""

    def __init__(self, words: list[tuple[str, int, str]]) -> None:
        self.tokenizer = Jieba.empty()
        add = self.tokenizer.add_word
        with open(general_dictionary(), encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) >= 2:
                    add(parts[0], int(parts[1]), parts[2] if len(parts) > 2 else None)
        self.domain = {word for word, _, _ in words}
        for word, freq, pos in words:
            add(word, int(freq), pos or None)

    def cut(self, text: str) -> list[str]:
        """Words of a normalised text, spaces dropped."""
        return [w for w in self.tokenizer.cut(text, False) if w.strip()]

    def is_common_word(self, word: str) -> bool:
        """A general-language word (not one we added), such as 一共 beside 义工."""
        return word not in self.domain and self.tokenizer.has_word(word)
