"""DOCX reader: real content of the renditions, synthetic Word structures, hostile files."""
from __future__ import annotations

import difflib
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from extract.errors import EncryptedFile, ReadError, TooBig, UnsupportedFormat
from extract.readers import read_document
from extract.readers.docx import read_docx
from extract.readers.docx_numbering import format_number
from schemas import BlockKind

ROOT = Path(__file__).resolve().parent.parent
REND = ROOT / "tests" / "fixtures" / "renditions"
CORPUS = ROOT / "corpus"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def docs():
    names = ["000", "000.structures", "000.pagebreak", "001", "002", "003", "004"]
    return {n: read_docx(REND / f"{n}.docx") for n in names}


def para_texts(doc) -> list[str]:
    return [b.text for b in doc.paragraphs()]


# ---- renditions ------------------------------------------------------------------------------
def test_000_table_22x6_with_total_row(docs):
    doc = docs["000"]
    assert doc.format == "docx"
    [tb] = doc.tables()
    t = tb.table
    assert (t.n_rows, t.n_cols) == (22, 6)
    assert t.grid()[1] == ["", "全区", "33150", "263", "915", "283.79"]
    assert t.cell_at(0, 5).text == "总建筑面积 (万平方米)"
    assert t.cell_at(0, 2).text == "改造任务 (户<套>)"
    assert len(t.cells) == 22 * 6  # no spans, every origin cell read once
    assert doc.text[t.cell_at(1, 2).start:t.cell_at(1, 2).end] == "33150"
    assert para_texts(doc)[-2:] == ["附件", "2024 年度全区城镇老旧小区改造目标任务调表"]


def test_000_pagebreak_header_row_marked(docs):
    t = docs["000.pagebreak"].tables()[0].table
    assert t.header_rows == 1
    assert docs["000"].tables()[0].table.header_rows is None


def test_002_merged_header_spans_and_following_paragraphs(docs):
    doc = docs["002"]
    [tb] = doc.tables()
    t = tb.table
    assert (t.n_rows, t.n_cols) == (4, 16)
    c00, c01 = t.cell_at(0, 0), t.cell_at(0, 1)
    assert (c00.text, c00.row_span, c00.col_span) == ("指标任务", 2, 1)
    assert (c01.text, c01.row_span, c01.col_span) == ("指标任务分解(单位:户)", 1, 15)
    assert t.origin_grid()[1][0] is None  # the vMerge continuation is not a second cell
    assert t.cell_at(1, 1).text == "宛城区"
    assert t.grid()[2][:3] == ["开工改造 25516 户", "4091", "6787"]
    assert sum(1 for c in t.cells if c.text == "指标任务分解(单位:户)") == 1
    after = [b.text for b in doc.blocks[tb.seq + 1:]]
    assert after[:3] == ["附件 2", "城镇老旧小区改造开工认定标准",
                         "1、改造方案和物业管理模式完成征求群众意见并形成共识（80%以上同意）；"]
    assert after[-1] == "5、施工队伍进场且现场有明显的形象进度。"
    assert doc.blocks[tb.seq - 1].text == "2023年全市城镇老旧小区改造任务分解表"


def test_004_three_yearly_tables(docs):
    tables = [b.table for b in docs["004"].tables()]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(6, 5)] * 3
    for year, t, total in zip((2022, 2023, 2024), tables,
                              (["总计", "59", "6670", "67.25", "2.935"],
                               ["总计", "60", "11706", "117.71", "4.284"],
                               ["总计", "67", "9923", "112.53", "3.528"])):
        assert (t.cell_at(0, 0).text, t.cell_at(0, 0).row_span) == ("各区", 2)
        assert (t.cell_at(0, 1).text, t.cell_at(0, 1).col_span) == (f"{year}年改造计划", 4)
        assert t.grid()[1] == ["各区", "数量", "户数", "建筑面积/万平方米", "预计投资/亿元"]
        assert t.grid()[-1] == total


