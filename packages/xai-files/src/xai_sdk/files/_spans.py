"""How file calls appear in traces: xai-files' answer to `xai_sdk_span_plan`.

``file.upload`` and ``file.delete``, named and keyed as the official SDK names them, with the
file's id and (with sensitive attributes on) its name. The other file calls are left to the
observer's ``files.<method>`` span.
"""

from __future__ import annotations

from collections.abc import Callable

from xai_sdk._spans import Attributes
from xai_sdk.hookspecs import CallInfo, SpanPlan, SpanResult
from xai_sdk.proto import files_pb2

_SPANS = {"upload": ("file.upload", "upload_file"), "delete": ("file.delete", "delete")}


def span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """The span of an upload or a deletion; None for any other call."""
    span = _SPANS.get(call.method)
    if span is None:
        return None
    name, operation = span
    # The official SDK's keys for these spans, not the GenAI conventions' (hence no `common`).
    attributes: Attributes = {"operation.name": operation, "provider.name": "xai"}
    requested = call.request.file_id if isinstance(call.request, files_pb2.DeleteFileRequest) else ""
    return SpanPlan(name, operation, attributes=attributes, describe_result=_describer(requested))


def _describer(requested: str) -> Callable[[object, bool], SpanResult]:
    def describe_result(result: object, sensitive: bool) -> SpanResult:
        attributes: Attributes = {}
        returned = result.id if isinstance(result, (files_pb2.File, files_pb2.DeleteFileResponse)) else ""
        if returned or requested:
            attributes["file.id"] = returned or requested
        if sensitive and isinstance(result, files_pb2.File) and result.filename:
            attributes["file.name"] = result.filename
        return SpanResult(attributes)

    return describe_result
