"""Departments and their duties on the corpus, and the department-name recognizer itself."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from extract.extractors.base import Context, registry
from extract.extractors.citations import extract_citations
from extract.extractors.departments import find_departments
from extract.extractors.duty_tables import cell_names
from extract.extractors.metadata import extract_meta
from extract.extractors.responsibilities import extract_responsibilities
from extract.readers.builder import DocumentBuilder
from extract.readers.builder import RawCell as C
from extract.readers.txt import read_txt
from extract.extractors.subjects import LEVEL_PREFIX
from tests.conftest import paragraphs_doc, seed

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
    # the one acting 会同 a partner answers for the work (负责); the 会同 stays in its duty
    assert [r.duty for r in of("003", "原州区财政局") if r.duty.startswith("会同")] == ["会同原州区综合执法局制定老旧小区改造资金筹措办法"]
    assert {r.role for r in of("003", "原州区财政局") if r.duty.startswith("会同")} == {"负责"}
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
    # 财政局 is written without its level: it takes 各区 from the first name of the list
    assert [r.department for r in duties("004")[1] if "审核把关" in r.duty] == ["各区住房和城乡建设局", "各区财政局"]
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
        # 各区住建局、财政局 → 各区财政局: the name as written stands there, its level before it
        level = LEVEL_PREFIX.match(r.department)
        levelled = level is not None and r.quote.startswith(r.department[level.end():])
        assert named or shared or levelled, r


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
    return [(r.department, r.role, r.duty) for r in extract_responsibilities(Context(paragraphs_doc(*lines)))]


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
        ("市住建局", "负责", "制定资金管理办法"), ("市财政局", "配合", "制定资金管理办法")]
    # a modal may stand before 会同 (X要会同Y…): Y still cooperates
    assert made_up("各级民政部门要会同同级人力资源社会保障部门加强需求摸底，建立困难群体台账。") == [
        ("各级民政部门", "负责", "加强需求摸底，建立困难群体台账"),
        ("同级人力资源社会保障部门", "配合", "加强需求摸底，建立困难群体台账")]


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
    # the new actor takes its own duty rather than continuing the first subject
    assert made_up("县教育局负责项目监管；各项目学校负责设备日常管理。") == [
        ("县教育局", "负责", "项目监管"), ("各项目学校", "负责", "设备日常管理")]


# ---------------------------------------------------------------- shapes from other domains

def test_duty_list_label_may_contain_he():
    # the 和 inside 自然资源和规划局 is the name's, not a joiner of two names
    assert made_up("市自然资源和规划局：负责城市更新规划编制和用地保障。") == [
        ("市自然资源和规划局", "负责", "城市更新规划编制和用地保障")]
    assert [n for _, _, n in find_departments("各县（市、区）人民政府是本辖区的责任主体")] == ["各县（市、区）人民政府"]


def test_partner_named_after_a_comma_cooperates():
    assert made_up("县财政局：负责资金下达，会同县农业农村局开展绩效评价。") == [
        ("县财政局", "负责", "资金下达，会同县农业农村局开展绩效评价"), ("县农业农村局", "配合", "开展绩效评价")]
    assert made_up("市财政局负责资金拨付，并协同市水利局、市审计局加强监管。")[1:] == [
        ("市水利局", "配合", "加强监管"), ("市审计局", "配合", "加强监管")]
    # a 会同 inside a description of the lead's duty object is no partner (no comma before it)
    assert [r[0] for r in made_up("县审计局：负责对会同县农业农村局拨付的资金开展审计。")] == ["县审计局"]


def test_accountability_states_a_duty_but_bare_shi_does_not():
    assert made_up("各县（市、区）人民政府是本辖区保障性住房工作的责任主体，对任务完成情况负总责。") == [
        ("各县（市、区）人民政府", "负责", "是本辖区保障性住房工作的责任主体，对任务完成情况负总责")]
    assert made_up("市财政局作为资金管理的责任单位，要加强监管。")[0][:2] == ("市财政局", "负责")
    assert made_up("县财政局是全县财政资金的主管部门。", "县交通运输局被评为先进单位。") == []


def test_posts_heading_a_group_are_not_departments():
    """市长/副市长 are posts held by persons: no department's duty (the evaluation sets agree)."""
    found = made_up("成立市城市更新工作领导小组，由市长任组长，分管副市长任副组长，市直有关部门主要负责同志为成员。")
    assert found == [("市直有关部门", "成员", "市城市更新工作领导小组")]
    # a post after its government is still a person's (every blind set agrees); 区政府主要领导 and
    # 分管领导 stand for the government, a bureau's 局长 for the bureau
    assert made_up("由市委书记、市长任组长，市政府分管副市长担任副组长。") == []
    assert made_up("由区政府主要领导担任组长，区政府分管领导担任副组长，区住建局局长任副组长。") == [
        ("区政府", "组长", "主要领导担任组长"), ("区政府", "副组长", "分管领导担任副组长"),
        ("区住建局", "副组长", "局长任副组长")]


def test_institutions_act_before_a_modal_role_verb_or_frequency():
    assert made_up("各学校每年11月底前向县教育局报送下一年度项目需求。") == [
        ("各学校", "负责", "每年11月底前向县教育局报送下一年度项目需求")]
    assert made_up("县教育局负责项目监管；各项目学校负责设备日常管理。") == [
        ("县教育局", "负责", "项目监管"), ("各项目学校", "负责", "设备日常管理")]
    assert made_up("县疾病预防控制中心负责监测，各乡镇卫生院要做好登记。") == [
        ("县疾病预防控制中心", "负责", "监测"), ("各乡镇卫生院", "负责", "做好登记")]
    # 其所, 该中心 are too vague to be actors; a bare 学校 is every school the notice is about
    assert made_up("由学校负责日常管理。", "其所负责的工程要按期完工。", "该中心负责运维。") == [
        ("学校", "负责", "日常管理")]


