"""The official SDK's module path of the asyncio batch client (``xai_sdk.aio.batch``).

`Client` is the one implementation in `xai_sdk.batch`, as bound to an `xai_sdk.AsyncClient`.
Kept so that code importing it from here runs unchanged.
"""

from typing import TYPE_CHECKING

from xai_sdk.batch import BatchClient

if TYPE_CHECKING:
    from typing import TypeAlias

    from xai_sdk.service import Async

    Client: TypeAlias = BatchClient[Async]
else:
    Client = BatchClient

__all__ = ["Client"]
