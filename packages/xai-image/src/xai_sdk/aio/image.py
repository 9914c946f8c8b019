"""The official SDK's module path of the asyncio image client (``xai_sdk.aio.image``).

`Client` and `ImageResponse` are the one implementation in `xai_sdk.image`, as bound to an
`xai_sdk.AsyncClient`: ``await response.image`` gives the bytes. Kept so that code importing
them from here runs unchanged.
"""

from typing import TYPE_CHECKING

from xai_sdk.image import ImageClient, ImageResponse

if TYPE_CHECKING:
    from typing import TypeAlias

    from xai_sdk.service import Async

    Client: TypeAlias = ImageClient[Async]
    ImageResponse: TypeAlias = ImageResponse[Async]  # type: ignore[no-redef]
else:
    Client = ImageClient

__all__ = ["Client", "ImageResponse"]
