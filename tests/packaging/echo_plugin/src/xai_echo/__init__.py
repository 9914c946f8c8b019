"""`client.echo`: a sub-client written the way any third party would, over the legacy Sample service.

The emulator's Sample service echoes the prompt, whole or one token per chunk.
"""

from __future__ import annotations

from typing import Any

from xai_sdk import errors
from xai_sdk.operations import (
    Call,
    Flow,
    Gather,
    Offload,
    Operation,
    Receive,
    Rpc,
    Sleep,
    StreamOperation,
    Timeout,
    call_timeout,
    unary,
)
from xai_sdk.proto import sample_pb2
from xai_sdk.service import Bound, ModeT, operation, stream_operation

SAMPLE_TEXT = Rpc("/xai_api.Sample/SampleText", sample_pb2.SampleTextRequest, sample_pb2.SampleTextResponse)
SAMPLE_TEXT_STREAMING = Rpc(
    "/xai_api.Sample/SampleTextStreaming",
    sample_pb2.SampleTextRequest,
    sample_pb2.SampleTextResponse,
    kind="server_stream",
)


def _text(response: sample_pb2.SampleTextResponse) -> str:
    return response.choices[0].text


class Echo(Bound[ModeT]):
    """Echoes prompts back."""

    @operation
    def complete(self, prompt: str, *, model: str = "grok-4", timeout: Timeout = None) -> Operation[str]:
        """The prompt, echoed in one response."""
        request = sample_pb2.SampleTextRequest(prompt=[prompt], model=model)
        return unary(SAMPLE_TEXT, request, _text, timeout=timeout)

    @stream_operation
    def stream(self, prompt: str, *, model: str = "grok-4", timeout: Timeout = None) -> StreamOperation[str]:
        """The prompt, echoed one token per chunk; the call's result is the whole text."""
        received: list[str] = []

        def on_chunk(chunk: sample_pb2.SampleTextResponse) -> str:
            received.append(_text(chunk))
            return received[-1]

        request = sample_pb2.SampleTextRequest(prompt=[prompt], model=model)
        return StreamOperation(
            SAMPLE_TEXT_STREAMING,
            request,
            on_chunk,
            result=lambda: "".join(received),
            timeout=call_timeout(timeout),
        )

    @operation
    def collect(self, prompt: str, *, stop_after: int | None = None) -> Operation[list[str]]:
        """The streamed echo, gathered by the flow chunk by chunk (a `Receive` step).

        With `stop_after`, handling chunk number `stop_after` + 1 raises `ValueError`.
        """
        request = sample_pb2.SampleTextRequest(prompt=[prompt], model="grok-4")
        received: list[str] = []

        def on_chunk(chunk: sample_pb2.SampleTextResponse) -> None:
            if stop_after is not None and len(received) == stop_after:
                raise ValueError(f"stopped after {stop_after} chunks")
            received.append(_text(chunk))

        def flow() -> Flow[list[str]]:
            yield Receive(SAMPLE_TEXT_STREAMING, request, on_chunk)
            return received

        return Operation(flow(), request)

    @operation
    def complete_twice(
        self, prompt: str, *, pause: float = 0.05, timeout: Timeout = None
    ) -> Operation[list[str]]:
        """Two RPCs with a pause between them: a multi-step flow."""
        request = sample_pb2.SampleTextRequest(prompt=[prompt], model="grok-4")

        def flow() -> Flow[list[str]]:
            first = yield Call(SAMPLE_TEXT, request)
            yield Sleep(pause)
            second = yield Call(SAMPLE_TEXT, request)
            return [_text(first), _text(second)]

        return Operation(flow(), request, call_timeout(timeout))

    @operation
    def complete_or(self, prompt: str, default: str, *, model: str) -> Operation[str]:
        """The echo, or `default` when the model does not exist: a flow that handles an RPC error."""
        request = sample_pb2.SampleTextRequest(prompt=[prompt], model=model)

        def flow() -> Flow[str]:
            try:
                response: Any = yield Call(SAMPLE_TEXT, request)
            except errors.NotFoundError:
                return default
            return _text(response)

        return Operation(flow(), request)

    @operation
    def complete_many(
        self, prompts: list[str], *, limit: int = 2, models: list[str] | None = None
    ) -> Operation[list[Any]]:
        """Echo several prompts concurrently: each result, or the error its call raised."""
        chosen = models or ["grok-4"] * len(prompts)
        calls = [
            ("complete", Echo.complete.build(self, p, model=m)) for p, m in zip(prompts, chosen, strict=True)
        ]
        finished: list[int] = []

        def flow() -> Flow[list[Any]]:
            outcomes = yield Gather(calls, limit, on_done=lambda index, _: finished.append(index))
            assert sorted(finished) == list(range(len(prompts)))
            return list(outcomes)

        return Operation(flow())

    @operation
    def shout(self, text: str) -> Operation[str]:
        """Upper-case `text` in a blocking function (a worker thread on AsyncClient)."""

        def flow() -> Flow[str]:
            try:
                result: str = yield Offload(_upper, (text,))
            except ValueError:
                return "(nothing to shout)"
            return result

        return Operation(flow())


def _upper(text: str) -> str:
    if not text:
        raise ValueError("empty")
    return text.upper()
