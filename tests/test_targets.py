"""Targets from the corpus: text goals (subject, unit, year, region) and table cells (region × column)."""
from __future__ import annotations

from decimal import Decimal

import pytest
import regex

from extract.extractors.base import Context, grounding_ok
from extract.extractors.targets import extract_targets, find_region, is_region
from extract.readers.txt import read_txt
from tests.conftest import corpus_facts, paragraphs_doc

@pytest.fixture(scope="module")
def targets() -> dict:
    return corpus_facts(extract_targets)


def text_targets(targets, key):
    return [t for t in targets[key][1] if t.table_row is None]


def one(facts, **kw):
    found = [f for f in facts if all(getattr(f, k) == v for k, v in kw.items())]
    assert len(found) == 1, (kw, [(f.quote, f.subject, f.region) for f in found])
    return found[0]


def test_000_text_targets(targets) -> None:
    ts = text_targets(targets, "000")
    t263 = one(ts, value=Decimal(263), unit="个")
    t33150 = one(ts, value=Decimal(33150), unit="户")
    for t in (t263, t33150):
        assert "改造城镇老旧小区" in t.subject and t.year == 2024
    assert t33150.unit_raw == "户（套）" and t33150.quote == "33150 户（套）"
    rate = one(ts, subject="开工率")
    assert rate.value == 100 and rate.unit == "%" and rate.year == 2024


def test_000_table_cells(targets) -> None:
    cells = [t for t in targets["000"][1] if t.table_row is not None]
    assert len(cells) == 21 * 4
    b = one(cells, region="全区", subject="楼栋数")
    assert b.value == 915 and b.unit == "栋" and b.quote == "915" and b.year == 2024
    a = one(cells, region="兴庆区", subject="总建筑面积")
    assert a.value == Decimal("85.25") and a.value_base == 852500 and a.unit_raw == "万平方米"
    assert a.decimals == 2
    h = one(cells, region="海原县", subject="改造任务")
    assert h.value == 582 and h.unit == "户"


def test_001_targets(targets) -> None:
    ts = text_targets(targets, "001")
    assert [(t.value, t.unit) for t in ts] == [
        (Decimal(25), "个"), (Decimal(82), "栋"), (Decimal("27.61"), "万平方米"), (Decimal(3247), "户")]
    assert ts[0].subject == "完成老旧小区改造" and ts[0].year == 2026
    assert ts[1].region == "金星镇、胜利镇" and ts[2].value_base == 276100
    assert ts[3].subject == "受益群众"


def test_002_targets_and_transposed_table(targets) -> None:
    ts = text_targets(targets, "002")
    new = one(ts, subject="新开工改造城镇老旧小区")
    assert new.value == 25516 and new.region == "全市" and new.year == 2023
    assert one(ts, subject="完成改造").value == 25516
    assert not [t for t in ts if t.unit == "%"]  # 80%以上居民同意 is a condition
    cells = [t for t in targets["002"][1] if t.table_row is not None]
    w = one(cells, region="宛城区", subject="开工改造")
    assert w.value == 4091 and w.unit == "户" and w.table_row == 2 and w.table_col == 1
    assert one(cells, region="桐柏县", subject="完成改造").value == 0
    label = one(cells, subject="开工改造", region=None)
    assert label.quote == "25516 户" and label.value == 25516


def test_003_targets(targets) -> None:
    ts = text_targets(targets, "003")
    assert one(ts, quote="84栋").region == "南城路片区、西关南街片区、西关北街片区"
    area = one(ts, quote="24.7891万平方米")
    assert area.value_base == 247891 and area.subject == "住宅建筑面积" and area.year == 2022
    assert one(ts, quote="3081户").value == 3081
    assert one(ts, quote="26个").subject == "计划完成老旧小区改造任务"
    assert one(ts, quote="1435户").region == "西关北街片区"
    assert not [t for t in ts if t.value == 15]  # 占比不得超过15% is a rule, not a goal


