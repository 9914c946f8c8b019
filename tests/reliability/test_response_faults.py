"""Every public entry point, sync and async, against a server that answers badly (issue 17).

Each RPC-making method of every sub-client is driven through `FaultServer` (tests/reliability/
fault_server.py) in every scenario that applies: messages that do not parse, truncated ones,
messages of another type, statuses with and without details, absurd retry hints, a server that
never answers, dies, or goes away mid-call. Whatever happens, each call must end within its
deadline (the watchdog allows TIMEOUT + WATCHDOG seconds, then reports it "hung") with a result
or a typed error (`xai_sdk.errors.RpcError`, or `TimeoutError` for deadlines), never an
`AttributeError`, a `ValueError` from `time.sleep` or a bare `grpc.RpcError`; and the same client
must answer the next, healthy call.

The scenarios whose calls last until their deadline ("hangs", huge retry hints) are run for every
entry point at once, the first time one of their tests needs its result; the others one by one.
"""

from __future__ import annotations

import asyncio
import inspect
import io
import itertools
import math
import os
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Iterator, Sequence
from concurrent import futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import pydantic
import pytest
from google.protobuf.message import DecodeError
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from tests.reliability.fault_server import GARBAGE, OTHER_TYPE, FaultServer, methods
from xai_sdk import AsyncClient, Client, errors
from xai_sdk._runners import Iteration
from xai_sdk.chat import user
from xai_sdk.collections import DocumentIndexingError
from xai_sdk.retry import RetryPolicy
from xai_sdk.video import VideoGenerationError

pytestmark = [
    pytest.mark.filterwarnings("ignore::PendingDeprecationWarning"),  # sample_batch & co.
    pytest.mark.filterwarnings("ignore:Encountered unknown status"),  # polls of garbage statuses
]

TIMEOUT = 3.0
"""Each call's own timeout (`timeout=`), and the clients' default for the calls that take none."""
ANSWER_TIMEOUT = 0.5
"""The timeout of calls answered with a well-formed message of arbitrary content: a poll that
reads an unknown or pending status from it keeps polling until this (healthy calls take ~2 ms)."""
WATCHDOG = 5.0
"""How long past its deadline the test waits for a call before calling it hung."""
POLL_INTERVAL = 0.01
RETRY = RetryPolicy(max_attempts=2, initial_backoff=0.01, max_backoff=0.01)
"""Retries as by default (UNAVAILABLE), but quick: each scenario's attempts are counted."""
DOWNLOAD = Path(tempfile.gettempdir()) / f"xai-fault-suite-{os.getpid()}.bin"


# -- the entry points -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryPoint:
    """A public method that makes RPCs, as a call on a client with a timeout."""

    name: str
    call: Callable[[Any, float], Any]  # (client, timeout) -> result, awaitable, stream or listing
    rpcs: tuple[str, ...]  # the RPCs a healthy call makes, in order: each is a fault target
    verdicts: tuple[type[BaseException], ...] = ()
    """What it raises, as documented, on a well-formed answer it cannot use (e.g. a poll's status)."""
    unwrap: Callable[[Any], Any] | None = None  # applied to the result (e.g. raise a reported error)


def chat(client: Any, **options: Any) -> Any:
    return client.chat.create("grok-4", messages=[user("hi")], **options)


class Answer(pydantic.BaseModel):
    answer: int


def first_upload(results: dict[int, Any]) -> Any:
    """`batch_upload` reports each file's failure in its result: raise it as `upload` would."""
    if isinstance(results[0], BaseException):
        raise results[0]
    return results


_C = "/xai_api.Chat/"
_F = "/xai_api.Files/"
_V = "/xai_api.Video/"
_M = "/collections.Collections/"
_B = "/xai_api.BatchMgmt/"
_MODELS = "/xai_api.Models/"
UPLOAD = _F + "UploadFile"
DEFERRED = (RuntimeError, ValueError, TimeoutError)  # expired, unknown status, still pending
VIDEO_JOB = (RuntimeError, VideoGenerationError, TimeoutError)
INDEXING = (DocumentIndexingError, TimeoutError)
LISTING = (RuntimeError,)  # a page that names itself as the next one stops the listing
POLL = {"interval": POLL_INTERVAL}

