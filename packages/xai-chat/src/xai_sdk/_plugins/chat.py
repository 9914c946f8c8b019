"""xai-chat's plugin: declares `client.chat`."""

from xai_sdk.hookspecs import ServiceSpec, hookimpl


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.chat`."""
    return [ServiceSpec(name="chat", client="xai_sdk.chat:ChatClient", distribution="xai-chat")]