def test_004_targets(targets) -> None:
    ts = text_targets(targets, "004")
    assert one(ts, quote="186个").year == 2024
    assert one(ts, quote="297.49万平方米").value_base == 2974900
    assert one(ts, quote="100%").subject == "基础类、完善类改造覆盖率"
    assert one(ts, quote="31%").subject == "提升类改造覆盖率"
    c47 = one(ts, quote="47个")
    c32 = one(ts, quote="32%")
    assert c47.region == c32.region == "海勃湾区" and c32.subject == "覆盖率"
    cells = [t for t in targets["004"][1] if t.table_row is not None]
    assert one(cells, region="海勃湾区", year=2023, unit="户").value == 9561
    assert one(cells, region="乌达区", year=2024, unit="个").value == 7


def test_every_target_is_grounded_and_no_date_or_code(targets) -> None:
    for key, (doc, ts) in targets.items():
        assert ts, key
        for t in ts:
            assert grounding_ok(doc, t), (key, t.quote)
            assert not regex.search(r"年|月|日|号|〔|-|@", t.quote), (key, t.quote)
            assert t.unit not in ("年", "月", "日", "天")
            assert not (1990 <= t.value <= 2035 and t.unit == "个"), (key, t.quote)


@pytest.mark.parametrize("phrase,region", [
    ("2023 年全市新开工改造城镇老旧小区", "全市"), ("海勃湾区提升类改造小区", "海勃湾区"),
    ("涉及金星镇、胜利镇", "金星镇、胜利镇"), ("改造城镇老旧小区", None), ("将我市2005年年底前建成", "我市"),
    ("分别为：西关北街片区涉及东海园区、福平苑", "西关北街片区"), ("市县财政部门要", None),
])
def test_find_region(phrase: str, region: str | None) -> None:
    assert find_region(phrase) == region


def test_is_region() -> None:
    assert is_region("宛城区") and is_region("全区") and is_region("石嘴山市")
    assert not is_region("总计") and not is_region("开工改造 25516 户") and not is_region("城区")


def test_unseen_style_plan_sentences() -> None:
    ts = built_targets("2025年全省计划新开工改造城镇老旧小区1200个，惠及居民约15万户，"
                       "力争改造面积达到1,200.5万平方米以上。",
                       "到2027年底，城市燃气管道更新改造1500公里，完成率不低于95%。各地应在30日内上报。")
    assert set(ts) == {"1200个", "15万户", "1,200.5万平方米", "1500公里", "95%"}
    assert ts["1200个"].region == "全省" and ts["1200个"].year == 2025
    assert ts["15万户"].value_base == 150000 and ts["15万户"].approximate
    assert ts["1,200.5万平方米"].value_base == 12005000 and ts["1,200.5万平方米"].qualifier == "达到"
    assert ts["1500公里"].value_base == 1500000 and ts["1500公里"].year == 2027
    assert ts["95%"].subject == "完成率" and ts["95%"].qualifier == "不低于"


def built_targets(*paragraphs: str) -> dict:
    return {t.quote: t for t in extract_targets(Context(document=paragraphs_doc(*paragraphs)))}


def test_compound_building_verbs_and_其中_parts() -> None:
    ts = built_targets("2025年，全县新改建农村公路120公里，其中通组硬化路52公里；实施危桥改造8座。",
                       "全市新改扩建中小学校12所。")
    assert set(ts) == {"120公里", "52公里", "8座", "12所"}
    assert "农村公路" in ts["120公里"].subject and ts["120公里"].region == "全县"
    assert ts["52公里"].subject == "通组硬化路" and ts["52公里"].value_base == 52000
    assert ts["12所"].subject == "新改扩建中小学校"


def test_floor_percentages_are_goals_whatever_the_verb() -> None:
    ts = built_targets("资金用于产业发展的比例不低于55%，不得用于偿还债务。",
                       "城市生活垃圾回收利用率提高到40%，污水治理率稳定在80%以上，列养率保持100%。")
    assert ts["55%"].qualifier == "不低于" and "比例" in ts["55%"].subject
    assert ts["40%"].subject == "城市生活垃圾回收利用率"
    assert ts["80%"].subject == "污水治理率" and ts["100%"].subject == "列养率"


def test_share_of_money_and_time_spans_are_not_targets() -> None:
    ts = built_targets("本批资金共计2860万元，其中：中央资金1716万元，占60%；县级资金286万元，占10%。",
                       "中央资金占计划总投资的50%。",
                       "各乡镇要在3个月内完成资产确权登记，财政局在15个工作日内分解下达，力争提高2个百分点。",
                       "改造老旧小区25个，开工率达到100%。")
    assert set(ts) == {"25个", "100%"}


