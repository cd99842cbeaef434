"""Reconciliation on the corpus: exact results, check counts, and mutation tests.

Mutation tests change one figure at a time in a copy of a notice and assert that exactly one
discrepancy appears, for exactly that figure (column and group), and that the original passes.
"""
from __future__ import annotations

import collections
from decimal import Decimal as D
from pathlib import Path

import pytest

from extract.readers.builder import DocumentBuilder, RawCell
from extract.readers.docx import read_docx
from extract.readers.pdf import read_pdf
from extract.readers.txt import read_txt
from extract.reconcile import run_checks
from extract.tables import analyze_table
from schemas import BlockKind, CheckStatus
from tests.conftest import RENDITIONS, seed

DISC = CheckStatus.discrepancy

EXPECTED = {
    "000": {("subtotal", "ok"): 20, ("table_total", "ok"): 8, ("text_vs_table", "ok"): 2},
    "001": {("parts_vs_whole", "ok"): 1, ("share_rate", "rounding"): 1},
    "002": {("table_total", "ok"): 2, ("text_vs_table", "ok"): 2},
    # 003 item_count ok: 3 name lists, the 1–26 numbering, and (since the count links) 26个老旧小区
    # against the 26 items of '涉及的小区包括：1.…26.' (the 完善类/提升类 lists are within it).
    "003": {("parts_vs_whole", "ok"): 4, ("parts_vs_whole", "discrepancy"): 1,
            ("item_count", "ok"): 5, ("item_count", "unverifiable"): 1},
    "004": {("table_total", "ok"): 12, ("text_vs_table", "ok"): 14},
}


def checks_of(n: str):
    doc = read_txt(seed(n))
    return doc, run_checks(doc)


def tally(checks) -> dict:
    return dict(collections.Counter((c.kind, c.status.value) for c in checks))


@pytest.mark.parametrize("n", sorted(EXPECTED))
def test_corpus_check_counts_and_grounding(n):
    doc, checks = checks_of(n)
    assert tally(checks) == EXPECTED[n]
    for c in checks:
        assert c.message and c.figures
        for f in c.figures:
            assert doc.text[f.start:f.end] == f.quote, (c.message, f)


def test_corpus_has_exactly_one_discrepancy_003_buildings():
    found = []
    for n in EXPECTED:
        doc, checks = checks_of(n)
        found += [(n, c) for c in checks if c.status == DISC]
    assert len(found) == 1
    n, c = found[0]
    assert n == "003" and c.kind == "parts_vs_whole"
    assert (c.stated, c.computed, c.difference, c.tolerance, c.unit) == (D(84), D(81), D(-3), D(0), "栋")
    assert [f.raw for f in c.figures] == ["84栋", "35栋", "29栋", "17栋"]
    assert [f.label for f in c.figures[1:]] == ["西关北街片区", "西关南街片区", "南城路片区"]
    assert "84栋" in c.message and "81" in c.message


def test_000_table_checks_and_text_totals():
    doc, checks = checks_of("000")
    table = [c for c in checks if c.kind in ("subtotal", "table_total")]
    assert len(table) == 28 and all(c.status == CheckStatus.ok for c in table)
    by_subject = {c.subject: c for c in table if c.kind == "subtotal"}
    yinchuan = by_subject["银川市 改造任务 (户<套>)"]
    assert yinchuan.stated == 22531 and yinchuan.computed == 22531 and yinchuan.unit == "户"
    assert [f.raw for f in yinchuan.figures[1:]] == ["10808", "6976", "3462", "450", "835"]
    area = [c for c in table if c.subject == "全区 总建筑面积 (万平方米)"]
    assert [c.tolerance for c in area] == [D("0.030"), D("0.080")]  # 6 and 16 figures at ±0.005
    text = [c for c in checks if c.kind == "text_vs_table"]
    assert sorted(c.stated for c in text) == [263, 33150]
    assert all(c.status == CheckStatus.ok and c.figures[1].row == 1 for c in text)
    assert "全区 楼栋数: stated 915 栋, its subtotals and unattached rows sum to 915 栋 (ok)" in [
        c.message for c in table]


def test_001_rate_and_sources():
    _, checks = checks_of("001")
    rate = next(c for c in checks if c.kind == "share_rate")
    assert (rate.stated, rate.computed, rate.difference, rate.tolerance) == (
        D(6636), D("6635.616"), D("-0.384"), D("0.504"))
    assert rate.status == CheckStatus.rounding and rate.unit == "万元"
    assert [f.role for f in rate.figures] == ["stated", "base", "rate"]
    parts = next(c for c in checks if c.kind == "parts_vs_whole")
    assert parts.stated == D("8294.52") and [f.raw for f in parts.figures[1:]] == ["6636万元", "1658.52万元"]


def test_003_parts_and_units():
    _, checks = checks_of("003")
    parts = {c.unit: c for c in checks if c.kind == "parts_vs_whole"}
    assert parts["万平方米"].computed == D("24.7891") and parts["万平方米"].status == CheckStatus.ok
    assert parts["户"].stated == 3081 and parts["个"].stated == 26
    assert parts["万元"].stated == D("17808.68") and parts["万元"].computed == D("17808.68")
    skipped = next(c for c in checks if c.status == CheckStatus.unverifiable)
    assert "skips 5" in skipped.message and skipped.stated == 13 and skipped.computed == 12


def test_004_text_against_several_tables():
    _, checks = checks_of("004")
    together = [c for c in checks if c.kind == "text_vs_table" and len(c.figures) == 4]
    assert sorted(c.stated for c in together) == [D(186), D("297.49")]
    assert {f.table_index for c in together for f in c.figures[1:]} == {0, 1, 2}
    invest = next(c for c in checks if c.kind == "text_vs_table" and c.stated == D("2.935"))
    assert invest.unit == "亿元" and invest.tolerance == D("0.001") and invest.figures[1].table_index == 0


# ---------------------------------------------------------------- mutation tests

def reread(text: str, tmp_path: Path):
    path = tmp_path / "mutated.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_txt(path)
    return doc, run_checks(doc)


def table_figure_sites(n: str):
    """(table, row, col, start, end, raw) of every table figure that takes part in a total."""
    doc = read_txt(seed(n))
    sites = []
    for ti, block in enumerate(doc.tables()):
        model = analyze_table(block)
        for (r, k), cell in model.cells.items():
            sites.append((ti, r, k, cell.start, cell.end, cell.raw))
        for row in model.rows:
            if row.label_total:
                lt = row.label_total
                sites.append((ti, row.index, lt.col, lt.start, lt.end, lt.raw))
    return doc.text, sites


