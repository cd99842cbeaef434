"""Who must do what: department + role + duty, each grounded on the clause that says it.

Notices state duties in a few fixed shapes, handled here one by one:
- duty lists `X：负责…；负责…` (one responsibility per clause, role from the leading verb);
- sentences with a department as subject: `X负责…`, `X要/应…`, `X联合Y…`, `X牵头，Y、Z…进行…`,
  `由X牵头…`; later `；负责…` clauses of the same sentence keep that subject;
- partners named by 会同/联合/协同 at a clause head or after a comma (`X：负责…，会同Y开展…`: Y 配合);
- accountability (`X是本辖区…的责任主体`, `承担…主体责任`); already-done work (`已…`, `…了`, `共完成…`)
  and parts opening on a past period (`2024年，…` in a 2025 notice, `今年以来，…`) are no duty;
- `X（要）会同Y…`: X 负责, Y 配合;
- leading-group composition: `由X主要领导担任组长`, `由市长任组长` (the title is who), `X、Y等相关单位为成员`;
- task-decomposition tables (牵头单位/配合单位/责任单位 columns) and the same lists written as text
  (`责任单位：A（牵头），B、C` / `完成时限：…` lines under an item), in `duty_tables`.
Who stands as a clause's subject (candidates, enumerations, a subject carried over) is decided in
`subjects`; this module decides what that subject must do. Deadlines and amounts inside a duty are
left to their own extractors (linked later).
"""
from __future__ import annotations

from extract import memo
from extract import rx as regex

from extract.extractors.base import Context, register
from extract.extractors.departments import find_departments
from extract.extractors.groups import CHAIR, CHAIR_ROLE, COMPOSED, COMPOSED_OF, MEMBER_HEAD, MEMBERS, PERSONAL_POST
from extract.extractors.duty_tables import bracket_duties, line_duties, table_duties
from extract.extractors.subjects import (  # noqa: F401  (AREAS: re-exported for deadlines)
    AREAS, GROUP_BODY, JOINERS, YU_TIME, Dept, at_subject_position, context_subject, continues_subject,
    depts_within, enumeration, enumeration_at, enumeration_ending_at, may_name_actor, present_parts,
    subject_candidates, with_shared_places,
)
from schemas import BlockKind, Fact, Responsibility

# Leading verb → role. Checked longest first; STRIPPED verbs are removed from the duty text.
# 会同: the one who acts together with a partner still answers for the work (负责); the partner 配合.
ROLE_VERBS = {"负责牵头": "牵头", "牵头负责": "牵头", "负责": "负责", "牵头": "牵头", "配合": "配合",
              "参与": "参与", "会同": "负责", "指导": "指导", "协调": "协调"}
STRIPPED = {"负责牵头", "牵头负责", "负责", "牵头", "配合", "参与"}
# 协调解决/协调处理 is doing the work itself, not coordinating others: no 协调 role then.
# 负责人/负责同志 is a post, not the verb (各项目单位负责人要…).
ROLE_RE = regex.compile("(?:" + "|".join(sorted(set(ROLE_VERBS) - {"协调"}, key=len, reverse=True))
                        + r")(?!人|同志)|协调(?!解决|处理|推进|落实)")
MODAL = regex.compile(r"(?:要|应当|应(?!急)|须|必须|将|需)")  # 应急管理… opens a name, not a modal
# Being made accountable states a duty too (是本辖区…的责任主体, 承担…主体责任); a bare 是 does not.
ACCOUNTABLE = r"(?:是|承担|作为)(?=[^，,。；;]{0,30}?(?:责任主体|主体责任|第一责任人|责任单位))"
# Verbs, adverbials and frequencies that make a department at clause start the one who acts.
ACTION = regex.compile(r"(?:按照|根据|结合|参照|对|在|做好|制定|督促|按|加强|落实|统筹|建立|负总责|积极|认真|切实|及时|适时|严格|依法"
                       r"|抓好|抓实|抓紧|着力|全力|协调推进|完善|健全|统一(?=组织|部署|规划|安排|调度|实施|开展|办理|受理|编制)"
                       r"|接(?:报|到|获)(?=[^，,。；;]{0,20}?(?:后|时))"
                       r"|主动|定期|上报|报送|每(?:[两二三四五六]个?)?(?:月|季度|季|半年|年|周)|逐(?:村|户|项|个|一|级|月)|参照|" + ACCOUNTABLE +
                       r"|" + YU_TIME + ")")
