"""The measurement scripts that `compare.py` runs, each in an environment's own Python.

Each is the source of a `python -c` program that prints one JSON line. The SDK variants use only
the public API that this SDK and the official one share; the raw variants use the generated
`chat_pb2_grpc.ChatStub` on a channel of their own. Every channel is insecure, the SDKs' too
(`use_insecure_channel=True`): on localhost both SDKs would otherwise pick local-credentials
channels, and the comparison with the raw stub would measure a different transport.

Arguments are positional (`sys.argv`): the API key and host first, then what the script says.
"""

from __future__ import annotations

import inspect
import textwrap

import _profile

STREAM_MODEL = "grok-4-fast-non-reasoning"
"""A model that does not reason: the emulator streams a reasoning model's hidden thinking as
chunks of its own, and the chunk count would not be the reply's length."""

UNARY_MODEL = "grok-4"

# -- start-up and memory: one fresh process each, to its first response ------------------------

# The parent notes time.monotonic() just before it starts the process; the process prints the
# instant of its first response on the same clock (CLOCK_MONOTONIC, shared by all processes on
# Linux), so that the figure is start to first response and leaves out the interpreter's exit.
# Memory: the peak RSS, and the anonymous (private) part of the RSS at that point. The file-backed
# part (shared libraries' pages, cygrpc's above all) depends on the page cache's history of those
# files as much as on the process: the same process has measured 4.5 MB more of cygrpc.so in a
# freshly installed environment than in one whose files had been in use for hours.
_COLD_REPORT = """
first, cpu = time.monotonic(), time.process_time()
import json
with open("/proc/self/status") as status:
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith(("Vm", "Rss"))}
print(json.dumps({"first": first, "cpu_to_first_s": cpu, "peak_kb": kb["VmHWM"],
                  "anon_kb": kb["RssAnon"], "modules_import": modules_import,
                  "modules_call": len(sys.modules)}))
"""

_RAW_CALL = f"""
import grpc
from xai_sdk.proto import chat_pb2, chat_pb2_grpc
modules_import = len(sys.modules)
key, host = sys.argv[1], sys.argv[2]
channel = grpc.insecure_channel(host)
chat_pb2_grpc.ChatStub(channel).GetCompletion(
    chat_pb2.GetCompletionsRequest(model="{UNARY_MODEL}", n=1, messages=[
        chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.Content(text="hello")])]),
    metadata=(("authorization", "Bearer " + key),), timeout=60)
"""

_SDK_CALL = f"""
from xai_sdk import Client
modules_import = len(sys.modules)
from xai_sdk.chat import user
client = Client(api_key=sys.argv[1], api_host=sys.argv[2], use_insecure_channel=True)
client.chat.create("{UNARY_MODEL}", messages=[user("hello")]).sample()
"""

COLD = {
    # `python -c pass`, and the time it takes to say so.
    "python": "import sys, time\nmodules_import = len(sys.modules)\n" + _COLD_REPORT,
    # The memory floor: Python and `import grpc`, nothing else.
    "grpc": "import sys, time\nimport grpc\nmodules_import = len(sys.modules)\n" + _COLD_REPORT,
    # The start-up floor: Python, grpc, the generated stub, one connection and one call.
    "raw": "import sys, time\n" + _RAW_CALL + _COLD_REPORT,
    # An SDK: import, a client, a chat, its first `sample()`.
    "sdk": "import sys, time\n" + _SDK_CALL + _COLD_REPORT,
}

IMPORT_ONLY = """
import json, time
started = time.perf_counter()
import xai_sdk
print(json.dumps({"import": time.perf_counter() - started}))
"""

# -- where the one-call process's modules, time and memory go (not timed) ----------------------


def profile(kind: str) -> str:
    """The one-call program of `kind` ("sdk" or "raw"), printing where its modules and memory went
    (`_profile.profile`) instead of its timings."""
    work = _SDK_CALL if kind == "sdk" else _RAW_CALL
    return inspect.getsource(_profile) + "\nmeter_imports()\nimport time\n" + work + "\nprint(profile())\n"


# -- unary latency: the SDK and the raw stub interleaved call by call, in one process ----------

_UNARY_SETUP = f"""
import importlib.metadata, json, statistics, sys, time
import grpc
from xai_sdk.proto import chat_pb2, chat_pb2_grpc
key, host, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
stub = chat_pb2_grpc.ChatStub(grpc.insecure_channel(host))
request = chat_pb2.GetCompletionsRequest(model="{UNARY_MODEL}", n=1, messages=[
    chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.Content(text="hello")])])
metadata = (("authorization", "Bearer " + key),)
"""