def test_004_auto_numbering_restored_as_in_pdf(docs):
    paras = docs["004"].paragraphs()
    texts = [b.text for b in paras]
    level1 = [b.text for b in paras if b.kind == BlockKind.heading and b.level == 1]
    assert level1 == ["一、指导思想", "二、基本原则", "三、改造内容", "四、工作目标",
                      "五、保障措施", "六、工作要求"]
    level2 = [b.text for b in paras if b.kind == BlockKind.heading and b.level == 2]
    assert level2 == ["（一）强化资金保障", "（二）简化审批程序", "（三）加大项目监管",
                      "（四）加强宣传引导"]
    run_in = [t for t in texts if t.startswith("（七）")]
    assert run_in and run_in[0].startswith("（七）制定考核评估办法。市住房和城乡建设局")
    # the level-2 counter restarts after 六、: （一）提高思想认识 follows 六、工作要求
    i = texts.index("六、工作要求")
    assert texts[i + 1].startswith("（一）提高思想认识。")
    item = next(b for b in paras if b.text.startswith("（一）提高思想认识"))
    assert (item.kind, item.level) == (BlockKind.paragraph, 2)


def test_000_structures_hidden_content_recovered(docs):
    doc = docs["000.structures"]
    texts = para_texts(doc)
    assert texts[1].startswith("各市、县（区）住房和城乡建设局")  # inside a w:sdt
    assert "（一）改造城镇老旧小区 263 个、33150 户（套），2024 年 10 月 31 日前" in doc.text
    assert "约" not in texts[4] and "约263" not in re.sub(r"\s", "", doc.text)
    assert "2024年4月28日" in texts  # VML text box
    assert texts.count("2024年4月28日") == 1
    assert "附件：2024年度全区城镇老旧小区改造目标任务分解表" in texts  # hyperlink
    [tb] = doc.tables()  # nested in a 1x1 layout table, found once
    assert (tb.table.n_rows, tb.table.n_cols) == (22, 6)
    assert tb.table.grid()[1] == ["", "全区", "33150", "263", "915", "283.79"]
    assert doc.text.count("283.79") == 1
    assert texts == para_texts(docs["000"])  # same paragraphs as the plain rendition


def test_003_title_keeps_manual_line_break(docs):
    first = docs["003"].blocks[0].text
    assert first == "关于公开征集《固原市区2022年老旧小区改造项目实施方案（征求意见稿）》\n意见建议的公告"
    assert "固原市区2022年老旧小区改造项目\n实施方案" in para_texts(docs["003"])


def test_001_no_bookmark_text_no_table(docs):
    doc = docs["001"]
    assert "[bookmark" not in doc.text and "_GoBack" not in doc.text
    assert doc.tables() == []
    assert doc.blocks[0].text == "附件1"
    assert doc.blocks[-1].text.endswith("保质保量完成。")  # the last ' ' paragraph is skipped


def test_offsets_hold_everywhere(docs):
    for doc in docs.values():
        for b in doc.blocks:
            assert doc.text[b.start:b.end] == b.text
        assert "— 1 —" not in doc.text and "PAGE" not in doc.text  # footer is not body text


# ---- agreement with the seed text -----------------------------------------------------------
_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|-)")


def _norm_lines(lines: list[str]) -> list[str]:
    return [re.sub(r"\s+", "", ln) for ln in lines if ln.strip()]


def _seed_and_docx(i: int, docs) -> tuple[list[str], list[str]]:
    seed = next(CORPUS.glob(f"00{i}_*.txt")).read_text(encoding="utf-8")
    seed_lines = _norm_lines([ln for ln in seed.splitlines() if "\t" not in ln])
    ours = _norm_lines([x for t in para_texts(docs[f"00{i}"]) for x in t.split("\n")])
    return seed_lines, ours


