"""Targets: quantities a notice plans or sets (改造 263 个小区, 开工率达 100%, table cells per district).

Why verb context: notices are full of incidental numbers (80%以上居民同意 is a condition, not a
goal), so a figure counts as a target only when its sentence carries a plan/scope cue and no
condition cue. Subjects, regions and years are read from the clause, generically (suffixes, cues),
never from a list of names. Ranges (3至5人), per-unit rules (每增加1人), size brackets (100平方米以下的)
and restated scopes of money are not targets; ceilings (控制在…以下, 不超过) are, with their qualifier.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import attrgetter

from extract import memo
from extract import rx as regex

from extract.extractors.base import Context, Sentence, register
from extract.normalize.numbers import FigureMatch, figures_in
from extract.normalize.units import PER_UNIT  # 每增加1人, 每户3人: per-unit rules
from schemas import Target

TARGET_CUE = regex.compile(
    r"改造|完成|开工|涉及|受益|惠及|计划|达到|达|覆盖|建成|新建|实施|整治|任务|目标|力争|确保|面积|"
    r"户数|住户|楼体|新增|提升|建设|更新|安装|加装|累计|共|推进|培育|创建|打造|栋|率|[新改扩]+建|"
    r"配备|配齐|组建|培训|抽检|举办|淘汰|置换|拆除|关停|取缔|治理|排查|"
    # works done to a count of things (消除积水点18处, 抢救复壮古树20株, 种植500株, 清淤32公里)
    r"消除|抢救|复壮|种植(?!业)|栽植|补植|修复|修缮|加固|清淤|疏浚|铺设|回收|处置|救治|帮扶|发放|挂牌|布设|"
    r"购置|投放|资助|开展|召开")
# A floor or level to reach makes a percentage a goal whatever the verb: 比例不低于55%, 保持100%.
GOAL_BOUND = regex.compile(r"(?:不低于|不少于|至少|达到|保持|提高到|提升到|稳定在|力争|提高至|提升至|增加到|增加至|增至"
                        r"|扩大到|扩大至)[\p{Han}]{0,2}$")
KINDS_COUNTED = frozenset({"类", "期"})  # 三期工程 is a phase; 不少于120期 a goal
BOOK_TITLE = regex.compile(r"《[^《》]{1,80}》")
FLOOR_BEFORE = regex.compile(r"(?:至少|不少于|不低于)\p{Han}{0,4}$")
PERSONS = ("人", "名", "人次")
# A change of at least so much (下降20%以上, 压减60%以上, 提高15%以上) is a goal; 同比下降12% reports one.
CHANGE_TO_REACH = regex.compile(r"(?:下降|降低|减少|压减|压缩|提高|提升|增长|增加)(?:了)?\s*$")
# 较2024年 / 较上年同期 / 比法定时限: what a change is measured from, not what changes.
COMPARED_WITH = regex.compile(r"(?:较|比)[^，,。；;]{0,10}?(?=(?:平均)?(?:下降|降低|减少|压减|压缩|提高|提升|增长|增加))")
# 较上年的4550件增长6.8%: a change from a stated figure (not a year) is worked out, not set; a goal
# says what it is measured from by a year (较2020年下降10%).
CHANGE_FROM_FIGURE = regex.compile(r"(?:较|比)[^，,。；;\d]{0,8}\d[\d.,]*(?![\d.,])(?!\s*年)[^，,。；;\d]{1,8}?"
                                   r"(?:下降|降低|减少|压减|提高|提升|增长|增加)(?:了)?\s*$")
# 按实际投资额的20%给予奖补, 按照工程造价的30%补助: a rate applied to a base, a rule.
RATE_OF_BASE = regex.compile(r"按照?[^，,。；;\d]{1,12}的\s*$")
# 可在现有水平基础上上浮10%: what a rule allows, not a goal.
MAY_CHANGE = regex.compile(r"可[^，,。；;]{0,20}?(?:上浮|下浮|上调|下调|提高|增加|浮动)\s*$")
# 结余资金的60%由医共体留用: the share someone keeps or bears.
KEPT_BY = regex.compile(r"\s*由[^，,。；;]{1,20}?(?:留用|承担|负担|分担|支付|使用|统筹)")
# 周边500米, 半径3公里范围内: the reach of a rule.
AROUND = regex.compile(r"(?:周边|周围|半径|距离|以外)\s*$")
AREA_AFTER = ("范围", "半径")
STAGED_IN = regex.compile(r"分\s*$")
IN_STAGES = regex.compile(r"\s*(?:阶段|步|期|轮|批(?!次))")
# 占60% / 占总投资的50%: the share of a money figure, carried by the funding fact.
SHARE_OF = regex.compile(r"占(?:[\p{Han}]{0,12}的)?$")
THRESHOLD = regex.compile(r"(?:低于|高于|超过|不足|未达到|达不到)\s*$")
SHARE_CAP = regex.compile(r"(?:不超过|不高于|最高不超过|原则上不超过)[^，,。；;\d]{0,12}?的$")
ASPECTS_AFTER = regex.compile(r"\s*(?:个)?(?:方面|环节|部分|维度)")
# 由企业承担60%, 开工后拨付70%, 因素权重80%: how a cost or a payment is split, not a goal.
COST_SPLIT = regex.compile(r"(?:(?:承担|负担|分担|拨付|支付)(?:剩余|其余)?|权重(?:占|为|是|不低于|不少于|不超过|不高于)?"
                        # 分值占考核总分的3%: the weight of a task in an assessment
                        r"|(?:分值|分数)(?:占[^，,。；;]{0,10}?的?)?)\s*$")
MONEY_WORDS = regex.compile(r"投资|资金|预算|金额|总额|经费|支出|收入|补助|拨款")
CONDITION_CUE = regex.compile(r"不得|不应|不宜|方可|须经|需经|应经|同意|按[^，。；]{0,8}计|以内的|标准为"
                           r"|(?:登记|申请|申报|准入|认定|入选|评选|享受|补助|补贴)条件")
# 对一年内累计2次以上被查实违规的定点医药机构，…: the clause names whom a rule is for, not a goal.
WHO_IS_MEANT = regex.compile(r"\s*对[^，,。；;]{0,40}的\p{Han}{0,12}\s*$")
AFTER_CONDITION = regex.compile(r"^(?:以上|以下)?的?(?:居民|业主|群众|住户)?(?:书面)?同意")
# A ceiling to stay under is a goal too: 浓度控制在35微克/立方米以下, 降至5%以内, 不超过3处.
CEILING_BOUND = regex.compile(
    r"(?:控制在|降至|降到|降低[到至]|下降[到至]|压减[到至]|压缩[到至]|减少[到至]|不超过|不高于|不大于)[\p{Han}]{0,2}$")
CEILING_AFTER = ("以下", "以内")
# 100平方米以下的住房, 5万元以上的项目: a size bracket describing a noun is a condition, not a goal.
BRACKET_OF_NOUN = regex.compile(r"(?:及?以上|及?以下|以内)的(?!目标|任务|要求|水平)")
LEAD_WORDS = regex.compile(r"^(?:其中|并|共|共计|总计|合计|分别为|包括|即|全部|累计)+")
TRAIL_WORDS = regex.compile(
    r"(?:达到|达|为|约|近|共计|共|合计|总计|累计|超过|不低于|不少于|计|总|"
    r"(?:提高|提升|降低|下降|控制)[到至在]|稳定在|保持在?)+$")
LEAD_VERBS = regex.compile(
    r"^(?:计划|拟|力争|确保|新开工|开工|完成|改造|实施|涉及|建设|[新改扩]+建|整治|提升|推进|惠及|覆盖)+")
CONNECTORS = regex.compile(r"^(?:[、，,\s]|以及|及|和|与|并)+|[、，,\s]+$")
NOUN_AFTER = regex.compile(r"^\p{Han}{1,12}")
NOUN_CUT = regex.compile(r"及|和|与|以及|并|、|的|全部|均|共")
# A time written without its year (9月底前, 年底前, 第三季度): when, not what, so never a subject.
TIME_PHRASE = regex.compile(
    r"(?:到|至|于|在)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?(?:\s*\d{1,2}\s*日)?"
    r"|年底|年末|年内|上半年|下半年|第?[一二三四]季度)(?:底|末|中旬|上旬|下旬)?(?:前|以前|起|止|内)?")
RATE = regex.compile(r"(?:将|把|使|其中|的)?([\p{Han}、]{0,20}率)$")
CLAUSE_PIECE = regex.compile(r"[^，,；;（(：:]+")


@register("targets")
def extract_targets(ctx: Context) -> list[Target]:
    """Targets from running text, then from tables."""
    from extract.extractors.table_facts import table_targets  # noqa: PLC0415 (table_facts imports this module)

    out: list[Target] = []
    for sent in ctx.sentences():
        out.extend(sentence_targets(ctx, sent))
    out.extend(table_targets(ctx))
    return out


def sentence_targets(ctx: Context, sent: Sentence) -> list[Target]:
    """Targets of one sentence (also of a table label cell that reads like one); a clause naming
    no measure takes the subject of the last figure with its unit."""
    titles = [m.span() for m in BOOK_TITLE.finditer(sent.text)] if "《" in sent.text else []
    figs = [f for f in figures_in(sent.text) if not f.unit.is_money
            and not any(a < f.start < b for a, b in titles)]  # 《2026年十件民生实事实施方案》 names a document
    out: list[Target] = []
    subjects: list[str] = []
    for i, fig in enumerate(figs):
        clause_start, ce = clause_bounds(sent.text, fig.start, fig.end, figs)
        # a clause longer than REGION_REACH either side is no clause (an unpunctuated run): each
        # figure reads its own stretch of it, so a run of thousands of figures stays linear
        cs, ce = max(clause_start, fig.start - REGION_REACH), min(ce, fig.end + REGION_REACH)
        if not _is_target(sent.text, fig, cs, ce):
            subjects.append("")
            continue
        subject = _subject(sent.text, figs, i, cs, ce, subjects) or _carried_subject(figs, i, subjects)
        subjects.append(subject)
        out.append(_target(ctx, sent, fig, subject, clause_start))
    return out


def _carried_subject(figs: list[FigureMatch], i: int, subjects: list[str]) -> str:
    """支出进度不低于50%，9月底前不低于75%: a clause naming no measure goes on with the last one of its unit."""
    for j in range(i - 1, -1, -1):
        if subjects[j] and figs[j].unit.base == figs[i].unit.base:
            return subjects[j]
    return ""


def _is_target(text: str, fig: FigureMatch, cs: int, ce: int) -> bool:
    """A plan/scope cue before the figure (or in its clause) and no condition around it."""
    clause = text[cs:ce]
    if CONDITION_CUE.search(clause) or AFTER_CONDITION.match(text[fig.end:]) or WHO_IS_MEANT.match(clause):
        return False
    if STAGED_IN.search(text, max(cs, fig.start - 2), fig.start) and IN_STAGES.match(text, fig.end):
        return False  # 分三个阶段进行, 分两批实施: how the work is split, not a goal
    if fig.unit.is_count and PER_UNIT.search(text, cs, fig.start) and FLOOR_BEFORE.search(text, cs, fig.start) \
            and fig.unit.base not in PERSONS:
        return True  # 每个乡镇至少设立1个网点: a floor for each place (staffing floors, 至少1名, are rules)
    if fig.in_range or BRACKET_OF_NOUN.match(text, fig.end) or PER_UNIT.search(text, cs, fig.start) \
            or _names_money_scope(text, fig, ce):
        return False
    if fig.unit.is_percent and (_is_money_share(text, fig) or COST_SPLIT.search(text, cs, fig.start)):
        return False
    if (fig.unit.is_percent or fig.unit.is_count or not text.startswith("的", fig.end)) \
            and GOAL_BOUND.search(text[cs:fig.start]):
        return True  # 比例不低于55%, 抽检不少于600批次, 至少举办2场, 保有量不低于322万亩 (不少于30平方米的场所: a standard)
    if fig.unit.base in KINDS_COUNTED:
        return False  # 分为3类, 五类设施: how things are sorted, a goal only with a floor (不少于12类)
    if fig.unit.is_percent and SHARE_OF.search(text, cs, fig.start):
        return False  # 剩余问题数量占全市的69.6%: what part of a whole is, not a level to reach
    if fig.unit.is_percent and text.startswith("的", fig.end) and THRESHOLD.search(text, cs, fig.start):
        return False  # 对资金支出率低于60%的县: who a rule applies to
    if fig.unit.is_count and fig.unit.base not in PERSONS and FLOOR_BEFORE.search(text, cs, fig.start):
        return True  # 每年至少组织开展2次演练: a floor on a count of actions
    if fig.unit.is_count and ASPECTS_AFTER.match(text, fig.end):
        return False  # 包括…五个方面: how a list is counted, not a goal
    if not fig.unit.is_money and CHANGE_TO_REACH.search(text[cs:fig.start]) and text.startswith("以上", fig.end):
        return True  # 较2024年下降20%以上, 平均压减60%以上, 压减散煤3.5万吨以上: a change to reach
    head = text[cs:fig.start]
    if fig.unit.is_percent and head.endswith(("约", "近")) and CHANGE_TO_REACH.search(head[:-1]):
        return False  # 较2025年底增长约38.9%: the change a goal implies, worked out (预期增长5%左右 is a goal)
    if fig.unit.is_percent and (CHANGE_FROM_FIGURE.search(head) or RATE_OF_BASE.search(head)
                                or MAY_CHANGE.search(head) or KEPT_BY.match(text, fig.end)):
        return False  # 较上年的4550件增长6.8%: a change worked out from figures; 按投资额的20%补助: a rate;
        # 可在现有水平上上浮10%: an allowance; 结余资金的60%由医共体留用: who keeps what share
    if AROUND.search(head) or text.startswith(AREA_AFTER, fig.end):
        return False  # 考点周边500米范围内: where a rule applies
    if _is_ceiling(text, fig, cs):
        return True
    return bool(TARGET_CUE.search(text[:fig.start]) or TARGET_CUE.search(clause))


def _names_money_scope(text: str, fig: FigureMatch, ce: int) -> bool:
    """25个老旧小区改造工程估算投资8294万元: the count names what the money is for (a restated scope)."""
    figs = figures_in(text)
    after = bisect_left(figs, fig.end, key=_START)
    money = next((f for f in figs[after:] if f.start >= ce or f.unit.is_money), None)
    money = money if money is not None and money.start < ce else None
    return money is not None and not text.startswith("、", fig.end) \
        and bool(MONEY_WORDS.search(text, fig.end, money.start))  # 项目7个、补助资金680万元: two items


def _is_ceiling(text: str, fig: FigureMatch, cs: int) -> bool:
    """A measure held under a limit (控制在…以下, 不超过…) with the measure named before it."""
    head = text[cs:fig.start]
    bounded = CEILING_BOUND.search(head) or text.startswith(CEILING_AFTER, fig.end)
    return bool(bounded) and bool(regex.search(r"\p{Han}{2}", CEILING_BOUND.sub("", head)))


def _is_money_share(text: str, fig: FigureMatch) -> bool:
    """占60% after a money figure, or 占计划总投资的50%: a funding share, not a goal; so is a cap on
    a share of money (财政补助不超过项目总造价的30%) and a share worked out (约占三年总任务的36.4%)."""
    m = SHARE_OF.search(text, 0, fig.start)
    if not m:
        cap = SHARE_CAP.search(text, 0, fig.start)
        if not cap:
            return False
        clause_start = max(text.rfind(c, 0, cap.start()) for c in "，,；;。") + 1
        return bool(MONEY_WORDS.search(text, clause_start, fig.start))
    if text[m.start() - 1:m.start()] == "约":
        return True
    right_after_money = any(f.unit.is_money and regex.fullmatch(r"[，,、\s]*(?:约|分别)?", text[f.end:m.start()])
                            for f in figures_in(text))
    clause_start = max(text.rfind(c, 0, m.start()) for c in "，,；;。") + 1
    # 中央资金约占69.5%: the money named in the clause before 占
    return right_after_money or bool(MONEY_WORDS.search(m.group())) \
        or bool(MONEY_WORDS.search(text, clause_start, m.start()))


def _target(ctx: Context, sent: Sentence, fig: FigureMatch, subject: str, cs: int) -> Target:
    # a clause head longer than REGION_REACH is no clause (an unpunctuated run): read its end only
    region = find_region(sent.text[max(cs, fig.start - REGION_REACH):fig.start]) or _region_earlier(sent.text, cs)
    year = (year_before(sent.text, fig.start) or year_in(sent.text)
            or year_before(sent.block.text, sent.start - sent.block.start) or ctx.meta.plan_year)
    return Target(
        **ctx.ground(sent.start + fig.start, sent.start + fig.end, sent.block, sentence=sent.text),
        subject=subject, value=fig.value, value_raw=fig.number.raw, unit_raw=fig.unit_raw,
        unit=fig.unit.normalized, value_base=fig.value_base, decimals=fig.number.decimals,
        approximate=fig.approximate, qualifier=fig.qualifier, region=region, year=year,
    )


def _region_earlier(text: str, cs: int) -> str | None:
    """The region named at the start of an earlier clause of the sentence (分别为：X片区涉及…，住户…)."""
    for piece in reversed(CLAUSE_PIECE.findall(text, 0, cs)):  # the nearest clause naming one
        region = find_region(piece)
        if region:
            return region
    return None


def _subject(text: str, figs: list[FigureMatch], i: int, cs: int, ce: int,
             earlier: list[str]) -> str:
    """What the figure measures: the rate word, or the verb-object phrase of its clause."""
    fig = figs[i]
    # the figure before it in its clause (figures come in order: only the one just before can be)
    prev = figs[i - 1] if i > 0 and cs < figs[i - 1].end <= fig.start else None
    seg_start = prev.end if prev else cs
    segment = text[seg_start:fig.start]
    if fig.unit.is_percent:
        rate = _rate_subject(text[cs:fig.start])
        if rate:
            return rate
    noun = _noun_after(text, fig, ce)
    if "将" in text[cs:fig.start] or "把" in text[cs:fig.start]:
        tail = _clause_tail(text, figs, ce)
        return (noun + tail) or clean_phrase(text[cs:fig.start])
    if prev is not None:
        rest = _after_prev_noun(text, prev, segment, ce)
        if not rest:
            return earlier[i - 1] or noun
        return _verb(text[cs:prev.start]) + rest
    head = _prefix_phrase(segment)
    return head + noun if noun and not head.endswith(noun) else head or noun


def _prefix_phrase(segment: str) -> str:
    """Clause text before the figure without markers, years, region, qualifiers, name lists."""
    s = clean_phrase(clean_phrase(segment).split("：")[-1])
    region = find_region(s)
    if region and s.startswith(region):
        s = s[len(region):]
    s = LEAD_WORDS.sub("", TIME_PHRASE.sub("", COMPARED_WITH.sub("", s)))
    s = TRAIL_WORDS.sub("", s)
    if s.endswith("等"):
        verb = LEAD_VERBS.match(s)
        s = verb.group() if verb else ""
    if region and s.startswith(("涉及", "在")):
        s = s.replace(region, "")
    verb = LEAD_VERBS.match(s)
    if verb and "、" in s:
        s = verb.group()
    return TRAIL_WORDS.sub("", CONNECTORS.sub("", s))


def _verb(clause_head: str) -> str:
    m = LEAD_VERBS.match(LEAD_WORDS.sub("", clean_phrase(clause_head)))
    return m.group() if m else ""


def _noun_after(text: str, fig: FigureMatch, ce: int) -> str:
    """The noun a classifier counts: 25个老旧小区改造 -> 老旧小区改造 (up to 及/和/、)."""
    if not fig.unit.is_count:
        return ""
    m = NOUN_AFTER.match(text[fig.end:ce])
    if not m:
        return ""
    cut = NOUN_CUT.search(m.group())
    return m.group()[: cut.start()] if cut else m.group()


def _after_prev_noun(text: str, prev: FigureMatch, segment: str, ce: int) -> str:
    """Segment between two figures minus the previous figure's noun and connectors."""
    noun = _noun_after(text, prev, ce)
    rest = segment[len(noun):] if noun and segment.startswith(noun) else segment
    rest = CONNECTORS.sub("", rest)
    return TRAIL_WORDS.sub("", clean_phrase(rest))


