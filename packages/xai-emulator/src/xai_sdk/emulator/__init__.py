"""A local fake of xAI's gRPC API, for tests and offline demos.

In-process, as a context manager::

    from xai_sdk.emulator import Emulator

    with Emulator() as emulator:
        client = emulator.client()
        print(client.models.list_language_models())

Standalone: ``xai-emulator --port 50051`` prints the environment variables that point any
client at it (``XAI_API_HOST``, ``XAI_API_KEY``, ...). With pytest, the ``xai_emulator``,
``xai_client`` and ``xai_async_client`` fixtures come with this distribution.

The chat model echoes the last user message unless a test scripts its replies with
``emulator.chat.script(...)`` (see `xai_sdk.emulator.chat`). See the distribution's README for
where the emulator differs from the real API.
"""

from xai_sdk.emulator._base import EmulatorCall, RecordedCall, RpcAbort
from xai_sdk.emulator.faults import Fault, Faults
from xai_sdk.emulator.server import DEFAULT_API_KEY, DEFAULT_MANAGEMENT_KEY, Emulator

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_MANAGEMENT_KEY",
    "Emulator",
    "EmulatorCall",
    "Fault",
    "Faults",
    "RecordedCall",
    "RpcAbort",
]
