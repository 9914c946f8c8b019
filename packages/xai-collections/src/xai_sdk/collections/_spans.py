"""How collection calls appear in traces: xai-collections' answer to `xai_sdk_span_plan`.

``collections.<operation>`` for the calls that change a collection or its documents, named and
keyed as the official SDK names them, with the ids of the collection and the document (names
only with sensitive attributes on). Reads and searches are left to the observer's
``collections.<method>`` span.
"""

from __future__ import annotations

from collections.abc import Callable

from xai_sdk._spans import Attributes
from xai_sdk.hookspecs import CallInfo, SpanPlan, SpanResult
from xai_sdk.proto import collections_pb2

_OPERATIONS = {
    "create": "create_collection",
    "update": "update_collection",
    "delete": "delete_collection",
    "upload_document": "upload_document",
    "add_existing_document": "add_existing_document",
    "remove_document": "remove_document",
    "update_document": "update_document",
    "reindex_document": "reindex_document",
    "generate_description": "generate_collection_description",
}


def span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """The span of a call that changes a collection; None for any other call."""
    operation = _OPERATIONS.get(call.method)
    if operation is None:
        return None
    # The official SDK's keys for these spans, not the GenAI conventions' (hence no `common`).
    attributes: Attributes = {"operation.name": operation, "provider.name": "xai"}
    # The requests differ by call; those about a collection or a document name it by these fields.
    collection_id = getattr(call.request, "collection_id", "")
    file_id = getattr(call.request, "file_id", "")
    document = "document" if operation == "update_document" else "file"
    return SpanPlan(
        f"collections.{operation}",
        operation,
        attributes=attributes,
        describe_result=_describer(collection_id, file_id, document),
    )


_NO_COLLECTION = collections_pb2.CollectionMetadata()
_NO_DOCUMENT = collections_pb2.DocumentMetadata()


def _describer(collection_id: str, file_id: str, document: str) -> Callable[[object, bool], SpanResult]:
    def describe_result(result: object, sensitive: bool) -> SpanResult:
        collection = result if isinstance(result, collections_pb2.CollectionMetadata) else _NO_COLLECTION
        stored = (
            result if isinstance(result, collections_pb2.DocumentMetadata) else _NO_DOCUMENT
        ).file_metadata
        attributes: Attributes = {}
        if collection.collection_id or collection_id:
            attributes["collection.id"] = collection.collection_id or collection_id
        if collection.collection_name and sensitive:
            attributes["collection.name"] = collection.collection_name
        if stored.file_id or file_id:
            attributes[f"{document}.id"] = stored.file_id or file_id
        if stored.name and sensitive:
            attributes[f"{document}.name"] = stored.name
        return SpanResult(attributes)

    return describe_result
