"""A plugin of your own: an observer that counts calls, and a new sub-client, `client.quick`.

Plugins are registered per client with ``Client(plugins=[...])``, or for every client by an
entry point of the ``xai_sdk`` group in your distribution's metadata::

    [project.entry-points.xai_sdk]
    quick = "my_package.plugin"

Every hook is listed in `xai_sdk.hookspecs`. Reads XAI_API_KEY (and XAI_API_HOST, e.g. to
point at `xai-emulator`).

Install: pip install "xai-sdk[models]==1.22.0"
"""

from collections import Counter

from xai_sdk import Client
from xai_sdk.hookspecs import CallInfo, ServiceSpec, hookimpl
from xai_sdk.operations import Operation, Rpc, Timeout, unary
from xai_sdk.proto import chat_pb2
from xai_sdk.service import Bound, ModeT, operation

GET_COMPLETION = Rpc(
    "/xai_api.Chat/GetCompletion", chat_pb2.GetCompletionsRequest, chat_pb2.GetChatCompletionResponse
)


class Quick(Bound[ModeT]):
    """`client.quick`: one-line questions. Written once, it serves `Client` and `AsyncClient`."""

    @operation
    def ask(self, question: str, *, model: str = "grok-4", timeout: Timeout = None) -> Operation[str]:
        """The model's answer to `question`, as text."""
        if not question.strip():
            raise ValueError("question must not be empty")  # refused before any call
        request = chat_pb2.GetCompletionsRequest(
            model=model,
            messages=[chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.Content(text=question)])],
        )
        return unary(
            GET_COMPLETION, request, lambda response: response.outputs[0].message.content, timeout=timeout
        )


class CallCounter:
    """Counts the calls of each sub-client method, and the failed ones."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()

    @hookimpl
    def xai_sdk_services(self) -> list[ServiceSpec]:
        # The sub-client is named by an import string: it is imported on first use only.
        return [ServiceSpec(name="quick", client=f"{__name__}:Quick", distribution="the plugin example")]

    @hookimpl
    def xai_sdk_call_started(self, call: CallInfo) -> None:
        self.calls[f"{call.service}.{call.method}"] += 1

    @hookimpl
    def xai_sdk_call_finished(self, call: CallInfo, error: BaseException | None) -> None:
        if error is not None:
            self.failures[f"{call.service}.{call.method}"] += 1


def main() -> None:
    """Use the new sub-client next to the built-in ones, then print the counts."""
    counter = CallCounter()
    with Client(plugins=[counter]) as client:
        print(client.quick.ask("What is the capital of Japan?"))
        print(client.quick.ask("And of Peru?"))
        print(len(client.models.list_language_models()), "language models")
        try:
            client.quick.ask("Hello?", model="no-such-model")
        except Exception as error:  # a NotFoundError, seen by the observer too
            print(f"failed as expected: {type(error).__name__}")
    for name, count in sorted(counter.calls.items()):
        print(f"{name}: {count} call(s), {counter.failures[name]} failed")


if __name__ == "__main__":
    main()
