"""The official SDK's path of its protobuf-5 tree: here, the one tree of `xai_sdk.proto`.

``xai_sdk.proto.v5.chat_pb2`` is the module ``xai_sdk.proto.chat_pb2`` (see
`xai_sdk._official_paths`).
"""

from xai_sdk.proto._versioned import __dir__, __getattr__  # noqa: F401

__path__: list[str] = []  # no modules of its own: see xai_sdk.proto._versioned
