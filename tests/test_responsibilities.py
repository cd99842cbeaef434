"""Departments and their duties on the corpus, and the department-name recognizer itself."""
from __future__ import annotations

from functools import lru_cache

import pytest

from extract.extractors.base import Context, registry
from extract.extractors.citations import extract_citations
from extract.extractors.departments import find_departments
from extract.extractors.metadata import extract_meta
from extract.extractors.responsibilities import extract_responsibilities
from extract.readers.builder import DocumentBuilder
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
    # the partner named by 会同 in a listed duty cooperates on it
    assert [(r.role, r.duty) for r in of("003", "原州区综合执法局") if "筹措办法" in r.duty] == [
        ("配合", "制定老旧小区改造资金筹措办法")]
    # 协调处理 is handling it, not coordinating others
    assert [r.role for r in of("003", "原州区公安分局") if "阻挡施工" in r.duty] == ["负责"]
    assert [r.role for r in of("003", "原州区政府办")] == ["指导"]
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
        named = r.quote.startswith(r.department) or r.department in doc.text[block.start:r.start]
        # 审计、财政部门 → 审计部门: the sector word and the shared suffix both stand in the quote
        shared = r.department[:2] in r.quote and r.department[-2:] in r.quote
        assert named or shared, r


# ---------------------------------------------------------------- subjects the first pass missed

def test_001_township_and_community_staff_and_adverbs():
    survey = [r.department for r in duties("001")[1] if r.duty.startswith("积极组织相关工作人员")]
    assert survey == ["乡镇", "社区"]
    publicity = [r.department for r in duties("001")[1] if r.duty.startswith("积极宣传，运用新闻媒体")]
    assert publicity == ["乡镇", "社区"]


def test_001_group_duty_and_office_host():
    (group,) = of("001", "老旧小区改造工作领导小组")
    assert (group.role, group.duty, group.quote) == ("负责", "统筹、协调、督查、考核等工作", "负责统筹、协调、督查、考核等工作")
    host = [r for r in of("001", "区住建和交通局") if r.duty.startswith("统筹推进老旧小区改造工作")]
    assert [r.duty for r in host] == ["统筹推进老旧小区改造工作，完成领导小组交办的其他工作"]


def test_001_listed_kinds_and_joined_enterprises_cooperate():
    (r,) = of("001", "供电、供水、燃气、电信、移动、联通等市属单位和企业")
    assert (r.role, r.duty) == ("配合", "老旧小区改造工作")


def test_002_reporting_without_modal():
    assert any(r.duty.startswith("上报项目信息必须经单位领导审核同意") for r in of("002", "各县市区主管部门"))


def test_003_group_meetings_note_and_street_offices():
    assert [r.duty for r in of("003", "领导小组")] == ["定期召开会议，研究解决具体问题"]
    mediation = [r for r in of("003", "街道办事处") if "矛盾调解小组" in r.duty]
    assert [r.quote[:12] for r in mediation] == ["街道办事处成立以分管领导"]
    publicity = [r.department for r in duties("003")[1] if r.duty.startswith("积极宣传")]
    assert publicity == ["街道办事处", "社区"]


def test_004_shared_suffix_collectives_antecedent_and_no_exhortation():
    audit = [r.department for r in duties("004")[1] if r.duty.startswith("加强监管，对违规使用专项资金")]
    assert audit == ["审计部门", "财政部门"]
    assert [r.duty[:9] for r in of("004", "各区")] == ["将老旧小区改造作为", "每月25日前向城建"]
    (kept,) = [r for r in of("004", "专业经营单位") if r.quote.startswith("由其")]
    assert (kept.quote, kept.duty) == ("由其负责后续维护管理", "后续维护管理")
    assert not any(r.duty.startswith("充分认识到") for r in duties("004")[1])
    assert not of("004", "各地")


# ---------------------------------------------------------------- made-up sentences of other shapes

def made_up(*lines: str):
    b = DocumentBuilder()
    for line in lines:
        b.add_paragraph(line)
    return [(r.department, r.role, r.duty) for r in extract_responsibilities(Context(b.build("t.txt", "txt")))]


def test_provincial_duty_list_and_prefecture_governments():
    assert made_up("省发展改革委、省财政厅：负责统筹安排中央预算内投资；指导各地做好项目储备。",
                   "各设区市人民政府：落实属地责任，组织实施本地区改造工作。") == [
        ("省发展改革委", "负责", "统筹安排中央预算内投资"), ("省财政厅", "负责", "统筹安排中央预算内投资"),
        ("省发展改革委", "指导", "指导各地做好项目储备"), ("省财政厅", "指导", "指导各地做好项目储备"),
        ("各设区市人民政府", "负责", "落实属地责任，组织实施本地区改造工作")]


def test_county_level_department_and_lead_with_partner():
    assert made_up("县级住房城乡建设主管部门要建立项目台账，按月调度进度。") == [
        ("县级住房城乡建设主管部门", "负责", "建立项目台账，按月调度进度")]
    assert made_up("由市住建局会同市财政局制定资金管理办法。") == [
        ("市住建局", "会同", "制定资金管理办法"), ("市财政局", "配合", "制定资金管理办法")]


def test_shared_suffix_and_collective_areas():
    assert made_up("市、县两级财政、审计部门要加强资金监管。") == [
        ("财政部门", "负责", "加强资金监管"), ("审计部门", "负责", "加强资金监管")]
    assert made_up("各县（市、区）要于2024年6月底前完成项目储备，各县、区配合做好摸底。") == [
        ("各县（市、区）", "负责", "于2024年6月底前完成项目储备"), ("各县、区", "配合", "做好摸底")]
    # 各地 is too vague to be a department; exhortations to value something are no duty
    assert made_up("各地要加强组织领导。", "各区政府要高度重视老旧小区改造。", "市住建局要充分认识到改造的意义。") == []


def test_antecedent_group_and_hosted_office():
    assert made_up("改造完成后移交给市政公司，由其负责日常养护。") == [("市政公司", "负责", "日常养护")]
    found = made_up("成立城市更新工作领导小组，市长任组长，市住建局、市财政局等单位为成员，负责统筹推进全市城市更新工作。",
                    "领导小组办公室设在市住建局，负责日常工作。")
    assert ("城市更新工作领导小组", "负责", "统筹推进全市城市更新工作") in found
    assert ("市住建局", "负责", "日常工作") in found
    assert [d for d, role, _ in found if role == "成员"] == ["市住建局", "市财政局"]


def test_coordination_role_only_when_coordinating_others():
    assert made_up("市公安局：协调处理施工中的阻工行为。", "市发展改革委：协调各成员单位推进项目前期工作。") == [
        ("市公安局", "负责", "协调处理施工中的阻工行为"), ("市发展改革委", "协调", "协调各成员单位推进项目前期工作")]


def test_subject_is_not_carried_into_a_new_time_or_actor():
    assert made_up("各县（市、区）将年度任务分解到具体项目；第二季度末，项目开工率达到60%以上。") == [
        ("各县（市、区）", "负责", "年度任务分解到具体项目")]
    assert made_up("县教育局负责项目监管；各项目学校负责设备日常管理。") == [("县教育局", "负责", "项目监管")]
