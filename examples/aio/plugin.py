"""A plugin with the asyncio client: the observer times every call, even concurrent ones.

Observation hooks run on the event loop for `AsyncClient`; `call.stash` keeps per-call state.
Sub-clients declared by a plugin serve both clients (see examples/sync/plugin.py).
Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat,models,tokenizer]==1.22.0"
"""

import asyncio
import time

from xai_sdk import AsyncClient
from xai_sdk.chat import user
from xai_sdk.hookspecs import CallInfo, hookimpl


class Timer:
    """Records how long each call took, and whether it failed."""

    def __init__(self) -> None:
        self.timings: list[tuple[str, float, bool]] = []

    @hookimpl
    def xai_sdk_call_started(self, call: CallInfo) -> None:
        call.stash["timer"] = time.perf_counter()

    @hookimpl
    def xai_sdk_call_finished(self, call: CallInfo, error: BaseException | None) -> None:
        elapsed = time.perf_counter() - call.stash["timer"]
        self.timings.append((f"{call.service}.{call.method}", elapsed, error is not None))


async def main() -> None:
    """Four calls at once; then the observer's report."""
    timer = Timer()
    async with AsyncClient(plugins=[timer]) as client:
        await asyncio.gather(
            client.models.list_language_models(),
            client.tokenize.tokenize_text("How long is this?", model="grok-4"),
            client.chat.create("grok-4", messages=[user("Hi")]).sample(),
            client.chat.create("no-such-model", messages=[user("Hi")]).sample(),
            return_exceptions=True,
        )
    for name, elapsed, failed in sorted(timer.timings):
        print(f"{name:<30} {elapsed * 1000:7.1f} ms{'  (failed)' if failed else ''}")


if __name__ == "__main__":
    asyncio.run(main())
