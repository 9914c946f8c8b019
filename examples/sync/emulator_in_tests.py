"""Test your own code offline with the emulator: scripted answers, injected faults, recorded requests.

`xai-emulator` serves a fake of xAI's API on localhost. With pytest, installing it provides the
fixtures ``xai_emulator`` (reset before each test) and ``xai_client``, so the test functions
below run as they are under ``pytest emulator_in_tests.py``. Run as a script, this file starts
an emulator itself and calls them the same way. No key or network is needed.

Install: pip install "xai-sdk[chat,emulator]==1.22.0"
"""

import grpc

from xai_sdk import Client
from xai_sdk.chat import system, user
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import Reply
from xai_sdk.errors import RateLimitError

# -- the code under test: your application ------------------------------------------------


def headline(client: Client, article: str) -> str:
    """Ask the model for a headline; fall back to the first sentence when rate-limited."""
    chat = client.chat.create(
        "grok-4", messages=[system("Write a headline of at most eight words."), user(article)], max_tokens=30
    )
    try:
        return chat.sample().content.strip()
    except RateLimitError:
        return article.split(".", maxsplit=1)[0]


ARTICLE = "The city council approved a new bike lane network. Work starts in May."

# -- its tests --------------------------------------------------------------------------------


def test_the_headline_is_the_model_answer(xai_emulator: Emulator, xai_client: Client) -> None:
    xai_emulator.chat.script(Reply("Council approves bike lane network"))  # the next answer
    assert headline(xai_client, ARTICLE) == "Council approves bike lane network"


def test_the_request_carries_the_article_and_the_limits(xai_emulator: Emulator, xai_client: Client) -> None:
    headline(xai_client, ARTICLE)
    [call] = xai_emulator.calls("Chat/GetCompletion")  # every request is recorded
    assert call.request.max_tokens == 30
    assert call.request.messages[-1].content[0].text == ARTICLE


def test_an_unavailable_server_is_retried_by_the_sdk(xai_emulator: Emulator, xai_client: Client) -> None:
    xai_emulator.faults.fail("Chat/GetCompletion", grpc.StatusCode.UNAVAILABLE, times=2)
    assert headline(xai_client, ARTICLE) == ARTICLE  # without a script, the model echoes
    assert len(xai_emulator.calls("Chat/GetCompletion")) == 3


def test_a_rate_limit_falls_back_to_the_first_sentence(xai_emulator: Emulator, xai_client: Client) -> None:
    xai_emulator.faults.fail("Chat/GetCompletion", grpc.StatusCode.RESOURCE_EXHAUSTED)
    assert headline(xai_client, ARTICLE) == "The city council approved a new bike lane network"


def test_a_slow_answer_hits_the_timeout(xai_emulator: Emulator, xai_client: Client) -> None:
    xai_emulator.faults.delay("Chat/GetCompletion", 5)
    try:
        xai_client.with_options(timeout=0.2).chat.create("grok-4", messages=[user("hi")]).sample()
    except TimeoutError:  # DeadlineExceededError is a TimeoutError
        return
    raise AssertionError("the call should have timed out")


TESTS = [
    test_the_headline_is_the_model_answer,
    test_the_request_carries_the_article_and_the_limits,
    test_an_unavailable_server_is_retried_by_the_sdk,
    test_a_rate_limit_falls_back_to_the_first_sentence,
    test_a_slow_answer_hits_the_timeout,
]


def main() -> None:
    """Run the tests as pytest would: a fresh emulator state and client for each."""
    with Emulator() as emulator:
        print(f"emulator on {emulator.address}")
        for test in TESTS:
            emulator.reset()
            with emulator.client() as client:
                test(emulator, client)
            print(f"passed  {test.__name__}")


if __name__ == "__main__":
    main()
