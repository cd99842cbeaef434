"""Per-notice memos: same object in, same result out; another object, or the next notice, recomputes."""
from __future__ import annotations

from extract import memo
from extract.extractors.base import split_sentences
from extract.normalize.numbers import find_figures
from extract.pipeline import start_notice
from tests.conftest import paragraphs_doc


def test_identity_memo_tells_equal_objects_apart_and_is_forgotten_per_notice():
    calls = []

    @memo.by_identity()
    def length(xs: list) -> int:
        calls.append(1)
        return len(xs)

    a, b = [1, 2], [1, 2]
    assert length(a) == length(a) == 2 and len(calls) == 1
    assert length(b) == 2 and len(calls) == 2  # equal but not the same object
    a.append(3)
    assert length(a) == 2  # documented: callers must not mutate what they pass
    memo.forget_all()
    assert length(a) == 3 and len(calls) == 3


def test_sentences_and_figures_are_shared_within_a_notice_only():
    block = paragraphs_doc("改造老旧小区263个、33150户。资金8294.52万元。").blocks[0]
    first = split_sentences(block)
    assert [s.text for s in first] == ["改造老旧小区263个、33150户。", "资金8294.52万元。"]
    assert split_sentences(block) is first
    figs = find_figures(first[1].text)
    assert [f.raw for f in figs] == ["8294.52万元"] and figs == find_figures(first[1].text)
    start_notice()
    assert split_sentences(block) is not first and split_sentences(block) == first
