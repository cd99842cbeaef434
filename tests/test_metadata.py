"""Notice metadata on the five corpus notices: title, 发文字号, issuer, signature date, plan year."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from extract.extractors.metadata import extract_meta, parse_date, plan_year
from extract.readers.builder import DocumentBuilder
from extract.readers.txt import read_txt
from tests.conftest import seed


def meta(n: str):
    doc = read_txt(seed(n))
    return doc, extract_meta(doc)


def test_000_title_issuers_date_year():
    doc, m = meta("000")
    assert m.title == "关于下达 2024 年度全区城镇老旧小区改造工作计划任务的通知"
    assert m.issuer == "自治区住房和城乡建设厅、自治区发展和改革委员会、自治区财政厅"
    assert m.issue_date == date(2024, 4, 28)
    assert m.issue_date_grounding.quote == "2024年4月28日"
    assert m.plan_year == 2024
    assert m.doc_number is None


def test_001_attachment_body_takes_plan_title():
    _, m = meta("001")
    assert m.title == "利通区2026年老旧小区完善改造实施方案"
    assert m.plan_year == 2026
    assert m.issue_date is None


def test_002_header_number_and_issuer():
    doc, m = meta("002")
    assert m.doc_number == "宛建〔2023〕21号"
    assert m.issuer == "南阳市住房和城乡建设局"
    assert m.title.endswith("关于印发《2023年重点民生实事城镇老旧小区改造工作实施方案》的通知")
    assert m.plan_year == 2023
    assert doc.text[m.doc_number_grounding.start:m.doc_number_grounding.end] == "宛建〔2023〕21号"


def test_003_title_joined_over_two_lines_and_no_date():
    doc, m = meta("003")
    assert m.title == "关于公开征集《固原市区2022年老旧小区改造项目实施方案（征求意见稿）》意见建议的公告"
    assert "\n" in m.title_grounding.quote  # the quote spans both lines as written
    assert m.issue_date is None  # 2022年1月28日 is the comment period, not a signature
    assert m.plan_year == 2022


def test_004_printed_by_line_and_year_range():
    _, m = meta("004")
    assert m.title == "关于印发《乌海市老旧小区改造行动实施方案（2022—2024年）》的通知"
    assert m.issuer == "乌海市人民政府办公室"
    assert m.issue_date == date(2021, 12, 31)
    assert m.plan_year is None  # 2022—2024 is a range


@pytest.mark.parametrize("n", ["000", "001", "002", "003", "004"])
def test_groundings_point_into_text(n):
    doc, m = meta(n)
    for g in (m.title_grounding, m.doc_number_grounding, m.issue_date_grounding):
        if g is not None:
            assert doc.text[g.start:g.end] == g.quote


def test_pdf_style_wrapped_title_and_signature_line():
    b = DocumentBuilder()
    for line in ["某某市人民政府文件", "某政发〔2025〕7 号", "关于印发某某市 2025 年城市更新工",
                 "作要点的通知", "各县区人民政府：", "现将要点印发给你们。", "某某市人民政府",
                 "二〇二五年三月五日"]:
        b.add_paragraph(line)
    m = extract_meta(b.build("x.txt", "txt"))
    assert m.title == "关于印发某某市 2025 年城市更新工作要点的通知"
    assert m.doc_number == "某政发〔2025〕7号"
    assert m.issuer == "某某市人民政府"
    assert m.issue_date == date(2025, 3, 5)
    assert m.plan_year == 2025


def test_parse_date_forms():
    assert parse_date("2024 年 4 月 28 日") == date(2024, 4, 28)
    assert parse_date("二〇二一年十二月三十一日") == date(2021, 12, 31)
    assert parse_date("2024年2月30日") is None


@given(st.integers(1990, 2099), st.integers(1, 5))
def test_plan_year_single_vs_range(year, span):
    assert plan_year(f"关于下达{year}年度改造计划的通知") == year
    assert plan_year(f"改造行动方案（{year}—{year + span}年）") is None


def test_a_title_naming_no_year_plans_for_its_year_of_issue():
    assert plan_year("关于印发某县农村饮水安全巩固提升实施方案的通知", 2026) == 2026
    assert plan_year("关于印发某县农村饮水安全巩固提升实施方案的通知") is None  # no issue date either
    assert plan_year("某县饮水安全三年行动方案（2026—2028年）", 2026) is None  # a range is no one year
    assert plan_year("关于下达2027年度饮水工程资金的通知", 2026) == 2027
