"""Memos that live for one notice.

Extractors and checks look at the same sentences, figures and tables many times over (the figures of
a sentence are wanted by targets, funding, deadlines and four kinds of checks). Each such function
computes once per notice and is forgotten when the pipeline starts the next one (`forget_all`), so
memory stays flat and throughput measured on repeated texts is not flattered.
"""
from __future__ import annotations

from functools import lru_cache, wraps
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_CLEARERS: list[Callable[[], None]] = []


def by_value(maxsize: int = 4096) -> Callable[[F], F]:
    """Memoize on hashable arguments (texts), like lru_cache, cleared per notice."""
    def deco(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CLEARERS.append(cached.cache_clear)
        return cached  # type: ignore[return-value]
    return deco


def by_identity(maxsize: int = 1024) -> Callable[[F], F]:
    """Memoize on the identity of the positional arguments (blocks, documents: pydantic models
    are not hashable). An entry keeps its arguments alive, so their ids cannot be reused while it
    stands. Callers must not modify what is returned."""
    def deco(fn: F) -> F:
        memo: dict[tuple[int, ...], tuple[tuple[Any, ...], Any]] = {}

        @wraps(fn)
        def wrapper(*args: Any) -> Any:
            key = tuple(map(id, args))
            hit = memo.get(key)
            if hit is not None and all(a is b for a, b in zip(hit[0], args)):
                return hit[1]
            if len(memo) >= maxsize:
                memo.clear()
            value = fn(*args)
            memo[key] = (args, value)
            return value

        _CLEARERS.append(memo.clear)
        return wrapper  # type: ignore[return-value]
    return deco


def per_notice_dict() -> dict:
    """A plain dict emptied with the other memos, for a walk that fills in many keys at once."""
    table: dict = {}
    _CLEARERS.append(table.clear)
    return table


def forget_all() -> None:
    """Drop every per-notice memo (the pipeline calls this before each notice)."""
    for clear in _CLEARERS:
        clear()