def test_subject_keeps_its_object_noun_棚户区() -> None:
    ts = built_targets("2024年，全市新增发放租赁补贴1900户，棚户区改造新开工1000套。")
    assert ts["1000套"].subject.startswith("棚户区改造") and ts["1000套"].region == "全市"
    assert "租赁补贴" in ts["1900户"].subject


def test_level_words_are_not_places() -> None:
    assert find_region("投入省级财政资金") is None
    assert find_region("棚户区改造新开工") is None
    assert find_region("兴庆区改造") == "兴庆区"


# ---------------------------------------------------------------- units, slogans, ranges, ceilings (made-up)

def test_rate_and_compound_unit_goals() -> None:
    ts = built_targets("到2026年，全县新建污水处理厂2座，新增日处理能力3万吨/日，新增光伏装机20万千瓦。",
                       "全市新增养老床位800张，新建幼儿园6所，储备应急物资5万件(套)，安装充电桩3000台（套）。",
                       "完成造林1.5万亩、湿地修复300公顷，新增学位1.2万个。")
    assert ts["3万吨/日"].unit == "万吨/日" and ts["3万吨/日"].value_base == 30000
    assert ts["3万吨/日"].subject == "新增日处理能力" and ts["3万吨/日"].year == 2026
    assert ts["20万千瓦"].value_base == 200000 and ts["20万千瓦"].unit_raw == "万千瓦"
    assert ts["800张"].subject == "新增养老床位" and ts["6所"].value == 6
    assert ts["5万件(套)"].unit == "万件" and ts["5万件(套)"].value_base == 50000
    assert ts["3000台（套）"].unit == "台" and ts["3000台（套）"].unit_raw == "台（套）"
    assert ts["1.5万亩"].value_base == 15000 and ts["300公顷"].value_base == 3000000
    assert ts["1.2万个"].value_base == 12000 and ts["1.2万个"].subject.startswith("新增学位")


def test_slogans_are_not_targets() -> None:
    ts = built_targets("建筑工地全面落实“六个百分之百”，完成三个一批任务，确保四个不摘、五个一落实到位。",
                       "2025年完成改造小区40个。")
    assert set(ts) == {"40个"}


def test_ranges_and_per_unit_rules_are_not_targets() -> None:
    ts = built_targets("新建农房，1至3人户建筑面积控制在40至60平方米，每增加1人可增加建筑面积不超过15平方米。",
                       "家庭人口3—5人的，每户补助2万元；每个行政村配备1名护林员。",
                       "年满60周岁、参保5年以上的，纳入保障范围，全年改造农房200户。")
    assert set(ts) == {"200户"}


def test_per_capita_and_yearly_goals_stay_targets() -> None:
    ts = built_targets("到2027年，每千人口拥有执业医师达到3.5人，每年新增城镇就业2万人。")
    assert ts["3.5人"].subject == "每千人口拥有执业医师" and ts["3.5人"].qualifier == "达到"
    assert ts["2万人"].value_base == 20000 and ts["2万人"].year == 2027


def test_a_time_is_never_the_subject_of_a_floor() -> None:
    ts = built_targets("6月底前资金拨付进度不低于60%，10月底前不低于90%，三季度末达到95%。")
    assert [ts[q].subject for q in ("60%", "90%", "95%")] == ["资金拨付进度"] * 3


def test_ceilings_are_targets_with_their_qualifier() -> None:
    ts = built_targets("到2026年，全市细颗粒物年均浓度控制在30微克/立方米以下，化学需氧量排放总量降至1.2万吨以内。",
                       "建筑面积100平方米以下的住房免于改造。")
    pm = ts["30微克/立方米"]
    assert pm.qualifier == "以下" and pm.unit == "微克/立方米" and pm.subject == "细颗粒物年均浓度" and pm.region == "全市"
    assert ts["1.2万吨"].qualifier == "以内" and ts["1.2万吨"].value_base == 12000
    assert "100平方米" not in ts