ENTRY_POINTS = [
    EntryPoint("chat.sample", lambda c, t: chat(c).sample(timeout=t), (_C + "GetCompletion",)),
    EntryPoint("chat.sample_batch", lambda c, t: chat(c).sample_batch(2, timeout=t), (_C + "GetCompletion",)),
    EntryPoint("chat.stream", lambda c, t: chat(c).stream(timeout=t), (_C + "GetCompletionChunk",)),
    EntryPoint(
        "chat.stream_batch", lambda c, t: chat(c).stream_batch(2, timeout=t), (_C + "GetCompletionChunk",)
    ),
    EntryPoint(
        "chat.parse",
        lambda c, t: chat(c).parse(Answer, timeout=t),
        (_C + "GetCompletion",),
        verdicts=(pydantic.ValidationError,),
    ),
    EntryPoint(
        "chat.defer",
        lambda c, t: chat(c).defer(timeout=t, **POLL),
        (_C + "StartDeferredCompletion", _C + "GetDeferredCompletion"),
        verdicts=DEFERRED,
    ),
    EntryPoint(
        "chat.defer_batch",
        lambda c, t: chat(c).defer_batch(2, timeout=t, **POLL),
        (_C + "StartDeferredCompletion", _C + "GetDeferredCompletion"),
        verdicts=DEFERRED,
    ),
    EntryPoint("chat.compact", lambda c, t: chat(c).compact(timeout=t), (_C + "CompactContext",)),
    EntryPoint(
        "chat.get_stored_completion",
        lambda c, t: c.chat.get_stored_completion("c-1", timeout=t),
        (_C + "GetStoredCompletion",),
    ),
    EntryPoint(
        "chat.delete_stored_completion",
        lambda c, t: c.chat.delete_stored_completion("c-1", timeout=t),
        (_C + "DeleteStoredCompletion",),
    ),
    EntryPoint(
        "chat.compact_context",
        lambda c, t: c.chat.compact_context("grok-4", [user("hi")], timeout=t),
        (_C + "CompactContext",),
    ),
    EntryPoint(
        "image.sample",
        lambda c, t: c.image.sample("a cat", "grok-imagine-image", timeout=t),
        ("/xai_api.Image/GenerateImage",),
    ),
    EntryPoint(
        "image.sample_batch",
        lambda c, t: c.image.sample_batch("a cat", "grok-imagine-image", 2, timeout=t),
        ("/xai_api.Image/GenerateImage",),
    ),
    EntryPoint(
        "video.start",
        lambda c, t: c.video.start("a cat", "grok-imagine-video", timeout=t),
        (_V + "GenerateVideo",),
    ),
    EntryPoint("video.get", lambda c, t: c.video.get("video-1", timeout=t), (_V + "GetDeferredVideo",)),
    EntryPoint(
        "video.generate",
        lambda c, t: c.video.generate("a cat", "grok-imagine-video", timeout=t, **POLL),
        (_V + "GenerateVideo", _V + "GetDeferredVideo"),
        verdicts=VIDEO_JOB,
    ),
    EntryPoint(
        "video.extend_start",
        lambda c, t: c.video.extend_start("on", "grok-imagine-video", "https://x.ai/v.mp4", timeout=t),
        (_V + "ExtendVideo",),
    ),
    EntryPoint(
        "video.extend",
        lambda c, t: c.video.extend("on", "grok-imagine-video", "https://x.ai/v.mp4", timeout=t, **POLL),
        (_V + "ExtendVideo", _V + "GetDeferredVideo"),
        verdicts=VIDEO_JOB,
    ),
    EntryPoint(
        "files.upload", lambda c, t: c.files.upload(b"hello", filename="notes.txt", timeout=t), (UPLOAD,)
    ),
    EntryPoint(
        "files.batch_upload",
        lambda c, t: c.files.batch_upload([named_bytes()], timeout=t),
        (UPLOAD,),
        unwrap=first_upload,
    ),
    EntryPoint("files.list", lambda c, t: c.files.list(timeout=t), (_F + "ListFiles",)),
    EntryPoint("files.get", lambda c, t: c.files.get("file-1", timeout=t), (_F + "RetrieveFile",)),
    EntryPoint("files.delete", lambda c, t: c.files.delete("file-1", timeout=t), (_F + "DeleteFile",)),
    EntryPoint(
        "files.content", lambda c, t: c.files.content("file-1", timeout=t), (_F + "RetrieveFileContent",)
    ),
    EntryPoint(
        "files.download",
        lambda c, t: c.files.download("file-1", DOWNLOAD, timeout=t),
        (_F + "RetrieveFileContent",),
    ),
    EntryPoint(
        "files.iter_content",
        lambda c, t: c.files.iter_content("file-1", timeout=t),
        (_F + "RetrieveFileContent",),
    ),
    EntryPoint(
        "files.create_public_url",
        lambda c, t: c.files.create_public_url("file-1", timeout=t),
        (_F + "CreatePublicUrl",),
    ),
    EntryPoint(
        "files.revoke_public_url",
        lambda c, t: c.files.revoke_public_url("file-1", timeout=t),
        (_F + "RevokePublicUrl",),
    ),
    EntryPoint(
        "collections.create", lambda c, t: c.collections.create("docs", timeout=t), (_M + "CreateCollection",)
    ),
    EntryPoint("collections.list", lambda c, t: c.collections.list(timeout=t), (_M + "ListCollections",)),
    EntryPoint(
        "collections.get", lambda c, t: c.collections.get("col-1", timeout=t), (_M + "GetCollectionMetadata",)
    ),
    EntryPoint(
        "collections.update",
        lambda c, t: c.collections.update("col-1", name="new", timeout=t),
        (_M + "UpdateCollection",),
    ),
    EntryPoint(
        "collections.delete",
        lambda c, t: c.collections.delete("col-1", timeout=t),
        (_M + "DeleteCollection",),
    ),
    EntryPoint(
        "collections.generate_description",
        lambda c, t: c.collections.generate_description("col-1", timeout=t),
        (_M + "GenerateCollectionDescription",),
    ),
    EntryPoint(
        "collections.search",
        lambda c, t: c.collections.search("cats", ["col-1"], timeout=t),
        ("/xai_api.Documents/Search",),
    ),
    # upload_document's `timeout` bounds the wait for indexing (as in the official SDK): the
    # client's default timeout (TIMEOUT) bounds the call.
    EntryPoint(
        "collections.upload_document",
        lambda c, t: c.collections.upload_document("col-1", "notes.txt", b"hello"),
        (UPLOAD, _M + "AddDocumentToCollection", _M + "GetDocumentMetadata"),
    ),
    EntryPoint(
        "collections.upload_document(wait_for_indexing)",
        lambda c, t: c.collections.upload_document(
            "col-1", "notes.txt", b"hello", wait_for_indexing=True, poll_interval=POLL_INTERVAL, timeout=t
        ),
        (UPLOAD, _M + "AddDocumentToCollection", _M + "GetDocumentMetadata"),
        verdicts=INDEXING,
    ),
    EntryPoint(
        "collections.add_existing_document",
        lambda c, t: c.collections.add_existing_document("col-1", "file-1", timeout=t),
        (_M + "AddDocumentToCollection",),
    ),
    EntryPoint(
        "collections.get_document",
        lambda c, t: c.collections.get_document("file-1", "col-1", timeout=t),
        (_M + "GetDocumentMetadata",),
    ),
    EntryPoint(
        "collections.batch_get_documents",
        lambda c, t: c.collections.batch_get_documents("col-1", ["file-1"], timeout=t),
        (_M + "BatchGetDocuments",),
    ),
    EntryPoint(
        "collections.remove_document",
        lambda c, t: c.collections.remove_document("col-1", "file-1", timeout=t),
        (_M + "RemoveDocumentFromCollection",),
    ),
    EntryPoint(
        "collections.update_document",
        lambda c, t: c.collections.update_document("col-1", "file-1", name="new", timeout=t),
        (_M + "UpdateDocument",),
    ),
    EntryPoint(
        "collections.reindex_document",
        lambda c, t: c.collections.reindex_document("col-1", "file-1", timeout=t),
        (_M + "ReIndexDocument",),
    ),
    EntryPoint(
        "collections.list_documents",
        lambda c, t: c.collections.list_documents("col-1", timeout=t),
        (_M + "ListDocuments",),
    ),
    EntryPoint(
        "models.list_language_models",
        lambda c, t: c.models.list_language_models(timeout=t),
        (_MODELS + "ListLanguageModels",),
    ),
    EntryPoint(
        "models.get_language_model",
        lambda c, t: c.models.get_language_model("grok-4", timeout=t),
        (_MODELS + "GetLanguageModel",),
    ),
    EntryPoint(
        "models.list_embedding_models",
        lambda c, t: c.models.list_embedding_models(timeout=t),
        (_MODELS + "ListEmbeddingModels",),
    ),
    EntryPoint(
        "models.get_embedding_model",
        lambda c, t: c.models.get_embedding_model("embed", timeout=t),
        (_MODELS + "GetEmbeddingModel",),
    ),
    EntryPoint(
        "models.list_image_generation_models",
        lambda c, t: c.models.list_image_generation_models(timeout=t),
        (_MODELS + "ListImageGenerationModels",),
    ),
    EntryPoint(
        "models.get_image_generation_model",
        lambda c, t: c.models.get_image_generation_model("grok-imagine-image", timeout=t),
        (_MODELS + "GetImageGenerationModel",),
    ),
    EntryPoint(
        "tokenize.tokenize_text",
        lambda c, t: c.tokenize.tokenize_text("hi", "grok-4", timeout=t),
        ("/xai_api.Tokenize/TokenizeText",),
    ),
    EntryPoint(
        "auth.get_api_key_info",
        lambda c, t: c.auth.get_api_key_info(timeout=t),
        ("/xai_api.Auth/get_api_key_info",),
    ),
    EntryPoint("batch.create", lambda c, t: c.batch.create("b", timeout=t), (_B + "CreateBatch",)),
    EntryPoint(
        "batch.add",
        lambda c, t: c.batch.add("batch-1", [chat(c, batch_request_id="r-1")], timeout=t),
        (_B + "AddBatchRequests",),
    ),
    EntryPoint("batch.get", lambda c, t: c.batch.get("batch-1", timeout=t), (_B + "GetBatch",)),
    EntryPoint("batch.cancel", lambda c, t: c.batch.cancel("batch-1", timeout=t), (_B + "CancelBatch",)),
    EntryPoint("batch.list", lambda c, t: c.batch.list(timeout=t), (_B + "ListBatches",)),
    EntryPoint(
        "batch.list_batch_requests",
        lambda c, t: c.batch.list_batch_requests("batch-1", timeout=t),
        (_B + "ListBatchRequestMetadata",),
    ),
    EntryPoint(
        "batch.list_batch_results",
        lambda c, t: c.batch.list_batch_results("batch-1", timeout=t),
        (_B + "ListBatchResults",),
    ),
    EntryPoint(
        "batch.iter_batches",
        lambda c, t: c.batch.iter_batches(timeout=t),
        (_B + "ListBatches",),
        verdicts=LISTING,
    ),
    EntryPoint(
        "batch.iter_batch_requests",
        lambda c, t: c.batch.iter_batch_requests("batch-1", timeout=t),
        (_B + "ListBatchRequestMetadata",),
        verdicts=LISTING,
    ),
    EntryPoint(
        "batch.iter_results",
        lambda c, t: c.batch.iter_results("batch-1", timeout=t),
        (_B + "ListBatchResults",),
        verdicts=LISTING,
    ),
]