def test_what_was_already_done_is_no_duty():
    assert made_up("全年共实施项目学校23所，各学校按时完成了建设任务。", "县财政局已拨付资金1200万元。") == []
    # 终了 (the end of a period) is not a past-tense 了
    assert made_up("各乡镇每季度终了后10日内向县财政局报送资金使用情况。") == [
        ("各乡镇", "负责", "每季度终了后10日内向县财政局报送资金使用情况")]
    # a subject carried over stops at a new institution acting in the past
    assert made_up("各医院按要求报送数据；县人民医院已完成改造。") == [("各医院", "负责", "按要求报送数据")]


# ---------------------------------------------------------------- task-decomposition tables

def task_table_duties():
    b = DocumentBuilder()
    b.add_paragraph("关于印发2024年城市更新重点任务分解表的通知")
    b.add_table([
        C(0, 0, "2024年城市更新重点任务分解表", col_span=5),
        C(1, 0, "序号", row_span=2), C(1, 1, "工作任务", row_span=2), C(1, 2, "责任单位", col_span=2),
        C(1, 4, "时间节点", row_span=2), C(2, 2, "牵头"), C(2, 3, "配合"),
        C(3, 0, "1"), C(3, 1, "制定城市体检工作方案"), C(3, 2, "市住建局"), C(3, 3, "市发改委、市财政局等"),
        C(3, 4, "2024年6月底前"),
        C(4, 0, "2"), C(4, 1, "完成老旧管网改造"), C(4, 2, "各县（市、区）人民政府"), C(4, 3, "市住建局 市城管局"),
        C(4, 4, "10月31日前"),
        C(5, 0, "3"), C(5, 1, "建立项目调度机制"), C(5, 2, "市住建局牵头、市统计局配合"), C(5, 3, "—"),
        C(5, 4, "每月"),
    ])
    doc = b.build("t.txt", "txt")
    return doc, extract_responsibilities(Context(doc, extract_meta(doc)))


def test_made_up_task_table_roles_duties_and_deadlines():
    doc, rs = task_table_duties()
    assert [(r.table_row, r.table_col, r.department, r.role) for r in rs] == [
        (3, 2, "市住建局", "牵头"), (3, 3, "市发改委", "配合"), (3, 3, "市财政局", "配合"),
        (4, 2, "各县（市、区）人民政府", "牵头"), (4, 3, "市住建局", "配合"), (4, 3, "市城管局", "配合"),
        (5, 2, "市住建局", "牵头"), (5, 2, "市统计局", "配合")]
    assert [r.duty for r in rs if r.table_row == 4] == ["完成老旧管网改造"] * 3
    # the yearless 10月31日前 takes the year of the title; 每月 recurs, no single due date
    assert {(r.table_row, r.deadline_quote, str(r.due_date)) for r in rs} == {
        (3, "2024年6月底前", "2024-06-30"), (4, "10月31日前", "2024-10-31"), (5, "每月", "None")}
    for r in rs:
        assert doc.text[r.start:r.end] == r.quote == r.department
        assert r.block_seq == 1


def test_cell_names_split_outside_brackets_and_drop_etc():
    assert cell_names("县财政局、各县（市、区）人民政府等", "配合") == [
        (0, 4, "县财政局", "配合"), (5, 16, "各县（市、区）人民政府", "配合")]
    assert cell_names("无", "配合") == [] and cell_names("—", "牵头") == []


def test_tables_without_role_columns_give_no_duties():
    b = DocumentBuilder()
    b.add_table([C(0, 0, "序号"), C(0, 1, "建设单位"), C(0, 2, "项目名称"), C(0, 3, "投资（万元）"),
                 C(1, 0, "1"), C(1, 1, "县交通运输局"), C(1, 2, "农村公路提质改造工程"), C(1, 3, "1200")])
    assert extract_responsibilities(Context(b.build("t.txt", "txt"))) == []


# ---------------------------------------------------------------- held-out notices

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"


@lru_cache(maxsize=None)
def heldout(n: str):
    doc = read_txt(next(HELDOUT.glob(f"{n}_*.txt")))
    return doc, extract_responsibilities(Context(doc, extract_meta(doc)))


def test_h04_task_table_cells_and_row_deadlines():
    doc, rs = heldout("h04")
    table = doc.tables()[0].seq
    cells = [r for r in rs if r.block_seq == table]
    assert len(cells) == 19
    assert [(r.table_row, r.department) for r in cells if r.role == "牵头"] == [
        (1, "县交通运输局"), (2, "县交通运输局"), (3, "县交通运输局"), (4, "县财政局"), (5, "各乡镇人民政府"),
        (6, "县交通运输局"), (7, "县发展改革局"), (8, "县交通运输局")]
    assert [r.department for r in cells if r.role == "配合" and r.table_row == 7] == ["县交通运输局", "县自然资源局"]
    row4 = [r for r in cells if r.table_row == 4]
    assert {(r.duty, r.deadline_quote, r.due_date) for r in row4} == {("落实农村公路养护资金，按时足额拨付", "每季度", None)}
    assert {(r.table_row, str(r.due_date)) for r in cells if r.table_col == 2} == {
        (1, "2025-11-30"), (2, "2025-10-31"), (3, "2025-09-30"), (4, "None"), (5, "None"), (6, "2025-09-30"),
        (7, "2025-06-30"), (8, "2026-01-15")}
    assert [r.deadline_quote for r in cells if r.table_row == 5] == [None, None]  # 长期坚持 is no date


