"""The demo: the SDK against the local emulator, with no API key and no network.

python -m hatch run demo
"""

from __future__ import annotations

from xai_sdk import Client
from xai_sdk.emulator import Emulator

SENTENCE = "The emulator answers like xAI's API, offline."


def main() -> None:
    """Start an emulator, list its models, tokenize a sentence."""
    with Emulator() as emulator, Client(api_key=emulator.api_key, api_host=emulator.address) as client:
        print(f"xai-emulator serving on {emulator.address}\n")
        print(f"{'language model':<28}{'aliases':<28}{'context':>10}")
        for model in client.models.list_language_models():
            print(f"{model.name:<28}{', '.join(model.aliases) or '-':<28}{model.max_prompt_length:>10,}")

        tokens = client.tokenize.tokenize_text(SENTENCE, model="grok-4")
        print(f"\n{SENTENCE!r} is {len(tokens)} tokens:")
        print(" | ".join(token.string_token for token in tokens))


if __name__ == "__main__":
    main()
