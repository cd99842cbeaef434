"""Who must do what: department + role + duty, each grounded on the clause that says it.

Notices state duties in a few fixed shapes, handled here one by one:
- duty lists `X：负责…；负责…` (one responsibility per clause, role from the leading verb);
- sentences with a department as subject: `X负责…`, `X要/应…`, `X联合Y…`, `X牵头，Y、Z…进行…`,
  `由X牵头…`; later `；负责…` clauses of the same sentence keep that subject;
- leading-group composition: `由X主要领导担任组长`, `X、Y等相关单位为成员`.
Deadlines and amounts inside a duty are left to their own extractors (linked later).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extract.extractors.base import Context, register
from extract.extractors.departments import find_departments
from extract.normalize.dates import find_time_expressions
from schemas import BlockKind, Fact, Responsibility

# Leading verb → role. Checked longest first; STRIPPED verbs are removed from the duty text.
ROLE_VERBS = {"负责牵头": "牵头", "牵头负责": "牵头", "负责": "负责", "牵头": "牵头", "配合": "配合",
              "参与": "参与", "会同": "会同", "指导": "指导", "协调": "协调"}
STRIPPED = {"负责牵头", "牵头负责", "负责", "牵头", "配合", "参与"}
# 协调解决/协调处理 is doing the work itself, not coordinating others: no 协调 role then.
ROLE_RE = regex.compile("|".join(sorted(set(ROLE_VERBS) - {"协调"}, key=len, reverse=True))
                        + r"|协调(?!解决|处理|推进|落实)")
MODAL = regex.compile(r"(?:要|应当|应|须|必须|将|需)")
# Verbs, adverbials and frequencies that make a department at clause start the one who acts.
ACTION = regex.compile(r"(?:按照|根据|结合|对|在|做好|制定|督促|按|加强|落实|统筹|建立|负总责|积极|认真|切实|及时"
                       r"|主动|定期|上报|报送|每(?:月|季度|季|半年|年|周))")
# Exhortations to understand or value something state no duty (要充分认识到…, 要高度重视…).
AWARENESS = regex.compile(r"(?:充分|深刻|进一步|切实)?(?:认识到|认识|领会|提高(?:思想)?认识|高度重视)")
# Where a clause may split into separate duties of the same department.
DUTY_SPLIT = regex.compile(r"[；;]|[，,、](?=(?:负责|参与|配合|牵头)(?![权度者方人]))")
LEAD_IN = regex.compile(r"(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|同时|其中|此外|并)?")
SUBJECT_AFTER = "，,：:）)；;。\n"
JOINERS = regex.compile(r"\s*(?:、|和|及|以及|与)\s*")
SECTOR_WORDS = (r"(?:财政|税务|审计|住建|住房城乡建设|住房和城乡建设|发改|发展改革|人社|民政|公安|应急|教育|自然资源"
                r"|生态环境|交通|水务|水利|城管|市场监管|卫健|农业农村|工信|商务|文旅|统计|司法)")
SECTOR_WORD = regex.compile(SECTOR_WORDS)
# Sector abbreviations that act as departments when a role verb follows (区财政负责…).
SECTOR = regex.compile(rf"(?:各?(?:[省市县区]|市县|县区|市区)?(?:级)?){SECTOR_WORDS}(?=负责|牵头|配合|参与|会同)")
# Sector words sharing the suffix of the name that follows (审计、财政部门 → 审计部门, 财政部门),
# with an optional level prefix (市、区两级).
SHARED_SUFFIX = regex.compile(rf"(?:(?:[省市县区]、?)+(?:两级|三级|各级)?)?(?:{SECTOR_WORDS}、)+$")
# A collective of administrative areas acting as one (各区要…, 各县市区每月…上报); 各地 is too vague.
AREAS = r"(?:(?:县市区|市县区|市县|县市|县区|市区|[省市县区州盟旗])(?:、[省市县区州盟旗])*(?:[（(][市县区、]{1,5}[）)])?|乡镇)"
COLLECTIVE = regex.compile(rf"各{AREAS}"
                           r"(?=要|应当|应|须|必须|将|需|负责|牵头|配合|参与|会同|每(?:月|季度|季|半年|年|周)|定期|按)")
# Staff of a department stand for it (社区工作人员要…); other actors joined to a listed name (…等单位和企业).
STAFF = regex.compile(r"(?:的)?(?:工作人员|干部职工|干部)")
ALSO_ACTOR = regex.compile(r"(?:和|及|以及|与)(?:其他|相关|有关)?(?:企业|机构)")
LEADER = r"(?:主要领导|主要负责同志|主要负责人|分管领导|分管负责同志|负责同志|负责人|领导)?"
CHAIR = regex.compile(rf"{LEADER}(?:担任|任)(?P<role>副组长|组长|成员)")
MEMBERS = regex.compile(rf"(?:等(?:相关|有关)?(?:单位|部门))?{LEADER}为成员")
PARTNER = regex.compile(r"(?:联合|会同)")
LISTED_KINDS = regex.compile(r"\p{Han}{1,6}(?:、\p{Han}{1,6})+等$")
JOINT_ACTION = regex.compile(r"联合|共同|进行|开展|组成|参加")
# An actor the recognizer does not know, standing before a role verb (各项目学校负责…).
OWN_ACTOR = regex.compile(r"(?:各\p{Han}{1,10}?|\p{Han}{1,10}?[校院所站局委办厅司队会门位业园社区镇乡村])"
                          r"(?=负责|牵头|配合|要|应|须)")
NOT_LEAD = ("配合", "参与", "成员", "组长", "副组长")
# Clauses that set who the next subjectless 负责… clause is about.
HOST = regex.compile(r"(?:办公室|办事机构)?设在")
GROUP_BODY = regex.compile(r"(?:领导小组|工作小组|指挥部|专班)$")
ANAPHOR = regex.compile(r"由其(?=负责|牵头)")


@dataclass(frozen=True)
class Dept:
    start: int
    end: int
    name: str


@register("responsibilities")
def extract_responsibilities(ctx: Context) -> list[Fact]:
    """Responsibilities from duty lists, subject sentences and leading-group composition."""
    depts = [Dept(*d) for d in _departments_of(ctx.text)]
    facts: list[Responsibility] = []
    for block in ctx.document.blocks:
        if block.kind == BlockKind.table:
            continue
        inside = [d for d in depts if block.start <= d.start and d.end <= block.end]
        listed = _duty_list(ctx, block.start, block.end, inside)
        facts += listed if listed is not None else _block_duties(ctx, block.start, block.end, inside)
    return _dedupe(facts)


def acting_departments(ctx: Context, start: int, end: int) -> list[str]:
    """The first group of departments that acts in text[start:end] (as subject, after 由, or by
    hosting an office), partners and members left out: who a stage heading's deadline belongs to."""
    depts = [Dept(*d) for d in _departments_of(ctx.text) if start <= d[0] and d[1] <= end]
    leads = [f for f in _sentence_duties(ctx, start, end, depts) if f.role not in NOT_LEAD]
    if not leads:
        return []
    first = min(leads, key=lambda f: f.start)
    return list(dict.fromkeys(f.department for f in leads if f.duty == first.duty))