def test_heldout_partners_titles_accountability_and_schools():
    assert ("县农业农村局", "配合") in [(r.department, r.role) for r in heldout("h01")[1] if "绩效评价" in r.duty]
    assert ("市水利局", "配合", "加强资金监管和绩效管理") in [(r.department, r.role, r.duty) for r in heldout("h06")[1]]
    accountable = [r for r in heldout("h02")[1] if r.department == "各县（市、区）人民政府"]
    assert [r.duty[-10:] for r in accountable] == ["对任务完成情况负总责"]
    heads = [(r.department, r.role, r.quote) for r in heldout("h03")[1] if r.role in ("组长", "副组长")]
    assert heads == []  # 由市长任组长: a post, not a department
    assert ("市直有关部门", "成员") in [(r.department, r.role) for r in heldout("h03")[1]]
    assert [r.duty for r in heldout("h03")[1] if r.department == "市自然资源和规划局"] == ["城市更新规划编制和用地保障"]
    schools = [(r.department, r.duty[:6]) for r in heldout("h05")[1] if "学校" in r.department]
    assert schools == [("各学校", "每年11月底"), ("各项目学校", "项目具体实施")]


# ---------------------------------------------------------------- task lists written as text

def listed(*lines: str):
    b = DocumentBuilder()
    for line in lines:
        b.add_paragraph(line)
    doc = b.build("t.txt", "txt")
    rs = extract_responsibilities(Context(doc, extract_meta(doc)))
    for r in rs:
        assert doc.text[r.start:r.end] == r.quote
    return rs


def test_labelled_lines_under_an_item_give_roles_task_and_deadline():
    rs = listed("关于印发2025年城区交通秩序整治方案的通知",
                "（二）农贸市场周边交通拥堵问题",
                "整改目标：高峰时段平均通行时间缩短20%。",
                "整改措施：优化农贸市场周边交通组织，增设临时停车泊位200个。",
                "责任单位：市公安局交警支队（牵头），市城管局、市交通运输局",
                "完成时限：2025年10月底前")
    task = "优化农贸市场周边交通组织，增设临时停车泊位200个"
    assert [(r.department, r.role, r.duty) for r in rs] == [
        ("市公安局交警支队", "牵头", task), ("市城管局", "配合", task), ("市交通运输局", "配合", task)]
    assert {(r.deadline_quote, str(r.due_date)) for r in rs} == {("2025年10月底前", "2025-10-31")}
    # the label itself names no one
    assert [n for _, _, n in find_departments("责任单位：市民政局；牵头部门：市财政局")] == ["市民政局", "市财政局"]


def test_inline_labels_and_unmarked_lists():
    rs = listed("3.完成老旧供水管网改造36公里。（牵头单位：县水利局；配合单位：县财政局、各镇人民政府；"
                "完成时限：2025年12月底前）")
    assert [(r.department, r.role, r.duty, r.deadline_quote) for r in rs] == [
        ("县水利局", "牵头", "完成老旧供水管网改造36公里", "2025年12月底前"),
        ("县财政局", "配合", "完成老旧供水管网改造36公里", "2025年12月底前"),
        ("各镇人民政府", "配合", "完成老旧供水管网改造36公里", "2025年12月底前")]
    # no unit marked 牵头: each is responsible; without a measures line the item heading is the task
    rs = listed("（一）加快补齐养老服务设施短板", "责任单位：市民政局，市发展改革委")
    assert [(r.department, r.role, r.duty, r.deadline_quote) for r in rs] == [
        ("市民政局", "负责", "加快补齐养老服务设施短板", None), ("市发展改革委", "负责", "加快补齐养老服务设施短板", None)]
    # a list naming no unit (按职责分工) gets no item task; 各责任单位 still acts
    assert not [r for r in listed("（四）强化宣传引导", "责任单位：各相关部门按职责分工负责") if r.duty == "强化宣传引导"]
    assert [(r.department, r.role) for r in listed("各责任单位要于每月5日前报送进展。")] == [("各责任单位", "负责")]


def test_past_periods_report_and_assign_nothing():
    title = "关于做好2024年养老服务工作的通知"
    assert made_up(title, "2023年，全市各级民政部门认真履职尽责，新增养老床位1200张。") == []
    assert made_up(title, "今年以来，市民政局牵头建成社区食堂36个。", "市住建局共完成适老化改造860户。") == []
    # only the part of a sentence opened by the past period is a report
    assert made_up(title, "2023年，全市累计建成站点80个；2024年，各县（市、区）民政局要新增站点30个。") == [
        ("各县（市、区）民政局", "负责", "新增站点30个")]


def test_sections_of_an_office_and_committees_act():
    assert made_up("市卫生健康委基层卫生处负责项目督导。", "各县（市、区）防指要于汛前完成隐患排查。",
                   "县安委会要每季度召开一次全体会议。") == [
        ("市卫生健康委基层卫生处", "负责", "项目督导"), ("各县（市、区）防指", "负责", "于汛前完成隐患排查"),
        ("县安委会", "负责", "每季度召开一次全体会议")]
    # 委会同: the 委 ends the name and 会同 is the verb; 安委会同意 keeps the committee
    assert made_up("市减灾委会同市应急管理局开展风险普查。") == [
        ("市减灾委", "负责", "开展风险普查"), ("市应急管理局", "配合", "开展风险普查")]
    assert [n for _, _, n in find_departments("经县安委会同意，现印发")] == ["县安委会"]
    # 负责人 is a post, and a section needs its office before it (学科, 此处 are no units)
    assert made_up("由县应急管理局约谈相关企业负责人。") == [("县应急管理局", "负责", "约谈相关企业负责人")]
    assert made_up("各项目单位负责人要对工程质量负总责。") == [("各项目单位", "负责", "对工程质量负总责")]
    assert find_departments("加强学科建设，此处不再赘述，整治隐患点50处。") == []


