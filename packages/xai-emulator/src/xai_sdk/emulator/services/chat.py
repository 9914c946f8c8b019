"""xai_api.Chat: completions that echo or follow a script, streamed, deferred, stored, compacted.

The answers themselves are computed in `xai_sdk.emulator._chat_answers` and shaped into protos
by `xai_sdk.emulator._chat_delivery`; this module keeps the state (scripts, stored completions,
deferred jobs) and serves the RPCs.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import grpc

from xai_sdk.emulator import _chat_answers, _chat_delivery, catalog
from xai_sdk.emulator._base import EmulatorCall, RpcAbort
from xai_sdk.emulator._conversation import CompactedContext, prompt_tokens
from xai_sdk.emulator.chat import DeferredOutcome, Reply
from xai_sdk.proto import chat_pb2, deferred_pb2, usage_pb2

__all__ = ["Chat"]

_DEFERRED_STATUS = {"done": deferred_pb2.DONE, "expired": deferred_pb2.EXPIRED, "failed": deferred_pb2.FAILED}


@dataclass(frozen=True)
class _Stored:
    """A completion kept with `store_messages`, and the conversation it ends."""

    response: chat_pb2.GetChatCompletionResponse
    conversation: tuple[chat_pb2.Message, ...]


@dataclass
class _Job:
    """A deferred completion: its answer is ready from poll number `ready_at` on."""

    response: chat_pb2.GetChatCompletionResponse
    outcome: DeferredOutcome
    ready_at: int
    polls: int = 0


class Chat:
    """The emulator's chat model: it echoes the last user message unless a script says otherwise.

    Reach it as ``emulator.chat``. `script` queues the next replies; `deferred_polls` sets how
    many polls a deferred completion takes; ``emulator.reset()`` forgets scripts, stored
    completions and deferred jobs.
    """

    full_name = "xai_api.Chat"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scripts: dict[str | None, deque[Reply]] = {}
        self._stored: dict[str, _Stored] = {}
        self._jobs: dict[str, _Job] = {}
        self._counters: dict[str, Iterator[int]] = {}
        self._deferred_polls = 1

    # -- the public, scripting side -------------------------------------------------------------

    @property
    def deferred_polls(self) -> int:
        """The poll at which a deferred completion is done: earlier polls answer PENDING (default 1).

        Each job keeps the value set when it started.
        """
        return self._deferred_polls

    @deferred_polls.setter
    def deferred_polls(self, polls: int) -> None:
        if isinstance(polls, bool) or not isinstance(polls, int) or polls < 1:
            raise ValueError(f"deferred_polls must be an int of at least 1, got {polls!r}")
        self._deferred_polls = polls

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
        """Forget scripts, stored completions and deferred jobs; restart ids; restore defaults."""
        with self._lock:
            self._scripts.clear()
            self._stored.clear()
            self._jobs.clear()
            self._counters.clear()
            self._deferred_polls = 1

    # -- RPCs -----------------------------------------------------------------------------------

    def GetCompletion(
        self, request: chat_pb2.GetCompletionsRequest, call: EmulatorCall
    ) -> chat_pb2.GetChatCompletionResponse:
        """The whole answer at once."""
        return _chat_delivery.response(self._answer(request))

    def GetCompletionChunk(
        self, request: chat_pb2.GetCompletionsRequest, call: EmulatorCall
    ) -> Iterator[chat_pb2.GetChatCompletionChunk]:
        """The answer chunk by chunk; stops early if the client goes away."""
        for chunk in _chat_delivery.chunks(self._answer(request)):
            if not call.is_active:
                return
            yield chunk

    def StartDeferredCompletion(
        self, request: chat_pb2.GetCompletionsRequest, call: EmulatorCall
    ) -> deferred_pb2.StartDeferredResponse:
        """Compute the answer now, hand it out once polled `deferred_polls` times."""
        answer = self._answer(request)
        request_id = f"deferred-{self._next('deferred'):08d}"
        with self._lock:
            self._jobs[request_id] = _Job(
                _chat_delivery.response(answer), answer.deferred, ready_at=self._deferred_polls
            )
        return deferred_pb2.StartDeferredResponse(request_id=request_id)

    def GetDeferredCompletion(
        self, request: deferred_pb2.GetDeferredRequest, call: EmulatorCall
    ) -> chat_pb2.GetDeferredCompletionResponse:
        """PENDING until the job's poll count is reached, then DONE with the response (or EXPIRED, FAILED)."""
        with self._lock:
            job = self._jobs.get(request.request_id)
            if job is None:
                raise RpcAbort(
                    grpc.StatusCode.NOT_FOUND,
                    f"No deferred completion with request id {request.request_id!r}.",
                )
            job.polls += 1
            if job.polls < job.ready_at:
                return chat_pb2.GetDeferredCompletionResponse(status=deferred_pb2.PENDING)
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
        prompt = prompt_tokens(request.input)
        return chat_pb2.CompactContextResponse(
            id=f"compact-{self._next('compact'):08d}",
            encrypted_content=CompactedContext.of(request.input).encode(),
            dropped_message_count=len(request.input),
            usage=usage_pb2.SamplingUsage(
                prompt_tokens=prompt,
                total_tokens=prompt,
                prompt_text_tokens=prompt,
                cost_in_usd_ticks=prompt * model.prompt_text_token_price,
            ),
        )

    # -- plumbing -------------------------------------------------------------------------------

    def _answer(self, request: chat_pb2.GetCompletionsRequest) -> _chat_answers.Answer:
        """Check the request, take its scripted reply, compute the answer, store it if asked to."""
        model = _chat_answers.check(request)
        history = (
            self._stored_completion(request.previous_response_id).conversation
            if request.HasField("previous_response_id")
            else ()
        )
        answer = _chat_answers.compose(
            request,
            model,
            self._take_reply(model.name),
            history,
            response_id=f"chatcmpl-{self._next('completion'):08d}",
            created=time.time(),
            new_call_id=lambda: f"call_{self._next('call')}",
        )
        if request.store_messages:
            self._store(answer, [*history, *request.messages])
        return answer

    def _take_reply(self, model: str) -> Reply | None:
        with self._lock:
            for key in (model, None):
                queue = self._scripts.get(key)
                if queue:
                    return queue.popleft()
        return None

    def _store(self, answer: _chat_answers.Answer, conversation: Sequence[chat_pb2.Message]) -> None:
        response = _chat_delivery.response(answer)
        stored = _Stored(response, (*conversation, answer.outputs[0].message()))
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
