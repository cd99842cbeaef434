"""Who is acting in a clause: the departments and other actors that can stand as its subject.

Why apart from the duties: deciding *who* acts (a recognized department, a bare sector word such
as 区财政, a collective such as 各县市区, names sharing a suffix such as 审计、财政部门, an
enumeration X、Y和Z, the subject a previous clause left behind) is its own set of rules; what each
actor must do (role, duty text) is decided in `responsibilities`. A part of a sentence that reports a
past period (2024年，… in a notice of 2025) has no acting subject at all (`present_parts`).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import Sequence

from extract import rx as regex

from extract.extractors.base import Context
from extract.normalize.dates import find_time_expressions

# What may open a clause before its subject (一是, （三）, 同时…).
LEAD_IN = regex.compile(r"(?:(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])[ \t\u3000]*"
                        r"|同时|其中|此外|并)?")
# Marks right after which a name stands as the subject of what follows.
SUBJECT_AFTER = "，,：:）)；;。\n"
# What joins the names of one enumeration (X、Y和Z).
JOINERS = regex.compile(r"\s*(?:、|和|及|以及|与)\s*")
# Sector abbreviations used for their department (财政 for 财政局).
SECTOR_WORD_LIST = ("财政", "税务", "审计", "住建", "住房城乡建设", "住房和城乡建设", "发改", "发展改革", "人社", "民政",
                    "公安", "应急", "教育", "自然资源", "生态环境", "交通", "水务", "水利", "城管", "市场监管", "卫健",
                    "农业农村", "工信", "商务", "文旅", "统计", "司法", "卫生健康", "文化和旅游", "文化旅游",
                    "自然资源和规划", "林业", "体育", "医保", "气象", "科技", "工业和信息化", "人力资源社会保障",
                    "退役军人事务", "交通运输", "城市管理", "农业", "粮食", "能源")
# longest first: an alternation takes the first that matches (自然资源和规划 before 自然资源)
SECTOR_WORDS = "(?:" + "|".join(sorted(SECTOR_WORD_LIST, key=len, reverse=True)) + ")"
SECTOR_WORD = regex.compile(SECTOR_WORDS)
# Sector abbreviations that act as departments when a role verb follows (区财政负责…).
SECTOR_ROLES = r"(?:负责|牵头|配合|参与|会同)"
SECTOR = regex.compile(rf"(?:各?(?:[省市县区]|市县|县区|市区)?(?:级)?){SECTOR_WORDS}(?={SECTOR_ROLES})")
SECTOR_ROLE = regex.compile(SECTOR_ROLES)
# Sector words sharing the suffix of the name that follows (审计、财政部门 → 审计部门, 财政部门),
# with an optional level prefix (市、区两级).
SHARED_SUFFIX = regex.compile(rf"(?P<level>各?(?:[省市县区]、?)+(?:[（(][市县区、]{{1,5}}[）)])?(?:两级|三级|各级)?)?"
                              rf"(?:{SECTOR_WORDS}、)+$")
# A place (南湖县, 东城区) and a list of them sharing the name that follows (东山县、西河县、南湖县人民政府,
# 甲山县、乙塘县林业局): governments, committees and bureaus are named this way.
PLACE_ITEM = r"(?:(?!由|包括|会同)\p{Han}){1,6}?[县市区旗]"
PLACE_NAME = regex.compile(PLACE_ITEM + r"(?=(?:人民)?政府|党委|管委会|\p{Han}{1,10}?(?:局|委员会|委|办公室|办|联合会|残联|妇联)$)")
PLACE = regex.compile(PLACE_ITEM + r"(?=、)")
PLACE_REACH = 200  # a list of some thirty places at most: the search stays linear in a clause
PLACE_LIST = regex.compile(rf"(?:(?<!\p{{Han}})|(?<=由|会同|包括|和|及))(?:{PLACE_ITEM}、)+$")
# A collective of administrative areas acting as one (各区要…, 各县市区每月…上报); 各地 is too vague.
AREAS = r"(?:(?:县市区|市县区|市县|县市|县区|市区|[省市县区州盟旗])(?:、[省市县区州盟旗])*(?:[（(][市县区州盟旗、]{1,5}[）)])?|乡镇|街道)"
# 于 before a time (县教育局于11月30日前…, 各县于第三季度…): whoever stands before it acts by then.
YU_TIME = r"于(?=\s*[\d０-９一二三四五六七八九十〇每本次明下上年第])"
COLLECTIVE_ACTS = (r"(?=要|应当|应|须|必须|将|需|负责|牵头|配合|参与|会同|每(?:[两二三四五六]个?)?(?:月|季度|季|半年|年|周)|定期|按|参照|组织|开展"
                   r"|" + YU_TIME + ")")
# Areas named by their part in the work (各项目县, 属地乡镇, 试点县（区）) act for themselves too.
AREA_ROLE = r"(?:属地|项目|试点|示范|重点)"
# What every such area holds (项目 or 重点 alone are in most sentences): the cheap test before the search.
AREA_ROLE_WORD = regex.compile(AREA_ROLE + r"(?:[省市县区州盟旗乡镇]|街道)")
COLLECTIVE = regex.compile(rf"(?:各{AREA_ROLE}?|{AREA_ROLE}){AREAS}(?!各)" + COLLECTIVE_ACTS)
# The level a name opens on (各市, 各县（市、区）, 县, 省级), not a word that starts like one (市场, 市民).
LEVEL_PREFIX = regex.compile(r"各(?:县（市、区）|县（区）|市（州）|县市区|市县|县区|[省市县区州盟旗])"
                             r"|[省市县区州盟旗]级?(?![场民容域属内外直])(?=\p{Han}{2})")
LEVEL_CHARS = frozenset("省市县区州盟旗乡镇各全本我")
NOT_LEVEL_WORDS = ("市场", "市政", "市容")  # words opening on a level character (市场监管局 has no level)
LEVELLED_SUFFIXES = ("局", "厅", "委", "办", "委员会", "部门", "残联", "妇联", "科协", "联合会")
# Other actors joined to a listed name (…等单位和企业) act with it; ALSO_FIRST: how it can begin.
ALSO_ACTOR = regex.compile(r"(?:和|及|以及|与)(?:其他|相关|有关)?(?:企业|机构)")
ALSO_FIRST = frozenset("和及以与")
# Kinds listed before a name (电力、通讯、供水等…单位) belong to it.
LISTED_KINDS = regex.compile(r"\p{Han}{1,6}(?:、\p{Han}{1,6})+等$")
# An actor the recognizer does not know, standing before a role verb (各项目学校负责…).
OWN_ACTOR = regex.compile(r"(?:各\p{Han}{1,10}?|\p{Han}{1,10}?[校院所站局委办厅司队会门位业园社区镇乡村])"
                          r"(?=负责|牵头|配合|要|应|须|已|将|按|于|每)")
# Institutions the recognizer leaves out (各学校, 各项目学校, 县人民医院, 乡镇卫生院), acting only when a
# modal, role verb, frequency or 按/于 follows.
INSTITUTION_KINDS = r"(?:学校|中小学|小学|中学|幼儿园|医院|卫生院|中心|站|(?<!场)所|林场|农场|养殖场|屠宰场|企业)"  # 场所 is a place
INSTITUTION_ACTS = r"(?=要|应当|应|须|必须|将|需|负责|牵头|配合|参与|会同|每(?:[两二三四五六]个?)?(?:月|季度|季|半年|年|周)|定期|按|于)"
# A school or hospital named by its kind alone (学校要…) is every one the notice is about; a bare
# 中心/站/所/企业 is too vague, and so are 其所/该中心.
BARE_INSTITUTION = r"(?:学校|幼儿园|医院|卫生院)"
# Not a name: pointers (其所, 该中心) and the words a clause opens on before its object (对液冷超充站按…,
# 指导物业服务企业…).
_INSTITUTION_NAME = r"(?!由|其|该|此|本|所|每|对|向|为|按|在|给|把|将|指导|督促|引导|鼓励|支持|要求|组织|推动|动员)(?:各\p{Han}{0,8}?|\p{Han}{1,8}?|(?=" + BARE_INSTITUTION + "))" + INSTITUTION_KINDS
# …, or listed before another that acts (各乡镇中心学校、县直各学校要…): both act.
INSTITUTION = regex.compile(_INSTITUTION_NAME + "(?:" + INSTITUTION_ACTS + "|(?=、" + _INSTITUTION_NAME
                            + INSTITUTION_ACTS + "))")
# How every institution ends: its kind, then what it does. Searched before the starts are tried.
INSTITUTION_KIND = regex.compile(INSTITUTION_KINDS + INSTITUTION_ACTS)
# Where an institution may stand: after these marks (and at the clause start).
INSTITUTION_AFTER = regex.compile("[" + regex.escape(SUBJECT_AFTER + "由、") + "]")
# Clauses that set who the next subjectless 负责… clause is about.
HOST = regex.compile(r"(?:办公室|办事机构)?设在")
# A clause composing a group: …担任组长, …为成员.
COMPOSING = regex.compile(r"(?:担任|任)(?:副组长|组长)|为成员")
# A composed body (领导小组, 专班…): subjectless duties after the clause composing it are its own.
# Endings of a name (str.endswith), not a pattern: asked of every name of a sentence.
GROUP_BODY = ("领导小组", "工作小组", "指挥部", "专班")
# A part of a sentence opening on a past period reports what was done (annual reports: 2024年，全省各级
# 财政部门认真落实…; 今年以来…; 过去一年…). A bare year counts only when it is before the notice's year.
PAST_OPENING = regex.compile(r"(?:过去(?:的)?一年|去年|上年度?|上一年度?|近年来|近几年来?|多年来|今年以来|年初以来"
                             r"|(?P<since>(?:19|20)\d{2})年(?:以来|来)"
                             r"|(?P<year>(?:19|20)\d{2})年(?:度|全年|上半年|下半年|1[-—至~]\d{1,2}月)?)(?=[，,])")
PART_END = regex.compile(r"[；;]")
# A clause that is only a dated period (…，2026年1月至3月，…).
PERIOD_CLAUSE = regex.compile(r"(?:^|(?<=[，,]))\s*((?:19|20)\d{2}年[^，,。；;]{0,16}?)[，,]")


@dataclass(frozen=True)
class Dept:
    """A department (or other actor) named at text[start:end]."""

    start: int
    end: int
    name: str


def depts_within(depts: Sequence[Dept], start: int, end: int, after_start: bool = False) -> list[Dept]:
    """The names of `depts` lying in text[start:end] (starting after `start` when `after_start`).

    Recognized names come left to right and never overlap, so starts and ends both ascend and the
    answer is one slice found by bisection: filtering every name of the notice for every block
    and sentence is quadratic."""
    lo = (bisect_right if after_start else bisect_left)(depts, start, key=_START)
    hi = bisect_right(depts, end, key=_END)
    return list(depts[lo:hi])


_START, _END = attrgetter("start"), attrgetter("end")


def subject_candidates(text: str, cs: int, ce: int, depts: list[Dept]) -> list[Dept]:
    """Possible subjects of a clause: names, bare sectors and collectives, with their listed kinds,
    shared suffixes split (审计、财政部门) and joined actors (…单位和企业) taken in."""
    found = depts + _sector_depts(text, cs, ce) + _collective_depts(text, cs, ce) \
        + _institution_depts(text, cs, ce, depts)
    out: list[Dept] = []
    for d in found:
        d = _with_listed_items(text, d, cs)
        also = ALSO_ACTOR.match(text, d.end) if text[d.end:d.end + 1] in ALSO_FIRST else None
        d = Dept(d.start, also.end(), d.name + also.group()) if also else d
        parts = _split_shared_suffix(text, d, cs)
        out += parts if len(parts) > 1 else _split_shared_place(text, d, cs)
    kept: list[Dept] = []
    for d in sorted(out, key=_leftmost_longest) if len(out) > 1 else out:
        if not kept or d.start >= kept[-1].end:
            kept.append(d)
    return kept


def may_name_actor(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] can hold a subject other than a recognized name: what each of the extra
    kinds in `subject_candidates` needs (a sector word before a role verb, 各, an institution kind
    before what it does). Most sentences of a notice name no one; this lets them be skipped with
    a few cheap searches. It holds for a stretch whenever it holds for a part of it."""
    return bool(text.find("各", s, e) >= 0 or AREA_ROLE_WORD.search(text, s, e) or _sector_before_role(text, s, e)
                or INSTITUTION_KIND.search(text, s, e))