def _txt_targets(tmp_path, text: str) -> list:
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_txt(path)
    return [t for t in extract_targets(Context(document=doc)) if t.table_row is not None]


def test_task_cell_with_several_goals_gives_each(tmp_path) -> None:
    cells = _txt_targets(tmp_path, "附件\n重点任务清单\n序号\t工作任务\t责任单位\t完成时限\n"
                         "1\t新建消防站2个，配备救援装备不少于600件（套）\t市消防救援支队\t2025年12月底前\n"
                         "2\t改造应急避难场所12处\t市应急管理局\t2025年10月底前\n"
                         "3\t改造消防通道8条，投资300万元\t市住建局\t2025年11月底前\n")
    got = {(t.value, t.unit, t.table_row) for t in cells}
    assert got == {(Decimal(2), "个", 1), (Decimal(600), "件", 1), (Decimal(12), "处", 2), (Decimal(8), "条", 3)}
    assert next(t for t in cells if t.unit == "件").qualifier == "不少于"


def test_total_column_of_an_indicator_table_takes_the_row_as_subject(tmp_path) -> None:
    cells = _txt_targets(tmp_path, "附件\n2025年村级卫生室建设任务表\n"
                         "指标\t合计\t分街道\t\t\n\t\t东街街道\t西街街道\t南街街道\n"
                         "新建村级卫生室（个）\t30\t10\t12\t8\n"
                         "其中：标准化卫生室（个）\t12\t4\t5\t3\n")
    total = [t for t in cells if t.table_col == 1]
    assert {(t.subject, t.value) for t in total} == {("新建村级卫生室", Decimal(30)), ("标准化卫生室", Decimal(12))}
    assert one(cells, region="西街街道", value=Decimal(12)).subject == "新建村级卫生室"


def test_cost_and_payment_splits_are_not_goals() -> None:
    assert built_targets("改造费用由燃气企业承担60%、市县财政承担30%、居民个人承担10%。") == {}
    assert built_targets("项目开工后拨付70%，竣工验收合格后拨付剩余30%。") == {}
    assert built_targets("资金按因素法分配，建设任务因素权重80%、绩效评价结果因素权重20%。") == {}
    # a share that must be reached stays a goal
    ts = built_targets("到2025年，农村生活污水治理率达到45%，财政承担比例不低于60%。")
    assert set(ts) == {"45%", "60%"} and ts["60%"].subject == "财政承担比例"


def test_floors_on_counts_are_goals_and_staffing_rules_per_unit_are_not() -> None:
    ts = built_targets("全年抽检农产品不少于800批次，开展快速检测不少于2000批次。",
                       "由市人社局牵头，每季度至少举办2场专场招聘会。",
                       "每餐次至少安排1名校领导陪餐，留样不少于125克，保存不少于48小时。")
    assert {q: (t.value, t.unit, t.qualifier) for q, t in ts.items()} == {
        "800批次": (Decimal(800), "批次", "不少于"), "2000批次": (Decimal(2000), "批次", "不少于"),
        "2场": (Decimal(2), "场", None)}
    assert ts["800批次"].subject == "全年抽检农产品" and ts["2场"].region is None  # 由市… is no place


def test_teams_to_staff_are_goals() -> None:
    ts = built_targets("全市配备专职网格员350人，组建应急抢修队伍120人，培训从业人员5000人次。")
    assert {q: (t.subject, t.unit) for q, t in ts.items()} == {
        "350人": ("配备专职网格员", "人"), "120人": ("组建应急抢修队伍", "人"), "5000人次": ("培训从业人员", "人次")}


def test_livestock_and_head_counts_in_wan() -> None:
    ts = built_targets("全年计划免疫生猪32.5万头、牛4.2万头、羊6.8万只、家禽210万羽，宣传入户不少于8万户次。",
                       "计划帮扶困难群众1.2万名，更换老旧电动自行车2.4万辆。")
    assert {q: (t.value_base, t.unit) for q, t in ts.items()} == {
        "32.5万头": (Decimal(325000), "万头"), "4.2万头": (Decimal(42000), "万头"), "6.8万只": (Decimal(68000), "万只"),
        "210万羽": (Decimal(2100000), "万羽"), "8万户次": (Decimal(80000), "万户次"),
        "1.2万名": (Decimal(12000), "万名"), "2.4万辆": (Decimal(24000), "万辆")}
    assert ts["6.8万只"].subject == "羊" and ts["8万户次"].qualifier == "不少于"
    assert built_targets("分为基础类、完善类、提升类3类，只有1只有效。") == {}  # categories; 只有 is no unit


