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

import re
from dataclasses import dataclass
from typing import Iterator

import regex


@dataclass(frozen=True)
class Alternative:
    """One branch of the alternation, with what every match of it contains: all of `needs_all`,
    one character of `needs_any` when given, and a match of `needs_re` when given (a short pattern
    around the branch's fixed tail): a text lacking them cannot match. `ahead` is an earlier branch
    that can only start where this one can; it is tried first at each start.

    `anchor`, `blanks` and `lead`: every match holds an `anchor` character (年, 月 …) with, before it
    in the match, at most `lead` characters and then a run of `blanks`, so a search may start that
    far before the next anchor character instead of trying every position of the prose before it
    (the `regex` engine tries this branch's many alternatives at each position, while `re` finds a
    character class in one pass)."""

    kind: str
    pattern: regex.Pattern
    needs_all: tuple[str, ...] = ()
    needs_any: str = ""
    needs_re: re.Pattern | regex.Pattern | None = None
    ahead: Alternative | None = None
    anchor: re.Pattern | None = None
    blanks: str = ""
    lead: int = 0

    def search(self, text: str, pos: int = 0) -> regex.Match | None:
        """The leftmost match at or after pos (lookbehinds still see the text before pos)."""
        if self.anchor is not None:
            hint = self.anchor.search(text, pos)
            if hint is None:
                return None
            start = hint.start()
            while start > pos and text[start - 1] in self.blanks:
                start -= 1
            pos = max(pos, start - self.lead)
        return self.pattern.search(text, pos)

    def possible(self, text: str) -> bool:
        for word in self.needs_all:  # plain loops: this runs for every sentence and branch
            if word not in text:
                return False
        if self.needs_any:
            for char in self.needs_any:
                if char in text:
                    break
            else:
                return False
        return self.needs_re is None or self.needs_re.search(text) is not None

    def key_chars(self) -> str:
        """Characters one of which every match holds (empty when nothing is required)."""
        return self.needs_all[-1][-1:] if self.needs_all else self.needs_any


class Alternation:
    """The branches in priority order, with one character class that every match of any branch
    hits: a text without such a character (most sentences of a notice) is passed over with one
    `re` search instead of a `possible` test per branch."""

    def __init__(self, *alternatives: Alternative) -> None:
        self.alternatives = alternatives
        keys = [a.key_chars() for a in alternatives]
        self.gate = char_class(set("".join(keys))) if all(keys) else None

    def may_match(self, text: str) -> bool:
        """False when no branch can match text (it holds none of the key characters)."""
        return self.gate is None or self.gate.search(text) is not None

    def live(self, text: str) -> list[Alternative]:
        """The branches that may match somewhere in text."""
        if not self.may_match(text):
            return []
        return [a for a in self.alternatives if a.possible(text)]


def char_class(chars: str | set[str]) -> re.Pattern:
    """A search for any one of chars (plain characters: `re` finds them faster than `regex`)."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def scan(text: str, alternation: Alternation) -> Iterator[tuple[str, regex.Match]]:
    """(kind, match) of each expression in text, left to right, as the alternation would find them."""
    live = alternation.live(text)
    if not live:
        return
    found = [a.search(text) for a in live]
    ahead = [a.ahead if a.ahead is not None and a.ahead.possible(text) else None for a in live]
    pos = 0
    while True:
        best = -1
        for i, alt in enumerate(live):
            m = found[i]
            if m is not None and m.start() < pos:
                m = found[i] = alt.search(text, pos)
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
