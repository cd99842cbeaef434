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