# Plain verbs of doing (市民政局组织开展总结评估): a duty in a plan, but also how a report tells what was
# done, so only when no 了 follows in the sentence (…组织认定，…确定了…).
PLAIN_ACTION = regex.compile(r"组织|开展|实行|实施|设立|推进|汇总|审核|复核|核查")
PAST_LATER = regex.compile(r"[^。！？!?]{0,300}?(?<![为除终])了(?![解结])")
# Exhortations to understand or value something state no duty (要充分认识到…, 要高度重视…).
AWARENESS = regex.compile(r"(?:充分|深刻|进一步|切实)?(?:认识到|认识|领会|提高(?:思想)?认识|高度重视)")
# What was already done (annual reports: 各学校按时完成了…, 县财政局已拨付…) assigns no duty.
DONE = regex.compile(r"(?:已经?|先后|累计|共计|共(?:完成|建成|实施|改造|下达|拨付|投入|培训|办理|发放|排查|整治"
                     r"|新增|开展))|[^，,。；;]{0,15}?(?<![为除终])了(?![解结])")
# The same after partners, whose work is told further on (…于3月9日至27日对全县储备粮开展了检查).
DONE_WITH = regex.compile(r"[^，,。；;]{0,40}?(?<![为除终])了(?![解结])")
SENTENCE_END = regex.compile(r"[。！？!?]")
# Marks trimmed off the end of a sentence, clause or duty.
TRIMMED = " \t\n，,。；;、"
# The label of a duty list (原州区财政局：…), matched at a block's start.
DUTY_LIST_LABEL = regex.compile(r"([^，。；：:,;]{2,30})[：:]\s*(?=\S)")
# 职责分工 written as headings: `（一）县应急管理局。负责…`: names only, a period, then a duty verb.
HEADED_LABEL = regex.compile(r"([^，。；：:,;]{2,30})。\s*(?=(?:按照?职责(?:分工)?[，,]?\s*)?(?:负责|牵头|承担|会同|配合|协助|组织|指导))")
BY_DIVISION = regex.compile(r"[\s，,]*按照?(?:各自)?职责(?:分工)?[\s，,]*")
OUTLINE_LABEL = regex.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d))\s*")
LABEL_REACH = 31  # the label's 30 characters at most, and its colon
# Where a clause may split into separate duties of the same department.
DUTY_SPLIT = regex.compile(r"[；;]|[，,、](?=(?:负责|参与|配合|牵头)(?![权度者方人]))")
# Staff of a department, and its head, stand for it (社区工作人员要…, 各项目单位负责人要…).
STAFF = regex.compile(r"(?:的)?(?:工作人员|干部职工|干部|(?:主要)?负责(?:人|同志))")
PARTNER = regex.compile(r"(?:联合|会同|协同)")
SHARED_ADVERB = regex.compile(r"分别|各自|共同|均")
# A sentence stating a sanction: a condition closed by 的, then how it is punished.
# The sanctioned may be named after the condition (…被查实违规的定点医药机构，中止服务协议).
SANCTION = regex.compile(r"的(?:\p{Han}{1,12}?)?[，,]\s*(?:将|要|应|须)?\s*(?:(?:依照|按照|根据)[^，,。；;]{1,40}?)?"
                      r"(?:依法依规|依纪依法|依法|依规)?\s*(?:严肃)?\s*(?:追究|问责|处理|处罚|予以|取消|收回|扣减|通报批评"
                      r"|处(?:以)?[^，,。；;]{0,24}?罚款|中止|暂停|解除(?:协议|合同|服务协议)|吊销|责令)")