@lru_cache(maxsize=8)
def _departments_of(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(find_departments(text))


def _dedupe(facts: list[Responsibility | None]) -> list[Responsibility]:
    """Drop empty duties (a bare `X配合`) and the same duty found twice by two rules."""
    seen: set[tuple[str, int, str]] = set()
    out = []
    for f in sorted((f for f in facts if f), key=lambda f: (f.start, f.end)):
        key = (f.department, f.start, f.duty)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# ---------------------------------------------------------------- duty lists  X：负责…；负责…

def _duty_list(ctx: Context, start: int, end: int, depts: list[Dept]) -> list[Responsibility] | None:
    """`原州区财政局：会同…` / `电信、移动、联通：对…`; None when the block is not a duty list."""
    text = ctx.text[start:end]
    m = regex.match(r"^([^，。；：:,;]{2,30})[：:]\s*(?=\S)", text)
    if not m:
        return None
    label = m.group(1)
    names = [d for d in depts if d.end <= start + m.end(1)]
    covered = sum(len(d.name) for d in names) + len(JOINERS.findall(label))
    if names and covered == len(label.strip()):
        who = names
    elif regex.fullmatch(r"\p{Han}{1,6}(?:、\p{Han}{1,6})+", label):
        who = [Dept(start, start + len(label), label)]
    else:
        return None
    facts = []
    for s, e in _sentences(ctx.text, start + m.end(), end):
        if ctx.text[s] in "（(":
            facts += _note_duties(ctx, s, e, depts)
            continue
        for i, (ps, pe) in enumerate(_clauses(ctx.text, s, e)):
            facts += [_fact(ctx, d, d.start if (i == 0 and s == start + m.end()) else ps, ps, pe)
                      for d in who]
            facts += _listed_partners(ctx, ps, pe, depts)
    return facts


def _listed_partners(ctx: Context, ps: int, pe: int, depts: list[Dept]) -> list[Responsibility]:
    """`X：会同Y制定…`: Y, named by 会同/联合 at the head of a listed duty, cooperates."""
    partner = PARTNER.match(ctx.text, ps, pe)
    others = _group_at(ctx.text, depts, partner.end()) if partner else []
    return [_fact(ctx, d, d.start, others[-1].end, pe, role="配合") for d in others]


def _note_duties(ctx: Context, s: int, e: int, depts: list[Dept]) -> list[Responsibility]:
    """A parenthetical note in a duty list may state its own duty (（…由街道办事处成立…）)."""
    inner_end = e - 1 if ctx.text[e - 1] in "）)" else e
    inside = [d for d in depts if s < d.start and d.end <= inner_end]
    return _leadership(ctx, inside) + _sentence_duties(ctx, s + 1, inner_end, inside)


# ---------------------------------------------------------------- sentences with a subject

def _block_duties(ctx: Context, start: int, end: int, depts: list[Dept]) -> list[Responsibility]:
    facts: list[Responsibility] = []
    for s, e in _sentences(ctx.text, start, end):
        in_sentence = [d for d in depts if s <= d.start and d.end <= e]
        facts += _leadership(ctx, in_sentence)
        facts += _sentence_duties(ctx, s, e, in_sentence)
    return facts


def _sentence_duties(ctx: Context, s: int, e: int, depts: list[Dept]) -> list[Responsibility]:
    """Clause by clause; a clause without a subject keeps the previous clause's subject, or the
    one a context clause set (the group just composed, the department hosting its office)."""
    facts: list[Responsibility] = []
    subject: list[str] = []
    body = next((d.name for d in depts if GROUP_BODY.search(d.name)), None)
    for cs, ce in _clauses(ctx.text, s, e):
        found = [f for f in _subject_duties(ctx, cs, ce, depts) + _anaphor_duties(ctx, s, cs, ce, depts) if f]
        if found:
            facts += found
            leads = [f.department for f in found if f.role not in ("配合", "参与")]
            subject = list(dict.fromkeys(leads))
            continue
        if subject and _continues_subject(ctx.text, cs, ce, depts):
            facts += [_fact(ctx, Dept(cs, cs, name), cs, cs, ce) for name in subject]
        else:
            subject = _context_subject(ctx.text, cs, ce, depts, body)
    return facts


def _context_subject(text: str, cs: int, ce: int, depts: list[Dept], body: str | None) -> list[str]:
    """`办公室设在X` → X; a clause composing a group (…担任组长, …为成员) → the group."""
    host = HOST.search(text, cs, ce)
    hosted = _group_at(text, depts, host.end()) if host else []
    if hosted:
        return [d.name for d in hosted]
    composed = regex.search(r"(?:担任|任)(?:副组长|组长)|为成员", text[cs:ce])
    return [body] if composed and body else []


def _anaphor_duties(ctx: Context, s: int, cs: int, ce: int, depts: list[Dept]) -> list[Responsibility]:
    """`移交给专业经营单位，由其负责…`: 其 is the last department named before it in the sentence."""
    m = ANAPHOR.search(ctx.text, cs, ce)
    before = [d for d in depts if m and s <= d.start and d.end <= m.start()]
    if not before:
        return []
    return _act(ctx, [Dept(m.start(), m.end(), before[-1].name)], m.end(), (ce, ce), depts, True)


def _subject_duties(ctx: Context, cs: int, ce: int, depts: list[Dept]) -> list[Responsibility]:
    """Responsibilities of departments standing as subject (or after 由) inside one clause."""
    text = ctx.text
    candidates = _candidates(text, cs, ce, depts)
    facts: list[Responsibility] = []
    i = 0
    while i < len(candidates):
        group = _group(text, candidates, i)
        first, last = group[0], group[-1]
        i += len(group)
        if not (cs <= first.start and last.end <= ce):
            continue
        by = text[max(cs, first.start - 1):first.start] == "由"
        if not (by or _at_subject_position(text, cs, first.start)):
            continue
        facts += _act(ctx, group, last.end, (_duty_end(text, last.end, ce, candidates), ce), candidates, by)
    return facts


def _act(ctx: Context, group: list[Dept], pos: int, ends: tuple[int, int], depts: list[Dept],
         by: bool) -> list[Responsibility]:
    """What follows the subject group: 联合 Y, 牵头，Y…, a role verb, a modal or an action.

    `ends` is (end of this subject's duty, end of the clause); `by` is True after 由.
    """
    text = ctx.text
    end, clause_end = ends
    if CHAIR.match(text, pos) or MEMBERS.match(text, pos) or regex.match(r"局长|主任|兼任", text[pos:]):
        return []
    staff = STAFF.match(text, pos)
    pos = staff.end() if staff else pos
    partner = PARTNER.match(text, pos)
    if partner:
        others = _group_at(text, depts, partner.end())
        if others:
            lead_role = "会同" if partner.group() == "会同" else "牵头"
            duty_start = others[-1].end
            return ([_fact(ctx, d, d.start, duty_start, end, role=lead_role) for d in group]
                    + [_fact(ctx, d, d.start, duty_start, end, role="配合") for d in others])
    lead = regex.match(r"牵头\s*[，,]\s*", text[pos:clause_end])
    if lead:
        return _lead_and_participants(ctx, group, pos + lead.end(), clause_end, depts)
    modal = MODAL.match(text, pos)
    if AWARENESS.match(text, modal.end() if modal else pos):
        return []
    if modal and not ROLE_RE.match(text, modal.end()):
        return [_fact(ctx, d, d.start, modal.end(), end, role="负责") for d in group]
    duty_start = modal.end() if modal else pos
    if by or ROLE_RE.match(text, duty_start) or ACTION.match(text, duty_start):
        return [_fact(ctx, d, d.start, duty_start, end) for d in group]
    return []


def _lead_and_participants(ctx: Context, group: list[Dept], pos: int, end: int,
                           depts: list[Dept]) -> list[Responsibility]:
    """`X牵头，Y、Z等进行联合验收`: X leads the whole remainder, Y and Z take part in the action."""
    facts = [_fact(ctx, d, d.start, pos, end, role="牵头") for d in group]
    action = JOINT_ACTION.search(ctx.text, pos, end)
    if action:
        facts += [_fact(ctx, d, d.start, action.start(), end, role="参与")
                  for d in depts if pos <= d.start and d.end <= action.start()]
    return facts


# ---------------------------------------------------------------- leading group

def _leadership(ctx: Context, depts: list[Dept]) -> list[Responsibility]:
    """`由区政府主要领导担任组长` → 组长; `X、Y等相关单位为成员` → 成员."""
    facts: list[Responsibility] = []
    text = ctx.text
    group_name = next((d.name for d in depts if d.name.endswith("领导小组")), None)
    for i, d in enumerate(depts):
        chair = CHAIR.match(text, d.end)
        if chair:
            facts.append(_fact(ctx, d, d.start, d.end, chair.end(), role=chair["role"],
                               duty=group_name or text[d.end:chair.end()]))
        member = MEMBERS.match(text, d.end)
        if member and not chair and text[d.start - 1:d.start] != "等":
            group = _group_back(text, depts, i)
            facts += [_fact(ctx, g, g.start, d.end, d.end + member.end() - member.start(), role="成员",
                            duty=group_name or "成员") for g in group]
    return facts


# ---------------------------------------------------------------- helpers

def _fact(ctx: Context, dept: Dept, quote_start: int, duty_start: int, duty_end: int,
          role: str | None = None, duty: str | None = None) -> Responsibility | None:
    """A grounded responsibility; the role comes from the duty's leading verb unless given."""
    text = ctx.text
    verb = ROLE_RE.match(text, duty_start, duty_end)
    if role is None:
        role = ROLE_VERBS[verb.group()] if verb else "负责"
    if duty is None:
        body_start = verb.end() if verb and verb.group() in STRIPPED else duty_start
        duty = text[body_start:duty_end].strip(" \t\n，,。；;、")
    quote_end = _trim_end(text, quote_start, duty_end)
    if not duty:
        return None
    return Responsibility(**ctx.ground(quote_start, quote_end), department=dept.name, role=role,
                          duty=duty)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n，,。；;、":
        end -= 1
    return end


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _split(text, start, end, regex.compile(r"[。！？!?]"))


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _split(text, start, end, DUTY_SPLIT)


def _split(text: str, start: int, end: int, sep: regex.Pattern) -> list[tuple[int, int]]:
    """Spans between separators, leading spaces skipped, empty spans dropped."""
    out, pos = [], start
    for m in sep.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    spans = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        e = _trim_end(text, s, e)
        if e > s:
            spans.append((s, e))
    return spans


def _group(text: str, depts: list[Dept], i: int) -> list[Dept]:
    """Departments from index i joined by 、/和/及/与 into one enumeration."""
    group = [depts[i]]
    for d in depts[i + 1:]:
        if not JOINERS.fullmatch(text[group[-1].end:d.start]):
            break
        group.append(d)
    return group


def _group_at(text: str, depts: list[Dept], pos: int) -> list[Dept]:
    first = next((i for i, d in enumerate(depts) if d.start == pos), None)
    return _group(text, depts, first) if first is not None else []


def _group_back(text: str, depts: list[Dept], i: int) -> list[Dept]:
    """The enumeration that ends with depts[i]."""
    j = i
    while j > 0 and JOINERS.fullmatch(text[depts[j - 1].end:depts[j].start]):
        j -= 1
    return depts[j:i + 1]


def _at_subject_position(text: str, clause_start: int, pos: int) -> bool:
    """At the clause start (after a lead-in such as 一是 or （三）), or right after ，：）."""
    lead = LEAD_IN.match(text, clause_start)
    return pos == clause_start or pos == lead.end() or text[pos - 1] in SUBJECT_AFTER


def _duty_end(text: str, pos: int, clause_end: int, depts: list[Dept]) -> int:
    """The duty runs to the clause end, or to the comma before the next subject."""
    for d in depts:
        if pos < d.start < clause_end and text[d.start - 1] in "，,":
            return d.start - 1
    return clause_end


def _continues_subject(text: str, cs: int, ce: int, depts: list[Dept]) -> bool:
    """A clause keeps the previous subject unless it names its own (a known department, an
    unknown actor before 负责 such as 各项目学校), or opens on a new time (第二季度末，…)."""
    if any(cs <= d.start < ce and _at_subject_position(text, cs, d.start) for d in depts):
        return False
    if OWN_ACTOR.match(text, cs, ce):
        return False
    opening = find_time_expressions(text[cs:ce])
    return not (opening and opening[0].start == 0 and text[cs + opening[0].end:cs + opening[0].end + 1] in "，,")


def _with_listed_items(text: str, dept: Dept, clause_start: int) -> Dept:
    """`电力、通讯、供水等专业经营单位` at a clause start: the listed kinds belong to the name."""
    m = LISTED_KINDS.search(text, clause_start, dept.start)
    if m and _at_subject_position(text, clause_start, m.start()):
        return Dept(m.start(), dept.end, text[m.start():dept.end])
    return dept


def _candidates(text: str, cs: int, ce: int, depts: list[Dept]) -> list[Dept]:
    """Possible subjects of a clause: names, bare sectors and collectives, with their listed kinds,
    shared suffixes split (审计、财政部门) and joined actors (…单位和企业) taken in."""
    found = depts + _sector_depts(text, cs, ce) + _collective_depts(text, cs, ce)
    out: list[Dept] = []
    for d in found:
        d = _with_listed_items(text, d, cs)
        also = ALSO_ACTOR.match(text, d.end)
        d = Dept(d.start, also.end(), d.name + also.group()) if also else d
        out += _split_shared_suffix(text, d, cs)
    kept: list[Dept] = []
    for d in sorted(out, key=lambda d: (d.start, -d.end)):
        if not kept or d.start >= kept[-1].end:
            kept.append(d)
    return kept


def _split_shared_suffix(text: str, dept: Dept, clause_start: int) -> list[Dept]:
    """`市、区两级审计、财政部门`: each sector word before the name takes the name's suffix."""
    m = SHARED_SUFFIX.search(text, clause_start, dept.start)
    head = SECTOR_WORD.match(dept.name)
    if not (m and head) or len(head.group()) == len(dept.name):
        return [dept]
    suffix = dept.name[head.end():]
    words = list(SECTOR_WORD.finditer(text, m.start(), dept.start))
    out = [Dept(words[0].start() if i else m.start(), w.end(), w.group() + suffix) for i, w in enumerate(words)]
    return out + [dept]


def _collective_depts(text: str, cs: int, ce: int) -> list[Dept]:
    """各区/各县市区 standing for each area's government, only before a modal, role verb or frequency."""
    return [Dept(m.start(), m.end(), m.group()) for m in COLLECTIVE.finditer(text, cs, ce)]


def _sector_depts(text: str, cs: int, ce: int) -> list[Dept]:
    """Bare sector names used as subjects (区财政负责…), only before a role verb."""
    return [Dept(m.start(), m.end(), m.group()) for m in SECTOR.finditer(text, cs, ce)]
