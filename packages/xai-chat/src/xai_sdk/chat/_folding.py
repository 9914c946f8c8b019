"""One parse that merges a run of streamed output chunks, when they all belong to output 0.

A streamed response is built from its chunks by runs (`_response._Accumulation.settle`):
protobuf merges the run's chunks into one `GetChatCompletionChunk`, whose `outputs` then lists
every output chunk of the run, in order. Reading them one by one from Python costs about 0.1 µs
per field and chunk. Most streams have a single output, number 0; for them, the merged run's
bytes are parsed once more, as a `Run` message made so that protobuf's own parsing does the work:

- `Run.outputs` is singular: protobuf merges every occurrence of a singular message field, so
  the run's output chunks arrive merged into one (lists appended in order, a later value that is
  set replacing an earlier one);
- in it, `index` and the delta's text fields are repeated: they keep every chunk's value, in
  order, instead of the last one. proto3 does not write an index of 0, so an empty `index`
  means that every output chunk of the run was output 0's.

The types are made on first use from the generated descriptors: their field numbers and types
are always those of the API's messages.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from xai_sdk.proto import chat_pb2

if TYPE_CHECKING:
    from google.protobuf import descriptor_pb2

TEXT_FIELDS = ("content", "reasoning_content", "encrypted_content")
"""The delta's fields whose pieces a stream's text is made of, joined in order."""

_PACKAGE = "xai_sdk.chat.folding"


def merged_output_zero(run: chat_pb2.GetChatCompletionChunk) -> Any | None:
    """The run's output chunks merged into one, if they all belong to output 0 (else None).

    The result reads like a `CompletionOutputChunk`, except that its delta's text fields are
    lists: the pieces of every chunk, in order (empty ones left out).
    """
    run_type = _run_type()
    if run_type is None:
        return None
    merged = run_type.FromString(run.SerializeToString()).outputs
    return None if merged.index else merged


@functools.cache  # two threads may both make it: adding the same file to the pool again is allowed
def _run_type() -> Any:
    """The `Run` message class, or None where reading the chunks one by one is the better way.

    That is with protobuf's pure-Python implementation, which parses slowly (a fold took 17 µs
    per chunk this way against 9 µs one by one), if the API's messages no longer allow the type
    (see `_copy`), and if a protobuf release refuses to make it: this only saves time, and must
    never be why a stream fails.
    """
    try:
        return _make_run_type()
    except Exception:  # see above; the tests check that it is made here
        return None


def _make_run_type() -> Any:
    # Imported here: descriptor_pb2 costs start-up time, and only streams need it.
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory  # noqa: PLC0415
    from google.protobuf.internal import api_implementation  # noqa: PLC0415

    if api_implementation.Type() == "python":
        return None

    delta_type, output_type = chat_pb2.Delta.DESCRIPTOR, chat_pb2.CompletionOutputChunk.DESCRIPTOR
    used = {
        field.message_type or field.enum_type
        for message in (delta_type, output_type)
        for field in message.fields
    }
    file = descriptor_pb2.FileDescriptorProto(
        name="xai_sdk/chat/folding.proto",
        package=_PACKAGE,
        syntax="proto3",
        dependency=sorted({kind.file.name for kind in used if kind is not None}),
    )
    delta = _copy(delta_type, "Delta", repeated=TEXT_FIELDS)
    output = _copy(output_type, "Output", repeated=("index",))
    if delta is None or output is None:
        return None
    for field in output.field:
        if field.name == "delta":
            field.type_name = f".{_PACKAGE}.Delta"
    outputs = chat_pb2.GetChatCompletionChunk.DESCRIPTOR.fields_by_name["outputs"]
    run = descriptor_pb2.DescriptorProto(name="Run")
    run.field.add(
        name="outputs",
        number=outputs.number,
        type=descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE,
        label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL,
        type_name=f".{_PACKAGE}.Output",
    )
    file.message_type.extend([delta, output, run])
    pool = descriptor_pool.Default()
    pool.AddSerializedFile(file.SerializeToString())
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{_PACKAGE}.Run"))


def _copy(descriptor: Any, name: str, *, repeated: tuple[str, ...]) -> descriptor_pb2.DescriptorProto | None:
    """The message `descriptor` describes, renamed, with the fields named in `repeated` made lists.

    None if one of them is part of a oneof (`optional` fields are): a list cannot be.
    """
    from google.protobuf import descriptor_pb2  # noqa: PLC0415

    message = descriptor_pb2.DescriptorProto()
    descriptor.CopyToProto(message)
    message.name = name
    for field in message.field:
        if field.name in repeated:
            if field.HasField("oneof_index"):
                return None
            field.label = descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
    return message
