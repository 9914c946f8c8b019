"""xai-files' plugin: declares `client.files`."""

from xai_sdk.hookspecs import ServiceSpec, hookimpl


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.files`."""
    return [ServiceSpec(name="files", client="xai_sdk.files:Files", distribution="xai-files")]