@pytest.mark.parametrize("n", ["000", "002", "004"])
def test_every_table_figure_changed_gives_exactly_one_discrepancy(n, tmp_path):
    text, sites = table_figure_sites(n)
    assert len(sites) == {"000": 84, "002": 32, "004": 48}[n]
    for ti, r, k, start, end, raw in sites:
        mutated = text[:start] + str(D(raw) + 1) + text[end:]
        doc, checks = reread(mutated, tmp_path)
        disc = [c for c in checks if c.status == DISC]
        assert len(disc) == 1, (raw, r, k, [c.message for c in disc])
        assert any((f.table_index, f.row, f.col) == (ti, r, k) for f in disc[0].figures), disc[0].message
        table_figs = [f for f in disc[0].figures if f.table_index is not None and f.row != r]
        if disc[0].kind == "subtotal":  # the group: one column
            assert {f.col for f in table_figs} <= {k}
    doc, checks = reread(text, tmp_path)
    assert not [c for c in checks if c.status == DISC]


def test_wrong_district_cell_is_reported_once_at_its_subtotal(tmp_path):
    text, _ = table_figure_sites("000")
    doc, checks = reread(text.replace("\t3462\t", "\t3472\t"), tmp_path)
    disc = [c for c in checks if c.status == DISC]
    assert len(disc) == 1 and disc[0].kind == "subtotal" and disc[0].subject == "银川市 改造任务 (户<套>)"
    assert disc[0].difference == 10
    echoed = [c for c in checks if c.status == CheckStatus.unverifiable]
    assert len(echoed) == 1 and echoed[0].subject == "全区 改造任务 (户<套>)"
    assert "not reported twice" in echoed[0].hint
    assert len(checks) == 30  # the count of checks performed does not change


def test_wrong_grand_total_cell_is_named(tmp_path):
    text, _ = table_figure_sites("000")
    doc, checks = reread(text.replace("\t33150\t", "\t33151\t"), tmp_path)
    disc = [c for c in checks if c.status == DISC]
    assert len(disc) == 1 and disc[0].difference == -1
    assert "全区 改造任务 (户<套>) = 33151 (table row 1, column 2)" in disc[0].hint
    assert sum(c.status == CheckStatus.unverifiable for c in checks) == 2  # 全区 vs districts, text


TEXT_MUTATIONS = [
    ("000", "263 个", "264 个", "text_vs_table"),
    ("000", "33150 户（套）", "33140 户（套）", "text_vs_table"),
    ("001", "1658.52万元", "1668.52万元", "parts_vs_whole"),
    ("001", "共计6636万元", "共计6646万元", "parts_vs_whole"),
    ("001", "8294.52万元", "8304.52万元", "parts_vs_whole"),
    ("002", "新开工改造城镇老旧小区 25516 户", "新开工改造城镇老旧小区 25517 户", "text_vs_table"),
    ("003", "住户1435户", "住户1436户", "parts_vs_whole"),
    ("003", "9381.269万元", "9391.269万元", "parts_vs_whole"),
    ("003", "17808.68万元", "17708.68万元", "parts_vs_whole"),
    ("003", "24.7891万平方米", "24.7991万平方米", "parts_vs_whole"),
    ("003", "3081户", "3080户", "parts_vs_whole"),
    ("003", "税务小区3个", "税务小区4个", "item_count"),
    ("004", "186个", "187个", "text_vs_table"),
    ("004", "297.49万平方米", "297.39万平方米", "text_vs_table"),
    ("004", "涉及户数6670户", "涉及户数6671户", "text_vs_table"),
    ("004", "预计投资4.284亿元", "预计投资4.294亿元", "text_vs_table"),
]


@pytest.mark.parametrize("n,old,new,kind", TEXT_MUTATIONS)
def test_text_figure_changed_gives_exactly_one_new_discrepancy(n, old, new, kind, tmp_path):
    text = seed(n).read_text(encoding="utf-8")
    assert text.count(old) == 1
    doc, checks = reread(text.replace(old, new), tmp_path)
    disc = [c for c in checks if c.status == DISC and c.stated != 84]
    assert len(disc) == 1, [c.message for c in disc]
    assert disc[0].kind == kind
    pos = text.index(old)
    assert any(pos <= f.start < pos + len(new) for f in disc[0].figures)


def test_fixing_the_003_buildings_leaves_no_discrepancy(tmp_path):
    text = seed("003").read_text(encoding="utf-8")
    _, checks = reread(text.replace("共84栋", "共81栋"), tmp_path)
    assert not [c for c in checks if c.status == DISC]


def test_small_change_within_rounding_is_not_a_discrepancy(tmp_path):
    text, _ = table_figure_sites("000")
    _, checks = reread(text.replace("\t85.25\n", "\t85.26\n"), tmp_path)
    assert not [c for c in checks if c.status == DISC]
    assert {c.status for c in checks if "总建筑面积" in c.subject} == {CheckStatus.ok, CheckStatus.rounding}


# ---------------------------------------------------------------- other layouts and formats

def test_budget_style_table_with_subtotals_at_the_bottom_and_a_wrong_item():
    b = DocumentBuilder()
    b.add_paragraph("全年安排资金合计1,235.5万元，其中：项目支出见下表。")
    rows = [["项目", "金额（万元）"], ["甲", "100.5"], ["乙", "200"], ["小计", "300.5"],
            ["丙", "935"], ["小计", "935"], ["合计", "1235.5"]]
    b.add_table([RawCell(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row)])
    doc = b.build("budget.txt", "txt")
    checks = run_checks(doc)
    assert tally(checks) == {("subtotal", "ok"): 2, ("table_total", "ok"): 2}
    b2 = DocumentBuilder()
    rows[2][1] = "210"
    b2.add_table([RawCell(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row)])
    checks = run_checks(b2.build("budget.txt", "txt"))
    disc = [c for c in checks if c.status == DISC]
    assert len(disc) == 1 and disc[0].subject == "小计 (甲–乙) 金额（万元）" and disc[0].difference == 10


@pytest.mark.parametrize("name,expected", [("000.docx", "000"), ("004.pdf", "004"), ("003.pdf", "003")])
def test_renditions_give_the_same_checks(name, expected):
    path = RENDITIONS / name
    doc = read_docx(path) if name.endswith(".docx") else read_pdf(path)
    assert tally(run_checks(doc)) == EXPECTED[expected]


def doc_with(paragraphs: list[str], rows: list[list[str]] | None = None, header_rows=None):
    b = DocumentBuilder()
    for p in paragraphs:
        b.add_paragraph(p)
    if rows:
        b.add_table([RawCell(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row)],
                    header_rows=header_rows)
    return b.build("t.txt", "txt")


