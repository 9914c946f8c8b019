"""Deferred work like the real API: a finished deferred completion is handed out once, and jobs stay
PENDING for a set number of polls or seconds, then end as told (done, expired, failed).

No test gates on how long something took: a job told to wait 60 seconds must be PENDING when
polled at once, one told to wait 50 milliseconds must be done after a sleep of 200.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

import grpc
import pytest

from tests.conftest import outcome
from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.proto import chat_pb2, deferred_pb2, video_pb2

FAST = datetime.timedelta(milliseconds=5)


class Raw:
    """Deferred chat and video RPCs on a plain channel."""

    def __init__(self, emulator: Emulator) -> None:
        self._channel = grpc.insecure_channel(emulator.address)
        self._metadata = (("authorization", f"Bearer {emulator.api_key}"),)

    def call(self, path: str, request: Any, response_type: Any) -> Any:
        rpc = self._channel.unary_unary(
            path,
            request_serializer=type(request).SerializeToString,
            response_deserializer=response_type.FromString,
        )
        return rpc(request, metadata=self._metadata, timeout=10)

    def defer(self) -> str:
        request = chat_pb2.GetCompletionsRequest(
            model="grok-3", messages=[chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[{"text": "Hi"}])]
        )
        started = self.call(
            "/xai_api.Chat/StartDeferredCompletion", request, deferred_pb2.StartDeferredResponse
        )
        return str(started.request_id)

    def poll(self, request_id: str) -> chat_pb2.GetDeferredCompletionResponse:
        return self.call(
            "/xai_api.Chat/GetDeferredCompletion",
            deferred_pb2.GetDeferredRequest(request_id=request_id),
            chat_pb2.GetDeferredCompletionResponse,
        )

    def video(self) -> str:
        request = video_pb2.GenerateVideoRequest(model="grok-imagine-video", prompt="Clouds")
        return str(
            self.call("/xai_api.Video/GenerateVideo", request, deferred_pb2.StartDeferredResponse).request_id
        )

    def poll_video(self, request_id: str) -> video_pb2.GetDeferredVideoResponse:
        return self.call(
            "/xai_api.Video/GetDeferredVideo",
            video_pb2.GetDeferredVideoRequest(request_id=request_id),
            video_pb2.GetDeferredVideoResponse,
        )

    def close(self) -> None:
        self._channel.close()


@pytest.fixture
def raw(xai_emulator: Emulator) -> Any:
    connection = Raw(xai_emulator)
    yield connection
    connection.close()


# -- chat -------------------------------------------------------------------------------------


def test_a_finished_deferred_completion_is_handed_out_once(raw: Raw) -> None:
    request_id = raw.defer()
    assert raw.poll(request_id).status == deferred_pb2.DONE
    with pytest.raises(grpc.RpcError) as raised:
        raw.poll(request_id)
    assert raised.value.code() is grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize("ending", ["expired", "failed"])
def test_an_ended_deferred_completion_is_gone_after_saying_so(
    raw: Raw, xai_emulator: Emulator, ending: Any
) -> None:
    xai_emulator.chat.deferred_outcome = ending
    request_id = raw.defer()
    status = {"expired": deferred_pb2.EXPIRED, "failed": deferred_pb2.FAILED}[ending]
    assert raw.poll(request_id).status == status
    with pytest.raises(grpc.RpcError):
        raw.poll(request_id)


def test_a_deferred_completion_waits_the_seconds_asked(raw: Raw, xai_emulator: Emulator) -> None:
    xai_emulator.chat.deferred_seconds = 60
    slow = raw.defer()
    xai_emulator.chat.deferred_seconds = 0.05
    quick = raw.defer()
    assert [raw.poll(slow).status for _ in range(3)] == [deferred_pb2.PENDING] * 3
    time.sleep(0.2)
    assert raw.poll(quick).status == deferred_pb2.DONE
    assert raw.poll(slow).status == deferred_pb2.PENDING  # each job keeps the setting it started with


async def test_defer_polls_until_done_then_the_result_is_gone(
    client: Any, xai_emulator: Emulator, raw: Raw
) -> None:
    xai_emulator.chat.deferred_polls = 3
    chat = client.chat.create("grok-3", messages=[user("Hi")])
    response = await outcome(chat.defer(interval=FAST))
    assert response.content == "Hi"
    polls = xai_emulator.calls("Chat/GetDeferredCompletion")
    assert len(polls) == 3
    with pytest.raises(grpc.RpcError) as raised:
        raw.poll(polls[0].request.request_id)
    assert raised.value.code() is grpc.StatusCode.NOT_FOUND


async def test_defer_reports_an_expired_completion(client: Any, xai_emulator: Emulator) -> None:
    xai_emulator.chat.deferred_outcome = "expired"
    chat = client.chat.create("grok-3", messages=[user("Hi")])
    with pytest.raises(Exception, match=r"(?i)expired"):
        await outcome(chat.defer(interval=FAST))


def test_deferred_settings_are_checked_and_reset(xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="deferred_seconds"):
        xai_emulator.chat.deferred_seconds = -1
    with pytest.raises(ValueError, match="deferred_outcome"):
        xai_emulator.chat.deferred_outcome = "later"  # type: ignore[assignment]
    xai_emulator.chat.deferred_seconds = 5
    xai_emulator.chat.deferred_outcome = "failed"
    xai_emulator.reset()
    assert (xai_emulator.chat.deferred_seconds, xai_emulator.chat.deferred_outcome) == (0, "done")


# -- video ------------------------------------------------------------------------------------


def test_a_video_job_waits_the_seconds_asked(raw: Raw, xai_emulator: Emulator) -> None:
    xai_emulator.video.deferred_seconds = 60
    slow = raw.video()
    xai_emulator.video.deferred_seconds = 0.05
    quick = raw.video()
    pending = raw.poll_video(slow)
    assert pending.status == deferred_pb2.PENDING and pending.response.progress < 100
    time.sleep(0.2)
    assert raw.poll_video(quick).status == deferred_pb2.DONE
    assert raw.poll_video(slow).status == deferred_pb2.PENDING


@pytest.mark.parametrize(
    ("ending", "status"), [("expired", deferred_pb2.EXPIRED), ("failed", deferred_pb2.FAILED)]
)
def test_every_video_job_ends_as_told(raw: Raw, xai_emulator: Emulator, ending: Any, status: int) -> None:
    xai_emulator.video.outcome = ending
    assert [raw.poll_video(raw.video()).status for _ in range(2)] == [status, status]
    xai_emulator.video.outcome = "done"
    assert raw.poll_video(raw.video()).status == deferred_pb2.DONE


async def test_generate_reports_a_failed_video(client: Any, xai_emulator: Emulator) -> None:
    xai_emulator.video.outcome = "failed"
    with pytest.raises(Exception, match="internal_error"):
        await outcome(client.video.generate("Clouds", "grok-imagine-video", interval=FAST))
