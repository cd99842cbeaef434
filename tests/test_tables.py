"""Table understanding on the corpus tables and on small built tables (headers, units, roles)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extract.readers.builder import DocumentBuilder, RawCell
from extract.readers.txt import read_txt
from extract.reconcile import run_checks
from extract.tables import analyze_table, grand_total_parts, unit_from_headers
from tests.conftest import seed


def tables_of(n: str):
    doc = read_txt(seed(n))
    return doc, [analyze_table(b) for b in doc.tables()]


def built_table(rows: list[list[str]], header_rows: int | None = None, cells=None):
    b = DocumentBuilder()
    b.add_paragraph("表")
    cells = cells or [RawCell(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row)]
    b.add_table(cells, header_rows=header_rows)
    doc = b.build("t.txt", "txt")
    return analyze_table(doc.tables()[0])


def test_000_columns_units_and_header():
    _, (m,) = tables_of("000")
    assert m.header_rows == 1
    units = [(c.leaf, c.unit, c.is_numeric) for c in m.columns]
    assert units == [
        ("序号", None, False), ("市县区名称", None, False), ("改造任务 (户<套>)", "户", True),
        ("小区数", "个", True), ("楼栋数", "栋", True), ("总建筑面积 (万平方米)", "万平方米", True),
    ]
    assert m.columns[0].is_serial and m.columns[1].is_label
    assert m.columns[5].scale == D(10000)


def test_000_row_roles_and_members():
    _, (m,) = tables_of("000")
    roles = {r.label: r.role for r in m.rows}
    assert roles["全区"] == "grand_total"
    assert [r.label for r in m.rows_with("subtotal")] == ["银川市", "石嘴山市", "吴忠市", "固原市", "中卫市"]
    yinchuan = m.rows[2]
    assert [m.rows[i].label for i in yinchuan.members] == ["兴庆区", "金凤区", "西夏区", "贺兰县", "灵武市"]
    assert m.rows[3].parent == 2 and m.rows[3].level == 2 and m.rows[3].serial == "1"
    top, leaves = grand_total_parts(m, m.rows[1])
    assert len(top) == 5 and len(leaves) == 15


def test_000_cells_keep_written_and_column_precision():
    doc, (m,) = tables_of("000")
    area = m.number(1, 5)
    assert (area.value, area.decimals, area.d_eff) == (D("283.79"), 2, 2)
    assert doc.text[area.start:area.end] == "283.79"
    households = m.number(1, 2)
    assert households.value == 33150 and households.exact
    assert not area.exact
    assert m.number(1, 1) is None  # a label


def test_002_transposed_table_total_in_label():
    doc, (m,) = tables_of("002")
    assert m.header_rows == 2
    assert m.columns[1].header_path == "指标任务分解(单位:户)/宛城区"
    assert m.columns[1].unit == "户" and m.columns[15].unit == "户"
    row = m.rows[2]
    assert row.label == "开工改造 25516 户"
    assert row.label_total.value == 25516
    assert doc.text[row.label_total.start:row.label_total.end] == "25516"
    assert m.number(2, 15).value == 0


def test_004_merged_headers_and_units():
    _, models = tables_of("004")
    assert len(models) == 3
    m = models[0]
    assert m.header_rows == 2
    assert [c.header_path for c in m.columns] == [
        "各区", "2022年改造计划/数量", "2022年改造计划/户数",
        "2022年改造计划/建筑面积/万平方米", "2022年改造计划/预计投资/亿元",
    ]
    assert [c.unit for c in m.columns] == [None, "个", "户", "万平方米", "亿元"]
    assert [r.role for r in m.rows] == ["header", "header", "item", "item", "item", "grand_total"]
    top, leaves = grand_total_parts(m, m.rows[5])
    assert [r.label for r in top] == ["海勃湾区", "乌达区", "海南区"] == [r.label for r in leaves]
    assert m.number(5, 4).value == D("2.935") and m.number(5, 4).d_eff == 3


@pytest.mark.parametrize("text,unit", [
    ("总建筑面积 (万平方米)", "万平方米"), ("预计投资/亿元", "亿元"), ("建筑面积/万平方米", "万平方米"),
    ("(单位:户)", "户"), ("（单位：万元）", "万元"), ("改造任务 (户<套>)", "户"), ("小区数", "个"),
    ("楼栋数", "栋"), ("户数", "户"), ("数量", "个"), ("金额（元）", "元"), ("名称", None), ("系数", None),
])
def test_units_from_headers(text, unit):
    _, info = unit_from_headers([text])
    assert (info.normalized if info else None) == unit


def test_spanning_unit_applies_to_columns_below():
    cells = [RawCell(0, 0, "项目", row_span=2), RawCell(0, 1, "资金（单位：万元）", col_span=2),
             RawCell(1, 1, "中央"), RawCell(1, 2, "地方"),
             RawCell(2, 0, "甲"), RawCell(2, 1, "10.5"), RawCell(2, 2, "3"),
             RawCell(3, 0, "合计"), RawCell(3, 1, "10.5"), RawCell(3, 2, "3")]
    m = built_table([], cells=cells)
    assert m.header_rows == 2
    assert m.columns[2].header_path == "资金（单位：万元）/地方"
    assert [c.unit for c in m.columns] == [None, "万元", "万元"]
    assert m.number(2, 2).d_eff == 0 and m.number(2, 1).d_eff == 1


def test_subtotal_rows_close_the_rows_above_and_其中_is_not_a_member():
    m = built_table([
        ["名称", "金额(万元)"], ["甲", "1.5"], ["乙", "2.5"], ["小计", "4.0"], ["其中：乙一", "1.0"],
        ["丙", "6"], ["小计", "6"], ["合计", "10.0"],
    ])
    assert [r.role for r in m.rows] == ["header", "item", "item", "subtotal", "other", "item",
                                        "subtotal", "grand_total"]
    assert m.rows[3].members == [1, 2] and m.rows[6].members == [5]
    assert m.rows[4].parent == 3
    top, leaves = grand_total_parts(m, m.rows[7])
    assert [r.index for r in top] == [3, 6] and [r.index for r in leaves] == [1, 2, 5]
    assert m.number(5, 1).d_eff == 1  # '6' in a one-decimal column


def test_outline_numbered_labels_make_subtotals():
    m = built_table([
        ["项目", "金额(万元)"], ["一、基础类", "30"], ["1.供水", "10"], ["2.供电", "20"],
        ["二、完善类", "5"], ["1.绿化", "5"], ["合计", "35"],
    ])
    assert [r.role for r in m.rows] == ["header", "subtotal", "item", "item", "subtotal", "item",
                                        "grand_total"]
    assert m.rows[1].members == [2, 3] and m.rows[4].members == [5]


def test_numbers_with_thousand_separators_and_full_width_digits():
    m = built_table([["地区", "金额(元)"], ["甲", "1,234.50"], ["乙", "１２３"], ["合计", "1,357.50"]])
    assert m.number(1, 1).value == D("1234.50") and m.number(2, 1).value == 123
    assert m.rows[3].role == "grand_total"


CELL_TEXT = st.sampled_from(["", "合计", "小计", "其中：甲", "甲", "乙区", "1", "2", "12.5", "3%", "0",
                             "户数", "金额（万元）", "序号", "1,234.5", "—", "开工改造 25 户", "一、基础类"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELL_TEXT, min_size=1, max_size=5), min_size=1, max_size=7))
def test_any_grid_is_understood_without_error_and_checks_stay_grounded(rows):
    b = DocumentBuilder()
    width = max(len(r) for r in rows)
    cells = [RawCell(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row + [""] * (width - len(row)))]
    b.add_table(cells)
    doc = b.build("fuzz.txt", "txt")
    model = analyze_table(doc.tables()[0])
    assert len(model.rows) == len(rows) and len(model.columns) == width
    for check in run_checks(doc):
        for f in check.figures:
            assert doc.text[f.start:f.end] == f.quote
