"""xai-video's plugin: declares `client.video`."""

from xai_sdk.hookspecs import ServiceSpec, hookimpl


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.video`."""
    return [ServiceSpec(name="video", client="xai_sdk.video:VideoClient", distribution="xai-video")]
