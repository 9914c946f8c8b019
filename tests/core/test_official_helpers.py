"""The official SDK's helpers for code that builds its own channels: credentials, interceptors, PollTimer."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import grpc
import grpc.aio
import pytest
from google.protobuf import empty_pb2

from xai_sdk.client import create_channel_credentials
from xai_sdk.emulator import Emulator
from xai_sdk.interceptors import (
    AuthInterceptor,
    TimeoutInterceptor,
    UnaryStreamAuthAioInterceptor,
    UnaryStreamTimeoutAioInterceptor,
    UnaryUnaryAuthAioInterceptor,
    UnaryUnaryTimeoutAioInterceptor,
)
from xai_sdk.poll_timer import PollTimer
from xai_sdk.proto import files_pb2, files_pb2_grpc, models_pb2_grpc

LIST = "Models/ListLanguageModels"


def test_channel_credentials_send_the_key_and_the_metadata(xai_emulator: Emulator) -> None:
    credentials = create_channel_credentials(
        xai_emulator.api_key, xai_emulator.address, (("x-team", "blue"),)
    )
    with grpc.secure_channel(xai_emulator.address, credentials) as channel:
        models = models_pb2_grpc.ModelsStub(channel).ListLanguageModels(empty_pb2.Empty(), timeout=10)
    assert models.models
    assert ("x-team", "blue") in xai_emulator.calls(LIST)[0].metadata


def test_channel_credentials_refuse_an_empty_key() -> None:
    with pytest.raises(ValueError, match="Empty xAI API key provided"):
        create_channel_credentials("", "api.x.ai")


def test_the_sync_interceptors_add_the_key_and_replace_the_timeout(xai_emulator: Emulator) -> None:
    with grpc.insecure_channel(xai_emulator.address) as plain:
        stub = models_pb2_grpc.ModelsStub(plain)
        with pytest.raises(grpc.RpcError) as refused:
            stub.ListLanguageModels(empty_pb2.Empty(), timeout=10)
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
        channel = grpc.intercept_channel(plain, AuthInterceptor(xai_emulator.api_key), TimeoutInterceptor(7))
        assert models_pb2_grpc.ModelsStub(channel).ListLanguageModels(empty_pb2.Empty(), timeout=600).models
        file_id = xai_emulator.files.add_file("a.txt", b"abc").id
        request = files_pb2.RetrieveFileContentRequest(file_id=file_id)
        chunks = files_pb2_grpc.FilesStub(channel).RetrieveFileContent(request)
        assert b"".join(chunk.data for chunk in chunks) == b"abc"  # server streams are covered too
    remaining = xai_emulator.calls(LIST)[-1].time_remaining
    assert remaining is not None and remaining < 8  # 7 s (rounded up by gRPC), not the call's own


def test_the_aio_interceptors_add_the_key_and_replace_the_timeout(xai_emulator: Emulator) -> None:
    file_id = xai_emulator.files.add_file("a.txt", b"abc").id

    async def main() -> tuple[int, bytes]:
        interceptors = [
            UnaryUnaryAuthAioInterceptor(xai_emulator.api_key),
            UnaryStreamAuthAioInterceptor(xai_emulator.api_key),
            UnaryUnaryTimeoutAioInterceptor(7),
            UnaryStreamTimeoutAioInterceptor(7),
        ]
        async with grpc.aio.insecure_channel(xai_emulator.address, interceptors=interceptors) as channel:
            models = await models_pb2_grpc.ModelsStub(channel).ListLanguageModels(empty_pb2.Empty())
            request = files_pb2.RetrieveFileContentRequest(file_id=file_id)
            data = b"".join(
                [chunk.data async for chunk in files_pb2_grpc.FilesStub(channel).RetrieveFileContent(request)]
            )
        return len(models.models), data

    count, data = asyncio.run(main())
    assert count > 0 and data == b"abc"
    remaining = xai_emulator.calls(LIST)[-1].time_remaining
    assert remaining is not None and remaining < 8  # 7 s (rounded up by gRPC), not the call's own


def test_the_key_of_an_interceptor_stays_out_of_its_repr() -> None:
    assert "secret-key" not in repr(AuthInterceptor("secret-key")) + repr(
        UnaryUnaryAuthAioInterceptor("secret-key")
    )


def test_a_poll_timer_paces_the_polling_and_then_times_out() -> None:
    timer = PollTimer(timedelta(milliseconds=50), timedelta(seconds=1), context="the job")
    assert 0 < timer.sleep_interval_or_raise() <= 0.05  # never past the total time
    assert PollTimer(interval=timedelta(milliseconds=200)).sleep_interval_or_raise() == pytest.approx(0.2)
    time.sleep(0.06)
    with pytest.raises(TimeoutError, match=r"Polling timed out after \d+\.\ds: the job"):
        timer.sleep_interval_or_raise()