def test_duty_lists_after_an_outline_label_and_as_headings():
    """职责分工 written `（三）X局：负责…` or as a heading `（三）X局。负责…`: the outline label is not part of
    the names, and a period after names only, before a duty verb, ends the label like a colon."""
    expected = [("市交通运输局", "负责", "道路运输保障，会同市公安局做好交通疏导"), ("市公安局", "配合", "做好交通疏导")]
    assert made_up("（三）市交通运输局：负责道路运输保障，会同市公安局做好交通疏导。") == expected
    assert made_up("（三）市交通运输局。负责道路运输保障，会同市公安局做好交通疏导。") == expected
    assert made_up("3.市交通运输局、市公安局。负责道路运输保障。") == [
        ("市交通运输局", "负责", "道路运输保障"), ("市公安局", "负责", "道路运输保障")]
    # a heading that is not names only stays a heading; its sentence is read as before
    assert made_up("（一）加强组织领导。成立工作专班，市财政局负责资金保障。") == [("市财政局", "负责", "资金保障")]
    assert made_up("（二）电信、移动、联通：负责通信保障。") == [("电信、移动、联通", "负责", "通信保障")]
    assert made_up("（四）工作要求。负责同志要靠前指挥。") == []


def test_members_listed_after_their_heading():
    assert made_up("成立市防汛抗旱指挥部，成员单位包括市水利局、市应急管理局、市气象局。") == [
        ("市水利局", "成员", "成员"), ("市应急管理局", "成员", "成员"), ("市气象局", "成员", "成员")]
    assert made_up("市政府成立城市更新工作领导小组，成员单位：市发展改革委、市财政局。") == [
        ("市发展改革委", "成员", "城市更新工作领导小组"), ("市财政局", "成员", "城市更新工作领导小组")]
    # a post chairing the command is no department (县长任指挥长): only the members are facts
    assert [r[0] for r in made_up("县长任指挥长。成员单位为：县应急管理局、县林业局。")] == ["县应急管理局", "县林业局"]


def test_every_department_named_before_a_chair_holds_it_and_commands_are_groups():
    """`A、B主要负责同志任副组长`: both A and B; a 指挥部's 指挥长/副指挥长 are its 组长/副组长."""
    assert made_up("县水务局、县应急管理局主要负责同志任副组长。") == [
        ("县水务局", "副组长", "主要负责同志任副组长"), ("县应急管理局", "副组长", "主要负责同志任副组长")]
    assert made_up("县水务局、县应急管理局主要负责同志任副指挥长。") == [
        ("县水务局", "副组长", "主要负责同志任副指挥长"), ("县应急管理局", "副组长", "主要负责同志任副指挥长")]
    assert made_up("县林业局局长任常务副指挥长。") == [("县林业局", "副组长", "局长任常务副指挥长")]


def test_a_department_acting_by_a_time_after_yu():
    assert made_up("县教育局于11月30日前形成专项整治工作总结，报县人民政府。") == [
        ("县教育局", "负责", "于11月30日前形成专项整治工作总结，报县人民政府")]
    assert made_up("县财政局于每季度末前拨付资金。") == [("县财政局", "负责", "于每季度末前拨付资金")]
    assert made_up("县教育局于是决定开展检查。") == []  # 于是 is not a time


def test_areas_named_by_their_part_in_the_work_act_for_themselves():
    found = made_up("各试点县要于2025年9月底前完成设备安装。示范区要建立月度调度机制。",
                    "属地街道要在3日内上报处置结果。各州（盟）要将任务分解到具体项目。")
    assert [(d, r) for d, r, _ in found] == [("各试点县", "负责"), ("示范区", "负责"), ("属地街道", "负责"),
                                             ("各州（盟）", "负责")]
    assert found[1][2] == "建立月度调度机制"


def test_schools_and_hospitals_named_by_kind_alone_act_but_a_bare_centre_or_firm_does_not():
    found = made_up("医院要在1小时内上报传染病疫情。供热企业要于10月31日前完成管网试压。",
                    "中心要于月底前上报。企业要落实主体责任。")
    assert [(d, r) for d, r, _ in found] == [("医院", "负责"), ("供热企业", "负责")]


def test_plain_verbs_of_doing_are_duties_unless_the_sentence_tells_what_was_done():
    found = made_up("市文旅局组织开展年度考核。各县（区）于2025年8月底前制定本地实施细则。",
                    "经各地申报、省相关部门组织认定，并报省政府同意，确定了年度计划。", "县财政局组织开展了绩效评价。")
    assert found == [("市文旅局", "负责", "组织开展年度考核"),
                     ("各县（区）", "负责", "于2025年8月底前制定本地实施细则")]


def test_peoples_organizations_written_short_and_technical_stations_and_centres():
    found = made_up("各市妇联要于8月31日前完成培训，县级残联要在接到申请后5个工作日内审核。",
                    "省科协会同省财政厅于第三季度开展评估。",
                    "县疾病预防控制中心要在接到报告后2小时内完成流调。乡镇农业技术推广站、乡镇畜牧兽医站负责技术指导。")
    assert [(d, r) for d, r, _ in found] == [
        ("各市妇联", "负责"), ("县级残联", "负责"), ("省科协", "负责"), ("省财政厅", "配合"),
        ("县疾病预防控制中心", "负责"), ("乡镇农业技术推广站", "负责"), ("乡镇畜牧兽医站", "负责")]


def test_a_name_written_without_its_level_takes_the_level_of_the_first_name_listed():
    found = made_up("各市妇联、财政局要于每季度结束后10日内报送资金使用情况。", "县教育局、卫健局负责校园防疫。",
                    "市场监管局、财政局负责抽检经费保障。")
    assert [d for d, _, _ in found] == ["各市妇联", "各市财政局", "县教育局", "县卫健局", "市场监管局", "财政局"]