def _leftmost_longest(d: Dept) -> tuple[int, int]:
    return d.start, -d.end


def at_subject_position(text: str, clause_start: int, pos: int) -> bool:
    """At the clause start (after a lead-in such as 一是 or （三）), or right after ，：）."""
    lead = LEAD_IN.match(text, clause_start)
    return pos == clause_start or pos == lead.end() or text[pos - 1] in SUBJECT_AFTER


def continues_subject(text: str, cs: int, ce: int, depts: list[Dept]) -> bool:
    """A clause keeps the previous subject unless it names its own (a known department, an
    unknown actor before 负责 such as 各项目学校), or opens on a new time (第二季度末，…)."""
    if any(cs <= d.start < ce and at_subject_position(text, cs, d.start) for d in depts):
        return False
    if OWN_ACTOR.match(text, cs, ce):
        return False
    opening = find_time_expressions(text[cs:ce])
    if not (opening and opening[0].start == 0):
        return True
    after = cs + opening[0].end
    return text[after:after + 1] not in "，,"


def context_subject(text: str, cs: int, ce: int, depts: list[Dept], body: str | None) -> list[str]:
    """`办公室设在X` → X; a clause composing a group (…担任组长, …为成员) → the group."""
    host = HOST.search(text, cs, ce)
    hosted = enumeration_at(text, depts, host.end()) if host else []
    if hosted:
        return [d.name for d in hosted]
    composed = COMPOSING.search(text, cs, ce)
    return [body] if composed and body else []


