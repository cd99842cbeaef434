"""Does any stage grow faster than linearly on long, unusual paragraphs? (issue 7: fast at scale)

Real notices keep clauses short; broken exports and hostile files do not (a whole annex on one line,
a date list thousands long, a run of text with no punctuation). A stage that scans the rest of its
paragraph for every expression it finds is quadratic there, and the parser's time limit then turns
a readable file into a failure. This script builds each shape at size n and 2n and prints the time
ratio: about 2 is linear, about 4 quadratic. It is a script, not a timed test (see README.md).

    python3 benchmarks/pathological.py            # n = 1000 repetitions (about a minute)
    python3 benchmarks/pathological.py --n 250    # quicker
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHAPES = {
    "dates listed after a range across years": lambda n: (
        "供暖期为2025年11月1日至2026年3月31日，" + "、".join(f"{1 + i % 12}月{1 + i % 28}日" for i in range(n)) + "前完成。"),
    "recurring dates, no punctuation": lambda n: "每月5日前" * n,
    "weekdays, no punctuation": lambda n: "每周五" * n,
    "parts after 其中 in the next sentence": lambda n: "安排资金100万元。其中，" + "A项目10万元，" * n,
    "departments acting, one sentence": lambda n: "，".join(f"市第{i}局组织开展检查" for i in range(n)) + "。",
    "scheduled ranges": lambda n: "。".join(f"2025年{1 + i % 10}月至{2 + i % 10}月，各区组织开展整治" for i in range(n)),
    "figures with units, no punctuation": lambda n: "改造小区12个" * n,
}


def seconds(text: str) -> float:
    from extract.pipeline import analyze
    from tests.conftest import paragraphs_doc

    doc = paragraphs_doc(text)
    t = time.perf_counter()
    analyze(doc)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="repetitions of each shape (then twice as many)")
    n = ap.parse_args().n
    seconds("热身：2025年6月底前完成。")  # imports and pattern compilation out of the timings
    print(f"{'shape':45s} {'chars':>8s} {'s at n':>8s} {'s at 2n':>8s} {'ratio':>6s}")
    worst = 0.0
    for name, make in SHAPES.items():
        a, b = seconds(make(n)), seconds(make(2 * n))
        ratio = b / a if a > 0 else float("nan")
        worst = max(worst, ratio)
        print(f"{name:45s} {len(make(2 * n)):8d} {a:8.2f} {b:8.2f} {ratio:6.1f}")
    print(f"worst ratio {worst:.1f} (2 = linear, 4 = quadratic)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
