"""``xai image``: generate or edit images; save them, or print their URLs."""

from __future__ import annotations

import argparse
import base64
import mimetypes
import os
import sys
from pathlib import Path
from typing import Any

from xai_sdk.cli._common import USAGE, CliError, connect
from xai_sdk.cli._output import human_size

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Generate ``-n`` images; write them to ``-o`` (numbered when several) or print their URLs."""
    if args.n < 1:
        raise CliError(f"-n must be at least 1, got {args.n}", USAGE)
    inputs = [_input_image(value) for value in args.image or ()]
    options: dict[str, Any] = {
        "image_format": "url" if args.output is None else "base64",
        "aspect_ratio": args.aspect_ratio,
        "resolution": args.resolution,
    }
    if len(inputs) == 1:
        options["image_url"] = inputs[0]
    elif inputs:
        options["image_urls"] = inputs
    targets = _targets(args.output, args.n)
    with connect() as client:
        if args.n == 1:
            images = [client.image.sample(args.prompt, args.model, **options)]
        else:
            images = list(client.image.sample_batch(args.prompt, args.model, args.n, **options))
    status = 0
    for index, image in enumerate(images):
        if not image.respect_moderation:
            print(f"xai: image {index + 1} was withheld by moderation", file=sys.stderr)
            status = 1
        elif targets is None:
            print(image.url)
        else:
            data = image.image
            targets[index].write_bytes(data)
            print(f"saved {targets[index]} ({human_size(len(data))})")
    return status


def _targets(output: str | None, n: int) -> list[Path] | None:
    """Where each image goes: the path itself, or ``name-1.ext``, ``name-2.ext``, ... for several."""
    if output is None:
        return None
    path = Path(output)
    if path.is_dir():
        raise CliError(f"{output} is a directory: give the path of the image file to write", USAGE)
    if not path.parent.is_dir():
        raise CliError(f"{path.parent}: no such directory")
    if n == 1:
        return [path]
    return [path.with_name(f"{path.stem}-{index}{path.suffix}") for index in range(1, n + 1)]


def _input_image(value: str) -> str:
    """An input image as the API takes it: URLs as they are, a local file as a data URL."""
    if value.startswith(("http://", "https://", "data:")):
        return value
    if not os.path.isfile(value):
        raise CliError(f"--image {value}: neither an http(s) or data: URL nor an existing file", USAGE)
    content_type = mimetypes.guess_type(value)[0] or "image/jpeg"
    encoded = base64.b64encode(Path(value).read_bytes()).decode("ascii")
    return f"data:{content_type};base64,{encoded}"
