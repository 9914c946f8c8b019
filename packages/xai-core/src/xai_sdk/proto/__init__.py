"""Generated code of the xAI API protos: messages (`chat_pb2`, ...) and gRPC stubs (`*_pb2_grpc`).

The tree is produced by `scripts/generate_protos.py` with grpcio-tools 1.70 (protobuf 5.29
gencode) and imports on protobuf 5.29 through 7.x. Do not edit the generated files.

``xai_sdk.proto.v5`` and ``xai_sdk.proto.v6``, where the official SDK keeps a tree per protobuf
major version, are this one tree under the official paths.
"""

import importlib
import pkgutil
import warnings
from types import ModuleType

# protobuf 6.30 and 6.31 warn once per module that 5.29 gencode is one major version older than
# the runtime; that combination is supported and tested, so the warning says nothing useful.
warnings.filterwarnings(
    "ignore",
    message=r"Protobuf gencode version .* exactly one major version older",
    category=UserWarning,
)


def __getattr__(name: str) -> ModuleType:
    # The official SDK imports every generated module with the package; here each is imported on
    # first use, as an attribute (``xai_sdk.proto.chat_pb2``) or with ``from xai_sdk.proto import``.
    if not name.endswith(("_pb2", "_pb2_grpc", "v5", "v6")):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from error


def __dir__() -> list[str]:
    # What the official package lists: every generated module, imported here or not.
    modules = {module.name for module in pkgutil.iter_modules(__path__) if not module.name.startswith("_")}
    return sorted({*globals(), *modules})
