"""The txt reader: encodings, exact text, offsets, and the two text-export table shapes."""
from __future__ import annotations

import codecs

import pytest

from extract.errors import ReadError
from extract.readers import read_document
from extract.readers.txt import read_txt
from schemas import BlockKind
from tests.conftest import CORPUS, RENDITIONS, seed


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_text_is_exactly_the_file_and_offsets_hold(path):
    doc = read_txt(path)
    assert doc.text == path.read_text(encoding="utf-8")
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text
        for c in (b.table.cells if b.table else []):
            assert doc.text[c.start:c.end] == c.text


def test_gb18030_and_bom_crlf_read_like_utf8():
    ref = read_txt(RENDITIONS / "000.txt")
    gb = read_txt(RENDITIONS / "000.gb18030.txt")
    bom = read_txt(RENDITIONS / "000.utf8bom-crlf.txt")
    assert gb.encoding == "gb18030" and bom.encoding == "utf-8-sig"
    assert gb.text == ref.text
    assert bom.text == ref.text  # BOM dropped, CRLF made LF
    assert "\r" not in bom.text and "\ufeff" not in bom.text


def test_utf16_with_and_without_bom(tmp_path):
    text = (RENDITIONS / "000.txt").read_text(encoding="utf-8")
    (tmp_path / "le.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    (tmp_path / "be.txt").write_bytes(text.encode("utf-16-be"))
    for name in ("le.txt", "be.txt"):
        doc = read_txt(tmp_path / name)
        assert doc.text == text
        assert doc.tables()[0].table.n_rows == 22


def test_tab_separated_table_000():
    doc = read_txt(seed("000"))
    (t,) = doc.tables()
    assert (t.table.n_rows, t.table.n_cols) == (22, 6)
    grid = t.table.grid()
    assert grid[0] == ["序号", "市县区名称", "改造任务 (户<套>)", "小区数", "楼栋数", "总建筑面积 (万平方米)"]
    assert grid[1] == ["", "全区", "33150", "263", "915", "283.79"]
    assert grid[21] == ["15", "海原县", "582", "3", "17", "6.87"]
    cell = t.table.cell_at(1, 5)
    assert doc.text[cell.start:cell.end] == "283.79"


def test_transposed_table_002_header_spans():
    doc = read_txt(seed("002"))
    (t,) = doc.tables()
    assert (t.table.n_rows, t.table.n_cols) == (4, 16)
    head = t.table.cell_at(0, 0)
    assert (head.text, head.row_span, head.col_span) == ("指标任务", 2, 1)
    group = t.table.cell_at(0, 7)
    assert (group.text, group.col, group.col_span) == ("指标任务分解(单位:户)", 1, 15)
    assert t.table.cell_at(1, 1).text == "宛城区"
    assert t.table.grid()[2][:3] == ["开工改造 25516 户", "4091", "6787"]


def test_one_cell_per_line_tables_004():
    doc = read_txt(seed("004"))
    tables = doc.tables()
    assert [(t.table.n_rows, t.table.n_cols) for t in tables] == [(6, 5)] * 3
    first = tables[0].table
    area = first.cell_at(0, 0)
    assert (area.text, area.row_span) == ("各区", 2)
    plan = first.cell_at(0, 3)
    assert (plan.text, plan.col, plan.col_span) == ("2022年改造计划", 1, 4)
    assert first.grid()[1] == ["各区", "数量", "户数", "建筑面积/万平方米", "预计投资/亿元"]
    assert first.grid()[5] == ["总计", "59", "6670", "67.25", "2.935"]
    assert tables[2].table.grid()[5] == ["总计", "67", "9923", "112.53", "3.528"]


def test_markers_are_not_in_blocks_but_text_is_untouched():
    doc = read_txt(seed("001"))
    assert "[bookmark: _GoBack]" in doc.text
    assert not any("[bookmark" in b.text for b in doc.blocks)
    assert any(b.text.startswith("加强宣传引导") for b in doc.blocks)
    doc2 = read_txt(seed("002"))
    assert any(b.text.startswith("1、改造方案和物业管理模式") for b in doc2.blocks)


def test_headings_and_order_003():
    doc = read_txt(seed("003"))
    heads = [b.text for b in doc.blocks if b.kind == BlockKind.heading]
    assert "一、征集内容" in heads and "二、征集时间" in heads
    texts = [b.text for b in doc.blocks]
    assert texts.index("一、征集内容") < texts.index("二、征集时间")


@pytest.mark.parametrize("data,kind", [
    (b"", "empty"),
    (b"\x00\x01\x02binary\x00\xff\xfe\x00" * 50, "binary"),
    (b"\xff\xfe\xfd\xfc\x81\x30" * 100 + b"\x80", "encoding"),
])
def test_bad_text_files_are_clear_errors(tmp_path, data, kind):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert e.value.kind == kind
    assert str(p) in e.value.message


def test_content_decides_format_not_name(tmp_path):
    p = tmp_path / "notice.txt"
    p.write_bytes((RENDITIONS / "001.docx").read_bytes())
    doc = read_document(p)
    assert doc.format == "docx"
    assert any(i.kind == "mislabelled" for i in doc.issues) and not doc.partial
    assert "8294.52万元" in doc.text


def test_text_named_pdf_is_a_clear_failure(tmp_path):
    p = tmp_path / "notice.pdf"
    p.write_bytes((RENDITIONS / "000.txt").read_bytes())
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert e.value.kind == "mislabelled" and "should be named .txt" in e.value.message


def test_legacy_doc_says_how_to_convert(tmp_path):
    p = tmp_path / "notice.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert "soffice --headless --convert-to docx" in e.value.message
