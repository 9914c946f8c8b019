"""Debug logging of calls on the ``xai_sdk`` logger: one line per call, never the key.

Each call is logged at DEBUG when it ends: service and method, duration, status and the
server's request id. Message content (requests and responses) is logged only when
``XAI_SDK_LOG_CONTENT`` is ``1`` or ``true``. ``XAI_SDK_LOG=debug`` turns this on for programs
that do not configure logging themselves (it adds a handler printing to stderr). The logger is
consulted when a client is created: a client made while DEBUG is off logs nothing.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TYPE_CHECKING, Any

from xai_sdk.errors import RpcError
from xai_sdk.hookspecs import hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, RpcInfo

logger = logging.getLogger("xai_sdk")

LOG_ENV = "XAI_SDK_LOG"
LOG_CONTENT_ENV = "XAI_SDK_LOG_CONTENT"
_STASH_KEY = "xai-debug-log"
_CONTENT_LIMIT = 2000


def _switched_on(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "debug")


def configure_from_environment() -> None:
    """Honour ``XAI_SDK_LOG=debug``: a stderr handler on the ``xai_sdk`` logger, at DEBUG."""
    if os.environ.get(LOG_ENV, "").strip().lower() != "debug" or logger.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


def enabled() -> bool:
    """Whether calls should be logged: the ``xai_sdk`` logger is enabled for DEBUG."""
    return logger.isEnabledFor(logging.DEBUG)


def _shown(message: Any) -> str:
    text = str(message).replace("\n", " ").strip()
    return text if len(text) <= _CONTENT_LIMIT else text[:_CONTENT_LIMIT] + "..."


class DebugLog:
    """Observation hooks that log calls; registered by clients created while DEBUG is on."""

    def __init__(self) -> None:
        self.with_content = _switched_on(LOG_CONTENT_ENV)

    @hookimpl
    def xai_sdk_rpc_finished(self, call: CallInfo, rpc: RpcInfo) -> None:
        """Remember the request id of the call's last RPC."""
        call.stash[_STASH_KEY] = rpc.request_id

    @hookimpl
    def xai_sdk_call_finished(self, call: CallInfo, result: Any, error: BaseException | None) -> None:
        """Log the call: what, how long, how it ended, the request id."""
        if error is None:
            status = "closed early" if call.closed_early else "OK"
        elif isinstance(error, RpcError):
            status = error.code().name
        else:
            status = type(error).__name__
        request_id = call.stash.get(_STASH_KEY) or getattr(error, "request_id", None)
        logger.debug(
            "%s.%s %s in %.1f ms%s%s",
            call.service,
            call.method,
            status,
            (time.time() - call.start_time) * 1000,
            f" ({call.chunks} chunks)" if call.streaming else "",
            f" request id {request_id}" if request_id else "",
        )
        if self.with_content:
            logger.debug("%s.%s request: %s", call.service, call.method, _shown(call.request))
            if error is None:
                logger.debug("%s.%s result: %s", call.service, call.method, _shown(result))
