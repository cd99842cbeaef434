"""What every extractor shares: the context it runs in, the registry, sentences and grounding.

An extractor is a function `(ctx: Context) -> list[Fact]` registered by name, so the CLI
(`--only funding`) and tests can pick extractors. Extractors return candidates with spans; they
never touch files or the database.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable, Iterator

from extract import memo
from extract import rx as regex

from schemas import Block, BlockKind, Document, Fact, Grounding, NoticeMeta

SENTENCE_END = regex.compile(r"[。！？；;!?]+|\n")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph block, with offsets into Document.text."""

    start: int
    end: int
    text: str
    block: Block


@dataclass
class Context:
    """The notice being extracted: its document, its metadata, and shared lookups."""

    document: Document
    meta: NoticeMeta = field(default_factory=NoticeMeta)
    _sentences: list[Sentence] | None = field(default=None, repr=False)
    _starts: list[int] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.document.text

    def sentences(self) -> Iterator[Sentence]:
        """Sentences of all paragraph blocks, split once per notice and shared by extractors."""
        if self._sentences is None:
            self._sentences = [s for b in self.document.blocks if b.kind != BlockKind.table
                               for s in split_sentences(b)]
        return iter(self._sentences)

    def ground(self, start: int, end: int, block: Block | None = None, **extra) -> dict:
        """Keyword arguments for a Fact grounded at text[start:end]."""
        if block is None:
            block = self.block_at(start)
        return dict(
            quote=self.text[start:end],
            start=start,
            end=end,
            block_seq=block.seq if block else None,
            **extra,
        )

    def block_at(self, offset: int) -> Block | None:
        """The block holding text[offset] (blocks are in text order and do not overlap)."""
        if self._starts is None:
            self._starts = [b.start for b in self.document.blocks]
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.document.blocks[i].end:
            return self.document.blocks[i]
        return None


@memo.by_identity()  # extractors and checks split the same blocks
def split_sentences(block: Block) -> tuple[Sentence, ...]:
    """Split a block at sentence-final punctuation (kept with its sentence) and newlines."""
    return tuple(_split(block))


def _split(block: Block) -> Iterator[Sentence]:
    pos = 0
    text = block.text
    for m in SENTENCE_END.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        if text[pos:end].strip():
            yield _sentence(block, pos, end)
        pos = m.end()
    if text[pos:].strip():
        yield _sentence(block, pos, len(text))


def _sentence(block: Block, start: int, end: int) -> Sentence:
    while start < end and block.text[start].isspace():
        start += 1
    while end > start and block.text[end - 1].isspace():
        end -= 1
    return Sentence(block.start + start, block.start + end, block.text[start:end], block)


Extractor = Callable[[Context], list[Fact]]
_REGISTRY: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Extractor], Extractor]:
    """Register an extractor under a name (the way Datasette registers its built-in plugins)."""

    def deco(fn: Extractor) -> Extractor:
        _REGISTRY[name] = fn
        return fn

    return deco


def registry() -> dict[str, Extractor]:
    return dict(_REGISTRY)


def grounding_ok(doc: Document, fact: Grounding) -> bool:
    return doc.text[fact.start : fact.end] == fact.quote
