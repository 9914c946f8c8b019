"""Services describe their own spans (the ``xai_sdk_span_plan`` hook); xai-telemetry traces them.

The spans of the SDK's services are specified in test_telemetry.py; here: what a plugin's
description becomes, who answers, what happens when nobody does or a description fails, user
content with sensitive attributes off, and what describing costs in imports.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import outcome
from tests.plugin_for_tests import xai_echo
from tests.telemetry.test_telemetry import Capture
from xai_sdk._plugins.telemetry import TelemetryPlugin
from xai_sdk.emulator import Emulator
from xai_sdk.hookspecs import CallInfo, SpanPlan, SpanResult, hookimpl


class EchoSpans:
    """What a third-party service's plugin adds to describe its calls."""

    @hookimpl
    def xai_sdk_span_plan(self, call: CallInfo, sensitive: bool) -> SpanPlan | None:
        if call.service != "echo":
            return None
        attributes: dict[str, Any] = {"echo.prompts": len(call.request.prompt)}
        if sensitive:
            attributes["gen_ai.prompt"] = call.request.prompt[0]
        return SpanPlan(
            f"echo.{call.method} {call.request.model}",
            "text_completion",
            model=call.request.model,
            attributes=attributes,
            common=frozenset({"operation", "provider", "host"}),
            describe_result=lambda result, sensitive: SpanResult(
                {"echo.length": len(result)}, model="echo-1"
            ),
        )


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def _complete(emulator: Emulator, mode: str, *plugins: object) -> str:
    """`echo.complete("hello")` on a client with telemetry, the echo service and `plugins`."""
    every = [TelemetryPlugin(), xai_echo.plugin, *plugins]
    if mode == "sync":
        with emulator.client(plugins=every) as client:
            return str(client.echo.complete("hello", model="grok-4"))
    async with emulator.async_client(plugins=every) as aclient:
        return str(await aclient.echo.complete("hello", model="grok-4"))


async def test_a_third_party_service_describes_its_own_spans(
    xai_emulator: Emulator, capture: Capture, mode: str
) -> None:
    await _complete(xai_emulator, mode, EchoSpans())
    span = capture.only()
    attributes = dict(span.attributes or {})
    assert span.name == "echo.complete grok-4"
    assert attributes == {
        "gen_ai.operation.name": "text_completion",
        "gen_ai.provider.name": "xai",
        "gen_ai.request.model": "grok-4",
        "server.address": xai_emulator.address.rsplit(":", 1)[0],
        "echo.prompts": 1,
        "gen_ai.prompt": "hello",
        "echo.length": 5,
        "gen_ai.response.model": "echo-1",
        "xai.request_id": attributes["xai.request_id"],
    }
    (duration,) = capture.points("gen_ai.client.operation.duration")
    assert dict(duration.attributes) == {
        "gen_ai.operation.name": "text_completion",
        "gen_ai.provider.name": "xai",
        "gen_ai.request.model": "grok-4",
        "gen_ai.response.model": "echo-1",
    }
    assert capture.points("gen_ai.client.token.usage") == []  # the description gave no usage


async def test_a_description_leaves_user_content_out_when_told_to(
    xai_emulator: Emulator, capture: Capture, sensitive_off: None
) -> None:
    await _complete(xai_emulator, "sync", EchoSpans())
    attributes = dict(capture.only().attributes or {})
    assert "gen_ai.prompt" not in attributes
    assert attributes["echo.prompts"] == 1


async def test_a_call_no_plugin_describes_is_named_after_its_service_and_method(
    xai_emulator: Emulator, capture: Capture, mode: str
) -> None:
    await _complete(xai_emulator, mode)
    span = capture.only()
    assert span.name == "echo.complete"
    assert set(dict(span.attributes or {})) == {"gen_ai.provider.name", "xai.request_id"}


def test_a_plugin_given_to_the_client_describes_calls_before_the_installed_one(
    xai_emulator: Emulator, capture: Capture
) -> None:
    class Renamer:
        @hookimpl
        def xai_sdk_span_plan(self, call: CallInfo) -> SpanPlan | None:
            return SpanPlan(f"lookup {call.request.name}", "lookup") if call.service == "models" else None

    with xai_emulator.client(plugins=[TelemetryPlugin(), Renamer()]) as client:
        client.models.get_language_model("grok-4")
    assert capture.only().name == "lookup grok-4"


