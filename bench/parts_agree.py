"""Do two builds of the text parts agree? Dump, swap a library, dump again, compare.

    .venv/bin/python bench/parts_agree.py dump before.json      # with one set of packages
    .venv/bin/python bench/parts_agree.py dump after.json       # after swapping a package
    .venv/bin/python bench/parts_agree.py compare before.json after.json

Covers every development message, FAQ phrasing and guide text: traditional →
simplified on the texts as written and on their traditional rendering, the
segmenter's words, and the four labels (with the learned model left out, so
only the parts are compared).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intents.normalize import to_simplified  # noqa: E402
from intents.training import default_labelled, read_labelled  # noqa: E402
from intents.understand import Understander  # noqa: E402
from knowledge.snapshot import from_files  # noqa: E402


def texts() -> tuple[list[dict], list[str]]:
    rows, _ = read_labelled(default_labelled(ROOT))
    snapshot = from_files()
    out = [r["text"] for r in rows]
    for entry in snapshot.faq:
        out += [entry["question"], *(entry.get("alternates") or []), entry["answer"]]
    for guide in snapshot.guides.values():
        out += [str(v) for v in guide.values() if isinstance(v, str)]
    return rows, out


def traditional(text: str) -> str:
    """The text in traditional characters, by the reference table (fixed across builds)."""
    table = _S2T if _S2T else _load_s2t()
    return "".join(table.get(ch, ch) for ch in text)


_S2T: dict[str, str] = {}


def _load_s2t() -> dict[str, str]:
    # The inverse of OpenCC's own TSCharacters table, first reading: a fixed input for both builds.
    data = ROOT / "bench" / "data" / "s2t_chars.json"
    _S2T.update(json.loads(data.read_text(encoding="utf-8")))
    return _S2T


def dump(path: str) -> None:
    rows, corpus = texts()
    understander = Understander(from_files())
    understander.model = None
    words = understander.segmenter
    result = {
        "simplified": [to_simplified(t) for t in corpus],
        "simplified_from_traditional": [to_simplified(traditional(t)) for t in corpus],
        "words": [words.cut(t) for t in corpus],
        "labels": [understander.understand(r["text"], context=r.get("context") or []).labels()
                   for r in rows],
    }
    Path(path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    print(f"{path}: {len(corpus)} texts, {len(rows)} labelled messages")


def compare(first: str, second: str) -> int:
    a = json.loads(Path(first).read_text(encoding="utf-8"))
    b = json.loads(Path(second).read_text(encoding="utf-8"))
    differ = 0
    for key in a:
        diffs = [i for i, (x, y) in enumerate(zip(a[key], b[key], strict=True)) if x != y]
        differ += len(diffs)
        print(f"{key:<28} {len(a[key]):>6} compared, {len(diffs)} differ")
        for i in diffs[:8]:
            print(f"    {a[key][i]!r}\n  → {b[key][i]!r}")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["dump"]:
        dump(sys.argv[2])
    elif sys.argv[1:2] == ["compare"]:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
