"""`xai models` and `xai tokenize`."""

from __future__ import annotations

import json

from tests.cli.conftest import Cli, lines, one_error_line, table_column
from xai_sdk.emulator import Emulator


def test_models_prints_a_table_of_every_kind(xai: Cli) -> None:
    result = xai("models")
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout)[0].split() == ["MODEL", "TYPE", "ALIASES", "INPUT", "OUTPUT", "MAX", "PROMPT"]
    names = table_column(result.stdout, "MODEL")
    kinds = dict(zip(names, table_column(result.stdout, "TYPE"), strict=True))
    assert kinds["grok-4"] == "language"
    assert kinds["grok-imagine-image"] == "image"
    assert kinds["grok-embedding-small"] == "embedding"
    assert table_column(result.stdout, "MAX PROMPT")[names.index("grok-4")] == "256,000"


def test_models_json_lists_the_three_kinds(xai: Cli) -> None:
    result = xai("models", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert set(listed) == {"language", "image", "embedding"}
    assert "grok-4" in [model["name"] for model in listed["language"]]


def test_models_shows_one_model_by_alias(xai: Cli) -> None:
    result = xai("models", "grok-4-latest")
    assert result.returncode == 0, result.stderr
    shown = {line.split()[0]: line.split(None, 1)[1] for line in lines(result.stdout)}
    assert shown["name"] == "grok-4"
    assert shown["aliases"] == "grok-4-latest, grok-4-0709"
    assert shown["max_prompt_length"] == "256000"


def test_models_finds_image_and_embedding_models_too(xai: Cli) -> None:
    for name in ("grok-imagine-image", "grok-embedding-small"):
        result = xai("models", name, "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["name"] == name


def test_an_unknown_model_is_not_found(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("models", "grok-0")
    assert result.returncode == 1
    line = one_error_line(result)
    assert line.startswith("xai: error: NOT_FOUND: ") and "GetLanguageModel" in line
    assert len(xai_emulator.requests) == 3  # looked up as each kind of model


def test_tokenize_prints_the_tokens_and_their_number(xai: Cli) -> None:
    result = xai("tokenize", "Hello, world!")
    assert result.returncode == 0, result.stderr
    assert table_column(result.stdout, "TOKEN") == ['"Hello"', '","', '" world"', '"!"']
    assert all(value.isdigit() for value in table_column(result.stdout, "ID")[:4])
    assert lines(result.stdout)[-1] == "4 tokens with the tokenizer of grok-4"


def test_tokenize_count_reads_stdin_with_the_model_given(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("tokenize", "--count", "-m", "grok-3", stdin="one two three\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "3\n"
    assert xai_emulator.calls("Tokenize/TokenizeText")[0].request.model == "grok-3"


def test_tokenize_json(xai: Cli) -> None:
    result = xai("tokenize", "--json", "Hi!")
    assert [token["string_token"] for token in json.loads(result.stdout)] == ["Hi", "!"]


def test_tokenize_with_an_unknown_model_fails(xai: Cli) -> None:
    result = xai("tokenize", "-m", "grok-0", "text")
    assert result.returncode == 1
    assert one_error_line(result).startswith("xai: error: NOT_FOUND: ")