def enumeration(text: str, depts: list[Dept], i: int) -> list[Dept]:
    """Departments from index i joined by 、/和/及/与 into one enumeration; a later name written
    without its level takes the first one's (各市残联、财政局 → 各市财政局; 县教育局、卫健局 →
    县卫健局)."""
    group = [depts[i]]
    for d in depts[i + 1:]:
        if JOINERS.fullmatch(text[group[-1].end:d.start]):
            group.append(d)
        elif _bracketed_after(text, group[-1], d):
            group.append(Dept(d.start, d.end + 1, d.name))
        else:
            break
    if len(group) > 1 and (level := LEVEL_PREFIX.match(group[0].name)):
        group[1:] = [Dept(d.start, d.end, level.group() + d.name) if _lacks_level(d.name) else d
                     for d in group[1:]]
    return group


def _lacks_level(name: str) -> bool:
    """A bureau named by its sector alone (财政局, 卫生健康委), with no level or place before it."""
    return not LEVEL_PREFIX.match(name) and (name[0] not in LEVEL_CHARS or name.startswith(NOT_LEVEL_WORDS)) \
        and name.endswith(LEVELLED_SUFFIXES) and len(name) <= 12


def enumeration_at(text: str, depts: list[Dept], pos: int) -> list[Dept]:
    """The enumeration whose first name starts exactly at pos (after 会同, 设在…), or none."""
    first = next((i for i, d in enumerate(depts) if d.start == pos), None)
    return enumeration(text, depts, first) if first is not None else []