async def test_a_failing_description_leaves_the_call_and_a_plain_span(
    xai_emulator: Emulator, capture: Capture, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken:
        @hookimpl
        def xai_sdk_span_plan(self, call: CallInfo) -> SpanPlan | None:
            raise RuntimeError("description bug")

    with caplog.at_level(logging.ERROR, logger="xai_sdk"):
        assert await _complete(xai_emulator, "sync", Broken()) == "hello"
    assert capture.only().name == "echo.complete"
    assert "description bug" in caplog.text


async def test_a_failing_result_description_still_ends_the_span(
    xai_emulator: Emulator, capture: Capture, caplog: pytest.LogCaptureFixture
) -> None:
    class BrokenResult:
        @hookimpl
        def xai_sdk_span_plan(self, call: CallInfo) -> SpanPlan | None:
            def fail(result: object, sensitive: bool) -> SpanResult:
                raise RuntimeError("result bug")

            return SpanPlan("echo", "echo", attributes={"echo.started": True}, describe_result=fail)

    with caplog.at_level(logging.ERROR, logger="xai_sdk"):
        assert await _complete(xai_emulator, "sync", BrokenResult()) == "hello"
    span = capture.only()
    assert (span.name, dict(span.attributes or {})["echo.started"]) == ("echo", True)
    assert "result bug" in caplog.text
    (duration,) = capture.points("gen_ai.client.operation.duration")
    assert duration.count == 1


# -- user content of the SDK's services, with sensitive attributes off ------------------------


@pytest.mark.parametrize(
    ("call", "left_out", "kept"),
    [
        (
            lambda c: c.image.sample(
                "a red fox",
                "grok-imagine-image",
                image_format="base64",
                user="user-7",
                storage_options={"filename": "fox.jpg", "public_url": True},
            ),
            ["gen_ai.prompt", "user_id", "gen_ai.request.storage.filename", "gen_ai.response.0.image.base64"],
            [
                "gen_ai.request.storage",
                "gen_ai.request.storage.public_url",
                "gen_ai.response.0.image.file_id",
            ],
        ),
        (
            lambda c: c.video.generate("waves", "grok-imagine-video", interval=0.01),
            ["gen_ai.prompt", "gen_ai.response.0.video.url"],
            ["gen_ai.response.0.video.duration", "gen_ai.usage.total_tokens"],
        ),
        (
            lambda c: c.files.upload(b"hello", filename="notes.txt"),
            ["file.name"],
            ["file.id"],
        ),
        (
            lambda c: c.collections.create("papers"),
            ["collection.name"],
            ["collection.id"],
        ),
    ],
    ids=["image", "video", "files", "collections"],
)
async def test_services_leave_user_content_out_of_their_spans(
    traced: Any, capture: Capture, sensitive_off: None, call: Any, left_out: list[str], kept: list[str]
) -> None:
    await outcome(call(traced))
    attributes = dict(capture.only().attributes or {})
    assert [key for key in left_out if key in attributes] == []
    assert [key for key in kept if key not in attributes] == []


# -- what describing costs ------------------------------------------------------------------------


def _python(code: str, emulator: Emulator) -> Any:
    env = {key: value for key, value in os.environ.items() if key != "XAI_SDK_DISABLE_TRACING"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**env, **emulator.env()},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_traced_call_imports_no_other_services_description(xai_emulator: Emulator) -> None:
    code = """
import json, sys
from xai_sdk import Client
from xai_sdk.telemetry import Telemetry
from opentelemetry.sdk.trace import TracerProvider
Telemetry(TracerProvider())
with Client() as client:
    client.models.list_language_models()
print(json.dumps(sorted(name for name in sys.modules if name.startswith("xai_sdk.")
                        and name.split(".")[1] in ("chat", "image", "video", "files", "collections"))))
"""
    assert _python(code, xai_emulator) == []


def test_the_services_descriptions_import_no_opentelemetry(xai_emulator: Emulator) -> None:
    code = """
import importlib, json, sys
for name in ("chat", "image", "video", "files", "collections"):
    importlib.import_module(f"xai_sdk.{name}._spans")
for name in ("core", "chat", "image", "video", "files", "collections", "models", "tokenizer"):
    importlib.import_module(f"xai_sdk._plugins.{name}")
print(json.dumps(sorted(name for name in sys.modules if name.startswith("opentelemetry"))))
"""
    assert _python(code, xai_emulator) == []
