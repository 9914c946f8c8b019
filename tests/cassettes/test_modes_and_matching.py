"""Record modes, and how calls find their recorded answers: equality, ignored fields, order, repeats."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc
import pytest

from xai_sdk import Client
from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.cassette import Cassette, CassetteMismatchError
from xai_sdk.emulator.chat import Reply


def recorded(emulator: Emulator, path: Path, calls: Callable[[Client], Any], **options: Any) -> Any:
    """Run `calls` through a cassette recording from `emulator`; what they returned."""
    with (
        Cassette(path, record_mode="all", upstream=emulator, **options) as cassette,
        cassette.client() as client,
    ):
        return calls(client)


def replayed(path: Path, calls: Callable[[Client], Any], **options: Any) -> tuple[Any, Cassette]:
    """Run `calls` against the cassette alone; what they returned, and the (stopped) cassette."""
    cassette = Cassette(path, **options).start()
    try:
        with cassette.client() as client:
            return calls(client), cassette
    finally:
        cassette.stop()


def refused(call: Callable[[], Any]) -> grpc.RpcError:
    """The gRPC error `call` raises."""
    with pytest.raises(grpc.RpcError) as raised:
        call()
    return raised.value


def model(name: str) -> Callable[[Client], Any]:
    return lambda client: client.models.get_language_model(name).name


def ask(text: str, **settings: Any) -> Callable[[Client], Any]:
    return lambda client: client.chat.create("grok-4", messages=[user(text)], **settings).sample().content


# -- record modes -------------------------------------------------------------------------------


def test_mode_none_refuses_a_cassette_that_does_not_exist(cassettes: Path) -> None:
    with pytest.raises(FileNotFoundError, match="record mode 'once'"):
        Cassette(cassettes / "missing.json").start()


def test_mode_once_records_a_new_cassette_then_only_replays_it(cassettes: Path) -> None:
    path = cassettes / "once.json"
    with Emulator() as emulator:
        with Cassette(path, record_mode="once", upstream=emulator) as cassette:
            assert cassette.recording
            assert model("grok-4")(cassette.client()) == "grok-4"
        assert len(emulator.requests) == 1
    # The emulator is gone: the second run answers from the file, and forwards nothing.
    (answer, error), cassette = replayed(
        path,
        lambda client: (model("grok-4")(client), refused(lambda: model("grok-3")(client))),
        record_mode="once",
        upstream="127.0.0.1:1",
    )
    assert not cassette.recording
    assert answer == "grok-4"
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "record mode 'once'" in str(cassette.mismatches[0])


def test_mode_new_episodes_replays_what_matches_and_records_the_rest(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "episodes.json"
    recorded(xai_emulator, path, model("grok-4"))
    xai_emulator.reset()
    with Cassette(path, record_mode="new_episodes", upstream=xai_emulator) as cassette:
        client = cassette.client()
        assert model("grok-4")(client) == "grok-4"
        assert xai_emulator.requests == []  # replayed
        assert model("grok-3")(client) == "grok-3"
        assert len(xai_emulator.requests) == 1  # recorded
    with Cassette(path) as cassette:
        assert [model(name)(cassette.client()) for name in ("grok-3", "grok-4")] == ["grok-3", "grok-4"]
        assert cassette.unplayed == []


def test_mode_all_records_every_call_again(xai_emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "all.json"
    xai_emulator.chat.script(Reply("old answer"))
    assert recorded(xai_emulator, path, ask("Hello")) == "old answer"
    xai_emulator.reset()
    xai_emulator.chat.script(Reply("new answer"))
    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        assert ask("Hello")(cassette.client()) == "new answer"
    with Cassette(path) as cassette:
        assert len(cassette.interactions) == 1
        assert ask("Hello")(cassette.client()) == "new answer"


def test_an_unknown_record_mode_is_refused(cassettes: Path) -> None:
    with pytest.raises(ValueError, match="record_mode must be one of"):
        Cassette(cassettes / "x.json", record_mode="rewrite")  # type: ignore[arg-type]


# -- matching -----------------------------------------------------------------------------------


def test_a_call_the_cassette_lacks_fails_with_a_diff_against_the_nearest(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "models.json"
    questions = ("What is the capital of France?", "Tell me a joke about cats.")
    recorded(xai_emulator, path, lambda client: [ask(question)(client) for question in questions])
    cassette = Cassette(path).start()
    try:
        with pytest.raises(grpc.RpcError) as raised:
            ask("What is the capital of Spain?")(cassette.client())
    finally:
        cassette.stop()
    details = raised.value.details()
    assert "no recorded interaction matches this call of /xai_api.Chat/GetCompletion" in details
    assert '-          "text": "What is the capital of France?"' in details  # the nearer of the two
    assert '+          "text": "What is the capital of Spain?"' in details
    assert [mismatch.rpc for mismatch in cassette.mismatches] == ["/xai_api.Chat/GetCompletion"]


def test_leaving_a_cassette_with_unanswered_calls_raises_even_if_the_code_caught_them(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "models.json"
    recorded(xai_emulator, path, model("grok-4"))

    def swallowing_errors() -> None:
        with Cassette(path) as cassette, contextlib.suppress(grpc.RpcError):
            model("grok-3")(cassette.client())

    with pytest.raises(CassetteMismatchError, match="grok-3") as raised:
        swallowing_errors()
    assert len(raised.value.mismatches) == 1


def test_a_call_of_an_rpc_never_recorded_names_those_recorded(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "models.json"
    recorded(xai_emulator, path, model("grok-4"))
    _, cassette = replayed(
        path, lambda client: refused(lambda: client.tokenize.tokenize_text("Hi", "grok-4"))
    )
    assert "the cassette records ['/xai_api.Models/GetLanguageModel']" in str(cassette.mismatches[0])


def test_ignored_fields_let_requests_differ(xai_emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "chat.json"
    recorded(xai_emulator, path, ask("Hello", user="alice", seed=1))
    ignored = ["user", "messages.content.text"]
    answer, _ = replayed(path, ask("Goodbye", user="bob", seed=1), ignore_fields=ignored)
    assert answer == ask("Hello", seed=1)(xai_emulator.client())
    _, cassette = replayed(
        path, lambda client: refused(lambda: ask("Hi", seed=2)(client)), ignore_fields=ignored
    )
    assert '+  "seed": 2' in str(cassette.mismatches[0])


def test_an_ignored_field_must_be_a_field_name_or_path(cassettes: Path) -> None:
    with pytest.raises(ValueError, match="a field name or a dotted path"):
        Cassette(cassettes / "x.json", ignore_fields=["messages..text"])


def test_calls_may_come_in_any_order_unless_ordered(xai_emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "models.json"
    recorded(xai_emulator, path, lambda client: [model(name)(client) for name in ("grok-4", "grok-3")])

    def both(first: str, second: str) -> Callable[[Client], Any]:
        return lambda client: [model(first)(client), model(second)(client)]

    assert replayed(path, both("grok-3", "grok-4"))[0] == ["grok-3", "grok-4"]
    assert replayed(path, both("grok-4", "grok-3"), ordered=True)[0] == ["grok-4", "grok-3"]
    _, cassette = replayed(path, lambda client: refused(lambda: model("grok-3")(client)), ordered=True)
    assert "the cassette expects interaction 0 next (ordered)" in str(cassette.mismatches[0])


def test_identical_requests_replay_their_answers_in_the_recorded_order(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "deferred.json"
    xai_emulator.chat.deferred_polls = 3
    answer = recorded(
        xai_emulator,
        path,
        lambda client: client.chat.create("grok-4", messages=[user("Hi")]).defer(interval=0.001).content,
    )
    with Cassette(path) as cassette:
        polls = [item for item in cassette.interactions if item.rpc.endswith("GetDeferredCompletion")]
        assert len({bytes(b"".join(item.requests)) for item in polls}) == 1  # the same request thrice
        assert [item.responses == polls[-1].responses for item in polls] == [False, False, True]
        assert (
            cassette.client().chat.create("grok-4", messages=[user("Hi")]).defer(interval=0.001).content
            == answer
        )
        assert cassette.unplayed == []


def test_a_request_made_more_often_than_recorded_gets_the_last_answer_again(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "models.json"
    recorded(xai_emulator, path, model("grok-4"))
    answers, _ = replayed(path, lambda client: [model("grok-4")(client) for _ in range(3)])
    assert answers == ["grok-4"] * 3
    _, cassette = replayed(
        path,
        lambda client: (model("grok-4")(client), refused(lambda: model("grok-4")(client))),
        allow_repeats=False,
    )
    assert "have all been played, and repeats are not allowed" in str(cassette.mismatches[0])
