"""Record and replay: cassettes of gRPC calls, for tests that use real answers offline.

A `Cassette` is a small gRPC server on localhost. Recording, it forwards each call to an
upstream (xAI's API, or an emulator) and writes every interaction to a JSON file; replaying, it
answers from that file with no network. Any client pointed at it works, sync or async, this SDK
or another (``xai-emulator --cassette FILE`` serves one from the command line)::

    from xai_sdk.emulator.cassette import Cassette

    with Cassette("tests/cassettes/capitals.json", record_mode="once") as cassette:
        client = cassette.client()
        ...

With pytest, mark a test ``@pytest.mark.xai_cassette`` (a cassette per test, beside the test
module) and choose the mode with ``--xai-record-mode``. The guide "Testing with real answers"
describes the modes, matching, secrets and the file format.
"""

from xai_sdk.emulator.cassette._cassette import (
    REAL_API,
    Cassette,
    CassetteMismatchError,
    MessageHook,
    RecordMode,
)
from xai_sdk.emulator.cassette._format import FORMAT_NAME, FORMAT_VERSION, CassetteFormatError, Interaction
from xai_sdk.emulator.cassette._matching import Mismatch

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "REAL_API",
    "Cassette",
    "CassetteFormatError",
    "CassetteMismatchError",
    "Interaction",
    "MessageHook",
    "Mismatch",
    "RecordMode",
]
