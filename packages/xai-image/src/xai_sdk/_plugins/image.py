"""xai-image's plugin: declares `client.image`."""

from xai_sdk.hookspecs import ServiceSpec, hookimpl


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.image`."""
    return [ServiceSpec(name="image", client="xai_sdk.image:ImageClient", distribution="xai-image")]
