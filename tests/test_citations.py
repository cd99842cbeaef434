"""Citations on the corpus: 发文字号 and 《titles》, linked when they stand together."""
from __future__ import annotations

from extract.extractors.base import Context, registry
from extract.extractors.citations import extract_citations, normalize_number
from extract.extractors.metadata import extract_meta
from extract.readers.builder import DocumentBuilder
from extract.readers.txt import read_txt
from tests.conftest import seed


def cites(n: str):
    doc = read_txt(seed(n))
    facts = extract_citations(Context(doc, extract_meta(doc)))
    for f in facts:
        assert doc.text[f.start:f.end] == f.quote
    return facts


def by_number(facts):
    return {f.doc_number: f for f in facts if f.doc_number}


def test_registered():
    assert registry()["citations"] is extract_citations


def test_000_number_linked_to_title_despite_pdf_space():
    (c,) = cites("000")
    assert c.doc_number == "建办城〔2023〕26号"
    assert c.title == "住房和城乡建设部办公厅等关于扎实推进 2023 年城镇老旧小区改造工作的通知"
    assert c.quote.startswith("《住房") and c.quote.endswith("（建办城〔2023〕26 号）")


def test_001_three_documents():
    facts = cites("001")
    numbers = by_number(facts)
    assert set(numbers) == {"国办发〔2020〕23号", "宁建（城）发〔2023〕11号"}
    assert numbers["国办发〔2020〕23号"].title == "国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见"
    assert numbers["宁建（城）发〔2023〕11号"].title == "宁夏回族自治区城镇老旧小区改造技术导则"
    assert [f.title for f in facts if not f.doc_number] == ["中共中央办公厅 国务院办公厅关于持续推进城市更新行动的意见"]


def test_002_own_number_and_own_plan_are_not_citations():
    facts = cites("002")
    numbers = by_number(facts)
    assert set(numbers) == {"豫办〔2023〕1号"}
    assert numbers["豫办〔2023〕1号"].quote.endswith("(豫办〔2023〕1 号)")
    assert not any(f.title and f.title.startswith("2023年重点民生实事") for f in facts)
    assert len(facts) == 3


def test_003_repeated_citations_each_grounded_and_attachment_skipped():
    facts = cites("003")
    assert {f.doc_number for f in facts} == {"国办发〔2020〕23号", "宁建（城）〔2021〕13号", "宁发改投资〔2021〕779号"}
    assert len(facts) == 8
    assert len({f.start for f in facts}) == 8
    assert not any("固原市区2022年" in (f.title or "") for f in facts)


def test_004_five_numbers_with_nested_title():
    numbers = by_number(cites("004"))
    assert set(numbers) == {"内建房〔2021〕79号", "内工改办〔2021〕45号", "内建质〔2021〕81号",
                            "国办发〔2020〕23号", "内政办发〔2020〕27号"}
    assert "〈关于城镇老旧小区改造项目优化审批的指导意见（试行）〉" in numbers["内工改办〔2021〕45号"].title


def test_lone_number_drops_leading_verb():
    b = DocumentBuilder()
    b.add_paragraph("关于做好某项工作的通知")
    b.add_paragraph("依据国办发〔2020〕23号文件精神，制定本方案。")
    doc = b.build("x.txt", "txt")
    (c,) = extract_citations(Context(doc, extract_meta(doc)))
    assert c.quote == "国办发〔2020〕23号" and c.title is None


def test_normalize_number():
    assert normalize_number("豫办〔2023〕1 号") == "豫办〔2023〕1号"


def test_decree_numbers_in_brackets_after_a_title_or_alone():
    from tests.conftest import paragraphs_doc

    doc = paragraphs_doc("依照《地质灾害防治条例》（国务院令第394号）、《某省古树名木保护办法》（某政令第86号）"
                         "和省政府规章（省人民政府令第12号）执行，落实命令第一条。")
    found = [(c.doc_number, c.title, c.quote) for c in extract_citations(Context(doc))]
    assert found == [("国务院令第394号", "地质灾害防治条例", "《地质灾害防治条例》（国务院令第394号）"),
                     ("某政令第86号", "某省古树名木保护办法", "《某省古树名木保护办法》（某政令第86号）"),
                     ("省人民政府令第12号", None, "省人民政府令第12号")]