def test_rate_and_percent_columns_are_never_summed_and_total_columns_are_checked():
    rows = [["地区", "合计(万元)", "中央(万元)", "地方(万元)", "完成率", "增长(%)"],
            ["甲", "150", "100", "50", "80%", "5.2"],
            ["乙", "75.5", "60", "15.5", "90%", "3.1"],
            ["合计", "225.5", "160", "65.5", "85%", "4.0"]]
    checks = run_checks(doc_with([], rows))
    assert tally(checks) == {("table_total", "ok"): 6}  # 3 columns down, 3 rows across
    rows[2][2] = "70"
    checks = run_checks(doc_with([], rows))
    disc = [c for c in checks if c.status == DISC]
    assert len(disc) == 1
    assert "乙 中央(万元) = 70 (table row 2, column 2)" in disc[0].hint  # the one cell both checks share


def test_misread_structure_is_not_called_a_discrepancy():
    rows = [["序号", "名称", "户数", "栋数"], ["", "备用行", "7", "9"], ["1", "甲", "10", "2"],
            ["2", "乙", "20", "3"], ["", "合计", "30", "5"]]
    checks = run_checks(doc_with([], rows))
    assert not [c for c in checks if c.status == DISC]
    assert {c.status for c in checks if c.kind == "subtotal"} == {CheckStatus.unverifiable}


def test_descriptive_share_with_its_base_written():
    ok = run_checks(doc_with(["全市共有老旧小区200个，已改造51个，占总数200个的26%。"]))
    share = [c for c in ok if c.kind == "share_descriptive"]
    assert len(share) == 1 and share[0].status == CheckStatus.rounding and share[0].computed == D("25.50")
    bad = run_checks(doc_with(["全市共有老旧小区200个，已改造51个，占总数200个的30%。"]))
    assert [c.status for c in bad if c.kind == "share_descriptive"] == [DISC]


def test_coverage_without_a_written_base_is_not_checked():
    checks = run_checks(doc_with(["海勃湾区提升类改造小区47个，覆盖率为32%。"]))
    assert not [c for c in checks if c.kind.startswith("share")]


def test_approximate_whole_is_not_held_to_equality():
    text = "计划改造约3000户，分别为：甲片区1000户；乙片区1500户。"
    checks = run_checks(doc_with([text]))
    assert [(c.kind, c.status) for c in checks] == [("parts_vs_whole", CheckStatus.unverifiable)]
    text = "计划改造3000余户，分别为：甲片区1000户；乙片区1500户。"
    checks = run_checks(doc_with([text]))
    assert [c.status for c in checks] == [DISC]  # 'more than 3000' cannot be 2500


def test_rate_in_yuan_against_a_total_in_wan_yuan():
    paragraphs = ["项目总投资120万元，资金来源如下：", "（一）省级补助。按照投资总额50%计算，共计600000元。",
                  "（二）县级配套600000元。"]
    checks = run_checks(doc_with(paragraphs))
    assert tally(checks) == {("parts_vs_whole", "ok"): 1, ("share_rate", "ok"): 1}
    rate = next(c for c in checks if c.kind == "share_rate")
    assert rate.unit == "元" and rate.computed == 600000


def test_open_ended_lists_and_counts_of_other_things_are_not_item_counts():
    checks = run_checks(doc_with(["完成朝阳家园、新一中家属院等25个老旧小区改造。",
                                  "涉及甲片区、乙片区、丙片区共84栋楼。"]))
    assert not [c for c in checks if c.kind == "item_count"]


def test_guards_against_counting_other_things():
    paragraphs = [
        "在兴庆区、金凤区、西夏区实施12个项目。",                       # a count of projects, not of names
        "项目总投资1000万元，今年计划投资300万元，明年投资400万元。",     # amounts by year, not sources
    ]
    assert run_checks(doc_with(paragraphs)) == []
    partial = run_checks(doc_with(["项目总投资1000万元，其中中央补助资金600万元，地方配套资金300万元。"]))
    assert [(c.kind, c.status) for c in partial] == [("parts_vs_whole", CheckStatus.unverifiable)]
    over = run_checks(doc_with(["项目总投资1000万元，其中中央补助资金700万元，地方配套资金400万元。"]))
    assert [c.status for c in over] == [DISC]  # parts cannot exceed the whole


def test_a_list_after_qizhong_that_goes_on_past_a_comma_and_adds_up_is_complete():
    text = ("计划总投资8.6亿元，其中争取中央预算内投资3.1亿元、地方政府专项债券资金2.4亿元，"
            "企业自筹2.6亿元，市县两级财政安排{}亿元。")
    (full,) = run_checks(doc_with([text.format("0.5")]))
    assert (full.kind, full.status, full.computed) == ("parts_vs_whole", CheckStatus.ok, D("8.6"))
    assert [f.raw for f in full.figures if f.role == "term"] == ["3.1亿元", "2.4亿元", "2.6亿元", "0.5亿元"]
    # when the longer list does not add up, only the 、 list is the 其中 part, which may be partial
    (short,) = run_checks(doc_with([text.format("0.4")]))
    assert (short.status, short.computed) == (CheckStatus.unverifiable, D("5.5"))


@pytest.mark.parametrize("extra", ["其中银川市改造 146 个、22000 户。", "银川市改造小区 146 个、22000 户。"])
def test_text_about_a_member_row_is_not_compared_with_the_grand_total(extra, tmp_path):
    text = seed("000").read_text(encoding="utf-8").replace("一、目标任务", "一、目标任务\n\n" + extra)
    doc, checks = reread(text, tmp_path)
    assert not [c for c in checks if c.status == DISC]
    assert tally(checks) == EXPECTED["000"]


# ---------------------------------------------------------------- held-out notices (other domains)

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"


