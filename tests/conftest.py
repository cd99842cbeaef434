"""Shared paths for tests: the shipped corpus and the rendition fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
RENDITIONS = Path(__file__).resolve().parent / "fixtures" / "renditions"


def seed(n: str) -> Path:
    """The corpus text of seed `n` ('000' … '004')."""
    (path,) = CORPUS.glob(f"{n}_*.txt")
    return path


@pytest.fixture
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture
def renditions_dir() -> Path:
    return RENDITIONS


def load_scorer():
    """benchmarks/score.py as a module (loaded once; it is a script, not part of the package)."""
    import importlib.util
    import sys

    name = "notices_score"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "score.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up by name
        spec.loader.exec_module(module)
    return sys.modules[name]


def corpus_facts(extractor) -> dict:
    """{'000': (document, facts), …}: one extractor run on every corpus notice (no metadata)."""
    from extract.extractors.base import Context
    from extract.readers.txt import read_txt

    out = {}
    for path in sorted(CORPUS.glob("*.txt")):
        doc = read_txt(path)
        out[path.name[:3]] = (doc, extractor(Context(document=doc)))
    return out


FACT_FIELDS = ("targets", "deadlines", "funding", "responsibilities", "citations")


def assert_grounded(notice, *where) -> None:
    """Every fact of a notice quotes the text at its offsets (where: what to print on failure)."""
    text = notice.document.text
    for name in FACT_FIELDS:
        for fact in getattr(notice, name):
            assert text[fact.start:fact.end] == fact.quote, (*where, name, fact.quote)


def paragraphs_doc(*paragraphs: str):
    """A txt Document made of the given paragraphs (made-up sentences for extractor tests)."""
    from extract.readers.builder import DocumentBuilder

    b = DocumentBuilder()
    for p in paragraphs:
        b.add_paragraph(p)
    return b.build("x.txt", "txt")
