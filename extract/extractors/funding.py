"""Funding: money amounts (元/万元/亿元) with their source, share, purpose and role.

Why sources come from the clause, then a run-in heading: notices list funds as
`（一）中央预算内资金。…共计6636万元`, where the source is named once in the heading and the amount
sits in a later sentence; other notices name it right before the amount (地方配套资金8427.411万元).
Sources are matched by pattern (government level + fund word, or a payer word), not by a list of
one notice's phrases.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from decimal import Decimal

from extract import rx as regex

from extract.extractors.base import Context, Sentence, register, split_sentences
from extract.extractors.table_facts import header_subject, table_year
from extract.extractors.targets import clause_bounds, clean_phrase, year_in
from extract.normalize.numbers import FigureMatch, figures_in
from schemas import Block, BlockKind, Funding

LEVEL = r"(?:中央|国家|省级|自治区|市级|县级|区级|乡级|镇级|地方|本级|市县|乡镇|(?<!\p{Han})(?:[省市县区乡镇]|街道))"
FUND_WORD = (r"(?:补助资金|配套资金|奖补资金|专项资金|预算内资金|预算内投资|补助|补贴|配套|"
             r"资金|投资|债券|拨款|经费)")
SOURCE_RE = regex.compile(
    rf"{LEVEL}(?:[、和及与]{LEVEL})*(?:财政|政府)?[\p{{Han}}]{{0,14}}?{FUND_WORD}"
    rf"|(?:中央|省|自治区|地方|国家){FUND_WORD}"
    rf"|{LEVEL}(?:[、和及与]?{LEVEL})*(?:两级|三级|本级)?(?:财政|政府)(?:配套|投入|安排|出资)?"
    r"|(?:管线|专营|专业经营|产权|原产权|公房产权)单位(?:出资|投资)?|居民(?:出资|自筹|捐资)?|业主(?:出资)?"
    r"|社会(?:化)?(?:资本|力量)(?:投资|出资)?|(?:地方政府)?(?:专项|一般)债券|银行贷款|信贷(?:资金)?"
    r"|(?:超长期)?特别国债(?:资金)?|政策性(?:银行)?(?:贷款|金融工具)"
    r"|企业(?:自筹|出资)|自筹资金|金融机构")
# 其余972.50万元由县级财政统筹解决: the source named after the amount, as who pays it.
SOURCE_AFTER = regex.compile(rf"\s*(?:由|从)\s*(?P<src>{SOURCE_RE.pattern})\s*"
                             r"(?:统筹|安排|解决|承担|负担|列支|筹措|筹集|出资|补助|支付|兜底)")
# 县级财政要…, 市、县两级财政按…: a budget level opening the sentence pays for its amounts.
BUDGET_SUBJECT = regex.compile(rf"\s*(?P<src>{LEVEL}(?:[、和及与]?{LEVEL})*(?:两级|三级|本级)?财政)"
                               r"(?!局|厅|部门|所)\s*(?:要|应|将|须|需|统筹|安排|按|对|给予)")
# 市级承担1820万元, 县（区）负担…: a level bearing the amount right before it.
BEARER = regex.compile(rf"(?:^|[，,、；;：:\s])(?P<src>{LEVEL}(?:[（(][\p{{Han}}、]{{1,6}}[）)])?(?:级)?(?:财政)?)"
                       r"\s*(?:承担|负担|分担|出资)\s*$")
# 所需资金由县级财政承担 after the amounts of a rule.
NEEDED_FROM = regex.compile(rf"[，,；;]\s*(?:所需|相关|上述|以上)(?:资金|经费|费用|补助资金)\s*(?:由|从)\s*"
                            rf"(?P<src>{SOURCE_RE.pattern})\s*(?:统筹|安排|解决|承担|负担|列支|筹措|筹集|兜底)")
# An amount split on past its clause: 其中…, 分两次拨付, 按…拨付.
SPLIT_AFTER = regex.compile(r"其中|分[两三四五\d]+(?:次|批|期)|分期|分批")
# …拨付40%，即568万元: the amount a share of the one before comes to.
PRODUCT_BEFORE = regex.compile(r"[%％][，,]?\s*即\s*$")
# 县级财政安排的8200万元中，…: the amount before 中 is the whole the next ones are parts of.
AMONG_AFTER = regex.compile(r"中[，,]")
NOT_SOURCE = regex.compile(r"负责|筹措|申请|争取|使用|用于|主要|改造资金|建设资金|资金使用")
TOTAL_CUE = regex.compile(r"总投资|估算投资|预计投资|计划投资|投资总额|概算|总额|总计|合计|预算总")
SHARE_BEFORE = regex.compile(r"按照?[^，。；]{0,12}$")
PER_UNIT = regex.compile(r"每(?:户|人|平方米|栋|个|套|米|年|月|亩|台|头|吨|辆|公里|所|村|家|名)")
SHARE_AFTER = regex.compile(r"^[，,]?\s*(?:约)?占")
OF_WHICH_AFTER = regex.compile(r"^[，,]\s*其中")
SHARE_SENTENCE = regex.compile(r"(?P<src>[^，,；;。]{2,20}?)占[^，,；;。]{0,12}?的?(?P<pct>[0-9０-９.．]+\s*[%％])")
LEAD_VERBS = regex.compile(r"^(?:拟|计划|预计|力争|主要)?(?:申请|争取|安排|筹措|使用|落实|投入|下达)")
SECTION_NUMBER = regex.compile(r"^[一二三四五六七八九十]+、")
RUN_IN_HEADING = regex.compile(r"^\s*[（(][一二三四五六七八九十\d]+[)）]\s*([^。：:，,；;]{2,20})[。：:]")


@register("funding")
def extract_funding(ctx: Context) -> list[Funding]:
    """Money figures in running text, then money cells of tables."""
    out: list[Funding] = []
    total_section: int | None = None
    for block in ctx.document.paragraphs():
        if _is_section_start(block):
            total_section = None
        heading_source = _heading_source(block)
        block_facts: list[Funding] = []
        carried: str | None = None
        for sent in split_sentences(block):
            facts = _sentence_funding(ctx, sent, heading_source, total_section is not None, carried)
            carried = _split_goes_on(sent, facts, carried)
            if facts:
                if any(f.role == "total" for f in facts):
                    total_section = block.seq
                block_facts.extend(facts)
            else:
                _attach_share_stated_apart(sent, block_facts)
        out.extend(block_facts)
    out.extend(table_funding(ctx))
    return out


def _split_goes_on(sent: Sentence, facts: list[Funding], carried: str | None) -> str | None:
    """The source of an amount whose split goes on past a ；(…1200万元，其中A 660万元；B 360万元；C
    180万元 and 安排1420万元，分两次拨付：…即568万元；…其余852万元): the next clauses' amounts are its
    parts. None once a clause ends otherwise, or names an amount of another source."""
    if not sent.text.rstrip().endswith(("；", ";")):
        return None
    sources = {f.source for f in facts if f.source}
    if carried and sources <= {carried}:
        return carried
    first = next((f for f in facts if f.source), None)
    if first is None or len(sources) > 1:
        return None
    return first.source if SPLIT_AFTER.search(sent.text, first.end - sent.start) else None


def _attach_share_stated_apart(sent: Sentence, facts: list[Funding]) -> None:
    """`中央资金占计划总投资的50%` after the amounts: the share of the fund it names (in place)."""
    if not facts or "占" not in sent.text:  # nothing to attach to, or no share stated (cheap tests first)
        return
    m = SHARE_SENTENCE.search(sent.text)
    source = _source_in(m.group("src")) if m else None
    if not source:
        return
    share = next((f for f in figures_in(sent.text) if f.unit.is_percent and f.start == m.start("pct")), None)
    for i in range(len(facts) - 1, -1, -1):
        f = facts[i]
        if share and f.source and f.share_pct is None and (source in f.source or f.source in source):
            facts[i] = f.model_copy(update={"share_pct": share.value, "share_raw": share.raw})
            return


def _is_section_start(block: Block) -> bool:
    """A top-level heading (一、 / 四、资金来源计划) closes the section a stated total governs."""
    return bool(SECTION_NUMBER.match(block.text)) or (
        block.kind == BlockKind.heading and (block.level or 1) <= 1)


def _heading_source(block: Block) -> str | None:
    """A run-in heading naming a source: `（二）地方财政配套资金。区财政负责…`."""
    m = RUN_IN_HEADING.match(block.text)
    if not m:
        return None
    src = _source_in(m.group(1))
    return src if src and len(src) >= len(m.group(1)) - 4 else None


def _source_in(text: str) -> str | None:
    """The source phrase ending closest to the end of text (longest when several end there)."""
    best: regex.Match | None = None
    for m in SOURCE_RE.finditer(text, overlapped=True):
        if NOT_SOURCE.search(m.group()):
            continue
        if best is None or m.end() > best.end() or (m.end() == best.end() and m.start() < best.start()):
            best = m
    return best.group() if best else None


def _sentence_funding(ctx: Context, sent: Sentence, heading_source: str | None,
                      after_total: bool, carried: str | None = None) -> list[Funding]:
    figs = figures_in(sent.text)
    if not any(f.unit.is_money for f in figs):
        return []  # most sentences name no money
    money = _Money(figs)
    sentence_source = _sentence_source(sent.text)
    out = []
    for fig in money.figs:
        cs, ce = clause_bounds(sent.text, fig.start, fig.end, figs)
        after_money = money.end_before(fig.start)
        head = sent.text[max(cs, after_money):fig.start]
        source = heading_source or _source_in(head) or (
            _source_in(sent.text[after_money:fig.start]) if _bare(head) else None) \
            or _source_after(sent.text, fig.end) or _bearer(sent.text[after_money:fig.start])
        if source is None and out and out[0].source and out[0].role == "total" \
                and "其中" in sent.text[out[0].end - sent.start:fig.start]:
            source = out[0].source  # 县财政安排经费48.6万元，其中补贴18万元: a part of the budget's money
        if source is None and out and out[-1].source and AMONG_AFTER.match(sent.text, out[-1].end - sent.start):
            source = out[-1].source  # 县级财政安排的8200万元中，3600万元用于…: a part of that money
        if source is None and out and out[-1].source and PRODUCT_BEFORE.search(sent.text, 0, fig.start):
            source = out[-1].source  # 安排1420万元，…拨付40%，即568万元: a share of that money
        source = source or sentence_source or carried
        role = "per_unit" if fig.unit.is_rate else "total" if OF_WHICH_AFTER.match(sent.text[fig.end:]) \
            else _role(head, source, after_total or bool(out))
        share = _share(sent.text, money, fig)
        out.append(Funding(
            **ctx.ground(sent.start + fig.start, sent.start + fig.end, sent.block, sentence=sent.text),
            amount_yuan=_yuan(fig.value_base), amount_raw=fig.number.raw, unit_raw=fig.unit_raw,
            decimals=fig.number.decimals, approximate=fig.approximate, source=source,
            share_pct=share.value if share else None, share_raw=share.raw if share else None,
            purpose=_purpose(sent.text, head, cs), role=role,
        ))
    return out


def _sentence_source(text: str) -> str | None:
    """A budget level as the sentence's subject (县级财政要统筹安排…，给予每村不低于10万元), or the
    money said to come from one (…按每亩200元补助，所需资金由县级财政承担): the source of its amounts."""
    m = BUDGET_SUBJECT.match(text) or NEEDED_FROM.search(text)
    return m["src"] if m and not NOT_SOURCE.search(m["src"]) else None


def _bearer(head: str) -> str | None:
    """`市级承担1820万元，县（区）承担2200万元`: the level that bears the amount is its source."""
    m = BEARER.search(head)
    return m["src"] if m else None


def _source_after(text: str, end: int) -> str | None:
    m = SOURCE_AFTER.match(text, end)
    return m["src"] if m and not NOT_SOURCE.search(m["src"]) else None


def _bare(head: str) -> bool:
    """A clause head naming nothing (共计, 其中：, 为): the source may stand in an earlier clause."""
    return not regex.sub(r"[\s：:，,、]|共计|合计|总计|其中|共|计|约|为|达到|达|分别", "", clean_phrase(head))


class _Money:
    """The money figures of a sentence and its rates, with bisection over their offsets: each
    money figure asks where the previous one ends and whether one stands between it and a rate,
    which, asked by scanning every figure, is quadratic in a sentence of thousands of them."""

    def __init__(self, figs: Sequence[FigureMatch]):
        self.figs = [f for f in figs if f.unit.is_money]
        self.rates = [f for f in figs if f.unit.is_percent]
        self.starts = [f.start for f in self.figs]
        self.ends = [f.end for f in self.figs]

    def end_before(self, pos: int) -> int:
        """Where the text that may name a source starts: after the previous money figure, whose
        own source sits before it (省级补助2.2亿元，市县财政12.5亿元)."""
        i = bisect_right(self.ends, pos)
        return self.ends[i - 1] if i else 0

    def any_between(self, start: int, end: int) -> bool:
        """Whether a money figure starts in [start, end)."""
        i = bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end


def _role(head: str, source: str | None, after_total: bool) -> str | None:
    """total (总投资/估算投资…), per_unit (每户…元), component (a sourced part after a total)."""
    if PER_UNIT.search(head):
        return "per_unit"
    if TOTAL_CUE.search(head):
        return "total"
    return "component" if after_total and source else None


def _share(text: str, money: _Money, fig: FigureMatch) -> FigureMatch | None:
    """A rate the amount is computed from: 按照投资总额80%计算，共计… or …万元，占总投资的60%."""
    for p in money.rates:
        if p.end <= fig.start and SHARE_BEFORE.search(text[max(0, p.start - 14):p.start]) \
                and not money.any_between(p.end, fig.start):
            return p
        if p.start >= fig.end and SHARE_AFTER.match(text[fig.end:]) and not money.any_between(fig.end, p.start):
            return p
    return None


def _purpose(text: str, head: str, cs: int) -> str | None:
    """What the money is for: the clause head without markers, dates, counts and lead verbs."""
    s = clean_phrase(regex.sub(r"[:：]\s*$", "", head))
    s = regex.sub(r"^[\d.]+\s*[个户套栋项]", "", s)
    s = LEAD_VERBS.sub("", s)
    s = regex.sub(r"(?:共计|合计|总计|约|达|为|共)$", "", s)
    if s.endswith(("投资", "资金")) and len(s) <= 5:
        first = clean_phrase(regex.split(r"[，,]", text[:cs])[0]) if cs else ""
        first = "" if any(f.unit.is_money for f in figures_in(first)) else first
        first = regex.sub(r"[\d.]+\s*(?:个|户|栋|万平方米|平方米)", "", first)
        s = (first + s) if first and first != s else s
    return s or None


def _yuan(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


# ---------------------------------------------------------------- tables

def table_funding(ctx: Context) -> list[Funding]:
    """Money cells of tables whose column header carries a money unit (预计投资/亿元, 单位：万元)."""
    from extract.normalize.units import to_base  # noqa: PLC0415
    from extract.tables import analyze_table  # noqa: PLC0415

    out: list[Funding] = []
    for block in ctx.document.tables():
        try:
            model = analyze_table(block, ctx.document)
        except ValueError:
            continue
        for (r, c), cell in sorted(model.cells.items()):
            col, row = model.columns[c], model.rows[r]
            if cell.unit is None or not cell.unit.is_money:
                continue
            base, _ = to_base(cell.value, cell.decimals, cell.unit)
            year = year_in(col.header_path) or table_year(ctx, block)
            purpose = "｜".join(p for p in (row.label, header_subject(col.header_path)) if p)
            out.append(Funding(
                **ctx.ground(cell.start, cell.end, block, table_row=r, table_col=c,
                             sentence=f"{year or ''}{row.label}｜{col.header_path}"),
                amount_yuan=_yuan(base), amount_raw=cell.raw, unit_raw=col.unit_raw or row.unit_raw or "",
                decimals=cell.decimals, purpose=purpose,
                role="per_unit" if cell.unit.is_rate else "total" if row.role == "grand_total"
                else ("subtotal" if row.role == "subtotal" else "component"),
            ))
    return out
