"""Generated code of the xAI API protos: messages (`chat_pb2`, ...) and gRPC stubs (`*_pb2_grpc`).

The tree is produced by `scripts/generate_protos.py` with grpcio-tools 1.70 (protobuf 5.29
gencode) and imports on protobuf 5.29 through 7.x. Do not edit the generated files.
"""

import warnings

# protobuf 6.30 and 6.31 warn once per module that 5.29 gencode is one major version older than
# the runtime; that combination is supported and tested, so the warning says nothing useful.
warnings.filterwarnings(
    "ignore",
    message=r"Protobuf gencode version .* exactly one major version older",
    category=UserWarning,
)
