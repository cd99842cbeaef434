"""Chinese full-text search: the index and the query are segmented alike; recall against substring."""
from __future__ import annotations

from extract.readers import read_document
from extract.search import cjk_query, query_tokens, segment
from tests.conftest import CORPUS

TERMS = ["财政", "财政局", "住建部门", "老旧小区改造", "加装电梯", "补助资金", "原州区", "综合执法局", "竣工验收",
         "摸底调查", "配套资金", "中央预算内", "楼栋", "物业管理", "宣传", "管线单位", "朝阳家园", "西关北街", "审批",
         "电动自行车", "城市更新", "专项债券", "老旧小区", "工作方案", "发展改革", "住房和城乡建设", "监理公司", "供热",
         "燃气", "消防"]


def test_recall_against_exact_substring_on_the_corpus():
    blocks = [b.text for p in sorted(CORPUS.glob("*.txt")) for b in read_document(p).blocks]
    index = [set(segment(b).split()) for b in blocks]
    found = total = 0
    for term in TERMS:
        q = query_tokens(term)
        for text, toks in zip(blocks, index):
            if term in text:
                total += 1
                found += all(t in toks for t in q)
    assert total == 370
    assert found / total >= 0.95  # measured 1.0 with the domain dictionary and long sub-words


def test_long_words_yield_their_dictionary_subwords():
    toks = segment("2024年度全区城镇老旧小区改造工作计划任务").split()
    assert "老旧小区" in toks and "城镇老旧小区" in toks and "改造" in toks


def test_query_expression_is_quoted_and_safe():
    assert cjk_query("老旧小区改造") == '"小区" "老旧小区" "改造"'
    assert all(t.startswith('"') and t.endswith('"') for t in cjk_query("1658.52").split())
    assert set(query_tokens("1658.52")) <= set(segment("区财政负责筹措地方配套资金1658.52万元").split())
    assert cjk_query('财政"局') == '"财政" "局"'
    assert cjk_query("") == '""'


def test_rjieba_and_jieba_segment_every_shipped_text_alike():
    """rjieba is the fast path; jieba the fallback. An index built by one must be searchable by the other."""
    import pytest

    from extract.search import _segmenter

    fast, slow = _segmenter(True), _segmenter(False)
    if fast.name != "rjieba":
        pytest.skip("rjieba is not installed")
    from tests.conftest import ROOT

    texts = [line for p in sorted(ROOT.glob("**/*.txt")) if "outputs" not in p.parts
             for line in p.read_text(encoding="utf-8", errors="ignore").splitlines() if line.strip()]
    assert len(texts) > 1000
    for t in texts:
        assert list(fast.cut(t)) == list(slow.cut(t)), t
    words = {w for t in texts[:300] for w in slow.cut(t)}
    subs = {w[i:i + n] for w in words for n in range(2, len(w)) for i in range(len(w) - n + 1)}
    assert [s for s in subs if fast.is_word(s) != slow.is_word(s)] == []