def test_a_bracketed_name_in_a_duty_list_label_shares_its_duties_and_adverbs_of_timing_act():
    found = made_up("各县人民政府（开发区管委会）：负责本辖区排查整治工作。", "指挥部办公室适时组织联合督查。")
    assert found == [("各县人民政府", "负责", "本辖区排查整治工作"), ("开发区管委会", "负责", "本辖区排查整治工作"),
                     ("指挥部办公室", "负责", "适时组织联合督查")]


def test_numbered_items_with_a_space_headed_names_sharing_by_division_and_more_actors():
    found = made_up("1. 市文化和旅游局牵头，于2025年9月30日前完成智慧文旅平台升级改造。",
                    "（四）做好总结评估。各县（市、区）人民政府要于2026年1月10日前报送年度工作总结，市文化和旅游局汇总后报市人民政府。",
                    "（三）县公安局、县交通运输局。按照职责分工，配合做好临时检查站的值守工作。",
                    "各区组织示范街道自评后，于11月30日前申请验收。", "市商务局：负责回收体系建设，会同市供销社推进网点建设。")
    assert [(d, r) for d, r, _ in found] == [
        ("市文化和旅游局", "牵头"), ("各县（市、区）人民政府", "负责"), ("市文化和旅游局", "负责"),
        ("县公安局", "配合"), ("县交通运输局", "配合"), ("各区", "负责"), ("市商务局", "负责"), ("市供销社", "配合")]
    assert found[3][2] == "做好临时检查站的值守工作"


def test_institutions_listed_together_act_together_and_a_partner_after_the_time_of_a_duty():
    found = made_up("各乡镇中心小学、县直各中学要于每月10日前报送进展情况。",
                    "各县财政局要在收到资金后15日内会同同级教育局将资金拨付到位。")
    assert [(d, r) for d, r, _ in found] == [("各乡镇中心小学", "负责"), ("县直各中学", "负责"),
                                             ("各县财政局", "负责"), ("同级教育局", "配合")]


def test_a_role_verb_after_names_listed_with_dun_is_each_name_s():
    roles = lambda text: [(name, role) for _, _, name, role in cell_names(text, "负责")]  # noqa: E731
    assert roles("市市场监管局牵头，市工业和信息化局、市公安局配合") == [
        ("市市场监管局", "牵头"), ("市工业和信息化局", "配合"), ("市公安局", "配合")]
    assert roles("县住建局、县交通局牵头，县财政局配合") == [("县住建局", "牵头"), ("县交通局", "牵头"), ("县财政局", "配合")]
    # across a comma the verb does not reach back; names without one keep the column's role, unless
    # the lead of a 负责 list is marked: then the others cooperate (as in a text list 责任单位：A（牵头），B)
    assert roles("县住建局（牵头）、县财政局") == [("县住建局", "牵头"), ("县财政局", "配合")]
    assert roles("县住建局，县财政局配合") == [("县住建局", "负责"), ("县财政局", "配合")]
    assert [(n, r) for _, _, n, r in cell_names("县住建局（牵头）、县财政局", "配合")] == [
        ("县住建局", "牵头"), ("县财政局", "配合")]


def test_farms_and_slaughterhouses_act():
    assert [(d, r) for d, r, _ in made_up("规模养殖场要于每月25日前报送免疫记录。定点屠宰场要严格落实检疫申报制度。")] == [
        ("规模养殖场", "负责"), ("定点屠宰场", "负责")]


def test_conveners_of_a_task_force_and_clauses_opening_on_a_preposition_or_a_verb():
    found = made_up("成立市充电设施建设工作专班，市政府分管副市长任召集人，市发展改革委主要负责同志任副召集人。",
                    "对液冷超充站按每座50万元给予建设补贴。指导物业服务企业配合业主安装充电桩。")
    assert [(d, r) for d, r, _ in found] == [("市发展改革委", "副组长")]


def test_task_forces_hosted_offices_grasp_verbs_and_sanctions():
    found = made_up("由市商务局统筹推进，各县（市、区）人民政府抓好落实。",
                    "市应急指挥部办公室（设在市应急管理局）负责统筹协调。",
                    "县应急管理局会同县卫生健康局、县公安交警大队完善应急救援联动机制。",
                    "由工作专班实行挂牌督办。考核组于第三季度开展中期督查。",
                    "乡镇工作人员在工作中滥用职权、玩忽职守的，依法依规追究责任。",
                    "县财政局要加强监管，对挤占挪用资金的，依法追究责任。")
    assert [(d, r) for d, r, _ in found] == [
        ("市商务局", "负责"), ("各县（市、区）人民政府", "负责"), ("市应急指挥部办公室", "负责"),
        ("县应急管理局", "负责"), ("县卫生健康局", "配合"), ("县公安交警大队", "配合"),
        ("工作专班", "负责"), ("考核组", "负责"), ("县财政局", "负责")]


def test_yituo_and_tongguo_end_no_name():
    assert made_up("基本康复服务由各地依托乡镇（街道）卫生院、社区卫生服务中心和残疾人康复机构提供。") == []


def test_lead_with_partners_after_you():
    # 由A牵头、B和C配合，…: the partners share what follows their verb; a topic may stand before 由
    assert made_up("河道清淤工程由市水利局牵头、市财政局和沿河各镇人民政府配合，于10月底前完工。") == [
        ("市水利局", "牵头", "于10月底前完工"), ("市财政局", "配合", "于10月底前完工"),
        ("沿河各镇人民政府", "配合", "于10月底前完工")]
    assert made_up("由县水务局牵头、县财政局参与，组织开展供水管网普查。") == [
        ("县水务局", "牵头", "组织开展供水管网普查"), ("县财政局", "参与", "组织开展供水管网普查")]


