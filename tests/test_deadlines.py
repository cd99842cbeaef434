"""Deadlines extracted from the five corpus notices, with values read off the notices."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from extract.extractors.base import Context, registry
from extract.extractors.deadlines import extract_deadlines
from extract.readers.builder import DocumentBuilder, RawCell
from schemas import Document, NoticeMeta
from tests.conftest import paragraphs_doc

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def load(n: str) -> Document:
    path = next(CORPUS.glob(f"{n}_*.txt"))
    try:
        from extract.readers.txt import read_txt
    except ImportError:  # before the txt reader lands: one paragraph per non-empty line
        b = DocumentBuilder()
        for line in path.read_text(encoding="utf-8").splitlines():
            b.add_paragraph(line)
        return b.build(str(path), "txt")
    return read_txt(path)


@lru_cache(maxsize=None)
def deadlines(n: str):
    doc = load(n)
    return doc, extract_deadlines(Context(doc))


def by_raw(n: str, raw: str):
    found = [d for d in deadlines(n)[1] if d.raw.replace(" ", "") == raw.replace(" ", "")]
    assert found, f"{raw} not found in {n}: {[d.raw for d in deadlines(n)[1]]}"
    return found


def raws(n: str) -> list[str]:
    return [d.raw.replace(" ", "") for d in deadlines(n)[1]]


@pytest.mark.parametrize("n", ["000", "001", "002", "003", "004"])
def test_every_deadline_is_grounded(n):
    doc, found = deadlines(n)
    assert found
    for d in found:
        assert doc.text[d.start:d.end] == d.quote == d.raw
        assert d.sentence and d.quote in d.sentence


def test_registered():
    assert registry()["deadlines"] is extract_deadlines


# ---------------------------------------------------------------- 000
def test_000_october_start_of_works():
    (d,) = by_raw("000", "2024 年 10 月 31 日前")
    assert d.quote == "2024 年 10 月 31 日前"
    assert (d.deadline_kind, d.due_date, d.precision, d.year_source) == ("by", date(2024, 10, 31), "day", "text")
    assert "开工率达 100%" in d.task


def test_000_relative_thirty_days():
    (d,) = by_raw("000", "自接到上级财政部门下达的预算指标文件之日起 30 日内")
    assert (d.deadline_kind, d.anchor, d.offset_days, d.due_date) == (
        "relative", "接到上级财政部门下达的预算指标文件", 30, None)
    assert d.department == "市县财政部门"
    assert d.task == "将下达的补助资金细化到具体项目和单位"


def test_000_year_end_takes_the_notice_year():
    ends = by_raw("000", "年底前")
    assert [(d.due_date, d.precision, d.department) for d in ends] == [
        (date(2024, 12, 31), "year-end", "市县住建部门"), (date(2024, 12, 31), "year-end", "市县发改部门")]
    assert ends[0].task == "将本年度中央和自治区补助资金全部支出完毕"
    assert all(d.year_source and d.year_source != "text" for d in ends)


def test_000_signing_date_is_not_a_deadline():
    assert "2024年4月28日" not in raws("000")
    assert not any("2024年度" in r for r in raws("000"))


# ---------------------------------------------------------------- 001
def test_001_stages():
    (survey,) = by_raw("001", "2025年12月")
    assert (survey.due_date, survey.start_date, survey.task) == (date(2025, 12, 31), date(2025, 12, 1), "摸底调查阶段")
    (prep,) = by_raw("001", "2026年2至4月")
    assert (prep.deadline_kind, prep.start_date, prep.due_date) == ("range", date(2026, 2, 1), date(2026, 4, 30))
    assert prep.department == "区住建和交通局、区发改局"  # 发改局 takes the level of the first name
    (works,) = by_raw("001", "2026年5月至11月")
    assert (works.deadline_kind, works.start_date, works.due_date, works.task) == (
        "range", date(2026, 5, 1), date(2026, 11, 30), "全面改造阶段")


def test_001_months_take_the_stage_year():
    (start,) = by_raw("001", "5月份")
    assert (start.start_date, start.due_date, start.year_source) == (date(2026, 5, 1), date(2026, 5, 31), "context")
    assert "启动" in start.task
    (done,) = by_raw("001", "11月")
    assert done.due_date == date(2026, 11, 30) and "竣工" in done.task
    (acceptance,) = by_raw("001", "2026年11月")
    assert acceptance.department == "区住建和交通局"


# ---------------------------------------------------------------- 002
def test_002_stage_targets():
    (june,) = by_raw("002", "2023 年 6 月底前")
    assert (june.due_date, june.precision) == (date(2023, 6, 30), "month-end")
    assert june.task == "纳入 2023 年改造计划的项目全部开工改造"
    (dec,) = by_raw("002", "12 月底前")
    assert (dec.due_date, dec.year_source) == (date(2023, 12, 31), "context")
    assert "竣工验收" in dec.task


def test_002_february_and_march():
    febs = by_raw("002", "2023年2月底前")
    assert [d.due_date for d in febs] == [date(2023, 2, 28), date(2023, 2, 28)]
    assert "实施方案" in febs[0].task and "调整计划" in febs[1].task
    (march,) = by_raw("002", "2023年3月底前")
    assert (march.due_date, march.department, march.task) == (
        date(2023, 3, 31), "各县市区主管部门", "完成改造方案制定等工作")


def test_002_inspections_in_june_and_november():
    june, nov = by_raw("002", "6 月")[0], by_raw("002", "11 月")[0]
    assert (june.due_date, nov.due_date) == (date(2023, 6, 30), date(2023, 11, 30))
    assert june.task == nov.task == "组织成立市级检查验收组"


# ---------------------------------------------------------------- 003
def test_003_comment_period_is_a_range():
    (d,) = by_raw("003", "2022年1月28日起至2022年2月16日止")
    assert (d.deadline_kind, d.start_date, d.due_date, d.task) == (
        "range", date(2022, 1, 28), date(2022, 2, 16), "征集时间")


def test_003_dates():
    (start,) = by_raw("003", "2022年3月15日前")
    assert (start.due_date, start.precision) == (date(2022, 3, 15), "day") and "全部开工" in start.task
    (survey,) = by_raw("003", "2021年6月底前")
    assert (survey.due_date, survey.task, survey.department) == (date(2021, 6, 30), "摸底调查阶段", "原州区综合执法局")
    (accept,) = by_raw("003", "2022年11月底")
    assert (accept.due_date, accept.department) == (date(2022, 11, 30), "原州区综合执法局")
    (after,) = by_raw("003", "2022年11月底后")
    assert (after.deadline_kind, after.start_date) == ("after", date(2022, 12, 1))


def test_003_building_age_criteria_are_not_deadlines():
    assert not any(r.startswith(("2000年底", "2005年底")) for r in raws("003"))


# ---------------------------------------------------------------- 004
def test_004_recurring_and_relative():
    (monthly,) = by_raw("004", "每月25日前")
    assert (monthly.deadline_kind, monthly.due_date, monthly.department) == ("recurring", None, "各区")
    assert monthly.task == "向城建主管部门上报改造进度"
    (prev,) = by_raw("004", "前一年12月底前")
    assert (prev.deadline_kind, prev.due_date, prev.precision) == ("relative", None, "relative")
    assert prev.task == "完成项目招投标及前期准备工作"


def test_004_not_deadlines():
    r = raws("004")
    assert not any(x.startswith("2021年12月31日") for x in r)
    assert not any(x.startswith(("2005年", "2000年", "2022—2024", "2019—2021")) for x in r)
    (end,) = by_raw("004", "2024年年底")
    assert (end.deadline_kind, end.due_date) == ("by", date(2024, 12, 31))


# ---------------------------------------------------------------- years and tables
def doc_of(lines: list[str], table: list[RawCell] | None = None) -> Document:
    b = DocumentBuilder()
    for line in lines:
        b.add_paragraph(line)
    if table:
        b.add_table(table)
    return b.build("test.txt", "txt")


def test_year_from_meta_when_the_text_has_none():
    doc = doc_of(["各县区住建局应于年底前完成摸底。"])
    (d,) = extract_deadlines(Context(doc, NoticeMeta(doc_number="宛建〔2023〕21号")))
    assert (d.due_date, d.year_source, d.department) == (date(2023, 12, 31), "doc_number", "各县区住建局")
    (p,) = extract_deadlines(Context(doc, NoticeMeta(plan_year=2025, issue_date=date(2024, 12, 1))))
    assert (p.due_date, p.year_source) == (date(2025, 12, 31), "plan_year")


def test_year_from_the_title_when_meta_is_empty():
    doc = doc_of(["关于下达2024年度改造计划的通知", "市住建局应于6月底前上报方案。"])
    (d,) = extract_deadlines(Context(doc))
    assert (d.due_date, d.year_source, d.department) == (date(2024, 6, 30), "title", "市住建局")


def test_date_column_of_a_table():
    cells = [RawCell(0, 0, "工作任务"), RawCell(0, 1, "责任单位"), RawCell(0, 2, "完成时间"),
             RawCell(1, 0, "完成项目招标"), RawCell(1, 1, "区住建局"), RawCell(1, 2, "2024年6月底前")]
    doc = doc_of(["关于2024年改造工作的通知"], cells)
    (d,) = extract_deadlines(Context(doc))
    assert (d.due_date, d.task, d.department, d.table_row, d.table_col) == (
        date(2024, 6, 30), "完成项目招标", "区住建局", 1, 2)
    assert doc.text[d.start:d.end] == "2024年6月底前"


def test_judgement_on_unseen_phrasings():
    doc = doc_of(["关于2024年工作的通知", "截至2023年底，全市累计改造小区120个。",
                  "2024年1-6月，全市完成固定资产投资12亿元。", "本办法自2024年1月1日起施行。",
                  "报名截止时间：2024年4月30日。", "各地要在每季度结束后10日内报送进度。"])
    found = extract_deadlines(Context(doc))
    assert [(d.raw, d.deadline_kind, d.due_date, d.task) for d in found[:1]] == [
        ("2024年4月30日", "on", date(2024, 4, 30), "报名截止时间")]
    assert [(d.raw, d.deadline_kind, d.offset_days) for d in found[1:]] == [("每季度结束后10日内", "recurring", 10)]


# ---------------------------------------------------------------- year-only plan targets
def test_year_only_plan_statements_are_due_at_year_end():
    (d001,) = by_raw("001", "2026年")
    assert (d001.deadline_kind, d001.due_date, d001.precision, d001.department) == (
        "by", date(2026, 12, 31), "year-end", None)
    assert d001.task.startswith("完成朝阳家园")
    (d003,) = by_raw("003", "2022年")
    assert (d003.deadline_kind, d003.due_date, d003.precision) == ("by", date(2022, 12, 31), "year-end")
    assert "2023年" not in raws("002")  # 2023 年全市新开工改造…: no completion verb right after the year


def test_year_only_needs_a_completion_statement():
    doc = doc_of(["2025年老旧小区改造工作方案", "2025年全面完成老旧小区改造任务。",
                  "2023年全市新开工改造城镇老旧小区100个。", "2026年计划改造小区30个。"])
    found = extract_deadlines(Context(doc))
    assert [(d.raw, d.deadline_kind, d.due_date, d.precision) for d in found] == [
        ("2025年", "by", date(2025, 12, 31), "year-end")]
    # in a notice issued in 2024, 2023年完成… reports what was done
    past = doc_of(["2023年完成老旧小区改造120个。"])
    assert extract_deadlines(Context(past, NoticeMeta(issue_date=date(2024, 2, 1)))) == []


# ---------------------------------------------------------------- departments of stages and plans
def test_stage_department_is_the_first_actor_of_the_opening_sentence():
    assert by_raw("001", "2025年12月")[0].department == "区住建和交通局"  # after 全面摸清底子，
    assert by_raw("001", "2026年12月")[0].department == "乡镇"  # 由乡镇指导成立…
    assert by_raw("003", "2021年10月底前")[0].department == "原州区综合执法局"  # after the 遵循…原则 clause
    assert by_raw("003", "2022年11月底后")[0].department == "街道办事处、社区"
    # the opening sentence has no actor: a later side task (乡镇以及社区…) does not own the stage
    assert by_raw("001", "2026年5月至11月")[0].department is None
    assert by_raw("003", "2022年2月底前")[0].department is None  # 按照自治区发改委…: not a subject


def test_each_county_owns_its_plan_deadline():
    assert [d.department for d in by_raw("002", "2023年2月底前")] == ["各县市区", "各县市区"]


def test_departments_on_made_up_stages_and_plans():
    doc = doc_of(["关于2024年城市更新工作的通知",
                  "（一）启动阶段（2024年3月）。市住建局会同市财政局制定实施方案，各县（市、区）配合做好摸底。",
                  "（二）实施阶段（2024年4月至10月）。按照先地下后地上的原则推进改造。各街道办事处做好群众工作。",
                  "（三）总结阶段（2024年12月）",
                  "县级政府要对本地工作进行总结，并上报市住建局。",
                  "2024年6月底前，各县、区将任务分解到具体项目。"])
    found = {d.raw: d.department for d in extract_deadlines(Context(doc))}
    assert found == {"2024年3月": "市住建局", "2024年4月至10月": None, "2024年12月": "县级政府",
                     "2024年6月底前": "各县、区"}


# ---------------------------------------------------------------- shapes of task lists and reports
def test_day_in_a_month_of_each_period_is_one_recurring_deadline():
    doc = doc_of(["关于2025年社会救助工作的通知", "各乡镇于每半年最后一个月15日前将救助台账报县民政局。"])
    (d,) = extract_deadlines(Context(doc))
    assert (d.raw, d.deadline_kind, d.recurrence, d.due_date, d.department) == (
        "每半年最后一个月15日前", "recurring", "half-yearly", None, "各乡镇")
    assert doc.text[d.start:d.end] == d.raw


def test_eligibility_cutoffs_are_not_deadlines():
    doc = doc_of(["关于2024年住房补贴发放工作的通知",
                  "补贴对象以2023年6月30日前已登记在册的困难家庭为准。",
                  "对2022年底前取得执业资格的人员给予补贴。",
                  "各区要于2024年8月底前完成补贴发放。"])
    assert [(d.raw, d.department) for d in extract_deadlines(Context(doc))] == [("2024年8月底前", "各区")]


def test_subject_before_a_purpose_clause_owns_the_date():
    doc = doc_of(["各县（市、区）卫生健康局要对照年度任务，于2025年5月10日前将实施方案报市卫生健康委。",
                  "市卫生健康委疾病预防控制处负责汇总，每年12月15日前形成年度报告。"])
    assert [(d.raw, d.department) for d in extract_deadlines(Context(doc))] == [
        ("2025年5月10日前", "各县（市、区）卫生健康局"), ("每年12月15日前", "市卫生健康委疾病预防控制处")]


def test_time_line_of_a_listed_item_belongs_to_its_lead_unit():
    doc = doc_of(["关于印发2025年城区交通秩序整治方案的通知",
                  "（一）学校周边停车难问题",
                  "整改措施：利用周边空地新建停车场1处。",
                  "责任单位：市城管局，市教育局、市公安局交警支队",
                  "完成时限：2025年8月31日前",
                  "（二）农贸市场周边交通拥堵问题",
                  "责任单位：市公安局交警支队（牵头），市城管局",
                  "完成时限：2025年10月底前",
                  "4.完成占道经营专项整治。（牵头单位：市城管局；配合单位：各街道办事处；完成时限：2025年6月底前）"])
    assert [(d.raw, d.department) for d in extract_deadlines(Context(doc))] == [
        ("2025年8月31日前", "市城管局"), ("2025年10月底前", "市公安局交警支队"), ("2025年6月底前", "市城管局")]


def test_hour_and_minute_limits_are_relative_deadlines():
    doc = paragraphs_doc("县市场监督管理局接到投诉举报后24小时内响应处置。护林员发现火情后30分钟内报告乡镇值班室。")
    found = [(d.raw, d.deadline_kind, d.anchor, d.offset, d.offset_unit, d.due_date)
             for d in extract_deadlines(Context(doc))]
    assert found == [("接到投诉举报后24小时内", "relative", "接到投诉举报", 24, "小时", None),
                     ("发现火情后30分钟内", "relative", "发现火情", 30, "分钟", None)]


def made_up_deadlines(*paragraphs: str):
    doc = paragraphs_doc(*paragraphs)
    return [(d.raw, d.deadline_kind, d.start_date, d.due_date, d.recurrence, d.task, d.department)
            for d in extract_deadlines(Context(doc))]


def test_a_time_of_each_day_is_a_daily_deadline_only_with_before():
    found = made_up_deadlines("防汛期间，市应急管理局于每日9时前报送前一日险情。各站点每天下午5点前上报当日数据。",
                              "全市每日供水能力8万吨，服务大厅每日8时开放。")
    assert [(raw, kind, rec, dept) for raw, kind, _, _, rec, _, dept in found] == [
        ("每日9时前", "recurring", "daily", "市应急管理局"), ("每天下午5点前", "recurring", "daily", None)]


def test_a_range_that_names_a_period_is_a_deadline_named_by_it():
    found = made_up_deadlines("全市供暖期为2025年11月1日至2026年3月31日，其中严寒期为12月15日至2月15日。",
                              "2026年4月1日至6月30日为隐患清零攻坚阶段。", "与上年同期相比，用气量增长8%。")
    assert [(raw, start, due, task) for raw, _, start, due, _, task, _ in found] == [
        ("2025年11月1日至2026年3月31日", date(2025, 11, 1), date(2026, 3, 31), "全市供暖期"),
        ("12月15日至2月15日", date(2025, 12, 15), date(2026, 2, 15), "严寒期"),
        ("2026年4月1日至6月30日", date(2026, 4, 1), date(2026, 6, 30), "隐患清零攻坚阶段")]


def test_a_range_opening_a_sentence_counts_when_work_is_scheduled_not_reported():
    found = made_up_deadlines("2025年4月至7月，区城管局组织开展违规占道专项整治。",
                              "2024年1-6月，全区完成投资2.1亿元，同比增长9%。")
    assert [(raw, due) for raw, _, _, due, _, _, _ in found] == [("2025年4月至7月", date(2025, 7, 31))]


def test_weekdays_named_months_and_deadlines_that_look_like_issue_dates_or_age_criteria():
    found = made_up_deadlines("关于开展2025年春季动物防疫的通知", "各乡镇要于每周五17时前将本周进度报县指挥部。每周三上午开放。",
                              "集中免疫时间为2025年3月1日至4月30日，5月为查漏补免月。",
                              "县住建局于5月15日前印发实施。年底前建成污水处理设施。",
                              "改造2000年底前建成的老旧小区，以及2005年以前建成、配套设施不完善的小区。",
                              "2025年5月至6月，各区要以宣传月为载体，集中开展宣传活动。")
    assert [(raw, kind, due, rec, task, dept) for raw, kind, _, due, rec, task, dept in found] == [
        ("每周五17时前", "recurring", None, "weekly", "将本周进度报县指挥部", "各乡镇"),
        ("2025年3月1日至4月30日", "range", date(2025, 4, 30), None, "集中免疫时间", None),
        ("5月", "range", date(2025, 5, 31), None, "查漏补免月", None),
        ("5月15日前", "by", date(2025, 5, 15), None, "印发实施", "县住建局"),
        ("年底前", "by", date(2025, 12, 31), None, "建成污水处理设施", None),
        ("2025年5月至6月", "range", date(2025, 6, 30), None, "各区要以宣传月为载体", "各区")]


def test_a_deadline_naming_no_one_belongs_to_the_duty_that_states_it():
    from extract.pipeline import analyze
    notice = analyze(paragraphs_doc("关于下达2025年高标准农田建设任务的通知",
                                    "各试点县要于2025年5月20日前完成初步设计审批，6月底前全部开工。"))
    assert [(d.raw, d.department) for d in notice.deadlines] == [
        ("2025年5月20日前", "各试点县"), ("6月底前", "各试点县")]


@pytest.mark.parametrize("title, steps, first, second", [
    # within one sentence, and across the sentences of a paragraph
    ("关于印发2026年农险考核办法的通知", ("考核组于第三季度开展中期督查，于2027年1月31日前完成年度考核。",
                                     "各县于6月底前完成排查，2026年12月底前完成整改。"),
     ("第三季度", date(2026, 9, 30)), ("6月底前", date(2026, 6, 30))),
    ("关于印发农险考核办法的通知", ("承保机构要于12月31日前提交年度工作自评报告。考核组于2027年1月31日前完成年度考核。",
                                 "各县于10月底前完成排查。2026年12月底前完成整改。"),
     ("12月31日前", date(2026, 12, 31)), ("10月底前", date(2026, 10, 31))),
])
def test_a_yearless_step_listed_before_a_dated_one_does_not_fall_after_it(title, steps, first, second):
    found = made_up_deadlines(title, *steps)
    assert [(raw, due) for raw, _, _, due, _, _, _ in found] == [
        first, ("2027年1月31日前", date(2027, 1, 31)), second, ("2026年12月底前", date(2026, 12, 31))]


def test_department_after_a_topic_and_of_places_sharing_a_name():
    # the topic before 由 is not who (the duty stating the time gives it); a list of places sharing
    # one government name stays as written
    from extract import pipeline

    def deadlines(text):
        return [(d.raw, d.department) for d in pipeline.analyze(paragraphs_doc(text)).deadlines]

    assert deadlines("河道清淤工程由市水利局牵头、市财政局配合，于10月底前完工。") == [("10月底前", "市水利局")]
    assert deadlines("东山县、西河县、南湖县人民政府要各建设应急避难场所1个，于9月底前完成建设。") == [
        ("9月底前", "东山县、西河县、南湖县人民政府")]


def test_next_year_follows_the_notice_year_not_another_deadline_date():
    from extract import pipeline

    doc = paragraphs_doc("关于下达2025年消费品以旧换新补贴资金的通知",
                         "各市财政局要于2026年1月15日前报送年度资金清算报告，省财政厅于次年第一季度完成全省资金清算。",
                         "某某省财政厅", "2025年8月20日")
    found = {d.raw: (d.start_date, d.due_date) for d in pipeline.analyze(doc).deadlines}
    assert found["次年第一季度"] == (date(2026, 1, 1), date(2026, 3, 31))
    assert found["2026年1月15日前"] == (None, date(2026, 1, 15))


def test_a_yearless_date_falls_inside_the_stage_period_of_its_paragraph():
    from extract import pipeline

    doc = paragraphs_doc("关于印发某县校舍整治方案的通知",
                         "（二）集中整治阶段（2025年11月至2026年7月）。维修类项目于年底前完成；拆除工作于2026年春节前"
                         "全部完成，各乡镇人民政府要于12月15日前制定临时安置方案，3月底前完成复课。",
                         "某县人民政府", "2025年9月12日")
    found = {d.raw: d.due_date for d in pipeline.analyze(doc).deadlines}
    assert (found["年底前"], found["12月15日前"], found["3月底前"]) == (
        date(2025, 12, 31), date(2025, 12, 15), date(2026, 3, 31))


def test_next_month_day_is_monthly_and_siblings_lend_no_other_year():
    from extract import pipeline

    found = made_up_deadlines("各县教育部门要将上月进展于次月5日前报送市教育局。",
                              "各牵头单位于每季度末次月5日前将任务推进情况报县交通运输局。")
    assert [(raw, kind, rec) for raw, kind, _, _, rec, _, _ in found] == [
        ("次月5日前", "recurring", "monthly"), ("每季度末", "recurring", "quarterly")]
    # （六）'s 8月底前 is in the notice's year, not in the year a sibling item's later step names
    doc = paragraphs_doc("关于下达2026年学生资助补助资金的通知", "一、工作要求",
                         "（五）做好信息报送。各市教育局要于2027年1月20日前报送绩效自评报告。",
                         "（六）强化政策宣传。各县教育部门要于8月底前组织开展宣传活动。", "某省教育厅", "2026年4月13日")
    assert {d.raw: d.due_date for d in pipeline.analyze(doc).deadlines}["8月底前"] == date(2026, 8, 31)


def test_a_department_written_with_its_bracketed_alternative():
    assert [d[-1] for d in made_up_deadlines("各乡镇人民政府（街道办事处）要于5月20日前完成摸底。")] == [
        "各乡镇人民政府（街道办事处）"]


def test_a_stage_period_holding_the_date_twice_does_not_decide_its_year():
    from extract import pipeline

    doc = paragraphs_doc("关于印发某市方案的通知",
                         "（二）建设实施（2026年4月至2027年9月）。排水监测设备于汛前（5月31日前）安装调试到位，"
                         "供热监测设备于2026年10月31日前安装到位。", "某市人民政府", "2026年2月27日")
    assert {d.raw: d.due_date for d in pipeline.analyze(doc).deadlines}["5月31日前"] == date(2026, 5, 31)
    # a partner after 会同 is not who the time belongs to
    assert [d[-1] for d in made_up_deadlines("县市场监管局负责收费检查，会同县民政局于第三季度开展专项检查。")] == [
        "县市场监管局"]


def test_a_notice_about_a_past_year_sets_its_deadlines_from_its_issue():
    from extract import pipeline

    doc = paragraphs_doc("关于做好2025年度林长制督查发现问题整改工作的通知",
                         "各县林业局要于6月底前完成全部问题整改，市林业局于第二季度组织复核。", "某市林长制办公室",
                         "2026年3月10日")
    found = {d.raw: d.due_date for d in pipeline.analyze(doc).deadlines}
    assert (found["6月底前"], found["第二季度"]) == (date(2026, 6, 30), date(2026, 6, 30))


def test_each_term_and_this_year_in_a_december_notice():
    assert [(raw, kind, rec) for raw, kind, _, _, rec, _, _ in made_up_deadlines(
        "各县人民政府要于每学期开学后15日内报送排查情况。")] == [("每学期开学后15日内", "recurring", "termly")]
    from extract import pipeline

    doc = paragraphs_doc("关于2025年秋季秸秆禁烧督查情况的通报", "（五）做好夏季准备。各县要于2026年5月20日前完成部署。",
                         "各县要于年底前完成本年度禁烧工作考核。", "某市人民政府办公室", "2025年12月16日")
    assert {d.raw: d.due_date for d in pipeline.analyze(doc).deadlines}["年底前"] == date(2025, 12, 31)


def test_this_year_and_the_issue_date_outweigh_a_past_year_written_nearby():
    from extract import pipeline

    doc = paragraphs_doc("关于做好农村户厕问题整改工作的通知",
                         "截至2025年底，全县排查发现问题户厕860座。今年要以问题整改为重点，力争年内全部整改到位。",
                         "各乡镇要对2025年排查发现的问题户厕逐户建立台账，于5月31日前完成整改。",
                         "2025年，各乡镇已于10月底前完成了排查。",
                         "某县农业农村局", "2026年2月12日")
    found = {d.raw: d.due_date for d in pipeline.analyze(doc).deadlines}
    assert found["年内"] == date(2026, 12, 31) and found["5月31日前"] == date(2026, 5, 31)
    assert found["10月底前"] == date(2025, 10, 31)  # what was done keeps its past year


def test_periods_written_as_one_point_are_stored_as_ranges():
    found = {raw: (kind, start, due) for raw, kind, start, due, *_ in made_up_deadlines(
        "市气象局于2026年上半年完成站网升级，第三季度开展汛后评估，2026年10月8日召开总结会。")}
    assert found == {"2026年上半年": ("range", date(2026, 1, 1), date(2026, 6, 30)),
                     "第三季度": ("range", date(2026, 7, 1), date(2026, 9, 30)),
                     "2026年10月8日": ("on", None, date(2026, 10, 8))}


def test_a_month_of_each_quarter_and_two_months_of_each_year():
    found = {raw: (kind, rec, task) for raw, kind, _, _, rec, task, _ in made_up_deadlines(
        "各县每季度末月25日前报送进度，每季度第一个月10日前报送分析，市卫健局每年4月和10月组织开展联合督导。")}
    assert found == {"每季度末月25日前": ("recurring", "quarterly", "各县报送进度"),
                     "每季度第一个月10日前": ("recurring", "quarterly", "报送分析"),
                     "每年4月和10月": ("recurring", "yearly", "组织开展联合督导")}


def test_a_plan_year_taken_from_the_issue_date_is_reported_as_the_issue_date():
    from extract import pipeline

    doc = paragraphs_doc("关于印发某县饮水安全实施方案的通知", "各乡镇要于6月底前完成排查。", "某县人民政府", "2026年3月2日")
    found = pipeline.analyze(doc)
    assert found.meta.plan_year == 2026
    assert [(d.due_date, d.year_source) for d in found.deadlines] == [(date(2026, 6, 30), "notice_date")]


def test_next_year_after_a_past_section_and_a_year_naming_the_work():
    from extract import pipeline

    doc = paragraphs_doc("关于清算2025年并预拨2026年养老补助资金的通知",
                         "一、2025年资金清算情况", "2025年，省级已预拨养老补助资金5000万元。",
                         "各市要于次年2月20日前报送年度绩效自评报告。",
                         "省财政厅于次年4月30日前完成2026年资金清算。", "某省财政厅", "2026年3月18日")
    found = {d.raw: d.due_date for d in pipeline.analyze(doc).deadlines}
    assert found["次年2月20日前"] == date(2027, 2, 20) and found["次年4月30日前"] == date(2027, 4, 30)


def test_a_stage_lasting_a_whole_year_is_a_range_and_a_past_inspection_no_deadline():
    from extract import pipeline

    doc = paragraphs_doc("关于印发某市智慧养老三年行动方案的通知", "一、工作基础",
                         "市民政局会同市卫健委于3月9日至27日对全市养老机构开展了安全检查。",
                         "二、重点任务", "各县要于上半年完成整改。到2027年底，各县建成1个示范中心。",
                         "三、实施步骤", "（二）集聚发展阶段（2027年）。推广试点经验。", "某市人民政府办公室", "2026年4月8日")
    found = {d.raw: (d.deadline_kind, d.start_date, d.due_date) for d in pipeline.analyze(doc).deadlines}
    assert found["2027年"] == ("range", date(2027, 1, 1), date(2027, 12, 31))
    assert "3月9日至27日" not in found
    assert found["上半年"] == ("range", date(2026, 1, 1), date(2026, 6, 30))  # the year after it is a later step's


def test_a_paragraph_naming_a_span_of_years_gives_no_single_year():
    from extract import pipeline

    doc = paragraphs_doc("关于印发某县养老服务提升实施意见的通知",
                         "县财政每年安排资金500万元，2026—2027年累计安排1000万元。县财政局要于4月30日前拨付50%。",
                         "某县人民政府办公室", "2026年3月9日")
    assert {d.raw: d.due_date for d in pipeline.analyze(doc).deadlines}["4月30日前"] == date(2026, 4, 30)


def test_a_time_limit_after_each_period_is_a_deadline_whatever_the_verb():
    assert [(raw, kind, rec) for raw, kind, _, _, rec, _, _ in made_up_deadlines(
        "县水利局要于每季度结束后10日内向社会公开水质状况。")] == [("每季度结束后10日内", "recurring", "quarterly")]


def test_a_quarter_end_followed_by_the_level_to_reach_is_a_deadline():
    found = [(raw, due) for raw, _, _, due, _, _, _ in made_up_deadlines(
        "分季度目标为：第一季度末秸秆离田率达到40%以上，第二季度末达到60%以上。", "某县农业农村局", "2026年2月3日")]
    assert [raw for raw, _ in found] == ["第一季度末", "第二季度末"]