def _clause_tail(text: str, figs: list[FigureMatch], ce: int) -> str:
    """What follows the last figure of a 将…字句 clause: 全部改造完毕."""
    last = max((f for f in figs if f.end <= ce), key=lambda f: f.end)
    tail = text[last.end:ce]
    noun = _noun_after(text, last, ce)
    return CONNECTORS.sub("", tail[len(noun):] if tail.startswith(noun) else tail)


def _rate_subject(head: str) -> str:
    """开工率达 -> 开工率; 其中基础类、完善类改造覆盖率达 -> 基础类、完善类改造覆盖率."""
    s = TRAIL_WORDS.sub("", clean_phrase(head))
    m = RATE.search(s)
    if not m:
        return ""
    rate = regex.split(r"将|把|使|其中|的", m.group(1))[-1]
    return rate.strip("、")

# ---------------------------------------------------------------- phrases shared with tables and funding
CLAUSE_DELIMS = set("，,；;（）()。！？!?")
CLAUSE_DELIM = regex.compile("[" + regex.escape("".join(sorted(CLAUSE_DELIMS))) + "]")
CLAUSE_DELIM_BEFORE = regex.compile(CLAUSE_DELIM.pattern, regex.REVERSE)  # the nearest one before a point
LIST_MARKER = regex.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d)|[Ⅰ-Ⅻ][、.．])")
DATE_WORDS = regex.compile(
    r"(?:到|至|于|在)?(?:19|20)\d{2}\s*年(?:度)?(?:\s*\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*日)?)?"
    r"(?:年底|年末|底|末)?(?:前|以前|起|止)?")
