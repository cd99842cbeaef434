"""Datasette plugin: Chinese search that works from Datasette's own search box and from SQL.

The index holds jieba-segmented text (extract/search.py). Datasette passes the search box's text
to FTS5 with each whitespace-separated word quoted; a Chinese query has no spaces, so this plugin
segments `_search` values the same way as the index before Datasette sees them. It also adds the
SQL function `cjk_query(q)` for canned queries and hand-written SQL.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

from extract.search import cjk_query, query_tokens


@hookimpl
def prepare_connection(conn):
    conn.create_function("cjk_query", 1, cjk_query, deterministic=True)


def segment_search_params(query_string: bytes) -> bytes:
    """Rewrite `_search` / `_search_COL` values into space-separated search tokens."""
    pairs = parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)
    out = []
    for k, v in pairs:
        if (k == "_search" or k.startswith("_search_")) and v.strip():
            toks = query_tokens(v)
            v = " ".join(toks) if toks else v
        out.append((k, v))
    return urlencode(out).encode("ascii")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def segmented(scope, receive, send):
            if scope.get("type") == "http" and b"_search" in scope.get("query_string", b""):
                scope = dict(scope, query_string=segment_search_params(scope["query_string"]))
            await app(scope, receive, send)

        return segmented

    return wrap
