"""Every method that forwards an option set takes exactly the set's options, typed as the set types them.

A service declares each of its option sets once, as a TypedDict beside the function that builds the
request (`ImageOptions`, `VideoOptions`, ...). Its public methods keep the official SDK's explicit
signatures and forward the set with ``options(OptionSet, locals())``: this test finds every such
call in the sources of the distributions, and holds the method's signature to the set, so that an
option added to one and not the other fails here (not silently at a user's call).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import typing
from pathlib import Path
from typing import Any, NamedTuple

import pytest

PACKAGES = Path(__file__).resolve().parents[1] / "packages"

NOT_OPTIONS = frozenset(
    {"self", "prompt", "model", "n", "timeout", "interval", "batch_request_id", "conversation_id"}
)
"""Parameters that are not request options: what the request is about, and how the call is made."""


class Forwarding(NamedTuple):
    """A method of a sub-client class that forwards the option set `shape` (names, as in the source)."""

    module: str
    cls: str
    method: str
    shape: str

    def __str__(self) -> str:
        return f"{self.cls}.{self.method}({self.shape})"


def _forwarded_shape(call: ast.Call) -> str | None:
    """The option set of an ``options(Shape, locals())`` call, or None for any other call."""
    match call:
        case ast.Call(func=ast.Name("options"), args=[ast.Name(shape), ast.Call(func=ast.Name("locals"))]):
            return shape
    return None


def _forwardings() -> list[Forwarding]:
    found = []
    for path in sorted(PACKAGES.glob("*/src/xai_sdk/**/*.py")):
        source = next(parent for parent in path.parents if parent.name == "src")
        module = ".".join(path.relative_to(source).with_suffix("").parts).removesuffix(".__init__")
        for cls in ast.walk(ast.parse(path.read_text())):
            if not isinstance(cls, ast.ClassDef):
                continue
            for method in cls.body:
                if isinstance(method, ast.FunctionDef):
                    shapes = {
                        _forwarded_shape(node) for node in ast.walk(method) if isinstance(node, ast.Call)
                    }
                    found.extend(
                        Forwarding(module, cls.name, method.name, shape) for shape in shapes if shape
                    )
    return found


FORWARDINGS = _forwardings()


def _loaded(forwarding: Forwarding) -> tuple[Any, Any]:
    """The method's function (the builder an `operation` wraps) and the TypedDict."""
    module = importlib.import_module(forwarding.module)
    method = vars(getattr(module, forwarding.cls))[forwarding.method]
    return inspect.unwrap(getattr(method, "__wrapped__", method)), getattr(module, forwarding.shape)


def test_the_option_sets_of_every_service_are_found() -> None:
    found = {str(forwarding) for forwarding in FORWARDINGS}
    assert {
        "ChatClient.create(CompletionOptions)",
        "ImageClient.prepare(ImageOptions)",
        "ImageClient.sample(ImageOptions)",
        "ImageClient.sample_batch(ImageOptions)",
        "VideoClient.prepare(VideoOptions)",
        "VideoClient.start(VideoOptions)",
        "VideoClient.generate(VideoOptions)",
        "VideoClient.prepare_extension(ExtensionOptions)",
        "VideoClient.extend_start(ExtensionOptions)",
        "VideoClient.extend(ExtensionOptions)",
    } <= found


@pytest.mark.parametrize("forwarding", FORWARDINGS, ids=str)
def test_a_forwarding_method_takes_the_options_of_its_set(forwarding: Forwarding) -> None:
    function, shape = _loaded(forwarding)
    parameters = inspect.signature(function).parameters
    taken = {name for name in parameters if name not in NOT_OPTIONS}
    assert taken == set(shape.__annotations__), "options the method and its set do not share"


@pytest.mark.parametrize("forwarding", FORWARDINGS, ids=str)
def test_each_option_is_typed_as_its_set_types_it_and_defaults_to_not_set(forwarding: Forwarding) -> None:
    function, shape = _loaded(forwarding)
    parameters = inspect.signature(function).parameters
    for option, annotation in shape.__annotations__.items():
        assert _source(parameters[option].annotation) == _set_type(annotation), option
        assert parameters[option].default is None, option


def _source(annotation: Any) -> str:
    """An annotation's source, normalised (the modules postpone their annotations: they are text).

    Text, not evaluated types: Python 3.10's typing cannot evaluate a union with a protobuf enum.
    """
    text = annotation.__forward_arg__ if isinstance(annotation, typing.ForwardRef) else annotation
    return ast.unparse(ast.parse(text, mode="eval"))


def _set_type(annotation: Any) -> str:
    """An option set's type for an option, normalised: the type of an ``Annotated[type, check]``."""
    node = ast.parse(_source(annotation), mode="eval").body
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "Annotated":
        return ast.unparse(node.slice.elts[0])  # type: ignore[attr-defined]
    return ast.unparse(node)
