"""Departments and their duties on the corpus, and the department-name recognizer itself."""
from __future__ import annotations

from functools import lru_cache

import pytest

from extract.extractors.base import Context, registry
from extract.extractors.citations import extract_citations
from extract.extractors.departments import find_departments
from extract.extractors.metadata import extract_meta
from extract.extractors.responsibilities import extract_responsibilities
from extract.readers.txt import read_txt
from tests.conftest import seed

SEEDS = ["000", "001", "002", "003", "004"]
# Words that end like an office (…局, …镇, …办) or look like one, but are not organizations.
NOT_DEPARTMENTS = {"格局", "布局", "结局", "大局", "当局", "住房", "城市", "小区", "城镇", "城乡", "办法",
                   "老年活动中心", "居民活动室", "共享图书室", "动检站", "交警队", "改造城镇", "部门", "单位"}


@lru_cache(maxsize=None)
def duties(n: str):
    doc = read_txt(seed(n))
    return doc, extract_responsibilities(Context(doc, extract_meta(doc)))


def of(n: str, dept: str):
    return [r for r in duties(n)[1] if r.department == dept]


def test_registered():
    assert registry()["responsibilities"] is extract_responsibilities


# ---------------------------------------------------------------- recognizer

def test_enumerations_split_and_prefixes_kept():
    names = [n for _, _, n in find_departments("各区住房和城乡建设局、财政局负责对预算进行审核；金星镇、胜利镇负责")]
    assert names == ["各区住房和城乡建设局", "财政局", "金星镇", "胜利镇"]


def test_longer_name_wins_and_stop_words_bound_prefix():
    text = "区委督查室、区政府督查室牵头；由原州区综合执法局牵头；办公室主任由区住建和交通局局长兼任"
    # 办公室主任 and 局长 are posts, not offices
    assert [n for _, _, n in find_departments(text)] == ["区委督查室", "区政府督查室", "原州区综合执法局",
                                                        "区住建和交通局"]


def test_words_ending_in_suffix_chars_are_not_names():
    text = "形成新格局，优化布局，服从大局。改造城镇老旧小区，推进城乡融合，完善考核办法，建设老年活动中心。"
    assert find_departments(text) == []


def test_admin_levels_and_bracketed_kinds():
    text = "各市、县（区）住房和城乡建设局、发展改革委（局）、财政局："
    assert [n for _, _, n in find_departments(text)] == ["各市、县（区）住房和城乡建设局", "发展改革委（局）", "财政局"]


@pytest.mark.parametrize("n", SEEDS)
def test_recognizer_offsets_and_no_generic_false_positives(n):
    text = read_txt(seed(n)).text
    for start, end, name in find_departments(text):
        assert text[start:end] == name
        assert name not in NOT_DEPARTMENTS


# ---------------------------------------------------------------- corpus values

def test_000_city_county_departments():
    assert of("000", "市县财政部门")[0].duty.startswith("加快预算指标分配下达速度")
    assert "全部支出完毕" in of("000", "市县住建部门")[0].duty
    assert of("000", "市县发改部门")[0].duty.startswith("督促项目单位")
    assert {r.role for r in duties("000")[1]} == {"负责"}


def test_001_duty_split_roles_and_joint_acceptance():
    assert [r.role for r in of("001", "发改局")][-3:] == ["负责", "参与", "负责"]
    assert of("001", "发改局")[-3].duty == "做好老旧小区改造项目的立项审批等工作"
    assert [r.duty for r in of("001", "财政局")] == ["落实和拨付中央、自治区项目资金", "筹措老旧小区改造工程地方配套资金"]
    lead = of("001", "住建和交通局")[0]
    assert (lead.role, lead.duty) == ("牵头", "制定老旧小区完善改造计划，编制项目申报文本，争取中央、自治区项目补助资金")
    assert len(of("001", "住建和交通局")) == 4
    assert len(of("001", "金星镇")) == len(of("001", "胜利镇")) >= 5
    acceptance = [r for r in of("001", "区住建和交通局") if "验收" in r.duty]
    assert [r.role for r in acceptance] == ["牵头"]
    assert any(r.role == "参与" and "验收" in r.duty for r in of("001", "金星镇"))
    assert of("001", "区财政")[0].duty == "筹措地方配套资金1658.52万元"
    assert [(r.department, r.role) for r in duties("001")[1] if r.role in ("组长", "副组长", "成员")] == [
        ("区政府", "组长"), ("区政府", "副组长"), ("区直相关单位", "成员")]


def test_001_partner_is_lead_and_other_cooperates():
    survey = [r for r in duties("001")[1] if "摸底调查" in r.duty]
    assert [(r.department, r.role) for r in survey] == [("区住建和交通局", "牵头"), ("乡镇", "配合")]


def test_002_county_departments_obligations():
    rs = of("002", "各县市区主管部门")
    assert len(rs) >= 8
    assert any(r.duty.startswith("督促指导、协调解决改造过程中遇到的困难和问题") for r in rs)
    assert of("002", "市老旧小区办")[0].duty.startswith("把信息月报")


def test_003_duty_list():
    assert [r.duty for r in of("003", "原州区财政局") if r.role == "会同"] == ["会同原州区综合执法局制定老旧小区改造资金筹措办法"]
    assert [r.duty for r in of("003", "原州区审批服务局") if r.role == "负责"] == ["老旧小区改造项目立项、审批"]
    listed = [r for r in of("003", "原州区综合执法局") if r.role != "成员" and r.block_seq == of("003", "原州区综合执法局")[-1].block_seq]
    assert [r.role for r in listed] == ["牵头", "负责", "负责", "负责"]
    for dept in ["原州区发改局", "六盘山水务公司", "固原市供电公司", "南塬供热公司", "北塬供热公司",
                 "中燃固原分公司", "各街道办事处", "电信、移动、联通、广电"]:
        assert of("003", dept), dept
    assert of("003", "固原市供电公司")[0].quote.startswith("固原市供电公司：对改造实施的老旧小区")
    members = [r.department for r in duties("003")[1] if r.role == "成员"]
    assert members[:3] == ["原州区发改委", "原州区财政局", "原州区审批服务局"]


def test_004_group_and_assessment():
    (group,) = of("004", "市城镇老旧小区改造工作领导小组")
    assert group.role == "负责" and group.duty.startswith("全市城镇老旧小区改造工作的政策指导")
    assert any("制定考核评估办法" in r.duty for r in of("004", "市住房和城乡建设局"))
    assert [r.department for r in duties("004")[1] if "审核把关" in r.duty] == ["各区住房和城乡建设局", "财政局"]
    listed = of("004", "电力、通讯、有线电视、供水、排水、供热、燃气等专业经营单位")
    assert listed and listed[0].duty.startswith("严格按照《内蒙古自治区住房和城乡建设厅等7部门")


# ---------------------------------------------------------------- every fact is grounded

@pytest.mark.parametrize("n", SEEDS)
def test_every_fact_quote_matches_text(n):
    doc, rs = duties(n)
    meta = extract_meta(doc)
    facts = rs + extract_citations(Context(doc, meta))
    assert facts
    for f in facts:
        assert doc.text[f.start:f.end] == f.quote
    for r in rs:
        assert r.department not in NOT_DEPARTMENTS
        assert r.duty and r.duty in doc.text or r.role in ("组长", "副组长", "成员")
        # the quote names the department, or continues a clause list that named it just before
        block = next(b for b in doc.blocks if b.start <= r.start < b.end)
        assert r.quote.startswith(r.department) or r.department in doc.text[block.start:r.start]
