"""Robustness of the pipeline on the second blind set (tests/fixtures/blind2, see its README).

Why robustness only: the set measures extraction on notices nobody tuned on (measured once), so a
score floor here would invite tuning on it. What must hold whatever the scores: the pipeline never
raises, every fact is grounded (text[start:end] == quote), and the truth itself is sound (every truth
fact and planted discrepancy locatable, the planted arithmetic as the truth says).
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pytest

from extract.pipeline import process_file
from tests.conftest import load_scorer

score = load_scorer()

SET = "blind2"
NOTICES = score.notice_ids(SET)
FACT_FIELDS = ("targets", "deadlines", "funding", "responsibilities", "citations")


@lru_cache(maxsize=None)
def notice_for(n: str):
    return process_file(score.input_path(n, "txt", SET))


def _table_rows(n: str) -> list[list[str]]:
    """The tab-separated rows of the notice's (single) table, header first."""
    text = score.input_path(n, "txt", SET).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if "\t" in line]


def test_five_notices_of_the_right_size_with_two_planted_discrepancies():
    assert NOTICES == ["c01", "c02", "c03", "c04", "c05"]
    for n in NOTICES:
        assert 1500 <= len(score.input_path(n, "txt", SET).read_text(encoding="utf-8")) <= 4000, n
    planted = {n: [(e["stated"], e["computed"]) for e in score.load_truth(n, SET)["expected_discrepancies"]]
               for n in NOTICES}
    assert planted == {"c01": [("940", "904")], "c02": [], "c03": [], "c04": [], "c05": [("2.4", "2.5")]}


def test_planted_arithmetic_is_what_the_truth_says():
    """c01 row 5 parts add to 904 (not 940) and the 合计 row is right; c05 parts add to 2.5亿元."""
    rows = _table_rows("c01")
    assert rows[5][1] == "松源县" and rows[5][2] == "940"
    assert Decimal(rows[5][3]) + Decimal(rows[5][4]) == 904
    assert all(Decimal(r[2]) == Decimal(r[3]) + Decimal(r[4]) for i, r in enumerate(rows[1:], 1) if i != 5)
    for col in (3, 4):
        assert sum(Decimal(r[col]) for r in rows[1:11]) == Decimal(rows[11][col])
    assert Decimal("1.1") + Decimal("0.8") + Decimal("0.6") == Decimal("2.5")


def test_consistent_tables_add_up():
    """No unplanted inconsistency hides in the other tables (a broken fixture would mislead)."""
    c02 = _table_rows("c02")
    for col in range(1, 5):
        assert sum(int(r[col]) for r in c02[1:-1]) == int(c02[-1][col])
    c03 = _table_rows("c03")
    assert len(c03[1:-1]) == 8
    for col in (3, 4):
        assert sum(Decimal(r[col]) for r in c03[1:-1]) == Decimal(c03[-1][col])
    c05 = _table_rows("c05")
    for r in c05[1:5]:
        assert sum(int(x) for x in r[1:4]) == int(r[4]), r


@pytest.mark.parametrize("n", NOTICES)
def test_pipeline_does_not_raise_and_finds_one_table(n):
    assert len(notice_for(n).document.tables()) == 1, n


@pytest.mark.parametrize("n", NOTICES)
def test_every_fact_is_grounded(n):
    text = notice_for(n).document.text
    for name in FACT_FIELDS:
        for fact in getattr(notice_for(n), name):
            assert text[fact.start:fact.end] == fact.quote, (n, name, fact.quote)


@pytest.mark.parametrize("n", NOTICES)
def test_truth_is_locatable(n):
    """Every truth fact, known non-fact and planted discrepancy stands in the document."""
    truth, doc = score.load_truth(n, SET), notice_for(n).document
    loc = score.Locator(doc.text)
    for fact in truth["facts"]:
        assert score.truth_spans(fact, doc, loc), (n, fact.get("quote"))
    for nf in truth["not_facts"]:
        assert loc.find_all(nf["quote"]), (n, nf["quote"])
    for exp in truth["expected_discrepancies"]:
        cell = doc.tables()[exp["table_index"]].table.cell_at(exp["row"], exp["col"]) if "table_index" in exp else None
        assert cell is None or cell.text == exp["quote"], (n, exp)
        assert loc.locate(exp["quote"], exp.get("context")) if cell is None else cell, (n, exp)