def test_changes_to_reach_and_removals_are_goals_but_reported_changes_are_not() -> None:
    ts = built_targets("全市道路交通事故起数较2024年下降15%以上，办理时限较法定时限平均压减50%以上。",
                       "淘汰置换超标电动三轮车1.6万辆，全县配齐村级协管员210人。")
    assert {q: (t.subject, t.qualifier) for q, t in ts.items()} == {
        "15%": ("道路交通事故起数下降", "以上"), "50%": ("办理时限平均压减", "以上"),
        "1.6万辆": ("淘汰置换超标电动三轮车", None), "210人": ("配齐村级协管员", None)}
    assert built_targets("2024年全市事故起数同比下降12%。") == {}


def test_a_unit_column_gives_each_row_its_unit_and_the_row_names_what_is_counted(tmp_path) -> None:
    path = tmp_path / "supplies.txt"
    path.write_text("县级防汛物资按下表储备到位。\n序号\t品名\t规格\t单位\t数量\t存放地点\n"
                    "1\t编织袋\t50cm×80cm\t条\t30000\t县物资仓库\n2\t冲锋舟\t5.2米\t艘\t4\t县水务局\n"
                    "3\t帐篷\t12平方米\t顶\t60\t县应急管理局\n", encoding="utf-8")
    found = [(t.subject, t.value, t.unit, t.unit_raw, t.table_row, t.table_col)
             for t in extract_targets(Context(document=read_txt(path)))]
    # the 规格 cells (5.2米, 12平方米) describe the item: no row total, no target
    assert found == [("编织袋", Decimal(30000), "条", "条", 1, 4), ("冲锋舟", Decimal(4), "艘", "艘", 2, 4),
                     ("帐篷", Decimal(60), "顶", "顶", 3, 4)]


def test_how_work_is_staged_is_no_goal() -> None:
    assert built_targets("专项整治自2025年3月至12月开展，分三个阶段进行，分两批组织验收。") == {}


