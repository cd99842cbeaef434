"""Text repairs shared by readers: radicals, wrapped lines, layout spaces."""
from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from extract.readers.textfix import (
    RADICAL_SUPPLEMENT,
    drop_han_ascii_spaces,
    drop_ideographic_spaces,
    fix_cell_text,
    fix_cjk_variants,
    fix_paragraph_text,
    join_lines,
    join_wrapped,
)

KANGXI = [chr(c) for c in range(0x2F00, 0x2FD6)]


def test_kangxi_radicals_become_ideographs():
    assert fix_cjk_variants("⽼旧⼩区改造⼯作") == "老旧小区改造工作"
    assert fix_cjk_variants("⼀⼆⼈⼊") == "一二人入"


def test_radicals_supplement_and_compatibility_ideographs():
    assert fix_cjk_variants("⻓⻛⻔") == "长风门"  # U+2ED3, U+2EDB, U+2ED4: NFKC leaves these
    assert fix_cjk_variants("\uF900") == "豈"  # CJK compatibility ideograph
    assert fix_cjk_variants("\U0002F800") == "丽"  # compatibility supplement


def test_every_kangxi_radical_is_mapped_out_of_the_block():
    fixed = fix_cjk_variants("".join(KANGXI))
    assert len(fixed) == 214
    assert not any(0x2F00 <= ord(c) <= 0x2FD5 for c in fixed)
    assert all(unicodedata.category(c) == "Lo" for c in fixed)


def test_supplement_table_has_the_unicode_rows():
    assert len(RADICAL_SUPPLEMENT) == 114
    assert RADICAL_SUPPLEMENT["⺟"] == unicodedata.normalize("NFKC", "⺟") == "母"


def test_punctuation_and_numbering_are_not_normalized():
    s = "（一）目标：１２３，Ⅰ.基础类"
    assert fix_cjk_variants(s) == s
    assert fix_paragraph_text(s) == s


def test_join_wrapped_lines():
    assert join_lines(["2024", "年10月"]) == "2024年10月"
    assert join_lines(["宛城", "区"]) == "宛城区"
    assert join_lines(["plan for the", "year"]) == "plan for the year"
    assert join_wrapped("总计8294.", "52万元") == "总计8294.52万元"
    assert join_wrapped("abc", "123") == "abc123"


def test_han_digit_spaces_removed_in_paragraph_text():
    assert fix_paragraph_text("2024 年 10 月 31 日前") == "2024年10月31日前"
    assert fix_paragraph_text("开工率达 100%（各市") == "开工率达100%（各市"
    assert fix_paragraph_text("附件： 2024年度") == "附件：2024年度"


def test_spaces_that_are_content_are_kept():
    assert fix_paragraph_text("中共中央办公厅 国务院办公厅") == "中共中央办公厅 国务院办公厅"
    assert fix_paragraph_text("see page 2 of 3") == "see page 2 of 3"
    # a wide gap (two spaces) separates fields, it is not autospace
    assert fix_paragraph_text("办公室  2021年12月31日印发") == "办公室  2021年12月31日印发"


def test_ideographic_space_inside_han_run():
    assert drop_ideographic_spaces("通\u3000\u3000知") == "通知"
    assert drop_ideographic_spaces("\u3000\u3000正文") == "\u3000\u3000正文"


def test_cell_text_keeps_inner_spaces_but_joins_wraps():
    assert fix_cell_text(["开工改造 25516", "户"]) == "开工改造 25516户"
    assert fix_cell_text(["改造任务 (户", "<套>)"]) == "改造任务 (户<套>)"
    assert fix_cell_text(["⽼旧⼩区"]) == "老旧小区"


_TEXT = st.text(alphabet=st.sampled_from(list("老旧小区改造年月日 0123456789abcAB%.,，。（）\u3000⼩⼯⻓")),
                max_size=40)


@given(_TEXT)
def test_fix_cjk_variants_idempotent(s):
    once = fix_cjk_variants(s)
    assert fix_cjk_variants(once) == once
    assert len(once) == len(s)


@given(_TEXT)
def test_space_rule_only_removes_spaces(s):
    out = drop_han_ascii_spaces(s)
    assert out.replace(" ", "") == s.replace(" ", "")


@given(st.lists(_TEXT, max_size=5))
def test_join_lines_loses_only_edge_whitespace(lines):
    joined = join_lines(lines)
    assert "".join(joined.split()) == "".join("".join(lines).split())
