"""xai_api.Chat: completions that echo or follow a script, streamed, deferred, stored, compacted.

The answers themselves are computed in `xai_sdk.emulator._chat_answers` (after the server-side
tools of `xai_sdk.emulator._server_tools` ran) and shaped into protos by
`xai_sdk.emulator._chat_delivery`; this module keeps the state (scripts, server tool results,
the prompt cache, stored completions, deferred jobs) and serves the RPCs.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import grpc

from xai_sdk.emulator import _chat_answers, _chat_delivery, _server_tools, catalog
from xai_sdk.emulator._base import DeferredPacing, EmulatorCall, RpcAbort, seconds_setting
from xai_sdk.emulator._chat_usage import PromptCache, count_prompt, sampling_usage
from xai_sdk.emulator._conversation import CompactedContext
from xai_sdk.emulator.chat import (
    _DEFERRED_OUTCOMES,
    SERVER_TOOLS,
    DeferredOutcome,
    Reply,
    SearchResult,
    ServerTool,
)
from xai_sdk.proto import chat_pb2, deferred_pb2

__all__ = ["Chat"]

_DEFERRED_STATUS = {"done": deferred_pb2.DONE, "expired": deferred_pb2.EXPIRED, "failed": deferred_pb2.FAILED}


@dataclass(frozen=True)
class _Stored:
    """A completion kept with `store_messages`, and the conversation it ends."""

    response: chat_pb2.GetChatCompletionResponse
    conversation: tuple[chat_pb2.Message, ...]


@dataclass
class _Job:
    """A deferred completion: its answer is ready from poll number `ready_at` on.

    And once `ready_after` (a `time.monotonic` reading) has passed.
    """

    response: chat_pb2.GetChatCompletionResponse
    outcome: DeferredOutcome
    ready_at: int
    ready_after: float
    polls: int = 0


class Chat(DeferredPacing):
    """The emulator's chat model: it echoes the last user message unless a script says otherwise.

    Reach it as ``emulator.chat``. `script` queues the next replies; `server_tool` sets what a
    server-side tool returns; `deferred_polls`, `deferred_seconds` and `deferred_outcome` set how
    deferred completions go; `chunk_interval` paces streamed answers; ``emulator.reset()``
    forgets scripts, tool results, the prompt cache, stored completions and deferred jobs.
    """

    full_name = "xai_api.Chat"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._emulator: Any = None
        self._scripts: dict[str | None, deque[Reply]] = {}
        self._server_tools: dict[str, ServerTool] = {}
        self._cache = PromptCache()
        self._stored: dict[str, _Stored] = {}
        self._jobs: dict[str, _Job] = {}
        self._counters: dict[str, Iterator[int]] = {}
        self.reset_pacing()
        self._deferred_outcome: DeferredOutcome = "done"
        self._chunk_interval = 0.0

    def attach(self, emulator: Any) -> None:
        """Keep the emulator: server-side tools publish pages and search its collections and files."""
        self._emulator = emulator

    # -- the public, scripting side -------------------------------------------------------------

    @property
    def deferred_outcome(self) -> DeferredOutcome:
        """How deferred completions end unless their scripted reply says otherwise.

        ``"done"`` (default), ``"expired"`` or ``"failed"``.
        """
        return self._deferred_outcome

    @deferred_outcome.setter
    def deferred_outcome(self, outcome: DeferredOutcome) -> None:
        if outcome not in _DEFERRED_OUTCOMES:
            raise ValueError(f"deferred_outcome must be one of {_DEFERRED_OUTCOMES}, got {outcome!r}")
        self._deferred_outcome = outcome

    @property
    def chunk_interval(self) -> float:
        """Seconds between two chunks of a streamed answer (default 0: as fast as they are sent).

        A model writes a few tokens at a time: with an interval, a stream reaches its client one
        chunk at a time, as a real one does, instead of in bursts.
        """
        return self._chunk_interval

    @chunk_interval.setter
    def chunk_interval(self, seconds: float) -> None:
        self._chunk_interval = seconds_setting("chunk_interval", seconds)

    def server_tool(
        self,
        name: str,
        *,
        results: Sequence[SearchResult] | None = None,
        output: str | None = None,
        error: str | None = None,
    ) -> None:
        """Set what a server-side tool gives from now on (until `reset`), instead of the default.

        Args:
            name: one of `xai_sdk.emulator.chat.SERVER_TOOLS` (``"web_search"``, ``"mcp"``, ...).
            results: for ``web_search`` and ``x_search``: the pages or posts found.
            output: for the other tools: what the call returns.
            error: the call fails with this message (status FAILED).

        """
        if name not in SERVER_TOOLS:
            raise ValueError(
                f"unknown server-side tool {name!r}; the emulator runs {', '.join(SERVER_TOOLS)}"
            )
        tool = ServerTool(results=results, output=output, error=error)
        with self._lock:
            self._server_tools[name] = tool

    def server_tools_from(self, document: Mapping[str, Any]) -> None:
        """Set several tools from JSON: ``{"web_search": {"results": [...]}, "mcp": {"output": "..."}}``.

        What ``xai-emulator --server-tools FILE`` reads (see `server_tool` for the keys).
        """
        if not isinstance(document, Mapping):
            raise TypeError(f"server tools are described by a JSON object, got {type(document).__name__}")
        tools = {}
        for name, description in document.items():
            if name not in SERVER_TOOLS:
                raise ValueError(
                    f"unknown server-side tool {name!r}; the emulator runs {', '.join(SERVER_TOOLS)}"
                )
            tools[name] = ServerTool.from_json(description)
        with self._lock:
            self._server_tools.update(tools)

    def script(self, *replies: Reply | str, model: str | None = None) -> None:
        """Queue replies, one for each of the next completion requests (a str is ``Reply(content=...)``).

        Args:
            replies: the replies, in the order requests consume them.
            model: only requests for this model (by its name or any alias) consume them;
                None: requests for any model, once the model's own script is used up.

        """
        queued = [Reply(reply) if isinstance(reply, str) else reply for reply in replies]
        for reply in queued:
            if not isinstance(reply, Reply):
                raise TypeError(f"script takes Reply objects or strings, got {type(reply).__name__}")
        key = None if model is None else self._model_name(model)
        with self._lock:
            self._scripts.setdefault(key, deque()).extend(queued)

    def reset(self) -> None:
        """Forget scripts, tool results, the prompt cache, stored completions and deferred jobs.

        Ids restart and the settings return to their defaults.
        """
        with self._lock:
            self._scripts.clear()
            self._server_tools.clear()
            self._stored.clear()
            self._jobs.clear()
            self._counters.clear()
            self.reset_pacing()
            self._deferred_outcome = "done"
            self._chunk_interval = 0.0
        self._cache.clear()

    # -- RPCs -----------------------------------------------------------------------------------

    def GetCompletion(
        self, request: chat_pb2.GetCompletionsRequest, call: EmulatorCall
    ) -> chat_pb2.GetChatCompletionResponse:
        """The whole answer at once."""
        return _chat_delivery.response(self._answer(request))

    def GetCompletionChunk(
        self, request: chat_pb2.GetCompletionsRequest, call: EmulatorCall
    ) -> Iterator[chat_pb2.GetChatCompletionChunk]:
        """The answer chunk by chunk (`chunk_interval` apart); stops early if the client goes away."""
        interval = self._chunk_interval
        for position, chunk in enumerate(_chat_delivery.chunks(self._answer(request))):
            if position and interval:
                time.sleep(interval)
            if not call.is_active:
                return
            yield chunk

    def StartDeferredCompletion(
        self, request: chat_pb2.GetCompletionsRequest, call: EmulatorCall
    ) -> deferred_pb2.StartDeferredResponse:
        """Compute the answer now; hand it out after `deferred_polls` polls and `deferred_seconds`."""
        answer, scripted = self._answer(request, with_script=True)
        request_id = f"deferred-{self._next('deferred'):08d}"
        with self._lock:
            outcome = answer.deferred if scripted else self._deferred_outcome
            self._jobs[request_id] = _Job(
                _chat_delivery.response(answer),
                outcome,
                ready_at=self._deferred_polls,
                ready_after=time.monotonic() + self._deferred_seconds,
            )
        return deferred_pb2.StartDeferredResponse(request_id=request_id)

    def GetDeferredCompletion(
        self, request: deferred_pb2.GetDeferredRequest, call: EmulatorCall
    ) -> chat_pb2.GetDeferredCompletionResponse:
        """PENDING until the job is ready, then DONE with the response (or EXPIRED, FAILED) once.

        The result is then gone (NOT_FOUND), as the real API hands it out exactly once.
        """
        with self._lock:
            job = self._jobs.get(request.request_id)
            if job is None:
                raise RpcAbort(
                    grpc.StatusCode.NOT_FOUND,
                    f"No deferred completion with request id {request.request_id!r}.",
                )
            job.polls += 1
            if job.polls < job.ready_at or time.monotonic() < job.ready_after:
                return chat_pb2.GetDeferredCompletionResponse(status=deferred_pb2.PENDING)
            del self._jobs[request.request_id]
        if job.outcome != "done":
            return chat_pb2.GetDeferredCompletionResponse(status=_DEFERRED_STATUS[job.outcome])
        return chat_pb2.GetDeferredCompletionResponse(status=deferred_pb2.DONE, response=job.response)

    def GetStoredCompletion(
        self, request: chat_pb2.GetStoredCompletionRequest, call: EmulatorCall
    ) -> chat_pb2.GetChatCompletionResponse:
        """A completion stored with `store_messages`."""
        return self._stored_completion(request.response_id).response

    def DeleteStoredCompletion(
        self, request: chat_pb2.DeleteStoredCompletionRequest, call: EmulatorCall
    ) -> chat_pb2.DeleteStoredCompletionResponse:
        """Forget a stored completion."""
        with self._lock:
            if self._stored.pop(request.response_id, None) is None:
                raise _no_stored_completion(request.response_id)
        return chat_pb2.DeleteStoredCompletionResponse(response_id=request.response_id)

    def CompactContext(
        self, request: chat_pb2.CompactContextRequest, call: EmulatorCall
    ) -> chat_pb2.CompactContextResponse:
        """Replace a conversation by one opaque context that remembers its last user text."""
        model = _chat_answers.language_model(request.model)
        _chat_answers.check_messages(request.input, "input")
        prompt = count_prompt(request.input)
        _chat_answers.check_prompt(model, request.input, prompt)
        return chat_pb2.CompactContextResponse(
            id=f"compact-{self._next('compact'):08d}",
            encrypted_content=CompactedContext.of(request.input).encode(),
            dropped_message_count=len(request.input),
            usage=sampling_usage(model, prompt, 0, 0),
        )

    # -- plumbing -------------------------------------------------------------------------------

    def _answer(self, request: chat_pb2.GetCompletionsRequest, *, with_script: bool = False) -> Any:
        """Check the request, run its server-side tools, take its scripted reply, compute the answer.

        The answer is stored if the request asks. With `with_script`: ``(answer, whether a reply
        was scripted)``.
        """
        model = _chat_answers.check(request)
        history = (
            self._stored_completion(request.previous_response_id).conversation
            if request.HasField("previous_response_id")
            else ()
        )
        conversation = [*history, *request.messages]
        if _server_tools.uses_server_tools(request, conversation) and request.n > 1:
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, "n must be 1 when server-side tools are used")
        _chat_answers.check_prompt(model, conversation, count_prompt(conversation))
        prompt = count_prompt(conversation, self._cache.use(model.name, conversation))
        with self._lock:
            scripted_tools = dict(self._server_tools)

        def new_call_id() -> str:
            return f"call_{self._next('call')}"

        tools = _server_tools.run(request, conversation, model, self._emulator, scripted_tools, new_call_id)
        reply = self._take_reply(model.name)
        answer = _chat_answers.compose(
            request,
            model,
            reply,
            conversation,
            response_id=f"chatcmpl-{self._next('completion'):08d}",
            created=time.time(),
            new_call_id=new_call_id,
            prompt=prompt,
            tools=tools,
        )
        if request.store_messages:
            self._store(answer, conversation)
        return (answer, reply is not None) if with_script else answer

    def _take_reply(self, model: str) -> Reply | None:
        with self._lock:
            for key in (model, None):
                queue = self._scripts.get(key)
                if queue:
                    return queue.popleft()
        return None

    def _store(self, answer: _chat_answers.Answer, conversation: Sequence[chat_pb2.Message]) -> None:
        response = _chat_delivery.response(answer)
        stored = _Stored(
            response,
            (
                *conversation,
                *(output.message() for output in answer.outputs[: answer.first_answer_index + 1]),
            ),
        )
        with self._lock:
            self._stored[answer.id] = stored

    def _stored_completion(self, response_id: str) -> _Stored:
        with self._lock:
            stored = self._stored.get(response_id)
        if stored is None:
            raise _no_stored_completion(response_id)
        return stored

    def _next(self, kind: str) -> int:
        """The next number of a sequence of ids (1, 2, ...), restarted by `reset`."""
        with self._lock:
            return next(self._counters.setdefault(kind, itertools.count(1)))

    @staticmethod
    def _model_name(name: str) -> str:
        model = catalog.find(catalog.LANGUAGE_MODELS, name)
        if model is None:
            known = ", ".join(model.name for model in catalog.LANGUAGE_MODELS)
            raise ValueError(f"the emulator serves no model {name!r}; its language models: {known}")
        return str(model.name)


def _no_stored_completion(response_id: str) -> RpcAbort:
    return RpcAbort(grpc.StatusCode.NOT_FOUND, f"No stored completion with id {response_id!r}.")
