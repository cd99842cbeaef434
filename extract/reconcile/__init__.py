"""Reconciliation: every stated total checked against what it should add up to.

Public entry: `run_checks(document, targets, funding) -> list[Check]`. Each performed check is one
Check row (ok / rounding / discrepancy / unverifiable) carrying every figure involved, so a
reader can redo it by hand. One wrong figure yields exactly one discrepancy (see dedupe.py).
"""
from __future__ import annotations

from typing import Sequence

from extract.reconcile.dedupe import collapse_shared_failures
from extract.reconcile.list_checks import item_count_checks
from extract.reconcile.share_checks import share_checks
from extract.reconcile.stated_parts import stated_parts
from extract.reconcile.table_checks import table_checks
from extract.reconcile.text_checks import parts_vs_whole
from extract.reconcile.text_vs_table import text_vs_table
from extract.tables import TableModel, analyze_table
from schemas import Check, Document, Funding, Notice, Target


def table_models(document: Document) -> list[tuple[int, TableModel]]:
    """(table_index, model) for every table block; table_index counts tables from 0."""
    return [(i, analyze_table(b, document)) for i, b in enumerate(document.tables())]


def run_checks(
    document: Document, targets: Sequence[Target] = (), funding: Sequence[Funding] = ()
) -> list[Check]:
    """All checks of one notice: tables, text against tables, parts, shares, listed items.

    targets/funding are accepted for the pipeline's sake; the checks read figures from the text
    themselves (find_figures), so they do not depend on what the extractors kept.
    """
    models = table_models(document)
    checks: list[Check] = []
    for index, model in models:
        checks.extend(table_checks(model, index))
    checks.extend(text_vs_table(document, models))
    checks.extend(parts_vs_whole(document))
    checks.extend(stated_parts(document))
    checks.extend(share_checks(document))
    checks.extend(item_count_checks(document))
    return collapse_shared_failures(checks)


def reconcile(notice: Notice) -> list[Check]:
    """Checks for a Notice (its document and extracted facts)."""
    return run_checks(notice.document, notice.targets, notice.funding)


__all__ = ["run_checks", "reconcile", "table_models"]
