"""The regular expressions behind extract.normalize.dates (split out to keep each module small).

Why every whitespace run is possessive (`*+`): spaces are optional between every token, so two
optional runs meet in many places (after 自…, 每…, in ranges). Backtracking quantifiers made such a
meeting polynomial in the length of a blank run (自 + 300 spaces took 2 s); possessive runs give
the same matches, since what follows a run never starts with a blank.
"""
from __future__ import annotations

import re

import regex

from extract.normalize.date_scan import Alternation, Alternative, char_class

S = r"[ \t\u3000\u00a0]*+"
BLANKS = " \t\u3000\u00a0"  # the characters S stands for
_YEAR = (r"(?:(?<![0-9０-９])[12１２][0-9０-９]{3}(?![0-9０-９])"
         r"|(?<![〇○零一二三四五六七八九])[一二][〇○零Ｏ一二三四五六七八九]{3})")
_NUM = (r"(?:(?<![0-9０-９.．])[0-9０-９]{1,2}(?![0-9０-９])"
        r"|(?:(?<=[年月至到和、及与或每从自起于在止—－～~\-\s，,（(：])|(?<!\p{Han}))"
        r"(?<![〇○零一二三四五六七八九十百两])[一二三四五六七八九十两]{1,3})")
_BIGNUM = r"(?:[0-9０-９]++|[一二三四五六七八九十百两]++)"
_MIDLA = r"(?=[前后以之和及与、，。；）)\s至到]|$)"
_SEP = rf"{S}(?:起{S})?(?:至|到|—{{1,2}}|－|～|~|-|–){S}"
_MPART = rf"底|末|初|上旬|中旬|下旬|中{_MIDLA}"
_QUARTER = r"第?[一二三四]季度末?|第[1-4１-４]季度末?"
_YPART = rf"年?底|年?末|年终|年中{_MIDLA}|上半年|下半年|{_QUARTER}|[1-4]季度末?"
_RELYEAR = r"次|明|翌|下一|前一|上一|去|今|本|当"
# 年内 / 年度内 = by the end of that year; not 3年内 (a duration), 年内部 / 年内容 (other words).
# A bare 年内 after a negation (资金未能在年内支出) reports what a past year missed: not a time limit.
_WITHIN_YEAR = r"度?内(?![部容涵外])"
_BARE_WITHIN = (rf"(?<![0-9０-９〇○零一二三四五六七八九十两百几多半数近每全])"
                rf"(?<!(?:未能|未|没能|没有|不能|无法){S}[在于]{S})年{_WITHIN_YEAR}")


def _point(p: str) -> str:
    """A single date point; group names carry the prefix p so two points fit in one range."""
    month_tail = (rf"(?P<{p}m>{_NUM}){S}月(?:份)?"
                  rf"(?:{S}(?:(?P<{p}d>{_NUM}){S}[日号]|(?P<{p}mp>{_MPART})))?")
    # 年度 only before a month (下一年度1月底前); 2024年度 alone is a budget year, not a date.
    with_year = (rf"(?:(?P<{p}y>{_YEAR})|(?P<{p}ry>{_RELYEAR})){S}年"
                 rf"(?:(?P<{p}yin>{_WITHIN_YEAR})"
                 rf"|(?:度(?={S}{_NUM}{S}月)|(?!度|代|以来|级))"
                 rf"(?:{S}(?:{month_tail}|(?P<{p}yp>{_YPART})))?)")
    no_year = (rf"(?:{month_tail}|(?P<{p}yp>年底|年末|年终|年中{_MIDLA}|上半年|下半年|{_QUARTER})"
               rf"|(?P<{p}byin>{_BARE_WITHIN}))")
    iso = (rf"(?<![0-9０-９.])(?P<{p}iy>[12][0-9]{{3}})(?P<{p}isep>[.\-/／．])(?P<{p}im>[0-9]{{1,2}})"
           rf"(?P={p}isep)(?P<{p}id>[0-9]{{1,2}})(?![0-9])")
    return rf"(?:{iso}|{with_year}|{no_year})"


_REL = (rf"(?:(?P<rpre>自(?!治)|从){S}(?P<ranc>[^，。；：,;！？\n]{{1,60}}?){S}(?:之日|当日|之时)?{S}起"
        rf"|(?P<ranc2>(?:收到|接到|接收|印发|下达|发布|完成|签订|批复|竣工|验收|开工|公布|确定|发现|发生)"
        rf"[^，。；：,;！？\n]{{0,40}}?){S}(?:之日|当日)?{S}(?:以后|之后|后|起))?"
        rf"{S}(?P<rn>{_BIGNUM}){S}(?P<ru>个?工作日|日|天|个月|周|个?星期|个?小时|分钟)(?:以内|之内|内)")
# 次月5日前 (the month after each one: 将上月进展于次月5日前报送) is a monthly day too; after 每季度末 it is
# part of that quarterly time.
_REC = (rf"(?:每{S}(?:个{S})?(?P<per>月|季度|季|半年|年|周|星期|学期)|(?<![末底]{S})次{S}(?P<per>月)(?={S}{_NUM}{S}[日号]))度?(?:的)?{S}"
        # 每季度末月25日前, 每季度第一个月15日前: a month of each quarter, then its day
        rf"(?:(?:末月|首月|最后一个月|第{S}[一二三1-3]{S}个{S}月)(?={S}{_NUM}{S}[日号]){S})?"
        rf"(?:(?P<qm>{_NUM}){S}月{S})?(?:(?P<qd>{_NUM}){S}[日号]|(?P<qp>月?底|月?末|初|上旬|中旬|下旬|季度?末|年底|年末))?"
        rf"(?:{S}(?:结束|届满|终了|开学|开始)?{S}后{S}(?P<qn>{_BIGNUM}){S}(?P<qu>个?工作日|日|天)(?:以内|之内|内))?")