_UNARY_TIMING = """
for call in contenders.values():
    for _ in range(100):
        call()
times = {name: [] for name in contenders}
for _ in range(calls):  # interleaved call by call, so that noise hits all alike
    for name, call in contenders.items():
        started = time.perf_counter()
        call()
        times[name].append(time.perf_counter() - started)
result = {}
for name, values in times.items():
    values.sort()
    result[name] = {"p50": statistics.median(values), "p99": values[int(len(values) * 0.99) - 1]}
print(json.dumps(result))
"""

UNARY = (
    _UNARY_SETUP
    + f"""
from xai_sdk import Client
from xai_sdk.chat import user
def sdk(**options):
    client = Client(api_key=key, api_host=host, **options)
    return client.chat.create("{UNARY_MODEL}", messages=[user("hello")]).sample
contenders = {{
    "sdk": sdk(use_insecure_channel=True),
    "raw": lambda: stub.GetCompletion(request, metadata=metadata, timeout=60),
    # What a user gets on localhost by default: a local-credentials channel (reference only).
    "sdk_default_channel": sdk(),
}}
"""
    + _UNARY_TIMING
)

# What the wire contract costs the raw stub: the two headers both SDKs send with every call.
UNARY_HEADERS = (
    _UNARY_SETUP
    + """
version = importlib.metadata.version("xai-sdk")
headers = metadata + (
    ("xai-sdk-version", "python/" + version),
    ("xai-sdk-language", f"python/{sys.version_info.major}.{sys.version_info.minor}"),
)
contenders = {
    "raw": lambda: stub.GetCompletion(request, metadata=metadata, timeout=60),
    "raw_with_headers": lambda: stub.GetCompletion(request, metadata=headers, timeout=60),
}
"""
    + _UNARY_TIMING
)

# -- streams: the SDK and the raw stub, in one process ------------------------------------------

# Three contenders: the SDK, the raw stub, and the raw stub again on a channel of its own, whose
# ratio to the raw stub shows the noise of a stream ratio (an A/A comparison). Each warms up on a
# short stream; then `sets` sets of one measured stream each, starting at the set numbered `first`
# (the harness passes the round's number, so that over the rounds each order comes as often). The
# emulator is scripted with all the replies first (`stream_replies`). The last argument is the
# mode:
#
# - "streams": one stream after the other, in an order that rotates from set to set; each
#   stream's chunks per second of wall time and the process's CPU time (all threads) per chunk.
# - "reads": the set's three streams at once, read chunk by chunk in turn (in each of the six
#   orders, from set to set); the CPU time of the reading thread per chunk. Whatever the machine
#   does meanwhile falls on the three alike, a few microseconds apart, where a stream after
#   another meets other moments. The SDK runs all its code on that thread; grpc's own threads
#   (a sync channel's polling thread, which also parses the messages, and grpc.aio's poller)
#   work for the three alike.

STREAM_CONTENDERS = ("sdk", "raw", "raw_again")

# The measuring part of both scripts, written once: `_stream_measures` makes the blocking or the
# async spelling of it (ASYNC, AWAIT, ITER and NEXT below).
_STREAM_MEASURES = """
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
ASYNC def count(name):
    received = 0
    ASYNC for _ in streams[name]():
        received += 1
    return received
ASYNC def one(name):
    wall_started, cpu_started = time.perf_counter(), cpu()
    received = AWAIT count(name)
    wall, used = time.perf_counter() - wall_started, cpu() - cpu_started
    assert received == chunks, received
    return {"per_wall_second": chunks / wall, "cpu_us_per_chunk": used / chunks * 1e6}
ASYNC def reads(order):
    iterators = {name: ITER(streams[name]()) for name in order}
    used, received, live = dict.fromkeys(order, 0), dict.fromkeys(order, 0), list(order)
    last = dict.fromkeys(order)  # each stream's last value, freed by the stream's next read
    while live:
        for name in tuple(live):
            started = time.thread_time_ns()
            last[name] = AWAIT NEXT(iterators[name], None)
            used[name] += time.thread_time_ns() - started
            if last[name] is None:
                live.remove(name)
            else:
                received[name] += 1
    assert set(received.values()) == {chunks}, received
    return {name: {"thread_cpu_us_per_chunk": used[name] / chunks / 1e3} for name in order}
names = list(streams)
# Warm-up: a short stream each. The SDK's response is read, as programs read it: reading a
# streamed response pays once per process for what reading a longer one needs.
for name in names:
    ASYNC for value in streams[name]():
        pass
    if name == "sdk":
        value[0].content
measured = {name: [] for name in names}
orders = list(itertools.permutations(names))
for set_ in range(first, first + sets):
    if mode == "reads":
        read = AWAIT reads(orders[set_ % len(orders)])
        for name in names:
            measured[name].append(read[name])
        continue
    shift = set_ % len(names)
    for name in names[shift:] + names[:shift]:
        measured[name].append(AWAIT one(name))
"""


