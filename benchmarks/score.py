"""Score the extractors against the hand-written golden truth (tests/golden/truth/NNN.json).

Why a separate truth: the snapshot (tests/golden/snapshot) only says "nothing changed"; this says
"how right it is". This module loads the truth, runs the pipeline on each notice and prints the
totals; how a prediction is matched to a truth fact is in score_match.py.

Usage: python3 benchmarks/score.py [--set corpus|heldout|blind|blind2|blind3|blind4|blind5|blind6|blind7|blind8|blind9|blind10|blind11|blind12|blind13|blind14|blind15|blind16|blind17|blind18|blind19|blind20|blind21] [--format txt|docx|pdf] [--kind K] [--verbose]
       [--min-f1 X]

`--set heldout` scores the constructed notices of tests/fixtures/heldout (txt only) and also reports
the reconciliation checks against their planted discrepancies (score_checks.py). `--set blind` does
the same for tests/fixtures/blind (txt, or `--format docx` for its docx/ renditions); `--set blind2`,
`--set blind3` … `--set blind21` for the later blind sets, tests/fixtures/blind2..21 (txt only).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_checks import CheckScore, print_check_report, score_checks  # noqa: E402
from score_match import (  # noqa: E402, F401  (squeeze, truth_spans: re-exported for the tests)
    META_FIELDS, KindScore, Locator, meta_checks, score_kind, squeeze, truth_spans,
)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TRUTH_DIR = ROOT / "tests" / "golden" / "truth"
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
BLIND = ROOT / "tests" / "fixtures" / "blind"
FIXTURES = ROOT / "tests" / "fixtures"
TRUTH_DIRS = {"corpus": TRUTH_DIR, "heldout": HELDOUT / "truth", "blind": BLIND / "truth",
              "blind2": FIXTURES / "blind2" / "truth", "blind3": FIXTURES / "blind3" / "truth",
              "blind4": FIXTURES / "blind4" / "truth", "blind5": FIXTURES / "blind5" / "truth",
              "blind6": FIXTURES / "blind6" / "truth", "blind7": FIXTURES / "blind7" / "truth",
              "blind8": FIXTURES / "blind8" / "truth", "blind9": FIXTURES / "blind9" / "truth",
              "blind10": FIXTURES / "blind10" / "truth", "blind11": FIXTURES / "blind11" / "truth",
              "blind12": FIXTURES / "blind12" / "truth", "blind13": FIXTURES / "blind13" / "truth",
              "blind14": FIXTURES / "blind14" / "truth", "blind15": FIXTURES / "blind15" / "truth",
              "blind16": FIXTURES / "blind16" / "truth", "blind17": FIXTURES / "blind17" / "truth",
              "blind18": FIXTURES / "blind18" / "truth", "blind19": FIXTURES / "blind19" / "truth",
              "blind20": FIXTURES / "blind20" / "truth", "blind21": FIXTURES / "blind21" / "truth"}
RENDITIONS = ROOT / "tests" / "fixtures" / "renditions"
KINDS = ("target", "deadline", "funding", "responsibility", "citation")


# ---------------------------------------------------------------- running


def notice_ids(dataset: str = "corpus") -> list[str]:
    return sorted(p.stem for p in TRUTH_DIRS[dataset].glob("*.json"))


def load_truth(n: str, dataset: str = "corpus") -> dict:
    return json.loads((TRUTH_DIRS[dataset] / f"{n}.json").read_text(encoding="utf-8"))


def input_path(n: str, fmt: str, dataset: str = "corpus") -> Path:
    if fmt == "txt":
        return ROOT / load_truth(n, dataset)["source"]
    if dataset == "blind" and fmt == "docx":
        return BLIND / "docx" / f"{n}.docx"
    if dataset != "corpus":
        raise SystemExit(f"the {dataset} set has txt files only")
    return RENDITIONS / f"{n}.{fmt}"


def score_notice(n: str, notice, kinds=KINDS, dataset: str = "corpus"):
    """(per-kind scores, metadata field -> right) for one notice."""
    truth = load_truth(n, dataset)
    return {k: score_kind(k, truth, notice, n) for k in kinds}, meta_checks(truth, notice.meta)


def score_format(fmt: str, kinds=KINDS, notices: list[str] | None = None, cache: dict | None = None,
                 dataset: str = "corpus", check_score=None):
    """Totals per kind over a set, and metadata right/total per field (checks into check_score)."""
    from extract.pipeline import process_file

    totals = {k: KindScore() for k in kinds}
    meta: dict[str, list[int]] = {f: [0, 0] for f in META_FIELDS}
    meta_wrong: list[str] = []
    for n in notices or notice_ids(dataset):
        notice = (cache or {}).get((n, fmt)) or process_file(input_path(n, fmt, dataset))
        if check_score is not None:
            check_score.add(score_checks(n, load_truth(n, dataset), notice, Locator(notice.document.text)))
        per_kind, mc = score_notice(n, notice, kinds, dataset)
        for k, s in per_kind.items():
            totals[k].add(s)
        for f, ok in mc.items():
            meta[f][0] += ok
            meta[f][1] += 1
            if not ok:
                meta_wrong.append(f"{n}: {f} = {getattr(notice.meta, f)!r}")
    return totals, meta, meta_wrong


def print_report(fmt: str, totals, meta, meta_wrong, verbose: bool) -> None:
    print(f"format: {fmt}")
    print(f"{'kind':<15}{'pred':>6}{'truth':>7}{'match':>7}{'prec':>8}{'recall':>8}{'F1':>7}  fields")
    for k, s in totals.items():
        fields = ", ".join(f"{name} {r}/{t}" for name, (r, t) in s.fields.items())
        print(f"{k:<15}{s.predicted:>6}{s.truth:>7}{s.matched_truth:>7}"
              f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>7.3f}  {fields}")
    print("metadata: " + ", ".join(f"{f} {r}/{t}" for f, (r, t) in meta.items()))
    for k, s in totals.items():
        if s.must_missed:
            print(f"MUST-HAVE MISSED ({k}): " + "; ".join(s.must_missed))
    if not verbose:
        return
    for k, s in totals.items():
        for m in s.misses:
            print(f"  miss  {k:<14} {m}")
        for fp in s.false_pos:
            print(f"  false {k:<14} {fp}")
        for w in s.field_wrong:
            print(f"  field {k:<14} {w}")
    for w in meta_wrong:
        print(f"  meta  {w}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="dataset", choices=tuple(TRUTH_DIRS), default="corpus")
    ap.add_argument("--format", choices=("txt", "docx", "pdf"), default="txt")
    ap.add_argument("--kind", choices=KINDS, action="append")
    ap.add_argument("--notice", action="append", help="e.g. 003 (repeatable)")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--min-f1", type=float, default=None)
    args = ap.parse_args(argv)
    kinds = tuple(args.kind or KINDS)
    checks = CheckScore() if args.dataset != "corpus" else None
    totals, meta, meta_wrong = score_format(args.format, kinds, args.notice, dataset=args.dataset,
                                            check_score=checks)
    print_report(f"{args.format} ({args.dataset})", totals, meta, meta_wrong, args.verbose)
    if checks is not None:
        print_check_report(checks)
    if args.min_f1 is not None and any(s.f1 < args.min_f1 for s in totals.values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
