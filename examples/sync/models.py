"""List the models your key can use and look one up, with the blocking client.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[models,tokenizer]==1.22.0"
"""

from xai_sdk import Client


def main() -> None:
    """Print every model, then one model's details."""
    with Client() as client:
        for model in client.models.list_language_models():
            print(f"language  {model.name}  aliases={list(model.aliases)}")
        for model in client.models.list_image_generation_models():
            print(f"image     {model.name}")
        grok = client.models.get_language_model("grok-4")
        print(f"{grok.name}: up to {grok.max_prompt_length:,} prompt tokens")
        tokens = client.tokenize.tokenize_text("How many tokens is this?", model=grok.name)
        print(f"{len(tokens)} tokens")


if __name__ == "__main__":
    main()