# line-level ratio measured on the renditions: 000 0.850, 001 0.966, 002 0.789, 003 0.987, 004 0.685;
# every difference is one listed in the renditions README (re-joined page splits, dropped '- '
# markers, the [bookmark] marker) or a restored auto-number label (004: the seed lacks them).
@pytest.mark.parametrize("i,line_ratio", [(0, 0.84), (1, 0.96), (2, 0.78), (3, 0.98), (4, 0.68)])
def test_paragraphs_match_seed_lines(docs, i, line_ratio):
    seed_lines, ours = _seed_and_docx(i, docs)
    assert difflib.SequenceMatcher(None, seed_lines, ours, autojunk=False).ratio() >= line_ratio
    # after removing the known differences the text is identical, character for character
    clean = lambda lines: "".join(_LABEL.sub("", ln.replace("[bookmark:_GoBack]", ""))
                                  for ln in lines)
    assert clean(ours) == clean(seed_lines)


# ---- synthetic Word structures --------------------------------------------------------------
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.wordprocessingml.document.main+xml"/></Types>')
NS = (f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')


def make_docx(tmp_path: Path, body: str, numbering: str | None = None,
              styles: str | None = None, name: str = "t.docx", prolog: str = "") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
                                          f"<w:document {NS}><w:body>{body}</w:body></w:document>")
        if numbering:
            zf.writestr("word/numbering.xml", f"<w:numbering {NS}>{numbering}</w:numbering>")
        if styles:
            zf.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")
    return path


