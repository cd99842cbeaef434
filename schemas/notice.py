"""A notice: its document plus everything extracted and checked."""
from __future__ import annotations

from pydantic import BaseModel, Field

from schemas.checks import Check
from schemas.document import Document
from schemas.facts import Citation, Deadline, Funding, NoticeMeta, Responsibility, Target


class Notice(BaseModel):
    document: Document
    meta: NoticeMeta = Field(default_factory=NoticeMeta)
    targets: list[Target] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    funding: list[Funding] = Field(default_factory=list)
    responsibilities: list[Responsibility] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