def test_places_sharing_one_government_name():
    assert made_up("东山县、西河县、南湖县人民政府要各建设应急避难场所1个。") == [
        ("东山县人民政府", "负责", "各建设应急避难场所1个"), ("西河县人民政府", "负责", "各建设应急避难场所1个"),
        ("南湖县人民政府", "负责", "各建设应急避难场所1个")]
    assert [d for d, _, _ in made_up("由东城区、西城区人民政府负责组织实施。")] == ["东城区人民政府", "西城区人民政府"]
    # a list of departments is no list of places
    assert [d for d, _, _ in made_up("市民政局、南湖县人民政府要加强领导。")] == ["市民政局", "南湖县人民政府"]


def test_party_committee_departments_and_levels_after_he():
    assert [n for _, _, n in find_departments("市委宣传部、县委组织部和县人武部")] == ["市委宣传部", "县委组织部", "县人武部"]
    assert [n for _, _, n in find_departments("各级宣传部门")] == ["各级宣传部门"]
    assert [n for _, _, n in find_departments("成员单位包括市民政局和各区、县人民政府")] == ["市民政局", "各区、县人民政府"]
    assert made_up("市委宣传部、市教育局要加强安全知识宣传。") == [
        ("市委宣传部", "负责", "加强安全知识宣传"), ("市教育局", "负责", "加强安全知识宣传")]


def test_bracketed_name_beside_another_and_members_composing():
    assert made_up("各镇人民政府（街道办事处）要落实属地管理责任。") == [
        ("各镇人民政府", "负责", "落实属地管理责任"), ("街道办事处", "负责", "落实属地管理责任")]
    # 成员由A、B…分管负责同志组成: members, not doers of 组成
    assert made_up("成员由县民政局、县财政局和各镇人民政府（街道办事处）分管负责同志组成。") == [
        ("县民政局", "成员", "成员"), ("县财政局", "成员", "成员"), ("各镇人民政府", "成员", "成员"),
        ("街道办事处", "成员", "成员")]


def test_yingji_opens_a_name_not_a_modal():
    # 乡镇（街道）应急…队伍: 应 of 应急 is no 应 (should)
    assert made_up("达标率达到95%以上，乡镇（街道）应急管理综合行政执法队伍实现全覆盖。") == []


def test_partner_named_with_a_building_verb_and_conveners():
    # 卫生健康委 before 建立 is a name (委 needs a word that ends it)
    assert made_up("县住建局会同县卫生健康委建立监管平台。") == [
        ("县住建局", "负责", "建立监管平台"), ("县卫生健康委", "配合", "建立监管平台")]
    assert made_up("建立联席会议制度，县发展改革委为召集单位，县商务局、县财政局为成员单位。") == [
        ("县发展改革委", "组长", "为召集单位"), ("县商务局", "成员", "成员"), ("县财政局", "成员", "成员")]


def test_mixed_county_level_places_and_the_government_of_the_place_concerned():
    assert [d for d, _, _ in made_up("甲山县、乙坪县、丙口市人民政府要建设冷藏设施。")] == [
        "甲山县人民政府", "乙坪县人民政府", "丙口市人民政府"]
    # 所在县（市、区）人民政府 acts itself; the subject of the previous part does not carry over
    assert made_up("县水利局负责监测预警；对不达标断面，所在县（市、区）人民政府要在30日内制定达标方案。") == [
        ("县水利局", "负责", "监测预警"), ("所在县（市、区）人民政府", "负责", "在30日内制定达标方案")]


def test_a_sanction_after_another_part_is_no_duty_of_the_earlier_subject():
    assert made_up("对进度慢的县区，省财政厅将收回补助资金；对截留、挪用补助资金的，依照《某某条例》严肃处理。") == [
        ("省财政厅", "负责", "收回补助资金")]
    # a subject named after the sanction still acts
    assert made_up("县财政局负责资金拨付；对虚报冒领的，依法追究责任，县审计局要加强审计监督。") == [
        ("县财政局", "负责", "资金拨付"), ("县审计局", "负责", "加强审计监督")]


def test_following_another_bodys_duties_walking_each_village_and_after_you_the_local_government():
    assert made_up("高新区管委会参照区人民政府职责，负责辖区隐患整治工作。") == [
        ("高新区管委会", "负责", "参照区人民政府职责"), ("高新区管委会", "负责", "辖区隐患整治工作")]
    assert made_up("考核组逐村开展实地核查。") == [("考核组", "负责", "逐村开展实地核查")]
    assert made_up("由所在乡镇人民政府（街道办事处）督促施工单位返工整改。") == [
        ("所在乡镇人民政府", "负责", "督促施工单位返工整改"), ("街道办事处", "负责", "督促施工单位返工整改")]


def test_sector_lists_sharing_a_suffix_carry_their_level():
    assert made_up("市林业局会同市农业农村、卫生健康、市场监管部门开展联合巡查。") == [
        ("市林业局", "负责", "开展联合巡查"), ("市农业农村部门", "配合", "开展联合巡查"),
        ("市卫生健康部门", "配合", "开展联合巡查"), ("市市场监管部门", "配合", "开展联合巡查")]
    assert [d for d, _, _ in made_up("各县（市、区）文化和旅游、财政部门要建立资金台账。")] == [
        "各县（市、区）文化和旅游部门", "各县（市、区）财政部门"]
    # 市、区两级 stays as written (the golden 审计、财政部门)
    assert [d for d, _, _ in made_up("由市、区两级审计、财政部门加强监管。")] == ["审计部门", "财政部门"]


def test_places_sharing_a_bureau_members_with_places_and_party_work_departments():
    assert [d for d, _, _ in made_up("甲山县、乙塘县林业局要各新建监测站1个。")] == ["甲山县林业局", "乙塘县林业局"]
    assert [(d, r) for d, r, _ in made_up("市民政局、市数据局和东城区、西城区人民政府为成员单位。")] == [
        ("市民政局", "成员"), ("市数据局", "成员"), ("东城区人民政府", "成员"), ("西城区人民政府", "成员")]
    assert [n for _, _, n in find_departments("区委社会工作部负责。各地要做好工作部署，统筹组织部署。")] == ["区委社会工作部"]
    assert made_up("各县采样任务由市野生动物疫源疫病监测站另行下达。") == [
        ("市野生动物疫源疫病监测站", "负责", "另行下达")]
    assert made_up("甲县民政局要会同所在乡镇人民政府加快工程进度。") == [
        ("甲县民政局", "负责", "加快工程进度"), ("所在乡镇人民政府", "配合", "加快工程进度")]


