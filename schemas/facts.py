"""Facts extracted from a notice. Every fact is grounded: it keeps the exact quote and where it stands.

Values stay as the notice wrote them (`*_raw`) beside normalized values (Decimal, ISO dates).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field


class Grounding(BaseModel):
    """Where a fact comes from: `Document.text[start:end] == quote`."""

    quote: str
    start: int
    end: int
    block_seq: int | None = Field(default=None, description="Block.seq the quote lies in")
    table_row: int | None = Field(default=None, description="for table cells: grid row")
    table_col: int | None = Field(default=None, description="for table cells: grid column")
    sentence: str | None = Field(default=None, description="the sentence around the quote, for context")


class Fact(Grounding):
    kind: str = ""


class Target(Fact):
    kind: Literal["target"] = "target"
    subject: str = Field(description="what is to be achieved, e.g. 改造城镇老旧小区")
    value: Decimal
    value_raw: str
    unit_raw: str = Field(description="unit as written (个, 户（套）, 万平方米 …)")
    unit: str = Field(description="normalized unit (个, 户, 栋, 套, 平方米, %, 公里 …)")
    value_base: Decimal | None = Field(default=None, description="value converted to the base unit (万平方米 → 平方米)")
    decimals: int = 0
    approximate: bool = False
    qualifier: str | None = Field(default=None, description="约/余/以上/不低于… when written")
    region: str | None = None
    year: int | None = None


DeadlineKind = Literal["by", "range", "after", "relative", "recurring", "on"]
Precision = Literal["day", "month", "month-end", "quarter-end", "half-year", "year-end", "year", "relative"]


class Deadline(Fact):
    kind: Literal["deadline"] = "deadline"
    deadline_kind: DeadlineKind
    raw: str = Field(description="the time expression as written")
    due_date: date | None = Field(default=None, description="last day that satisfies it, when resolvable")
    start_date: date | None = None
    precision: Precision
    task: str | None = Field(default=None, description="what must be done by then")
    department: str | None = None
    anchor: str | None = Field(default=None, description="for relative deadlines: the event it counts from")
    offset_days: int | None = None
    offset: int | None = Field(default=None, description="for relative deadlines: the offset as written (30 in 30个工作日)")
    offset_unit: str | None = Field(default=None, description="日, 天, 工作日, 个月, 周, 小时, 分钟")
    recurrence: str | None = Field(default=None, description="daily, weekly, monthly, quarterly, half-yearly, yearly, termly (each school term)")
    year_source: str | None = Field(
        default=None, description="where an implicit year came from: text, notice_date, doc_number, title, context"
    )


class Funding(Fact):
    kind: Literal["funding"] = "funding"
    amount_yuan: Decimal
    amount_raw: str = Field(description="number as written, e.g. 8294.52")
    unit_raw: str = Field(description="unit as written, e.g. 万元, 亿元")
    decimals: int = 0
    approximate: bool = False
    source: str | None = Field(default=None, description="中央预算内资金, 地方财政配套, 居民 …")
    share_pct: Decimal | None = None
    share_raw: str | None = None
    purpose: str | None = None
    role: str | None = Field(default=None, description="total / component / subsidy … when the text says")


Role = Literal["牵头", "负责", "配合", "成员", "参与", "会同", "指导", "协调", "组长", "副组长", "其他"]


class Responsibility(Fact):
    kind: Literal["responsibility"] = "responsibility"
    department: str
    role: str
    duty: str
    deadline_quote: str | None = None
    due_date: date | None = None
    amount_yuan: Decimal | None = None


class Citation(Fact):
    kind: Literal["citation"] = "citation"
    doc_number: str | None = None
    title: str | None = None


class NoticeMeta(BaseModel):
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    issue_date: date | None = None
    plan_year: int | None = Field(default=None, description="the year the notice plans for, when clear")
    title_grounding: Grounding | None = None
    doc_number_grounding: Grounding | None = None
    issue_date_grounding: Grounding | None = None