YEAR = regex.compile(r"(?<![\d〔\[])((?:19|20)\d{2})\s*年(?!\s*(?:年底|底|末)?\s*(?:以?前|以?后)?\s*建成)")
REGION_SUFFIX = r"(?:自治区|自治州|特别行政区|街道|片区|社区|省|市|区|县|旗|镇|乡)"
REGION_TOKEN = (rf"(?:全(?:国|省|区|市|县|旗|镇|乡)|[我本](?:省|市|区|县|旗|镇|乡)"
                rf"|\p{{Han}}{{1,7}}?{REGION_SUFFIX})")
# 省级/市级 are levels, not places: a suffix followed by 级 ends no place name.
REGION_LIST = regex.compile(rf"{REGION_TOKEN}(?!级)(?:、{REGION_TOKEN}(?!级))*")
NOT_PLACE = regex.compile(
    r"小区|园区|改造|老旧|城镇|计划|完成|开工|涉及|项目|工作|部门|财政|建设|任务|实施|年|月|的|和|与|及|"
    r"类|市县|县区|区县|县市|各|该|每|共|其|所在|范围|以上|治理|"
    r"棚户|保护区|住宅区|居住区|生活区|工业区|商业区|功能区|风景区|库区|灾区|山区|牧区|林区|矿区|校区")