def test_a_task_table_whose_task_column_is_named_by_its_object():
    b = DocumentBuilder()
    rows = [["序号", "专项", "监测对象", "点位（个）", "牵头单位", "完成时限"],
            ["1", "燃气", "燃气管网相邻地下空间", "1480", "市城市管理局", "2027年6月底前"],
            ["2", "供热", "供热主管网", "320", "市住房城乡建设局", "2026年10月31日前"],
            ["3", "平台", "监测中心平台", "—", "市数据局", "2026年12月31日前"],
            ["合计", "", "", "1800", "", ""]]
    b.add_table([C(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row)])
    doc = b.build("t.txt", "txt")
    assert [(r.department, r.role, r.duty) for r in extract_responsibilities(Context(doc))] == [
        ("市城市管理局", "牵头", "燃气管网相邻地下空间"), ("市住房城乡建设局", "牵头", "供热主管网"),
        ("市数据局", "牵头", "监测中心平台")]


def test_each_doing_its_part_sanctions_with_two_adverbs_and_premises():
    assert [d for d, _, _ in made_up("县文化和旅游局、体育局、科技局分别负责文艺类、体育类、科技类机构的审批。")] == [
        "县文化和旅游局", "县体育局", "县科技局"]
    assert made_up("县农业农村局负责资金拨付；对虚报冒领、骗取套取补助资金的，依法依规严肃处理。") == [
        ("县农业农村局", "负责", "资金拨付")]
    # premises (场所) must meet a standard: no body acts
    assert made_up("培训场所要符合消防安全要求，对存在重大安全隐患的，责令立即停业整改。") == []


def test_peoples_organizations_written_in_full():
    assert [n for _, _, n in find_departments("县妇女联合会、县总工会和省残疾人联合会")] == [
        "县妇女联合会", "县总工会", "省残疾人联合会"]
    assert [d for d, _, _ in made_up("甲市、乙市残疾人联合会要于每季度终了后10日内报送资金使用进度。")] == [
        "甲市残疾人联合会", "乙市残疾人联合会"]
    assert made_up("甲市财政局要会同同级残疾人联合会将资金下达到县。") == [
        ("甲市财政局", "负责", "将资金下达到县"), ("同级残疾人联合会", "配合", "将资金下达到县")]


def test_courts_procuratorates_and_professional_associations_act():
    assert [n for _, _, n in find_departments("县人民法院、县人民检察院会同市医师协会开展调解，法院判决后执行。")] == [
        "县人民法院", "县人民检察院", "市医师协会"]  # a bare 法院 names no one
    assert made_up("市中级人民法院、市人民检察院要依法办理涉企案件。") == [
        ("市中级人民法院", "负责", "依法办理涉企案件"), ("市人民检察院", "负责", "依法办理涉企案件")]
    assert made_up("市卫生健康委会同市医师协会于5月组织开展技能竞赛。") == [
        ("市卫生健康委", "负责", "于5月组织开展技能竞赛"), ("市医师协会", "配合", "于5月组织开展技能竞赛")]


def test_the_government_of_the_place_concerned_keeps_whose_place_it_is():
    assert [n for _, _, n in find_departments("学校所在县人民政府要落实校舍安全责任，户籍所在地乡镇人民政府负责登记。")] == [
        "学校所在县人民政府", "户籍所在地乡镇人民政府"]
    assert [d for d, _, _ in made_up("企业所在乡镇人民政府要于接到通知后3日内完成现场核查。")] == ["企业所在乡镇人民政府"]


def test_a_contact_line_is_no_duty():
    assert made_up("（联系人：县农业农村局种植业股 王某，电话：0000-1234567；县委宣传部组织科 李某，联系电话：0000-7654321）") == []
    # a duty that ends on a contact in brackets keeps its verb
    assert made_up("各乡镇要于3月底前将名单报县教育局（联系人：张某，电话：0000-1111111）。")[0][:2] == ("各乡镇", "负责")


def test_public_institutions_customs_and_bank_branches_act():
    assert [n for _, _, n in find_departments(
        "县图书馆、县档案馆会同某海关、中国人民银行某市分行开展宣传，游客入住宾馆、各场馆开放。")] == [
        "县图书馆", "县档案馆", "某海关", "中国人民银行某市分行"]
    assert [d for d, _, _ in made_up("市科技馆负责建立科普资源库。")] == ["市科技馆"]


def test_a_frequency_of_every_two_months_makes_the_subject_act():
    assert made_up("县河长办每两个月至少召开1次调度会。") == [("县河长办", "负责", "每两个月至少召开1次调度会")]


def test_fines_and_suspensions_after_a_condition_are_sanctions_not_duties():
    assert made_up("县市场监管局负责日常监管；对无证经营的，处1万元以上5万元以下罚款。") == [
        ("县市场监管局", "负责", "日常监管")]
    assert made_up("县交通运输局负责年度考核；对一年内累计3次以上被投诉的客运企业，暂停其线路经营权1个月。") == [
        ("县交通运输局", "负责", "年度考核")]


def test_a_part_opening_on_a_period_that_ended_before_the_issue_date_reports_the_past():
    from extract import pipeline

    doc = paragraphs_doc("关于客运安全隐患整改的通知",
                         "2026年1月至3月，市交通运输局会同市公安局对全市客运企业开展了安全检查。",
                         "2026年4月至6月，各县交通运输局要组织企业开展自查。", "某市交通运输局", "2026年4月20日")
    found = pipeline.analyze(doc)
    assert [(r.department, r.duty) for r in found.responsibilities] == [("各县交通运输局", "组织企业开展自查")]
    assert [d.raw for d in found.deadlines] == ["2026年4月至6月"]  # the past period is no deadline


