"""The official SDK's module path of the blocking video client (``xai_sdk.sync.video``).

`Client` is the one implementation, `xai_sdk.video.VideoClient`, as bound to a blocking
`xai_sdk.Client`. Kept so that code importing it from here runs unchanged.
"""

from typing import TYPE_CHECKING

from xai_sdk.video import VideoClient

if TYPE_CHECKING:
    from typing import TypeAlias

    from xai_sdk.service import Sync

    Client: TypeAlias = VideoClient[Sync]
else:
    Client = VideoClient

__all__ = ["Client"]
