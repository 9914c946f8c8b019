"""xai-collections' plugin: declares `client.collections`."""

from xai_sdk.hookspecs import ServiceSpec, hookimpl


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.collections`: the management API, except search and uploads (API host)."""
    return [
        ServiceSpec(
            name="collections",
            client="xai_sdk.collections:Collections",
            channel="management",
            distribution="xai-collections",
        )
    ]