CLAUSE_MARK = regex.compile(r"[，,；;]")
CLAUSE_MARK_BACK = regex.compile(r"(?r)[，,；;]")
HOST_NOTE = regex.compile(r"[（(](?:设在|挂靠|依托)[^（）()]{1,24}[）)]")
# A post right after a name (X局长, X主任, X兼任…) makes it no subject; `X牵头，Y…` splits the work.
POST = regex.compile(r"局长|主任|兼任")
# What makes a name no acting subject, in one pattern (_act asks it of every subject group).
NOT_ACTING = regex.compile(f"{CHAIR.pattern}|{MEMBERS.pattern}|{POST.pattern}|{COMPOSED_OF.pattern}")
LEADS_THEN = regex.compile(r"牵头\s*[，,]\s*")
# 由X牵头、Y和Z配合，…: the partners named after the lead's 牵头 share what follows their verb.
LEADS_WITH = regex.compile(r"牵头\s*[、，,]\s*")
PARTNERS_VERB = regex.compile(r"\s*(?:配合|参与|协助)\s*[，,]?\s*")
JOINT_ACTION = regex.compile(r"联合|共同|进行|开展|组成|参加")
NOT_LEAD = ("配合", "参与", "成员", "组长", "副组长")
# A contact line (市委组织部组织二科 王某，联系电话：…): a section and a person, then a phone; the
# section's 组织 is no verb. A duty that merely ends on a contact in brackets keeps its verb before it.
CONTACT = regex.compile(r"[\p{Han}\s·]{0,16}[，,：:]?\s*(?:联系人|联系电话|联系方式|办公电话|电话|手机|传真|邮箱)\s*[：:]")
# 由X负责 closing its clause (…投诉调查由X负责。): the verb and nothing after it.
TOPIC_VERB = regex.compile(r"\s*(?:具体|统一|牵头)?(?P<verb>负责|牵头|承担)\s*(?:落实|实施)?\s*")
HAN = regex.compile(r"\p{Han}")
# 由其负责…: 其 points back at the last department named before it.
ANAPHOR = regex.compile(r"由其(?=负责|牵头)")


@register("responsibilities")
def extract_responsibilities(ctx: Context) -> list[Fact]:
    """Responsibilities from duty lists, subject sentences, leading-group composition and task tables."""
    depts = _departments_of(ctx.text)
    facts: list[Responsibility] = []
    for block in ctx.document.blocks:
        if block.kind == BlockKind.table:
            facts += table_duties(ctx, block)
            continue
        facts += line_duties(ctx, block) + bracket_duties(ctx, block)
        inside = depts_within(depts, block.start, block.end)
        listed = _duty_list(ctx, block.start, block.end, inside)
        facts += listed if listed is not None else _block_duties(ctx, block.start, block.end, inside)
    return _dedupe(facts)


def acting_departments(ctx: Context, start: int, end: int) -> list[str]:
    """The first group of departments that acts in text[start:end] (as subject, after 由, or by
    hosting an office), partners and members left out: who a stage heading's deadline belongs to."""
    depts = depts_within(_departments_of(ctx.text), start, end)
    leads = [f for f in _sentence_duties(ctx, start, end, depts) if f.role not in NOT_LEAD]
    if not leads:
        return []
    first = min(leads, key=lambda f: f.start)
    return list(dict.fromkeys(f.department for f in leads if f.duty == first.duty))


@memo.by_value(8)
def _departments_of(text: str) -> tuple[Dept, ...]:
    """Cached: deadlines asks `acting_departments` once per stage heading of the same text."""
    return tuple(Dept(*d) for d in find_departments(text))


def _dedupe(facts: list[Responsibility | None]) -> list[Responsibility]:
    """Drop empty duties (a bare `X配合`), contact lines and the same duty found twice by two rules."""
    seen: set[tuple[str, int, str]] = set()
    out = []
    for f in sorted((f for f in facts if f), key=lambda f: (f.start, f.end)):
        key = (f.department, f.start, f.duty)
        if key not in seen and not CONTACT.match(f.duty) and f.duty.strip("（）() "):
            seen.add(key)
            out.append(f)
    return out


