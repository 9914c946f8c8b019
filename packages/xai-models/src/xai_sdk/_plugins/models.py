"""xai-models' plugin: declares `client.models`."""

from xai_sdk.hookspecs import ServiceSpec, hookimpl


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.models`."""
    return [ServiceSpec(name="models", client="xai_sdk.models:Models", distribution="xai-models")]
