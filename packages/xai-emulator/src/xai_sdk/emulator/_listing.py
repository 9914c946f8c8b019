"""Paged listings: sorting, page sizes and opaque, stable pagination tokens.

A token records where the previous page ended (the sort key of its last item) and which query
it belongs to, so the next page starts right after it even if items were added or deleted in
between, and a token given to another query (other order, sort key or filter) is refused.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import grpc

from xai_sdk.emulator._base import RpcAbort

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "page", "page_size", "position_after", "token_after"]

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 100


def page_size(limit: int) -> int:
    """The page size for a requested limit: 0 (unset) is the default, larger ones are capped."""
    if limit < 0:
        raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, f"limit must not be negative, got {limit}")
    return min(limit or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def page(
    items: Sequence[T],
    key: Callable[[T], tuple[Any, ...]],
    *,
    descending: bool,
    limit: int,
    token: str,
    query: Sequence[Any],
) -> tuple[list[T], str | None]:
    """One page of `items` sorted by `key`, after `token`; returns the page and the next token.

    `key` must be unique per item (end it with a sequence number); `query` identifies the
    listing (its scope, order, sort key and filter) and is checked against the token's.
    """
    fingerprint = _fingerprint(query)
    ordered = sorted(items, key=key, reverse=descending)
    if token:
        after = _decode(token, fingerprint)
        ordered = [item for item in ordered if (key(item) < after if descending else key(item) > after)]
    chosen = ordered[:limit]
    if len(ordered) <= limit:
        return chosen, None
    return chosen, _encode(key(chosen[-1]), fingerprint)


def token_after(position: tuple[Any, ...], query: Sequence[Any]) -> str:
    """The opaque token of the page that starts after `position` (a sort key) in listing `query`.

    For listings that page by position themselves; `page` does it for sorted sequences.
    """
    return _encode(position, _fingerprint(query))


def position_after(token: str, query: Sequence[Any]) -> tuple[Any, ...]:
    """The position a `token_after` token records; INVALID_ARGUMENT if it is malformed or foreign."""
    return _decode(token, _fingerprint(query))


def _fingerprint(query: Sequence[Any]) -> str:
    return hashlib.sha256(json.dumps(list(query), default=str).encode()).hexdigest()[:16]


def _encode(position: tuple[Any, ...], fingerprint: str) -> str:
    payload = json.dumps({"after": list(position), "query": fingerprint}).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def _decode(token: str, fingerprint: str) -> tuple[Any, ...]:
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        after, query = tuple(payload["after"]), payload["query"]
    except (ValueError, KeyError, TypeError):
        raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, f"invalid pagination_token {token!r}") from None
    if query != fingerprint:
        raise RpcAbort(
            grpc.StatusCode.INVALID_ARGUMENT,
            "pagination_token belongs to another listing (different order, sort or filter)",
        )
    return after