# ---------------------------------------------------------------- duty lists  X：负责…；负责…

def _duty_list(ctx: Context, start: int, end: int, depts: list[Dept]) -> list[Responsibility] | None:
    """`原州区财政局：会同…` / `电信、移动、联通：对…` / `（一）县财政局。负责…` (a heading of names only,
    then its duties); None when the block is not a duty list. An outline label before the names is
    skipped. The label's colon or period stands within 31 characters: looked for before the pattern."""
    lead = OUTLINE_LABEL.match(ctx.text, start, end)
    head = lead.end() if lead else start
    window = min(end, head + LABEL_REACH)
    colon = ctx.text.find("：", head, window) >= 0 or ctx.text.find(":", head, window) >= 0
    if not colon and ctx.text.find("。", head, window) < 0:
        return None
    m = DUTY_LIST_LABEL.match(ctx.text, head, end) if colon else None
    headed = m is None
    m = m or HEADED_LABEL.match(ctx.text, head, end)
    if not m:
        return None
    label = m.group(1)
    names = [d for d in depts if head <= d.start and d.end <= m.end(1)]
    if names and _only_names(ctx.text, head, m.end(1), names):
        who = names
    elif not headed and regex.fullmatch(r"\p{Han}{1,6}(?:、\p{Han}{1,6})+", label):
        who = [Dept(head, head + len(label), label)]
    else:
        return None
    facts = []
    for s, e in _sentences(ctx.text, m.end(), end):
        if ctx.text[s] in "（(":
            facts += _note_duties(ctx, s, e, depts)
            continue
        for i, (ps, pe) in enumerate(_clauses(ctx.text, s, e)):
            if BY_DIVISION.fullmatch(ctx.text, ps, pe):
                continue  # 按照职责分工，配合…: how the duty is shared, not a duty
            facts += [_fact(ctx, d, d.start if (i == 0 and s == m.end()) else ps, ps, pe)
                      for d in who]
            facts += _clause_partners(ctx, ps, pe, depts)
    return facts


def _only_names(text: str, start: int, end: int, names: list[Dept]) -> bool:
    """True when text[start:end] is the names joined by 、/和 (a 和 inside a name is the name's),
    a name in brackets standing for the one before it too (各区人民政府（高新区管委会）)."""
    pos = start
    for d in names:
        gap = text[pos:d.start]
        bracketed = pos > start and gap in ("（", "(") and text[d.end:d.end + 1] in ("）", ")")
        if d.start < pos or not (pos == start and not gap.strip() or JOINERS.fullmatch(gap) or bracketed):
            return False
        pos = d.end + 1 if bracketed else d.end
    return not text[pos:end].strip()


def _clause_partners(ctx: Context, ps: int, pe: int, depts: list[Dept]) -> list[Responsibility]:
    """`X：负责…，会同Y开展…`: Y, named by 会同/联合/协同 at the head of a clause or after one of
    its commas, cooperates on what follows it (the lead's own duty is the whole clause)."""
    facts: list[Responsibility] = []
    for partner in PARTNER.finditer(ctx.text, ps, pe):
        head = ctx.text[ps:partner.start()]
        # …，会同Y / …30日内会同Y (after the time of the duty): Y joins the duty
        if head and not regex.search(r"(?:[，,：:]\s*(?:并|同时|还|要|应|并且)?|[日天月内后前起])\s*$", head):
            continue
        others = enumeration_at(ctx.text, depts, partner.end())
        facts += [_fact(ctx, d, d.start, others[-1].end, pe, role="配合") for d in others]
    return facts


def _note_duties(ctx: Context, s: int, e: int, depts: list[Dept]) -> list[Responsibility]:
    """A parenthetical note in a duty list may state its own duty (（…由街道办事处成立…）)."""
    inner_end = e - 1 if ctx.text[e - 1] in "）)" else e
    inside = depts_within(depts, s, inner_end, after_start=True)
    return _leadership(ctx, inside) + _sentence_duties(ctx, s + 1, inner_end, inside)


