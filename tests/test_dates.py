"""Chinese date expressions -> ISO dates (pure functions, no clock)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.normalize.dates import (
    find_time_expressions,
    month_end,
    parse_cn_int,
    parse_date,
    resolve_year,
)


def one(text: str):
    exprs = find_time_expressions(text)
    assert len(exprs) == 1, exprs
    e = exprs[0]
    assert text[e.start:e.end] == e.raw
    return e


@pytest.mark.parametrize("text,due", [
    ("2024年10月31日", date(2024, 10, 31)),
    ("2024 年 10 月 31 日", date(2024, 10, 31)),
    ("二〇二四年十月三十一日", date(2024, 10, 31)),
    ("二○二四年十月三十日", date(2024, 10, 30)),
    ("２０２４年１０月３１日", date(2024, 10, 31)),
    ("2024.10.31", date(2024, 10, 31)),
    ("2024-10-31", date(2024, 10, 31)),
    ("2024/10/31", date(2024, 10, 31)),
])
def test_full_dates(text, due):
    e = one(text)
    assert (e.due_date, e.precision, e.year_source, e.kind) == (due, "day", "text", "on")
    assert parse_date(text) == due


def test_by_suffix_keeps_spaces_of_pdf_text():
    e = one("2024 年 10 月 31 日前，开工率达 100%")
    assert (e.raw, e.kind, e.due_date) == ("2024 年 10 月 31 日前", "by", date(2024, 10, 31))


@pytest.mark.parametrize("text,due,precision", [
    ("2024年2月底前", date(2024, 2, 29), "month-end"),
    ("2023年2月底前", date(2023, 2, 28), "month-end"),
    ("2023 年 6 月底前", date(2023, 6, 30), "month-end"),
    ("2024年年底前", date(2024, 12, 31), "year-end"),
    ("2024年末前", date(2024, 12, 31), "year-end"),
    ("2024年第三季度末前", date(2024, 9, 30), "quarter-end"),
    ("2024年一季度前", date(2024, 3, 31), "quarter-end"),
    ("2024年上半年前", date(2024, 6, 30), "half-year"),
    ("2024年10月中旬前", date(2024, 10, 20), "day"),
    ("2024年10月上旬前", date(2024, 10, 10), "day"),
    ("2024年2月下旬前", date(2024, 2, 29), "month-end"),
])
def test_period_ends(text, due, precision):
    e = one(text)
    assert (e.kind, e.due_date, e.precision) == ("by", due, precision)


def test_half_year_as_period():
    e = one("2024年下半年")
    assert (e.start_date, e.due_date, e.precision) == (date(2024, 7, 1), date(2024, 12, 31), "half-year")


@pytest.mark.parametrize("text,start,due", [
    ("2022年1月28日起至2022年2月16日止", date(2022, 1, 28), date(2022, 2, 16)),
    ("2026年5月至11月", date(2026, 5, 1), date(2026, 11, 30)),
    ("2026年2至4月", date(2026, 2, 1), date(2026, 4, 30)),
    ("2022年3月至9月底", date(2022, 3, 1), date(2022, 9, 30)),
    ("2024年10月1日—15日", date(2024, 10, 1), date(2024, 10, 15)),
    ("2024年11月～2月", date(2024, 11, 1), date(2025, 2, 28)),
    ("2024年3月到5月", date(2024, 3, 1), date(2024, 5, 31)),
])
def test_ranges_carry_the_year(text, start, due):
    e = one(text)
    assert (e.kind, e.start_date, e.due_date, e.year_source, e.raw) == ("range", start, due, "text", text)


def test_yearless_expressions_wait_for_a_year():
    e = one("年底前")
    assert (e.kind, e.due_date, e.needs_year, e.precision) == ("by", None, True, "year-end")
    r = resolve_year(e, 2024, "notice_date")
    assert (r.due_date, r.year_source) == (date(2024, 12, 31), "notice_date")
    assert one("12 月底前").needs_year
    assert find_time_expressions("6月底前", 2023, "context")[0].due_date == date(2023, 6, 30)


def test_month_without_year_and_after():
    e = find_time_expressions("按照5月份启动，11月竣工的目标", 2026, "context")
    assert [(x.raw, x.start_date, x.due_date) for x in e] == [
        ("5月份", date(2026, 5, 1), date(2026, 5, 31)), ("11月", date(2026, 11, 1), date(2026, 11, 30))]
    after = one("（2022年11月底后）")
    assert (after.kind, after.start_date, after.due_date) == ("after", date(2022, 12, 1), None)
    since = one("2022年1月28日起")
    assert (since.kind, since.start_date) == ("after", date(2022, 1, 28))


def test_relative_with_anchor():
    e = one("应自接到上级财政部门下达的预算指标文件之日起 30 日内，将下达的补助资金细化")
    assert (e.kind, e.anchor, e.offset_days, e.due_date, e.working_days) == (
        "relative", "接到上级财政部门下达的预算指标文件", 30, None, False)
    assert e.raw == "自接到上级财政部门下达的预算指标文件之日起 30 日内"
    w = one("收到通知后15个工作日内")
    assert (w.anchor, w.offset_days, w.working_days, w.offset_unit) == ("收到通知", 15, True, "工作日")


def test_recurring():
    e = one("各区每月25日前向城建主管部门上报改造进度")
    assert (e.raw, e.kind, e.recurrence, e.due_date, e.first.day) == ("每月25日前", "recurring", "monthly", None, 25)
    assert one("每季度末").recurrence == "quarterly"
    assert one("每年12月底前").precision == "month-end"


def test_relative_years():
    e = one("各年度改造计划应于前一年12月底前完成")
    assert (e.raw, e.year_offset, e.needs_year, e.due_date) == ("前一年12月底前", -1, True, None)
    assert resolve_year(one("次年3月底前"), 2024, "context").due_date == date(2025, 3, 31)


@pytest.mark.parametrize("text", ["2024 年度全区", "统一月报", "〔2023〕26 号", "3个月内", "20世纪80年代"])
def test_not_dates(text):
    assert [e for e in find_time_expressions(text) if e.kind != "relative"] == []


def test_parse_cn_int():
    assert [parse_cn_int(s) for s in ["二〇二四", "三十一", "十", "十二", "２５", "一百二十"]] == [2024, 31, 10, 12, 25, 120]
    assert parse_date("二〇二三年二月三十日") is None  # no such day


# ---------------------------------------------------------------- properties
CN = "〇一二三四五六七八九"


def cn_small(n: int) -> str:
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN[tens]) + "十" if tens else "") + (CN[ones] if ones else "")


def write(d: date, style: str, sp: str) -> str:
    if style == "ascii":
        y, m, dd = str(d.year), str(d.month), str(d.day)
    elif style == "fullwidth":
        fw = str.maketrans("0123456789", "０１２３４５６７８９")
        y, m, dd = str(d.year).translate(fw), str(d.month).translate(fw), str(d.day).translate(fw)
    else:
        zero = "〇" if style == "cn" else "○"
        y = "".join(CN[int(c)] for c in str(d.year)).replace("〇", zero)
        m, dd = cn_small(d.month), cn_small(d.day)
    return f"{y}{sp}年{sp}{m}{sp}月{sp}{dd}{sp}日"


@settings(max_examples=300, deadline=None)
@given(st.dates(date(1950, 1, 1), date(2099, 12, 31)), st.sampled_from(["ascii", "fullwidth", "cn", "cn-o"]),
       st.sampled_from(["", " ", "\u3000"]))
def test_any_written_date_parses_to_itself(d, style, sp):
    text = write(d, style, sp)
    e = one(text)
    assert (e.due_date, e.precision, e.raw) == (d, "day", text)


@settings(max_examples=200, deadline=None)
@given(st.integers(1950, 2099), st.integers(1, 12), st.sampled_from(["底", "末", "底前"]))
def test_month_end_is_the_last_day(y, m, word):
    e = one(f"{y}年{m}月{word}")
    assert e.due_date == month_end(y, m)
    assert e.due_date.month == m and (e.due_date + timedelta(days=1)).month != m


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1990, 1, 1), date(2090, 12, 31)), st.integers(0, 400),
       st.sampled_from(["至", "到", "—", "－", "～", "~", "起至"]), st.booleans())
def test_range_start_not_after_due(d1, days, sep, drop_year):
    d2 = d1 + timedelta(days=days)
    second = f"{d2.month}月{d2.day}日" if drop_year and d2.year == d1.year else f"{d2.year}年{d2.month}月{d2.day}日"
    e = one(f"{d1.year}年{d1.month}月{d1.day}日{sep}{second}止")
    assert e.kind == "range" and e.start_date == d1 and e.due_date == d2 and e.start_date <= e.due_date


@settings(max_examples=150, deadline=None)
@given(st.integers(1990, 2090), st.integers(1, 12), st.integers(1, 12))
def test_month_range_start_not_after_due(y, m1, m2):
    e = one(f"{y}年{m1}月至{m2}月")
    assert e.start_date <= e.due_date


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789年月日底前后起至到每季度上下半旬一二三十〇 ，。自之内个工作", max_size=40))
def test_offsets_always_point_into_the_text(text):
    for e in find_time_expressions(text, 2024, "context"):
        assert text[e.start:e.end] == e.raw
        if e.start_date and e.due_date:
            assert e.start_date <= e.due_date