def named_bytes() -> io.BytesIO:
    content = io.BytesIO(b"hello")
    content.name = "notes.txt"
    return content


# -- driving a call, with the watchdog ------------------------------------------------------------


@dataclass
class Outcome:
    """How a call ended: its result or error, or `hung` if the watchdog gave up on it."""

    result: Any = None
    error: BaseException | None = None
    hung: bool = False


class Pending:
    """A call in progress; `outcome()` waits for it, at most until the watchdog's bound."""

    def __init__(self, timeout: float, future: futures.Future[Outcome], margin: float = 0.0) -> None:
        self._bound = time.monotonic() + timeout + WATCHDOG + margin
        self._future = future

    def outcome(self) -> Outcome:
        done, _ = futures.wait([self._future], max(0.0, self._bound - time.monotonic()))
        return self._future.result() if done else Outcome(hung=True)


def in_a_thread(run: Callable[[], Outcome]) -> futures.Future[Outcome]:
    """`run()` in a thread of its own, which the test abandons if it never returns."""
    future: futures.Future[Outcome] = futures.Future()
    threading.Thread(target=lambda: future.set_result(run()), daemon=True).start()
    return future


class Driver:
    """Makes calls on one client, `Client` (each in a thread) or `AsyncClient` (on an event loop)."""

    def __init__(self, client: Any, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self.client = client
        self.loop = loop
        self.mode = "sync" if loop is None else "async"

    def start(
        self, entry: EntryPoint, metadata: Sequence[tuple[str, str | bytes]], timeout: float = TIMEOUT
    ) -> Pending:
        view = self.client.with_options(metadata=metadata)
        if self.loop is None:
            return Pending(timeout, in_a_thread(lambda: self._run(entry, view, timeout)))
        coroutine = self._run_async(entry, view, timeout)
        # The coroutine reports a hung call itself; the margin catches an event loop that is blocked.
        return Pending(timeout, asyncio.run_coroutine_threadsafe(coroutine, self.loop), margin=1.0)

    def call(
        self, entry: EntryPoint, metadata: Sequence[tuple[str, str | bytes]], timeout: float = TIMEOUT
    ) -> Outcome:
        return self.start(entry, metadata, timeout).outcome()

    @staticmethod
    def _run(entry: EntryPoint, client: Client, timeout: float) -> Outcome:
        try:
            result = entry.call(client, timeout)
            if isinstance(result, Iteration):
                result = list(result)
            return Outcome(entry.unwrap(result) if entry.unwrap else result)
        except BaseException as error:  # the test judges it
            return Outcome(error=error)

    @staticmethod
    async def _run_async(entry: EntryPoint, client: AsyncClient, timeout: float) -> Outcome:
        async def drive() -> Any:
            result = entry.call(client, timeout)
            if inspect.isawaitable(result):
                result = await result
            if hasattr(result, "__aiter__"):
                result = [item async for item in result]
            return entry.unwrap(result) if entry.unwrap else result

        # Not `wait_for`: its TimeoutError could not be told from the call's own.
        task = asyncio.ensure_future(drive())
        done, _ = await asyncio.wait({task}, timeout=timeout + WATCHDOG)
        if not done:
            task.cancel()
            return Outcome(hung=True)
        error = task.exception()
        return Outcome(error=error) if error is not None else Outcome(task.result())


_call_ids = itertools.count(1)


def fault_metadata(
    fault: str, target: str, after: int = 0, payload: bytes | None = None
) -> tuple[str, list[tuple[str, str | bytes]]]:
    """A new call id and the metadata asking the server for `fault` on `target`."""
    call = f"call-{next(_call_ids)}"
    metadata: list[tuple[str, str | bytes]] = [
        ("x-call", call),
        ("x-fault", fault),
        ("x-fault-rpc", target),
        ("x-fault-after", str(after)),
    ]
    if payload is not None:
        metadata.append(("x-fault-payload-bin", payload))
    return call, metadata


# -- what each scenario must end with -------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One (entry point, fault target, scenario) of the suite, in one mode or the other."""

    entry: EntryPoint
    target: str
    scenario: Scenario

    @property
    def id(self) -> str:
        where = f"[{self.target.rsplit('/', 1)[1]}]" if len(self.entry.rpcs) > 1 else ""
        return f"{self.entry.name}{where}-{self.scenario.name}"


Check = Callable[[Outcome, Case, FaultServer, str], None]


@dataclass(frozen=True)
class Scenario:
    """A fault of the server, the kinds of RPC it applies to, and what the call must end with."""

    name: str
    fault: str
    check: Check
    kinds: frozenset[str] = frozenset({"unary", "server_stream", "client_stream"})
    after: int = 0  # healthy messages (or requests read) before the fault
    until_deadline: bool = False  # its calls last until their deadline: run them all at once
    timeout: float = TIMEOUT


def described(outcome: Outcome) -> str:
    if outcome.error is None:
        return f"returned {outcome.result!r:.200}"
    return f"raised {type(outcome.error).__name__}: {outcome.error!s:.300}"


def assert_well_formed(outcome: Outcome, case: Case) -> None:
    """Ended in time; any error is typed; a typed error's public attributes all work."""
    assert not outcome.hung, f"hung: {case.id} did not end within {case.scenario.timeout} + {WATCHDOG} s"
    error = outcome.error
    if error is None:
        return
    if isinstance(error, grpc.RpcError):
        assert isinstance(error, errors.RpcError), f"a bare grpc error escaped: {error!r}"
    assert isinstance(error, (errors.RpcError, TimeoutError, *case.entry.verdicts)), (
        f"{case.id} {described(outcome)} (expected a typed error)"
    )
    if isinstance(error, errors.RpcError):
        assert isinstance(error.code(), grpc.StatusCode)
        assert error.code().name in str(error) and repr(error)
        retry_after = error.retry_after
        assert retry_after is None or (math.isfinite(retry_after) and retry_after >= 0), retry_after
        assert error.request_id is None or isinstance(error.request_id, str)


def request_ids(server: FaultServer, call: str, target: str) -> list[str]:
    return [seen.request_id for seen in server.calls(call, target)]


def fails_to_parse(outcome: Outcome, case: Case, server: FaultServer, call: str) -> None:
    """An answer that does not parse: INTERNAL, naming the RPC and the server's request id."""
    assert_well_formed(outcome, case)
    error = outcome.error
    assert isinstance(error, errors.InternalServerError), f"{case.id} {described(outcome)}"
    assert error.method == case.target
    assert error.request_id in request_ids(server, call, case.target)


def parses_or_fails(payload: bytes) -> Check:
    """`payload` was sent: if it parses, any result or typed error; if not, as `fails_to_parse`."""

    def check(outcome: Outcome, case: Case, server: FaultServer, call: str) -> None:
        try:
            server.methods[case.target].response_type.FromString(payload)
        except DecodeError:
            fails_to_parse(outcome, case, server, call)
        else:
            assert_well_formed(outcome, case)

    return check


def fails_with(
    error_type: type[BaseException] | tuple[type[BaseException], ...], attempts: int | None = None
) -> Check:
    """A typed error of this type; `attempts` of the target RPC, when given."""

    def check(outcome: Outcome, case: Case, server: FaultServer, call: str) -> None:
        assert_well_formed(outcome, case)
        assert isinstance(outcome.error, error_type), f"{case.id} {described(outcome)}"
        if attempts is not None:
            made = len(server.calls(call, case.target))
            assert made == attempts, f"{case.id}: {made} attempts, expected {attempts}"

    return check


def fails_with_status(error_type: type[errors.RpcError], details: str) -> Check:
    def check(outcome: Outcome, case: Case, server: FaultServer, call: str) -> None:
        fails_with(error_type)(outcome, case, server, call)
        assert isinstance(outcome.error, errors.RpcError)
        assert (outcome.error.details() or "") == details
        assert outcome.error.method == case.target
        assert outcome.error.request_id in request_ids(server, call, case.target)

    return check


def succeeds(outcome: Outcome, case: Case, server: FaultServer, call: str) -> None:
    assert_well_formed(outcome, case)
    assert outcome.error is None, f"{case.id} {described(outcome)}"


def ends_typed(outcome: Outcome, case: Case, server: FaultServer, call: str) -> None:
    assert_well_formed(outcome, case)
    assert outcome.error is not None, f"{case.id} {described(outcome)}"


def rate_limited(outcome: Outcome, case: Case, server: FaultServer, call: str) -> None:
    fails_with_status(errors.RateLimitError, "slow down")(outcome, case, server, call)
    assert isinstance(outcome.error, errors.RpcError)
    assert outcome.error.retry_after == pytest.approx(0.001)


STREAMS = frozenset({"server_stream"})
UNAVAILABLE = (errors.UnavailableError,)
GIVES_UP = (errors.UnavailableError, TimeoutError)  # at once, or at the deadline

SCENARIOS = [
    Scenario("garbage", "garbage", fails_to_parse),
    Scenario("garbage-after-a-chunk", "garbage", fails_to_parse, STREAMS, after=1),
    Scenario("truncated", "truncated", fails_to_parse),
    Scenario("truncated-after-a-chunk", "truncated", fails_to_parse, STREAMS, after=1),
    Scenario("other-type", "other-type", parses_or_fails(OTHER_TYPE), timeout=ANSWER_TIMEOUT),
    Scenario("internal", "internal", fails_with_status(errors.InternalServerError, "the server broke")),
    Scenario(
        "not-found-without-details", "not-found-without-details", fails_with_status(errors.NotFoundError, "")
    ),
    Scenario("unavailable", "unavailable", fails_with(UNAVAILABLE, attempts=RETRY.max_attempts)),
    Scenario(
        "unavailable-after-a-chunk", "unavailable", fails_with(UNAVAILABLE, attempts=1), STREAMS, after=1
    ),
    Scenario("rate-limited-with-retry-info", "rate-limited-with-retry-info", rate_limited),
    Scenario("details-bin-garbage", "details-bin-garbage", fails_with(UNAVAILABLE)),
    Scenario("pushback-negative", "pushback-negative", fails_with(UNAVAILABLE, attempts=1)),
    Scenario("pushback-not-a-number", "pushback-not-a-number", fails_with(UNAVAILABLE, attempts=1)),
    Scenario("pushback-huge", "pushback-huge", fails_with(GIVES_UP, attempts=1), until_deadline=True),
    Scenario("retry-info-huge", "retry-info-huge", fails_with(GIVES_UP)),
    Scenario("retry-info-negative", "retry-info-negative", fails_with(UNAVAILABLE)),
    Scenario("hangs", "hangs", fails_with(TimeoutError), until_deadline=True),
    Scenario("hangs-after-a-chunk", "hangs", fails_with(TimeoutError), STREAMS, after=1, until_deadline=True),
    Scenario("dies", "dies", ends_typed),
    Scenario("dies-after-a-chunk", "dies", ends_typed, STREAMS, after=1),
    Scenario("dies-after-a-request", "dies", ends_typed, frozenset({"client_stream"}), after=1),
    Scenario("goaway", "goaway", succeeds),
    Scenario("goaway-after-a-chunk", "goaway", succeeds, STREAMS, after=1),
]

_KINDS = methods()  # the kind of each RPC, read from the protos


def cases(scenarios: Sequence[Scenario]) -> list[Case]:
    return [
        Case(entry, target, scenario)
        for entry in ENTRY_POINTS
        for target in entry.rpcs
        for scenario in scenarios
        if _KINDS[target].kind in scenario.kinds
    ]


CASES = cases(SCENARIOS)


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    fault_server = FaultServer().start()
    yield fault_server
    fault_server.stop()
    DOWNLOAD.unlink(missing_ok=True)


def client_options(server: FaultServer) -> dict[str, Any]:
    return {
        "api_key": "xai-fault-suite",
        "management_api_key": "xai-fault-suite-management",
        "api_host": server.address,
        "management_api_host": server.address,
        "retry": RETRY,
        "timeout": TIMEOUT,
    }


@pytest.fixture(scope="module")
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    """An event loop running in a thread of its own, for the `AsyncClient` calls."""
    event_loop = asyncio.new_event_loop()
    thread = threading.Thread(target=event_loop.run_forever, daemon=True)
    thread.start()
    yield event_loop
    event_loop.call_soon_threadsafe(event_loop.stop)
    thread.join()
    event_loop.close()


@pytest.fixture(scope="module")
def drivers(server: FaultServer, loop: asyncio.AbstractEventLoop) -> Iterator[dict[str, Driver]]:
    sync_client = Client(**client_options(server))
    async_client = AsyncClient(**client_options(server))
    yield {"sync": Driver(sync_client), "async": Driver(async_client, loop)}
    sync_client.close()
    closing: Coroutine[Any, Any, None] = async_client.close()
    asyncio.run_coroutine_threadsafe(closing, loop).result(TIMEOUT)


@dataclass
class DeadlineRuns:
    """The calls of the scenarios that last until their deadline, all started at once."""

    outcomes: dict[tuple[str, str], tuple[str, Outcome]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def deadline_runs(drivers: dict[str, Driver]) -> DeadlineRuns:
    started: dict[tuple[str, str], tuple[str, Pending]] = {}
    for case in cases([scenario for scenario in SCENARIOS if scenario.until_deadline]):
        for mode, driver in drivers.items():
            call, metadata = fault_metadata(case.scenario.fault, case.target, case.scenario.after)
            started[(case.id, mode)] = (call, driver.start(case.entry, metadata, case.scenario.timeout))
    runs = DeadlineRuns()
    for key, (call, pending) in started.items():
        runs.outcomes[key] = (call, pending.outcome())
    return runs


def assert_served(server: FaultServer, call: str, case: Case) -> None:
    """The server did answer the call's target RPC with the scenario's fault."""
    faults = [seen.fault for seen in server.calls(call, case.target)]
    assert case.scenario.fault in faults, f"{case.id}: the target RPC was answered with {faults}"


def assert_still_usable(driver: Driver, entry: EntryPoint) -> None:
    """The same client answers the next, healthy call of the same entry point."""
    call = f"call-{next(_call_ids)}"
    outcome = driver.call(entry, [("x-call", call)])
    assert not outcome.hung, f"the healthy call after the fault hung ({driver.mode} {entry.name})"
    assert outcome.error is None, f"the healthy call after the fault {described(outcome)}"


# -- the tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=[entry.name for entry in ENTRY_POINTS])
def test_each_entry_point_makes_the_rpcs_it_is_driven_through(
    server: FaultServer, drivers: dict[str, Driver], entry: EntryPoint, mode: str
) -> None:
    call = f"call-{next(_call_ids)}"
    outcome = drivers[mode].call(entry, [("x-call", call)])
    assert not outcome.hung and outcome.error is None, described(outcome)
    assert [seen.path for seen in server.calls(call)] == list(entry.rpcs)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_bad_answer_ends_in_time_with_a_typed_error(
    server: FaultServer,
    drivers: dict[str, Driver],
    request: pytest.FixtureRequest,
    case: Case,
    mode: str,
) -> None:
    driver = drivers[mode]
    restarts = server.restarts
    if case.scenario.until_deadline:
        runs: DeadlineRuns = request.getfixturevalue("deadline_runs")
        call, outcome = runs.outcomes[(case.id, mode)]
    else:
        call, metadata = fault_metadata(case.scenario.fault, case.target, case.scenario.after)
        outcome = driver.call(case.entry, metadata, case.scenario.timeout)
    assert_served(server, call, case)
    if case.scenario.fault in {"dies", "goaway"}:
        assert server.restarts > restarts, "the server was not replaced"
    case.scenario.check(outcome, case, server, call)
    assert_still_usable(driver, case.entry)


PAYLOAD_CASES = [
    Case(entry, target, Scenario("payload", "payload", succeeds, timeout=ANSWER_TIMEOUT))
    for entry in ENTRY_POINTS
    for target in entry.rpcs
]
# Bytes of every shape, and healthy-looking messages with a few bytes changed.
payloads = st.binary(max_size=48) | st.builds(
    lambda head, tail: head + tail,
    st.sampled_from([GARBAGE, OTHER_TYPE, b"\x0a\x03abc"]),
    st.binary(max_size=8),
)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("case", PAYLOAD_CASES, ids=[case.id for case in PAYLOAD_CASES])
def test_generated_answers_end_in_time_with_a_result_or_a_typed_error(
    server: FaultServer, drivers: dict[str, Driver], case: Case, mode: str
) -> None:
    driver = drivers[mode]

    @settings(
        max_examples=6,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
    )
    @given(payload=payloads)
    @example(payload=b"")  # an empty message: every field at its default
    def answered_with(payload: bytes) -> None:
        call, metadata = fault_metadata("payload", case.target, payload=payload)
        outcome = driver.call(case.entry, metadata, ANSWER_TIMEOUT)
        assert_served(server, call, case)
        parses_or_fails(payload)(outcome, case, server, call)

    answered_with()
    assert_still_usable(driver, case.entry)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_image_answer_holding_no_image_is_an_internal_error(
    server: FaultServer, drivers: dict[str, Driver], mode: str
) -> None:
    (sample,) = [entry for entry in ENTRY_POINTS if entry.name == "image.sample"]
    _, metadata = fault_metadata("payload", sample.rpcs[0], payload=b"")  # an empty ImageResponse
    outcome = drivers[mode].call(sample, metadata)
    assert isinstance(outcome.error, errors.InternalServerError), described(outcome)
    assert "without an image" in str(outcome.error)
    assert outcome.error.method == "/xai_api.Image/GenerateImage"
