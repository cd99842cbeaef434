"""Table understanding on the corpus tables and on small built tables (headers, units, roles)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extract.readers.builder import DocumentBuilder, RawCell
from extract.readers.txt import read_txt
from extract.reconcile import run_checks
from extract.tables import analyze_table, grand_total_parts, unit_from_headers, unit_label
from tests.conftest import ROOT, seed


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


# ---------------------------------------------------------------- held-out shapes: caption units, 合计/其中 columns

HELDOUT = ROOT / "tests" / "fixtures" / "heldout"


def heldout_tables(n: str):
    (path,) = HELDOUT.glob(f"{n}_*.txt")
    doc = read_txt(path)
    return doc, [analyze_table(b, doc) for b in doc.tables()]


def test_h01_caption_unit_and_合计_column_beside_a_two_row_group():
    doc, (m,) = heldout_tables("h01")
    assert [c.header_path for c in m.columns[2:]] == ["合计", "资金来源/中央资金", "资金来源/省级资金",
                                                     "资金来源/县级资金"]
    assert [c.unit for c in m.columns[2:]] == ["万元"] * 4 and m.columns[2].unit_from_caption
    assert m.columns[2].total_members == [3, 4, 5]
    assert m.rows[2].role == "grand_total" and m.number(2, 2).value == 2860
    assert m.number(3, 3).scale == D(10000)  # 东湖镇 中央资金 432 万元


def test_caption_unit_is_only_read_when_the_document_is_given():
    (path,) = HELDOUT.glob("h05_*.txt")
    doc = read_txt(path)
    block = doc.tables()[0]
    bare, with_doc = analyze_table(block), analyze_table(block, doc)
    assert [c.unit for c in bare.columns[2:]] == [None, None, None, "%"]  # 预算数 is not a count of 个
    assert [c.unit for c in with_doc.columns[2:]] == ["万元", "万元", "万元", "%"]
    assert with_doc.number(1, 3).value == 1552 and not with_doc.columns[5].is_summable


def test_h03_合计_column_sums_money_columns_not_the_count_column():
    _, (m,) = heldout_tables("h03")
    assert m.columns[2].unit == "个" and m.columns[3].unit == "亿元"
    assert m.columns[7].total_members == [3, 4, 5, 6]
    assert m.number(5, 7).value == D("36.00") and m.number(5, 7).d_eff == 2


def test_其中_column_is_part_of_the_column_to_its_left():
    _, (_, m) = heldout_tables("h04")
    assert m.columns[3].leaf == "其中：通组硬化路（公里）" and m.columns[3].part_of == 2
    assert m.columns[2].part_of is None and m.columns[4].unit == "座"


def test_compound_count_unit_套_间():
    _, (m,) = heldout_tables("h02")
    assert [c.unit for c in m.columns[2:]] == ["套", "户", "套"]
    assert [r.label for r in m.rows_with("subtotal")] == ["市辖区小计", "县（市）小计"]


@pytest.mark.parametrize("text,unit", [
    ("单位：万元", "万元"), ("（单位：亿元）", "亿元"), ("金额单位：万元", "万元"),
    ("2024年资金分配表（单位：万元）", "万元"), ("单位: 公里", "公里"), ("单位：万元、个", None),
    ("各单位：请于月底前报送", None), ("附件", None),
])
def test_unit_label_in_captions(text, unit):
    found = unit_label(text)
    assert (found[1].normalized if found else None) == unit


@pytest.mark.parametrize("text,unit", [
    ("预算数", None), ("决算数", None), ("执行数", None), ("资金数", None), ("项目数", "个"),
    ("学校数", "个"), ("完成户数", "户"), ("保障性租赁住房（套/间）", "套"), ("危桥改造（座）", "座"),
    ("堤防（公里）", "公里"), ("点位（处）", "处"),
])
def test_count_units_from_headers(text, unit):
    _, info = unit_from_headers([text])
    assert (info.normalized if info else None) == unit


def caption_doc(caption: str | None, cells: list[RawCell]):
    b = DocumentBuilder()
    b.add_paragraph("附件")
    if caption:
        b.add_paragraph(caption)
    b.add_table(cells)
    return b.build("t.txt", "txt")


def grid_cells(rows: list[list[str]]) -> list[RawCell]:
    return [RawCell(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row)]


def test_caption_skips_rates_and_a_long_paragraph_is_no_caption():
    rows = [["地区", "金额", "完成率"], ["甲", "10.25", "95.5"], ["乙", "20.00", "90"], ["合计", "30.25", "92"]]
    doc = caption_doc("（单位：万元）", grid_cells(rows))
    m = analyze_table(doc.tables()[0], doc)
    assert [c.unit for c in m.columns[1:]] == ["万元", None]
    long_text = "各单位：" + "按照要求做好资金分配工作，" * 6 + "单位：万元"
    doc = caption_doc(long_text, grid_cells(rows))
    assert analyze_table(doc.tables()[0], doc).columns[1].unit is None


def test_unit_row_inside_the_table():
    cells = [RawCell(0, 0, "单位：万元", col_span=3), RawCell(1, 0, "地区"), RawCell(1, 1, "预算数"),
             RawCell(1, 2, "增长率"), RawCell(2, 0, "甲"), RawCell(2, 1, "10"), RawCell(2, 2, "5.5"),
             RawCell(3, 0, "合计"), RawCell(3, 1, "10"), RawCell(3, 2, "5.5")]
    doc = caption_doc(None, cells)
    m = analyze_table(doc.tables()[0])
    assert [c.unit for c in m.columns[1:]] == ["万元", None]


def test_其中_group_children_are_parts_never_members():
    cells = [RawCell(0, 0, "地区", row_span=2), RawCell(0, 1, "合计", row_span=2),
             RawCell(0, 2, "其中", col_span=2), RawCell(1, 2, "中央"), RawCell(1, 3, "地方"),
             RawCell(2, 0, "甲县"), RawCell(2, 1, "5.0"), RawCell(2, 2, "2.0"), RawCell(2, 3, "1.0"),
             RawCell(3, 0, "乙县"), RawCell(3, 1, "3.0"), RawCell(3, 2, "1.0"), RawCell(3, 3, "2.0")]
    doc = caption_doc("单位：亿元", cells)
    m = analyze_table(doc.tables()[0], doc)
    assert [c.part_of for c in m.columns] == [None, None, 1, 1]
    assert m.columns[1].total_members == []  # 其中 lists some parts, maybe not all: no sum check
    assert not [c for c in run_checks(doc) if c.status.value == "discrepancy"]


def test_serial_column_一_二_heads_the_numbered_rows_below():
    rows = [["序号", "项目名称", "金额", "备注"], ["", "合计", "120.50", ""],
            ["一", "基础类", "100.25", "含结转"], ["1", "供水改造", "60.25", ""], ["2", "供电改造", "40.00", "已完工"],
            ["二", "完善类", "20.25", ""], ["1", "绿化", "20.25", ""]]
    doc = caption_doc("单位：万元", grid_cells(rows))
    m = analyze_table(doc.tables()[0], doc)
    assert [r.role for r in m.rows] == ["header", "grand_total", "subtotal", "item", "item", "subtotal", "item"]
    assert m.rows[2].members == [3, 4] and m.rows[5].members == [6]
    assert m.columns[3].is_label and not m.columns[3].is_numeric
    checks = run_checks(doc)
    assert checks and all(c.status.value == "ok" for c in checks)


def test_合计_column_after_its_group_with_header_text_repeated_in_both_rows():
    cells = [RawCell(0, 0, "地区"), RawCell(0, 1, "资金来源", col_span=2), RawCell(0, 3, "合计"),
             RawCell(1, 0, "地区"), RawCell(1, 1, "中央"), RawCell(1, 2, "省级"), RawCell(1, 3, "合计"),
             RawCell(2, 0, "甲"), RawCell(2, 1, "1"), RawCell(2, 2, "2"), RawCell(2, 3, "3"),
             RawCell(3, 0, "乙"), RawCell(3, 1, "4"), RawCell(3, 2, "2"), RawCell(3, 3, "9")]
    doc = caption_doc("单位：万元", cells)
    m = analyze_table(doc.tables()[0], doc)
    assert [c.header_path for c in m.columns] == ["地区", "资金来源/中央", "资金来源/省级", "合计"]
    assert m.columns[3].total_members == [1, 2]
    bad = [c for c in run_checks(doc) if c.status.value == "discrepancy"]
    assert [(c.stated, c.computed) for c in bad] == [(D(9), D(6))]


def test_a_year_column_is_a_label_not_an_amount_in_the_caption_unit():
    rows = [["年度", "项目", "金额"], ["2023", "甲", "10"], ["2024", "乙", "20"], ["", "合计", "30"]]
    doc = caption_doc("单位：万元", grid_cells(rows))
    m = analyze_table(doc.tables()[0], doc)
    assert [(c.is_numeric, c.unit) for c in m.columns] == [(False, None), (False, None), (True, "万元")]
    assert [r.label for r in m.rows[1:]] == ["2023 甲", "2024 乙", "合计"]


def test_units_in_row_labels_of_a_transposed_table():
    """Indicators as rows with their unit in the label, places as columns, a 合计 column."""
    from extract.extractors.base import Context
    from extract.extractors.funding import extract_funding
    from extract.extractors.targets import extract_targets
    from extract.readers.builder import DocumentBuilder, RawCell

    rows = [["项目", "合计", "甲镇", "乙乡"],
            ["危房改造（户）", "30", "12", "18"],
            ["补助资金（万元）", "45.5", "20.5", "25"]]
    b = DocumentBuilder()
    b.add_paragraph("2025年危房改造任务分解")
    b.add_table([RawCell(r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row)])
    doc = b.build("x.txt", "txt")
    model = analyze_table(doc.tables()[0], doc)
    assert model.number(1, 2).unit.normalized == "户" and model.number(2, 3).unit.normalized == "万元"
    assert model.rows[1].unit_raw == "户"
    ctx = Context(document=doc)
    t = next(t for t in extract_targets(ctx) if t.quote == "12")
    assert (t.subject, t.region, t.unit) == ("危房改造", "甲镇", "户")
    f = next(f for f in extract_funding(ctx) if f.quote == "20.5")
    assert f.amount_yuan == 205000 and f.unit_raw == "万元"
