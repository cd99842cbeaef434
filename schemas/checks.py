"""Cross-checks of what a notice states against what it contains (rounding-aware)."""
from __future__ import annotations

from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, Field


class CheckStatus(str, Enum):
    ok = "ok"
    rounding = "rounding"
    discrepancy = "discrepancy"
    unverifiable = "unverifiable"


class Figure(BaseModel):
    """One figure taking part in a check, with where it stands."""

    role: str = Field(description="'stated' or 'term' or 'base' or 'rate'")
    label: str = ""
    raw: str
    value: Decimal
    decimals: int = 0
    exact: bool = False
    quote: str
    start: int
    end: int
    table_index: int | None = None
    row: int | None = None
    col: int | None = None


class Check(BaseModel):
    kind: str = Field(description="table_total, subtotal, text_vs_table, parts_vs_whole, share_rate, share_descriptive, item_count …")
    status: CheckStatus
    subject: str = ""
    stated: Decimal | None = None
    computed: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    unit: str | None = None
    message: str
    hint: str | None = None
    table_index: int | None = None
    figures: list[Figure] = Field(default_factory=list)