# ---------------------------------------------------------------- sentences with a subject

def _block_duties(ctx: Context, start: int, end: int, depts: list[Dept]) -> list[Responsibility]:
    """Sentence by sentence: a subject never carries over a 。 into the next sentence.

    A stretch naming no department and no other actor (`may_name_actor`, which holds for a
    stretch whenever it holds for a part of it) yields nothing: about half the blocks and a third
    of the remaining sentences are skipped before being split any further."""
    text = ctx.text
    if not depts and not may_name_actor(text, start, end):
        return []
    facts: list[Responsibility] = []
    for sentence in _sentences(text, start, end):
        if not depts_within(depts, *sentence) and not may_name_actor(text, *sentence):
            continue
        for s, e in present_parts(ctx, *sentence):
            in_sentence = depts_within(depts, s, e)
            facts += _leadership(ctx, with_shared_places(ctx.text, in_sentence, s))
            facts += _sentence_duties(ctx, s, e, in_sentence)
    return facts


def _sentence_duties(ctx: Context, s: int, e: int, depts: list[Dept]) -> list[Responsibility]:
    """Clause by clause; a clause without a subject keeps the previous clause's subject, or the
    one a context clause set (the group just composed, the department hosting its office).
    A sentence naming no department and no other actor has no subject in any clause: skipped."""
    if not depts and not may_name_actor(ctx.text, s, e):
        return []
    if (sanction := SANCTION.search(ctx.text, s, e)) and not CLAUSE_MARK.search(ctx.text, s, sanction.start()):
        return []  # 工作人员…滥用职权的，依法依规追究责任: who is punished when, not a duty
    # …；对截留、挪用资金的，依照…严肃处理: a sanction after another part states no duty either
    sanctions = [(CLAUSE_MARK_BACK.search(ctx.text, s, m.start()), m) for m in SANCTION.finditer(ctx.text, s, e)] \
        if sanction else []
    sanctioned = [(b.end() if b else s, m.end()) for b, m in sanctions]
    facts: list[Responsibility] = []
    subject: list[str] = []
    body = next((d.name for d in depts if d.name.endswith(GROUP_BODY)), None)
    for cs, ce in _clauses(ctx.text, s, e):
        found = [f for f in _subject_duties(ctx, cs, ce, depts) + _anaphor_duties(ctx, s, cs, ce, depts) if f]
        if sanctioned and any(a <= cs < b for a, b in sanctioned):
            found = [f for f in found if not any(a <= f.start < b for a, b in sanctioned)]
            if not found:
                subject = []
                continue
        if found:
            facts += found
            leads = [f.department for f in found if f.role not in ("配合", "参与")]
            subject = list(dict.fromkeys(leads))
            facts += _clause_partners(ctx, cs, ce, depts) if leads else []
            continue
        if subject and continues_subject(ctx.text, cs, ce, depts):
            facts += [_fact(ctx, Dept(cs, cs, name), cs, cs, ce) for name in subject]
            facts += _clause_partners(ctx, cs, ce, depts)
        else:
            subject = context_subject(ctx.text, cs, ce, depts, body)
    return facts


def _anaphor_duties(ctx: Context, s: int, cs: int, ce: int, depts: list[Dept]) -> list[Responsibility]:
    """`移交给专业经营单位，由其负责…`: 其 is the last department named before it in the sentence."""
    m = ANAPHOR.search(ctx.text, cs, ce) if ctx.text.find("由其", cs, ce) >= 0 else None
    if not m:
        return []
    before = [d for d in depts if s <= d.start and d.end <= m.start()]
    if not before:
        return []
    return _act(ctx, [Dept(m.start(), m.end(), before[-1].name)], m.end(), (ce, ce), depts, True)


