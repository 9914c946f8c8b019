"""Adding 10,000 chats to a batch and reading their results back keeps the client's memory bounded.

The client runs in a subprocess, so that its peak RSS (``VmHWM``) is not mixed with the
in-process emulator's, which stores the requests and results. The subprocess measures its
peak after a small warm-up batch, after building the 10,000 chats (the caller's own data), after
`add`, and after going through every result with `iter_results`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from xai_sdk.batch import ADD_CALL_MAX_BYTES, ADD_CALL_MAX_REQUESTS
from xai_sdk.emulator import Emulator

MiB = 1024 * 1024
REQUESTS = 10_000
ALLOWED_GROWTH = 100 * MiB
"""What adding and reading back 10,000 small requests may add to the client's peak memory."""

CLIENT = textwrap.dedent(
    """
    import json, sys
    from xai_sdk import Client
    from xai_sdk.chat import user

    def peak():
        # The high-water mark of this process alone (ru_maxrss would start at the parent's, kept over exec).
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        return int(line.split()[1]) * 1024  # kB

    def chats(client, count):
        made = []
        for index in range(count):
            chat = client.chat.create("grok-4", batch_request_id=f"q{index}", max_tokens=50)
            chat.append(user(f"What is the capital of country number {index}?"))
            made.append(chat)
        return made

    count = int(sys.argv[1])
    with Client() as client:
        warm = client.batch.create("warm-up")
        client.batch.add(warm.batch_id, chats(client, 100))
        sum(1 for _ in client.batch.iter_results(warm.batch_id))
        idle = peak()
        requests = chats(client, count)
        built = peak()
        batch = client.batch.create("ten thousand")
        client.batch.add(batch.batch_id, requests)
        added = peak()
        succeeded = sum(result.is_success for result in client.batch.iter_results(batch.batch_id))
        read = peak()
    print(json.dumps({"idle": idle, "built": built, "added": added, "read": read, "succeeded": succeeded}))
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status (Linux)")
def test_ten_thousand_requests_added_and_read_back_keep_client_memory_bounded(xai_emulator: Emulator) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("XAI_")}
    env.update(xai_emulator.env())
    result = subprocess.run(
        [sys.executable, "-c", CLIENT, str(REQUESTS)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    peaks = json.loads(result.stdout)
    print({key: round(value / MiB, 1) for key, value in peaks.items() if key != "succeeded"})  # pytest -s
    assert peaks["succeeded"] == REQUESTS
    warm_up, *calls = xai_emulator.calls("BatchMgmt/AddBatchRequests")
    assert len(calls) == REQUESTS // ADD_CALL_MAX_REQUESTS
    assert all(call.request.batch_id != warm_up.request.batch_id for call in calls)
    assert all(len(call.request.batch_requests) <= ADD_CALL_MAX_REQUESTS for call in calls)
    assert all(call.request.ByteSize() <= ADD_CALL_MAX_BYTES for call in calls)
    assert peaks["added"] - peaks["built"] < ALLOWED_GROWTH
    assert peaks["read"] - peaks["idle"] < ALLOWED_GROWTH
