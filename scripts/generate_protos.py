"""Generate the Python code of the xAI API protos into xai-core, or check that it is current.

    hatch run protos:generate          # rewrite packages/xai-core/src/xai_sdk/proto/
    hatch run protos:check             # exit 1 if the committed tree differs from a fresh one

It runs in the `protos` hatch environment, which pins grpcio-tools 1.70.0: its gencode (protobuf
5.29) imports on every protobuf runtime from 5.29 to 7.x, the range xai-core declares.

protoc derives Python import paths from the .proto file paths (`xai/api/v1/chat.proto` imports as
`xai.api.v1.chat_pb2`); this script flattens the output into the `xai_sdk.proto` package and
rewrites those imports. The descriptors keep the wire file names `xai/api/v1/*.proto`.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROTO_ROOT = ROOT / "protos"
PROTO_DIR = PROTO_ROOT / "xai" / "api" / "v1"
TARGET = ROOT / "packages" / "xai-core" / "src" / "xai_sdk" / "proto"
GENERATED_SUFFIXES = ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py")
REQUIRED_TOOLS_VERSION = "1.70."

_IMPORT = re.compile(r"^from xai\.api\.v1 import ", re.MULTILINE)
_MODULE_NAME = re.compile(r"'xai\.api\.v1\.(\w+_pb2)'")


def _include_dir(module: str) -> Path:
    """The directory that holds the .proto files shipped with an installed package."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{module} is not installed; run this script with `hatch run protos:generate`")
    return Path(spec.origin).parent


def _rewrite(text: str) -> str:
    text = _IMPORT.sub("from xai_sdk.proto import ", text)
    return _MODULE_NAME.sub(r"'xai_sdk.proto.\1'", text)


def generate(out: Path) -> list[Path]:
    """Compile every .proto under protos/ into `out`, flattened and with imports rewritten."""
    import grpc_tools
    from grpc_tools import protoc

    version = getattr(grpc_tools, "__version__", "")
    if not version:
        from importlib.metadata import version as dist_version

        version = dist_version("grpcio-tools")
    if not version.startswith(REQUIRED_TOOLS_VERSION):
        raise SystemExit(f"grpcio-tools {REQUIRED_TOOLS_VERSION}x is required, found {version}")

    sources = sorted(PROTO_DIR.glob("*.proto"))
    with tempfile.TemporaryDirectory() as tmp:
        args = [
            "protoc",
            f"-I{PROTO_ROOT}",
            f"-I{_include_dir('grpc_tools') / '_proto'}",
            f"-I{_include_dir('google.rpc.status_pb2').parent.parent}",
            f"--python_out={tmp}",
            f"--pyi_out={tmp}",
            f"--grpc_python_out={tmp}",
            *(str(s.relative_to(PROTO_ROOT)) for s in sources),
        ]
        if protoc.main(args) != 0:
            raise SystemExit("protoc failed")
        written = []
        for path in sorted((Path(tmp) / "xai" / "api" / "v1").iterdir()):
            if not path.name.endswith(GENERATED_SUFFIXES):
                continue
            # A proto without services gives a grpc module with no stubs; it is kept, as the
            # official SDK keeps it (code imports e.g. xai_sdk.proto.deferred_pb2_grpc).
            text = path.read_text()
            dest = out / path.name
            dest.write_text(_rewrite(text))
            written.append(dest)
    return written


def _generated_files(directory: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(directory.iterdir()) if p.name.endswith(GENERATED_SUFFIXES)}


def main() -> int:
    """Generate into a temporary directory, then compare with or replace the committed tree."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="compare with the committed tree, write nothing")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        fresh_dir = Path(tmp)
        generate(fresh_dir)
        fresh = _generated_files(fresh_dir)
        committed = _generated_files(TARGET)
        if args.check:
            problems = 0
            for name in sorted(fresh.keys() | committed.keys()):
                if fresh.get(name) != committed.get(name):
                    problems += 1
                    diff = difflib.unified_diff(
                        committed.get(name, "").splitlines(),
                        fresh.get(name, "").splitlines(),
                        f"committed/{name}",
                        f"generated/{name}",
                        lineterm="",
                        n=1,
                    )
                    print("\n".join(list(diff)[:40]))
            print(f"{len(fresh)} generated files compared; {problems} differ")
            return 1 if problems else 0
        for name in committed.keys() - fresh.keys():
            (TARGET / name).unlink()
        for name in fresh:
            shutil.copyfile(fresh_dir / name, TARGET / name)
        print(f"wrote {len(fresh)} files to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