def _subject_duties(ctx: Context, cs: int, ce: int, depts: list[Dept]) -> list[Responsibility]:
    """Responsibilities of departments standing as subject (or after 由) inside one clause."""
    text = ctx.text
    candidates = subject_candidates(text, cs, ce, depts)
    facts: list[Responsibility] = []
    i = 0
    while i < len(candidates):
        group = enumeration(text, candidates, i)
        first, last = group[0], group[-1]
        i += len(group)
        if not (cs <= first.start and last.end <= ce):
            continue
        by = text[max(cs, first.start - 1):first.start] == "由"
        if not (by or at_subject_position(text, cs, first.start)):
            continue
        if by and (topic := _topic_duties(ctx, group, cs, first.start - 1, last.end, ce)):
            facts += topic
            continue
        facts += _act(ctx, group, last.end, (_duty_end(text, last.end, ce, candidates), ce), candidates, by)
    return facts


def _topic_duties(ctx: Context, group: list[Dept], cs: int, by_at: int, pos: int,
                  ce: int) -> list[Responsibility]:
    """`投诉调查由X负责。`: the role verb closes its clause, so the duty is the topic before 由 and the
    quote runs from the topic to the verb. Empty when a duty follows the verb (由X负责组织…, 由X负责，于…)."""
    text = ctx.text
    verb = TOPIC_VERB.match(text, pos, ce)
    if verb is None or not (verb.end() == ce or text[verb.end()] in "，,；;。"):
        return []
    if verb["verb"] == "牵头" and verb.end() < ce and text[verb.end()] in "，,":
        return []  # 由X牵头，Y、Z联合进行验收: the partners and the work follow
    topic = text[cs:by_at].strip(TRIMMED)
    if not HAN.search(topic):
        return []
    role = "牵头" if verb["verb"] == "牵头" else "负责"
    return [f for d in group if (f := _fact(ctx, d, cs, by_at, verb.end(), role=role, duty=topic))]


def _act(ctx: Context, group: list[Dept], pos: int, ends: tuple[int, int], depts: list[Dept],
         by: bool) -> list[Responsibility]:
    """What follows the subject group: 联合 Y, 牵头，Y…, a role verb, a modal or an action.

    `ends` is (end of this subject's duty, end of the clause); `by` is True after 由.
    """
    text = ctx.text
    end, clause_end = ends
    if NOT_ACTING.match(text, pos):
        return []
    if (note := HOST_NOTE.match(text, pos)) is not None:
        pos = note.end()  # 领导小组办公室（设在市发展改革委）负责…: the note says where it sits
    staff = STAFF.match(text, pos)
    pos = staff.end() if staff else pos
    shared = SHARED_ADVERB.match(text, pos)  # X、Y、Z分别负责…: each its own part, a duty all the same
    pos = shared.end() if shared and ROLE_RE.match(text, shared.end()) else pos
    modal = MODAL.match(text, pos)  # X要会同Y…: the modal may stand before the partner
    partner = PARTNER.match(text, modal.end() if modal else pos)
    if partner:
        others = enumeration_at(text, depts, partner.end())
        if others and not modal and DONE_WITH.match(text, others[-1].end, end):
            return []  # X会同Y于3月对…开展了检查: what they did together, no duty
        if others:
            lead_role = "负责" if partner.group() == "会同" else "牵头"
            duty_start = others[-1].end
            return ([_fact(ctx, d, d.start, duty_start, end, role=lead_role) for d in group]
                    + [_fact(ctx, d, d.start, duty_start, end, role="配合") for d in others])
    if (by or LEADS_WITH.match(text, pos)) and (joint := _lead_with_partners(ctx, group, pos, end, depts)):
        return joint  # 由X牵头、Y配合，… and the same with X as subject
    lead = LEADS_THEN.match(text, pos, clause_end)
    if lead:
        return _lead_and_participants(ctx, group, lead.end(), clause_end, depts)
    if AWARENESS.match(text, modal.end() if modal else pos):
        return []
    if modal and not ROLE_RE.match(text, modal.end()):
        return [_fact(ctx, d, d.start, modal.end(), end, role="负责") for d in group]
    duty_start = modal.end() if modal else pos
    if not modal and DONE.match(text, duty_start, end):
        return []
    if by or ROLE_RE.match(text, duty_start) or ACTION.match(text, duty_start) \
            or PLAIN_ACTION.match(text, duty_start) and not PAST_LATER.match(text, duty_start):
        return [_fact(ctx, d, d.start, duty_start, end) for d in group]
    return []