def enumeration_ending_at(text: str, depts: list[Dept], i: int) -> list[Dept]:
    """The enumeration that ends with depts[i]."""
    j = i
    while j > 0 and (JOINERS.fullmatch(text[depts[j - 1].end:depts[j].start])
                     or _bracketed_after(text, depts[j - 1], depts[j])):
        j -= 1
    return depts[j:i + 1]


def _bracketed_after(text: str, before: Dept, d: Dept) -> bool:
    """`各乡镇人民政府（街道办事处）`: a name in brackets right after another stands beside it (the
    same convention as a duty list's label): both act."""
    return text[before.end:d.start] in ("（", "(") and text[d.end:d.end + 1] in ("）", ")")


def _with_listed_items(text: str, dept: Dept, clause_start: int) -> Dept:
    """`电力、通讯、供水等专业经营单位` at a clause start: the listed kinds belong to the name.
    The list must end in 等 right before the name; checking that first spares a search."""
    if "等" not in text[max(clause_start, dept.start - 2):dept.start]:
        return dept
    m = LISTED_KINDS.search(text, clause_start, dept.start)
    if m and at_subject_position(text, clause_start, m.start()):
        return Dept(m.start(), dept.end, text[m.start():dept.end])
    return dept


def _split_shared_suffix(text: str, dept: Dept, clause_start: int) -> list[Dept]:
    """`市、区两级审计、财政部门`: each sector word before the name takes the name's suffix.
    Only a name opening on a sector word, right after a 、, can: checked before the search."""
    if "、" not in text[max(clause_start, dept.start - 2):dept.start]:
        return [dept]
    head = SECTOR_WORD.match(dept.name)
    if not head or len(head.group()) == len(dept.name):
        return [dept]
    m = SHARED_SUFFIX.search(text, clause_start, dept.start)
    if not m:
        return [dept]
    suffix = dept.name[head.end():]
    words = list(SECTOR_WORD.finditer(text, m.end("level") if m["level"] else m.start(), dept.start))
    # a plain level before the list (市, 各县（市、区）) is the first name's: the enumeration then
    # carries it to the others; 市、区两级 is left as it was written
    level = m["level"] or ""
    level = level if level and "级" not in level and "、" not in regex.sub(r"[（(][^）)]*[）)]", "", level) else ""
    out = [Dept(w.start() if i else m.start(), w.end(), (level if i == 0 else "") + w.group() + suffix)
           for i, w in enumerate(words)]
    return out + [dept]


