"""Pydantic models shared by every stage of the notices pipeline.

`schemas` imports nothing from `extract`: it is the contract between readers, extractors,
reconciliation and the store.
"""
from schemas.document import Block, BlockKind, Cell, Document, PageIssue, Table
from schemas.facts import (
    Citation,
    Deadline,
    Fact,
    Funding,
    Grounding,
    NoticeMeta,
    Responsibility,
    Target,
)
from schemas.checks import Check, CheckStatus, Figure
from schemas.notice import Notice

__all__ = [
    "Block", "BlockKind", "Cell", "Document", "PageIssue", "Table",
    "Citation", "Deadline", "Fact", "Funding", "Grounding", "NoticeMeta", "Responsibility", "Target",
    "Check", "CheckStatus", "Figure", "Notice",
]
