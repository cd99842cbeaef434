"""Golden tests: the extractors against a snapshot (nothing changed) and a hand-written truth (how right).

Regenerate the snapshot only on purpose:  NOTICES_UPDATE_GOLDEN=1 python3 -m pytest tests/test_golden.py
(then review `git diff tests/golden/snapshot`). The truth in tests/golden/truth is never regenerated:
it was written by hand from the notice text; see tests/golden/README.md.
"""
from __future__ import annotations

import difflib
import json
import os
from collections import Counter
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_scorer

GOLDEN = Path(__file__).resolve().parent / "golden"
SNAPSHOT_DIR = GOLDEN / "snapshot"
UPDATE = os.environ.get("NOTICES_UPDATE_GOLDEN") == "1"
FORMATS = ("txt", "docx", "pdf")

score = load_scorer()

NOTICES = score.notice_ids()
# Measured on the corpus at the time the truth was written, rounded down to 0.05 (same for all formats).
FLOORS = {  # kind: (precision, recall)
    "target": (1.00, 1.00),
    "deadline": (1.00, 1.00),
    "funding": (1.00, 1.00),
    "responsibility": (1.00, 1.00),
    "citation": (1.00, 1.00),
}
VALUE_FIELDS = {
    "target": ("value", "unit"),
    "deadline": ("deadline_kind", "due_date", "start_date"),
    "funding": ("amount_yuan",),
    "responsibility": ("department", "role"),
    "citation": ("doc_number", "title"),
}


@lru_cache(maxsize=None)
def notice_for(n: str, fmt: str):
    from extract.pipeline import process_file

    return process_file(score.input_path(n, fmt))


def serialize(notice) -> dict:
    """Deterministic JSON of what the extractors produced (Decimals and dates as strings)."""
    facts = []
    for field in ("targets", "deadlines", "funding", "responsibilities", "citations"):
        for f in getattr(notice, field):
            d = f.model_dump(mode="json", exclude={"sentence"}, exclude_none=True)
            facts.append({k: (str(v) if isinstance(v, (Decimal, date)) else v) for k, v in d.items()})
    facts.sort(key=lambda d: (d["kind"], d["start"], d["end"], json.dumps(d, ensure_ascii=False, sort_keys=True)))
    meta = notice.meta.model_dump(mode="json", exclude={"title_grounding", "doc_number_grounding",
                                                        "issue_date_grounding"})
    return {"meta": meta, "facts": facts}


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# ---------------------------------------------------------------- snapshot (regression)


@pytest.mark.parametrize("n", NOTICES)
def test_output_equals_snapshot(n):
    path = SNAPSHOT_DIR / f"{n}.json"
    got = dumps(serialize(notice_for(n, "txt")))
    if UPDATE:
        path.write_text(got, encoding="utf-8")
        pytest.skip(f"snapshot {path.name} written; review it with git diff")
    assert path.exists(), f"no snapshot {path}: run NOTICES_UPDATE_GOLDEN=1 python3 -m pytest {__file__}"
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = list(difflib.unified_diff(want.splitlines(), got.splitlines(), "snapshot", "now", lineterm="", n=6))
        more = f"\n… {len(diff) - 150} more diff lines" if len(diff) > 150 else ""
        pytest.fail(f"{n}: extractor output differs from tests/golden/snapshot/{n}.json "
                    f"(if intended: NOTICES_UPDATE_GOLDEN=1 and review the diff)\n" + "\n".join(diff[:150]) + more)


# ---------------------------------------------------------------- the truth itself


def test_truth_files_cover_the_corpus():
    corpus = sorted(p.name[:3] for p in (ROOT / "corpus").glob("[0-9][0-9][0-9]_*.txt"))
    assert NOTICES == corpus == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("n", NOTICES)
def test_every_truth_fact_is_locatable(n, fmt):
    """Each truth quote (in its context) stands exactly once in every rendition, each cell exists."""
    truth, doc = score.load_truth(n), notice_for(n, fmt).document
    loc = score.Locator(doc.text)
    for fact in truth["facts"]:
        spans = score.truth_spans(fact, doc, loc)
        if "table_index" in fact:
            (s, e), = spans
            cell = score.squeeze(doc.text[s:e])
            assert fact["value"] in cell if fact["kind"] == "target" else fact["quote"] in cell, (fact, cell)


@pytest.mark.parametrize("n", NOTICES)
def test_truth_fields_are_well_formed(n):
    truth = score.load_truth(n)
    for f in truth["facts"]:
        assert f["kind"] in score.KINDS
        if f["kind"] == "target":
            Decimal(f["value"])
        elif f["kind"] == "funding":
            assert Decimal(f["amount_yuan"]) > 0
        elif f["kind"] == "deadline":
            assert f["due_date"] is None or date.fromisoformat(f["due_date"])
            assert f["deadline_kind"] in ("by", "range", "after", "relative", "recurring", "on")
        elif f["kind"] == "responsibility":
            assert f["department"] and f["role"]
        else:
            assert f.get("doc_number") or f.get("title")


