"""The demo: the SDK against the local emulator, with no API key and no network.

python -m hatch run demo

Install: pip install "xai-sdk[models,tokenizer,emulator]==1.22.0"
"""

from __future__ import annotations

from xai_sdk import Client
from xai_sdk.emulator import Emulator

SENTENCE = "The emulator answers like xAI's API, offline."


def main() -> None:
    """Start an emulator, list its models, tokenize a sentence."""
    with Emulator() as emulator, Client(api_key=emulator.api_key, api_host=emulator.address) as client:
        print(f"xai-emulator serving on {emulator.address}\n")
        table = [("language model", "aliases", "context")]
        for model in client.models.list_language_models():
            table.append((model.name, ", ".join(model.aliases) or "-", f"{model.max_prompt_length:,}"))
        widths = [max(len(row[column]) for row in table) for column in range(3)]
        for name, aliases, context in table:
            print(f"{name:<{widths[0]}}  {aliases:<{widths[1]}}  {context:>{widths[2]}}")

        tokens = client.tokenize.tokenize_text(SENTENCE, model="grok-4")
        print(f"\n{SENTENCE!r} is {len(tokens)} tokens:")
        print(" | ".join(token.string_token for token in tokens))


if __name__ == "__main__":
    main()
