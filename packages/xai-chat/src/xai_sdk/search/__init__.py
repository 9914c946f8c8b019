"""Live Search parameters (legacy): `SearchParameters` and its sources.

::

    from xai_sdk.search import SearchParameters, web_source, x_source

    chat = client.chat.create(
        "grok-4",
        search_parameters=SearchParameters(mode="on", sources=[web_source(country="FR"), x_source()]),
    )

The server-side tools of `xai_sdk.tools` (`web_search`, `x_search`) supersede it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

from google.protobuf import timestamp_pb2

from xai_sdk.proto import chat_pb2

__all__ = [
    "SearchMode",
    "SearchParameters",
    "chat_pb2",
    "news_source",
    "rss_source",
    "web_source",
    "x_source",
]

SearchMode: TypeAlias = Literal["auto", "on", "off"]
_MODES = {"auto": chat_pb2.AUTO_SEARCH_MODE, "on": chat_pb2.ON_SEARCH_MODE, "off": chat_pb2.OFF_SEARCH_MODE}


def timestamp(moment: datetime.datetime | None) -> timestamp_pb2.Timestamp | None:
    """A protobuf Timestamp of a datetime (naive datetimes are taken as UTC), or None."""
    if moment is None:
        return None
    if not isinstance(moment, datetime.datetime):
        raise TypeError(f"dates must be datetime.datetime objects, got {moment!r}")
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(moment)
    return stamp


@dataclass
class SearchParameters:
    """How the model may search the web, news, X and RSS feeds while answering.

    Args:
        sources: where to search (`web_source`, `news_source`, `x_source`, `rss_source`); all
            but RSS when None.
        mode: ``"auto"`` (the model decides), ``"on"`` or ``"off"``.
        from_date: limit results to this period, from this moment on.
        to_date: limit results to this period, up to this moment.
        return_citations: whether the response lists the sources it used.
        max_search_results: an upper bound on the results considered.

    """

    sources: Sequence[chat_pb2.Source] | None = None
    mode: SearchMode = "auto"
    from_date: datetime.datetime | None = None
    to_date: datetime.datetime | None = None
    return_citations: bool = True
    max_search_results: int | None = None

    def _to_proto(self) -> chat_pb2.SearchParameters:
        mode = _MODES.get(self.mode)
        if mode is None:
            raise ValueError(f"Invalid search mode: {self.mode}. Must be one of: {tuple(_MODES)}")
        return chat_pb2.SearchParameters(
            mode=mode,
            sources=self.sources,
            from_date=timestamp(self.from_date),
            to_date=timestamp(self.to_date),
            return_citations=self.return_citations,
            max_search_results=self.max_search_results,
        )


def web_source(
    country: str | None = None,
    excluded_websites: Sequence[str] | None = None,
    allowed_websites: Sequence[str] | None = None,
    *,
    safe_search: bool = True,
) -> chat_pb2.Source:
    """Search the web; `country` is an ISO alpha-2 code, websites are domain names."""
    return chat_pb2.Source(
        web=chat_pb2.WebSource(
            country=country,
            excluded_websites=excluded_websites,
            allowed_websites=allowed_websites,
            safe_search=safe_search,
        )
    )


def news_source(
    country: str | None = None, excluded_websites: Sequence[str] | None = None, *, safe_search: bool = True
) -> chat_pb2.Source:
    """Search news sites."""
    return chat_pb2.Source(
        news=chat_pb2.NewsSource(
            country=country, excluded_websites=excluded_websites, safe_search=safe_search
        )
    )


def x_source(
    included_x_handles: Sequence[str] | None = None,
    excluded_x_handles: Sequence[str] | None = None,
    post_favorite_count: int | None = None,
    post_view_count: int | None = None,
) -> chat_pb2.Source:
    """Search X posts, optionally from some handles only or with a minimum of likes or views."""
    return chat_pb2.Source(
        x=chat_pb2.XSource(
            included_x_handles=included_x_handles,
            excluded_x_handles=excluded_x_handles,
            post_favorite_count=post_favorite_count,
            post_view_count=post_view_count,
        )
    )


def rss_source(links: Sequence[str]) -> chat_pb2.Source:
    """Search an RSS feed (one link is supported by the API)."""
    return chat_pb2.Source(rss=chat_pb2.RssSource(links=links))
