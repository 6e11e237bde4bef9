"""Understanding benchmark: time per message, cold start and memory.

    .venv/bin/python bench/nlu_bench.py [--rules-only]

Per-message time is measured over the development and held-out texts with the
knowledge base as shipped (30 guides) and grown synthetically to 1,000 and
10,000 FAQ entries; cold start and resident memory in a fresh process.
"""
from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intents.understand import Understander  # noqa: E402
from knowledge.snapshot import from_files  # noqa: E402

# The shared development set sits beside the checkout (main) or two levels up (a worktree).
SHARED = [p for p in (ROOT.parent / "shared" / "eval" / "dev.jsonl",
                      ROOT.parent.parent / "shared" / "eval" / "dev.jsonl") if p.exists()]
TEXT_FILES = SHARED[:1] + [ROOT / "tests" / "data" / "heldout.jsonl"]
TEMPLATES = ["{a}{b}怎么{v}", "{a}和{b}有什么区别", "{a}的{b}要{v}多久", "{b}{a}能不能{v}",
             "请问{a}{b}需要带什么", "{a}{b}的标准是多少"]
VERBS = ["申请", "办理", "认定", "领取", "登记", "核实", "补办", "查询"]
COLD = """
import resource, time
t0 = time.perf_counter()
from intents.understand import Understander
from knowledge.snapshot import from_files
Understander(from_files()).understand("低保要什么材料")
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def messages() -> list[tuple[str, list[str]]]:
    rows = []
    for path in TEXT_FILES:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                item = json.loads(line)
                rows.append((item["text"], item.get("context") or []))
    return rows


def grown(snapshot, size: int):
    """The snapshot with `size` synthetic FAQ entries built from domain words."""
    rng = random.Random(size)
    words = [w for w, _, _ in snapshot.words] or ["低保", "救助"]
    codes = sorted(snapshot.guides)
    faq = list(snapshot.faq)
    for i in range(size - len(faq)):
        phrase = lambda: rng.choice(TEMPLATES).format(a=rng.choice(words), b=rng.choice(words),  # noqa: E731
                                                      v=rng.choice(VERBS))
        faq.append({"id": f"synthetic-{i}", "service": rng.choice(codes), "aspect": None,
                    "question": phrase(), "alternates": [phrase() for _ in range(3)],
                    "answer": "（合成条目，仅用于性能测试）"})
    return replace(snapshot, faq=faq)


def timings(understander, rows, rounds: int = 3) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        for text, context in rows:
            started = time.perf_counter()
            understander.understand(text, context=context)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99)]


def main() -> None:
    rules_only = "--rules-only" in sys.argv  # leave the learned model (and calibration) out
    # First, while this process is small: Linux keeps a parent's peak RSS across exec.
    colds, rss = [], []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
        colds.append(float(out[0]))
        rss.append(float(out[1]))
    print(f"cold start to first answer: median {statistics.median(colds):.2f} s over 5 runs; "
          f"resident set size {max(rss):.0f} MB")

    rows = messages()
    base = from_files()
    print(f"messages: {len(rows)} (x3 rounds)")
    for label, snapshot in (("30 guides + FAQ as shipped", base), ("1,000 entries", grown(base, 1000)),
                            ("10,000 entries", grown(base, 10000))):
        started = time.perf_counter()
        understander = Understander(snapshot)
        built = time.perf_counter() - started
        if rules_only:
            understander.model = None
        median, p99 = timings(understander, rows)
        print(f"{label:<28} median {median:.3f} ms  p99 {p99:.3f} ms  (index built in {built:.2f} s)")

if __name__ == "__main__":
    main()
