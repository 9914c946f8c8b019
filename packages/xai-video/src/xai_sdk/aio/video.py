"""The official SDK's module path of the asyncio video client (``xai_sdk.aio.video``).

`Client` is the one implementation, `xai_sdk.video.VideoClient`, as bound to an
`xai_sdk.AsyncClient`. Kept so that code importing it from here runs unchanged.
"""

from typing import TYPE_CHECKING

from xai_sdk.video import VideoClient

if TYPE_CHECKING:
    from typing import TypeAlias

    from xai_sdk.service import Async

    Client: TypeAlias = VideoClient[Async]
else:
    Client = VideoClient

__all__ = ["Client"]