def test_indicators_by_year_take_their_subject_from_the_row(tmp_path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("附件：三年目标任务表\n指标\t2025年\t2026年\t三年合计\n新增充电桩（个）\t800\t1000\t1800\n"
                    "改造农贸市场（处）\t6\t5\t11\n", encoding="utf-8")
    found = [(t.subject, t.value, t.unit, t.year) for t in extract_targets(Context(document=read_txt(path)))]
    assert found == [("新增充电桩", Decimal(800), "个", 2025), ("新增充电桩", Decimal(1000), "个", 2026),
                     ("新增充电桩", Decimal(1800), "个", None), ("改造农贸市场", Decimal(6), "处", 2025),
                     ("改造农贸市场", Decimal(5), "处", 2026), ("改造农贸市场", Decimal(11), "处", None)]


def test_factor_weights_are_no_goals() -> None:
    assert built_targets("资金按因素法分配，其中维修养护任务因素权重占60%，受益人口因素权重为30%。") == {}


def test_remediation_counts_are_goals() -> None:
    ts = built_targets("2026年，全县排查治理道路交通安全隐患点166处，其中临水临崖路段隐患56处。")
    assert {q: t.subject for q, t in ts.items()} == {"166处": "排查治理道路交通安全隐患点", "56处": "临水临崖路段隐患"}


def test_cells_written_with_their_own_unit_are_figures_in_that_unit(tmp_path) -> None:
    path = tmp_path / "insurance.txt"
    path.write_text("附件：2026年农业保险任务表\n序号\t险种\t计划承保规模\t保费合计\n一\t种植业小计\t28.7万亩\t757.8\n"
                    "1\t水稻\t18万亩\t540\n2\t小麦\t10.7万亩\t217.8\n二\t养殖业小计\t2.4万头\t300\n3\t能繁母猪\t2.4万头\t300\n"
                    "附件：物资表\n序号\t品名\t规格\t数量（件）\n1\t救生衣\t5.2米\t30\n", encoding="utf-8")
    doc = read_txt(path)
    found = [(t.value, t.unit, t.value_base, t.table_row) for t in extract_targets(Context(document=doc))
             if t.unit != "件"]
    assert found == [(Decimal("28.7"), "万亩", Decimal(287000), 1), (Decimal(18), "万亩", Decimal(180000), 2),
                     (Decimal("10.7"), "万亩", Decimal(107000), 3), (Decimal("2.4"), "万头", Decimal(24000), 4),
                     (Decimal("2.4"), "万头", Decimal(24000), 5)]  # a 规格 column's 5.2米 is no figure
    from extract.reconcile import run_checks
    assert all(c.status.value == "ok" for c in run_checks(doc))  # the mixed 万亩/万头 column is never summed


def test_floors_for_each_place_and_changes_of_any_measure() -> None:
    ts = built_targets("每个乡镇至少设立1个售后服务网点，每所学校检查不少于2次。",
                       "本采暖季全市散煤消费量较上一采暖季压减3.5万吨以上。")
    assert {q: (t.subject, t.qualifier) for q, t in ts.items()} == {
        "1个": ("每个乡镇至少设立售后服务网点", None), "2次": ("每所学校检查", "不少于"),
        "3.5万吨": ("散煤消费量压减", "以上")}
    # a staffing floor for each place, and money per unit, stay rules
    assert built_targets("每个社区至少配备1名网格员，每户补助不少于2000元。") == {}


def test_works_done_to_a_count_of_things_are_goals() -> None:
    ts = built_targets("2025年修复破损路面18处，2026年、2027年各修复15处。",
                       "今年要抢救复壮濒危古树20株以上，种植行道树500株。")
    assert {q: (t.value, t.unit) for q, t in ts.items()} == {
        "18处": (18, "处"), "15处": (15, "处"), "20株": (20, "株"), "500株": (500, "株")}
    assert ts["20株"].qualifier == "以上"
    # 种植业 is a sector, not planting: its subsidy shares are no goals
    assert built_targets("种植业保险保费由中央财政补贴45%，省级财政补贴25%。") == {}


def test_assessment_weights_and_registration_conditions_are_not_goals() -> None:
    assert built_targets("校舍安全工作纳入县政府对各乡镇年度目标考核，分值占考核总分的4%。") == {}
    assert built_targets("登记条件中生产加工场所使用面积不小于20平方米。") == {}
    assert set(built_targets("年底前完成改造率达到100%。")) == {"100%"}


def test_money_shares_and_worked_out_changes_are_not_goals() -> None:
    ts = built_targets("本次共下达资金9701.44万元，其中中央资金6740.00万元、省级资金2961.44万元，中央资金约占69.5%。",
                       "到2028年底，全市冷库总库容达到120万吨，较2025年底增长约38.9%。",
                       "全省一般公共预算收入预期增长5%左右。")
    assert set(ts) == {"120万吨", "5%"} and ts["5%"].approximate


def test_aid_counts_action_floors_and_shares_that_are_no_goals() -> None:
    ts = built_targets("高中助学金资助标准为每生每年2000元，资助学生3.86万人。",
                       "各区人民政府每年至少组织开展2次消防演练。",
                       "2025年改造任务约占三年总任务的36.4%。",
                       "改造费用由业主自筹和财政补助共同承担，财政补助不超过项目总造价的30%。",
                       "考核主要包括组织管理、日常监管等五个方面。")
    assert {q: (t.value, t.unit) for q, t in ts.items()} == {"3.86万人": (Decimal("3.86"), "万人"),
                                                            "2次": (2, "次")}


def test_sample_counts_in_fen_and_counts_raised_to_a_level() -> None:
    ts = built_targets("全年完成样本采集不少于1500份，其中鸟类样本不少于1000份。", "全市站点由9个增加到11个。")
    assert {q: (t.value, t.unit) for q, t in ts.items()} == {"1500份": (1500, "份"), "1000份": (1000, "份"),
                                                            "11个": (11, "个")}


def test_shares_of_a_whole_and_thresholds_of_a_rule_are_no_goals() -> None:
    assert built_targets("剩余问题数量占全市的69.6%。", "对资金支出率低于60%的县，扣减下年度资金。") == {}
    assert set(built_targets("力争农产品抽检合格率占比达到98%以上。")) == {"98%"}


def test_class_hours_are_counted() -> None:
    ts = built_targets("每校开展安全教育不少于4课时。")
    assert {q: (t.value, t.unit) for q, t in ts.items()} == {"4课时": (4, "课时")}


def test_floors_on_areas_are_goals_but_floors_of_a_standard_are_not() -> None:
    ts = built_targets("2026年，全县林地保有量不低于48.50万亩，湿地面积保持在3.20万亩以上。",
                       "各村要提供不少于50平方米的活动场所。")
    assert {q: (t.value, t.unit, t.qualifier) for q, t in ts.items()} == {
        "48.50万亩": (Decimal("48.50"), "万亩", "不低于"), "3.20万亩": (Decimal("3.20"), "万亩", "以上")}


def test_changes_worked_out_from_figures_and_rates_of_a_base_are_no_goals() -> None:
    ts = built_targets("2025年，全省受理消费投诉1.2万件，较上年的1.0万件增长20%。",
                       "对新建并免费开放的文体设施，按照工程造价的30%给予补助。",
                       "到2027年，全县粮食产量较2024年增长5%以上。")
    assert {q: t.value for q, t in ts.items() if t.unit == "%"} == {"5%": 5}


def test_cases_are_counted_in_zong() -> None:
    ts = built_targets("年内完成历史遗留违法用地案件整改45宗。")
    assert {q: (t.value, t.unit) for q, t in ts.items()} == {"45宗": (45, "宗")}


def test_a_count_listed_beside_an_amount_is_a_goal_and_a_weight_floor_is_not() -> None:
    ts = built_targets("共支持18个非遗传承项目，其中濒危项目5个、补助资金300万元。",
                       "将河湖长制工作纳入年度综合考核，权重不低于4%。")
    assert {q: t.value for q, t in ts.items()} == {"18个": 18, "5个": 5}
    # a count naming what an amount is for stays a restated scope
    assert built_targets("12个村级光伏电站建设项目估算投资960万元。") == {}


def test_whom_a_rule_is_for_is_no_goal() -> None:
    assert built_targets("对一年内累计3次以上被投诉的客运企业，暂停其线路经营权。") == {}
    assert set(built_targets("对排查发现的36处隐患进行整改。")) == {"36处"}


def test_volumes_frames_data_and_visits_are_units_and_meetings_held_are_goals() -> None:
    ts = built_targets("新增馆藏档案不少于9万卷，完成数字化120万画幅，数字档案容量不少于200TB。",
                       "全年服务企业不少于1500家次，每年召开1次工作推进会。")
    assert {q: (t.value, t.unit) for q, t in ts.items()} == {
        "9万卷": (9, "万卷"), "120万画幅": (120, "万画幅"), "200TB": (200, "TB"), "1500家次": (1500, "家次"),
        "1次": (1, "次")}


def test_kinds_count_only_with_a_floor_and_allowances_shares_kept_and_reaches_are_no_goals() -> None:
    ts = built_targets("全年培育非遗项目不少于12类。", "项目分为3类管理。",
                       "结余资金的60%由医院留用。", "奖励性绩效工资可在现有水平基础上上浮10%。",
                       "在学校周边200米范围内禁止设置摊点。", "到2027年，全县绿化覆盖率提高到45%以上。")
    assert {q: (t.value, t.unit) for q, t in ts.items()} == {"12类": (12, "类"), "45%": (45, "%")}


def test_a_figure_in_a_cited_title_is_no_goal_and_teams_are_counted() -> None:
    ts = built_targets("根据《某省2026年十件民生实事实施方案》，全省组建应急救护队伍不少于10支。")
    assert {q: (t.value, t.unit) for q, t in ts.items()} == {"10支": (10, "支")}


def test_sessions_and_rods_count_and_a_phase_is_no_goal() -> None:
    ts = built_targets("全年举办农民技能培训班不少于60期，推广香菇菌棒800万棒以上。", "实施县城供水厂三期扩建工程。")
    assert {q: (t.value, t.unit) for q, t in ts.items()} == {"60期": (60, "期"), "800万棒": (800, "万棒")}
