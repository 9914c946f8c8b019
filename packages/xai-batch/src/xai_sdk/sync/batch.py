"""The official SDK's module path of the blocking batch client (``xai_sdk.sync.batch``).

`Client` is the one implementation in `xai_sdk.batch`, as bound to a blocking
`xai_sdk.Client`. Kept so that code importing it from here runs unchanged.
"""

from typing import TYPE_CHECKING

from xai_sdk.batch import BatchClient

if TYPE_CHECKING:
    from typing import TypeAlias

    from xai_sdk.service import Sync

    Client: TypeAlias = BatchClient[Sync]
else:
    Client = BatchClient

__all__ = ["Client"]