def _lead_with_partners(ctx: Context, group: list[Dept], pos: int, end: int,
                        depts: list[Dept]) -> list[Responsibility]:
    """`由X牵头、Y和Z配合，于…完成…` (or X as subject): X leads and Y, Z cooperate on the same work (what
    follows the partners' verb); without a partner named there, nothing (the plain 牵头 rules apply)."""
    lead = LEADS_WITH.match(ctx.text, pos, end)
    others = enumeration_at(ctx.text, depts, lead.end()) if lead else []
    verb = PARTNERS_VERB.match(ctx.text, others[-1].end, end) if others else None
    if not verb or verb.end() >= end:
        return []
    role = "参与" if "参与" in verb.group() else "配合"  # 协助 cooperates too
    return ([_fact(ctx, d, d.start, verb.end(), end, role="牵头") for d in group]
            + [_fact(ctx, d, d.start, verb.end(), end, role=role) for d in others])


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
    """`由区政府主要领导担任组长` → 组长; `X、Y等相关单位为成员` and `成员单位为：X、Y` → 成员."""
    facts: list[Responsibility] = []
    text = ctx.text
    group_name = next((d.name for d in depts if d.name.endswith("领导小组")), None)
    for i, d in enumerate(depts):
        if MEMBER_HEAD.search(text, max(0, d.start - 8), d.start):
            group = enumeration_at(text, depts, d.start)
            facts += [_fact(ctx, g, g.start, g.start, group[-1].end, role="成员", duty=group_name or "成员")
                      for g in group]
        if not COMPOSED.match(text, d.end):
            continue
        chair = CHAIR.match(text, d.end)
        if chair and d.name.endswith("政府") and PERSONAL_POST.fullmatch(chair["leader"] or ""):
            continue  # 市政府分管副市长任组长: a person's post, no duty of the government
        if chair:  # 县水务局、县应急管理局主要负责同志任副指挥长: every name of the enumeration
            role = CHAIR_ROLE.get(chair["role"], chair["role"])
            facts += [_fact(ctx, g, g.start, d.end, chair.end(), role=role,
                            duty=group_name or text[d.end:chair.end()])
                      for g in enumeration_ending_at(text, depts, i)]
        member = MEMBERS.match(text, d.end)
        if member and not chair and text[d.start - 1:d.start] != "等":
            group = enumeration_ending_at(text, depts, i)
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
        duty = text[body_start:duty_end].strip(TRIMMED)
    quote_end = _trim_end(text, quote_start, duty_end)
    if not duty:
        return None
    return Responsibility(**ctx.ground(quote_start, quote_end), department=dept.name, role=role,
                          duty=duty)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in TRIMMED:
        end -= 1
    return end


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _split(text, start, end, SENTENCE_END)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _split(text, start, end, DUTY_SPLIT)


def _split(text: str, start: int, end: int, sep: regex.Pattern) -> list[tuple[int, int]]:
    """Spans between separators, leading spaces skipped, trailing marks trimmed (as `_trim_end`),
    empty spans dropped. One pass: this runs for every block, sentence and part of a notice."""
    spans: list[tuple[int, int]] = []
    pos = start
    for stop, after in [m.span() for m in sep.finditer(text, start, end)] + [(end, end)]:
        s, e = pos, stop
        pos = after
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1] in TRIMMED:
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _duty_end(text: str, pos: int, clause_end: int, depts: list[Dept]) -> int:
    """The duty runs to the clause end, or to the comma before the next subject."""
    for d in depts:
        if pos < d.start < clause_end and text[d.start - 1] in "，,":
            return d.start - 1
    return clause_end
