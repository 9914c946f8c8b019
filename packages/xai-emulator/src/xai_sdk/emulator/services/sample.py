"""xai_api.Sample (legacy raw text sampling): echoes the prompt, whole or word by word."""

from __future__ import annotations

from collections.abc import Iterator

import grpc

from xai_sdk.emulator import catalog
from xai_sdk.emulator._base import EMULATOR_EPOCH, EmulatorCall, RpcAbort, timestamp
from xai_sdk.emulator.services.tokenize import tokenize
from xai_sdk.proto import sample_pb2, usage_pb2


def _check(request: sample_pb2.SampleTextRequest) -> str:
    model = catalog.find(catalog.LANGUAGE_MODELS, request.model)
    if model is None:
        raise RpcAbort(grpc.StatusCode.NOT_FOUND, f"The model {request.model!r} does not exist.")
    if not request.prompt:
        raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, "prompt must not be empty")
    return str(model.name)


def _pieces(request: sample_pb2.SampleTextRequest) -> list[str]:
    pieces = [token.string_token for token in tokenize("".join(request.prompt))]
    return pieces[: request.max_tokens] if request.HasField("max_tokens") else pieces


def _usage(request: sample_pb2.SampleTextRequest, completion_tokens: int) -> usage_pb2.SamplingUsage:
    prompt_tokens = len(tokenize("".join(request.prompt)))
    return usage_pb2.SamplingUsage(
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        total_tokens=prompt_tokens + completion_tokens,
        prompt_text_tokens=prompt_tokens,
    )


class Sample:
    """The completion of a prompt is the prompt itself (truncated to `max_tokens`)."""

    full_name = "xai_api.Sample"

    def SampleText(
        self, request: sample_pb2.SampleTextRequest, call: EmulatorCall
    ) -> sample_pb2.SampleTextResponse:
        """Answer with the whole echo at once."""
        model = _check(request)
        pieces = _pieces(request)
        return sample_pb2.SampleTextResponse(
            id=call.record.request_id,
            choices=[
                sample_pb2.SampleChoice(finish_reason=sample_pb2.REASON_STOP, index=0, text="".join(pieces))
            ],
            created=timestamp(EMULATOR_EPOCH),
            model=model,
            system_fingerprint=catalog.FINGERPRINT,
            usage=_usage(request, len(pieces)),
        )

    def SampleTextStreaming(
        self, request: sample_pb2.SampleTextRequest, call: EmulatorCall
    ) -> Iterator[sample_pb2.SampleTextResponse]:
        """Stream the echo one token per chunk; the last chunk carries the finish reason and usage."""
        model = _check(request)
        pieces = _pieces(request)
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            yield sample_pb2.SampleTextResponse(
                id=call.record.request_id,
                choices=[
                    sample_pb2.SampleChoice(
                        finish_reason=sample_pb2.REASON_STOP if last else sample_pb2.REASON_INVALID,
                        index=0,
                        text=piece,
                    )
                ],
                model=model,
                usage=_usage(request, len(pieces)) if last else None,
            )
