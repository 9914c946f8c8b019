"""The plugin module the entry point names: it declares `client.echo` and imports nothing heavy."""

from xai_sdk.hookspecs import ServiceSpec, hookimpl


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.echo`."""
    return [ServiceSpec(name="echo", client="xai_echo:Echo", distribution="xai-echo-test-plugin")]