def test_headline_facts_are_in_the_truth():
    """The figures the issue names are written into the truth as must-haves."""
    key = {"target": "value", "funding": "amount_yuan", "responsibility": "department", "citation": "doc_number"}
    must = {(n, f["kind"], f.get(key.get(f["kind"], "due_date")) or f.get("department"))
            for n in NOTICES for f in score.load_truth(n)["facts"] if f.get("must")}
    for want in [("000", "target", "263"), ("000", "target", "33150"), ("000", "deadline", "2024-10-31"),
                 ("000", "deadline", "2024-12-31"), ("000", "deadline", "市县财政部门"),
                 ("000", "responsibility", "市县住建部门"), ("001", "funding", "82945200"),
                 ("001", "funding", "66360000"), ("001", "responsibility", "区住建和交通局"),
                 ("001", "responsibility", "区财政"), ("001", "responsibility", "财政局"),
                 ("004", "funding", "293500000"), ("001", "citation", "国办发〔2020〕23号")]:
        assert want in must, want
    share = [f for f in score.load_truth("001")["facts"] if f.get("amount_yuan") == "66360000"]
    assert share[0]["share_pct"] == "80"
    relative = [f for f in score.load_truth("000")["facts"] if f.get("deadline_kind") == "relative"]
    assert relative[0]["due_date"] is None and relative[0]["offset_days"] == 30


# ---------------------------------------------------------------- scoring against the truth


@pytest.mark.parametrize("fmt", FORMATS)
def test_scores_stay_above_floors(fmt):
    cache = {(n, fmt): notice_for(n, fmt) for n in NOTICES}
    totals, meta, _ = score.score_format(fmt, cache=cache)
    low = [f"{k}: P {s.precision:.3f} < {FLOORS[k][0]} or R {s.recall:.3f} < {FLOORS[k][1]}"
           for k, s in totals.items() if s.precision < FLOORS[k][0] or s.recall < FLOORS[k][1]]
    assert not low, f"{fmt}: " + "; ".join(low)
    assert meta["title"] == [5, 5] and meta["issue_date"] == [5, 5] and meta["doc_number"] == [5, 5]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("n", NOTICES)
def test_must_have_facts_are_matched(n, fmt):
    per_kind, _ = score.score_notice(n, notice_for(n, fmt))
    missed = [m for s in per_kind.values() for m in s.must_missed]
    assert not missed, missed


def test_scorer_sees_a_wrong_amount_and_a_dropped_fact():
    """The scorer is not a rubber stamp: a changed amount is a miss plus a false positive."""
    notice = notice_for("001", "txt").model_copy(deep=True)
    total = next(f for f in notice.funding if f.amount_yuan == Decimal("82945200"))
    total.amount_yuan = Decimal("8294520")
    notice.targets = [t for t in notice.targets if t.value != Decimal("3247")]
    per_kind, _ = score.score_notice("001", notice)
    assert per_kind["funding"].must_missed and per_kind["funding"].false_pos
    assert per_kind["funding"].precision < 1 and per_kind["target"].recall < 1


def test_scorer_deadline_needs_date_and_kind():
    notice = notice_for("000", "txt").model_copy(deep=True)
    d = next(d for d in notice.deadlines if d.due_date == date(2024, 10, 31))
    d.due_date = date(2024, 10, 30)
    per_kind, _ = score.score_notice("000", notice)
    assert any("2024 年 10 月 31 日前" in m for m in per_kind["deadline"].must_missed)


# ---------------------------------------------------------------- same facts in every format


def fact_multiset(notice) -> Counter:
    out: Counter = Counter()
    for f in serialize(notice)["facts"]:
        vals = tuple(score.squeeze(str(f.get(k))) for k in VALUE_FIELDS[f["kind"]])
        out[(f["kind"], score.squeeze(f["quote"]), vals)] += 1
    return out


@pytest.mark.parametrize("fmt", ("docx", "pdf"))
@pytest.mark.parametrize("n", NOTICES)
def test_same_facts_in_txt_docx_pdf(n, fmt):
    want, got = fact_multiset(notice_for(n, "txt")), fact_multiset(notice_for(n, fmt))
    only_txt, only_other = want - got, got - want
    assert not only_txt and not only_other, (
        f"{n}.{fmt}: only in txt {sorted(only_txt)[:8]}; only in {fmt} {sorted(only_other)[:8]}")
