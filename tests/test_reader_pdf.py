"""PDF reader on the renditions: text without layout artefacts, paragraphs, ruled tables."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import pytest

from extract.errors import EncryptedFile, NoText, ReadError
from extract.readers import pdf as pdf_reader
from extract.readers.builder import DocumentBuilder, RawCell
from extract.readers.pdf import Layout, Line, line_chars_to_text, read_pdf, starts_paragraph
from extract.readers.pdf_tables import PageTable, cells_to_grid, join_continued, same_columns
from schemas import BlockKind, Document
from tests.conftest import RENDITIONS, seed


@lru_cache(maxsize=None)
def doc(name: str) -> Document:
    return read_pdf(RENDITIONS / name)


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def only_table(d: Document):
    (block,) = d.tables()
    return block


# ---------------------------------------------------------------- text

def test_001_figures_without_spurious_spaces():
    text = doc("001.pdf").text
    assert "8294.52万元" in text
    assert "按照投资总额80%计算，共计6636万元" in text
    assert "区财政负责筹措地方配套资金1658.52万元" in text


def test_000_dates_without_spaces():
    text = doc("000.pdf").text
    assert "2024年10月31日前，开工率达100%" in text
    assert "改造城镇老旧小区263个、33150户（套）" in text


@pytest.mark.parametrize("name", ["000.pdf", "001.pdf", "002.pdf", "003.pdf", "004.pdf",
                                  "000.reportlab.pdf"])
def test_page_numbers_dropped(name):
    d = doc(name)
    assert not re.search(r"[—-]\s*\d+\s*[—-]", d.text)
    assert "(cid:" not in d.text


def test_kangxi_pdf_reads_like_the_plain_one():
    kangxi = doc("000.kangxi.pdf")
    assert kangxi.text == doc("000.pdf").text
    assert not re.search(r"[\u2E80-\u2FD5]", kangxi.text)


def test_struck_through_tracked_deletion_dropped():
    text = doc("000.structures.pdf").text
    assert "改造城镇老旧小区263个、33150户（套）" in text
    assert "约" not in text.split("一、目标任务")[1][:40]


def test_reportlab_lines_starting_with_comma_are_joined():
    d = doc("000.reportlab.pdf")
    assert "提升改造质量和效果，切实把好事办好、实事办实" in d.text
    assert len(only_table(d).table.cells) == 22 * 6


# ---------------------------------------------------------------- paragraphs

def seed_lines(n: str) -> list[str]:
    text = seed(n).read_text(encoding="utf-8").replace("[bookmark: _GoBack]", "")
    lines = [squeeze(re.sub(r"^- ", "", ln)) for ln in text.splitlines() if "\t" not in ln]
    return [ln for ln in lines if ln]


def match_ratio(seed_paras: list[str], pdf_paras: list[str]) -> float:
    """Share of seed lines found as PDF paragraphs; a PDF paragraph may join consecutive seed
    lines (the seed split paragraphs at page breaks and kept manual title breaks)."""
    merged, i = [], 0
    pdf_set = set(pdf_paras)
    while i < len(seed_paras):
        j = next((j for j in range(i + 2, min(i + 4, len(seed_paras)) + 1)
                  if "".join(seed_paras[i:j]) in pdf_set), i + 1)
        merged.append("".join(seed_paras[i:j]))
        i = j
    sm = SequenceMatcher(a=merged, b=pdf_paras, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()) / len(merged)


@pytest.mark.parametrize("n, expected", [("001", 1.0), ("003", 1.0), ("000", 1.0), ("002", 1.0)])
def test_paragraphs_match_the_seed_lines(n, expected):
    paras = [squeeze(b.text) for b in doc(f"{n}.pdf").paragraphs()]
    ratio = match_ratio(seed_lines(n), paras)
    print(f"{n}.pdf paragraph match ratio {ratio:.3f}")
    assert ratio >= expected


def test_paragraph_counts_and_titles():
    d = doc("000.pdf")
    paras = d.paragraphs()
    assert paras[0].kind == BlockKind.heading
    assert paras[0].text == "关于下达2024年度全区城镇老旧小区改造工作计划任务的通知"
    assert len(doc("001.pdf").paragraphs()) == 29
    assert len(doc("003.pdf").paragraphs()) == 76


def test_numbered_headings_and_levels():
    heads = {b.text: b.level for b in doc("004.pdf").blocks if b.kind == BlockKind.heading}
    assert heads["一、指导思想"] == 1
    assert heads["（一）强化资金保障"] == 2
    body = [b for b in doc("001.pdf").blocks if b.text.startswith("（一）楼本体")]
    assert body[0].kind == BlockKind.paragraph


def test_blocks_carry_their_start_page():
    d = doc("000.pdf")
    assert next(b for b in d.blocks if b.text == "一、目标任务").page == 1
    crossing = next(b for b in d.blocks if b.text.startswith("（二）聚焦安全隐患"))
    assert crossing.page == 2
    assert crossing.text.endswith("确保改造项目工程安全实施。")  # continued on page 3
    assert next(b for b in doc("001.pdf").blocks if b.text == "三、资金计划").page == 2


def test_offsets_are_consistent():
    for name in ["000.pdf", "002.pdf", "004.pdf", "000.pagebreak.pdf"]:
        d = doc(name)
        Document.model_validate(d.model_dump())
        for b in d.blocks:
            assert d.text[b.start:b.end] == b.text


# ---------------------------------------------------------------- tables

HEADER_000 = ["序号", "市县区名称", "改造任务 (户<套>)", "小区数", "楼栋数", "总建筑面积 (万平方米)"]


def test_000_table():
    block = only_table(doc("000.pdf"))
    t = block.table
    assert (t.n_rows, t.n_cols) == (22, 6)
    assert block.page == 4 and t.pages == [4]
    grid = t.grid()
    assert grid[0] == HEADER_000
    assert grid[1] == ["", "全区", "33150", "263", "915", "283.79"]
    assert grid[8] == ["", "石嘴山市", "5695", "66", "173", "53.11"]
    assert grid[21] == ["15", "海原县", "582", "3", "17", "6.87"]


def test_table_text_not_in_paragraphs_and_in_reading_order():
    d = doc("000.pdf")
    assert not any("兴庆区" in b.text for b in d.paragraphs())
    kinds = [b.kind for b in d.blocks]
    assert kinds[-1] == BlockKind.table
    assert d.blocks[-2].text == "2024年度全区城镇老旧小区改造目标任务调表"


def test_002_transposed_table_spans():
    block = only_table(doc("002.pdf"))
    t = block.table
    assert (t.n_rows, t.n_cols) == (4, 16)
    assert block.page == 8
    origin = t.cell_at(0, 0)
    assert (origin.text, origin.row_span, origin.col_span) == ("指标任务", 2, 1)
    span = t.cell_at(0, 1)
    assert (span.text, span.row_span, span.col_span) == ("指标任务分解(单位:户)", 1, 15)
    assert t.cell_at(0, 15) is span
    assert t.grid()[1][:3] == ["指标任务", "宛城区", "卧龙区"]
    assert t.grid()[2][0] == "开工改造 25516户"
    assert t.grid()[3][-1] == "0"
    assert not any("卧龙" in b.text for b in doc("002.pdf").paragraphs())


@pytest.mark.parametrize("i, year, total", [
    (0, "2022", ["总计", "59", "6670", "67.25", "2.935"]),
    (1, "2023", ["总计", "60", "11706", "117.71", "4.284"]),
    (2, "2024", ["总计", "67", "9923", "112.53", "3.528"]),
])
def test_004_yearly_tables(i, year, total):
    d = doc("004.pdf")
    block = d.tables()[i]
    t = block.table
    assert (t.n_rows, t.n_cols) == (6, 5)
    assert t.grid()[5] == total
    assert (t.cell_at(1, 0).text, t.cell_at(1, 0).row_span) == ("各区", 2)
    assert (t.cell_at(0, 2).text, t.cell_at(0, 2).col_span) == (f"{year}年改造计划", 4)
    assert t.grid()[1][3] == "建筑面积/万平方米"
    before = d.blocks[block.seq - 1]
    assert before.text.startswith(f"{year}年计划改造")


def test_pagebreak_table_joined_once():
    d = doc("000.pagebreak.pdf")
    block = only_table(d)
    t = block.table
    assert t.pages == [4, 5] and block.page == 4
    assert (t.n_rows, t.n_cols) == (22, 6)
    assert t.header_rows == 1
    grid = t.grid()
    assert grid[0] == HEADER_000
    assert [r[1] for r in grid[18:]] == ["中卫市", "沙坡头区", "中宁县", "海原县"]
    assert sum(r[0] == "序号" for r in grid) == 1
    assert grid == doc("000.pdf").tables()[0].table.grid()


def test_nested_layout_table_gives_the_inner_table():
    t = only_table(doc("000.structures.pdf")).table
    assert (t.n_rows, t.n_cols) == (22, 6)
    assert t.grid()[1] == ["", "全区", "33150", "263", "915", "283.79"]


# ---------------------------------------------------------------- failures

def test_no_tounicode_pdf_raises_no_text():
    with pytest.raises(NoText) as err:
        read_pdf(RENDITIONS / "000.no-tounicode.pdf")
    assert "000.no-tounicode.pdf" in err.value.message and "OCR" in err.value.message


def test_garbage_pages_are_flagged():
    builder = DocumentBuilder()
    pdf = pdf_reader.open_pdf(RENDITIONS / "000.no-tounicode.pdf")
    with pdf:
        pages = pdf_reader.read_pages(pdf, RENDITIONS / "000.no-tounicode.pdf", builder)
    assert [p.status for p in pages] == ["garbage"] * 4
    assert [(i.kind, i.page) for i in builder.issues] == [("garbage_text", n) for n in range(1, 5)]
    assert not any(p.lines or p.tables for p in pages)


def _minimal_pdf(extra_trailer: bytes = b"", extra_objects: tuple[bytes, ...] = ()) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>", *extra_objects]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + extra_trailer
    out += b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_encrypted_pdf(tmp_path: Path):
    encrypt = (b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + b"11" * 32
               + b"> /U <" + b"22" * 32 + b"> >>")
    ids = b"/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "
    path = tmp_path / "locked.pdf"
    path.write_bytes(_minimal_pdf(b"/Encrypt 4 0 R " + ids, (encrypt,)))
    with pytest.raises(EncryptedFile) as err:
        read_pdf(path)
    assert "locked.pdf" in err.value.message and "password" in err.value.message


def test_blank_pdf_has_no_text(tmp_path: Path):
    path = tmp_path / "blank.pdf"
    path.write_bytes(_minimal_pdf())
    with pytest.raises(NoText):
        read_pdf(path)


@pytest.mark.parametrize("content", [b"%PDF-1.4\nnot really a pdf", b""])
def test_broken_pdf_raises_read_error(tmp_path: Path, content: bytes):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_pdf(path)
    assert "broken.pdf" in err.value.message


def test_missing_file(tmp_path: Path):
    with pytest.raises(ReadError):
        read_pdf(tmp_path / "nope.pdf")


def test_char_cap_flags_pages(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_CHARS_PER_PAGE", 300)
    d = read_pdf(RENDITIONS / "003.pdf")  # pages 2 (120 chars) and 3 (271) stay under the cap
    skipped = [i.page for i in d.issues if i.kind == "too_many_chars"]
    assert skipped == [1] + list(range(4, 15)) and d.partial
    assert {b.page for b in d.blocks} == {2, 3}
    assert "诚挚邀请社会各界人士踊跃参与" in d.text


# ---------------------------------------------------------------- units

def _char(text: str, x0: float, size: float = 16.0, top: float = 100.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size * (1 if ord(text[0]) > 0x2000 else 0.5),
            "top": top, "bottom": top + size, "size": size}


def test_autospace_gap_is_not_a_space_but_a_word_gap_is():
    chars = [_char("年", 100), _char("2", 120.2), _char("0", 128.2), _char("年", 140)]
    assert line_chars_to_text(chars) == "年20年"  # 3.2 pt gaps at 16 pt: autospace
    chars = [_char("a", 100), _char("b", 112)]  # 4 pt gap = 0.25 em: a Latin word space
    assert line_chars_to_text(chars) == "a b"
    chars = [_char("年", 100), _char("月", 120)]  # the same 0.25 em between Han: no space
    assert line_chars_to_text(chars) == "年月"
    chars = [_char("办", 100), _char("2", 160)]  # a gap over 2 em: a field separator
    assert line_chars_to_text(chars) == "办  2"


def test_fake_bold_duplicates_removed():
    chars = [_char("全", 100), _char("全", 100.4), _char("区", 116), _char("区", 116.3)]
    for c in chars:
        c["fontname"] = "SimHei"
    assert line_chars_to_text(pdf_reader.dedupe_chars(chars)) == "全区"


def test_struck_coloured_chars_dropped_underlined_kept():
    class FakePage:
        lines = [{"x0": 100, "x1": 116, "top": 111.5, "bottom": 111.5},  # strike through 约
                 {"x0": 140, "x1": 156, "top": 117.5, "bottom": 117.5}]  # underline under 套
        rects: list = []

    red = (0.78, 0.57, 0.0)
    chars = [_char("约", 100), _char("个", 120), _char("套", 140)]
    chars[0]["non_stroking_color"] = chars[2]["non_stroking_color"] = red
    chars[1]["non_stroking_color"] = (0.0, 0.0, 0.0)
    kept = pdf_reader.drop_struck_chars(chars, FakePage())
    assert [c["text"] for c in kept] == ["个", "套"]


def test_bad_glyph_share():
    assert pdf_reader.bad_glyph_share([_char("(cid:12)", 0), _char("年", 20)]) == 0.5
    assert pdf_reader.bad_glyph_share([_char("年", 0), _char(" ", 20)]) == 0.0


def _line(text: str, x0: float, x1: float, top: float, lead: float = 16.0) -> Line:
    return Line(text, x0, x1, top, top + 16, 16.0, 1, 595.3, lead)


LAYOUT = Layout(16.0, {595: (79.5, 511.5)})


def test_paragraph_breaks():
    full = _line("全" * 27, 79.5, 511.5, 100)
    short = _line("短行。", 79.5, 495.5, 100)
    indented = _line("新段落", 111.5, 511.5, 128)
    at_margin = _line("续", 79.5, 511.5, 128)
    assert not starts_paragraph(full, at_margin, LAYOUT)
    assert starts_paragraph(full, indented, LAYOUT)
    assert starts_paragraph(short, at_margin, LAYOUT)  # one more char would have fitted
    pushed = _line("菜”，做到", 79.5, 511.5, 128, lead=48.0)  # kinsoku pushed 3 glyphs down
    assert not starts_paragraph(short, pushed, LAYOUT)
    number = _line("24.7891万平方米", 79.5, 511.5, 128, lead=56.0)
    assert not starts_paragraph(_line("住宅建筑面积", 79.5, 469.9, 100), number, LAYOUT)


def test_cells_to_grid_spans():
    boxes = [(0, 0, 10, 20), (10, 0, 40, 10), (10, 10, 20, 20), (20, 10, 30, 20), (30, 10, 40, 20)]
    cols, rows, spans = cells_to_grid(boxes)
    assert cols == [0, 10, 20, 30, 40] and rows == [0, 10, 20]
    assert spans[0] == (0, 0, 2, 1) and spans[1] == (0, 1, 1, 3)


def _table(page: int, rows: list[list[str]], edges=(0.0, 50.0, 100.0)) -> PageTable:
    cells = [RawCell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return PageTable(page, (0, 0, 100, 100), list(edges), len(rows), len(rows[0]), cells, [page])


def test_join_continued_drops_repeated_header():
    a = _table(4, [["区", "户数"], ["甲", "1"]])
    b = _table(5, [["区", "户数"], ["乙", "2"]])
    joined = join_continued(a, b)
    assert joined.pages == [4, 5] and joined.n_rows == 3 and joined.header_rows == 1
    assert [(c.row, c.text) for c in joined.cells if c.col == 0] == [(0, "区"), (1, "甲"), (2, "乙")]
    no_header = join_continued(a, _table(5, [["乙", "2"]]))
    assert no_header.n_rows == 3 and no_header.header_rows is None
    assert not same_columns(a, _table(5, [["乙", "2"]], edges=(0.0, 30.0, 100.0)))