GENERIC_PLACE = {"城区", "辖区", "地区", "社区", "片区", "市区", "街道", "小区", "园区", "景区", "新区", "本区", "城市", "全区域"}
NOT_PLACE_START = "将把对在从向于到至为由请"
REGION_REACH = 200
REGION_AFTER = regex.compile(r"涉及|在|对|将|为|至|到|改造|完成|新开工|开工|覆盖|位于")


def clause_bounds(text: str, start: int, end: int, figs: Sequence[FigureMatch]) -> tuple[int, int]:
    """The clause around text[start:end]: between comma-level delimiters outside any figure
    (1,234万元 and 户（套） hold delimiters). The regex engine finds each nearest delimiter."""
    before = CLAUSE_DELIM_BEFORE.search(text, 0, start)
    while before and _in_figure(before.start(), figs):
        before = CLAUSE_DELIM_BEFORE.search(text, 0, before.start())
    after = CLAUSE_DELIM.search(text, end)
    while after and _in_figure(after.start(), figs):
        after = CLAUSE_DELIM.search(text, after.end())
    return (before.end() if before else 0), (after.start() if after else len(text))


def _in_figure(k: int, figs: Sequence[FigureMatch]) -> bool:
    """Whether position k lies inside one of the figures (in text order, never overlapping: the
    only candidate is the last one starting at or before k)."""
    i = bisect_right(figs, k, key=_START) - 1
    return i >= 0 and k < figs[i].end


