"""Per-chunk cost of chat streaming at 2,000 and 20,000 chunks: it should not grow with the stream.

    python -m hatch run bench-streaming [--repeat 5] [--json results.json]

Three measurements, each the median of `--repeat` runs, each at both lengths:

* accumulate: the SDK's own work per chunk (wrapping the chunk and adding it to the response),
  fed with prebuilt chunks, no network;
* accumulate + read: the same, reading `response.content` after every chunk;
* end to end: `chat.stream()`, in a process of its own, against the emulator on localhost, one
  token per chunk (the emulator's Python server dominates this one; it should stay flat).

The ratio column is (per-chunk cost at 20,000) / (per-chunk cost at 2,000): 1.0 is flat.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from xai_sdk.chat import Chunk, Response
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import Reply
from xai_sdk.proto import chat_pb2

LENGTHS = (2_000, 20_000)


def _chunks(count: int) -> list[bytes]:
    """Serialized chunks: the loop parses each, as gRPC does, and keeps none of them alive."""
    return [
        chat_pb2.GetChatCompletionChunk(
            id="bench",
            model="grok-4",
            outputs=[
                chat_pb2.CompletionOutputChunk(
                    index=0, delta=chat_pb2.Delta(role=chat_pb2.ROLE_ASSISTANT, content=f"t{i % 10} ")
                )
            ],
        ).SerializeToString()
        for i in range(count)
    ]


def accumulate(chunks: list[bytes], *, read: bool) -> float:
    """Seconds to parse the chunks and do what `chat.stream()` does for each one."""
    response = Response(chat_pb2.GetChatCompletionResponse(), 0)
    parse = chat_pb2.GetChatCompletionChunk.FromString
    started = time.perf_counter()
    for data in chunks:
        chunk = parse(data)
        response.process_chunk(chunk)
        Chunk(chunk, 0)
        if read:
            response.content  # noqa: B018 - the read is what is measured
    elapsed = time.perf_counter() - started
    assert len(response.content) == 3 * len(chunks)
    return elapsed


_CLIENT = """
import sys, time
from xai_sdk import Client
from xai_sdk.chat import user
address, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Client(api_key=key, api_host=address) as client:
    # A model that does not reason: the emulator streams a reasoning model's hidden thinking as
    # chunks of its own, which would not be one per character of the reply.
    chat = client.chat.create("grok-4-fast-non-reasoning", messages=[user("go")])
    started = time.perf_counter()
    received = sum(1 for _ in chat.stream())
    elapsed = time.perf_counter() - started
assert received == count, received
print(elapsed)
"""


def end_to_end(emulator: Emulator, count: int) -> float:
    """Seconds for `chat.stream()`, in a process of its own, to receive `count` one-token chunks."""
    emulator.chat.script(Reply(content="x" * count, chunk_size=1))
    command = [sys.executable, "-c", _CLIENT, emulator.address, emulator.api_key, str(count)]
    return float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def _median_per_chunk(run: Callable[[], float], count: int, repeat: int) -> float:
    return statistics.median(run() for _ in range(repeat)) / count


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print the table (and write JSON if asked)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)

    results: dict[str, dict[str, float]] = {}
    prebuilt = {count: _chunks(count) for count in LENGTHS}
    with Emulator() as emulator:
        cases: dict[str, Callable[[int], Callable[[], float]]] = {
            "accumulate": lambda count: lambda: accumulate(prebuilt[count], read=False),
            "accumulate + read content": lambda count: lambda: accumulate(prebuilt[count], read=True),
            "end to end (emulator)": lambda count: lambda: end_to_end(emulator, count),
        }
        for name, make in cases.items():
            repeat = args.repeat if "emulator" not in name else max(1, args.repeat // 2)
            per_chunk = {count: _median_per_chunk(make(count), count, repeat) for count in LENGTHS}
            results[name] = {
                **{f"us_per_chunk_{count}": per_chunk[count] * 1e6 for count in LENGTHS},
                "ratio": per_chunk[LENGTHS[1]] / per_chunk[LENGTHS[0]],
            }

    print(f"{'measurement':<28}{'µs/chunk @2k':>14}{'µs/chunk @20k':>15}{'ratio':>8}")
    for name, row in results.items():
        print(
            f"{name:<28}{row['us_per_chunk_2000']:>14.2f}{row['us_per_chunk_20000']:>15.2f}{row['ratio']:>8.2f}"
        )
    if args.json:
        with open(args.json, "w") as output:
            json.dump({"python": sys.version.split()[0], "results": results}, output, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