# 每日17时前 / 每天下午5点前 / 每个工作日16时前: a time of each day (only with the hour written: 每日
# alone is a frequency, as in 每日供水能力).
_DAILY = (rf"每{S}(?:个{S})?(?P<dper>日|天|工作日){S}(?:(?:上午|下午|中午|晚上|早上|凌晨|晚){S})?"
          rf"(?P<dh>{_NUM}){S}(?:时|点)(?:{S}(?:(?P<dmin>[0-9０-９]{{1,2}}){S}分|半))?")
# 每周五 / 每周五17时前 / 每星期一上午10点前: a day of each week, with its time when written.
_WEEKDAY = (rf"每{S}(?:周|星期){S}(?P<wd>[一二三四五六日天])"
            rf"(?:{S}(?:(?:上午|下午|中午|晚上|早上|凌晨|晚){S})?(?P<wdh>{_NUM}){S}(?:时|点)"
            rf"(?:{S}(?:[0-9０-９]{{1,2}}{S}分|半))?)?")
# 半年一次 / 一季度一次: a frequency written after the period (not 两年一次, not 一次性).
_ONCE = (r"(?:(?<![0-9０-９一二两三四五六七八九十第])一(?P<once>季度|季|个?月|年度?|周)"
         r"|(?<![上下前后])(?P<once_h>半年度?))一次(?!性)")
# 自印发之日起施行: the notice takes effect; an 'after' anchored on the event, no date.
_EFFECTIVE = (rf"自{S}(?P<eanc>印发|发布|公布|颁布|下发|签发)(?:实施)?{S}之日{S}起"
              rf"(?:{S}(?:施行|执行|实施|生效))?")
# “十四五”期间 / 十四五末: the years of a five-year plan (十一五 = 2006—2010 onwards).
_FIVE_YEAR = (r"(?<![〇一二三四五六七八九十百千万第])[“\"「『]?十(?P<fyn>[一二三四五六七八九])五[”\"」』]?(?:规划)?"
              r"(?:(?P<fys>期间|时期|期末|末期|末|初期|初)|(?<=[”\"」』划])|(?=[，。；、）)\s]|$))")
_MRANGE = (rf"(?P<sy>{_YEAR}){S}年度?{S}(?P<sm1>{_NUM}){S}(?:至|到|—|－|～|~|-){S}(?P<sm2>{_NUM}){S}月(?:份)?"
           rf"(?P<smp>底|末)?")
_YRANGE = rf"(?P<yy1>{_YEAR}){S}(?:至|到|—{{1,2}}|－|～|~|-){S}(?P<yy2>{_YEAR}){S}年(?!度)"
_RANGE = rf"(?P<a>{_point('a_')}){_SEP}(?P<b>{_point('b_')}|(?P<b_d>{_NUM}){S}[日号])"

# The alternatives of one leftmost-first alternation, in priority order (date_scan.py searches them
# apart). Each lists what every match of it must contain, so a text without it is not searched:
# `needs_all` words all present, one character of `needs_any` when given, and a match of `needs_re`.
# Keep these in step with the patterns: a requirement that a match can lack would lose that match.
_RANGE_SEP = "至到—－～~-–"
_DATEISH = "年月季.-/／．"  # 年 / 月 / 季度 or the separator of an ISO date
ALTERNATIVES = Alternation(
    # A relative limit ends with its unit and 以内/之内/内 (30个工作日内, 3个月以内, 24小时内, 30分钟内).
    Alternative("rel", regex.compile(_REL), needs_all=("内",),
                needs_re=re.compile(r"[日天月周期时钟][以之]?内")),
    Alternative("eff", regex.compile(_EFFECTIVE), needs_all=("自", "之日")),
    # before rec, which would take 每周 of 每周五 and leave 五
    Alternative("weekday", regex.compile(_WEEKDAY), needs_all=("每",), needs_any="周星"),
    Alternative("rec", regex.compile(_REC), needs_any="每次"),
    Alternative("daily", regex.compile(_DAILY), needs_all=("每",), needs_any="时点"),
    Alternative("oncerec", regex.compile(_ONCE), needs_all=("一次",)),
    Alternative("fyp", regex.compile(_FIVE_YEAR), needs_all=("十", "五")),
    Alternative("mrange", regex.compile(_MRANGE), needs_all=("年", "月"), needs_any=_RANGE_SEP),
    Alternative("yrange", regex.compile(_YRANGE), needs_all=("年",), needs_any=_RANGE_SEP),
    # A range opens with a point, so it can only start where a point can: it is tried there first.
    # A point's first 年/月/季/separator has at most 4 characters and blanks before it (2024 年,
    # 十二月, 下一年, 上半年, 第三季度, 2024.10.31).
    Alternative("point", regex.compile(_point("p_")), needs_any=_DATEISH,
                ahead=Alternative("range", regex.compile(_RANGE), needs_any=_RANGE_SEP),
                anchor=char_class(_DATEISH), blanks=BLANKS, lead=4),
)
BY_SUFFIX = regex.compile(rf"{S}(?:以前|之前|为止|前|止)")
AFTER_SUFFIX = regex.compile(rf"{S}(?P<w>起|以后|之后|后)(?!年)")
BY_PREFIX = regex.compile(rf"(?:截止到|截止至|截止|不晚于|不迟于|最迟|(?<!截)到|(?<!截)至){S}$")
AS_OF_PREFIX = regex.compile(rf"截至{S}$")  # 截至2024年底: a status date, not a deadline
EACH_YEAR = regex.compile(r"(?:各|每)(?:个)?(?:计划)?年度?|逐年|分年度")
