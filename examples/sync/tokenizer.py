"""Count and inspect the tokens of a text with a model's tokenizer.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[tokenizer]==1.22.0"
"""

from xai_sdk import Client

TEXT = "Tokenizers split text into pieces: words, parts of words, punctuation."


def main() -> None:
    """Print each token, then the count."""
    with Client() as client:
        tokens = client.tokenize.tokenize_text(TEXT, model="grok-4")
        for token in tokens:
            print(f"{token.token_id:>8}  {token.string_token!r}")
        print(f"{len(tokens)} tokens for {len(TEXT)} characters")


if __name__ == "__main__":
    main()