def p(text: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/>{extra}</w:lvl>')


def numpr(num_id: int, ilvl: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def test_style_linked_numbering_and_overrides(tmp_path):
    numbering = (
        '<w:abstractNum w:abstractNumId="5">'
        + lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="H1"/>')
        + lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")  # legal: 1.1, not 一.1
        + lvl(2, "decimalEnclosedCircleChinese", "%3")
        + '</w:abstractNum><w:abstractNum w:abstractNumId="6">'
        + lvl(0, "ideographTraditional", "%1、") + "</w:abstractNum>"
        + '<w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num>'
        + '<w:num w:numId="2"><w:abstractNumId w:val="6"/><w:lvlOverride w:ilvl="0">'
          '<w:startOverride w:val="3"/></w:lvlOverride></w:num>')
    styles = ('<w:style w:type="paragraph" w:styleId="Base"><w:name w:val="base"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="my heading"/>'
              '<w:basedOn w:val="Base"/></w:style>')
    body = "".join([
        p("总则", '<w:pStyle w:val="H1"/>'), p("细则", numpr(1, 1)), p("第一项", numpr(1, 2)),
        p("第二项", numpr(1, 2)), p("细则二", numpr(1, 1)), p("第三项", numpr(1, 2)),
        p("分则", '<w:pStyle w:val="H1"/>'), p("细则三", numpr(1, 1)),
        p("丙项", numpr(2, 0)), p("丁项", numpr(2, 0)), p("不编号", numpr(0, 0)),
    ])
    doc = read_docx(make_docx(tmp_path, body, numbering, styles))
    assert para_texts(doc) == ["一、总则", "1.1细则", "①第一项", "②第二项", "1.2细则二",
                               "①第三项", "二、分则", "2.1细则三", "丙、丙项", "丁、丁项", "不编号"]
    assert [b.level for b in doc.blocks[:3]] == [1, 2, 3]
    assert doc.blocks[0].kind == BlockKind.heading


def test_heading_style_and_outline_level(tmp_path):
    styles = ('<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>')
    body = p("第一部分", '<w:pStyle w:val="Heading2"/>') + p("大纲", '<w:outlineLvl w:val="0"/>') + p("正文")
    doc = read_docx(make_docx(tmp_path, body, styles=styles))
    assert [(b.kind, b.level) for b in doc.blocks] == [
        (BlockKind.heading, 2), (BlockKind.heading, 1), (BlockKind.paragraph, None)]


def test_fields_tabs_textbox_dedupe_vanish(tmp_path):
    body = (
        '<w:p><w:r><w:t>页码</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
        '</w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        + p("框内文字") + '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>'
        '<w:txbxContent>' + p("框内文字") + '</w:txbxContent></v:textbox></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r></w:p>' + p("后文"))
    doc = read_docx(make_docx(tmp_path, body))
    assert para_texts(doc) == ["页码7\t甲\n乙", "框内文字", "后文"]


def test_tracked_changes_accept_all(tmp_path):
    mark_deleted = '<w:rPr><w:del w:id="9" w:author="x"/></w:rPr>'
    body = (
        '<w:p><w:r><w:t>改造</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>约</w:delText>'
        '</w:r></w:del><w:ins w:id="2" w:author="x"><w:r><w:t>共</w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3" w:author="x"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>'
        '<w:r><w:t>12个</w:t></w:r><w:moveTo w:id="4" w:author="x"><w:r><w:t>小区</w:t></w:r>'
        '</w:moveTo></w:p>'
        + p("前半句，", mark_deleted) + p("后半句。"))
    doc = read_docx(make_docx(tmp_path, body))
    assert para_texts(doc) == ["改造共12个小区", "前半句，后半句。"]


def test_table_grid_before_vmerge_nested_and_deleted_row(tmp_path):
    def tc(text: str, pr: str = "", inner: str = "") -> str:
        return f"<w:tc><w:tcPr>{pr}</w:tcPr>{p(text)}{inner}</w:tc>"
    nested = f"<w:tbl><w:tr>{tc('内1')}{tc('内2')}</w:tr></w:tbl>"
    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    span2, header = '<w:gridSpan w:val="2"/>', "<w:trPr><w:tblHeader/></w:trPr>"
    deleted = '<w:trPr><w:del w:id="1" w:author="x"/></w:trPr>'
    before = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    body = (
        "<w:tbl>"
        f"<w:tr>{header}{tc('A', restart)}{tc('B', span2)}</w:tr>"
        f"<w:tr>{deleted}{tc('删')}{tc('删')}</w:tr>"
        f"<w:sdt><w:sdtContent><w:tr>{tc('', cont)}{tc('C', inner=nested)}{tc('D')}"
        "</w:tr></w:sdtContent></w:sdt>"
        f"<w:tr>{before}{tc('E')}{tc('F')}</w:tr>"
        "</w:tbl>" + p("表后"))
    doc = read_docx(make_docx(tmp_path, body))
    outer, inner = [b.table for b in doc.tables()]
    assert (outer.n_rows, outer.n_cols, outer.header_rows) == (3, 3, 1)
    assert (outer.cell_at(1, 0).text, outer.cell_at(1, 0).row_span) == ("A", 2)
    assert outer.origin_grid() == [["A", "B", None], [None, "C", "D"], [None, "E", "F"]]
    assert inner.grid() == [["内1", "内2"]]
    assert "删" not in doc.text
    assert [b.kind for b in doc.blocks] == [BlockKind.table, BlockKind.table, BlockKind.paragraph]


@given(st.integers(min_value=1, max_value=99))
def test_chinese_counting_matches_spoken_form(n):
    digits = "一二三四五六七八九"
    tens, ones = divmod(n, 10)
    expected = ("" if tens == 0 else ("十" if tens == 1 else digits[tens - 1] + "十")) + \
        ("" if ones == 0 else digits[ones - 1])
    assert format_number(n, "chineseCounting") == expected


def test_number_formats():
    assert format_number(11, "chineseCountingThousand") == "十一"
    assert format_number(105, "chineseCounting") == "一百零五"
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "decimalEnclosedCircleChinese") == "②"
    assert format_number(12, "decimalFullWidth") == "１２"
    assert format_number(28, "upperLetter") == "BB"
    assert format_number(14, "upperRoman") == "XIV"
    assert format_number(4, "lowerRoman") == "iv"
    assert format_number(7, "someFutureFormat") == "7"


# ---- hostile and wrong files ----------------------------------------------------------------
def _raises_quickly(path: Path, kind: type, words: str) -> str:
    t0 = time.perf_counter()
    with pytest.raises(kind) as info:
        read_docx(path)
    assert time.perf_counter() - t0 < 2.0
    msg = str(info.value)
    assert str(path) in msg and re.search(words, msg), msg
    return msg


def test_zip_bomb_member_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    chunk = bytes(2**20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("word/document.xml", f"<w:document {NS}><w:body/></w:document>")
        with zf.open("word/media/zeros.bin", "w") as fh:
            for _ in range(200):
                fh.write(chunk)
    assert path.stat().st_size < 2 * 2**20
    msg = _raises_quickly(path, TooBig, "zip bomb")
    assert "MB" in msg


def test_high_ratio_member_refused(tmp_path):
    path = tmp_path / "ratio.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("word/document.xml", b"<x/>" + bytes(8 * 2**20))
    _raises_quickly(path, TooBig, "compression ratio")


def test_too_many_members_refused(tmp_path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for i in range(10_001):
            zf.writestr(f"m/{i}", b"")
    _raises_quickly(path, TooBig, "10001 members")


def test_xxe_refused_and_never_resolved(tmp_path):
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    path = make_docx(tmp_path, p("&xxe;"), prolog=prolog)
    msg = _raises_quickly(path, ReadError, "XML entity declarations are not allowed")
    assert "root:" not in msg


def test_billion_laughs_refused(tmp_path):
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    path = make_docx(tmp_path, p("&lol9;"), prolog=f"<!DOCTYPE w:document [{ents}]>")
    _raises_quickly(path, ReadError, "XML entity declarations are not allowed")


def test_truncated_docx(tmp_path):
    data = (REND / "000.docx").read_bytes()
    path = tmp_path / "half.docx"
    path.write_bytes(data[: len(data) // 2])
    _raises_quickly(path, ReadError, "truncated or not a valid .docx")


def test_zip_claiming_an_unknown_version_is_a_read_error(tmp_path):
    """Found by a longer fuzz run: a flipped byte in the central directory made zipfile raise
    NotImplementedError ('zip file version 7.3') while the format was being sniffed."""
    data = bytearray((REND / "000.docx").read_bytes())
    entry = data.index(b"PK\x01\x02")
    data[entry + 6:entry + 8] = (73).to_bytes(2, "little")  # version needed to extract: 7.3
    path = tmp_path / "future.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError, match="truncated or corrupt"):
        read_document(path)


def test_xlsx_is_named(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    _raises_quickly(path, UnsupportedFormat, r"Excel workbook \(\.xlsx\)")


def test_zip_without_word_part(tmp_path):
    path = tmp_path / "plain.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    _raises_quickly(path, UnsupportedFormat, "not a Word .docx")


def test_random_bytes_and_other_formats(tmp_path):
    rnd = tmp_path / "random.docx"
    rnd.write_bytes(bytes((i * 73 + 11) % 256 for i in range(4096)))
    _raises_quickly(rnd, ReadError, "not a valid .docx")
    pdf = tmp_path / "renamed.docx"
    pdf.write_bytes((REND / "000.pdf").read_bytes())
    _raises_quickly(pdf, UnsupportedFormat, "is a PDF")
    doc = tmp_path / "old.docx"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    _raises_quickly(doc, UnsupportedFormat, "Word 97-2003")
    enc = tmp_path / "locked.docx"
    enc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
                    + "EncryptedPackage".encode("utf-16-le"))
    _raises_quickly(enc, EncryptedFile, "password")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    _raises_quickly(empty, ReadError, "empty")
    _raises_quickly(tmp_path / "missing.docx", ReadError, "cannot open")


def test_malformed_document_xml(tmp_path):
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>")
    _raises_quickly(path, ReadError, "not well-formed XML")


def test_fuzzed_renditions_fail_only_with_read_errors(tmp_path):
    """Truncations and byte flips (seed 1 hit a NotImplementedError from zipfile once)."""
    import random

    from extract.errors import NoticesError

    rng = random.Random(1)
    files = sorted(REND.glob("*.docx"))
    outcomes = {"ok": 0, "refused": 0}
    for k in range(120):
        data = bytearray(rng.choice(files).read_bytes())
        if rng.random() < 0.3:
            data = data[: rng.randrange(len(data))]
        else:
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"f{k}.docx"
        path.write_bytes(bytes(data))
        try:
            read_docx(path)
            outcomes["ok"] += 1
        except NoticesError as exc:
            assert str(path) in str(exc)
            outcomes["refused"] += 1
    assert outcomes["refused"] > 60 and outcomes["ok"] > 0


# ---------------------------------------------------------------- styles.xml cut before parsing

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _sheet(data: bytes):
    from lxml import etree

    from extract.readers.docx_numbering import StyleSheet
    sheet = StyleSheet(etree.fromstring(data), "{%s}" % W_MAIN)
    return sheet.styles, sheet.default_style


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "fixtures").rglob("*.docx")), ids=lambda p: p.name)
def test_paragraph_styles_cut_from_styles_xml_read_the_same(path):
    from extract.readers.docx_parts import paragraph_styles_only
    with zipfile.ZipFile(path) as z:
        data = z.read("word/styles.xml")
    cut = paragraph_styles_only(data, "{%s}" % W_MAIN)
    assert cut is not None and len(cut) < len(data)
    assert _sheet(cut) == _sheet(data)


def test_styles_written_an_unusual_way_are_parsed_whole():
    from extract.readers.docx_parts import paragraph_styles_only
    w = "{%s}" % W_MAIN
    head = f'<?xml version="1.0"?><w:styles xmlns:w="{W_MAIN}">'.encode()
    para = (b'<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/>'
            b'<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>')
    table = b'<w:style w:type="table" w:styleId="T"><w:name w:val="Grid"/></w:style><w:style w:type="table" w:styleId="E"/>'
    latent = b'<w:latentStyles w:count="2"><w:lsdException w:name="Normal"/></w:latentStyles>'
    usual = head + latent + table + para + b"</w:styles>"
    cut = paragraph_styles_only(usual, w)
    assert cut == head + para + b"</w:styles>" and _sheet(cut) == _sheet(usual)
    assert _sheet(cut)[0]["H1"].outline == 0
    single_quoted = usual.replace(b'w:type="table"', b"w:type='table'")
    assert paragraph_styles_only(single_quoted, w) == cut  # the same, quoted either way
    assert paragraph_styles_only(usual.replace(b'w:type="paragraph"', b'w:type = "paragraph"'), w) is None
    assert paragraph_styles_only(usual.replace(b"xmlns:w=", b"xmlns:x=").replace(b"<w:styles", b"<x:styles"), w) is None
    assert paragraph_styles_only(usual.replace(b"</w:latentStyles>", b""), w) is None


def test_a_cut_that_breaks_the_xml_falls_back_to_the_whole_part(tmp_path, monkeypatch):
    from extract.readers import docx_parts
    from extract.readers.docx_numbering import StyleSheet
    w = "{%s}" % W_MAIN
    whole = (f'<?xml version="1.0"?><w:styles xmlns:w="{W_MAIN}">'.encode()
             + b'<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style></w:styles>')
    monkeypatch.setattr(docx_parts, "paragraph_styles_only", lambda data, w: data[:-5])  # a cut gone wrong
    docx_parts.forget_definitions()
    sheet = docx_parts._definitions(whole, "word/styles.xml", tmp_path / "x.docx", w, StyleSheet)
    assert list(sheet.styles) == ["H1"]
    docx_parts.forget_definitions()