def test_testing_stations_act_and_a_topic_before_you_is_their_duty():
    assert [n for _, _, n in find_departments("由省农业机械试验鉴定站和县农业技术推广总站负责，在加油站旁。")] == [
        "省农业机械试验鉴定站", "县农业技术推广总站"]
    assert made_up("电梯故障投诉核查由市特种设备检验站负责，市消防救援支队配合做好应急处置。") == [
        ("市特种设备检验站", "负责", "电梯故障投诉核查"), ("市消防救援支队", "配合", "做好应急处置")]
    # 由X牵头 followed by the partners and the work keeps its old reading
    assert [r for d, r, _ in made_up("由县住建局牵头，县自然资源局、县交通局联合进行验收。")] == ["牵头", "参与", "参与"]


def test_survey_corps_rural_credit_unions_and_an_office_acting_as_one():
    assert [n for _, _, n in find_departments("国家统计局某调查总队、省农村信用社联合社和县农村信用社")] == [
        "国家统计局某调查总队", "省农村信用社联合社", "县农村信用社"]
    assert [d for d, _, _ in made_up("管委会统一组织开展区域评估。")] == ["管委会"]
    # what a bureau did with its partners is no duty
    assert made_up("市民政局会同市卫健委于3月对全市养老机构开展了安全检查。") == []


def test_villages_discipline_teams_stations_and_names_holding_a_stop_word():
    assert [n for _, _, n in find_departments(
        "各村（社区）、所在村（社区）、县纪委监委驻县水利局纪检监察组、某县自然资源局某镇自然资源所、"
        "市委机要保密局和市地方志编纂中心，全村（社区）居民")] == [
        "各村（社区）", "所在村（社区）", "县纪委监委驻县水利局纪检监察组", "某县自然资源局某镇自然资源所",
        "市委机要保密局", "市地方志编纂中心"]
    assert [d for d, _, _ in made_up("县应急管理局接报后2小时内到场处置。")] == ["县应急管理局"]


def test_a_responsibility_line_naming_a_partner_or_an_office_with_two_names():
    found = made_up("1.建设全市林业资源共享平台，实现数据互通。", "责任单位：市数据局会同市林业局",
                    "2.召开全市林长制工作会议，部署年度任务。", "责任单位：市委办公室（市林长办）")
    assert [(d, r) for d, r, _ in found] == [("市数据局", "负责"), ("市林业局", "配合"), ("市委办公室", "负责"),
                                             ("市林长办", "负责")]


def test_posts_in_a_command_are_persons_not_committees():
    assert made_up("成立镇防汛指挥部，镇党委书记任政委，镇长任总指挥，县水利局主要负责同志任副总指挥。") == [
        ("县水利局", "副组长", "主要负责同志任副总指挥")]


def test_a_lead_and_partners_as_subject_and_a_past_visit_after_a_purpose():
    assert made_up("县卫生健康局牵头、县医疗保障局配合，推进药品目录统一。") == [
        ("县卫生健康局", "牵头", "推进药品目录统一"), ("县医疗保障局", "配合", "推进药品目录统一")]
    from extract import pipeline
    doc = paragraphs_doc("关于春节期间安全检查情况的通报",
                         "为防范风险，根据《某条例》，2026年1月26日至2月9日，省应急管理厅会同省公安厅组成4个暗访组开展暗访检查。",
                         "各市要于3月31日前完成整改。", "某省应急管理厅", "2026年2月27日")
    assert [(r.department, r.duty) for r in pipeline.analyze(doc).responsibilities] == [("各市", "于3月31日前完成整改")]


def test_words_inside_names_that_look_like_stop_words_and_more_kinds_of_station():
    assert [n for _, _, n in find_departments(
        "某再生资源有限公司、街道社区事务受理服务中心、区市场监督管理局某市场监管所、街道统计站和某军分区政治工作处")] == [
        "某再生资源有限公司", "街道社区事务受理服务中心", "区市场监督管理局某市场监管所", "街道统计站", "某军分区政治工作处"]
    # a standard per unit names no one
    assert [d for d, _, _ in made_up("各县财政局要将运行经费纳入预算，每站每年不低于2万元。")] == ["各县财政局"]


def test_an_item_closing_on_its_lead_and_partners_in_brackets():
    found = made_up("3.于9月30日前开展养老机构消防安全检查。（区民政局牵头，区应急管理局、区消防救援大队配合）",
                    "4.报送年度工作总结。（区民政局负责）", "5.加强宣传引导（详见附件）。")
    assert [(d, r) for d, r, _ in found] == [("区民政局", "牵头"), ("区应急管理局", "配合"), ("区消防救援大队", "配合"),
                                             ("区民政局", "负责")]
    assert found[0][2] == "于9月30日前开展养老机构消防安全检查"
    # the item's full stop may also follow the bracket
    assert [(d, r) for d, r, _ in made_up("6.开展适老化改造培训（区住房城乡建设局牵头，区民政局配合）。")] == [
        ("区住房城乡建设局", "牵头"), ("区民政局", "配合")]
    from tests.test_deadlines import made_up_deadlines
    assert [d[-1] for d in made_up_deadlines(
        "3.于9月30日前开展养老机构消防安全检查。（区民政局牵头，区应急管理局、区消防救援大队配合）")] == ["区民政局"]


def test_protection_and_extension_centres_are_names():
    assert [n for _, _, n in find_departments("由县农业技术推广中心会同省文物保护中心开展成果验收")] == [
        "县农业技术推广中心", "省文物保护中心"]
