"""Every public method, sync and async, recorded against the emulator and replayed without it.

The cases are those of the drop-in catalogue (tests/dropin/catalogue.py: every public method of
the official surface, with good and bad input), plus the methods this SDK adds (`EXTRA`). A
module fixture records each case in each mode through a cassette in front of an emulator, then
stops the emulator; each test replays one cassette, with clients holding other keys, and
compares what the case got (responses, chunks, errors, as the harness summarizes them) with
what it got when recording. A cassette recorded by one client replays for the other as well
(one case per public method).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cassettes.recording import Recording, comparable, record, replay, secret_emulator, secrets_in
from tests.dropin.catalogue import CASES, METHODS, Case
from xai_sdk.emulator import Emulator

MODES = ("sync", "async")
REQUEST_ID = r"emu-[0-9]{8}"


async def _iterate(t: Any, stream: Any) -> list[Any]:
    return await t.collect(stream)


async def _batch_with_results(t: Any) -> str:
    from xai_sdk.chat import user

    batch = await t.call(t.client.batch.create("round-trip"))
    chats = [t.client.chat.create("grok-4", messages=[user(text)], batch_request_id=text) for text in "ab"]
    await t.call(t.client.batch.add(batch.batch_id, chats))
    return str(batch.batch_id)


async def _iter_batches(t: Any) -> Any:
    await _batch_with_results(t)
    return await t.collect(t.client.batch.iter_batches(page_size=1))


async def _iter_batch_requests(t: Any) -> Any:
    batch_id = await _batch_with_results(t)
    return await t.collect(t.client.batch.iter_batch_requests(batch_id, page_size=1))


async def _iter_results(t: Any) -> Any:
    batch_id = await _batch_with_results(t)
    return await t.collect(t.client.batch.iter_results(batch_id, page_size=1))


async def _upload(t: Any, size: int) -> Any:
    return await t.call(t.client.files.upload(bytes(range(256)) * (size // 256), filename="data.bin"))


def _read(path: str) -> bytes:
    return Path(path).read_bytes()


async def _download(t: Any) -> Any:
    uploaded = await _upload(t, 200_000)  # large enough for the cassette's side files
    target = t.path("copy.bin", b"")
    written = await t.call(t.client.files.download(uploaded.id, target))
    return {"written": written, "content": _read(target)}


async def _download_missing(t: Any) -> Any:
    return await t.call(t.client.files.download("file-missing", t.path("copy.bin", b"")))


async def _iter_content(t: Any) -> Any:
    uploaded = await _upload(t, 4096)
    return await t.collect(t.client.files.iter_content(uploaded.id))


async def _with_options(t: Any) -> Any:
    return await t.call(t.client.with_options(timeout=30).models.list_language_models())


EXTRA = [
    Case("batch.iter_batches.paged", _iter_batches),
    Case("batch.iter_batch_requests.paged", _iter_batch_requests),
    Case("batch.iter_results.paged", _iter_results),
    Case("files.download.large", _download),
    Case("files.download.unknown_file", _download_missing),
    Case("files.iter_content.chunks", _iter_content),
    Case("client.with_options.timeout", _with_options),
]
"""The public methods this SDK has beyond the official surface that the catalogue covers."""
ALL_CASES = [*CASES, *EXTRA]


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], Recording]]:
    """Every case recorded in each mode; the emulator is stopped before any replay."""
    directory = tmp_path_factory.mktemp("round-trip")
    recorded = {}
    with secret_emulator() as emulator:
        for case in ALL_CASES:
            for mode in MODES:
                path = directory / mode / f"{case.name}.json"
                recorded[case.name, mode] = record(case, mode, emulator, path)
    yield recorded
    assert secrets_in(directory) == []


HTTP_CONTENT = (
    "`response.image` downloads the image's URL over HTTP, which a cassette of gRPC calls does not \
hold (the guide says so, and to use image_format='base64' in recorded tests)"
)
RACING_A_CLOCK = "the case polls until a 30 ms timeout: whether the client polls at all depends on how long \
its first call took, when recording and when replaying (which does not wait); \
test_a_job_polled_until_the_client_gives_up_replays_the_same_timeout replays a timeout with margins"
NOT_REPLAYABLE = {
    "image.sample.url_download": HTTP_CONTENT,
    **{case.name: RACING_A_CLOCK for case in CASES if case.collapse_repeats},
}
"""Cases whose outcome a cassette does not decide, and why."""


def _params(cases: list[Case]) -> Iterator[Any]:
    for case in cases:
        reason = NOT_REPLAYABLE.get(case.name)
        marks = [pytest.mark.skip(reason=reason)] if reason else []
        for mode in MODES:
            yield pytest.param(case, mode, id=f"{mode}-{case.name}", marks=marks)


def _one_per_method() -> list[Case]:
    """The first case of each public method (``service.method``)."""
    firsts: dict[str, Case] = {}
    for case in ALL_CASES:
        firsts.setdefault(".".join(case.name.split(".")[:2]), case)
    return list(firsts.values())


@pytest.mark.parametrize(("case", "mode"), list(_params(ALL_CASES)))
def test_a_replay_answers_as_the_recording(
    case: Case, mode: str, recordings: dict[tuple[str, str], Recording]
) -> None:
    recording = recordings[case.name, mode]
    assert comparable(replay(case, mode, recording), case) == comparable(recording.outcome, case)


@pytest.mark.parametrize(("case", "mode"), list(_params(_one_per_method())))
def test_the_other_clients_cassette_replays_too(
    case: Case, mode: str, recordings: dict[tuple[str, str], Recording]
) -> None:
    # The two recordings come from one emulator, which numbers request ids on: they differ.
    other = "async" if mode == "sync" else "sync"
    replayed = replay(case, mode, recordings[case.name, other])
    expected = recordings[case.name, mode].outcome
    assert comparable(replayed, case, REQUEST_ID) == comparable(expected, case, REQUEST_ID)


def test_every_public_method_has_a_case(xai_emulator: Emulator) -> None:
    covered = {".".join(case.name.split(".")[:2]) for case in ALL_CASES}
    missing = []
    for client in (xai_emulator.client(), xai_emulator.async_client()):
        for service in METHODS:
            sub_client = getattr(client, service)
            for name, member in inspect.getmembers(type(sub_client)):
                if not name.startswith("_") and callable(member) and f"{service}.{name}" not in covered:
                    missing.append(f"{type(client).__name__}.{service}.{name}")
        chat = client.chat.create("grok-4")
        for name, member in inspect.getmembers(type(chat)):
            if not name.startswith("_") and callable(member) and f"chat.{name}" not in covered:
                missing.append(f"{type(client).__name__} Chat.{name}")
    assert missing == []
