"""xai-tokenizer's plugin: declares `client.tokenize`."""

from xai_sdk.hookspecs import ServiceSpec, hookimpl


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.tokenize` (the attribute name of the official SDK)."""
    return [ServiceSpec(name="tokenize", client="xai_sdk.tokenizer:Tokenizer", distribution="xai-tokenizer")]