_START = attrgetter("start")


@memo.by_value()  # subjects, regions and purposes clean the same clause heads over and over
def clean_phrase(s: str) -> str:
    """A phrase without list markers, dates, spaces and edge punctuation."""
    s = LIST_MARKER.sub("", s)
    if "年" in s:  # every date word has a 年
        s = DATE_WORDS.sub("", s)
    return without_spaces(s).strip("：:，,、；;。.（）()“”\"")


SPACES = regex.compile(r"[\s\u3000]+")


def without_spaces(s: str) -> str:
    """s without whitespace. Most phrases have none, and every whitespace character but ' ' is
    unprintable, so two C-level tests spare the substitution."""
    return s if s.isprintable() and " " not in s else SPACES.sub("", s)


def _region_at(s: str, pos: int) -> str | None:
    m = REGION_LIST.match(s, pos)
    if not m:
        return None
    return m.group() if all(_place_token(t) for t in m.group().split("、")) else None


@memo.by_value()  # the same district names come back in every clause and table row
def _place_token(token: str) -> bool:
    return not (NOT_PLACE.search(token) or token in GENERIC_PLACE or token[0] in NOT_PLACE_START)


@memo.by_value()  # each figure of a sentence looks again at the clauses before it
def find_region(phrase: str) -> str | None:
    """A place name at the start of a phrase, or right after 涉及/在/将/改造… (generic suffixes)."""
    for s in clean_phrase(phrase).split("："):
        s = clean_phrase(s)
        found = _region_at(s, 0)
        for m in REGION_AFTER.finditer(s):
            if found:
                break
            found = _region_at(s, m.end())
        if found:
            return found
    return None


def is_region(label: str) -> bool:
    """A label that is only a place name (or a list of them): 兴庆区, 全区, 宛城区."""
    s = without_spaces(label or "")
    m = REGION_LIST.fullmatch(s)
    return bool(m) and all(_place_token(t) for t in s.split("、"))


@memo.by_value()  # the figures of a sentence all ask it of their block's text before the sentence
def year_before(text: str, pos: int) -> int | None:
    """The last plan year written before pos (建成 years such as 2005年底前建成 are skipped)."""
    last = None
    for last in YEAR.finditer(text, 0, pos):
        pass
    return int(last.group(1)) if last else None


@memo.by_value()  # table cells ask it of their column's header path, once per cell
def year_in(text: str) -> int | None:
    m = YEAR.search(text)
    return int(m.group(1)) if m else None
