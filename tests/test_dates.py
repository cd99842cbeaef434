"""Chinese date expressions -> ISO dates (pure functions, no clock)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import time

from extract.normalize.dates import (
    counts_from_each_year,
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


def test_relative_limits_in_hours_and_minutes():
    """Emergency and complaint rules count hours and minutes from an event (发现/发生/接到…后)."""
    h = one("接到举报后24小时内到场核查")
    assert (h.kind, h.raw, h.anchor, h.offset, h.offset_unit, h.offset_days) == (
        "relative", "接到举报后24小时内", "接到举报", 24, "小时", None)
    m = one("发现险情后30分钟内报告乡镇值班室")
    assert (m.raw, m.anchor, m.offset, m.offset_unit) == ("发现险情后30分钟内", "发现险情", 30, "分钟")
    assert one("发生事故后2个小时以内上报").raw == "发生事故后2个小时以内"
    assert find_time_expressions("每小时巡查一次，确保24小时有人值守") == []  # no 内: not a limit


def test_recurring():
    e = one("各区每月25日前向城建主管部门上报改造进度")
    assert (e.raw, e.kind, e.recurrence, e.due_date, e.first.day) == ("每月25日前", "recurring", "monthly", None, 25)
    assert one("每季度末").recurrence == "quarterly"
    assert one("每年12月底前").precision == "month-end"


def test_relative_years():
    e = one("各年度改造计划应于前一年12月底前完成")
    assert (e.raw, e.year_offset, e.needs_year, e.due_date) == ("前一年12月底前", -1, True, None)
    assert resolve_year(one("次年3月底前"), 2024, "context").due_date == date(2025, 3, 31)


# ---------------------------------------------------------------- shapes of the held-out notices
H02_PLAN = ("2024年3月底前，各县（市、区）将年度任务分解到具体项目；第二季度末，保障性租赁住房项目开工率达到"
            "60%以上；年底前，年度计划项目全部开工。")
H06_DONE = "第三季度末完成全部建设任务的80%以上，年内全部完工；次年1月15日前完成项目竣工验收。"


def test_quarter_end_heading_a_clause_is_found():
    e = [x for x in find_time_expressions(H02_PLAN, 2024, "plan_year") if x.raw == "第二季度末"]
    assert len(e) == 1 and H02_PLAN[e[0].end] == "，"
    assert (e[0].kind, e[0].due_date, e[0].start_date, e[0].precision) == ("on", date(2024, 6, 30), None, "quarter-end")


@pytest.mark.parametrize("text,due,kind", [
    ("第二季度末", date(2024, 6, 30), "on"), ("二季度末", date(2024, 6, 30), "on"),
    ("三季度前", date(2024, 9, 30), "by"), ("第三季度末前", date(2024, 9, 30), "by"),
    ("第2季度末", date(2024, 6, 30), "on"),
])
def test_quarter_ends_need_a_year(text, due, kind):
    e = one(text)
    assert (e.needs_year, e.due_date, e.precision) == (True, None, "quarter-end")
    r = resolve_year(e, 2024, "notice_date")
    assert (r.kind, r.due_date) == (kind, due)


def test_a_quarter_is_a_span_and_its_end_a_day():
    q = one("2025年第一季度")
    assert (q.start_date, q.due_date) == (date(2025, 1, 1), date(2025, 3, 31))
    end = one("2025年第一季度末")
    assert (end.start_date, end.due_date) == (None, date(2025, 3, 31))


def test_within_the_year_of_h06():
    exprs = find_time_expressions(H06_DONE, 2025, "plan_year")
    assert [(e.raw, e.kind, e.due_date) for e in exprs] == [
        ("第三季度末", "on", date(2025, 9, 30)), ("年内", "by", date(2025, 12, 31)),
        ("次年1月15日前", "by", date(2026, 1, 15))]
    assert exprs[1].precision == "year-end" and exprs[1].year_source == "plan_year"


@pytest.mark.parametrize("text,raw", [("年内完成公租房信息系统与省级平台数据对接", "年内"), ("本年内", "本年内"),
                                      ("本年度内完成", "本年度内"), ("当年内", "当年内"), ("今年内全部开工", "今年内")])
def test_within_the_year_waits_for_a_year(text, raw):
    e = one(text)
    assert (e.raw, e.kind, e.precision, e.needs_year, e.due_date) == (raw, "by", "year-end", True, None)
    assert resolve_year(e, 2024, "notice_date").due_date == date(2024, 12, 31)


def test_within_a_written_year():
    e = one("2024年内完成")
    assert (e.raw, e.kind, e.due_date, e.needs_year) == ("2024年内", "by", date(2024, 12, 31), False)


@pytest.mark.parametrize("text", ["3年内完成", "一年内", "近年内", "半年内", "部分资金未能在年内支出", "2024年内部控制"])
def test_not_within_the_year(text):
    assert not [e for e in find_time_expressions(text) if e.raw.endswith("内")]


@pytest.mark.parametrize("text,due", [
    ("次年1月15日前", date(2025, 1, 15)), ("翌年3月底前", date(2025, 3, 31)),
    ("下一年度1月底前", date(2025, 1, 31)), ("次年6月", date(2025, 6, 30)),
])
def test_next_year_resolves_with_a_context_year(text, due):
    e = one(text)
    assert (e.raw, e.year_offset, e.needs_year, e.due_date) == (text, 1, True, None)
    assert find_time_expressions(text, 2024, "context")[0].due_date == due


def test_each_year_words_keep_next_year_relative():
    assert counts_from_each_year("各年度改造计划应于")
    assert not counts_from_each_year("各县（市、区）住房保障部门每月5日前报送上月项目进展情况，")


def test_next_year_noun_is_not_a_date():
    assert find_time_expressions("各学校每年11月底前向县教育局报送下一年度项目需求")[-1].raw == "每年11月底前"


@pytest.mark.parametrize("text,raw,per,prec", [
    ("每半年对资金使用和项目实施情况开展一次督导检查", "每半年", "half-yearly", "half-year"),
    ("每半年度报告一次", "每半年度", "half-yearly", "half-year"),
    ("督导检查半年一次", "半年一次", "half-yearly", "half-year"),
    ("一季度一次", "一季度一次", "quarterly", "quarter-end"),
    ("每年度", "每年度", "yearly", "year"),
])
def test_half_yearly_and_frequencies(text, raw, per, prec):
    e = one(text)
    assert (e.raw, e.kind, e.recurrence, e.precision, e.due_date) == (raw, "recurring", per, prec, None)


@pytest.mark.parametrize("text", ["两年一次", "一次性补助", "上半年一次性下达"])
def test_not_frequencies(text):
    assert not [e for e in find_time_expressions(text) if e.kind == "recurring"]


def test_effective_from_issue():
    text = "本方案自印发之日起施行，有效期至2026年12月31日。"
    eff, until = find_time_expressions(text)
    assert (eff.raw, eff.kind, eff.anchor, eff.due_date, eff.needs_year) == ("自印发之日起施行", "after", "印发", None, False)
    assert (until.kind, until.due_date) == ("by", date(2026, 12, 31))
    assert one("自印发之日起30日内").kind == "relative"


@pytest.mark.parametrize("text,start,due,kind", [
    ("十四五期间", date(2021, 1, 1), date(2025, 12, 31), "range"),
    ("“十四五”时期", date(2021, 1, 1), date(2025, 12, 31), "range"),
    ("“十五五”期间", date(2026, 1, 1), date(2030, 12, 31), "range"),
    ("到“十四五”末", None, date(2025, 12, 31), "by"),
])
def test_five_year_plans(text, start, due, kind):
    e = find_time_expressions(text)[0]
    assert (e.start_date, e.due_date, e.kind, e.needs_year, e.year_source) == (start, due, kind, False, None)


@pytest.mark.parametrize("text", ["每月十五日前", "二十四五个", "第十四五"])
def test_not_five_year_plans(text):
    assert not [e for e in find_time_expressions(text) if e.start_date and e.start_date.year > 2000]


@pytest.mark.parametrize("text,kind,start,due", [
    ("2024—2026年", "range", date(2024, 1, 1), date(2026, 12, 31)),
    ("到2025年底", "by", None, date(2025, 12, 31)),
    ("于2024年12月31日前", "by", None, date(2024, 12, 31)),
    ("2024年度1-6月", "range", date(2024, 1, 1), date(2024, 6, 30)),
])
def test_other_shapes(text, kind, start, due):
    e = find_time_expressions(text)[0]
    assert (e.kind, e.start_date, e.due_date) == (kind, start, due)


def test_as_of_is_marked_and_not_a_deadline_form():
    e = find_time_expressions("截至2023年12月31日，各级资金全部到位")[0]
    assert (e.raw, e.kind, e.as_of, e.due_date) == ("2023年12月31日", "on", True, date(2023, 12, 31))
    assert not one("2023年12月31日前").as_of


def test_half_years_take_the_year():
    e = find_time_expressions("上半年完成招标，下半年全部开工", 2024, "context")
    assert [(x.start_date, x.due_date) for x in e] == [(date(2024, 1, 1), date(2024, 6, 30)),
                                                       (date(2024, 7, 1), date(2024, 12, 31))]
    assert one("6月30日前").needs_year


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


# ---------------------------------------------------------------- no catastrophic backtracking
DATE_ALPHABET = ("0123456789年月日前后底末起至—、，。〇一二三四五六七八九十两百 \u3000\t"
                 "自从每个季度半上下旬内之以工作天周收到印发")


@settings(max_examples=150, deadline=500)
@given(st.text(alphabet=DATE_ALPHABET, max_size=300))
def test_random_date_text_is_fast(text):
    find_time_expressions(text, 2024, "context")


@pytest.mark.parametrize("text", ["自" + " " * 300, ("自" + " " * 20) * 15, "每" + " " * 300,
                                  "收到" + " " * 298, "2024年5月" + " " * 290 + "至"])
def test_long_blank_runs_are_fast(text):
    t = time.perf_counter()
    find_time_expressions(text * 3, 2024, "context")
    assert time.perf_counter() - t < 0.5  # 自 + 300 blanks took 2 s with backtracking blank runs
