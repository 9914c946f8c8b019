"""``xai models`` and ``xai tokenize``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import Any

from xai_sdk import Client
from xai_sdk.cli._common import connect, read_stdin
from xai_sdk.cli._output import as_dict, fields, print_json, table
from xai_sdk.errors import NotFoundError
from xai_sdk.proto import models_pb2

__all__ = ["run", "tokenize"]


def _modalities(values: Any) -> str:
    return ",".join(models_pb2.Modality.Name(value).lower() for value in values)


def run(args: argparse.Namespace) -> int:
    """List every model in a table, or show one model's fields."""
    with connect() as client:
        if args.name is not None:
            model = _find(client, args.name)
            if args.json:
                print_json(model)
            else:
                fields(as_dict(model).items())
            return 0
        listed: dict[str, Sequence[Any]] = {
            "language": client.models.list_language_models(),
            "image": client.models.list_image_generation_models(),
            "embedding": client.models.list_embedding_models(),
        }
    if args.json:
        print_json({kind: list(models) for kind, models in listed.items()})
        return 0
    rows = [
        [
            model.name,
            kind,
            ", ".join(model.aliases) or "-",
            _modalities(model.input_modalities),
            _modalities(model.output_modalities),
            f"{model.max_prompt_length:,}" if getattr(model, "max_prompt_length", 0) else "-",
        ]
        for kind, models in listed.items()
        for model in models
    ]
    table(["MODEL", "TYPE", "ALIASES", "INPUT", "OUTPUT", "MAX PROMPT"], rows, right={5})
    return 0


def _find(client: Client, name: str) -> Any:
    """The language, image or embedding model of that name or alias (NotFoundError if none)."""
    lookups: list[Callable[[str], Any]] = [
        client.models.get_language_model,
        client.models.get_image_generation_model,
        client.models.get_embedding_model,
    ]
    first_error: NotFoundError | None = None
    for lookup in lookups:
        try:
            return lookup(name)
        except NotFoundError as error:
            first_error = first_error or error
    assert first_error is not None
    raise first_error


def tokenize(args: argparse.Namespace) -> int:
    """Print the tokens of the text (or their number)."""
    text = args.text if args.text is not None else read_stdin("the text", 'xai tokenize "some text"')
    with connect() as client:
        tokens = client.tokenize.tokenize_text(text, args.model)
    if args.json:
        print_json(list(tokens))
    elif args.count:
        print(len(tokens))
    else:
        # JSON string literals show the spaces and special characters tokens often hold.
        rows = [[token.token_id, json.dumps(token.string_token, ensure_ascii=False)] for token in tokens]
        table(["ID", "TOKEN"], rows, right={0})
        print(f"{len(tokens)} tokens with the tokenizer of {args.model}")
    return 0