def with_shared_places(text: str, depts: list[Dept], start: int) -> list[Dept]:
    """`depts` with the places that share a name's body listed before it (…和东城区、西城区人民政府为
    成员单位: 东城区人民政府 too), for rules that walk the recognized names themselves."""
    out: list[Dept] = []
    for d in depts:
        out += _split_shared_place(text, d, start)
    return out


def _split_shared_place(text: str, dept: Dept, clause_start: int) -> list[Dept]:
    """`东山县、西河县、南湖县人民政府`: each place listed before the name takes the name's body
    (东山县人民政府, 西河县人民政府, then the name itself; a county-level city may be among them). Only a
    name opening on a place, right after a 、, can: checked before the search."""
    if text[dept.start - 1:dept.start] != "、" or dept.start - 1 < clause_start:
        return [dept]
    own = PLACE_NAME.match(dept.name)
    if not own or own.end() == len(dept.name):
        return [dept]
    body = dept.name[own.end():]
    m = PLACE_LIST.search(text, max(clause_start, dept.start - PLACE_REACH), dept.start)
    if not m:
        return [dept]
    places = list(PLACE.finditer(text, m.start(), dept.start))
    return [Dept(p.start(), p.end(), p.group() + body) for p in places] + [dept]


def _collective_depts(text: str, cs: int, ce: int) -> list[Dept]:
    """各区/各县市区 standing for each area's government, only before a modal, role verb or frequency."""
    if text.find("各", cs, ce) < 0 and not AREA_ROLE_WORD.search(text, cs, ce):
        return []
    return [Dept(m.start(), m.end(), m.group()) for m in COLLECTIVE.finditer(text, cs, ce)]


def _sector_depts(text: str, cs: int, ce: int) -> list[Dept]:
    """Bare sector names used as subjects (区财政负责…), only before a role verb: checked before
    trying every sector word at every character (many clauses have a role verb, few a bare
    sector before it)."""
    if not _sector_before_role(text, cs, ce):
        return []
    return [Dept(m.start(), m.end(), m.group()) for m in SECTOR.finditer(text, cs, ce)]


