"""The `regex` module with compiled patterns cached for the module-level functions.

Why: `regex.sub(pattern_string, …)` looks its pattern up through regex's own `_compile` on every
call, which profiling showed costs ~20% of extraction time. Modules use `from extract import rx as
regex`; everything else (compile, flags, escape) passes through to `regex`.
"""
from __future__ import annotations

from functools import lru_cache

import regex as _regex


@lru_cache(maxsize=2048)
def _compiled(pattern: str, flags: int):
    return _regex.compile(pattern, flags)


def _pat(pattern, flags):
    return _compiled(pattern, flags) if isinstance(pattern, str) else pattern


def sub(pattern, repl, string, count=0, flags=0):
    return _pat(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _pat(pattern, flags).subn(repl, string, count)


def match(pattern, string, flags=0):
    return _pat(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _pat(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _pat(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return _pat(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _pat(pattern, flags).finditer(string)


def split(pattern, string, maxsplit=0, flags=0):
    return _pat(pattern, flags).split(string, maxsplit)


def __getattr__(name: str):
    return getattr(_regex, name)
