"""The official SDK's module path of the blocking image client (``xai_sdk.sync.image``).

`Client` and `ImageResponse` are the one implementation in `xai_sdk.image`, as bound to a
blocking `xai_sdk.Client`: ``response.image`` is the bytes. Kept so that code importing them
from here (e.g. for ``cast(Sequence[ImageResponse], ...)``) runs unchanged.
"""

from typing import TYPE_CHECKING

from xai_sdk.image import ImageClient, ImageResponse

if TYPE_CHECKING:
    from typing import TypeAlias

    from xai_sdk.service import Sync

    Client: TypeAlias = ImageClient[Sync]
    ImageResponse: TypeAlias = ImageResponse[Sync]  # type: ignore[no-redef]
else:
    Client = ImageClient

__all__ = ["Client", "ImageResponse"]
