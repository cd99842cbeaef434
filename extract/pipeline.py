"""The path of one notice: file -> reader -> Document -> extractors -> Notice -> reconcile.

Nothing here touches the database; `ingest` stores what this returns. `PIPELINE_VERSION` changes
whenever extraction changes, so stored notices are re-extracted in place after an upgrade.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from extract import __version__, memo
from extract.extractors.base import Context, registry
from extract.link import link_facts
from extract.search import DICT_VERSION as SEARCH_VERSION
from extract.readers import read_document
from schemas import Document, Notice

# Bump when readers, extractors or checks change what they produce for the same bytes; the search
# segmentation has its own version (a new dictionary or rule means re-indexing).
EXTRACTION_VERSION = 23
PIPELINE_VERSION = f"{__version__}+e{EXTRACTION_VERSION}.s{SEARCH_VERSION}"

EXTRACTOR_MODULES = ("targets", "funding", "deadlines", "responsibilities", "citations")
FACT_FIELD = {"targets": "targets", "funding": "funding", "deadlines": "deadlines",
              "responsibilities": "responsibilities", "citations": "citations"}


def load_extractors() -> dict:
    """Import the extractor modules (registering them) and return the registry."""
    for name in EXTRACTOR_MODULES:
        importlib.import_module(f"extract.extractors.{name}")
    return registry()


def start_notice() -> None:
    """Forget what was memoized for the previous notice (figures of a text, table models): memos
    serve the extractors and checks of one notice, and must not flatter throughput on repeats."""
    memo.forget_all()


def analyze(doc: Document, only: list[str] | None = None) -> Notice:
    """Run metadata, the registered extractors and the checks over a Document."""
    from extract.extractors.metadata import extract_meta
    from extract.reconcile import run_checks

    extractors = load_extractors()
    start_notice()
    ctx = Context(document=doc, meta=extract_meta(doc))
    notice = Notice(document=doc, meta=ctx.meta)
    for name, fn in extractors.items():
        if only and name not in only:
            continue
        setattr(notice, FACT_FIELD[name], fn(ctx))
    link_facts(notice)
    notice.checks = run_checks(doc, notice.targets, notice.funding)
    return notice


def process_file(path: str | Path) -> Notice:
    """Read and analyze one file (raises a NoticesError subclass for an unreadable file)."""
    return analyze(read_document(path))
