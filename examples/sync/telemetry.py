"""Trace the SDK's calls with OpenTelemetry, printed to the console.

Point `setup_otlp_exporter()` at a collector (Jaeger, Langfuse, ...) instead to send the spans
there.

Install: pip install "xai-sdk[chat,telemetry]==1.22.0"
"""

from xai_sdk import Client
from xai_sdk.chat import user
from xai_sdk.telemetry import Telemetry


def main() -> None:
    """One chat call and one streamed call, each printed as a span."""
    telemetry = Telemetry()
    telemetry.setup_console_exporter()
    with Client() as client:
        chat = client.chat.create("grok-4", conversation_id="telemetry-demo", messages=[user("Say hi.")])
        print(chat.sample().content)
        for _, chunk in chat.stream():
            print(chunk.content, end="")
        print()
    telemetry.provider.shutdown()


if __name__ == "__main__":
    main()
