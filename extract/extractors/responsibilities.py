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

import regex

from extract.extractors.base import Context, register
from extract.extractors.departments import find_departments
from schemas import BlockKind, Fact, Responsibility

# Leading verb → role. Checked longest first; STRIPPED verbs are removed from the duty text.
ROLE_VERBS = {"负责牵头": "牵头", "牵头负责": "牵头", "负责": "负责", "牵头": "牵头", "配合": "配合",
              "参与": "参与", "会同": "会同", "指导": "指导", "协调": "协调"}
STRIPPED = {"负责牵头", "牵头负责", "负责", "牵头", "配合", "参与"}
ROLE_RE = regex.compile("|".join(sorted(ROLE_VERBS, key=len, reverse=True)))
MODAL = regex.compile(r"(?:要|应当|应|须|必须|将|需)")
# Verbs and adverbials that make a department at clause start the one who acts.
ACTION = regex.compile(r"(?:按照|根据|结合|对|在|做好|制定|督促|按|加强|落实|统筹|建立|负总责)")
# Where a clause may split into separate duties of the same department.
DUTY_SPLIT = regex.compile(r"[；;]|[，,、](?=(?:负责|参与|配合|牵头)(?![权度者方人]))")
LEAD_IN = regex.compile(r"(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|同时|其中|此外|并)?")
SUBJECT_AFTER = "，,：:）)；;。\n"
JOINERS = regex.compile(r"\s*(?:、|和|及|以及|与)\s*")
# Sector abbreviations that act as departments when a role verb follows (区财政负责…).
SECTOR = regex.compile(
    r"(?:各?(?:[省市县区]|市县|县区|市区)?(?:级)?)(?:财政|税务|审计|住建|发改|人社|民政|公安|应急|教育|自然资源"
    r"|生态环境|交通|水务|城管|市场监管|卫健)(?=负责|牵头|配合|参与|会同)"
)
LEADER = r"(?:主要领导|主要负责同志|主要负责人|分管领导|分管负责同志|负责同志|负责人|领导)?"
CHAIR = regex.compile(rf"{LEADER}(?:担任|任)(?P<role>副组长|组长|成员)")
MEMBERS = regex.compile(rf"(?:等(?:相关|有关)?(?:单位|部门))?{LEADER}为成员")
PARTNER = regex.compile(r"(?:联合|会同)")
LISTED_KINDS = regex.compile(r"\p{Han}{1,6}(?:、\p{Han}{1,6})+等$")
JOINT_ACTION = regex.compile(r"联合|共同|进行|开展|组成|参加")


@dataclass(frozen=True)
class Dept:
    start: int
    end: int
    name: str


@register("responsibilities")
def extract_responsibilities(ctx: Context) -> list[Fact]:
    """Responsibilities from duty lists, subject sentences and leading-group composition."""
    depts = [Dept(*d) for d in find_departments(ctx.text)]
    facts: list[Responsibility] = []
    for block in ctx.document.blocks:
        if block.kind == BlockKind.table:
            continue
        inside = [d for d in depts if block.start <= d.start and d.end <= block.end]
        listed = _duty_list(ctx, block.start, block.end, inside)
        facts += listed if listed is not None else _block_duties(ctx, block.start, block.end, inside)
    return _dedupe(facts)


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
            continue
        for i, (ps, pe) in enumerate(_clauses(ctx.text, s, e)):
            facts += [_fact(ctx, d, d.start if (i == 0 and s == start + m.end()) else ps, ps, pe)
                      for d in who]
    return facts


# ---------------------------------------------------------------- sentences with a subject

def _block_duties(ctx: Context, start: int, end: int, depts: list[Dept]) -> list[Responsibility]:
    facts: list[Responsibility] = []
    for s, e in _sentences(ctx.text, start, end):
        in_sentence = [d for d in depts if s <= d.start and d.end <= e]
        facts += _leadership(ctx, in_sentence)
        facts += _sentence_duties(ctx, s, e, in_sentence)
    return facts


def _sentence_duties(ctx: Context, s: int, e: int, depts: list[Dept]) -> list[Responsibility]:
    """Clause by clause; a clause without a subject keeps the previous clause's subject."""
    facts: list[Responsibility] = []
    subject: list[str] = []
    for cs, ce in _clauses(ctx.text, s, e):
        found = [f for f in _subject_duties(ctx, cs, ce, depts) if f]
        if found:
            facts += found
            leads = [f.department for f in found if f.role not in ("配合", "参与")]
            subject = list(dict.fromkeys(leads))
            continue
        if subject and not _has_subject_anywhere(ctx.text, cs, ce, depts):
            facts += [_fact(ctx, Dept(cs, cs, name), cs, cs, ce) for name in subject]
        else:
            subject = []
    return facts


def _subject_duties(ctx: Context, cs: int, ce: int, depts: list[Dept]) -> list[Responsibility]:
    """Responsibilities of departments standing as subject (or after 由) inside one clause."""
    text = ctx.text
    candidates = sorted((_with_listed_items(text, d, cs) for d in depts + _sector_depts(text, cs, ce)),
                        key=lambda d: d.start)
    facts: list[Responsibility] = []
    i = 0
    while i < len(candidates):
        group = _group(text, candidates, i)
        first, last = group[0], group[-1]
        i = candidates.index(last) + 1
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


def _has_subject_anywhere(text: str, cs: int, ce: int, depts: list[Dept]) -> bool:
    return any(cs <= d.start < ce and _at_subject_position(text, cs, d.start) for d in depts)


def _with_listed_items(text: str, dept: Dept, clause_start: int) -> Dept:
    """`电力、通讯、供水等专业经营单位` at a clause start: the listed kinds belong to the name."""
    m = LISTED_KINDS.search(text, clause_start, dept.start)
    if m and _at_subject_position(text, clause_start, m.start()):
        return Dept(m.start(), dept.end, text[m.start():dept.end])
    return dept


def _sector_depts(text: str, cs: int, ce: int) -> list[Dept]:
    """Bare sector names used as subjects (区财政负责…), only before a role verb."""
    return [Dept(m.start(), m.end(), m.group()) for m in SECTOR.finditer(text, cs, ce)]
