"""Funding from the corpus: amounts in yuan, sources, shares, roles, and table money cells."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import regex

from extract.extractors.base import Context, grounding_ok
from extract.extractors.funding import extract_funding
from extract.readers.txt import read_txt
from tests.conftest import corpus_facts, paragraphs_doc

@pytest.fixture(scope="module")
def funding() -> dict:
    return corpus_facts(extract_funding)


def by_quote(facts, quote):
    found = [f for f in facts if f.quote == quote and f.table_row is None]
    assert len(found) == 1, quote
    return found[0]


def test_001_funding(funding) -> None:
    fs = funding["001"][1]
    total = by_quote(fs, "8294.52万元")
    assert total.amount_yuan == 82945200 and total.role == "total" and total.decimals == 2
    assert total.amount_raw == "8294.52" and total.unit_raw == "万元"
    assert "老旧小区改造工程估算投资" in total.purpose
    central = by_quote(fs, "6636万元")
    assert central.amount_yuan == 66360000 and central.source == "中央预算内资金"
    assert central.share_pct == 80 and central.share_raw == "80%" and central.role == "component"
    local = by_quote(fs, "1658.52万元")
    assert local.amount_yuan == 16585200 and local.source == "地方财政配套资金"
    assert len(fs) == 3


def test_003_funding(funding) -> None:
    fs = funding["003"][1]
    assert [(f.quote, f.amount_yuan) for f in fs] == [
        ("17808.68万元", Decimal(178086800)), ("9381.269万元", Decimal(93812690)),
        ("8427.411万元", Decimal(84274110))]
    assert fs[0].role == "total" and "批复总投资" in fs[0].purpose
    assert fs[1].source.startswith("中央、自治区") and fs[1].decimals == 3
    assert fs[2].source == "地方配套资金" and fs[2].role == "component"


def test_004_funding_text_and_table(funding) -> None:
    fs = funding["004"][1]
    assert [f.amount_yuan for f in fs if f.table_row is None] == [293500000, 428400000, 352800000]
    t = by_quote(fs, "2.935亿元")
    assert t.role == "total" and str(t.amount_yuan) == "293500000" and t.decimals == 3
    cells = [f for f in fs if f.table_row is not None]
    assert len(cells) == 12
    hai = [f for f in cells if f.purpose.startswith("海勃湾区")][0]
    assert hai.amount_yuan == 219400000 and hai.quote == "2.194" and hai.unit_raw == "亿元"
    assert hai.table_row == 2 and hai.table_col == 4
    totals = [f.amount_yuan for f in cells if f.role == "total"]
    assert totals == [293500000, 428400000, 352800000]


def test_no_money_in_notices_without_amounts(funding) -> None:
    assert funding["000"][1] == [] and funding["002"][1] == []


def test_no_fact_is_a_year_doc_number_phone_or_postcode(funding) -> None:
    for key, (doc, fs) in funding.items():
        for f in fs:
            assert grounding_ok(doc, f), (key, f.quote)
            assert not regex.search(r"年|〔|号|-|@|756000|7290708", f.quote), (key, f.quote)
            assert f.amount_yuan >= 10000, (key, f.quote)


def test_unseen_style_budget_sentences() -> None:
    fs = built_funding("项目总投资12.5亿元，其中申请中央预算内投资5亿元，占总投资的40%，"
                       "地方政府专项债券4亿元，银行贷款3.5亿元。",
                       "（一）省级财政补助资金。省财政安排奖补资金3亿元，按照每户2000元标准补助。")
    assert fs["12.5亿元"].role == "total" and fs["12.5亿元"].amount_yuan == 1250000000
    assert fs["5亿元"].source == "中央预算内投资" and fs["5亿元"].share_pct == 40
    assert fs["4亿元"].source == "地方政府专项债券" and fs["4亿元"].share_pct is None
    assert fs["3.5亿元"].source == "银行贷款" and fs["3.5亿元"].role == "component"
    assert fs["3亿元"].source == "省级财政补助资金" and fs["2000元"].role == "per_unit"


def built_funding(*paragraphs: str) -> dict:
    return {f.quote: f for f in extract_funding(Context(document=paragraphs_doc(*paragraphs)))}


def test_source_is_the_clause_before_the_amount() -> None:
    fs = built_funding("计划总投资36亿元，其中：中央补助8.6亿元，省级补助2.2亿元，市县财政12.5亿元，社会资本12.7亿元。",
                       "全年开工改造城镇老旧小区86个，惠及居民2.8万人，完成投资3.1亿元。")
    assert [fs[q].source for q in ("8.6亿元", "2.2亿元", "12.5亿元", "12.7亿元")] == [
        "中央补助", "省级补助", "市县财政", "社会资本"]
    assert fs["36亿元"].role == "total" and fs["12.5亿元"].role == "component"
    assert fs["3.1亿元"].source is None  # 惠及居民 belongs to another clause


def test_total_followed_by_其中_and_shares_after_amounts() -> None:
    fs = built_funding("本批资金共计2860万元，其中：中央财政衔接资金1716万元，占60%；省级财政衔接资金858万元，占30%。",
                       "计划总投资5.2亿元，其中：中央资金2.6亿元，省级资金1.3亿元。中央资金占计划总投资的50%。")
    assert fs["2860万元"].role == "total" and fs["2860万元"].source is None
    assert (fs["1716万元"].share_pct, fs["858万元"].share_pct) == (60, 30)
    assert fs["858万元"].role == "component"
    assert fs["2.6亿元"].share_pct == 50 and fs["2.6亿元"].share_raw == "50%"
    assert fs["1.3亿元"].share_pct is None and fs["1.3亿元"].purpose == "省级资金"


HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"


@pytest.mark.parametrize("n,cells,total", [("h01", 24, "28600000"), ("h03", 25, "3600000000"),
                                           ("h05", 19, "15800000")])
def test_table_money_cells_take_the_caption_unit(n, cells, total) -> None:
    """单位：万元 / 单位：亿元 stand only in the caption above the table (h05: 12 + 7 cells)."""
    (path,) = HELDOUT.glob(f"{n}_*.txt")
    doc = read_txt(path)
    table = [f for f in extract_funding(Context(document=doc)) if f.table_row is not None]
    assert len(table) == cells
    biggest = max(table, key=lambda f: f.amount_yuan)
    assert biggest.amount_yuan == Decimal(total) and biggest.role == "total"
    assert doc.text[biggest.start:biggest.end] == biggest.amount_raw


def test_special_treasury_bonds_and_policy_loans_are_sources():
    found = {f.amount_raw: f.source for f in built_funding(
        "计划总投资8.6亿元，其中争取超长期特别国债资金3.1亿元、地方政府专项债券资金2.4亿元，政策性银行贷款1.1亿元。").values()}
    assert found == {"8.6": None, "3.1": "超长期特别国债资金", "2.4": "地方政府专项债券", "1.1": "政策性银行贷款"}


def test_a_source_named_after_the_amount_as_who_pays_it() -> None:
    fs = built_funding("中央预算内资金按总投资的80%计算为3890万元，其余972.50万元由县级财政统筹解决。")
    assert (fs["3890万元"].source, fs["972.50万元"].source) == ("中央预算内资金", "县级财政")
    # 由…负责 is who handles it, not a source
    assert built_funding("补助资金200万元由县财政局负责拨付。")["200万元"].source is None


def test_a_township_budget_is_a_source() -> None:
    assert built_funding("镇财政安排以奖代补资金36万元。")["36万元"].source.startswith("镇财政")


def test_parts_after_qizhong_take_the_budget_source_of_their_whole() -> None:
    fs = built_funding("县财政安排专项经费48.60万元，其中监督员补贴18.00万元，平台建设30.60万元。")
    assert {q: (f.source, f.role) for q, f in fs.items()} == {
        "48.60万元": ("县财政安排专项经费", "total"), "18.00万元": ("县财政安排专项经费", "component"),
        "30.60万元": ("县财政安排专项经费", "component")}
    # parts naming their own source keep it
    fs = built_funding("总投资500万元，其中中央资金300万元、自筹200万元。")
    assert fs["300万元"].source == "中央资金"


def test_a_budget_level_as_subject_or_paying_what_a_rule_needs_is_the_source() -> None:
    fs = built_funding("市级财政要足额保障工作经费，对每个示范社区给予不低于5万元的奖励。")
    assert fs["5万元"].source == "市级财政"
    fs = built_funding("对新购置节能农机的，按每台3000元给予补贴，所需资金由县级财政承担。")
    assert fs["3000元"].source == "县级财政"
    # a budget named elsewhere in the sentence, not as subject nor as who pays, is no source
    assert built_funding("学校要于3月底前完成设备采购，采购金额50万元，并报县级财政备案。")["50万元"].source is None


def test_a_part_of_an_amount_named_before_zhong_takes_its_source() -> None:
    fs = built_funding("省级补助资金安排的1200万元中，800万元用于设备购置。")
    assert (fs["1200万元"].source, fs["800万元"].source) == ("省级补助资金", "省级补助资金")


def test_a_split_goes_on_past_a_semicolon_and_a_share_product_keeps_the_source() -> None:
    fs = built_funding("区级财政安排养老服务专项经费900万元，其中助餐点补助500万元；居家适老化改造补助300万元；"
                       "人员培训经费100万元。")
    assert {q: f.source for q, f in fs.items()} == dict.fromkeys(["900万元", "500万元", "300万元", "100万元"],
                                                                 "区级财政安排养老服务专项经费")
    fs = built_funding("市财政安排奖补资金600万元，分两次拨付：验收前拨付50%，即300万元；验收合格后拨付其余300万元。"
                       "省级补助资金200万元用于设备购置。")
    assert [f.source for f in fs.values()] == ["市财政安排奖补资金"] * 2 + ["省级补助资金"]
    # a clause naming its own source keeps it
    fs = built_funding("县财政安排经费100万元，其中培训60万元；另引入社会资本40万元。")
    assert fs["40万元"].source == "社会资本"


def test_a_goal_table_with_a_unit_column_gives_its_money_rows_as_funding() -> None:
    from extract.readers.builder import DocumentBuilder, RawCell
    b = DocumentBuilder()
    rows = [["序号", "指标", "单位", "2026年", "2027年"], ["1", "文旅消费总额", "亿元", "40", "52"],
            ["2", "接待游客", "万人次", "800", "900"]]
    b.add_table([RawCell(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row)])
    fs = extract_funding(Context(document=b.build("t.txt", "txt")))
    assert [(f.amount_raw, f.amount_yuan) for f in fs] == [("40", Decimal("4E+9")), ("52", Decimal("5.2E+9"))]


def test_the_level_that_bears_an_amount_is_its_source() -> None:
    fs = built_funding("配套资金中，市级承担300万元，县（区）承担200万元。")
    assert (fs["300万元"].source, fs["200万元"].source) == ("市级", "县（区）")


def test_a_street_office_budget_is_a_source() -> None:
    fs = built_funding("街道安排社区治理引导资金120万元，其中服务奖励80万元、活动经费40万元。")
    assert {f.source for f in fs.values()} == {"街道安排社区治理引导资金"}
