"""xai-batch's plugin: declares `client.batch`."""

from xai_sdk.hookspecs import ServiceSpec, hookimpl


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.batch`."""
    return [ServiceSpec(name="batch", client="xai_sdk.batch:BatchClient", distribution="xai-batch")]