def _stream_measures(*, is_async: bool) -> str:
    """`_STREAM_MEASURES` for the blocking script, or for the async one (inside its `main()`)."""
    words = ("async ", "await ", "aiter(", "anext(") if is_async else ("", "", "iter(", "next(")
    text = _STREAM_MEASURES
    for marker, word in zip(("ASYNC ", "AWAIT ", "ITER(", "NEXT("), words, strict=True):
        text = text.replace(marker, word)
    return textwrap.indent(text, "    ") if is_async else text


STREAM = f"""
import itertools, json, resource, sys, time
import grpc
from xai_sdk import Client
from xai_sdk.chat import user
from xai_sdk.proto import chat_pb2, chat_pb2_grpc
key, host = sys.argv[1], sys.argv[2]
chunks, sets, first = map(int, sys.argv[3:6])
mode = sys.argv[6]
request = chat_pb2.GetCompletionsRequest(model="{STREAM_MODEL}", n=1, messages=[
    chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.Content(text="go")])])
metadata = (("authorization", "Bearer " + key),)
client = Client(api_key=key, api_host=host, use_insecure_channel=True)
def raw():
    stub = chat_pb2_grpc.ChatStub(grpc.insecure_channel(host))
    return lambda: stub.GetCompletionChunk(request, metadata=metadata, timeout=600)
streams = {{
    "sdk": lambda: client.chat.create("{STREAM_MODEL}", messages=[user("go")]).stream(),
    "raw": raw(),
    "raw_again": raw(),
}}
{_stream_measures(is_async=False)}
print(json.dumps(measured))
"""

ASYNC_STREAM = f"""
import asyncio, itertools, json, resource, sys, time
import grpc
from xai_sdk import AsyncClient
from xai_sdk.chat import user
from xai_sdk.proto import chat_pb2, chat_pb2_grpc
key, host = sys.argv[1], sys.argv[2]
chunks, sets, first = map(int, sys.argv[3:6])
mode = sys.argv[6]
async def main():
    request = chat_pb2.GetCompletionsRequest(model="{STREAM_MODEL}", n=1, messages=[
        chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.Content(text="go")])])
    metadata = (("authorization", "Bearer " + key),)
    client = AsyncClient(api_key=key, api_host=host, use_insecure_channel=True)
    def raw():
        stub = chat_pb2_grpc.ChatStub(grpc.aio.insecure_channel(host))
        return lambda: stub.GetCompletionChunk(request, metadata=metadata, timeout=600)
    streams = {{
        "sdk": lambda: client.chat.create("{STREAM_MODEL}", messages=[user("go")]).stream(),
        "raw": raw(),
        "raw_again": raw(),
    }}
{_stream_measures(is_async=True)}
    return measured
print(json.dumps(asyncio.run(main())))
"""

WARM_UP_CHUNKS = 10


def stream_replies(chunks: int, sets: int) -> list[int]:
    """The chunk counts of the streams that a stream script asks for, in order."""
    contenders = len(STREAM_CONTENDERS)
    return [WARM_UP_CHUNKS] * contenders + [chunks] * (contenders * sets)


# -- concurrent async calls --------------------------------------------------------------------

CONCURRENT = f"""
import asyncio, json, resource, sys, time
from xai_sdk import AsyncClient
from xai_sdk.chat import user
key, host, concurrency, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
async def main():
    client = AsyncClient(api_key=key, api_host=host, use_insecure_channel=True)
    async def one(i):
        await client.chat.create("{UNARY_MODEL}", messages=[user(f"call {{i}}")]).sample()
    await asyncio.gather(*(one(i) for i in range(concurrency)))  # warm-up
    cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
    started, cpu_started = time.perf_counter(), cpu()
    for _ in range(rounds):
        await asyncio.gather(*(one(i) for i in range(concurrency)))
    calls = concurrency * rounds
    wall, used = time.perf_counter() - started, cpu() - cpu_started
    return {{"calls_per_second": calls / wall, "calls_per_cpu_second": calls / used}}
print(json.dumps(asyncio.run(main())))
"""