def heldout_checks(prefix: str, old: str | None = None, new: str | None = None, tmp_path=None):
    path = next(HELDOUT.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    if old is None:
        doc = read_txt(path)
        return doc, run_checks(doc)
    assert text.count(old) == 1, old
    return reread(text.replace(old, new), tmp_path)


def test_h02_text_figure_mapped_by_header_words_to_one_of_two_columns_in_套():
    _, checks = heldout_checks("h02")
    disc = [c for c in checks if c.status == DISC]
    assert len(disc) == 1 and disc[0].kind == "text_vs_table"
    assert (disc[0].stated, disc[0].computed, disc[0].unit) == (D(2850), D(2580), "套")
    cell = disc[0].figures[1]
    assert (cell.table_index, cell.row, cell.col, cell.raw) == (0, 9, 2, "2580")
    text = sorted(c.stated for c in checks if c.kind == "text_vs_table" and c.status == CheckStatus.ok)
    assert text == [1000, 1900]  # 2023 achievements (3416套, 1850户, 1120套) are never compared


def test_h05_figure_equal_to_an_item_row_is_not_compared_with_the_total():
    _, checks = heldout_checks("h05")
    assert [c.stated for c in checks if c.status == DISC] == [D(1562)]  # the planted table total
    text = {c.stated for c in checks if c.kind == "text_vs_table"}
    assert D(7420) not in text and {D(1580), D(23), D(28)} <= text


@pytest.mark.parametrize("prefix,whole,parts", [
    ("h01", D(2860), ["1716万元", "858万元", "286万元"]),         # split by '，占60%；'
    ("h02", D("2.36"), ["1.58亿元", "0.78亿元"]),                 # 'A、B；C': the list is A、B
    ("h03", D(180), ["70个", "60个", "50个"]),                    # by years, two paragraphs later
    ("h04", D(7200), ["4320万元", "2880万元"]),
    ("h05", D(1580), ["980万元", "360万元", "240万元"]),          # 共获得 … 其中：
    ("h06", D("5.2"), ["2.6亿元", "1.3亿元", "0.9亿元", "0.4亿元"]),
])
def test_heldout_stated_totals_and_their_parts(prefix, whole, parts):
    _, checks = heldout_checks(prefix)
    found = [c for c in checks if c.kind == "parts_vs_whole" and c.stated == whole]
    assert len(found) == 1 and found[0].status == CheckStatus.ok
    assert [f.raw for f in found[0].figures[1:]] == parts


def test_heldout_shares_of_a_total():
    _, h01 = heldout_checks("h01")
    shares = [(c.stated, c.computed, c.status) for c in h01 if c.kind == "share_descriptive"]
    assert shares == [(D(60), D("60.00"), CheckStatus.ok), (D(30), D("30.00"), CheckStatus.ok),
                      (D(10), D("10.00"), CheckStatus.ok)]
    _, h06 = heldout_checks("h06")
    named = [c for c in h06 if c.kind == "share_descriptive"]
    assert len(named) == 1 and [f.raw for f in named[0].figures] == ["50%", "2.6亿元", "5.2亿元"]


HELDOUT_MUTATIONS = [
    ("h01", "共计2860万元", "共计2870万元"),
    ("h01", "衔接资金1716万元", "衔接资金1726万元"),
    ("h03", "2025年改造60个", "2025年改造61个"),
    ("h04", "总投资7200万元", "总投资7210万元"),
    ("h04", "公路120公里，", "公路121公里，"),
    ("h05", "预算1580万元", "预算1590万元"),
    ("h06", "中央资金2.6亿元", "中央资金3.6亿元"),  # 2.7 would be within rounding (5.2 ± 0.25)
]


@pytest.mark.parametrize("prefix,old,new", HELDOUT_MUTATIONS)
def test_heldout_text_figure_changed_gives_exactly_one_new_discrepancy(prefix, old, new, tmp_path):
    doc, checks = heldout_checks(prefix, old, new, tmp_path)
    disc = [c for c in checks if c.status == DISC and c.stated not in (D(2850), D(1562))]
    assert len(disc) == 1, [c.message for c in disc]
    pos = doc.text.index(new)
    assert any(pos <= f.start < pos + len(new) for f in disc[0].figures), disc[0].message


def test_two_independent_errors_sharing_a_cell_are_both_reported(tmp_path):
    """h02 with a wrong district cell too: the cell explains its subtotal and the total; the
    planted text figure 2850 is a second error that shares the 合计 cell, and stays reported."""
    _, checks = heldout_checks("h02", "\t820\t", "\t830\t", tmp_path)
    disc = sorted((c.kind, c.stated) for c in checks if c.status == DISC)
    assert disc == [("subtotal", D(1770)), ("text_vs_table", D(2850))]


def test_a_sentence_about_another_year_is_not_compared_with_the_table():
    rows = [["序号", "地区", "保障性租赁住房（套）", "公租房（套）"], ["1", "甲区", "100", "50"],
            ["2", "乙区", "200", "70"], ["", "合计", "300", "120"]]
    b = DocumentBuilder()
    b.add_paragraph("一、2023年工作完成情况", kind=BlockKind.heading)
    b.add_paragraph("全市实际筹集保障性租赁住房416套（具体见附件）。")
    b.add_paragraph("2024年保障性住房任务表")
    b.add_table([RawCell(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row)])
    checks = run_checks(b.build("t.txt", "txt"))
    assert not [c for c in checks if c.kind == "text_vs_table"]
    same_year = run_checks(doc_with(["2024年，全市计划筹集保障性租赁住房310套。", "2024年保障性住房任务表"], rows))
    assert [(c.stated, c.computed, c.status) for c in same_year if c.kind == "text_vs_table"] == [
        (D(310), D(300), DISC)]


# ---------------------------------------------------------------- transposed tables (made up)

TRANSPOSED = [["指标", "甲镇", "乙镇", "丙乡", "合计"],
              ["农村危房改造（户）", "120", "200", "148", "468"],
              ["其中：D级危房（户）", "50", "80", "60", "190"],
              ["农房抗震改造（户）", "40", "70", "30", "140"],
              ["农村公路建设（公里）", "12.5", "8.3", "10.2", "31.0"]]


def transposed_doc(paragraphs: list[str], caption: str = "2024年任务分解表"):
    return doc_with([*paragraphs, caption], TRANSPOSED)


def text_checks(checks):
    return [(c.stated, c.computed, c.status, c.figures[1].row, c.figures[1].col)
            for c in checks if c.kind == "text_vs_table"]


def test_transposed_text_figure_is_compared_with_the_合计_cell_of_its_row():
    checks = run_checks(transposed_doc(["2024年，全县完成农村危房改造486户，建设农村公路31公里。"]))
    assert text_checks(checks) == [(D(486), D(468), DISC, 1, 4), (D(31), D(31), CheckStatus.ok, 4, 4)]
    disc = [c for c in checks if c.status == DISC]
    assert len(disc) == 1 and disc[0].unit == "户" and disc[0].difference == -18
    ok = run_checks(transposed_doc(["2024年，全县完成农村危房改造468户，建设农村公路31公里。"]))
    assert not [c for c in ok if c.status == DISC]
    assert sum(c.kind == "table_total" for c in ok) == 3  # 合计 = places, row by row (其中 row not)


def test_transposed_two_indicators_in_one_clause_are_told_apart_by_their_own_words():
    checks = run_checks(transposed_doc(["2024年，下达全县农村危房改造任务468户、农房抗震改造任务141户。"]))
    assert text_checks(checks) == [(D(468), D(468), CheckStatus.ok, 1, 4), (D(141), D(140), DISC, 3, 4)]


@pytest.mark.parametrize("sentence", [
    "2024年，全县完成农村危房改造200户。",          # restates the 乙镇 cell of that row
    "2024年，甲镇完成农村危房改造486户。",          # names a place column
    "2024年，全县完成D级危房改造486户。",           # names the 其中 row, not the indicator
    "2023年，全县完成农村危房改造486户。",          # another year than the table's
])
def test_transposed_guards(sentence):
    checks = run_checks(transposed_doc([sentence]))
    assert not [c for c in checks if c.kind == "text_vs_table" and c.figures[1].row == 1]
    assert not [c for c in checks if c.status == DISC]


def test_transposed_wrong_合计_cell_is_reported_once_naming_the_cell():
    rows = [list(r) for r in TRANSPOSED]
    rows[1][4] = "478"
    checks = run_checks(doc_with(["2024年，全县完成农村危房改造468户。", "2024年任务分解表"], rows))
    disc = [c for c in checks if c.status == DISC]
    assert len(disc) == 1 and "(table row 1, column 4)" in disc[0].hint
    assert sum(c.status == CheckStatus.unverifiable for c in checks) == 1  # the text check, explained


# ---------------------------------------------------------------- stated counts against their lists

def item_checks(paragraphs: list, kinds=("item_count",)):
    b = DocumentBuilder()
    for p in paragraphs:
        b.add_paragraph(p[0], kind=BlockKind.heading) if isinstance(p, tuple) else b.add_paragraph(p)
    return [c for c in run_checks(b.build("t.txt", "txt")) if c.kind in kinds and c.subject[0].isdigit()]


@pytest.mark.parametrize("paragraphs,expected", [
    (["今年共5项任务：1.修缮校舍；2.更新设备；3.培训教师；4.建设食堂；5.改造操场。"], (5, 5, "ok")),
    (["今年共5项任务：1.修缮校舍；2.更新设备；3.培训教师；4.建设食堂。"], (5, 4, "discrepancy")),
    (["今年共5项任务：1.修缮校舍；2.更新设备；4.培训教师；5.建设食堂；6.改造操场。"], (5, 5, "unverifiable")),
    ([("一、主要任务",), "今年重点推进3项任务：", "（1）修缮校舍。", "（2）更新设备。", "（3）培训教师。",
      ("二、保障措施",), "（1）加强领导。"], (3, 3, "ok")),
    ([("一、主要任务",), "今年重点推进3项任务：", "（1）修缮校舍。", "（2）更新设备。", "（3）培训教师。",
      "（4）建设食堂。", ("二、保障措施",)], (3, 4, "discrepancy")),
    (["本年度安排3个项目：甲水厂、乙泵站、丙管网；另有储备项目。"], (3, 3, "ok")),
    (["本年度安排4个项目，分别为：甲水厂、乙泵站、丙管网。"], (4, 3, "discrepancy")),
])
def test_count_against_the_list_that_follows_it(paragraphs, expected):
    checks = item_checks(paragraphs)
    assert [(c.stated, c.computed, c.status.value) for c in checks] == [expected]


DISTANT = ["计划改造5个老旧小区。", "基础类。涉及的小区包括：1.甲园小区、2.乙园小区、3.丙园小区、4.丁园小区、5.戊园小区",
           "提升类。涉及的小区包括：1.甲园小区、2.丁园小区"]


@pytest.mark.parametrize("change,expected", [
    (None, [(5, 5, "ok")]),
    (("5.戊园小区", "5.戊园小区、6.己园小区"), [(5, 6, "discrepancy")]),   # names more than counted
    (("、5.戊园小区", ""), [(5, 4, "unverifiable")]),                      # may name only some
    (("计划改造5个老旧小区。", "计划改造5个老旧小区，明年再改造4个老旧小区。"), []),  # which count?
    (("2.丁园小区", "2.庚园小区"), []),                  # the lists are not parts of one set
])
def test_count_against_a_numbered_list_of_the_same_things_elsewhere(change, expected):
    paragraphs = list(DISTANT)
    if change:
        paragraphs = [p.replace(*change) for p in paragraphs]
    checks = [c for c in item_checks(paragraphs) if c.subject.endswith("老旧小区")]
    assert [(c.stated, c.computed, c.status.value) for c in checks] == expected


@pytest.mark.parametrize("paragraph", ["完成26个老旧小区改造，涉及兴庆区、金凤区、西夏区。",
                                       "完成3个项目：其中甲项目已竣工、乙项目在建。"])
def test_lists_of_other_things_after_a_count_are_not_counted(paragraph):
    assert item_checks([paragraph]) == []


def test_003_twenty_six_小区_against_the_numbered_list():
    _, checks = checks_of("003")
    (c,) = [c for c in checks if c.kind == "item_count" and c.subject == "26个老旧小区"]
    assert (c.stated, c.computed, c.status) == (D(26), D(26), CheckStatus.ok)
    assert [f.quote for f in c.figures][:2] == ["26个", "1"] and c.figures[-1].quote == "26"
    assert c.figures[-1].label == "税务小区"


@pytest.mark.parametrize("old,new", [("完成26个老旧小区", "完成25个老旧小区"), ("完成26个老旧小区", "完成27个老旧小区"),
                                     ("26.税务小区", "26.税务小区、27.新建小区")])
def test_003_count_or_list_changed_gives_exactly_one_discrepancy(old, new, tmp_path):
    text = seed("003").read_text(encoding="utf-8")
    assert text.count(old) == 1
    doc, checks = reread(text.replace(old, new), tmp_path)
    disc = [c for c in checks if c.status == DISC and c.stated != 84]
    assert len(disc) == 1, [c.message for c in disc]
    pos = doc.text.index(new)
    assert any(pos <= f.start < pos + len(new) for f in disc[0].figures), disc[0].message


def test_checks_come_out_in_the_same_order_whatever_the_hash_seed():
    """Check ids in the database must not change between runs (a set of str once ordered them)."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("from extract.pipeline import process_file; import sys; "
            "print([c.message for c in process_file(sys.argv[1]).checks])")
    path = str(seed("003"))
    outs = {subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": str(s)}).stdout
            for s in (1, 2, 3, 4)}
    assert len(outs) == 1 and "3081户" in outs.pop()


# ---------------------------------------------------------------- session 3: layouts the blind4 run showed

SUBTOTALS_FIRST = [["序号", "地区", "补助资金合计", "中央资金", "省级资金"],
                   ["", "合计", "1000", "600", "400"],
                   ["一", "甲市小计", "450", "270", "180"],
                   ["1", "甲市本级", "150", "90", "60"],
                   ["2", "甲一县", "200", "120", "80"],
                   ["3", "甲二县", "100", "60", "40"],
                   ["二", "乙市小计", "550", "330", "220"],
                   ["4", "乙市本级", "250", "150", "100"],
                   ["5", "乙一县", "300", "180", "120"]]


def test_subtotal_rows_head_their_group_when_the_first_has_no_row_above_it():
    rows = [list(r) for r in SUBTOTALS_FIRST]
    checks = run_checks(doc_with(["单位：万元"], rows))
    assert all(c.status == CheckStatus.ok for c in checks) and len(checks) == 20
    assert {c.subject.split()[0] for c in checks if c.kind == "subtotal"} == {"甲市小计", "乙市小计"}
    rows[6][3] = "303"  # 乙市小计 中央资金: its rows after it add up to 330
    checks = run_checks(doc_with(["单位：万元"], rows))
    disc = [c for c in checks if c.status == DISC]
    assert [(c.kind, c.stated, c.computed) for c in disc] == [("subtotal", D(303), D(330))]
    # its row (550 vs 303 + 220) and the grand total fail only because of it: said once
    assert {(c.subject, c.computed) for c in checks if c.status == CheckStatus.unverifiable} == {
        ("乙市小计 补助资金合计", D(523)), ("合计 中央资金", D(573))}


def test_a_column_headed_xx_heji_totals_its_sibling_columns():
    rows = [["地区", "补助资金合计", "中央资金", "省级资金"], ["甲市", "150", "90", "60"], ["乙县", "100", "50", "40"],
            ["合计", "250", "140", "100"]]
    disc = [c for c in run_checks(doc_with(["单位：万元"], rows)) if c.status == DISC]
    assert [(c.subject, c.stated, c.computed) for c in disc] == [
        ("乙县 补助资金合计", D(100), D(90)), ("合计 补助资金合计", D(250), D(240))]


def test_parts_after_qizhong_in_the_next_sentence_and_words_holding_gong_are_no_totals():
    (c,) = run_checks(doc_with(["市财政安排建设资金2460万元。其中，平台升级1250万元，数据共享交换系统580万元，"
                                "自助终端购置830万元。"]))
    assert (c.kind, c.status, c.stated, c.computed) == ("parts_vs_whole", DISC, D(2460), D(2660))
    (c,) = run_checks(doc_with(["共安排资金2660万元，其中平台升级1250万元、数据共享交换系统580万元、自助终端830万元。"]))
    assert (c.status, c.computed) == (CheckStatus.ok, D(2660))


def test_a_text_total_is_not_compared_with_the_table_of_one_of_its_parts():
    rows = [["地区", "补助资金合计", "中央资金", "省级资金"], ["甲市", "600", "360", "240"], ["乙市", "400", "240", "160"],
            ["合计", "1000", "600", "400"]]
    text = "本次共下达补助资金1500万元，其中辅具适配补助资金1000万元、康复训练补助资金500万元，分配情况详见附件。"
    checks = run_checks(doc_with([text, "单位：万元"], rows))
    assert not [c for c in checks if c.kind == "text_vs_table"] and all(c.status == CheckStatus.ok for c in checks)


def test_a_total_written_in_the_serial_column_is_the_grand_total():
    rows = [["序号", "乡镇", "隐患点（处）", "新建护栏（公里）"], ["1", "甲镇", "38", "6.8"], ["2", "乙镇", "31", "8.4"],
            ["合计", "", "69", "16.2"]]
    checks = run_checks(doc_with([], rows))
    assert [(c.subject, c.status) for c in checks] == [("合计 隐患点（处）", CheckStatus.ok),
                                                      ("合计 新建护栏（公里）", DISC)]
    assert [c.computed for c in checks if c.status == DISC] == [D("15.2")]


def test_a_standard_per_unit_is_never_compared_with_a_table_total():
    rows = [["序号", "市", "服务人数（人）", "补助资金"], ["1", "甲市", "4200", "147"], ["2", "乙市", "5300", "185.5"],
            ["合计", "", "9500", "332.5"]]
    text = "按照每人每年350元的标准，为两市9500名持证残疾人提供康复服务，分配情况详见附件。"
    checks = run_checks(doc_with([text, "单位：万元"], rows))
    assert all(c.status == CheckStatus.ok for c in checks) and not [c for c in checks if c.kind == "text_vs_table"
                                                                    and c.stated == D(350)]


def test_a_cumulative_figure_is_not_compared_with_a_column_of_new_builds():
    rows = [["序号", "区", "新建公共充电桩（个）"], ["1", "甲区", "3000"], ["2", "乙区", "2000"], ["合计", "", "5000"]]
    text = "到2027年，全市累计建成公共充电桩不少于9500个，分区任务详见附件。"
    checks = run_checks(doc_with([text], rows))
    assert [c.kind for c in checks] == ["table_total"] and checks[0].status == CheckStatus.ok


def test_money_already_paid_is_not_compared_with_an_allocation_table():
    rows = [["序号", "市", "补贴资金（万元）"], ["1", "甲市", "2000"], ["2", "乙市", "2264"], ["合计", "", "4264"]]
    text = "截至目前，全省已累计发放补贴资金3.2亿元。本批共下达补贴资金4264万元，分配情况见附件。"
    checks = run_checks(doc_with([text], rows))
    assert sorted((c.kind, c.status.value, str(c.stated)) for c in checks) == [
        ("table_total", "ok", "4264"), ("text_vs_table", "ok", "4264")]
    # the same paid figure as the batch's own total is still compared
    wrong = "本批共下达补贴资金4246万元，分配情况见附件。"
    assert [c.status for c in run_checks(doc_with([wrong], rows)) if c.kind == "text_vs_table"] == [DISC]
    # a done figure still counts among the column's figures: with another one, nothing is compared
    both = "截至去年底，全省共安排补贴资金5000万元，已发放补贴资金2200万元。分配情况见附件。"
    assert [c for c in run_checks(doc_with([both], rows)) if c.kind == "text_vs_table"] == []


def test_a_total_column_between_two_splits_is_checked_against_each_side():
    # rows split by item before the 合计 column and by source after it: never summed across both
    rows = [["县", "校舍维修（万元）", "设备购置（万元）", "合计（万元）", "中央资金（万元）", "省级资金（万元）"],
            ["甲县", "100.50", "49.50", "150.00", "120.00", "30.00"],
            ["乙县", "80.00", "20.00", "100.00", "80.00", "20.00"],
            ["合计", "180.50", "69.50", "250.00", "200.00", "50.00"]]
    checks = run_checks(doc_with(["分配情况见附件。"], rows))
    row_checks = [c for c in checks if c.kind == "table_total" and c.figures[0].col == 3
                  and all(f.row == c.figures[0].row for f in c.figures)]
    assert len(row_checks) == 6 and all(c.status == CheckStatus.ok for c in row_checks)
    rows[2][4] = "60.00"  # 乙县's sources no longer add up to its total: one row check fails, not its items'
    checks = run_checks(doc_with(["分配情况见附件。"], rows))
    disc = [(c.figures[0].row, c.figures[0].col, [(f.row, f.col) for f in c.figures[1:]]) for c in checks
            if c.status == DISC]
    assert (2, 3, [(2, 4), (2, 5)]) in disc and all(col != 3 or members == [(2, 4), (2, 5)]
                                                     for _, col, members in disc)


def test_a_stock_counted_at_a_date_is_not_compared_with_a_plan_table():
    rows = [["村", "改造户厕（户）"], ["甲村", "120"], ["乙村", "66"], ["合计", "186"]]
    text = "截至2025年底，全乡共有农户412户，无害化卫生厕所普及率为82.6%。改造任务见附件。"
    assert [c for c in run_checks(doc_with([text], rows)) if c.kind == "text_vs_table"] == []
    planned = "2026年全乡共改造户厕168户，分村任务见附件。"
    assert [c.status for c in run_checks(doc_with([planned], rows)) if c.kind == "text_vs_table"] == [DISC]


def test_a_figure_larger_than_its_whole_after_a_semicolon_is_no_part():
    text = "全市完成老旧电梯更新改造620台，其中甲区、乙区两个主城区410台；安装电梯监测装置3000台。"
    assert [c for c in run_checks(doc_with([text], None)) if c.kind == "parts_vs_whole"] == []
    # parts after a comma still count, even one larger than the whole
    wrong = "共安排资金500万元，其中中央资金800万元、省级资金100万元。"
    assert [c.status for c in run_checks(doc_with([wrong], None)) if c.kind == "parts_vs_whole"] == [DISC]


def test_parts_worked_out_by_a_rate_written_before_them():
    text = "工程总投资4680万元，其中市级财政按60%承担2916万元，东区、西区人民政府按40%承担1944万元。"
    checks = [c for c in run_checks(doc_with([text], None)) if c.kind == "parts_vs_whole"]
    assert [(c.status, c.stated, c.computed) for c in checks] == [(DISC, D("4680"), D("4860"))]
    right = text.replace("4680", "4860")
    assert [c.status for c in run_checks(doc_with([right], None)) if c.kind == "parts_vs_whole"] == [
        CheckStatus.ok]


def test_a_completion_rate_against_its_part_and_the_total_stated_before():
    text = "本次督查共发现问题64个。截至2月底，已完成整改41个，整改完成率为{}%，尚有23个问题未完成整改。"
    checks = [c for c in run_checks(doc_with([text.format("46.1")], None)) if c.kind == "share_descriptive"]
    assert [(c.status, c.stated, c.computed) for c in checks] == [(DISC, D("46.1"), D("64.062"))]
    assert [c.status for c in run_checks(doc_with([text.format("64.1")], None))
            if c.kind == "share_descriptive"] == [CheckStatus.rounding]
    # a rate whose name shares no word with the count before it is about something else: not checked
    other = "全县共有企业200家，其中规上企业80家，开工率为60%。"
    assert [c for c in run_checks(doc_with([other], None)) if c.kind == "share_descriptive"] == []


def test_a_count_far_above_the_kinds_named_before_it_is_not_checked_against_them():
    text = "全市共有中小学校、幼儿园612所，其中民办学校86所。"
    assert [c for c in run_checks(doc_with([text], None)) if c.kind == "item_count"] == []
    named = "改造涉及东海园区、福平苑、税务小区4个老旧小区。"
    assert [c.status for c in run_checks(doc_with([named], None)) if c.kind == "item_count"] == [DISC]


def test_a_funding_plan_ending_on_who_pays_the_rest_must_add_up():
    def parts(text):
        return [(c.status.value, c.stated, c.computed) for c in run_checks(doc_with([text]))
                if c.kind == "parts_vs_whole"]
    # a whole in 亿元, its sources in 万元, the last the county budget: every source is named
    assert parts("水厂改扩建总投资1.85亿元，其中中央预算内投资7000万元、省级补助5000万元、县级财政安排5600万元。") == [
        ("discrepancy", D("1.85"), D("1.76"))]
    assert parts("水厂改扩建总投资1.76亿元，其中中央预算内投资7000万元、省级补助5000万元、县级财政安排5600万元。") == [
        ("ok", D("1.76"), D("1.76"))]
    # only some sources, or a rest named after them: falling short is no discrepancy
    assert [s for s, _, _ in parts("项目总投资1.5亿元，其中中央资金6000万元、县级配套5000万元。")] == ["unverifiable"]
    assert [s for s, _, _ in parts("项目总投资5000万元，其中申请中央资金2000万元、县级配套1000万元，其余由企业自筹。")] == [
        "unverifiable"]


def test_two_kinds_that_split_the_whole_after_qizhong_must_add_up():
    def parts(text):
        return [(c.status.value, c.computed) for c in run_checks(doc_with([text])) if c.kind == "parts_vs_whole"]
    assert parts("全市新建幼儿园30所，其中公办幼儿园18所、民办幼儿园11所。") == [("discrepancy", D(29))]
    assert parts("全县建设村级服务站40个，其中城镇12个、农村28个。") == [("ok", D(40))]
    # two kinds that need not be all of it: falling short says nothing
    assert parts("全市新建幼儿园30所，其中公办18所、普惠性民办8所。") == [("unverifiable", D(26))]


def test_a_money_column_named_by_its_one_telling_word_takes_the_text_total():
    rows = [["序号", "县（区）", "检查企业（家）", "问题企业（家）", "罚没金额（万元）", "已缴纳金额（万元）"],
            ["1", "甲县", "30", "12", "150.20", "100.00"], ["2", "乙县", "28", "10", "120.40", "80.00"],
            ["合计", "", "58", "22", "270.60", "180.00"]]
    checks = run_checks(doc_with(["全市共检查企业58家，查实存在问题的企业22家；依法罚没款项276.60万元，分县情况详见附件。"], rows))
    assert [(c.status.value, c.stated, c.computed) for c in checks if c.kind == "text_vs_table"] == [
        ("ok", 58, 58), ("ok", 22, 22), ("discrepancy", D("276.60"), D("270.6"))]


def test_money_already_pre_allocated_or_passed_down_counts_as_already_paid():
    from extract.reconcile.text_vs_table import ALREADY_DONE
    for said in ("省级已预拨救助资金9800万元", "中央已提前下达资金500万元", "市级已下拨专项经费300万元"):
        assert ALREADY_DONE.search(said), said
    assert not ALREADY_DONE.search("本次预拨2026年补助资金1240万元")  # what this notice allocates


def test_the_years_of_the_span_a_whole_names_are_all_of_it():
    def parts(text):
        return [(c.status.value, c.computed) for c in run_checks(doc_with([text])) if c.kind == "parts_vs_whole"]
    assert parts("2026—2028年安排养老专项资金9000万元，其中2026年3000万元、2027年3000万元、2028年2000万元。") == [
        ("discrepancy", D(8000))]
    # two years of a three-year span may leave the third unsaid
    assert parts("2026—2028年安排养老专项资金9000万元，其中2026年3000万元、2027年3000万元。") == [
        ("unverifiable", D(6000))]


def test_money_per_unit_is_funding_never_summed_with_amounts():
    rows = [["序号", "行业类别", "投资强度（万元/亩）", "亩均税收（万元/亩）"],
            ["1", "一般工业", "300", "25"], ["2", "先进制造业", "380", "32"]]
    doc = doc_with(["工业项目投资强度不低于300万元/亩，补助标准为每亩200元，安排资金500万元。"], rows)
    from extract.pipeline import analyze
    funding = analyze(doc).funding
    assert [(f.amount_raw, f.unit_raw, f.role) for f in funding if f.table_row is None] == [
        ("300", "万元/亩", "per_unit"), ("200", "元", "per_unit"), ("500", "万元", None)]
    assert sorted(f.amount_raw for f in funding if f.table_row is not None) == ["25", "300", "32", "380"]


def test_a_column_of_money_per_unit_is_never_summed_into_its_total_row():
    rows = [["序号", "园区", "投资强度（万元/亩）", "投资额（万元）"], ["1", "甲园", "300", "1000"],
            ["2", "乙园", "380", "2000"], ["合计", "", "340", "3000"]]
    assert [(c.subject, c.status.value) for c in run_checks(doc_with([], rows)) if c.kind == "table_total"] == [
        ("合计 投资额（万元）", "ok")]


def test_a_lone_figure_in_a_paragraph_reporting_the_state_of_things_is_not_compared():
    rows = [["序号", "市", "优秀（家）", "奖补资金（万元）"], ["1", "甲市", "5", "250"], ["2", "乙市", "7", "350"],
            ["合计", "", "12", "600"]]
    para = "截至2025年底，全省在孵企业3420家。2025年，省级财政共安排孵化器奖补资金480万元。"
    assert not [c for c in run_checks(doc_with([para], rows)) if c.kind == "text_vs_table"]
    # the same sentence in a paragraph of this notice's own plans is still compared
    para = "2025年，省级财政共安排孵化器奖补资金480万元。"
    assert [c.status.value for c in run_checks(doc_with([para], rows)) if c.kind == "text_vs_table"] == ["discrepancy"]


def test_an_investment_total_adds_up_the_sources_that_follow_it():
    rows = [["序号", "项目", "总投资（万元）", "中央预算内投资（万元）", "省级资金（万元）", "市县配套资金（万元）"],
            ["1", "甲馆", "2600", "1200", "700", "700"], ["2", "乙馆", "1860", "800", "520", "440"],
            ["合计", "", "4460", "2000", "1220", "1140"]]
    wrong = [(c.subject, c.stated, c.computed) for c in run_checks(doc_with([], rows))
             if c.kind == "table_total" and c.status.value == "discrepancy"]
    assert ("乙馆 总投资（万元）", D(1860), D(1760)) in wrong
    # columns that are no sources of it (a year's plan, what is done) are never its parts
    rows = [["序号", "项目", "总投资（万元）", "2026年计划投资（万元）", "已完成投资（万元）"],
            ["1", "甲馆", "2600", "1200", "700"], ["合计", "", "2600", "1200", "700"]]
    assert all(c.status.value == "ok" for c in run_checks(doc_with([], rows)))


def test_a_size_that_picks_things_out_is_never_compared_with_a_total():
    rows = [["序号", "市", "配置场所（个）"], ["1", "甲市", "300"], ["2", "乙市", "350"], ["合计", "", "650"]]
    para = "配置场所优先选择座位数3000个以上的体育场馆，分市情况详见附件。"
    assert not [c for c in run_checks(doc_with([para], rows)) if c.kind == "text_vs_table"]


def test_a_score_column_under_a_money_caption_is_no_money_and_no_part():
    from extract.readers.builder import DocumentBuilder, RawCell
    b = DocumentBuilder()
    b.add_paragraph("单位：万元")
    rows = [["序号", "县", "评价得分", "奖励资金合计", "中央资金", "省级资金"],
            ["1", "甲县", "96.5", "900", "500", "400"], ["2", "乙县", "88.2", "500", "300", "200"],
            ["合计", "", "", "1400", "800", "600"]]
    b.add_table([RawCell(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row)])
    doc = b.build("t.txt", "txt")
    assert all(c.status.value == "ok" for c in run_checks(doc))
    from extract.pipeline import analyze
    assert sorted(f.amount_raw for f in analyze(doc).funding) == ["1400", "200", "300", "400", "500", "500", "600",
                                                                 "800", "900"]


def test_money_already_sent_down_on_a_date_and_by_a_share_counts_as_already_paid():
    from extract.reconcile.text_vs_table import ALREADY_DONE
    assert ALREADY_DONE.search("中央资金已于2026年1月按60%提前下达2100万元")


def test_a_rate_is_read_for_the_count_of_what_it_measures():
    checks = run_checks(doc_with(["截至2025年底，全区共有社会组织312家。2025年，查处违法违规社会组织4家，社会组织年报报送率为91.3%。"]))
    assert not [c for c in checks if c.kind == "share_descriptive"]


def test_parts_after_qizhong_that_are_the_kinds_the_whole_names_must_add_up():
    def parts(text):
        return [(c.status.value, c.computed) for c in run_checks(doc_with([text])) if c.kind == "parts_vs_whole"]
    assert parts("全年新建和改造农村公路120公里，其中新建通组路50公里、改造县乡道60公里。") == [("discrepancy", D(110))]
    # parts that are not the kinds named may leave some out
    assert parts("计划建设厂房和仓库共8栋，其中厂房3栋、办公楼2栋。") == [("unverifiable", D(5))]
