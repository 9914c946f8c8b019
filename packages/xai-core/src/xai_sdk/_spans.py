"""Pieces the services share to describe their calls in traces (see `xai_sdk.hookspecs.SpanPlan`).

Pure functions over request and response messages, keyed as the official SDK 1.21.0 keys its
spans; nothing here imports OpenTelemetry. Image and video share the storage and generated-output
attributes; models and the tokenizer share the spans named after a model.
"""

from __future__ import annotations

from typing import Any

from xai_sdk.hookspecs import CallInfo, SpanPlan, SpanValue

Attributes = dict[str, SpanValue]


def enum_label(enum: Any, value: int, prefix: str) -> str:
    """The lower-case name of an enum value without its prefix (``IMG_FORMAT_URL`` → ``url``).

    A value newer than the SDK's protos reads as its number, so that describing a call never fails.
    """
    try:
        name = str(enum.Name(value))
    except ValueError:
        return str(value)
    return name.removeprefix(prefix).lower()


def named_after_model(call: CallInfo, model: str) -> SpanPlan:
    """The span of a call about one model: ``<method> <model>``, or ``<method>`` without one."""
    if not model:
        return SpanPlan(call.method, call.method)
    return SpanPlan(f"{call.method} {model}", call.method, model=model)


def storage_attributes(request: Any, sensitive: bool) -> Attributes:
    """The ``gen_ai.request.storage*`` attributes of a request with ``storage_options``."""
    if not request.HasField("storage_options"):
        return {}
    options = request.storage_options
    attributes: Attributes = {"gen_ai.request.storage": True}
    if options.filename and sensitive:
        attributes["gen_ai.request.storage.filename"] = options.filename
    if options.expires_after:
        attributes["gen_ai.request.storage.expires_after"] = options.expires_after
    if options.HasField("public_url"):
        attributes["gen_ai.request.storage.public_url"] = True
    return attributes


def output_attributes(index: int, kind: str, output: Any, sensitive: bool) -> Attributes:
    """The attributes of one generated image or video (`kind`), the `index`-th of the response."""
    key = f"gen_ai.response.{index}.{kind}"
    attributes: Attributes = {f"{key}.respect_moderation": output.respect_moderation}
    if sensitive:
        for field in ("url", "base64"):
            value = getattr(output, field, "")
            if value:
                attributes[f"{key}.{field}"] = value
    if output.HasField("file_output"):
        stored = output.file_output
        if stored.file_id:
            attributes[f"{key}.file_id"] = stored.file_id
        if stored.public_url and sensitive:
            attributes[f"{key}.public_url"] = stored.public_url
        if stored.public_url_error:
            attributes[f"{key}.public_url_error"] = stored.public_url_error
    if output.HasField("storage_error"):
        attributes[f"{key}.storage_error"] = output.storage_error
    return attributes
