"""Scanning a text for time expressions: the alternatives of one alternation, searched apart.

Why not one big `(?P<rel>…)|(?P<eff>…)|…|(?P<point>…)` pattern: the `regex` engine tries every
alternative at every position where any of them could start, and the first characters of a date
(一, 上, 年, digits …) are everywhere in Chinese prose, so that scan cost more than all the rest of
date reading. Searched apart, each alternative skips ahead on its own, and one whose required words
are absent from the text is not searched at all (most sentences hold no date).

The matches are exactly those of the alternation scanned with finditer: the leftmost start wins,
at equal starts the earlier alternative, and the next search begins where the chosen match ends
(no branch matches the empty string, so every step moves on).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex


@dataclass(frozen=True)
class Alternative:
    """One branch of the alternation, with words every match of it contains (`needs_all`, all of
    them, and one character of `needs_any` when given): a text lacking them cannot match. `ahead`
    is an earlier branch that can only start where this one can; it is tried first at each start."""

    kind: str
    pattern: regex.Pattern
    needs_all: tuple[str, ...] = ()
    needs_any: str = ""
    ahead: Alternative | None = None

    def possible(self, text: str) -> bool:
        for word in self.needs_all:  # plain loops: this runs for every sentence and branch
            if word not in text:
                return False
        if not self.needs_any:
            return True
        for char in self.needs_any:
            if char in text:
                return True
        return False


def scan(text: str, alternatives: tuple[Alternative, ...]) -> Iterator[tuple[str, regex.Match]]:
    """(kind, match) of each expression in text, left to right, as the alternation would find them."""
    live = [a for a in alternatives if a.possible(text)]
    if not live:
        return
    found = [a.pattern.search(text) for a in live]
    ahead = [a.ahead if a.ahead is not None and a.ahead.possible(text) else None for a in live]
    pos = 0
    while True:
        best = -1
        for i, alt in enumerate(live):
            m = found[i]
            if m is not None and m.start() < pos:
                m = found[i] = alt.pattern.search(text, pos)
            if m is not None and (best < 0 or m.start() < found[best].start()):
                best = i
        if best < 0:
            return
        kind, m = live[best].kind, found[best]
        first = ahead[best]  # the earlier branch wins where it matches at the same start
        if first is not None and (am := first.pattern.match(text, m.start())):
            kind, m = first.kind, am
        yield kind, m
        pos = m.end()