def _sector_before_role(text: str, s: int, e: int) -> bool:
    """Whether a sector word ends right where a role verb starts, in text[s:e]: what every SECTOR
    match holds. Role verbs are looked for first (most clauses have none), then a suffix test."""
    role = SECTOR_ROLE.search(text, s, e)
    while role and not text.endswith(SECTOR_WORD_LIST, s, role.start()):
        role = SECTOR_ROLE.search(text, role.end(), e)
    return role is not None


def _institution_depts(text: str, cs: int, ce: int, depts: list[Dept]) -> list[Dept]:
    """Institutions standing where a subject stands (clause start, after ，：由), not inside a name
    already recognized. Most clauses name no institution kind before a verb: one search rules
    them out."""
    if not INSTITUTION_KIND.search(text, cs, ce):
        return []
    lead = LEAD_IN.match(text, cs).end()
    starts = {cs, lead} | {m.end() for m in INSTITUTION_AFTER.finditer(text, cs, ce)}
    out = []
    for p in sorted(starts):
        m = INSTITUTION.match(text, p, ce)
        if m and not any(d.start <= m.start() < d.end for d in depts):
            out.append(Dept(m.start(), m.end(), m.group()))
    return out


# ---------------------------------------------------------------- reports of the past

def present_parts(ctx: Context, s: int, e: int) -> list[tuple[int, int]]:
    """The sentence without its parts (split at ；) that open on a past period: runs of the rest."""
    runs: list[tuple[int, int]] = []
    previous_kept = False
    for ps, pe in _parts(ctx.text, s, e):
        if _opens_on_past(ctx, ps, pe):
            previous_kept = False
            continue
        if previous_kept:
            runs[-1] = (runs[-1][0], pe)
        else:
            runs.append((ps, pe))
        previous_kept = True
    return runs


def _opens_on_past(ctx: Context, ps: int, pe: int) -> bool:
    """`2024年，全省…` in a notice of 2025, `今年以来，…`: the part reports, it assigns nothing.
    Every past opening says 年, so a part without one is skipped before the two matches."""
    if ctx.text.find("年", ps, pe) < 0:
        return False
    lead = LEAD_IN.match(ctx.text, ps, pe).end()
    m = PAST_OPENING.match(ctx.text, lead, pe)
    if not m:
        return _dated_before_issue(ctx, lead, pe)
    if m["since"]:
        return True
    if not m["year"]:
        return True
    year = _notice_year(ctx)
    return year is not None and int(m["year"]) < year


def _dated_before_issue(ctx: Context, lead: int, pe: int) -> bool:
    """`2026年1月至3月，市医保局…开展了…` in a notice of May 2026 (or `为…，根据…，2026年1月26日至2月9日，
    省应急管理厅…开展暗访检查`): a part holding a clause that is only a dated period, ended before the
    notice was issued, reports what was done."""
    issued = ctx.meta.issue_date
    if issued is None:
        return False
    for clause in PERIOD_CLAUSE.finditer(ctx.text, lead, pe):
        exprs = find_time_expressions(clause.group(1))
        if len(exprs) != 1 or exprs[0].raw != clause.group(1) or exprs[0].needs_year:
            continue
        end = exprs[0].due_date or exprs[0].start_date
        if end is not None and end < issued:
            return True
    return False


def _notice_year(ctx: Context) -> int | None:
    """The year the notice is written in: its issue date, else what deadlines reads from the text."""
    if ctx.meta.issue_date:
        return ctx.meta.issue_date.year
    from extract.extractors.deadlines import notice_year_of  # deadlines imports this module

    hint = notice_year_of(ctx)
    return hint.year if hint else None


def _parts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Spans of text[s:e] between ；, leading spaces skipped, empty ones dropped. Most sentences
    have no ；: two plain searches tell so before any pattern runs."""
    marks = [m.span() for m in PART_END.finditer(text, s, e)] \
        if text.find("；", s, e) >= 0 or text.find(";", s, e) >= 0 else []
    out, pos = [], s
    for end, after in marks + [(e, e)]:
        start = pos
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            out.append((start, end))
        pos = after
    return out
