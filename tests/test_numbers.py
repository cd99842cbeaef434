"""Numbers, units and figures: exact parsing, scaling, and the non-figures that must be skipped."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.normalize.numbers import find_figures, parse_number
from extract.normalize.units import UNITS, to_base, unit_info

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FW = str.maketrans("0123456789.", "０１２３４５６７８９．")
CN = "零一二三四五六七八九"


def cn_format(n: int) -> str:
    """Reference formatter for 0..99999 the way notices write them (十一, 一百零五, 一万零一十)."""
    if n == 0:
        return "零"
    if 10 <= n < 20:
        return "十" + (CN[n - 10] if n > 10 else "")
    out, zero = "", False
    for power, name in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // power % 10
        if d:
            if zero and out:
                out += "零"
            out += CN[d] + name
            zero = False
        elif out:
            zero = True
    return out


def corpus_text(prefix: str) -> str:
    return next(CORPUS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("raw,value,decimals", [
    ("283.79", "283.79", 2), ("6636", "6636", 0), ("1,658.52", "1658.52", 2),
    ("２８３．７９", "283.79", 2), ("１，６５８．５２", "1658.52", 2), ("二十六", "26", 0),
    ("一百零五", "105", 0), ("三千五百", "3500", 0), ("两", "2", 0), ("〇", "0", 0), ("零", "0", 0),
    ("十一", "11", 0), ("二〇二四", "2024", 0), ("9381.269", "9381.269", 3), ("三点五", "3.5", 1),
])
def test_parse_number_values(raw: str, value: str, decimals: int) -> None:
    p = parse_number(raw)
    assert p is not None and p.value == Decimal(value) and p.decimals == decimals and p.raw == raw


@pytest.mark.parametrize("raw", ["", "1,65", "12,3456", "百", "十十", "abc", "1.2.3", "万", "三万零"])
def test_parse_number_rejects(raw: str) -> None:
    assert parse_number(raw) is None


@given(st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False, places=4))
def test_digits_round_trip(d: Decimal) -> None:
    s = format(d, "f")
    p = parse_number(s)
    assert p is not None and p.value == d and str(p.value) == s
    assert p.decimals == (len(s.split(".")[1]) if "." in s else 0)


@given(st.decimals(min_value=0, max_value=10**9, allow_nan=False, allow_infinity=False, places=3))
def test_fullwidth_equals_ascii(d: Decimal) -> None:
    s = format(d, "f")
    assert parse_number(s.translate(FW)).value == parse_number(s).value


@settings(max_examples=400)
@given(st.integers(min_value=0, max_value=99999))
def test_chinese_round_trip(n: int) -> None:
    p = parse_number(cn_format(n))
    assert p is not None and p.value == n, cn_format(n)


@given(st.decimals(min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False, places=4),
       st.sampled_from([("万元", 4), ("亿元", 8), ("万平方米", 4), ("元", 0), ("千元", 3)]))
def test_scaling_exact(d: Decimal, unit: tuple[str, int]) -> None:
    name, exp = unit
    dec = max(0, -d.as_tuple().exponent)
    base, bdec = to_base(d, dec, name)
    assert base == d * (10 ** exp) and bdec == dec - exp


def test_to_base_examples() -> None:
    assert to_base(Decimal("24.7891"), 4, "万平方米") == (Decimal("247891"), 0)
    v, d = to_base(Decimal("2.935"), 3, "亿元")
    assert v == 293500000 and str(v) == "293500000" and d == -5
    assert to_base(Decimal("8294.52"), 2, "万元")[0] == 82945200


def test_unit_table() -> None:
    assert unit_info("户（套）").normalized == "户" and unit_info("户<套>").is_count
    assert unit_info("万元").is_money and unit_info("万元").base == "元"
    assert unit_info("㎡").normalized == "平方米" and unit_info("千米").base == "米"
    assert unit_info("%").normalized == "%" and unit_info("年") is None and unit_info("日") is None


def test_figures_in_000() -> None:
    figs = find_figures(corpus_text("000"))
    assert [(f.raw, f.unit.normalized) for f in figs][:3] == [
        ("263 个", "个"), ("33150 户（套）", "户"), ("100%", "%")]
    assert all(f.value not in (2024, 2023, 26, 30) for f in figs)


def test_figures_skip_non_figures() -> None:
    text = ("邮编：756000；联系电话：0954-7290708；电子邮箱：yzqcsglj@163.com。（国办发〔2020〕23号）"
            "宁建（城）发〔2023〕11号，2024年10月31日前，30日内，第一批，改造一个、管好一个，"
            "每个小区，1.新街口A区，（1）加强，7部门关于，个别小区，祥和家园")
    assert find_figures(text) == []


def test_figure_qualifiers_and_offsets() -> None:
    text = "约300户，受益群众100余户，覆盖率不低于80%，面积5万平方米左右，百分之八十"
    figs = find_figures(text)
    got = [(f.raw, f.qualifier, f.approximate) for f in figs]
    assert got == [("300户", "约", True), ("100余户", "余", True), ("80%", "不低于", False),
                   ("5万平方米", "左右", True), ("百分之八十", None, False)]
    assert all(text[f.start:f.end] == f.raw for f in figs)
    assert figs[-1].value == 80 and figs[-1].unit.normalized == "%"


def test_no_figure_is_a_year_or_doc_number_in_corpus() -> None:
    for path in CORPUS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        for f in find_figures(text):
            assert text[f.start:f.end] == f.raw
            assert not (1990 <= f.value <= 2035 and f.unit.normalized not in ("户", "平方米")), f.raw
            assert "〔" not in text[max(0, f.start - 6):f.start], f.raw


def test_个_before_time_words_is_no_count() -> None:
    text = "在3个月内完成，15个工作日内下达，提高2个百分点，用3个季度，改造25个小区，新建8个"
    assert [f.raw for f in find_figures(text)] == ["25个", "8个"]


# ---------------------------------------------------------------- compound, rate and count units

@pytest.mark.parametrize("text,raw,unit,base,value_base,is_count", [
    ("浓度控制在35微克/立方米以下", "35微克/立方米", "微克/立方米", "微克/立方米", "35", False),
    ("日处理能力提升至6万吨/日", "6万吨/日", "万吨/日", "吨/日", "60000", False),
    ("新增处理规模800吨/天", "800吨/天", "吨/日", "吨/日", "800", False),
    ("泄洪流量12.5立方米/秒", "12.5立方米/秒", "立方米/秒", "立方米/秒", "12.5", False),
    ("设计时速80公里/小时", "80公里/小时", "公里/小时", "公里/小时", "80", False),
    ("新增装机容量20万千瓦", "20万千瓦", "万千瓦", "千瓦", "200000", False),
    ("年发电量2.4亿千瓦时", "2.4亿千瓦时", "亿千瓦时", "千瓦时", "240000000", False),
    ("储备物资不少于4万件（套）", "4万件（套）", "万件", "件", "40000", True),
    ("配发器材600件(套)", "600件(套)", "件", "件", "600", True),
    ("安装充电桩3000台（套）", "3000台（套）", "台", "台", "3000", True),
    ("新增学位1.6万个", "1.6万个", "万个", "个", "16000", True),
    ("服务群众45万人次", "45万人次", "万人次", "人次", "450000", True),
    ("培训农民800人次", "800人次", "人次", "人次", "800", True),
    ("惠及群众2.5万户", "2.5万户", "万户", "户", "25000", True),
    ("建设高标准农田3.2万亩", "3.2万亩", "万亩", "亩", "32000", False),
    ("修复湿地120公顷", "120公顷", "公顷", "平方米", "1200000", False),
    ("新增床位500张", "500张", "张", "张", "500", True),
    ("建成300床的医院", "300床", "床", "床", "300", True),
    ("新建幼儿园6所", "6所", "所", "所", "6", True),
    ("培育龙头企业9家", "9家", "家", "家", "9", True),
    ("更新公交车150辆", "150辆", "辆", "辆", "150", True),
])
def test_compound_and_count_units(text, raw, unit, base, value_base, is_count) -> None:
    (f,) = find_figures(text)
    assert (f.raw, f.unit.normalized, f.unit.base, f.value_base, f.unit.is_count) == (
        raw, unit, base, Decimal(value_base), is_count)
    assert f.unit.is_rate == ("/" in base) and text[f.start:f.end] == f.raw


def test_rate_units_keep_the_unit_as_written() -> None:
    (f,) = find_figures("处理能力达到3万吨每日")
    assert f.unit_raw == "万吨每日" and f.unit.normalized == "万吨/日" and f.qualifier == "达到"
    assert not unit_info("万吨/日").is_count and unit_info("万吨/日").is_rate
    assert not unit_info("万吨").is_rate and unit_info("吨/年").base == "吨/年"


@given(st.sampled_from(sorted(UNITS)))
def test_every_unit_scales_exactly(name: str) -> None:
    info = unit_info(name)
    base, dec = to_base(Decimal("1.5"), 1, info)
    assert base == Decimal("1.5") * info.scale and dec == 1 - info.exponent
    if name.startswith("万") and unit_info(name[1:]) is not None:
        assert info.scale == unit_info(name[1:]).scale * 10000 and info.base == unit_info(name[1:]).base


# ---------------------------------------------------------------- slogans, ranges, conditions

@pytest.mark.parametrize("text", [
    "施工工地落实六个百分之百要求", "统筹推进三个一批", "严格落实四个不摘", "实现五个一目标",
    "做到两个确保", "牢固树立四个意识", "实现“3个100%”", "坚持“两不愁三保障”",
    "年满60周岁的老人", "工作满5年以上的", "1至3人户", "每3人一组",
])
def test_slogans_ages_and_household_sizes_are_no_figures(text: str) -> None:
    assert find_figures(text) == []


def test_a_chinese_numeral_count_of_things_stays_a_figure() -> None:
    assert [f.raw for f in find_figures("建设三个示范区，打造五个产业园")] == ["三个", "五个"]


@pytest.mark.parametrize("text,in_range", [
    ("3至5人", [True]), ("40—60平方米", [True]), ("3人至5人", [True, True]), ("二至三个", [True]),
    ("由1000户增加到1500户", [False, False]), ("提升至5万吨/日", [False]), ("1到3个", [True]),
    ("改造300户", [False]),
])
def test_ranges(text: str, in_range: list[bool]) -> None:
    assert [f.in_range for f in find_figures(text)] == in_range


def test_a_figure_at_the_start_of_a_text_is_found() -> None:
    assert [f.raw for f in find_figures("25个小区改造工程")] == ["25个"]


@pytest.mark.parametrize("text,qualifier", [
    ("浓度控制在35微克/立方米以下", "以下"), ("人数控制在50人", "控制在"), ("不超过3处", "不超过"),
    ("面积在100平方米以内", "以内"), ("不大于5%", "不大于"),
])
def test_limit_qualifiers(text: str, qualifier: str) -> None:
    (f,) = find_figures(text)
    assert f.qualifier == qualifier and not f.approximate
